package oracle_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/tls"
	"encoding/json"
	"fmt"
	"log/slog"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/params"

	"github.com/devproof/devproof/deploy/contracts"
	"github.com/devproof/devproof/deploy/contracts/bindings"
	"github.com/devproof/devproof/internal/localca"
	"github.com/devproof/devproof/internal/retry"
	"github.com/devproof/devproof/internal/simchain"
	"github.com/devproof/devproof/notary"
	"github.com/devproof/devproof/notary/oracle"
)

func TestMain(m *testing.M) { simchain.Main(m) }

const (
	day       = 24 * time.Hour
	window    = time.Hour
	challenge = 10 * time.Minute
	// The price before and after it falls; the markets ask ">= 100000".
	high, low = 101000, 90000
)

// PredictionMarket.Status values.
const (
	statusResolved = 3
	statusVoid     = 4
)

// The operator plays the attacker. They run every notary instance, its
// clock, its network and its chain node, hold a funded key and bet NO;
// they do not hold the TEE's keys or change the notary's code. A price
// source serves the live price, which falls below the threshold during
// the window, and the price at any past second. Four markets open at
// resolveAfter R with a one-hour window:
//
//   - idx asks the source for the price at R (time-indexed): it settles
//     YES whatever the operator does;
//   - live reads the live price: the earliest observation, made at R,
//     settles it YES, and the operator's later NO cannot replace it;
//   - void's source the operator blocks for the whole window: nothing is
//     observed and every stake is refunded;
//   - stalled reads the live price, which the operator blocks until it
//     has fallen: it settles NO, the operator's pick. This is the weaker
//     guarantee of a live source.
func TestOperatorCannotPickTheOutcome(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	w.net.block("blocked.devproof.test", "stalled.devproof.test")

	// Instances scan from genesis, so they see the markets created below.
	a := w.start("a", 0, w.rpc(), nil)
	b := w.start("b", 0, w.rpc(), nil)
	aheadDay := w.start("ahead-a-day", day, w.rpc(), nil)
	behindDay := w.start("behind-a-day", -day, w.rpc(), nil)
	// The operator's node can lie about the chain's time too.
	aheadLying := w.start("ahead-with-its-node", 5*time.Minute, lyingNode{w.rpc(), 5 * time.Minute}, nil)

	R := w.openMarkets()
	idx, live, void, stalled := notary.MarketID("idx"), notary.MarketID("live"), notary.MarketID("void"), notary.MarketID("stalled")

	// (a) Two instances, one signer: both observe at the window's start,
	// and see the same value.
	aIdx, bIdx, aLive := a.await(t, idx), b.await(t, idx), a.await(t, live)
	for _, n := range []*notary.Notarization{aIdx, bIdx, aLive} {
		if n.Signer.Address != w.signer.Address || !yes(n) || string(n.Value) != strconv.Itoa(high) || n.Statement.ObservedAt < uint64(R.Unix()) {
			t.Fatalf("an observation at the window's start: signer %s, value %s, observed at %d (R %d)", n.Signer.Address.Hex(), n.Value, n.Statement.ObservedAt, R.Unix())
		}
	}
	if aIdx.Record.Request.URL != w.src.url("prices", fmt.Sprintf("/at/%d", R.Unix())) {
		t.Errorf("the time-indexed market fetched %s", aIdx.Record.Request.URL)
	}

	// (d) Clocks set off: a day ahead, a day behind, or five minutes ahead
	// with a node that agrees. None observes; asked to, each names the
	// clock check.
	for _, tc := range []struct {
		in   *instance
		want string
	}{
		{aheadDay, "after the chain's head"},
		{behindDay, "before the chain's head"},
		{aheadLying, "the source's Date header says"},
	} {
		if code, _ := tc.in.get(t, idx); code != 404 {
			t.Errorf("%s published an observation (%d)", tc.in.name, code)
		}
		code, out := tc.in.resolve(t, idx)
		if code != 422 || out["check"] != "clock" || !strings.Contains(out["error"].(string), tc.want) {
			t.Errorf("%s asked to observe: %d %v, want the clock check (%s)", tc.in.name, code, out, tc.want)
		}
	}

	// A statement signed at a time set off is refused by the contract.
	eventually(t, "the chain reaching resolveAfter", func() bool { return !w.chain.Now(t).Before(R) })
	bettor := w.submitter(1)
	for _, tc := range []struct {
		name string
		at   time.Time
		want string
	}{
		{"backdated a day", R.Add(-day), "ObservedBeforeWindow"},
		{"forwarded a day", R.Add(day), "ObservedAfterWindow"},
		{"forwarded past the chain's head", R.Add(window - time.Minute), "ObservedInFuture"},
	} {
		st := *aIdx.Statement
		st.ObservedAt = uint64(tc.at.Unix())
		sig, err := w.signer.Sign(&st, w.domain)
		if err != nil {
			t.Fatal(err)
		}
		_, err = bettor.Submit(ctx, &notary.Notarization{Statement: &st, Signature: sig})
		reverts(t, tc.name, err, tc.want)
	}

	// (b) The operator restarts b with nothing kept, once the price has
	// fallen. It observes again: the time-indexed market the same, the
	// live one NO. It submits both at once with the operator's key.
	b.stop()
	for time.Now().Unix() <= int64(aLive.Statement.ObservedAt)+1 {
		time.Sleep(50 * time.Millisecond)
	}
	fell := w.src.fall()
	b2 := w.start("b-restarted", 0, w.rpc(), w.chain.Keys[0])
	b2Idx, b2Live := b2.await(t, idx), b2.await(t, live)
	if !yes(b2Idx) || string(b2Idx.Value) != string(aIdx.Value) || b2Idx.Statement.ObservedAt <= aIdx.Statement.ObservedAt {
		t.Errorf("restarted: idx value %s at %d, first %s at %d", b2Idx.Value, b2Idx.Statement.ObservedAt, aIdx.Value, aIdx.Statement.ObservedAt)
	}
	if yes(b2Live) || string(b2Live.Value) != strconv.Itoa(low) {
		t.Errorf("restarted: live value %s, want the fallen price", b2Live.Value)
	}

	// (c) Its later observations stand for now...
	w.awaitObserved(t, idx, b2Idx)
	w.awaitObserved(t, live, b2Live)
	if w.state(t, live).Outcome {
		t.Fatal("the later live observation did not settle NO")
	}
	// ...until a bettor submits the earlier ones a published.
	for _, n := range []*notary.Notarization{aIdx, aLive} {
		if sub, err := bettor.Submit(ctx, a.fetch(t, n.Statement.MarketID)); err != nil || sub.Earlier || sub.Tx == (common.Hash{}) {
			t.Fatalf("the bettor's earlier observation: %+v %v", sub, err)
		}
	}
	for id, first := range map[common.Hash]*notary.Notarization{idx: aIdx, live: aLive} {
		if m := w.state(t, id); !m.Outcome || m.ObservedAt != first.Statement.ObservedAt || m.SessionHash != first.SessionHash {
			t.Errorf("market %s after the earlier observation: %+v", id.Hex(), m)
		}
	}
	// The later one cannot come back: NotEarlier, which the submitter
	// reports as an earlier observation standing.
	operator := w.submitter(0)
	for _, n := range []*notary.Notarization{b2Idx, b2Live} {
		if sub, err := operator.Submit(ctx, n); err != nil || !sub.Earlier {
			t.Errorf("resubmitting a later observation: %+v %v", sub, err)
		}
	}

	// The stalled live market: the operator lets it through only once
	// the price has fallen, so every observation in the window is NO.
	w.net.unblock("stalled.devproof.test")
	aStalled := a.await(t, stalled)
	if yes(aStalled) || aStalled.Statement.ObservedAt < uint64(fell.Unix()) {
		t.Errorf("stalled market observed %s at %d", aStalled.Value, aStalled.Statement.ObservedAt)
	}
	w.awaitObserved(t, stalled, b2.await(t, stalled))

	// (e) The blocked source: nobody observes it.
	if code, out := a.resolve(t, void); code != 502 || !strings.Contains(out["error"].(string), "dropped by the operator") {
		t.Errorf("observing the blocked source: %d %v", code, out)
	}
	for _, in := range []*instance{a, b2, aheadDay, behindDay, aheadLying} {
		if code, _ := in.get(t, void); code != 404 {
			t.Errorf("%s published an observation of the blocked source", in.name)
		}
	}

	// The markets close.
	for _, in := range []*instance{a, b2, aheadDay, behindDay, aheadLying} {
		in.stop()
	}
	head := w.chain.Now(t)
	if err := w.chain.AdjustTime(R.Add(window + challenge + time.Minute).Sub(head)); err != nil {
		t.Fatal(err)
	}
	_, err := operator.Submit(ctx, b2Live)
	reverts(t, "a submission after the market closed", err, "SubmissionClosed")
	for id, want := range map[common.Hash]struct {
		status uint8
		yes    bool
	}{idx: {statusResolved, true}, live: {statusResolved, true}, stalled: {statusResolved, false}, void: {statusVoid, false}} {
		s, err := w.market.Status(nil, id)
		if err != nil || s != want.status || w.state(t, id).Outcome != want.yes {
			t.Errorf("market %s: status %d (%v), outcome %v; want %d, %v", id.Hex(), s, err, w.state(t, id).Outcome, want.status, want.yes)
		}
	}
	// YES wins idx and live, NO the stalled market; void refunds both.
	eth := big.NewInt(params.Ether)
	for _, tc := range []struct {
		id      common.Hash
		key     int
		payout  *big.Int // nil: nothing to claim
		comment string
	}{
		{idx, 1, new(big.Int).Mul(big.NewInt(3), eth), "YES takes the pool"},
		{idx, 0, nil, "NO lost"},
		{live, 1, new(big.Int).Mul(big.NewInt(3), eth), "YES takes the pool"},
		{live, 0, nil, "NO lost"},
		{stalled, 0, new(big.Int).Mul(big.NewInt(3), eth), "NO takes the pool"},
		{stalled, 1, nil, "YES lost"},
		{void, 1, eth, "refund"},
		{void, 0, new(big.Int).Mul(big.NewInt(2), eth), "refund"},
	} {
		got, err := w.claim(tc.id, tc.key)
		if tc.payout == nil {
			reverts(t, tc.comment, err, "NothingToClaim")
			continue
		}
		if err != nil || got.Cmp(tc.payout) != 0 {
			t.Errorf("market %s, key %d (%s): claimed %v (%v), want %s", tc.id.Hex(), tc.key, tc.comment, got, err, tc.payout)
		}
	}
	if bal, err := w.chain.Client.BalanceAt(ctx, w.marketAddr, nil); err != nil || bal.Sign() != 0 {
		t.Errorf("%v wei left in the market (%v)", bal, err)
	}
}

// world is a chain with a registered notary signer and a PredictionMarket,
// and the price source, as the operator deploys them.
type world struct {
	t          *testing.T
	chain      *simchain.Chain
	signer     *notary.Signer
	appID      common.Address
	marketAddr common.Address
	market     *bindings.PredictionMarket
	domain     notary.Domain
	src        *priceSource
	net        *operatorNetwork
}

const seed = "oracle attack"

func newWorld(t *testing.T) *world {
	t.Helper()
	c := simchain.Start(t, 2)
	w := &world{t: t, chain: c}
	appID, tx, _, err := bindings.DeployDevproofAppAuth(c.Auth(t, 0), c.Client, c.Address(0), uint64(day/time.Second), false, true, [32]byte{}, [32]byte{1})
	c.Mined(t, tx, err)
	signer, sim := simchain.Signer(t, seed, appID)
	regAddr, tx, reg, err := bindings.DeployNotaryRegistry(c.Auth(t, 0), c.Client, appID, crypto.PubkeyToAddress(sim.Keys().KMSRoot.PublicKey), uint64(day/time.Second))
	c.Mined(t, tx, err)
	args, err := contracts.ArgsFor(signer)
	if err != nil {
		t.Fatal(err)
	}
	tx, err = reg.Register(c.Auth(t, 0), args.SignerKey, args.AppKey, args.AppSignature, args.KMSSignature)
	c.Mined(t, tx, err)
	w.marketAddr, tx, w.market, err = bindings.DeployPredictionMarket(c.Auth(t, 0), c.Client, regAddr, uint64(challenge/time.Second))
	c.Mined(t, tx, err)
	w.signer, w.appID = signer, appID
	w.domain = notary.Domain{ChainID: big.NewInt(simchain.ChainID), VerifyingContract: w.marketAddr}
	w.src = newPriceSource(t)
	w.net = &operatorNetwork{to: w.src.addr(), blocked: map[string]bool{}}
	return w
}

// openMarkets creates the four markets, resolving a few seconds from now,
// and takes the bets: 1 ETH on YES from key 1, 2 ETH on NO from key 0
// (the operator's) on each.
func (w *world) openMarkets() time.Time {
	t, c := w.t, w.chain
	R := time.Unix(max(time.Now().Unix(), c.Now(t).Unix())+8, 0)
	defs := map[string]string{
		"idx":     w.src.url("prices", "/at/"+notary.ResolveAfterParam),
		"live":    w.src.url("prices", "/live"),
		"void":    w.src.url("blocked", "/at/"+notary.ResolveAfterParam),
		"stalled": w.src.url("stalled", "/live"),
	}
	var txs []*types.Transaction
	send := func(tx *types.Transaction, err error) {
		if err != nil {
			t.Fatalf("%v (%s)", err, contracts.Revert(err))
		}
		txs = append(txs, tx)
	}
	mined := func() {
		for _, tx := range txs {
			c.Mined(t, tx, nil)
		}
		txs = nil
	}
	for name, url := range defs {
		m := notary.Market{SourceURL: url, Pointer: "/price", Comparator: ">=", Threshold: "100000", ResolveAfter: R, Window: uint64(window / time.Second)}
		send(w.market.Create(c.Auth(t, 0), notary.MarketID(name), contracts.Terms(m)))
	}
	mined()
	eth := big.NewInt(params.Ether)
	for name := range defs {
		for key, stake := range map[int]*big.Int{1: eth, 0: new(big.Int).Mul(big.NewInt(2), eth)} {
			opts := c.Auth(t, key)
			opts.Value = stake
			send(w.market.Bet(opts, notary.MarketID(name), key == 1))
		}
	}
	mined()
	if head := c.Now(t); !head.Before(R) {
		t.Fatalf("the chain reached resolveAfter (%s) while betting: %s", R, head)
	}
	return R
}

func (w *world) rpc() oracle.Backend {
	cl, err := ethclient.Dial(w.chain.URL)
	if err != nil {
		w.t.Fatal(err)
	}
	w.t.Cleanup(cl.Close)
	return cl
}

func (w *world) submitter(key int) *oracle.Submitter {
	s, err := oracle.NewSubmitter(w.rpc(), w.marketAddr, w.chain.Keys[key], big.NewInt(simchain.ChainID))
	if err != nil {
		w.t.Fatal(err)
	}
	return s
}

type marketState struct {
	ObservedAt  uint64
	Outcome     bool
	SessionHash [32]byte
}

func (w *world) state(t *testing.T, id common.Hash) marketState {
	t.Helper()
	m, err := w.market.Markets(nil, id)
	if err != nil {
		t.Fatal(err)
	}
	return marketState{m.ObservedAt, m.Outcome, m.SessionHash}
}

// awaitObserved waits until n is the market's observation on chain.
func (w *world) awaitObserved(t *testing.T, id common.Hash, n *notary.Notarization) {
	t.Helper()
	eventually(t, "market "+id.Hex()+"'s observation on chain", func() bool {
		return w.state(t, id).SessionHash == n.SessionHash
	})
}

// claim claims with key and returns the amount paid.
func (w *world) claim(id common.Hash, key int) (*big.Int, error) {
	tx, err := w.market.Claim(w.chain.Auth(w.t, key), id)
	if err != nil {
		return nil, err
	}
	rc := w.chain.Mined(w.t, tx, nil)
	for _, l := range rc.Logs {
		if ev, err := w.market.ParseClaimed(*l); err == nil {
			return ev.Amount, nil
		}
	}
	return nil, fmt.Errorf("no Claimed event in %s", tx.Hash().Hex())
}

// instance is one notary the operator runs: the oracle and its HTTP API.
type instance struct {
	name string
	url  string
	stop func()
}

// start runs a notary instance whose clock is skew from the wall clock,
// on node, submitting with key when it is not nil. Every instance gets
// the app's signer from its own simulated TEE.
func (w *world) start(name string, skew time.Duration, node oracle.Backend, key *ecdsa.PrivateKey) *instance {
	t := w.t
	signer, _ := simchain.Signer(t, seed, w.appID)
	var clock func() time.Time
	if skew != 0 {
		clock = func() time.Time { return time.Now().Add(skew) }
	}
	svc := &notary.Service{
		Client: &notary.Client{Roots: w.src.ca.Pool(), CT: notary.Off, Revocation: notary.Off, DialContext: w.net.dial, Timeout: 5 * time.Second},
		Signer: signer, Now: clock, Burst: 1000,
	}
	ctx, cancel := context.WithCancel(context.Background())
	o, err := oracle.New(ctx, oracle.Config{
		Backend: node, Market: w.marketAddr, Service: svc, SubmitKey: key, ClockTolerance: 30 * time.Second,
		Poll: 50 * time.Millisecond, Backoff: retry.Backoff{Base: 50 * time.Millisecond, Max: 500 * time.Millisecond},
		Log: slog.New(slog.NewTextHandler(t.Output(), nil)).With("instance", name),
	})
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	if svc.Domain.ChainID.Cmp(w.domain.ChainID) != 0 || svc.Domain.VerifyingContract != w.marketAddr {
		t.Fatalf("%s signs for %+v", name, svc.Domain)
	}
	srv := httptest.NewServer(svc)
	done := make(chan error, 1)
	go func() { done <- o.Run(ctx) }()
	in := &instance{name: name, url: srv.URL, stop: sync.OnceFunc(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("%s: %v", name, err)
		}
		srv.Close()
	})}
	t.Cleanup(in.stop)
	return in
}

func (in *instance) do(t *testing.T, method, path string) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(method, in.url+path, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out
}

func (in *instance) get(t *testing.T, id common.Hash) (int, map[string]any) {
	return in.do(t, "GET", "/v1/markets/"+id.Hex())
}

func (in *instance) resolve(t *testing.T, id common.Hash) (int, map[string]any) {
	return in.do(t, "POST", "/v1/markets/"+id.Hex()+"/resolve")
}

// fetch reads the instance's published observation of id.
func (in *instance) fetch(t *testing.T, id common.Hash) *notary.Notarization {
	t.Helper()
	code, out := in.get(t, id)
	if code != 200 {
		t.Fatalf("%s: GET market %s: %d %v", in.name, id.Hex(), code, out)
	}
	b, _ := json.Marshal(out)
	var n notary.Notarization
	if err := json.Unmarshal(b, &n); err != nil || n.Statement == nil {
		t.Fatalf("%s: market %s: not a notarization (%v)", in.name, id.Hex(), err)
	}
	return &n
}

// await waits until the instance publishes an observation of id.
func (in *instance) await(t *testing.T, id common.Hash) *notary.Notarization {
	t.Helper()
	eventually(t, in.name+"'s observation of "+id.Hex(), func() bool {
		code, _ := in.get(t, id)
		return code == 200
	})
	return in.fetch(t, id)
}

// eventually polls cond, failing the test if it does not hold within a
// generous bound.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(2 * time.Minute); !cond(); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within 2 minutes", what)
		}
	}
}

func yes(n *notary.Notarization) bool { return n.Statement.Value[31] == 1 }

// reverts requires err to name the revert want.
func reverts(t *testing.T, what string, err error, want string) {
	t.Helper()
	if got := contracts.Revert(err); got != want && !strings.HasPrefix(got, want+"(") {
		t.Errorf("%s: reverted with %q (%v), want %s", what, got, err, want)
	}
}

// lyingNode reports the chain's head ahead of its time.
type lyingNode struct {
	oracle.Backend
	ahead time.Duration
}

func (n lyingNode) HeaderByNumber(ctx context.Context, number *big.Int) (*types.Header, error) {
	h, err := n.Backend.HeaderByNumber(ctx, number)
	if err != nil {
		return nil, err
	}
	h = types.CopyHeader(h)
	h.Time += uint64(n.ahead / time.Second)
	return h, nil
}

// operatorNetwork is the network the operator gives every instance: each
// host name reaches the price source, unless the operator drops it.
type operatorNetwork struct {
	to      string
	mu      sync.Mutex
	blocked map[string]bool
}

func (n *operatorNetwork) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	host, _, _ := net.SplitHostPort(addr)
	n.mu.Lock()
	blocked := n.blocked[host]
	n.mu.Unlock()
	if blocked {
		return nil, fmt.Errorf("dial %s: dropped by the operator", addr)
	}
	return (&net.Dialer{}).DialContext(ctx, network, n.to)
}

func (n *operatorNetwork) block(hosts ...string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	for _, h := range hosts {
		n.blocked[h] = true
	}
}

func (n *operatorNetwork) unblock(host string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	delete(n.blocked, host)
}

// priceSource serves /live, the price now, and /at/{t}, the price that was
// live at unix second t (404 for a second still to come). The price is
// high until fall.
type priceSource struct {
	ca  *localca.CA
	srv *httptest.Server

	mu     sync.Mutex
	fellAt int64
}

func newPriceSource(t *testing.T) *priceSource {
	ca, err := localca.New()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(ca.Close)
	cert, err := ca.Issue("prices.devproof.test", "blocked.devproof.test", "stalled.devproof.test")
	if err != nil {
		t.Fatal(err)
	}
	s := &priceSource{ca: ca}
	mux := http.NewServeMux()
	mux.HandleFunc("/live", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"price":%d}`, s.at(time.Now().Unix()))
	})
	mux.HandleFunc("/at/{t}", func(w http.ResponseWriter, r *http.Request) {
		at, err := strconv.ParseInt(r.PathValue("t"), 10, 64)
		if err != nil || at > time.Now().Unix() {
			http.Error(w, `{"error":"no price for that second"}`, http.StatusNotFound)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"at":%d,"price":%d}`, at, s.at(at))
	})
	s.srv = httptest.NewUnstartedServer(mux)
	s.srv.TLS = &tls.Config{Certificates: []tls.Certificate{cert}}
	s.srv.StartTLS()
	t.Cleanup(s.srv.Close)
	return s
}

func (s *priceSource) at(sec int64) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.fellAt != 0 && sec >= s.fellAt {
		return low
	}
	return high
}

// fall drops the live price from now on, and returns when.
func (s *priceSource) fall() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := time.Now()
	s.fellAt = now.Unix()
	return time.Unix(s.fellAt, 0)
}

func (s *priceSource) addr() string { return s.srv.Listener.Addr().String() }

func (s *priceSource) url(host, path string) string {
	_, port, _ := net.SplitHostPort(s.addr())
	return "https://" + host + ".devproof.test:" + port + path
}
