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

// wait moves the chain's clock d ahead, in a block of its own.
func (c *chain) wait(t *testing.T, d time.Duration) {
	t.Helper()
	if err := c.backend.AdjustTime(d); err != nil {
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

func TestMarketResolvesAndPaysOut(t *testing.T) {
	ctx := context.Background()
	c := newChain(t)
	_, appAddr := deployApp(t, c, day, [32]byte{1})
	s, sim, in := signerFor(t, "market", appAddr)
	reg, regAddr := deployRegistry(t, c, sim)
	tx, err := reg.Register(c.auth(t, 0, nil), in[0], in[1], in[2], in[3])
	c.mined(t, tx, err)
	marketAddr, tx, market, err := bindings.DeployPredictionMarket(c.auth(t, 0, nil), c.client, regAddr)
	c.mined(t, tx, err)

	head, _ := c.client.HeaderByNumber(ctx, nil)
	resolveAfter := head.Time + 60
	def := notary.Market{SourceURL: "https://api.example.com/btc", Pointer: "/price", Comparator: ">=", Threshold: "100000", ResolveAfter: time.Unix(int64(resolveAfter), 0)}
	terms, err := def.TermsHash()
	if err != nil {
		t.Fatal(err)
	}
	if onchain, err := market.TermsHash(nil, contracts.Terms(def)); err != nil || onchain != terms {
		t.Fatalf("contract terms hash %x (%v), notary's %x", onchain, err, terms)
	}
	id, otherID := notary.MarketID("btc-100k"), notary.MarketID("eth-10k")
	for _, m := range [][32]byte{id, otherID} {
		tx, err = market.Create(c.auth(t, 0, nil), m, contracts.Terms(def))
		c.mined(t, tx, err)
	}
	eth := big.NewInt(params.Ether)
	tx, err = market.Bet(c.auth(t, 1, eth), id, true)
	c.mined(t, tx, err)
	tx, err = market.Bet(c.auth(t, 2, new(big.Int).Mul(big.NewInt(2), eth)), id, false)
	c.mined(t, tx, err)
	c.backend.AdjustTime(2 * time.Minute)
	c.backend.Commit()

	domain := notary.Domain{ChainID: big.NewInt(chainID), VerifyingContract: marketAddr}
	statement := func(yes bool, m, terms common.Hash) *notary.Statement {
		return &notary.Statement{RequestHash: common.HexToHash("0x01"), ResponseHash: common.HexToHash("0x02"), SessionHash: common.HexToHash("0x03"),
			Value: notary.Outcome(yes), ObservedAt: resolveAfter + 10, MarketID: m, Terms: terms}
	}
	onchain := contracts.Statement
	good := statement(true, id, terms)
	sig, err := s.Sign(good, domain)
	if err != nil {
		t.Fatal(err)
	}
	// The contract's digest is the notary's.
	if d, _ := market.Digest(nil, id, onchain(good)); d != mustDigest(t, good, domain) {
		t.Fatal("contract and notary disagree on the EIP-712 digest")
	}

	outsider, _, _ := signerFor(t, "not registered", appAddr)
	outsiderSig, _ := outsider.Sign(good, domain)
	otherChainSig, _ := s.Sign(good, notary.Domain{ChainID: big.NewInt(1), VerifyingContract: marketAddr})
	// The same market id resolved under other terms (the threshold moved),
	// and a plain notarization (no terms) of the same value.
	lowered := def
	lowered.Threshold = "50000"
	loweredTerms, _ := lowered.TermsHash()
	otherTermsSig, _ := s.Sign(statement(true, id, loweredTerms), domain)
	plainSig, _ := s.Sign(statement(true, id, common.Hash{}), domain)
	for _, tc := range []struct {
		name string
		id   [32]byte
		st   *notary.Statement
		sig  []byte
	}{
		{"signed by another key", id, good, outsiderSig},
		{"value changed", id, statement(false, id, terms), sig},
		{"signed for other terms", id, good, otherTermsSig},
		{"a plain notarization", id, good, plainSig},
		{"replayed for another market", otherID, good, sig},
		{"for another chain id", id, good, otherChainSig},
	} {
		if _, err := market.Resolve(c.auth(t, 0, nil), tc.id, onchain(tc.st), tc.sig); err == nil || !strings.Contains(err.Error(), "revert") {
			t.Errorf("%s: resolve = %v, want a revert", tc.name, err)
		}
	}

	tx, err = market.Resolve(c.auth(t, 0, nil), id, onchain(good), sig)
	c.mined(t, tx, err)
	m, _ := market.Markets(nil, id)
	if !m.Resolved || !m.Outcome {
		t.Fatalf("market after resolve: %+v", m)
	}
	if _, err := market.Resolve(c.auth(t, 0, nil), id, onchain(good), sig); err == nil {
		t.Error("resolved twice")
	}
	winner := crypto.PubkeyToAddress(c.keys[1].PublicKey)
	before, _ := c.client.BalanceAt(ctx, winner, nil)
	tx, err = market.Claim(c.auth(t, 1, nil), id)
	c.mined(t, tx, err)
	after, _ := c.client.BalanceAt(ctx, winner, nil)
	gain := new(big.Int).Sub(after, before)
	if low := new(big.Int).Mul(big.NewInt(29), big.NewInt(params.Ether/10)); gain.Cmp(low) < 0 { // 3 ETH less gas
		t.Errorf("winner gained %s wei, want about 3 ETH", gain)
	}
	if _, err := market.Claim(c.auth(t, 2, nil), id); err == nil {
		t.Error("the losing side claimed")
	}
}

func mustDigest(t *testing.T, st *notary.Statement, d notary.Domain) common.Hash {
	h, err := st.Digest(d)
	if err != nil {
		t.Fatal(err)
	}
	return h
}
