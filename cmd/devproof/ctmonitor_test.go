//go:build !tee

package main

import (
	"context"
	"encoding/base64"
	"encoding/pem"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/devproof/devproof/ctmonitor"
	"github.com/devproof/devproof/internal/ctlog"
	"github.com/devproof/devproof/internal/localca"
)

// A backfill killed with SIGKILL at 24 random instants, then run to the
// end, alerts exactly the certificates an uninterrupted run alerts, and no
// state file is ever empty. Alerts are at least once: a kill while a hook
// runs may repeat that one alert, never lose it.
func TestCTMonitorAuditSurvivesKills(t *testing.T) {
	t.Parallel()
	ca, err := localca.New()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(ca.Close)
	log, err := ctlog.Start(t.TempDir(), "crash test log", "devproof test", ca.RootPEM())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(log.Close)

	// 120 certificates, one in three for a watched name, none attested.
	var wg sync.WaitGroup
	errs := make(chan error, 120)
	sem := make(chan struct{}, 16)
	for i := range 120 {
		host := fmt.Sprintf("host%d.unwatched.test", i)
		if i%3 == 0 {
			host = fmt.Sprintf("host%d.app.devproof.test", i)
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			_, err := ca.IssueLogged(context.Background(), []localca.SCTSource{log}, host)
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}

	dir := t.TempDir()
	watchlist := filepath.Join(dir, "watchlist")
	os.WriteFile(watchlist, []byte(".app.devproof.test\n"), 0o600)
	logList := filepath.Join(dir, "loglist.json")
	os.WriteFile(logList, ctlog.LogList("1.0", log), 0o600)
	hook := filepath.Join(dir, "hook.sh")
	os.WriteFile(hook, []byte("#!/bin/sh\necho \"$TBS_SHA256\" >> \"$ALERTS\"\n"), 0o700)

	audit := func(state, alerts string) *exec.Cmd {
		c := exec.Command(os.Args[0], "ctmonitor", "audit", "--from-start", "--watchlist", watchlist, "--log-list", logList, "--state-dir", state, "--hook", hook)
		c.Env = append(os.Environ(), "DEVPROOF_TEST_MAIN=1", "ALERTS="+alerts)
		return c
	}
	// Wait until the log has integrated every entry: an audit that reads
	// 120 precertificates.
	whole, wholeAlerts := filepath.Join(dir, "whole"), filepath.Join(dir, "whole-alerts")
	deadline := time.Now().Add(30 * time.Second)
	for {
		os.RemoveAll(whole)
		os.Remove(wholeAlerts)
		out, _ := audit(whole, wholeAlerts).Output()
		if strings.Count(string(out), "\n") >= 40 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the log never showed 40 watched certificates; last audit printed:\n%s", out)
		}
		time.Sleep(200 * time.Millisecond)
	}
	want := alertSet(t, wholeAlerts)
	if len(want) != 40 {
		t.Fatalf("the uninterrupted audit alerted %d certificates, want 40", len(want))
	}

	state, alerts := filepath.Join(dir, "killed"), filepath.Join(dir, "killed-alerts")
	for i := range 24 {
		c := audit(state, alerts)
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rand.IntN(150)) * time.Millisecond)
		c.Process.Signal(syscall.SIGKILL)
		c.Wait()
		checkNoEmptyFiles(t, state, i)
	}
	if err := audit(state, alerts).Run(); err == nil {
		t.Error("the final audit exited 0 with rogue certificates known")
	} else if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		t.Errorf("the final audit: %v, want exit status 1 (rogue certificates)", err)
	}
	checkNoEmptyFiles(t, state, 24)
	got := alertSet(t, alerts)
	if !slices.Equal(got, want) {
		t.Errorf("after 24 kills alerted %d certificates, want the uninterrupted run's %d", len(got), len(want))
	}
	b, _ := os.ReadFile(alerts)
	if n := strings.Count(string(b), "\n"); n > len(want) {
		t.Logf("%d alerts repeated by kills during a hook", n-len(want))
	}
}

// alertSet is the distinct TBS hashes a hook wrote, sorted.
func alertSet(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range strings.Fields(string(b)) {
		if len(l) != 64 {
			t.Errorf("hook wrote %q, not a TBS sha256", l)
		}
		if !slices.Contains(out, l) {
			out = append(out, l)
		}
	}
	slices.Sort(out)
	return out
}

// checkNoEmptyFiles fails on any empty file in the state directory
// (temporary files of a killed write aside, which are never read).
func checkNoEmptyFiles(t *testing.T, dir string, kill int) {
	t.Helper()
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.Contains(d.Name(), ".tmp") {
			return nil
		}
		if fi, err := d.Info(); err == nil && fi.Size() == 0 {
			t.Errorf("after kill %d: %s is empty", kill, path)
		}
		return nil
	})
}

// check-inclusion proves a logged certificate at its SCT's leaf_index, and
// refuses a certificate with no such SCT.
func TestCTMonitorCheckInclusion(t *testing.T) {
	t.Parallel()
	ca, err := localca.New()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(ca.Close)
	log, err := ctlog.Start(t.TempDir(), "inclusion test log", "devproof test", ca.RootPEM())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(log.Close)
	logged, err := ca.IssueLogged(context.Background(), []localca.SCTSource{log}, "app.devproof.test")
	if err != nil {
		t.Fatal(err)
	}
	plain, err := ca.Issue("app.devproof.test")
	if err != nil {
		t.Fatal(err)
	}
	list := write(t, "loglist.json", ctlog.LogList("1.0", log))
	cert := write(t, "cert.pem", pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: logged.Certificate[0]}))
	deadline := time.Now().Add(10 * time.Second)
	for {
		code, out, stderr := runCmd(t, context.Background(), "ctmonitor", "check-inclusion", cert, "--log-list", list)
		if code == 0 && strings.Contains(out, "ok ") && strings.Contains(out, "entry 0, under its signed tree head") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("check-inclusion: exit %d\n%s%s", code, out, stderr)
		}
		time.Sleep(100 * time.Millisecond)
	}
	none := write(t, "plain.pem", pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: plain.Certificate[0]}))
	if code, _, stderr := runCmd(t, context.Background(), "ctmonitor", "check-inclusion", none, "--log-list", list); code != 1 || !strings.Contains(stderr, "carries no embedded SCT with a leaf_index") {
		t.Errorf("a certificate without SCTs: exit %d: %s", code, stderr)
	}
}

// Logs can be named by flags instead of a log list; a malformed one is
// refused naming the flag.
func TestCTMonitorLogsFromFlags(t *testing.T) {
	t.Parallel()
	ca, err := localca.New()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(ca.Close)
	log, err := ctlog.Start(t.TempDir(), "flag test log", "devproof test", ca.RootPEM())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(log.Close)
	if _, err := ca.IssueLogged(context.Background(), []localca.SCTSource{log}, "app.devproof.test"); err != nil {
		t.Fatal(err)
	}
	watchlist := write(t, "watchlist", []byte("app.devproof.test\n"))
	flag := log.MonitoringURL + "," + base64.StdEncoding.EncodeToString(log.KeyDER)
	deadline := time.Now().Add(10 * time.Second)
	for {
		code, out, stderr := runCmd(t, context.Background(), "ctmonitor", "audit", "--from-start", "--watchlist", watchlist, "--tiled-log", flag, "--state-dir", t.TempDir())
		if code == 1 && strings.Contains(out, `"event":"discovered_cert"`) && strings.Contains(stderr, "1 rogue certificate") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("audit over --tiled-log: exit %d\n%s%s", code, out, stderr)
		}
		time.Sleep(100 * time.Millisecond)
	}
	code, _, stderr := runCmd(t, context.Background(), "ctmonitor", "audit", "--watchlist", watchlist, "--tiled-log", "https://log.example/", "--state-dir", t.TempDir())
	if code != 1 || !strings.Contains(stderr, `--tiled-log "https://log.example/": want MONITORING_URL,BASE64_KEY[,ORIGIN]`) {
		t.Errorf("a malformed --tiled-log: exit %d: %s", code, stderr)
	}
}

// The bars redraw in place: one line per log, the cursor moved back over
// what was drawn before.
func TestProgressBars(t *testing.T) {
	var buf strings.Builder
	b := &progressBars{w: &buf, lines: map[string]string{}}
	b.show(ctmonitor.Progress{Log: "a", Next: 50, Size: 100, PerSecond: 10, ETA: 5 * time.Second})
	b.show(ctmonitor.Progress{Log: "b", Next: 0, Size: 10})
	b.show(ctmonitor.Progress{Log: "a", Next: 100, Size: 100, PerSecond: 10})
	out := buf.String()
	if !strings.Contains(out, "a [###############...............] 50/100 10/s ETA 5s") || !strings.Contains(out, "\x1b[2A") || !strings.HasSuffix(out, "b [..............................] 0/10 0/s ETA 0s\n") {
		t.Errorf("bars drawn as %q", out)
	}
}
