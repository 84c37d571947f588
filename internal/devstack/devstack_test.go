package devstack

import (
	"context"
	"math/big"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/devproof/devproof/internal/syncbuf"
	"github.com/devproof/devproof/internal/tee"
)

func TestRunUpAndCleanShutdown(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
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
	for _, want := range []string{"[10/10]", "resolved YES", "pending period 15s", "simulated quote: not trustworthy", "RTMR3 replay match", "unix:" + st.Endpoint, "Press Ctrl-C", st.URL, st.Curl} {
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
