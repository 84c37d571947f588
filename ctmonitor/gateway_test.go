package ctmonitor

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/devproof/devproof/internal/attest"
	"github.com/devproof/devproof/internal/teesim"
)

// A dstack gateway's certificate key, quoted with zt-cert report_data by
// the gateway's app, is authorized; a key quoted for another key, by
// another app, or by the simulator without --allow-simulated is not.
func TestGatewayKeys(t *testing.T) {
	t.Parallel()
	gw, err := teesim.New(teesim.Config{Seed: []byte("gateway")})
	if err != nil {
		t.Fatal(err)
	}
	other, err := teesim.New(teesim.Config{Seed: []byte("some other app"), AppID: []byte("another app, 20 byte")})
	if err != nil {
		t.Fatal(err)
	}
	spki := func() []byte {
		k, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		der, _ := x509.MarshalPKIXPublicKey(&k.PublicKey)
		return der
	}
	quoted := func(sim *teesim.Simulator, key, boundTo []byte) map[string]string {
		rd := attest.TaggedReportData("zt-cert", boundTo)
		q, err := sim.Quote(rd[:])
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(q)
		return map[string]string{"public_key": hex.EncodeToString(key), "quote": string(b)}
	}
	good, swapped, foreign := spki(), spki(), spki()
	info, _ := json.Marshal(map[string]any{"account_uri": "https://acme.example/acct/1", "hist_keys": []string{},
		"quoted_hist_keys": []map[string]string{quoted(gw, good, good), quoted(gw, swapped, good), quoted(other, foreign, foreign)}})
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/.dstack/acme-info" {
			http.NotFound(w, r)
			return
		}
		w.Write(info)
	}))
	defer srv.Close()
	id := gw.AppID()
	appID := hex.EncodeToString(id[:])
	ctx := context.Background()

	a, err := FetchGatewayKeys(ctx, srv.Client(), srv.URL+"/.dstack/acme-info", GatewayOptions{AppID: appID, AllowSimulated: true})
	if err != nil {
		t.Fatal(err)
	}
	hash := func(der []byte) string { s := sha256.Sum256(der); return hex.EncodeToString(s[:]) }
	if by, ok := a.Authorized(hash(good)); !ok || by != "gateway "+appID {
		t.Errorf("the gateway's key: %q, %v", by, ok)
	}
	for name, k := range map[string][]byte{"a key quoted for another key": swapped, "another app's key": foreign} {
		if _, ok := a.Authorized(hash(k)); ok {
			t.Errorf("%s is authorized", name)
		}
	}

	for _, tc := range []struct {
		opts GatewayOptions
		want string
	}{
		{GatewayOptions{AppID: appID}, "simulated"},
		{GatewayOptions{AllowSimulated: true}, "no gateway app id given"},
		{GatewayOptions{AppID: strings.Repeat("ab", 20), AllowSimulated: true}, "not the gateway"},
	} {
		_, err := FetchGatewayKeys(ctx, srv.Client(), srv.URL+"/.dstack/acme-info", tc.opts)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: %v, want %q", tc.opts, err, tc.want)
		}
	}
	// The swapped key's refusal names report_data.
	_, err = gatewayKeys("test", info, GatewayOptions{AppID: strings.Repeat("cd", 20), AllowSimulated: true})
	if err == nil || !strings.Contains(err.Error(), "key 1: quote: ") || !strings.Contains(strings.ToLower(err.Error()), "report_data") {
		t.Errorf("refusals: %v", err)
	}
	if _, err := FetchGatewayKeys(ctx, srv.Client(), srv.URL+"/missing", GatewayOptions{AppID: appID}); err == nil || !strings.Contains(err.Error(), "HTTP 404") {
		t.Errorf("a missing acme-info: %v", err)
	}
}
