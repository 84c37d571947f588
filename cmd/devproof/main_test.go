//go:build !tee

package main

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	testcases "github.com/google/go-tdx-guest/testing"
	"github.com/google/go-tdx-guest/testing/testdata"

	"github.com/devproof/devproof/internal/attest"
	"github.com/devproof/devproof/internal/ctlog"
	"github.com/devproof/devproof/internal/evidence"
	"github.com/devproof/devproof/internal/localca"
	"github.com/devproof/devproof/internal/realworld"
	"github.com/devproof/devproof/internal/tee"
	"github.com/devproof/devproof/internal/teesim"
)

func runCmd(t *testing.T, ctx context.Context, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(ctx, args, &out, &errb)
	return code, out.String(), errb.String()
}

func write(t *testing.T, name string, data []byte) string {
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// The simulator subcommand, the agent client subcommand and verify work
// together over a real socket; the simulated quote is refused unless
// --allow-simulated.
func TestSimulatorAgentVerify(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	sock := filepath.Join(t.TempDir(), "dstack.sock")
	simCtx, stopSim := context.WithCancel(ctx)
	done := make(chan int, 1)
	go func() {
		code, _, _ := runCmd(t, simCtx, "simulator", "--socket", sock, "--event-log-version", "2")
		done <- code
	}()
	for i := 0; ; i++ {
		if _, err := tee.New(sock).GetVersion(ctx); err == nil {
			break
		}
		if i > 200 {
			t.Fatal("simulator did not come up")
		}
		time.Sleep(10 * time.Millisecond)
	}
	code, quote, stderr := runCmd(t, ctx, "agent", "--endpoint", sock, "quote", "--tag", "devproof-manifest", "--content", "x")
	if code != 0 {
		t.Fatalf("agent quote: %d %s", code, stderr)
	}
	qf := write(t, "quote.json", []byte(quote))
	code, out, _ := runCmd(t, ctx, "verify", "quote", qf)
	if code != 1 || !strings.Contains(out, "simulated quote: not trustworthy") || !strings.Contains(out, "FAIL") {
		t.Errorf("without --allow-simulated: %d\n%s", code, out)
	}
	rd := attest.TaggedReportData("devproof-manifest", []byte("x"))
	code, out, _ = runCmd(t, ctx, "verify", "quote", qf, "--allow-simulated", "--json", "--report-data", hex.EncodeToString(rd[:]))
	var rep struct {
		Status      string `json:"status"`
		RTMR3Replay string `json:"rtmr3_replay"`
		AppID       string `json:"app_id"`
		OK          bool   `json:"ok"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("--json output is not JSON: %v\n%s", err, out)
	}
	if code != 0 || !rep.OK || rep.Status != "simulated" || rep.RTMR3Replay != "match" || rep.AppID == "" {
		t.Errorf("with --allow-simulated: %d %+v", code, rep)
	}
	rd[0] ^= 1
	code, out, _ = runCmd(t, ctx, "verify", "quote", qf, "--allow-simulated", "--report-data", hex.EncodeToString(rd[:]))
	if code != 1 || !strings.Contains(out, "report_data mismatch") {
		t.Errorf("wrong --report-data: %d\n%s", code, out)
	}
	stopSim()
	if code := <-done; code != 0 {
		t.Errorf("simulator exit %d", code)
	}
	if _, err := os.Stat(sock); !os.IsNotExist(err) {
		t.Errorf("socket left behind after shutdown")
	}
}

func TestVerifyRealQuote(t *testing.T) {
	ctx := context.Background()
	coll := t.TempDir()
	g := attest.RecordCollateral(coll, testcases.TestGetter)
	for u := range testcases.TestGetter.Responses {
		if _, _, err := g.Get(u); err != nil {
			t.Fatal(err)
		}
	}
	raw := write(t, "quote.dat", testdata.RawQuote)
	at := "2023-07-01T01:00:00Z"

	code, out, _ := runCmd(t, ctx, "verify", "quote", raw, "--collateral", coll, "--at", at, "--allow-outdated-tcb")
	if code != 0 || !strings.Contains(out, "signature:      verified") || !strings.Contains(out, "no matching TCB level") {
		t.Errorf("real quote: %d\n%s", code, out)
	}
	code, out, _ = runCmd(t, ctx, "verify", "quote", raw, "--collateral", coll, "--at", at)
	if code != 1 || !strings.Contains(out, "TCB: ") {
		t.Errorf("strict TCB: %d\n%s", code, out)
	}
	flipped := bytes.Clone(testdata.RawQuote)
	flipped[48+520] ^= 1
	code, out, _ = runCmd(t, ctx, "verify", "quote", write(t, "flipped.dat", flipped), "--collateral", coll, "--at", at, "--allow-outdated-tcb")
	if code != 1 || !strings.Contains(out, "signature") || !strings.Contains(out, "failed") {
		t.Errorf("flipped quote: %d\n%s", code, out)
	}
	hexq := write(t, "quote.hex", []byte(hex.EncodeToString(testdata.RawQuote)+"\n"))
	if code, out, _ = runCmd(t, ctx, "verify", "quote", hexq, "--at", at); code != 0 || !strings.Contains(out, "tcb:            not checked") {
		t.Errorf("hex quote, no collateral: %d\n%s", code, out)
	}
}

func TestVerifyBadInput(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"verify", "quote", write(t, "t", testdata.RawQuote[:100])}, 1, "quote v4"},
		{[]string{"verify", "quote", write(t, "g", []byte("garbage"))}, 1, "shorter than its 48-byte header"},
		{[]string{"verify", "quote", write(t, "o", []byte(`{"quote":"abc"}`))}, 1, "odd length"},
		{[]string{"verify", "quote", filepath.Join(t.TempDir(), "missing")}, 1, "no such file"},
		{[]string{"verify", "quote", "x", "--at", "yesterday"}, 1, `--at "yesterday"`},
		{[]string{"verify", "quote", "x", "--pcs", "--collateral", "d"}, 1, "at most one of"},
		{[]string{"verify", "quote"}, 2, "Usage"},
		{[]string{"verify", "quote", "x", "--bogus"}, 2, "bogus"},
		{[]string{"frobnicate"}, 2, "unknown command"},
		{[]string{"simulator"}, 2, "--socket"},
		{[]string{"simulator", "--socket", "s", "--app-id", "abc"}, 1, "--app-id \"abc\": hex has odd length"},
	} {
		code, _, stderr := runCmd(t, ctx, tc.args...)
		if code != tc.code || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tc.args, code, stderr, tc.code, tc.want)
		}
	}
}

const evidenceTestdata = "../../internal/evidence/testdata"

// verify evidence passes the golden set only with --allow-simulated, reads
// it from a directory or its URL alike, and on each broken variant exits 1
// with a line naming the check and the file.
func TestVerifyEvidence(t *testing.T) {
	ctx := context.Background()
	good := filepath.Join(evidenceTestdata, "good")
	code, out, stderr := runCmd(t, ctx, "verify", "evidence", good)
	if code != 1 || !strings.Contains(out, "quote:          FAIL quote.json: simulated quote: not trustworthy") || !strings.Contains(out, "result:         FAIL") {
		t.Errorf("without --allow-simulated: %d\n%s%s", code, out, stderr)
	}
	code, out, stderr = runCmd(t, ctx, "verify", "evidence", good, "--allow-simulated")
	if code != 0 || !strings.Contains(out, "attested:       pass") || !strings.Contains(out, "result:         PASS") || strings.Contains(out, "FAIL") {
		t.Errorf("with --allow-simulated: %d\n%s%s", code, out, stderr)
	}
	for _, check := range evidence.Checks {
		if !strings.Contains(out, fmt.Sprintf("%-15s pass", check+":")) {
			t.Errorf("no line for check %s:\n%s", check, out)
		}
	}

	// The same set over HTTP, listed as the ingress lists it.
	files, err := evidence.ReadDir(good)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, "/evidences/")
		if name == "" {
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			for n := range files {
				fmt.Fprintln(w, n)
			}
			return
		}
		if b, ok := files[name]; ok {
			w.Write(b)
			return
		}
		http.NotFound(w, r)
	}))
	defer srv.Close()
	code, out, stderr = runCmd(t, ctx, "verify", "evidence", srv.URL+"/evidences/", "--allow-simulated", "--json")
	var rep struct {
		OK       bool `json:"ok"`
		Identity struct {
			AppID string `json:"app_id"`
		} `json:"identity"`
		Keys     []json.RawMessage  `json:"keys"`
		Failures []evidence.Failure `json:"failures"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("--json output is not JSON: %v\n%s", err, out)
	}
	if code != 0 || !rep.OK || len(rep.Keys) != 3 || len(rep.Failures) != 0 || rep.Identity.AppID == "" {
		t.Errorf("over HTTP: %d %+v %s", code, rep, stderr)
	}
	code, out, _ = runCmd(t, ctx, "verify", "evidence", good, "--allow-simulated", "--app-id", "0x"+strings.Repeat("12", 20))
	if code != 1 || !strings.Contains(out, "identity:       FAIL quote.json: app_id is "+rep.Identity.AppID) {
		t.Errorf("wrong --app-id: %d\n%s", code, out)
	}

	b, err := os.ReadFile(filepath.Join(evidenceTestdata, "broken.json"))
	if err != nil {
		t.Fatal(err)
	}
	var broken map[string]evidence.Failure
	if err := json.Unmarshal(b, &broken); err != nil {
		t.Fatal(err)
	}
	for variant, want := range broken {
		code, out, _ := runCmd(t, ctx, "verify", "evidence", filepath.Join(evidenceTestdata, "broken", variant), "--allow-simulated")
		line := fmt.Sprintf("%-15s FAIL %s: ", want.Check+":", want.File)
		if code != 1 || !strings.Contains(out, line) || !strings.Contains(out, "result:         FAIL") {
			t.Errorf("%s: exit %d, want 1 and a line %q:\n%s", variant, code, line, out)
		}
	}

	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"verify", "evidence"}, 2, "Usage: devproof verify evidence DIR|URL"},
		{[]string{"verify", "evidence", good, "--app-id", "abcd"}, 1, `devproof: error: --app-id "abcd" is 2 bytes, want 20`},
		{[]string{"verify", "evidence", good, "--app-id", "xyz"}, 1, "devproof: error: --app-id"},
		{[]string{"verify", "evidence", filepath.Join(t.TempDir(), "none")}, 1, "devproof: error: evidence directory"},
		{[]string{"verify", "evidence", srv.URL + "/missing/"}, 1, "devproof: error: evidence " + srv.URL + "/missing/: HTTP status 404"},
	} {
		code, _, stderr := runCmd(t, ctx, tc.args...)
		if code != tc.code || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tc.args, code, stderr, tc.code, tc.want)
		}
	}
}

func TestNotaryCheckChain(t *testing.T) {
	ctx := context.Background()
	dir := realworld.Dir(t, "ct")
	chain := filepath.Join(dir, "google-com-chain-2025-07.pem")
	list := filepath.Join(dir, "chrome-log-list-v63.23.json")
	code, out, _ := runCmd(t, ctx, "notary", "check-chain", "--chain", chain, "--log-list", list, "--at", "2025-08-22T00:00:00Z", "--host", "www.google.com")
	if code != 0 || strings.Count(out, "PASS") != 3 {
		t.Errorf("real chain: %d\n%s", code, out)
	}
	code, out, _ = runCmd(t, ctx, "notary", "check-chain", "--chain", chain, "--log-list", list, "--at", "2025-10-01T00:00:00Z", "--json")
	var rep struct {
		OK     bool
		Checks []struct {
			Name, Detail string
			OK           bool
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil || code != 1 || rep.OK || rep.Checks[0].OK {
		t.Errorf("expired: %d %v\n%s", code, err, out)
	}
	code, _, stderr := runCmd(t, ctx, "notary", "check-chain", "--chain", write(t, "bad.pem", []byte("garbage")), "--log-list", list)
	if code != 1 || !strings.Contains(stderr, "no PEM certificates") {
		t.Errorf("garbage chain: %d %s", code, stderr)
	}
	if code, _, _ := runCmd(t, ctx, "notary", "check-chain", "--chain", chain); code != 2 {
		t.Errorf("missing --log-list: exit %d", code)
	}
}

// notarySource starts a simulator and an HTTPS source with a certificate
// from a local CA: the agent socket, a roots file, the source's URL, and
// the CA with the source's certificate.
func notarySource(t *testing.T) (sock, roots, url string, ca *localca.CA, cert tls.Certificate) {
	t.Helper()
	sim, err := teesim.New(teesim.Config{Seed: []byte("cli notary")})
	if err != nil {
		t.Fatal(err)
	}
	sock = filepath.Join(t.TempDir(), "dstack.sock")
	_, stop, err := sim.Start(sock)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	if ca, err = localca.New(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(ca.Close)
	cert, _ = ca.Issue("source.devproof.test")
	src := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"outcome":{"winner":"yes","votes":3}}`))
	}))
	src.TLS = &tls.Config{Certificates: []tls.Certificate{cert}}
	src.StartTLS()
	t.Cleanup(src.Close)
	return sock, write(t, "roots.pem", ca.RootPEM()), src.URL, ca, cert
}

func TestNotaryFetch(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	sock, roots, url, ca, cert := notarySource(t)
	args := []string{"notary", "fetch", url + "/", "--ct", "off", "--roots", roots, "--endpoint", sock, "--extract", "/outcome/winner", "--chain-id", "31337"}
	code, out, stderr := runCmd(t, ctx, args...)
	var n struct {
		Signature string          `json:"signature"`
		Value     json.RawMessage `json:"value"`
		Record    struct{ Checks []struct{ Name string } }
	}
	if err := json.Unmarshal([]byte(out), &n); code != 0 || err != nil || string(n.Value) != `"yes"` || len(n.Signature) != 132 || len(n.Record.Checks) != 3 {
		t.Fatalf("fetch: %d %v %s\n%s", code, err, stderr, out)
	}
	ca.Revoke(cert.Leaf)
	code, out, stderr = runCmd(t, ctx, args...)
	if code != 1 || out != "" || !strings.Contains(stderr, "revocation check failed") || !strings.Contains(stderr, "revoked") {
		t.Errorf("revoked: %d %q %s", code, out, stderr)
	}
}

// --max-log-list-age bounds the log list's age: an 80-day-old list is
// refused by default and read with 90 days allowed.
func TestNotaryFetchLogListAge(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	sock, roots, url, _, _ := notarySource(t)
	k, err := ctlog.NewKey()
	if err != nil {
		t.Fatal(err)
	}
	listed := time.Now().Add(-80 * 24 * time.Hour).UTC()
	list := write(t, "old-list.json", []byte(fmt.Sprintf(`{"version":"old","log_list_timestamp":%q,"operators":[{"name":"Op","logs":[%s]}]}`,
		listed.Format(time.RFC3339), k.Entry("log", "usable", listed.AddDate(-1, 0, 0)))))
	args := []string{"notary", "fetch", url + "/", "--log-list", list, "--roots", roots, "--endpoint", sock}
	if code, out, stderr := runCmd(t, ctx, args...); code != 1 || out != "" || !strings.Contains(stderr, "ct check failed") || !strings.Contains(stderr, "over the 70 days bound") {
		t.Errorf("an 80-day-old list: %d %q %s", code, out, stderr)
	}
	// Allowed, the list is read, and the source's certificate, which no
	// log signed, fails the policy itself.
	args = append(args, "--max-log-list-age", "2160h")
	if code, out, stderr := runCmd(t, ctx, args...); code != 1 || out != "" || !strings.Contains(stderr, "ct check failed: no SCTs") {
		t.Errorf("an 80-day-old list, 90 days allowed: %d %q %s", code, out, stderr)
	}
}
