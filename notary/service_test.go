package notary

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

func TestService(t *testing.T) {
	src := newSource(t, nil)
	s, _ := signer(t)
	now := time.Now()
	svc := httptest.NewServer(&Service{Client: src.client(), Signer: s, Domain: testDomain, Now: func() time.Time { return now }})
	defer svc.Close()
	post := func(path string, body any) (int, map[string]any) {
		b, _ := json.Marshal(body)
		resp, err := http.Post(svc.URL+path, "application/json", bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var out map[string]any
		json.NewDecoder(resp.Body).Decode(&out)
		return resp.StatusCode, out
	}
	code, out := post("/v1/notarize", NotarizeRequest{URL: src.url("/price"), Extract: "/result/settled"})
	if code != 200 || out["signature"] == nil || string(mustJSON(out["value"])) != "true" {
		t.Errorf("notarize: %d %v", code, out["value"])
	}
	market := Market{SourceURL: src.url("/price"), Pointer: "/result/price", Comparator: ">=", Threshold: "100000", ResolveAfter: now.Add(time.Hour)}
	code, out = post("/v1/markets/btc-100k/resolve", market)
	if code != 422 || out["check"] != "market" || !strings.Contains(out["error"].(string), "resolves after") {
		t.Errorf("early resolve: %d %v", code, out)
	}
	market.ResolveAfter = now.Add(-time.Minute)
	code, out = post("/v1/markets/btc-100k/resolve", market)
	if code != 200 {
		t.Fatalf("resolve: %d %v", code, out)
	}
	var n Notarization
	b, _ := json.Marshal(out)
	json.Unmarshal(b, &n)
	if !bytes.Equal(n.Statement.Value, Outcome(true)) || n.Statement.MarketID != MarketID("btc-100k") {
		t.Errorf("outcome %x market %s", n.Statement.Value, n.Statement.MarketID.Hex())
	}
	if a, err := n.Statement.RecoverSigner(testDomain, n.Signature); err != nil || a != s.Address {
		t.Errorf("resolution signer %s %v", a.Hex(), err)
	}
	if n.Statement.Terms != mustTerms(t, market) {
		t.Errorf("resolution terms %s, want the market's", n.Statement.Terms.Hex())
	}
	// Other terms are another market as far as the contract goes: it only
	// accepts the terms the market was created with.
	market.Comparator = "<"
	_, out = post("/v1/markets/btc-100k/resolve", market)
	var no Notarization
	b, _ = json.Marshal(out)
	json.Unmarshal(b, &no)
	if no.Statement == nil || !bytes.Equal(no.Statement.Value, Outcome(false)) {
		t.Errorf("resolve <: %v", out)
	}
	market.Comparator = "~"
	if code, out = post("/v1/markets/btc-100k/resolve", market); code != 422 || !strings.Contains(out["error"].(string), "comparator") {
		t.Errorf("bad comparator: %d %v", code, out)
	}
	market.Comparator, market.Pointer = ">", "/market"
	if code, out = post("/v1/markets/btc-100k/resolve", market); code != 422 || out["check"] != "extract" {
		t.Errorf("non-number: %d %v", code, out)
	}
}

// A market is resolved once: when the source moves afterwards, every later
// request, concurrent or after a restart, gets the first outcome again.
func TestResolveOnce(t *testing.T) {
	src := newSource(t, nil)
	s, _ := signer(t)
	dir := t.TempDir()
	market := Market{SourceURL: src.url("/moving"), Pointer: "/result/price", Comparator: ">=", Threshold: "100000", ResolveAfter: time.Now().Add(-time.Minute)}
	svc := &Service{Client: src.client(), Signer: s, Domain: testDomain, StateDir: dir}
	var wg sync.WaitGroup
	got := make([]*Notarization, 4)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n, err := svc.Resolve(context.Background(), "btc-100k", market)
			if err != nil {
				t.Error(err)
			}
			got[i] = n
		}()
	}
	wg.Wait()
	if t.Failed() {
		return
	}
	first := got[0]
	if !bytes.Equal(first.Statement.Value, Outcome(true)) {
		t.Fatalf("first outcome %x, want YES (the source read 101234.5)", first.Statement.Value)
	}
	for i, n := range got {
		if !bytes.Equal(n.Signature, first.Signature) {
			t.Errorf("request %d got another resolution: %x", i, n.Statement.Value)
		}
	}
	// The source now says 90000; a restarted notary still answers YES.
	restarted := &Service{Client: src.client(), Signer: s, Domain: testDomain, StateDir: dir}
	n, err := restarted.Resolve(context.Background(), "btc-100k", market)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(n.Signature, first.Signature) || !bytes.Equal(n.Statement.Value, Outcome(true)) {
		t.Errorf("after a restart: outcome %x, signature changed %v", n.Statement.Value, !bytes.Equal(n.Signature, first.Signature))
	}
	// Without the kept state the source's new value would have won: the
	// test above is not passing by accident.
	fresh := &Service{Client: src.client(), Signer: s, Domain: testDomain}
	memo, err := fresh.Resolve(context.Background(), "btc-100k", market)
	if err != nil || !bytes.Equal(memo.Statement.Value, Outcome(false)) {
		t.Fatalf("a notary without state: %v %v", memo, err)
	}
	// Without a state directory it remembers in memory.
	if n, err := fresh.Resolve(context.Background(), "btc-100k", market); err != nil || !bytes.Equal(n.Signature, memo.Signature) {
		t.Errorf("resolved again in memory: %v", err)
	}
	// A kept file that is not JSON is an error naming it, never a new signature.
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("state dir holds %d files, want 1", len(entries))
	}
	path := filepath.Join(dir, entries[0].Name())
	os.WriteFile(path, []byte("{"), 0o644)
	broken := &Service{Client: src.client(), Signer: s, Domain: testDomain, StateDir: dir}
	if _, err := broken.Resolve(context.Background(), "btc-100k", market); err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("corrupt state: %v", err)
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
