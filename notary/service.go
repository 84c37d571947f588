package notary

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/big"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/devproof/devproof/internal/atomicfile"
)

// Service is the oracle's HTTP API:
//
//	POST /v1/notarize              {url, method, headers, body, extract, nonce}
//	POST /v1/markets/{id}/resolve  {source_url, pointer, comparator, threshold, resolve_after}
//
// Both answer with a Notarization, or with {"error", "check"} and HTTP
// 422 when a check failed (nothing is signed).
//
// A market is resolved once: the first signed outcome for a market id and
// its terms is kept and answered again to every later request, so the
// notary cannot be asked until the source says what one side wants.
type Service struct {
	Client *Client
	Signer *Signer
	Domain Domain
	// Now is the clock for resolution times; nil means time.Now.
	Now func() time.Time
	// StateDir, when set, keeps each market's resolution as a file there,
	// so it survives restarts; empty keeps resolutions in memory, for as
	// long as the process lives.
	StateDir string

	mu       sync.Mutex
	resolved map[string]*Notarization
	busy     map[string]*sync.Mutex
}

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

// MarketID is the statement's marketId for a market: keccak256 of its id.
func MarketID(id string) common.Hash { return crypto.Keccak256Hash([]byte(id)) }

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

func (s *Service) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		writeErr(w, http.StatusMethodNotAllowed, "", errors.New("use POST"))
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		writeErr(w, http.StatusBadRequest, "", err)
		return
	}
	switch {
	case r.URL.Path == "/v1/notarize":
		var req NotarizeRequest
		if err := json.Unmarshal(body, &req); err != nil {
			writeErr(w, http.StatusBadRequest, "", fmt.Errorf("request is not valid JSON: %w", err))
			return
		}
		n, err := Notarize(r.Context(), s.Client, s.Signer, s.Domain, Request{URL: req.URL, Method: req.Method, Headers: req.Headers, Body: req.Body}, req.Extract, req.Nonce)
		reply(w, n, err)
	case strings.HasPrefix(r.URL.Path, "/v1/markets/") && strings.HasSuffix(r.URL.Path, "/resolve"):
		id := strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/v1/markets/"), "/resolve")
		var m Market
		if err := json.Unmarshal(body, &m); err != nil {
			writeErr(w, http.StatusBadRequest, "", fmt.Errorf("market definition is not valid JSON: %w", err))
			return
		}
		n, err := s.Resolve(r.Context(), id, m)
		reply(w, n, err)
	default:
		writeErr(w, http.StatusNotFound, "", fmt.Errorf("no route %s", r.URL.Path))
	}
}

// Resolve settles market id: only after its resolution time, by fetching
// the source and comparing the value at the pointer with the threshold.
// The signed statement's value is the outcome (Outcome), its marketId is
// MarketID(id) and its terms m.TermsHash(). A market already resolved gets
// its first resolution again.
func (s *Service) Resolve(ctx context.Context, id string, m Market) (*Notarization, error) {
	if id == "" || strings.Contains(id, "/") {
		return nil, &CheckError{Check: "market", Err: fmt.Errorf("market id %q is empty or has '/'", id)}
	}
	terms, err := m.TermsHash()
	if err != nil {
		return nil, &CheckError{Check: "market", Err: err}
	}
	threshold, ok := new(big.Rat).SetString(m.Threshold)
	if !ok {
		return nil, &CheckError{Check: "market", Err: fmt.Errorf("threshold %q is not a decimal number", m.Threshold)}
	}
	cmp, ok := comparators[m.Comparator]
	if !ok {
		return nil, &CheckError{Check: "market", Err: fmt.Errorf("comparator %q is not one of > >= < <= == !=", m.Comparator)}
	}
	now := time.Now()
	if s.Now != nil {
		now = s.Now()
	}
	if now.Unix() < m.ResolveAfter.Unix() {
		return nil, &CheckError{Check: "market", Err: fmt.Errorf("market %q resolves after %s, not before", id, m.ResolveAfter.UTC().Format(time.RFC3339))}
	}
	key := fmt.Sprintf("%s-%s-%x-%x", s.Domain.ChainID, s.Domain.VerifyingContract.Hex(), MarketID(id), terms)
	unlock := s.lock(key)
	defer unlock()
	if n, err := s.recall(key); n != nil || err != nil {
		return n, err
	}
	n, err := s.resolve(ctx, id, m, terms, threshold, cmp)
	if err != nil {
		return nil, err
	}
	// An outcome is only handed out once it is kept.
	if err := s.keep(key, n); err != nil {
		return nil, err
	}
	return n, nil
}

func (s *Service) resolve(ctx context.Context, id string, m Market, terms common.Hash, threshold *big.Rat, cmp func(int) bool) (*Notarization, error) {
	rec, err := s.Client.Fetch(ctx, Request{URL: m.SourceURL})
	if err != nil {
		return nil, err
	}
	raw, err := Extract(rec.Response.Body, m.Pointer)
	if err != nil {
		return nil, &CheckError{Check: "extract", Err: err}
	}
	var num json.Number
	if err := json.Unmarshal(raw, &num); err != nil {
		return nil, &CheckError{Check: "extract", Err: fmt.Errorf("value %s at %q is not a number", raw, m.Pointer)}
	}
	v, ok := new(big.Rat).SetString(num.String())
	if !ok {
		return nil, &CheckError{Check: "extract", Err: fmt.Errorf("value %s at %q is not a decimal number", raw, m.Pointer)}
	}
	return sign(rec, s.Signer, s.Domain, Outcome(cmp(v.Cmp(threshold))), raw, MarketID(id), terms)
}

// lock serialises resolutions of one market, so two concurrent requests
// cannot get two outcomes signed.
func (s *Service) lock(key string) (unlock func()) {
	s.mu.Lock()
	if s.busy == nil {
		s.busy = map[string]*sync.Mutex{}
	}
	l, ok := s.busy[key]
	if !ok {
		l = &sync.Mutex{}
		s.busy[key] = l
	}
	s.mu.Unlock()
	l.Lock()
	return l.Unlock
}

// recall returns a market's kept resolution, or nil if there is none.
func (s *Service) recall(key string) (*Notarization, error) {
	if s.StateDir == "" {
		s.mu.Lock()
		defer s.mu.Unlock()
		return s.resolved[key], nil
	}
	path := filepath.Join(s.StateDir, key+".json")
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading resolution %s: %w", path, err)
	}
	n := new(Notarization)
	if err := json.Unmarshal(b, n); err != nil {
		return nil, fmt.Errorf("resolution %s is not valid JSON: %w", path, err)
	}
	return n, nil
}

// keep records a market's resolution: with a StateDir in a file written
// atomically (and not in memory, since records hold response bodies),
// else in memory.
func (s *Service) keep(key string, n *Notarization) error {
	if s.StateDir != "" {
		b, err := json.Marshal(n)
		if err != nil {
			return err
		}
		if err := atomicfile.Write(filepath.Join(s.StateDir, key+".json"), b, 0o644); err != nil {
			return fmt.Errorf("keeping the resolution: %w", err)
		}
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.resolved == nil {
		s.resolved = map[string]*Notarization{}
	}
	s.resolved[key] = n
	return nil
}

var comparators = map[string]func(int) bool{
	">": func(c int) bool { return c > 0 }, ">=": func(c int) bool { return c >= 0 },
	"<": func(c int) bool { return c < 0 }, "<=": func(c int) bool { return c <= 0 },
	"==": func(c int) bool { return c == 0 }, "!=": func(c int) bool { return c != 0 },
}

func reply(w http.ResponseWriter, n *Notarization, err error) {
	if err != nil {
		var ce *CheckError
		if errors.As(err, &ce) {
			writeErr(w, http.StatusUnprocessableEntity, ce.Check, err)
		} else {
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
