package notary

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
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

func mustJSON(v any) []byte {
	b, _ := json.Marshal(v)
	return b
}
