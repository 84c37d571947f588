//go:build !tee

package main

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/devproof/devproof/deploy/contracts"
	"github.com/devproof/devproof/deploy/contracts/bindings"
	"github.com/devproof/devproof/internal/simchain"
	"github.com/devproof/devproof/internal/syncbuf"
	"github.com/devproof/devproof/notary"
)

// serve runs "devproof notary serve args" until stop, which returns its
// exit status; addr is where it listens.
func serve(t *testing.T, ctx context.Context, args ...string) (addr string, errb *syncbuf.Buffer, stop func() int) {
	t.Helper()
	sctx, cancel := context.WithCancel(ctx)
	errb = &syncbuf.Buffer{}
	done := make(chan int, 1)
	go func() {
		done <- run(sctx, append([]string{"notary", "serve", "--listen", "127.0.0.1:0"}, args...), io.Discard, errb)
	}()
	for deadline := time.Now().Add(10 * time.Second); addr == ""; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("serve did not start: %s", errb)
		}
		if _, rest, ok := strings.Cut(errb.String(), "serving on http://"); ok {
			addr, _, _ = strings.Cut(rest, " ")
		}
	}
	return addr, errb, func() int {
		cancel()
		return <-done
	}
}

func httpDo(t *testing.T, method, url, body string) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(method, url, strings.NewReader(body))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out
}

// Without --rpc and --market serve notarizes only; with them it learns the
// contract's markets from the chain, and refuses a node on another chain,
// a contract that is not a market, and a submit key it cannot use.
func TestNotaryServe(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	sock, roots, url, _, _ := notarySource(t)
	t.Setenv(submitKeyEnv, "")
	t.Setenv(submitKeyFileEnv, "")
	if code, _, stderr := runCmd(t, ctx, "notary", "serve", "--endpoint", sock); code != 1 || !strings.Contains(stderr, "--log-list is required") {
		t.Errorf("serve without a log list: exit %d, %s", code, stderr)
	}
	base := []string{"--ct", "off", "--roots", roots, "--endpoint", sock}

	addr, errb, stop := serve(t, ctx, base...)
	if !strings.Contains(errb.String(), "serving POST /v1/notarize only") {
		t.Errorf("serve without a chain does not say so: %s", errb)
	}
	if code, out := httpDo(t, "POST", "http://"+addr+"/v1/notarize", `{"url":"`+url+`/","extract":"/outcome/votes"}`); code != 200 || out["signature"] == nil {
		t.Errorf("notarize: %d %v", code, out)
	}
	if code, out := httpDo(t, "POST", "http://"+addr+"/v1/markets/votes/resolve", ""); code != 404 {
		t.Errorf("a market without a chain: %d %v", code, out)
	}
	if code := stop(); code != 0 {
		t.Errorf("serve exited %d after its context ended: %s", code, errb)
	}

	c := simchain.Start(t, 2)
	app, tx, _, err := bindings.DeployDevproofAppAuth(c.Auth(t, 0), c.Client, c.Address(0), uint64(24*time.Hour/time.Second), false, true, [32]byte{}, [32]byte{1})
	c.Mined(t, tx, err)
	reg, tx, _, err := bindings.DeployNotaryRegistry(c.Auth(t, 0), c.Client, app, common.HexToAddress("0x1"), uint64(24*time.Hour/time.Second))
	c.Mined(t, tx, err)
	marketAddr, tx, market, err := bindings.DeployPredictionMarket(c.Auth(t, 0), c.Client, reg, 600)
	c.Mined(t, tx, err)
	def := notary.Market{SourceURL: url + "/", Pointer: "/outcome/votes", Comparator: ">=", Threshold: "2", ResolveAfter: c.Now(t).Add(time.Hour), Window: 60}
	tx, err = market.Create(c.Auth(t, 0), notary.MarketID("votes"), contracts.Terms(def))
	c.Mined(t, tx, err)
	onChain := slices.Concat(base, []string{"--rpc", c.URL, "--market", marketAddr.Hex()})
	keyHex := hex.EncodeToString(crypto.FromECDSA(c.Keys[1]))

	for _, tc := range []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"--rpc alone", nil, slices.Concat(base, []string{"--rpc", c.URL}), "--rpc and --market go together"},
		{"not a market", nil, slices.Concat(base, []string{"--rpc", c.URL, "--market", app.Hex()}), "is not a PredictionMarket"},
		{"another chain", nil, slices.Concat(onChain, []string{"--chain-id", "31337"}), "--chain-id 31337, but the node at --rpc serves chain 1337"},
		{"another contract", nil, slices.Concat(onChain, []string{"--contract", app.Hex()}), "is not --market"},
		{"a key that is not hex", map[string]string{submitKeyEnv: "0x" + strings.Repeat("g", 64)}, onChain, submitKeyEnv + " is not a hex key"},
		{"a key and nothing to submit to", map[string]string{submitKeyEnv: keyHex}, base, "nothing to submit to"},
	} {
		for k, v := range tc.env {
			t.Setenv(k, v)
		}
		code, _, stderr := runCmd(t, ctx, append([]string{"notary", "serve", "--listen", "127.0.0.1:0"}, tc.args...)...)
		if code != 1 || !strings.Contains(stderr, tc.want) || (tc.env[submitKeyEnv] != "" && strings.Contains(stderr, tc.env[submitKeyEnv])) {
			t.Errorf("%s: exit %d, %s; want %q", tc.name, code, stderr, tc.want)
		}
		t.Setenv(submitKeyEnv, "")
	}

	t.Setenv(submitKeyFileEnv, write(t, "submitter.key", []byte(keyHex+"\n")))
	addr, errb, stop = serve(t, ctx, onChain...)
	if want := "submitting observations from " + c.Address(1).Hex(); !strings.Contains(errb.String(), want) {
		t.Errorf("serve on chain does not say %q: %s", want, errb)
	}
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		code, out := httpDo(t, "GET", "http://"+addr+"/v1/markets/votes", "")
		if code == 404 && strings.Contains(out["error"].(string), "no observation yet") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the market created on chain is not known: %d %v", code, out)
		}
	}
	if code, out := httpDo(t, "POST", "http://"+addr+"/v1/markets/votes/resolve", ""); code != 422 || out["check"] != "window" {
		t.Errorf("observing before the window: %d %v", code, out)
	}
	if code := stop(); code != 0 {
		t.Errorf("serve exited %d after its context ended: %s", code, errb)
	}
}
