package contracts_test

import (
	"context"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/params"

	"github.com/devproof/devproof/deploy/contracts"
	"github.com/devproof/devproof/deploy/contracts/bindings"
	"github.com/devproof/devproof/notary"
)

const challenge = time.Hour

// marketSetup is a registered signer and a PredictionMarket for its app.
type marketSetup struct {
	c      *chain
	signer *notary.Signer
	market *bindings.PredictionMarket
	addr   common.Address
	domain notary.Domain
}

func newMarketSetup(t *testing.T, seed string) *marketSetup {
	t.Helper()
	c := newChain(t)
	_, appAddr := deployApp(t, c, day, [32]byte{1})
	s, sim, in := signerFor(t, seed, appAddr)
	reg, regAddr := deployRegistry(t, c, sim)
	tx, err := reg.Register(c.auth(t, 0, nil), in[0], in[1], in[2], in[3])
	c.mined(t, tx, err)
	addr, tx, market, err := bindings.DeployPredictionMarket(c.auth(t, 0, nil), c.client, regAddr, uint64(challenge/time.Second))
	c.mined(t, tx, err)
	return &marketSetup{c: c, signer: s, market: market, addr: addr, domain: notary.Domain{ChainID: big.NewInt(chainID), VerifyingContract: addr}}
}

// open creates a market resolving in a minute with a ten-minute window.
func (ms *marketSetup) open(t *testing.T, name string) (common.Hash, notary.Market) {
	t.Helper()
	def := notary.Market{SourceURL: "https://api.example.com/" + name, Pointer: "/price", Comparator: ">=", Threshold: "100000",
		ResolveAfter: time.Unix(int64(ms.c.now(t)+60), 0), Window: 600}
	id := notary.MarketID(name)
	tx, err := ms.market.Create(ms.c.auth(t, 0, nil), id, contracts.Terms(def))
	ms.c.mined(t, tx, err)
	return id, def
}

// statement signs an observation of market id at resolveAfter+offset.
func (ms *marketSetup) statement(t *testing.T, s *notary.Signer, id common.Hash, def notary.Market, yes bool, offset int64) (bindings.PredictionMarketStatement, []byte) {
	t.Helper()
	terms, err := def.TermsHash()
	if err != nil {
		t.Fatal(err)
	}
	st := &notary.Statement{RequestHash: common.Hash{1}, ResponseHash: common.Hash{2}, SessionHash: common.Hash{byte(offset)},
		Value: notary.Outcome(yes), ObservedAt: uint64(def.ResolveAfter.Unix() + offset), MarketID: id, Terms: terms}
	sig, err := s.Sign(st, ms.domain)
	if err != nil {
		t.Fatal(err)
	}
	return contracts.Statement(st), sig
}

func (ms *marketSetup) appAuth(t *testing.T) common.Address {
	t.Helper()
	a, err := ms.market.AppAuth(nil)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func (ms *marketSetup) status(t *testing.T, id common.Hash) uint8 {
	t.Helper()
	s, err := ms.market.Status(nil, id)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// PredictionMarket.Status values.
const (
	statusBetting   = 1
	statusObserving = 2
	statusResolved  = 3
	statusVoid      = 4
)

func (ms *marketSetup) balance(t *testing.T) *big.Int {
	t.Helper()
	b, err := ms.c.client.BalanceAt(context.Background(), ms.addr, nil)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestMarketCreateRules(t *testing.T) {
	ms := newMarketSetup(t, "create")
	now := ms.c.now(t)
	for _, tc := range []struct {
		name         string
		resolveAfter uint64
		window       uint64
		want         string
	}{
		{"resolving in the past", now - 10, 60, "BadTerms"},
		{"no window", now + 60, 0, "BadTerms"},
		{"closing after the app's delay", now + uint64((day-challenge)/time.Second), 60, "OutlivesDelay"},
	} {
		def := notary.Market{SourceURL: "https://x", Pointer: "/v", Comparator: ">", Threshold: "1", ResolveAfter: time.Unix(int64(tc.resolveAfter), 0), Window: tc.window}
		_, err := ms.market.Create(ms.c.auth(t, 0, nil), notary.MarketID(tc.name), contracts.Terms(def))
		reverts(t, tc.name, err, tc.want)
	}
	id, def := ms.open(t, "twice")
	_, err := ms.market.Create(ms.c.auth(t, 0, nil), id, contracts.Terms(def))
	reverts(t, "the same id twice", err, "MarketExists")
	terms, _ := def.TermsHash()
	if onchain, err := ms.market.TermsHash(nil, contracts.Terms(def)); err != nil || onchain != terms {
		t.Fatalf("contract terms hash %x (%v), notary's %x", onchain, err, terms)
	}
}

// The earliest valid observation submitted before the market closes is
// its outcome, whoever submits it and in whatever order; the winners
// share the pool and nothing stays in the contract.
func TestMarketEarliestObservationWins(t *testing.T) {
	ms := newMarketSetup(t, "earliest")
	c := ms.c
	id, def := ms.open(t, "btc-100k")
	otherID, _ := ms.open(t, "eth-10k")
	eth := big.NewInt(params.Ether)
	tx, err := ms.market.Bet(c.auth(t, 1, eth), id, true)
	c.mined(t, tx, err)
	tx, err = ms.market.Bet(c.auth(t, 2, new(big.Int).Mul(big.NewInt(2), eth)), id, false)
	c.mined(t, tx, err)
	if s := ms.status(t, id); s != statusBetting {
		t.Fatalf("status %d before resolveAfter", s)
	}
	submit := func(st bindings.PredictionMarketStatement, sig []byte) error {
		tx, err := ms.market.Resolve(c.auth(t, 0, nil), id, st, sig)
		if err == nil {
			c.mined(t, tx, nil)
		}
		return err
	}
	reverts(t, "a statement before resolveAfter", submit(ms.statement(t, ms.signer, id, def, true, 0)), "TooEarly")
	c.wait(t, 2*time.Minute)
	_, err = ms.market.Bet(c.auth(t, 1, eth), id, true)
	reverts(t, "a bet after resolveAfter", err, "BettingClosed")

	// Signatures that do not come from the registered signer for exactly
	// this statement, market, terms, chain and contract.
	outsider, _ := newSignerFor(t, "not registered", c)
	good, goodSig := ms.statement(t, ms.signer, id, def, true, 10)
	_, outsiderSig := ms.statement(t, outsider, id, def, true, 10)
	lowered := def
	lowered.Threshold = "50000"
	_, otherTermsSig := ms.statement(t, ms.signer, id, lowered, true, 10)
	plain := good
	plainTerms := &notary.Statement{RequestHash: plain.RequestHash, ResponseHash: plain.ResponseHash, SessionHash: plain.SessionHash, Value: plain.Value, ObservedAt: plain.ObservedAt, MarketID: id}
	plainSig, _ := ms.signer.Sign(plainTerms, ms.domain)
	otherChainSig, _ := ms.signer.Sign(&notary.Statement{RequestHash: good.RequestHash, ResponseHash: good.ResponseHash, SessionHash: good.SessionHash, Value: good.Value, ObservedAt: good.ObservedAt, MarketID: id, Terms: mustTerms(t, def)},
		notary.Domain{ChainID: big.NewInt(1), VerifyingContract: ms.addr})
	flipped := good
	flipped.Value = notary.Outcome(false)
	two, twoSig := ms.statement(t, ms.signer, id, def, true, 10)
	two.Value = common.LeftPadBytes([]byte{2}, 32)
	twoSig, _ = ms.signer.Sign(&notary.Statement{RequestHash: two.RequestHash, ResponseHash: two.ResponseHash, SessionHash: two.SessionHash, Value: two.Value, ObservedAt: two.ObservedAt, MarketID: id, Terms: mustTerms(t, def)}, ms.domain)
	for _, tc := range []struct {
		name string
		id   common.Hash
		st   bindings.PredictionMarketStatement
		sig  []byte
		want string
	}{
		{"signed by another key", id, good, outsiderSig, "UnknownSigner"},
		{"value changed", id, flipped, goodSig, "UnknownSigner"},
		{"signed for other terms", id, good, otherTermsSig, "UnknownSigner"},
		{"a plain notarization", id, good, plainSig, "UnknownSigner"},
		{"replayed for another market", otherID, good, goodSig, "UnknownSigner"},
		{"for another chain id", id, good, otherChainSig, "UnknownSigner"},
		{"a value that is not a bool", id, two, twoSig, "BadValue"},
		{"a short signature", id, good, goodSig[:64], "BadSignature"},
	} {
		_, err := ms.market.Resolve(c.auth(t, 0, nil), tc.id, tc.st, tc.sig)
		reverts(t, tc.name, err, tc.want)
	}
	// Observations outside the window, or after the block they are
	// submitted in (the notary's clock ahead of the chain's).
	for _, tc := range []struct {
		name   string
		offset int64
		want   string
	}{
		{"observed before the window", -1, "ObservedBeforeWindow"},
		{"observed after the window", 601, "ObservedAfterWindow"},
		{"observed in the future", 400, "ObservedInFuture"},
	} {
		reverts(t, tc.name, submit(ms.statement(t, ms.signer, id, def, true, tc.offset)), tc.want)
	}

	// A later observation first (NO), then the earlier one (YES) replaces
	// it; nothing later or equal replaces that.
	if err := submit(ms.statement(t, ms.signer, id, def, false, 30)); err != nil {
		t.Fatalf("a first observation: %v (%s)", err, contracts.Revert(err))
	}
	_, err = ms.market.Claim(c.auth(t, 2, nil), id)
	reverts(t, "claiming while observing", err, "NotSettled")
	reverts(t, "an equally early observation", submit(ms.statement(t, ms.signer, id, def, true, 30)), "NotEarlier")
	if err := submit(good, goodSig); err != nil {
		t.Fatalf("an earlier observation: %v (%s)", err, contracts.Revert(err))
	}
	reverts(t, "a later observation", submit(ms.statement(t, ms.signer, id, def, false, 20)), "NotEarlier")
	m, _ := ms.market.Markets(nil, id)
	if !m.Outcome || m.ObservedAt != uint64(def.ResolveAfter.Unix()+10) {
		t.Fatalf("market after the earlier observation: %+v", m)
	}

	c.wait(t, 10*time.Minute+challenge)
	reverts(t, "a statement after the market closed", submit(ms.statement(t, ms.signer, id, def, false, 5)), "SubmissionClosed")
	if s := ms.status(t, id); s != statusResolved {
		t.Fatalf("status %d after closing with an observation", s)
	}
	winner := crypto.PubkeyToAddress(c.keys[1].PublicKey)
	before, _ := c.client.BalanceAt(context.Background(), winner, nil)
	tx, err = ms.market.Claim(c.auth(t, 1, nil), id)
	c.mined(t, tx, err)
	after, _ := c.client.BalanceAt(context.Background(), winner, nil)
	if gain := new(big.Int).Sub(after, before); gain.Cmp(new(big.Int).Mul(big.NewInt(29), big.NewInt(params.Ether/10))) < 0 {
		t.Errorf("winner gained %s wei, want about 3 ETH", gain)
	}
	_, err = ms.market.Claim(c.auth(t, 2, nil), id)
	reverts(t, "the losing side", err, "NothingToClaim")
	_, err = ms.market.Claim(c.auth(t, 1, nil), id)
	reverts(t, "claiming twice", err, "NothingToClaim")
	if b := ms.balance(t); b.Sign() != 0 {
		t.Errorf("%s wei left in the contract", b)
	}
}

// With no observation by the time the market closes it is void: every
// stake comes back, to the wei.
func TestMarketVoidRefunds(t *testing.T) {
	ms := newMarketSetup(t, "void")
	c := ms.c
	id, _ := ms.open(t, "nobody-observed")
	stakes := []int64{3, 7}
	for i, s := range stakes {
		tx, err := ms.market.Bet(c.auth(t, i+1, big.NewInt(s)), id, i == 0)
		c.mined(t, tx, err)
	}
	c.wait(t, 2*time.Minute)
	_, err := ms.market.Claim(c.auth(t, 1, nil), id)
	reverts(t, "a refund while observing", err, "NotSettled")
	c.wait(t, 10*time.Minute+challenge)
	if s := ms.status(t, id); s != statusVoid {
		t.Fatalf("status %d, want void", s)
	}
	for i := range stakes {
		tx, err := ms.market.Claim(c.auth(t, i+1, nil), id)
		c.mined(t, tx, err)
	}
	if b := ms.balance(t); b.Sign() != 0 {
		t.Errorf("%s wei left after every refund", b)
	}
}

// Payouts round down, and the last winner to claim takes what rounding
// left, so no wei stays locked.
func TestMarketDustGoesToTheLastWinner(t *testing.T) {
	ms := newMarketSetup(t, "dust")
	c := ms.c
	id, def := ms.open(t, "dust")
	for i := 0; i < 3; i++ {
		tx, err := ms.market.Bet(c.auth(t, i, big.NewInt(1)), id, true)
		c.mined(t, tx, err)
	}
	tx, err := ms.market.Bet(c.auth(t, 0, big.NewInt(2)), id, false)
	c.mined(t, tx, err)
	c.wait(t, 2*time.Minute)
	st, sig := ms.statement(t, ms.signer, id, def, true, 1)
	tx, err = ms.market.Resolve(c.auth(t, 0, nil), id, st, sig)
	c.mined(t, tx, err)
	c.wait(t, 10*time.Minute+challenge)
	var paid []int64
	for i := 0; i < 3; i++ {
		tx, err := ms.market.Claim(c.auth(t, i, nil), id)
		c.mined(t, tx, err)
		it, err := ms.market.FilterClaimed(&bind.FilterOpts{Start: 0}, [][32]byte{id}, []common.Address{crypto.PubkeyToAddress(c.keys[i].PublicKey)})
		if err != nil {
			t.Fatal(err)
		}
		for it.Next() {
			paid = append(paid, it.Event.Amount.Int64())
		}
	}
	// 5 wei among three 1-wei winners: 5/3 rounds to 1, twice; the last gets 3.
	if len(paid) != 3 || paid[0] != 1 || paid[1] != 1 || paid[2] != 3 {
		t.Errorf("payouts %v, want [1 1 3]", paid)
	}
	if b := ms.balance(t); b.Sign() != 0 {
		t.Errorf("%s wei left in the contract", b)
	}
}

func mustTerms(t *testing.T, m notary.Market) common.Hash {
	t.Helper()
	h, err := m.TermsHash()
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// newSignerFor makes a signer of an app that is not registered anywhere.
func newSignerFor(t *testing.T, seed string, c *chain) (*notary.Signer, common.Address) {
	t.Helper()
	_, app := deployApp(t, c, day, [32]byte{2})
	s, _, _ := signerFor(t, seed, app)
	return s, app
}

// The one moment a loosening change can take effect while a market is
// open: a change proposed in the market's own block can be activated at
// the very second the market closes. A statement in that block, after the
// activation, is refused: the signer may already run the new code.
func TestMarketRefusesStatementsOnceCodeMayHaveChanged(t *testing.T) {
	ms := newMarketSetup(t, "edge")
	c := ms.c
	// Far ahead of the wall clock, each block is its parent's time + 1 s,
	// so the test knows every block's time in advance.
	c.wait(t, time.Hour)
	created := c.now(t) + 1
	closes := created + uint64(day/time.Second)
	def := notary.Market{SourceURL: "https://api.example.com/edge", Pointer: "/price", Comparator: ">=", Threshold: "1",
		ResolveAfter: time.Unix(int64(closes-60-uint64(challenge/time.Second)), 0), Window: 60}
	id := notary.MarketID("edge")
	fixed := func(i int) *bind.TransactOpts {
		o := c.auth(t, i, nil)
		o.GasLimit = 500_000
		return o
	}
	app, err := bindings.NewDevproofAppAuth(ms.appAuth(t), c.client)
	if err != nil {
		t.Fatal(err)
	}
	createTx, err := ms.market.Create(fixed(0), id, contracts.Terms(def))
	if err != nil {
		t.Fatal(err)
	}
	proposeTx, err := app.ProposeComposeHash(fixed(0), composeB)
	if err != nil {
		t.Fatal(err)
	}
	c.backend.Commit()
	for _, tx := range []common.Hash{createTx.Hash(), proposeTx.Hash()} {
		if r, err := c.client.TransactionReceipt(context.Background(), tx); err != nil || r.Status != 1 {
			t.Fatalf("create and propose in one block: %v %+v", err, r)
		}
	}
	if now := c.now(t); now != created {
		t.Fatalf("block time %d, want %d", now, created)
	}
	ch, _ := app.Change(nil, big.NewInt(0))
	if ch.EffectiveAt != closes {
		t.Fatalf("the change takes effect at %d, the market closes at %d", ch.EffectiveAt, closes)
	}
	c.wait(t, time.Duration(closes-1-created)*time.Second)
	st, sig := ms.statement(t, ms.signer, id, def, true, 1)
	activateTx, err := app.Activate(fixed(1), big.NewInt(0))
	if err != nil {
		t.Fatal(err)
	}
	resolveTx, err := ms.market.Resolve(fixed(1), id, st, sig)
	if err != nil {
		t.Fatal(err)
	}
	c.backend.Commit()
	if now := c.now(t); now != closes {
		t.Fatalf("block time %d, want the closing second %d", now, closes)
	}
	if r, _ := c.client.TransactionReceipt(context.Background(), activateTx.Hash()); r == nil || r.Status != 1 {
		t.Fatalf("activation at the closing second failed: %+v", r)
	}
	if r, _ := c.client.TransactionReceipt(context.Background(), resolveTx.Hash()); r == nil || r.Status != 0 {
		t.Fatalf("a statement after the activation was accepted: %+v", r)
	}
	_, err = ms.market.Resolve(c.auth(t, 1, nil), id, st, sig)
	reverts(t, "a statement once the policy loosened", err, "CodeMayHaveChanged")
}
