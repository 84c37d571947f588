package oracle

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind"
	"github.com/ethereum/go-ethereum/common"
	"golang.org/x/sync/errgroup"

	"github.com/devproof/devproof/deploy/contracts/bindings"
	"github.com/devproof/devproof/internal/retry"
	"github.com/devproof/devproof/notary"
)

// Backend is what the oracle asks of the chain's JSON-RPC node; an
// ethclient.Client has all of it. The node is the operator's: the oracle
// trusts it to report events, and checks its clock only as a sanity
// bound.
type Backend interface {
	bind.ContractBackend
	bind.DeployBackend
	ethereum.BlockNumberReader
	ethereum.ChainIDReader
}

// Config is one oracle: a chain, a market contract and the notary service
// that observes and publishes.
type Config struct {
	// Backend is the chain's node (required).
	Backend Backend
	// Market is the PredictionMarket's address (required).
	Market common.Address
	// Service observes and publishes (required). New makes the oracle its
	// Markets and its ClockCheck, which must be unset, and requires its
	// Domain to be the node's chain id and Market; a zero Domain is
	// filled in.
	Service *notary.Service
	// FromBlock is the first block scanned for Created events; zero
	// scans from genesis.
	FromBlock uint64
	// SubmitKey pays for submitting each observation to the market; nil
	// only publishes them.
	SubmitKey *ecdsa.PrivateKey
	// ClockTolerance is how far the notary's clock may be from the time of
	// the chain's head block before it refuses to observe; zero means 2
	// minutes.
	ClockTolerance time.Duration
	// Poll is how often the chain is scanned for new markets; zero means
	// 5 s.
	Poll time.Duration
	// BlockRange bounds the blocks one log query covers; zero means 1,000.
	BlockRange uint64
	// MaxMarkets bounds the markets kept; zero means 10,000. Past it new
	// markets are logged and not observed (so they end void).
	MaxMarkets int
	// Backoff paces retries of observations and submissions; zero means 1 s
	// doubling up to 30 s.
	Backoff retry.Backoff
	// Log gets one line per event; nil discards.
	Log *slog.Logger
}

// Oracle watches the market contract and observes its markets. It is the
// service's MarketBook.
type Oracle struct {
	cfg       Config
	svc       *notary.Service
	market    *bindings.PredictionMarket
	challenge time.Duration
	submitter *Submitter
	log       *slog.Logger

	mu      sync.Mutex
	markets map[common.Hash]*entry
}

type entry struct {
	market   notary.Market
	closesAt time.Time
}

// New checks the chain and the market contract and wires the oracle into
// cfg.Service.
func New(ctx context.Context, cfg Config) (*Oracle, error) {
	if cfg.Backend == nil || cfg.Service == nil || cfg.Market == (common.Address{}) {
		return nil, errors.New("oracle: a backend, a market address and a service are required")
	}
	svc := cfg.Service
	if svc.Markets != nil || svc.ClockCheck != nil {
		return nil, errors.New("oracle: the service already has a market book or a clock check")
	}
	chainID, err := cfg.Backend.ChainID(ctx)
	if err != nil {
		return nil, fmt.Errorf("reading the node's chain id: %w", err)
	}
	code, err := cfg.Backend.CodeAt(ctx, cfg.Market, nil)
	if err != nil {
		return nil, fmt.Errorf("reading the code at market %s: %w", cfg.Market.Hex(), err)
	}
	if len(code) == 0 {
		return nil, fmt.Errorf("market %s: no contract there on chain %s", cfg.Market.Hex(), chainID)
	}
	market, err := bindings.NewPredictionMarket(cfg.Market, cfg.Backend)
	if err != nil {
		return nil, err
	}
	challenge, err := market.ChallengePeriod(&bind.CallOpts{Context: ctx})
	if err != nil {
		return nil, fmt.Errorf("market %s does not answer challengePeriod(), so is not a PredictionMarket: %w", cfg.Market.Hex(), err)
	}
	switch d := svc.Domain; {
	case d.ChainID == nil && d.VerifyingContract == (common.Address{}):
		svc.Domain = notary.Domain{ChainID: chainID, VerifyingContract: cfg.Market}
	case d.ChainID == nil || d.ChainID.Cmp(chainID) != 0 || d.VerifyingContract != cfg.Market:
		return nil, fmt.Errorf("the notary signs for chain %v and contract %s, but the market is %s on chain %s", d.ChainID, d.VerifyingContract.Hex(), cfg.Market.Hex(), chainID)
	}
	o := &Oracle{cfg: cfg, svc: svc, market: market, challenge: time.Duration(challenge) * time.Second, log: cfg.Log, markets: map[common.Hash]*entry{}}
	if o.log == nil {
		o.log = slog.New(slog.DiscardHandler)
	}
	o.log = o.log.With("market_contract", cfg.Market.Hex())
	if o.cfg.Backoff == (retry.Backoff{}) {
		o.cfg.Backoff = retry.Backoff{Base: time.Second, Max: 30 * time.Second}
	}
	if cfg.SubmitKey != nil {
		if o.submitter, err = NewSubmitter(cfg.Backend, cfg.Market, cfg.SubmitKey, chainID); err != nil {
			return nil, err
		}
	}
	svc.Markets, svc.ClockCheck = o, o.checkClock
	return o, nil
}

// Market is the service's MarketBook: a market created on the contract
// and not closed at the chain's time when last scanned.
func (o *Oracle) Market(id common.Hash) (*notary.Market, bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	e, ok := o.markets[id]
	if !ok {
		return nil, false
	}
	m := e.market
	return &m, true
}

func (o *Oracle) now() time.Time {
	if o.svc.Now != nil {
		return o.svc.Now()
	}
	return time.Now()
}

// Run scans for markets and follows each until ctx ends; every goroutine
// it starts has ended when it returns.
func (o *Oracle) Run(ctx context.Context) error {
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		next := o.cfg.FromBlock
		poll := o.cfg.Poll
		if poll <= 0 {
			poll = 5 * time.Second
		}
		for {
			if err := o.scan(ctx, &next, g); err != nil && ctx.Err() == nil {
				o.log.Warn("scanning for markets failed", "from_block", next, "err", err)
			}
			t := time.NewTimer(poll)
			select {
			case <-ctx.Done():
				t.Stop()
				return nil
			case <-t.C:
			}
		}
	})
	return g.Wait()
}

// scan reads Created events from block *next to the head, in bounded
// ranges, moves *next past what it read, and forgets the markets closed
// by the head's time.
func (o *Oracle) scan(ctx context.Context, next *uint64, g *errgroup.Group) error {
	h, err := o.cfg.Backend.HeaderByNumber(ctx, nil)
	if err != nil {
		return fmt.Errorf("reading the head block: %w", err)
	}
	head, chainTime := h.Number.Uint64(), time.Unix(int64(h.Time), 0).UTC()
	o.forgetClosed(chainTime)
	step := o.cfg.BlockRange
	if step == 0 {
		step = 1000
	}
	for *next <= head {
		end := min(*next+step-1, head)
		it, err := o.market.FilterCreated(&bind.FilterOpts{Start: *next, End: &end, Context: ctx}, nil)
		if err != nil {
			return fmt.Errorf("Created events in blocks %d-%d: %w", *next, end, err)
		}
		for it.Next() {
			o.add(ctx, it.Event, chainTime, g)
		}
		err = it.Error()
		it.Close()
		if err != nil {
			return fmt.Errorf("Created events in blocks %d-%d: %w", *next, end, err)
		}
		*next = end + 1
	}
	return nil
}

// add keeps a created market that is not closed at chainTime and
// follows it.
func (o *Oracle) add(ctx context.Context, ev *bindings.PredictionMarketCreated, chainTime time.Time, g *errgroup.Group) {
	id := common.Hash(ev.Id)
	d := ev.Definition
	m := notary.Market{SourceURL: d.SourceUrl, Pointer: d.Pointer, Comparator: d.Comparator, Threshold: d.Threshold,
		ResolveAfter: time.Unix(int64(d.ResolveAfter), 0).UTC(), Window: d.Window}
	log := o.log.With("market", id.Hex(), "block", ev.Raw.BlockNumber)
	if h, err := m.TermsHash(); err != nil || h != common.Hash(ev.Terms) {
		log.Warn("market skipped: its definition does not hash to its terms", "err", err)
		return
	}
	closesAt := m.WindowEnd().Add(o.challenge)
	if chainTime.After(closesAt) {
		return
	}
	bound := o.cfg.MaxMarkets
	if bound <= 0 {
		bound = 10_000
	}
	o.mu.Lock()
	if _, ok := o.markets[id]; ok {
		o.mu.Unlock()
		return
	}
	if len(o.markets) >= bound {
		o.mu.Unlock()
		log.Warn("market skipped: the oracle already keeps its bound of markets", "max", bound)
		return
	}
	o.markets[id] = &entry{market: m, closesAt: closesAt}
	o.mu.Unlock()
	log.Info("market", "source", m.SourceURL, "time_indexed", m.TimeIndexed(), "resolve_after", m.ResolveAfter, "window_end", m.WindowEnd(), "closes_at", closesAt)
	g.Go(func() error {
		o.follow(ctx, id, m, closesAt, log)
		return nil
	})
}

// forgetClosed drops the markets closed at chainTime: the contract, not
// the notary's clock, says when a market closes.
func (o *Oracle) forgetClosed(chainTime time.Time) {
	o.mu.Lock()
	defer o.mu.Unlock()
	for id, e := range o.markets {
		if chainTime.After(e.closesAt) {
			delete(o.markets, id)
		}
	}
}

// follow observes a market when its window opens by the notary's clock,
// retrying while the window is open, then submits the observation.
func (o *Oracle) follow(ctx context.Context, id common.Hash, m notary.Market, closesAt time.Time, log *slog.Logger) {
	if !o.sleepUntil(ctx, m.ResolveAfter) {
		return
	}
	if o.now().Unix() > m.WindowEnd().Unix() {
		log.Info("market not observed: its window closed before this notary saw it open")
		return
	}
	wctx, cancel := context.WithTimeout(ctx, m.WindowEnd().Add(time.Second).Sub(o.now()))
	defer cancel()
	var n *notary.Notarization
	err := retry.Do(wctx, o.cfg.Backoff, func(ctx context.Context) error {
		var err error
		n, err = o.svc.Observe(ctx, id)
		var ce *notary.CheckError
		switch {
		case errors.As(err, &ce) && (ce.Check == "market" || ce.Check == "url"):
			return retry.Permanent(err)
		case errors.As(err, &ce) && ce.Check == "window" && o.now().Unix() > m.WindowEnd().Unix():
			return retry.Permanent(err)
		case errors.Is(err, notary.ErrUnknownMarket):
			return retry.Permanent(err)
		}
		return err
	}, func(attempt int, err error, wait time.Duration) {
		log.Warn("observation failed", "attempt", attempt, "check", check(err), "err", err, "retry_in", wait)
	})
	if err != nil {
		if ctx.Err() == nil {
			log.Warn("market not observed", "check", check(err), "err", err)
		}
		return
	}
	log.Info("observed", "value", string(n.Value), "yes", n.Statement.Value[31] == 1, "observed_at", n.Statement.ObservedTime(), "session", n.SessionHash.Hex())
	if o.submitter == nil {
		return
	}
	sctx, cancel := context.WithTimeout(ctx, closesAt.Add(time.Second).Sub(o.now()))
	defer cancel()
	var sub Submission
	err = retry.Do(sctx, o.cfg.Backoff, func(ctx context.Context) error {
		var err error
		sub, err = o.submitter.Submit(ctx, n)
		if err != nil && !retryable(err) {
			return retry.Permanent(err)
		}
		return err
	}, func(attempt int, err error, wait time.Duration) {
		log.Warn("submission failed", "attempt", attempt, "err", err, "retry_in", wait)
	})
	switch {
	case err != nil && ctx.Err() == nil:
		log.Warn("observation not submitted", "err", err)
	case err == nil && sub.Earlier:
		log.Info("not submitted: the market already has an observation at least as early")
	case err == nil:
		log.Info("submitted", "tx", sub.Tx.Hex())
	}
}

// sleepUntil waits until the notary's clock reaches t, reading the clock
// again at least every minute; false when ctx ended first.
func (o *Oracle) sleepUntil(ctx context.Context, t time.Time) bool {
	for {
		d := t.Sub(o.now())
		if d <= 0 {
			return true
		}
		timer := time.NewTimer(min(d, time.Minute))
		select {
		case <-ctx.Done():
			timer.Stop()
			return false
		case <-timer.C:
		}
	}
}

// checkClock is the service's ClockCheck: the notary's clock must be
// within the tolerance of the chain's head block time. The node is the
// operator's, so this is a sanity bound; the source's Date header is
// the check they do not control.
func (o *Oracle) checkClock(ctx context.Context, now time.Time) error {
	h, err := o.cfg.Backend.HeaderByNumber(ctx, nil)
	if err != nil {
		return fmt.Errorf("reading the chain's head for the clock check: %w", err)
	}
	tol := o.cfg.ClockTolerance
	if tol <= 0 {
		tol = 2 * time.Minute
	}
	head := time.Unix(int64(h.Time), 0).UTC()
	gap := now.Sub(head)
	if gap.Abs() <= tol {
		return nil
	}
	side := "after"
	if gap < 0 {
		side = "before"
	}
	return &notary.CheckError{Check: "clock", Err: fmt.Errorf("the notary's clock says %s, %s %s the chain's head block %s at %s, over the %s tolerance",
		now.UTC().Format(time.RFC3339), gap.Abs().Round(time.Second), side, new(big.Int).Set(h.Number), head.Format(time.RFC3339), tol)}
}

func check(err error) string {
	var ce *notary.CheckError
	if errors.As(err, &ce) {
		return ce.Check
	}
	return ""
}
