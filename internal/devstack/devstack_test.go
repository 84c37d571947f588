package devstack

import (
	"context"
	"math/big"
	"net"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/devproof/devproof/ingress"
	"github.com/devproof/devproof/internal/syncbuf"
	"github.com/devproof/devproof/internal/tee"
)

func TestRunUpAndCleanShutdown(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	var out syncbuf.Buffer
	dir := t.TempDir()
	done := make(chan error, 1)
	ready := make(chan *Stack, 1)
	go func() {
		done <- Run(ctx, Config{Dir: dir, Out: &out, Ready: func(s *Stack) { ready <- s }})
	}()
	var st *Stack
	select {
	case st = <-ready:
	case err := <-done:
		t.Fatalf("Run returned before ready: %v\n%s", err, out.String())
	}
	// The printed endpoint really serves the agent API.
	info, err := tee.New(st.Endpoint).Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if info.AppID != st.AppID {
		t.Errorf("app id %s, stack says %s", info.AppID, st.AppID)
	}
	// On dstack the app id is the address of the app's policy contract.
	if !strings.EqualFold("0x"+st.AppID, st.AppAuth) || st.PolicyDelay != PolicyDelay || st.PolicyEffective.IsZero() {
		t.Errorf("app id %s, DevproofAppAuth %s, delay %s, effective %s", st.AppID, st.AppAuth, st.PolicyDelay, st.PolicyEffective)
	}
	if m := st.Market; m == nil || !m.Outcome || m.Payout.Cmp(big.NewInt(2_900_000_000_000_000_000)) < 0 {
		t.Errorf("demo market: %+v", st.Market)
	}
	var passed []string
	for _, c := range st.Market.Checks {
		if c.OK {
			passed = append(passed, c.Name)
		}
	}
	if strings.Join(passed, ",") != "path,hostname,ct,revocation" {
		t.Errorf("notary checks passed: %v (%+v)", passed, st.Market.Checks)
	}
	for _, want := range []string{"[12/12]", "ROGUE: rogue certificate for app.devproof.test", "resolved YES", "pending period 15s", "simulated quote: not trustworthy", "RTMR3 replay match", "unix:" + st.Endpoint, "Press Ctrl-C", st.URL, st.Curl} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	// The printed curl command works as printed.
	if _, err := exec.LookPath("curl"); err == nil {
		page, err := exec.CommandContext(ctx, "sh", "-c", st.Curl).CombinedOutput()
		if err != nil || !strings.Contains(string(page), "devproof demo app") || !strings.Contains(string(page), st.AppID) {
			t.Errorf("%s: %v\n%s", st.Curl, err, page)
		}
	} else if os.Getenv("CI") != "" {
		t.Error("curl is missing: the printed command cannot be checked")
	}
	runSecondIngress(ctx, t, out.String())
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "stopped cleanly") {
		t.Errorf("no clean-stop line:\n%s", out.String())
	}
	if _, err := os.Stat(st.Endpoint); !os.IsNotExist(err) {
		t.Errorf("socket left behind: %v", err)
	}
}

// A second stack on the same directory refuses to take over a live socket.
func TestRunRefusesLiveSocket(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	dir := t.TempDir()
	ready := make(chan *Stack, 1)
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, Config{Dir: dir, Out: &syncbuf.Buffer{}, Ready: func(s *Stack) { ready <- s }})
	}()
	<-ready
	err := Run(ctx, Config{Dir: dir, Out: &syncbuf.Buffer{}})
	if err == nil || !strings.Contains(err.Error(), "in use") {
		t.Errorf("second Run: %v", err)
	}
	cancel()
	<-done
}

// runSecondIngress starts, in process, the second ingress whose environment
// `devproof dev` printed, and waits until it serves with evidence: the
// printed variables are all it needs.
func runSecondIngress(ctx context.Context, t *testing.T, out string) {
	t.Helper()
	_, block, ok := strings.Cut(out, "A second ingress for "+SecondDomain)
	if !ok {
		t.Fatalf("no second-ingress command in the output:\n%s", out)
	}
	block, _, ok = strings.Cut(block, "go run ./cmd/devproof ingress")
	if !ok {
		t.Fatalf("the second-ingress command does not run `devproof ingress`:\n%s", out)
	}
	env := map[string]string{}
	for _, f := range strings.Fields(block) {
		if k, v, ok := strings.Cut(f, "="); ok {
			env[k] = v
		}
	}
	for _, k := range []string{"DSTACK_SIMULATOR_ENDPOINT", "DOMAIN", "TARGET_ENDPOINT", "PORT", "ACME_DIRECTORY", "ACME_CA_ROOTS",
		"DNS_PROVIDER", "RFC2136_SERVER", "RFC2136_KEY_NAME", "RFC2136_KEY_ALG", "RFC2136_KEY_SECRET_FILE", "DNS_RESOLVERS", "STORAGE_DIR"} {
		if env[k] == "" {
			t.Errorf("printed environment lacks %s", k)
		}
	}
	if _, ok := env["RFC2136_KEY_SECRET"]; ok || strings.Contains(out, devTSIGSecret) {
		t.Error("the TSIG secret is printed")
	}
	for _, k := range []string{"ACME_CA_ROOTS", "RFC2136_KEY_SECRET_FILE"} {
		if _, err := os.Stat(env[k]); err != nil {
			t.Errorf("%s: %v", k, err)
		}
	}
	if fi, err := os.Stat(env["RFC2136_KEY_SECRET_FILE"]); err == nil && fi.Mode().Perm() != 0o600 {
		t.Errorf("TSIG secret file mode %v, want 0600", fi.Mode().Perm())
	}
	if t.Failed() {
		return
	}
	cfg, err := ingress.ParseConfig(func(k string) string { return env[k] })
	if err != nil {
		t.Fatalf("the printed environment: %v", err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	in, err := ingress.New(ctx, cfg, ingress.Options{Agent: tee.New(env["DSTACK_SIMULATOR_ENDPOINT"]), Listener: l})
	if err != nil {
		l.Close()
		t.Fatal(err)
	}
	ictx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- in.Run(ictx) }()
	defer func() {
		stop()
		if err := <-done; err != nil {
			t.Errorf("second ingress: %v", err)
		}
	}()
	deadline := time.Now().Add(60 * time.Second)
	for in.Status().State != "serving" {
		if time.Now().After(deadline) {
			t.Fatalf("second ingress not serving: %+v", in.Status())
		}
		time.Sleep(100 * time.Millisecond)
	}
}
