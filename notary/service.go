package notary

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// Service is the oracle's HTTP API:
//
//	POST /v1/notarize              {url, method, headers, body, extract, nonce}
//	GET  /v1/markets/{id}          the notary's observation of the market
//	POST /v1/markets/{id}/resolve  (no body) observe it now, if not done yet
//
// {id} is a market id, 0x and 32 bytes of hex, or a name whose keccak256
// is the id (MarketID). Markets come from Markets, which notary/oracle
// fills from the market contract's Created events: a caller never defines
// one.
//
// Answers are a Notarization, or {"error", "check"} with 422 when a check
// failed (nothing is signed), 404 for a market the notary does not know
// or has not observed yet, 429 past the caller's rate, 503 when the bound
// on fetches is reached and 502 when the source could not be fetched.
//
// Nothing the service keeps decides an outcome: the contract takes the
// earliest valid observation submitted, wherever it comes from. The
// service keeps observations in a bounded cache only to answer again
// without fetching again; a restarted notary observes afresh.
type Service struct {
	Client *Client
	Signer *Signer
	Domain Domain
	// Markets is where market definitions come from; nil serves
	// /v1/notarize only, and the market routes answer 404.
	Markets MarketBook
	// Now is the notary's clock; nil means time.Now. Windows, clock checks
	// and rate limits read it, and a market fetch's record timings (so its
	// observedAt) are moved onto it.
	Now func() time.Time
	// ClockCheck, when set, runs before each market observation with the
	// notary's time; an error refuses the observation (notary/oracle
	// checks the chain's head with it and returns a *CheckError "clock").
	ClockCheck func(ctx context.Context, now time.Time) error
	// DateTolerance bounds the gap between the source's Date header and
	// the observation time; zero means 60 s.
	DateTolerance time.Duration
	// Rate is the requests per second each client address may make, and
	// Burst how many at once; zero means 1 and 10. IPv6 clients are
	// counted per /64.
	Rate  float64
	Burst int
	// MaxClients bounds the rate limiter's table; zero means 10,000. Idle
	// clients are forgotten first.
	MaxClients int
	// MaxFetches bounds the fetches requests make at once; zero means 16.
	// Past it requests get 503. Observations the oracle schedules through
	// Observe are not counted.
	MaxFetches int
	// CacheEntries and CacheBytes bound the observations kept to answer
	// again; zero means 4,096 and 64 MiB.
	CacheEntries int
	CacheBytes   int64

	once    sync.Once
	mux     *http.ServeMux
	limit   *limiter
	cache   *cache
	fetches chan struct{}

	mu    sync.Mutex
	calls map[common.Hash]*call
}

// MarketBook holds the markets a notary observes. Market returns market
// id's definition, or false when the book does not hold it: never
// created, or closed and forgotten. Implementations are safe for
// concurrent use, and callers do not change the Market returned. A book
// is filled from where bettors see markets, the market contract, never
// from a caller of the API.
type MarketBook interface {
	Market(id common.Hash) (*Market, bool)
}

// FixedBook is a MarketBook that never changes.
type FixedBook map[common.Hash]Market

func (b FixedBook) Market(id common.Hash) (*Market, bool) {
	m, ok := b[id]
	if !ok {
		return nil, false
	}
	return &m, true
}

// ErrUnknownMarket is Observe's error for a market not in the book.
var ErrUnknownMarket = errors.New("not a market the notary knows (it learns markets from the chain)")

// NotarizeRequest is the body of POST /v1/notarize.
type NotarizeRequest struct {
	URL     string              `json:"url"`
	Method  string              `json:"method,omitempty"`
	Headers map[string][]string `json:"headers,omitempty"`
	Body    []byte              `json:"body,omitempty"`
	// Extract is an RFC 6901 JSON pointer into the response.
	Extract string `json:"extract,omitempty"`
	// Nonce fills the statement's marketId for a plain notarization.
	Nonce common.Hash `json:"nonce,omitempty"`
}

// Market is a binary market settled by comparing a JSON value from a
// source with a threshold, observed in the window [ResolveAfter,
// ResolveAfter + Window seconds]: PredictionMarket's terms.
type Market struct {
	SourceURL    string    `json:"source_url"`
	Pointer      string    `json:"pointer"`
	Comparator   string    `json:"comparator"` // > >= < <= == !=
	Threshold    string    `json:"threshold"`  // a decimal number
	ResolveAfter time.Time `json:"resolve_after"`
	Window       uint64    `json:"window"` // seconds
}

// ResolveAfterParam in a market's source URL is replaced by its
// resolveAfter in unix seconds before the fetch: the source is asked for
// the value at that time, which is the same whenever it is asked.
const ResolveAfterParam = "{resolveAfter}"

// FetchURL is the URL observed for the market: SourceURL with every
// ResolveAfterParam replaced by resolveAfter's unix seconds.
func (m Market) FetchURL() string {
	return strings.ReplaceAll(m.SourceURL, ResolveAfterParam, strconv.FormatInt(m.ResolveAfter.Unix(), 10))
}

// TimeIndexed says whether the source is asked for the value at
// resolveAfter rather than the value it serves when fetched.
func (m Market) TimeIndexed() bool { return strings.Contains(m.SourceURL, ResolveAfterParam) }

// WindowEnd is the last second an observation may be made at.
func (m Market) WindowEnd() time.Time {
	return time.Unix(m.ResolveAfter.Unix()+int64(m.Window), 0).UTC()
}

// inWindow says why t, in whole seconds, is outside the market's window.
func (m Market) inWindow(t time.Time) error {
	if t.Unix() < m.ResolveAfter.Unix() {
		return fmt.Errorf("the window opens at %s; the notary's clock says %s", utc(m.ResolveAfter), utc(t))
	}
	if t.Unix() > m.WindowEnd().Unix() {
		return fmt.Errorf("the window closed at %s; the notary's clock says %s", utc(m.WindowEnd()), utc(t))
	}
	return nil
}

func utc(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// MarketID is the statement's marketId for a market: keccak256 of its id.
func MarketID(id string) common.Hash { return crypto.Keccak256Hash([]byte(id)) }

// ParseMarketID reads a market id as the API takes it: 0x and 64 hex
// digits, or a name, whose MarketID is the id.
func ParseMarketID(s string) (common.Hash, error) {
	if s == "" {
		return common.Hash{}, errors.New("market id is empty")
	}
	if len(s) == 66 && (strings.HasPrefix(s, "0x") || strings.HasPrefix(s, "0X")) {
		b, err := hex.DecodeString(s[2:])
		if err != nil {
			return common.Hash{}, fmt.Errorf("market id %q has 0x and 64 characters but is not hex", s)
		}
		return common.BytesToHash(b), nil
	}
	return MarketID(s), nil
}

// TermsType is the EIP-712 type of a market's terms, as PredictionMarket
// commits to them when the market is created.
const TermsType = "Terms(string sourceUrl,string pointer,string comparator,string threshold,uint64 resolveAfter,uint64 window)"

// TermsHash is the EIP-712 struct hash of the market's terms (TermsType),
// with resolve_after in whole unix seconds: keccak256 of the type hash,
// the keccak256 of each string, and the time as a 32-byte word.
func (m Market) TermsHash() (common.Hash, error) {
	secs := m.ResolveAfter.Unix()
	if secs <= 0 {
		return common.Hash{}, fmt.Errorf("resolve_after %s is not after 1970", m.ResolveAfter.UTC().Format(time.RFC3339))
	}
	enc := crypto.Keccak256([]byte(TermsType))
	for _, f := range []string{m.SourceURL, m.Pointer, m.Comparator, m.Threshold} {
		enc = append(enc, crypto.Keccak256([]byte(f))...)
	}
	enc = append(enc, common.BigToHash(big.NewInt(secs)).Bytes()...)
	enc = append(enc, common.BigToHash(new(big.Int).SetUint64(m.Window)).Bytes()...)
	return crypto.Keccak256Hash(enc), nil
}

// Outcome encodes a resolution as the statement value: a 32-byte ABI bool.
func Outcome(yes bool) []byte {
	v := make([]byte, 32)
	if yes {
		v[31] = 1
	}
	return v
}

func (s *Service) init() {
	s.once.Do(func() {
		s.limit = newLimiter(or(s.Rate, 1), or(s.Burst, 10), or(s.MaxClients, 10_000))
		s.cache = newCache(or(s.CacheEntries, 4096), or(s.CacheBytes, 64<<20))
		s.fetches = make(chan struct{}, or(s.MaxFetches, 16))
		s.calls = map[common.Hash]*call{}
		s.mux = http.NewServeMux()
		s.mux.HandleFunc("POST /v1/notarize", s.serveNotarize)
		s.mux.HandleFunc("GET /v1/markets/{id}", s.serveMarket)
		s.mux.HandleFunc("POST /v1/markets/{id}/resolve", s.serveResolve)
	})
}

func or[T ~int | ~int64 | ~float64](v, def T) T {
	if v <= 0 {
		return def
	}
	return v
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

func (s *Service) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.init()
	if ok, wait := s.limit.allow(clientKey(r), s.now()); !ok {
		w.Header().Set("Retry-After", strconv.Itoa(int(wait/time.Second)+1))
		writeErr(w, http.StatusTooManyRequests, "", errors.New("too many requests from this address"))
		return
	}
	s.mux.ServeHTTP(w, r)
}

// maxBody bounds a request body.
const maxBody = 1 << 20

func (s *Service) serveNotarize(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		writeErr(w, http.StatusRequestEntityTooLarge, "", fmt.Errorf("request body: %w", err))
		return
	}
	var req NotarizeRequest
	if err := json.Unmarshal(body, &req); err != nil {
		writeErr(w, http.StatusBadRequest, "", fmt.Errorf("request is not valid JSON: %w", err))
		return
	}
	release, ok := s.fetchSlot()
	if !ok {
		writeErr(w, http.StatusServiceUnavailable, "", errBusy)
		return
	}
	n, err := Notarize(r.Context(), s.Client, s.Signer, s.Domain, Request{URL: req.URL, Method: req.Method, Headers: req.Headers, Body: req.Body}, req.Extract, req.Nonce)
	release()
	reply(w, n, err)
}

func (s *Service) serveMarket(w http.ResponseWriter, r *http.Request) {
	id, err := ParseMarketID(r.PathValue("id"))
	if err != nil {
		writeErr(w, http.StatusBadRequest, "", err)
		return
	}
	if n, ok := s.cache.get(id); ok {
		reply(w, n, nil)
		return
	}
	if _, ok := s.market(id); !ok {
		writeErr(w, http.StatusNotFound, "", fmt.Errorf("market %s: %w", id.Hex(), ErrUnknownMarket))
		return
	}
	writeErr(w, http.StatusNotFound, "", fmt.Errorf("market %s: no observation yet", id.Hex()))
}

func (s *Service) serveResolve(w http.ResponseWriter, r *http.Request) {
	id, err := ParseMarketID(r.PathValue("id"))
	if err != nil {
		writeErr(w, http.StatusBadRequest, "", err)
		return
	}
	if b, _ := io.ReadAll(io.LimitReader(r.Body, 1)); len(b) > 0 {
		writeErr(w, http.StatusBadRequest, "", errors.New("resolve takes no body: markets come from the chain, not from callers"))
		return
	}
	if n, ok := s.cache.get(id); ok {
		reply(w, n, nil)
		return
	}
	release, ok := s.fetchSlot()
	if !ok {
		writeErr(w, http.StatusServiceUnavailable, "", errBusy)
		return
	}
	n, err := s.Observe(r.Context(), id)
	release()
	reply(w, n, err)
}

var errBusy = errors.New("the notary is at its bound on fetches; try again shortly")

func (s *Service) fetchSlot() (release func(), ok bool) {
	select {
	case s.fetches <- struct{}{}:
		return func() { <-s.fetches }, true
	default:
		return nil, false
	}
}

func (s *Service) market(id common.Hash) (*Market, bool) {
	if s.Markets == nil {
		return nil, false
	}
	return s.Markets.Market(id)
}

// Observation returns the observation of market id the service keeps, if
// any.
func (s *Service) Observation(id common.Hash) (*Notarization, bool) {
	s.init()
	return s.cache.get(id)
}

// call is one observation in progress, shared by concurrent callers.
type call struct {
	done chan struct{}
	n    *Notarization
	err  error
}

// Observe returns the observation of market id: the one kept, or else a
// new one, made only while the market's window is open by the notary's
// clock. Concurrent calls for one market share one fetch. The statement's
// value is the outcome (Outcome), its marketId id, its terms the market's
// TermsHash and its observedAt the end of the fetch, on the notary's
// clock.
//
// A failed check is a *CheckError and nothing is signed: "market" for
// terms that cannot be evaluated, "clock" when ClockCheck fails or the
// source's Date header is more than DateTolerance from the notary's
// clock (a missing Date header fails too), "window" outside the window,
// "extract" for a value that is not a number, and the client's checks.
// A market not in the book is ErrUnknownMarket.
func (s *Service) Observe(ctx context.Context, id common.Hash) (*Notarization, error) {
	s.init()
	for {
		if n, ok := s.cache.get(id); ok {
			return n, nil
		}
		m, ok := s.market(id)
		if !ok {
			return nil, fmt.Errorf("market %s: %w", id.Hex(), ErrUnknownMarket)
		}
		s.mu.Lock()
		c := s.calls[id]
		if c == nil {
			c = &call{done: make(chan struct{})}
			s.calls[id] = c
			s.mu.Unlock()
			c.n, c.err = s.observe(ctx, id, m)
			if c.err == nil {
				s.cache.put(id, c.n)
			}
			s.mu.Lock()
			delete(s.calls, id)
			s.mu.Unlock()
			close(c.done)
			return c.n, c.err
		}
		s.mu.Unlock()
		select {
		case <-c.done:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		// The caller that fetched went away: try again for this one.
		if errors.Is(c.err, context.Canceled) && ctx.Err() == nil {
			continue
		}
		return c.n, c.err
	}
}

// observe fetches the market's source and signs the outcome, after the
// clock and window checks.
func (s *Service) observe(ctx context.Context, id common.Hash, m *Market) (*Notarization, error) {
	terms, err := m.TermsHash()
	if err != nil {
		return nil, &CheckError{Check: "market", Err: err}
	}
	cmp, err := ParseComparison(m.Comparator, m.Threshold)
	if err != nil {
		return nil, &CheckError{Check: "market", Err: fmt.Errorf("market %s: %w", id.Hex(), err)}
	}
	now := s.now()
	if s.ClockCheck != nil {
		if err := s.ClockCheck(ctx, now); err != nil {
			return nil, err
		}
	}
	if err := m.inWindow(now); err != nil {
		return nil, &CheckError{Check: "window", Err: fmt.Errorf("market %s: %w", id.Hex(), err)}
	}
	var offset time.Duration
	if s.Now != nil {
		offset = s.Now().Sub(time.Now())
	}
	rec, err := s.Client.Fetch(ctx, Request{URL: m.FetchURL()})
	if err != nil {
		return nil, err
	}
	shiftTimings(&rec.Timings, offset)
	if err := checkDate(rec, or(s.DateTolerance, time.Minute)); err != nil {
		return nil, &CheckError{Check: "clock", Err: err}
	}
	if err := m.inWindow(rec.Timings.Done); err != nil {
		return nil, &CheckError{Check: "window", Err: fmt.Errorf("market %s observed too late: %w", id.Hex(), err)}
	}
	raw, err := rec.Response.Extract(m.Pointer)
	if err != nil {
		return nil, &CheckError{Check: "extract", Err: err}
	}
	yes, err := cmp.Holds(raw)
	if err != nil {
		return nil, &CheckError{Check: "extract", Err: fmt.Errorf("value at %q: %w", m.Pointer, err)}
	}
	return sign(rec, s.Signer, s.Domain, Outcome(yes), raw, id, terms)
}

// shiftTimings moves a record's timings by d, onto the notary's clock.
func shiftTimings(t *Timings, d time.Duration) {
	if d == 0 {
		return
	}
	for _, p := range []*time.Time{&t.Start, &t.Connected, &t.TLSDone, &t.FirstByte, &t.Done} {
		if !p.IsZero() {
			*p = p.Add(d)
		}
	}
}

// checkDate compares the source's Date header with the end of the fetch.
// The source is authenticated by TLS and its clock is not the operator's,
// so a guest clock set off is caught here even when the chain's node,
// which the operator runs, agrees with it.
func checkDate(rec *Record, tolerance time.Duration) error {
	var date []string
	for k, v := range rec.Response.Headers {
		if strings.EqualFold(k, "Date") {
			date = v
		}
	}
	if len(date) == 0 {
		return fmt.Errorf("the source %s sent no Date header, which a market observation needs to check the notary's clock", rec.Response.URL)
	}
	at, err := http.ParseTime(date[0])
	if err != nil {
		return fmt.Errorf("the source's Date header %q is not an HTTP date", date[0])
	}
	if gap := rec.Timings.Done.Sub(at); gap.Abs() > tolerance {
		return fmt.Errorf("the source's Date header says %s and the notary's clock %s: %s apart, over the %s tolerance",
			utc(at), utc(rec.Timings.Done), gap.Abs().Round(time.Second), tolerance)
	}
	return nil
}

func reply(w http.ResponseWriter, n *Notarization, err error) {
	if err != nil {
		var ce *CheckError
		switch {
		case errors.As(err, &ce):
			writeErr(w, http.StatusUnprocessableEntity, ce.Check, err)
		case errors.Is(err, ErrUnknownMarket):
			writeErr(w, http.StatusNotFound, "", err)
		default:
			writeErr(w, http.StatusBadGateway, "", err)
		}
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(n)
}

func writeErr(w http.ResponseWriter, status int, check string, err error) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]string{"error": err.Error(), "check": check})
}
