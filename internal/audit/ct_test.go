package audit

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/devproof/devproof/internal/ctlog"
	"github.com/devproof/devproof/internal/evidence"
)

// Every certificate a real local CT log holds for the domain must have a
// key the app attested; one the developer got with a key of their own,
// from the same CA, fails the ct check naming that key.
func TestCTHistory(t *testing.T) {
	d := newDeployment(t, "audit ct")
	l, err := ctlog.Start(t.TempDir(), "audit test log", "devproof test", d.ca.RootPEM())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(l.Close)
	list := filepath.Join(t.TempDir(), "log-list.json")
	if err := os.WriteFile(list, ctlog.LogList("1", l), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := l.AddChain(ctx, d.served.Certificate); err != nil {
		t.Fatal(err)
	}
	waitLogged(t, l, 1)
	opts := d.options()
	if c := check(d.audit(t, opts), "ct"); c.Status != Skip || !strings.Contains(c.Reason, "--ct") {
		t.Errorf("without a log list: %+v", c)
	}
	opts.CTLogList = list
	if c := check(d.audit(t, opts), "ct"); c.Status != Pass || !strings.Contains(c.Reason, "1 certificates for "+testDomain+" in 1 logs") {
		t.Fatalf("honest history: %+v", c)
	}

	rogue, err := d.ca.Issue(testDomain)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.AddChain(ctx, rogue.Certificate); err != nil {
		t.Fatal(err)
	}
	waitLogged(t, l, 2)
	rep := d.audit(t, opts)
	c := check(rep, "ct")
	if c.Status != Fail || !strings.Contains(c.Reason, "1 of 2 logged certificates for "+testDomain+" have a key the app never attested: key "+evidence.SPKIHash(rogue.Leaf)) {
		t.Errorf("rogue certificate: %+v", c)
	}
	// The rogue certificate is not served: every other check still passes.
	if f := failed(rep); len(f) != 1 {
		t.Errorf("failed checks %v, want only ct", f)
	}

	opts.CTLogList = filepath.Join(t.TempDir(), "missing.json")
	if c := check(d.audit(t, opts), "ct"); c.Status != Fail || !strings.Contains(c.Reason, "log list: open") {
		t.Errorf("missing log list: %+v", c)
	}
}

// waitLogged waits for l's published checkpoint to cover n entries: the
// log integrates submissions in batches.
func waitLogged(t *testing.T, l *ctlog.Log, n uint64) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		resp, err := http.Get(l.MonitoringURL + "checkpoint")
		if err == nil {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if lines := strings.Split(string(b), "\n"); len(lines) > 1 {
				if size, err := strconv.ParseUint(lines[1], 10, 64); err == nil && size >= n {
					return
				}
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("the log's checkpoint does not cover %d entries", n)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
