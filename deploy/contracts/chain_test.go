package contracts_test

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/eth/ethconfig"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/ethereum/go-ethereum/node"
	"github.com/ethereum/go-ethereum/params"

	"github.com/devproof/devproof/deploy/contracts"
	"github.com/devproof/devproof/deploy/contracts/bindgen"
	"github.com/devproof/devproof/deploy/contracts/bindings"
	"github.com/devproof/devproof/internal/simchain"
	"github.com/devproof/devproof/internal/teesim"
	"github.com/devproof/devproof/notary"
)

// The committed bindings are what abigen makes of the committed artifacts.
func TestBindingsCurrent(t *testing.T) {
	files, err := bindgen.Bindings("artifacts")
	if err != nil {
		t.Fatal(err)
	}
	for name, code := range files {
		got, err := os.ReadFile(filepath.Join("bindings", name))
		if err != nil || string(got) != string(code) {
			t.Errorf("bindings/%s is not current (run go generate ./deploy/contracts)", name)
		}
	}
}

// The committed artifacts are what the pinned solc-js makes of src/.
func TestArtifactsCurrent(t *testing.T) {
	if _, err := os.Stat("node_modules/solc"); err != nil {
		if os.Getenv("DEVPROOF_CONTRACTS") == "required" {
			t.Fatal("solc-js is not installed (cd deploy/contracts && npm ci) and DEVPROOF_CONTRACTS=required")
		}
		t.Skip("solc-js is not installed: cd deploy/contracts && npm ci")
	}
	out, err := exec.Command("node", "compile.js", "--check").CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
}

const chainID = 1337 // the simulated backend's

type chain struct {
	backend *simulated.Backend
	client  simulated.Client
	keys    []*ecdsa.PrivateKey
}

func newChain(t *testing.T, options ...func(*node.Config, *ethconfig.Config)) *chain {
	c := &chain{}
	alloc := types.GenesisAlloc{}
	for i := 0; i < 3; i++ {
		k, _ := crypto.GenerateKey()
		c.keys = append(c.keys, k)
		alloc[crypto.PubkeyToAddress(k.PublicKey)] = types.Account{Balance: new(big.Int).Mul(big.NewInt(100), big.NewInt(params.Ether))}
	}
	c.backend = simulated.NewBackend(alloc, options...)
	t.Cleanup(func() { c.backend.Close() })
	c.client = c.backend.Client()
	return c
}

func (c *chain) auth(t *testing.T, i int, value *big.Int) *bind.TransactOpts {
	a, err := bind.NewKeyedTransactorWithChainID(c.keys[i], big.NewInt(chainID))
	if err != nil {
		t.Fatal(err)
	}
	a.Value = value
	return a
}

// mined commits the block and requires the transaction to have succeeded.
func (c *chain) mined(t *testing.T, tx *types.Transaction, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%v (%s)", err, contracts.Revert(err))
	}
	c.backend.Commit()
	r, err := c.client.TransactionReceipt(context.Background(), tx.Hash())
	if err != nil || r.Status != types.ReceiptStatusSuccessful {
		t.Fatalf("transaction failed: %v %+v", err, r)
	}
}

// now is the chain's time: its head block's.
func (c *chain) now(t *testing.T) uint64 {
	t.Helper()
	h, err := c.client.HeaderByNumber(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return h.Time
}

// wait moves the chain's clock d ahead, in a block of its own. A
// transaction that reached the pool after the last block was sealed is
// mined first, as AdjustTime only seals empty blocks.
func (c *chain) wait(t *testing.T, d time.Duration) {
	t.Helper()
	err := c.backend.AdjustTime(d)
	if err != nil {
		c.backend.Commit()
		err = c.backend.AdjustTime(d)
	}
	if err != nil {
		t.Fatal(err)
	}
}

// reverts requires err to be a revert named want (a custom error's name,
// or a require message).
func reverts(t *testing.T, what string, err error, want string) {
	t.Helper()
	if err == nil {
		t.Errorf("%s: succeeded, want a revert %s", what, want)
		return
	}
	if got := contracts.Revert(err); got != want && !strings.HasPrefix(got, want+"(") {
		t.Errorf("%s: reverted with %q (%v), want %s", what, got, err, want)
	}
}

const day = 24 * time.Hour

// deployApp deploys a DevproofAppAuth owned by key 0 that allows compose
// and any device.
func deployApp(t *testing.T, c *chain, delay time.Duration, compose [32]byte) (*bindings.DevproofAppAuth, common.Address) {
	t.Helper()
	addr, tx, app, err := bindings.DeployDevproofAppAuth(c.auth(t, 0, nil), c.client, crypto.PubkeyToAddress(c.keys[0].PublicKey), uint64(delay/time.Second), false, true, [32]byte{}, compose)
	c.mined(t, tx, err)
	return app, addr
}

// signerFor makes a notary signer from a simulated app with that app id,
// and the inputs NotaryRegistry.register takes.
func signerFor(t *testing.T, seed string, appID common.Address) (*notary.Signer, *teesim.Simulator, [][]byte) {
	t.Helper()
	return signerWith(t, teesim.Config{Seed: []byte(seed), AppID: appID.Bytes()})
}

func signerWith(t *testing.T, cfg teesim.Config) (*notary.Signer, *teesim.Simulator, [][]byte) {
	t.Helper()
	sim, err := teesim.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	s, in := signerOf(t, sim)
	return s, sim, in
}

// signerOf serves sim's guest-agent API and makes the notary signer with it.
func signerOf(t *testing.T, sim *teesim.Simulator) (*notary.Signer, [][]byte) {
	t.Helper()
	s := simchain.SignerOf(t, sim)
	a, err := contracts.ArgsFor(s)
	if err != nil {
		t.Fatal(err)
	}
	return s, [][]byte{a.SignerKey, a.AppKey, a.AppSignature, a.KMSSignature}
}

func deployRegistry(t *testing.T, c *chain, sim *teesim.Simulator) (*bindings.NotaryRegistry, common.Address) {
	t.Helper()
	addr, tx, reg, err := bindings.DeployNotaryRegistry(c.auth(t, 0, nil), c.client, common.Address(sim.AppID()), crypto.PubkeyToAddress(sim.Keys().KMSRoot.PublicKey), uint64(day/time.Second))
	c.mined(t, tx, err)
	return reg, addr
}

func TestRegistryChecksTheDstackChain(t *testing.T) {
	c := newChain(t)
	_, appAddr := deployApp(t, c, 2*day, [32]byte{1})
	s, sim, in := signerFor(t, "registry", appAddr)
	reg, _ := deployRegistry(t, c, sim)
	tx, err := reg.Register(c.auth(t, 1, nil), in[0], in[1], in[2], in[3])
	c.mined(t, tx, err)
	if ok, err := reg.IsSigner(nil, s.Address); err != nil || !ok {
		t.Fatalf("signer not registered: %v", err)
	}

	// A registry for another app, or another KMS root, refuses the chain.
	_, otherApp := deployApp(t, c, 2*day, [32]byte{1})
	_, tx, other, err := bindings.DeployNotaryRegistry(c.auth(t, 0, nil), c.client, otherApp, crypto.PubkeyToAddress(sim.Keys().KMSRoot.PublicKey), 0)
	c.mined(t, tx, err)
	_, err = other.Register(c.auth(t, 1, nil), in[0], in[1], in[2], in[3])
	reverts(t, "another app id", err, "KmsRootMismatch")
	_, otherSim, _ := signerFor(t, "another KMS", appAddr)
	_, tx, other, err = bindings.DeployNotaryRegistry(c.auth(t, 0, nil), c.client, appAddr, crypto.PubkeyToAddress(otherSim.Keys().KMSRoot.PublicKey), 0)
	c.mined(t, tx, err)
	_, err = other.Register(c.auth(t, 1, nil), in[0], in[1], in[2], in[3])
	reverts(t, "another KMS root", err, "KmsRootMismatch")
	// A signer key that is not the one the chain signed.
	wrong, _ := crypto.GenerateKey()
	_, err = reg.Register(c.auth(t, 1, nil), crypto.FromECDSAPub(&wrong.PublicKey)[1:], in[1], in[2], in[3])
	reverts(t, "a key outside the chain", err, "AppKeyMismatch")
	// The signed x with another y of the same parity: it compresses to what
	// was signed, but is off the curve, so no one holds its key.
	offCurve := bytes.Clone(in[0])
	y := new(big.Int).Add(new(big.Int).SetBytes(offCurve[32:]), big.NewInt(2))
	y.FillBytes(offCurve[32:])
	_, err = reg.Register(c.auth(t, 1, nil), offCurve, in[1], in[2], in[3])
	reverts(t, "a signer key off the curve", err, "NotOnCurve")
}

// The registry binds signers only to apps whose policy is a real
// DevproofAppAuth with at least its minimum delay: not an account, not a
// contract that merely answers like one, not one with a shorter delay.
func TestRegistryRequiresADevproofAppAuth(t *testing.T) {
	c := newChain(t)
	_, app := deployApp(t, c, 2*day, [32]byte{1})
	kmsAddr, tx, _, err := bindings.DeployDevKms(c.auth(t, 0, nil), c.client)
	c.mined(t, tx, err)
	root := common.HexToAddress("0x1")
	for _, tc := range []struct {
		name     string
		app      common.Address
		minDelay time.Duration
		want     string
	}{
		{"an account", crypto.PubkeyToAddress(c.keys[1].PublicKey), 0, "NotDevproofAppAuth"},
		{"another IAppAuth contract", kmsAddr, 0, "NotDevproofAppAuth"},
		{"a delay below the minimum", app, 3 * day, "DelayTooShort"},
	} {
		_, _, _, err := bindings.DeployNotaryRegistry(c.auth(t, 0, nil), c.client, tc.app, root, uint64(tc.minDelay/time.Second))
		reverts(t, tc.name, err, tc.want)
	}
	_, tx, reg, err := bindings.DeployNotaryRegistry(c.auth(t, 0, nil), c.client, app, root, uint64(2*day/time.Second))
	c.mined(t, tx, err)
	if got, _ := reg.AppId(nil); common.Address(got) != app {
		t.Errorf("registry app id %x, want the app auth's address %s", got, app)
	}
}

func mustDigest(t *testing.T, st *notary.Statement, d notary.Domain) common.Hash {
	h, err := st.Digest(d)
	if err != nil {
		t.Fatal(err)
	}
	return h
}
