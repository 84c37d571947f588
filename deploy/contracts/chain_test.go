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
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/ethereum/go-ethereum/params"

	"github.com/devproof/devproof/deploy/contracts"
	"github.com/devproof/devproof/deploy/contracts/bindings"
	"github.com/devproof/devproof/internal/teesim"
	"github.com/devproof/devproof/notary"
)

// The committed bindings are what abigen makes of the committed artifacts.
func TestBindingsCurrent(t *testing.T) {
	files, err := contracts.Bindings("artifacts")
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

func newChain(t *testing.T) *chain {
	c := &chain{}
	alloc := types.GenesisAlloc{}
	for i := 0; i < 3; i++ {
		k, _ := crypto.GenerateKey()
		c.keys = append(c.keys, k)
		alloc[crypto.PubkeyToAddress(k.PublicKey)] = types.Account{Balance: new(big.Int).Mul(big.NewInt(100), big.NewInt(params.Ether))}
	}
	c.backend = simulated.NewBackend(alloc)
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
		t.Fatal(err)
	}
	c.backend.Commit()
	r, err := c.client.TransactionReceipt(context.Background(), tx.Hash())
	if err != nil || r.Status != types.ReceiptStatusSuccessful {
		t.Fatalf("transaction failed: %v %+v", err, r)
	}
}

// signerFor makes a notary signer from a simulated app, and the inputs
// NotaryRegistry.register takes.
func signerFor(t *testing.T, seed string) (*notary.Signer, *teesim.Simulator, [][]byte) {
	t.Helper()
	sim, err := teesim.New(teesim.Config{Seed: []byte(seed)})
	if err != nil {
		t.Fatal(err)
	}
	agent, stop, err := sim.Start(filepath.Join(t.TempDir(), "dstack.sock"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	s, err := notary.NewSigner(context.Background(), agent)
	if err != nil {
		t.Fatal(err)
	}
	a, err := contracts.ArgsFor(s)
	if err != nil {
		t.Fatal(err)
	}
	return s, sim, [][]byte{a.SignerKey, a.AppKey, a.AppSignature, a.KMSSignature}
}

func deployRegistry(t *testing.T, c *chain, sim *teesim.Simulator) (*bindings.NotaryRegistry, common.Address) {
	t.Helper()
	id := sim.AppID()
	addr, tx, reg, err := bindings.DeployNotaryRegistry(c.auth(t, 0, nil), c.client, id, crypto.PubkeyToAddress(sim.Keys().KMSRoot.PublicKey))
	c.mined(t, tx, err)
	return reg, addr
}

func TestRegistryChecksTheDstackChain(t *testing.T) {
	c := newChain(t)
	s, sim, in := signerFor(t, "registry")
	reg, _ := deployRegistry(t, c, sim)
	tx, err := reg.Register(c.auth(t, 1, nil), in[0], in[1], in[2], in[3])
	c.mined(t, tx, err)
	if ok, err := reg.IsSigner(nil, s.Address); err != nil || !ok {
		t.Fatalf("signer not registered: %v", err)
	}

	// A registry for another app id, or another KMS root, refuses the chain.
	otherID := sim.AppID()
	otherID[0] ^= 1
	_, tx, other, err := bindings.DeployNotaryRegistry(c.auth(t, 0, nil), c.client, otherID, crypto.PubkeyToAddress(sim.Keys().KMSRoot.PublicKey))
	c.mined(t, tx, err)
	if _, err := other.Register(c.auth(t, 1, nil), in[0], in[1], in[2], in[3]); err == nil || !strings.Contains(err.Error(), "revert") {
		t.Errorf("another app id: %v", err)
	}
	_, otherSim, _ := signerFor(t, "another KMS")
	_, tx, other, err = bindings.DeployNotaryRegistry(c.auth(t, 0, nil), c.client, sim.AppID(), crypto.PubkeyToAddress(otherSim.Keys().KMSRoot.PublicKey))
	c.mined(t, tx, err)
	if _, err := other.Register(c.auth(t, 1, nil), in[0], in[1], in[2], in[3]); err == nil {
		t.Error("another KMS root: registered")
	}
	// A signer key that is not the one the chain signed.
	wrong, _ := crypto.GenerateKey()
	if _, err := reg.Register(c.auth(t, 1, nil), crypto.FromECDSAPub(&wrong.PublicKey)[1:], in[1], in[2], in[3]); err == nil {
		t.Error("a key outside the chain was registered")
	}
	// The signed x with another y of the same parity: it compresses to what
	// was signed, but is off the curve, so no one holds its key.
	offCurve := bytes.Clone(in[0])
	y := new(big.Int).Add(new(big.Int).SetBytes(offCurve[32:]), big.NewInt(2))
	y.FillBytes(offCurve[32:])
	if _, err := reg.Register(c.auth(t, 1, nil), offCurve, in[1], in[2], in[3]); err == nil || !strings.Contains(err.Error(), "revert") {
		t.Errorf("a signer key off the curve: %v", err)
	}
}

func TestMarketResolvesAndPaysOut(t *testing.T) {
	ctx := context.Background()
	c := newChain(t)
	s, sim, in := signerFor(t, "market")
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

	outsider, _, _ := signerFor(t, "not registered")
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
