package notary

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

// muxSource is a local HTTPS source serving mux, with the local CA's
// certificate for sourceHost.
func muxSource(t *testing.T, mux *http.ServeMux) *source {
	t.Helper()
	ca, cert := sourceCert(t)
	s := &source{ca: ca, cert: cert, srv: httptest.NewUnstartedServer(mux)}
	s.srv.TLS = &tls.Config{Certificates: []tls.Certificate{cert}}
	s.srv.StartTLS()
	t.Cleanup(s.srv.Close)
	return s
}

// priceSource serves /price (counting its reads) whose value falls from
// 101234.5 to 90000 after the first read, /html, /nodate (a price without
// a Date header) and /at/{t}, the value at a time.
func priceSource(t *testing.T) (*source, *atomic.Int32) {
	var reads atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("/price", func(w http.ResponseWriter, r *http.Request) {
		price := []string{"101234.5", "90000"}[min(reads.Add(1)-1, 1)]
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"result":{"price":%s}}`, price)
	})
	mux.HandleFunc("/html", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "<html>not json</html>") })
	mux.HandleFunc("/nodate", func(w http.ResponseWriter, r *http.Request) {
		w.Header()["Date"] = nil
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"result":{"price":101234.5}}`)
	})
	mux.HandleFunc("/at/{t}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"at":%q,"result":{"price":101234.5}}`, r.PathValue("t"))
	})
	return muxSource(t, mux), &reads
}

type api struct {
	t   *testing.T
	url string
}

func (a api) do(method, path string, body []byte) (int, map[string]any) {
	a.t.Helper()
	req, _ := http.NewRequest(method, a.url+path, bytes.NewReader(body))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		a.t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out
}

// notarization reads an answer back into a Notarization.
func notarization(t *testing.T, out map[string]any) *Notarization {
	t.Helper()
	var n Notarization
	b, _ := json.Marshal(out)
	if err := json.Unmarshal(b, &n); err != nil || n.Statement == nil {
		t.Fatalf("not a notarization (%v): %s", err, b)
	}
	return &n
}

func serve(t *testing.T, svc *Service) api {
	srv := httptest.NewServer(svc)
	t.Cleanup(srv.Close)
	return api{t, srv.URL}
}

func TestServiceNotarize(t *testing.T) {
	src := newSource(t, nil)
	s, _ := signer(t)
	a := serve(t, &Service{Client: src.client(), Signer: s, Domain: testDomain})
	b, _ := json.Marshal(NotarizeRequest{URL: src.url("/price"), Extract: "/result/settled"})
	code, out := a.do("POST", "/v1/notarize", b)
	if code != 200 || out["signature"] == nil || string(mustJSON(out["value"])) != "true" {
		t.Errorf("notarize: %d %v", code, out["value"])
	}
	if code, out = a.do("POST", "/v1/notarize", []byte("{")); code != 400 {
		t.Errorf("bad JSON: %d %v", code, out)
	}
	if code, out = a.do("POST", "/v1/notarize", bytes.Repeat([]byte(" "), maxBody+1)); code != 413 {
		t.Errorf("oversized body: %d %v", code, out)
	}
	// Without a market book there are no markets.
	if code, out = a.do("POST", "/v1/markets/btc-100k/resolve", nil); code != 404 || !strings.Contains(out["error"].(string), "learns markets from the chain") {
		t.Errorf("resolve without a book: %d %v", code, out)
	}
}

// Markets come from the book; a market is observed once, when its window
// is open, and the observation is answered again without another fetch.
func TestServiceMarkets(t *testing.T) {
	src, reads := priceSource(t)
	s, _ := signer(t)
	now := time.Now()
	market := func(path string, resolveAfter time.Time, window uint64) Market {
		return Market{SourceURL: src.url(path), Pointer: "/result/price", Comparator: ">=", Threshold: "100000", ResolveAfter: resolveAfter, Window: window}
	}
	book := FixedBook{
		MarketID("btc-100k"): market("/price", now.Add(-time.Minute), 3600),
		MarketID("later"):    market("/price", now.Add(time.Hour), 3600),
		MarketID("over"):     market("/price", now.Add(-2*time.Hour), 60),
		MarketID("html"):     market("/html", now.Add(-time.Minute), 3600),
	}
	bad := market("/price", now.Add(-time.Minute), 3600)
	bad.Comparator = "~"
	book[MarketID("bad")] = bad
	svc := &Service{Client: src.client(), Signer: s, Domain: testDomain, Markets: book, Burst: 100}
	a := serve(t, svc)

	if code, out := a.do("GET", "/v1/markets/btc-100k", nil); code != 404 || !strings.Contains(out["error"].(string), "no observation yet") {
		t.Errorf("before an observation: %d %v", code, out)
	}
	if code, out := a.do("GET", "/v1/markets/nobody-made-this", nil); code != 404 || !strings.Contains(out["error"].(string), "not a market the notary knows") {
		t.Errorf("unknown market: %d %v", code, out)
	}
	terms, _ := json.Marshal(book[MarketID("btc-100k")])
	if code, out := a.do("POST", "/v1/markets/btc-100k/resolve", terms); code != 400 || !strings.Contains(out["error"].(string), "takes no body") {
		t.Errorf("terms from the caller: %d %v", code, out)
	}
	if reads.Load() != 0 {
		t.Fatalf("%d fetches before any observation was asked for", reads.Load())
	}

	code, out := a.do("POST", "/v1/markets/btc-100k/resolve", nil)
	if code != 200 {
		t.Fatalf("resolve: %d %v", code, out)
	}
	n := notarization(t, out)
	if !bytes.Equal(n.Statement.Value, Outcome(true)) || n.Statement.MarketID != MarketID("btc-100k") || string(n.Value) != "101234.5" {
		t.Errorf("outcome %x market %s value %s", n.Statement.Value, n.Statement.MarketID.Hex(), n.Value)
	}
	if a, err := n.Statement.RecoverSigner(testDomain, n.Signature); err != nil || a != s.Address {
		t.Errorf("resolution signer %s %v", a.Hex(), err)
	}
	if n.Statement.Terms != mustTerms(t, book[MarketID("btc-100k")]) || n.Statement.ObservedAt != uint64(n.Record.Timings.Done.Unix()) {
		t.Errorf("terms %s, observedAt %d (done %s)", n.Statement.Terms.Hex(), n.Statement.ObservedAt, n.Record.Timings.Done)
	}
	// The source has moved, but the observation is answered again, by
	// name or by id, without another fetch.
	for _, path := range []string{"/v1/markets/btc-100k/resolve", "/v1/markets/" + MarketID("btc-100k").Hex() + "/resolve"} {
		if code, out := a.do("POST", path, nil); code != 200 || !bytes.Equal(notarization(t, out).Signature, n.Signature) {
			t.Errorf("%s again: %d", path, code)
		}
	}
	if code, out := a.do("GET", "/v1/markets/"+MarketID("btc-100k").Hex(), nil); code != 200 || !bytes.Equal(notarization(t, out).Signature, n.Signature) {
		t.Errorf("GET: %d", code)
	}
	if reads.Load() != 1 {
		t.Errorf("%d fetches for one market, want 1", reads.Load())
	}

	for _, tc := range []struct{ id, check, want string }{
		{"later", "window", "window opens at"},
		{"over", "window", "window closed at"},
		{"bad", "market", "comparator"},
		{"html", "extract", "not JSON"},
	} {
		code, out := a.do("POST", "/v1/markets/"+tc.id+"/resolve", nil)
		if code != 422 || out["check"] != tc.check || !strings.Contains(out["error"].(string), tc.want) {
			t.Errorf("%s: %d %v, want check %s (%s)", tc.id, code, out, tc.check, tc.want)
		}
	}
	if code, out := a.do("POST", "/v1/markets/0x"+strings.Repeat("zz", 32)+"/resolve", nil); code != 400 || !strings.Contains(out["error"].(string), "not hex") {
		t.Errorf("an id that is not hex: %d %v", code, out)
	}
}

// Concurrent requests for one market share one fetch and one signature.
func TestServiceObservesOnce(t *testing.T) {
	src, reads := priceSource(t)
	s, _ := signer(t)
	id := MarketID("btc-100k")
	book := FixedBook{id: {SourceURL: src.url("/price"), Pointer: "/result/price", Comparator: ">=", Threshold: "100000", ResolveAfter: time.Now().Add(-time.Minute), Window: 3600}}
	svc := &Service{Client: src.client(), Signer: s, Domain: testDomain, Markets: book}
	var wg sync.WaitGroup
	got := make([]*Notarization, 8)
	for i := range got {
		wg.Go(func() {
			n, err := svc.Observe(context.Background(), id)
			if err != nil {
				t.Error(err)
			}
			got[i] = n
		})
	}
	wg.Wait()
	if t.Failed() {
		return
	}
	for i, n := range got {
		if !bytes.Equal(n.Signature, got[0].Signature) {
			t.Errorf("call %d got another observation", i)
		}
	}
	if reads.Load() != 1 {
		t.Errorf("%d fetches, want 1", reads.Load())
	}
}

// The notary's clock is checked before signing: by ClockCheck, and after
// the fetch against the source's Date header, which must be there.
func TestServiceClockChecks(t *testing.T) {
	src, reads := priceSource(t)
	s, _ := signer(t)
	wall := time.Now()
	book := FixedBook{}
	add := func(name, path string) common.Hash {
		book[MarketID(name)] = Market{SourceURL: src.url(path), Pointer: "/result/price", Comparator: ">=", Threshold: "100000", ResolveAfter: wall.Add(-time.Hour), Window: 7200}
		return MarketID(name)
	}
	skewed := func(d time.Duration) func() time.Time { return func() time.Time { return time.Now().Add(d) } }

	refuse := &Service{Client: src.client(), Signer: s, Domain: testDomain, Markets: book,
		ClockCheck: func(context.Context, time.Time) error {
			return &CheckError{Check: "clock", Err: fmt.Errorf("the chain disagrees")}
		}}
	if _, err := refuse.Observe(context.Background(), add("chain", "/price")); !isCheck(err, "clock", "the chain disagrees") || reads.Load() != 0 {
		t.Errorf("ClockCheck refusing: %v, %d fetches", err, reads.Load())
	}
	svc := &Service{Client: src.client(), Signer: s, Domain: testDomain, Markets: book}
	if _, err := svc.Observe(context.Background(), add("nodate", "/nodate")); !isCheck(err, "clock", "no Date header") {
		t.Errorf("no Date header: %v", err)
	}
	for _, skew := range []time.Duration{10 * time.Minute, -10 * time.Minute} {
		off := &Service{Client: src.client(), Signer: s, Domain: testDomain, Markets: book, Now: skewed(skew)}
		if _, err := off.Observe(context.Background(), add(skew.String(), "/price")); !isCheck(err, "clock", "over the 1m0s tolerance") {
			t.Errorf("clock %s off: %v", skew, err)
		}
	}
	// Within the tolerance the observation is made on the notary's clock.
	near := &Service{Client: src.client(), Signer: s, Domain: testDomain, Markets: book, Now: skewed(30 * time.Second)}
	n, err := near.Observe(context.Background(), add("near", "/price"))
	if err != nil {
		t.Fatal(err)
	}
	date, _ := http.ParseTime(n.Record.Response.Headers["date"][0])
	if n.Statement.ObservedAt != uint64(n.Record.Timings.Done.Unix()) || n.Record.Timings.Done.Sub(date) < 25*time.Second {
		t.Errorf("observedAt %d, done %s, source's date %s: not on the notary's clock", n.Statement.ObservedAt, n.Record.Timings.Done, date)
	}
}

func isCheck(err error, check, detail string) bool {
	ce, ok := err.(*CheckError)
	return ok && ce.Check == check && strings.Contains(err.Error(), detail)
}

// A time-indexed source is asked for the value at resolveAfter.
func TestServiceTimeIndexedSource(t *testing.T) {
	src, _ := priceSource(t)
	s, _ := signer(t)
	ra := time.Now().Add(-time.Minute).Truncate(time.Second)
	m := Market{SourceURL: src.url("/at/" + ResolveAfterParam), Pointer: "/result/price", Comparator: ">=", Threshold: "100000", ResolveAfter: ra, Window: 3600}
	if !m.TimeIndexed() || m.FetchURL() != src.url(fmt.Sprintf("/at/%d", ra.Unix())) {
		t.Fatalf("fetch URL %s", m.FetchURL())
	}
	svc := &Service{Client: src.client(), Signer: s, Domain: testDomain, Markets: FixedBook{MarketID("at"): m}}
	n, err := svc.Observe(context.Background(), MarketID("at"))
	if err != nil {
		t.Fatal(err)
	}
	if n.Record.Request.URL != m.FetchURL() || !bytes.Contains(n.Record.Response.Body, []byte(fmt.Sprintf(`"at":"%d"`, ra.Unix()))) {
		t.Errorf("record asked %s and got %s", n.Record.Request.URL, n.Record.Response.Body)
	}
	if n.Statement.Terms != mustTerms(t, m) {
		t.Error("the statement's terms are not the market's, with the placeholder")
	}
}

// A flood from one address gets 429 after its burst and takes one entry;
// many addresses take at most MaxClients; unknown markets keep nothing.
func TestServiceRateLimit(t *testing.T) {
	src, reads := priceSource(t)
	s, _ := signer(t)
	now := time.Now()
	clock := func() time.Time { return now }
	id := MarketID("btc-100k")
	book := FixedBook{id: {SourceURL: src.url("/price"), Pointer: "/result/price", Comparator: ">=", Threshold: "100000", ResolveAfter: now.Add(-time.Minute), Window: 3600}}
	svc := &Service{Client: src.client(), Signer: s, Domain: testDomain, Markets: book, Now: clock, Rate: 1, Burst: 5, MaxClients: 8}
	a := serve(t, svc)
	counts := map[int]int{}
	for i := range 300 {
		path := fmt.Sprintf("/v1/markets/flood-%d/resolve", i)
		if i%2 == 0 {
			path = "/v1/markets/btc-100k/resolve"
		}
		code, out := a.do("POST", path, nil)
		counts[code]++
		if code == 429 && !strings.Contains(out["error"].(string), "too many requests") {
			t.Errorf("429 says %v", out)
		}
	}
	if counts[429] != 295 || counts[200]+counts[404] != 5 {
		t.Errorf("answers to a flood of 300 with a burst of 5: %v", counts)
	}
	if n := svc.limit.len(); n != 1 {
		t.Errorf("rate-limit table holds %d clients after a flood from one", n)
	}
	if entries, _ := svc.cache.len(); entries != 1 || reads.Load() != 1 || len(svc.calls) != 0 {
		t.Errorf("after the flood: %d cached, %d fetches, %d calls", entries, reads.Load(), len(svc.calls))
	}
	// A second of the notary's clock refills one token.
	now = now.Add(time.Second)
	if code, _ := a.do("GET", "/v1/markets/btc-100k", nil); code != 200 {
		t.Errorf("after a second: %d", code)
	}

	// Many addresses: the table stays at MaxClients; a /64 is one client.
	for i := range 1000 {
		r := httptest.NewRequest("GET", "/v1/markets/btc-100k", nil)
		r.RemoteAddr = fmt.Sprintf("198.51.%d.%d:4000", i/256, i%256)
		svc.ServeHTTP(httptest.NewRecorder(), r)
	}
	if n := svc.limit.len(); n != 8 {
		t.Errorf("rate-limit table holds %d clients, want its bound 8", n)
	}
	svc.limit = newLimiter(1, 2, 8)
	for i := range 10 {
		r := httptest.NewRequest("GET", "/v1/markets/btc-100k", nil)
		r.RemoteAddr = fmt.Sprintf("[2001:db8::%x]:4000", i+1)
		w := httptest.NewRecorder()
		svc.ServeHTTP(w, r)
		if want := map[bool]int{true: 200, false: 429}[i < 2]; w.Code != want {
			t.Errorf("IPv6 request %d: %d, want %d", i, w.Code, want)
		}
	}
	if n := svc.limit.len(); n != 1 {
		t.Errorf("one /64 takes %d entries", n)
	}
	// Clients idle long enough to have a full bucket are forgotten.
	now = now.Add(time.Minute)
	r := httptest.NewRequest("GET", "/v1/markets/btc-100k", nil)
	svc.ServeHTTP(httptest.NewRecorder(), r)
	if n := svc.limit.len(); n != 1 {
		t.Errorf("%d clients after the others went idle", n)
	}
}

// Fetches made for requests are bounded: past MaxFetches, 503.
func TestServiceFetchBound(t *testing.T) {
	arrived, release := make(chan struct{}), make(chan struct{})
	mux := http.NewServeMux()
	mux.HandleFunc("/hold", func(w http.ResponseWriter, r *http.Request) {
		select {
		case arrived <- struct{}{}:
		default:
		}
		<-release
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"price":1}`)
	})
	src := muxSource(t, mux)
	s, _ := signer(t)
	id := MarketID("m")
	book := FixedBook{id: {SourceURL: src.url("/hold"), Pointer: "/price", Comparator: ">", Threshold: "0", ResolveAfter: time.Now().Add(-time.Minute), Window: 3600}}
	c := src.client()
	c.Timeout = time.Minute
	a := serve(t, &Service{Client: c, Signer: s, Domain: testDomain, Markets: book, MaxFetches: 1, Burst: 100})
	first := make(chan int)
	go func() {
		b, _ := json.Marshal(NotarizeRequest{URL: src.url("/hold")})
		code, _ := a.do("POST", "/v1/notarize", b)
		first <- code
	}()
	<-arrived
	b, _ := json.Marshal(NotarizeRequest{URL: src.url("/hold")})
	if code, out := a.do("POST", "/v1/notarize", b); code != 503 || !strings.Contains(out["error"].(string), "bound on fetches") {
		t.Errorf("a second fetch: %d %v", code, out)
	}
	if code, _ := a.do("POST", "/v1/markets/m/resolve", nil); code != 503 {
		t.Errorf("a resolve while full: %d", code)
	}
	close(release)
	if code := <-first; code != 200 {
		t.Errorf("the first fetch: %d", code)
	}
	if code, out := a.do("POST", "/v1/markets/m/resolve", nil); code != 200 {
		t.Errorf("a resolve once free: %d %v", code, out)
	}
}

func TestCacheBounds(t *testing.T) {
	n := &Notarization{Value: json.RawMessage(`"` + strings.Repeat("x", 100) + `"`)}
	b, _ := json.Marshal(n)
	size := int64(len(b))
	c := newCache(3, 10*size)
	for i := range 5 {
		c.put(common.Hash{byte(i)}, n)
	}
	if entries, bytes := c.len(); entries != 3 || bytes != 3*size {
		t.Errorf("%d entries, %d bytes; want 3 and %d", entries, bytes, 3*size)
	}
	if _, ok := c.get(common.Hash{0}); ok {
		t.Error("the oldest entry is still there")
	}
	c = newCache(100, 2*size)
	for i := range 5 {
		c.put(common.Hash{byte(i)}, n)
	}
	if entries, bytes := c.len(); entries != 2 || bytes > 2*size {
		t.Errorf("%d entries, %d bytes under a %d-byte bound", entries, bytes, 2*size)
	}
	c.put(common.Hash{9}, &Notarization{Value: json.RawMessage(`"` + strings.Repeat("y", 1000) + `"`)})
	if _, ok := c.get(common.Hash{9}); ok {
		t.Error("an entry over the byte bound was kept")
	}
}

func mustTerms(t *testing.T, m Market) common.Hash {
	t.Helper()
	h, err := m.TermsHash()
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func mustJSON(v any) []byte {
	b, _ := json.Marshal(v)
	return b
}
