package ctmonitor

import (
	"context"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/devproof/devproof/internal/ctlog"
	"github.com/devproof/devproof/internal/localca"
	"github.com/devproof/devproof/internal/retry"
)

// findingLog keeps the findings it is given.
type findingLog struct {
	mu  sync.Mutex
	got []Finding
}

func (r *findingLog) Notify(_ context.Context, f Finding) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.got = append(r.got, f)
	return nil
}

func (r *findingLog) tbs(event string) []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, f := range r.got {
		if f.Event == event && f.Cert != nil {
			out = append(out, f.Cert.TBSSHA256)
		}
	}
	slices.Sort(out)
	return out
}

// ctWorld is a local CA whose certificates go to two real local logs, a
// TesseraCT (static-ct-api) one and a Trillian+CTFE (RFC 6962) one, as a
// public CA's go to public logs.
type ctWorld struct {
	ca  *localca.CA
	log *ctlog.Log
	old *ctlog.RFC6962Log
}

func newCTWorld(t *testing.T) *ctWorld {
	t.Helper()
	ca, err := localca.New()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(ca.Close)
	l, err := ctlog.Start(t.TempDir(), "monitor test log", "devproof test", ca.RootPEM())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(l.Close)
	old, err := ctlog.StartRFC6962("monitor test RFC 6962 log", "devproof test", ca.RootPEM())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(old.Close)
	return &ctWorld{ca: ca, log: l, old: old}
}

// issue logs a precertificate for hosts, then its final certificate, and
// returns the final certificate.
func (w *ctWorld) issue(t *testing.T, hosts ...string) *x509.Certificate {
	t.Helper()
	ctx := context.Background()
	c, err := w.ca.IssueLogged(ctx, []localca.SCTSource{w.log, w.old}, hosts...)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.log.AddChain(ctx, c.Certificate); err != nil {
		t.Fatal(err)
	}
	if _, err := w.old.AddChain(ctx, c.Certificate); err != nil {
		t.Fatal(err)
	}
	return c.Leaf
}

func (w *ctWorld) monitorLog(t *testing.T) Log {
	t.Helper()
	l, err := NewTiledLog(w.log.MonitoringURL, w.log.Origin, w.log.KeyDER, http.DefaultClient)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// monitorLogs are both logs, as the monitor reads them.
func (w *ctWorld) monitorLogs(t *testing.T) []Log {
	t.Helper()
	old, err := NewRFC6962Log(w.old.URL, w.old.KeyDER, http.DefaultClient)
	if err != nil {
		t.Fatal(err)
	}
	return []Log{w.monitorLog(t), old}
}

// passUntil runs passes until the monitor has read size entries of every
// log; with failing, a pass may fail (the next one resumes).
func passUntil(t *testing.T, m *Monitor, size uint64, failing ...bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		done := true
		for _, r := range m.Once(context.Background()) {
			if r.Err != "" && len(failing) == 0 {
				t.Fatalf("pass over %s: %s", r.URL, r.Err)
			}
			done = done && r.Err == "" && r.Head != nil && r.Head.Size >= size && r.To >= size
			if time.Now().After(deadline) {
				t.Fatalf("the monitor read %d of %d entries of %s in 30 s (%s)", r.To, size, r.URL, r.Err)
			}
		}
		if done {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func spki(c *x509.Certificate) string {
	s := sha256.Sum256(c.RawSubjectPublicKeyInfo)
	return hex.EncodeToString(s[:])
}

func tbsHash(t *testing.T, c *x509.Certificate) string {
	t.Helper()
	p, err := ParseCert(c.Raw, false)
	if err != nil {
		t.Fatal(err)
	}
	return p.TBSSHA256
}

// The developer holds the domain's DNS, so they can get a certificate for
// the app's name from a CA for a key of their own. Every such certificate
// is logged; the monitor alerts exactly those whose key the app did not
// attest, once each (a precertificate and its final certificate are one),
// and not again after a restart.
func TestMonitorAlertsRogueCertificatesOnce(t *testing.T) {
	t.Parallel()
	w := newCTWorld(t)
	app := w.issue(t, "app.devproof.test")              // the app's own, attested
	rogue := w.issue(t, "app.devproof.test")            // the developer's
	rogueSub := w.issue(t, "api.watched.devproof.test") // under a watched domain
	w.issue(t, "other.example")                         // not watched

	wl, err := ParseWatchlist(strings.NewReader("# the app\napp.devproof.test\n.watched.devproof.test\n"), "watchlist")
	if err != nil {
		t.Fatal(err)
	}
	attested, err := AllowSPKI(spki(app))
	if err != nil {
		t.Fatal(err)
	}
	state := State{Dir: t.TempDir()}
	alerts, record := &findingLog{}, &findingLog{}
	// The first run stops in the middle of its batch: its alert channel
	// fails after one alert, as a process killed there would.
	crashing := &failAfter{n: 1, next: alerts}
	m0 := &Monitor{Logs: w.monitorLogs(t), State: state, Attested: attested, Alerts: crashing, Record: record, FromStart: true, SaveEvery: 1}
	m0.SetWatchlist(wl)
	for _, r := range m0.Once(context.Background()) {
		_ = r // a log may fail on the broken alert channel; the next run resumes
	}
	m := &Monitor{Logs: w.monitorLogs(t), State: state, Attested: attested, Alerts: alerts, Record: record, SaveEvery: 1, Metrics: NewMetrics()}
	m.SetWatchlist(wl)
	passUntil(t, m, 8) // 4 precertificates and 4 certificates in each log
	for _, l := range m.Logs {
		if v := gauge(t, m.Metrics, "devproof_ctmonitor_position", l.URL()); v != 8 {
			t.Errorf("position metric of %s = %v, want 8", l.URL(), v)
		}
		if v := gauge(t, m.Metrics, "devproof_ctmonitor_backlog", l.URL()); v != 0 {
			t.Errorf("backlog metric of %s = %v, want 0", l.URL(), v)
		}
	}

	wantRogue := []string{tbsHash(t, rogue), tbsHash(t, rogueSub)}
	slices.Sort(wantRogue)
	if got := alerts.tbs(EventDiscoveredCert); !slices.Equal(got, wantRogue) {
		t.Errorf("alerted %v, want the two rogue certificates %v", got, wantRogue)
	}
	wantAll := append(slices.Clone(wantRogue), tbsHash(t, app))
	slices.Sort(wantAll)
	// The record may repeat what the stopped run recorded before its
	// alert failed; the alerts may not.
	if got := slices.Compact(record.tbs(EventDiscoveredCert)); !slices.Equal(got, wantAll) {
		t.Errorf("recorded %v, want the three watched certificates %v", got, wantAll)
	}
	for _, f := range record.got {
		if f.Cert != nil && f.Cert.TBSSHA256 == tbsHash(t, app) && (!f.Authorized || f.AttestedBy == "") {
			t.Errorf("the app's certificate recorded as authorized=%v by %q", f.Authorized, f.AttestedBy)
		}
	}

	// More certificates, and a restart: only the new rogue one is alerted.
	late := w.issue(t, "app.devproof.test")
	m2 := &Monitor{Logs: w.monitorLogs(t), State: state, Attested: attested, Alerts: &findingLog{}, Record: &findingLog{}}
	m2.SetWatchlist(wl)
	passUntil(t, m2, 10)
	if got := m2.Alerts.(*findingLog).tbs(EventDiscoveredCert); !slices.Equal(got, []string{tbsHash(t, late)}) {
		t.Errorf("after a restart alerted %v, want only the new rogue certificate", got)
	}
	rogues, err := m2.Rogue()
	if err != nil {
		t.Fatal(err)
	}
	if len(rogues) != 3 {
		t.Errorf("Rogue() = %d certificates, want 3", len(rogues))
	}

	// Every tree head used is kept, and no state file is empty.
	heads, _ := filepath.Glob(filepath.Join(state.logDir(m.Logs[0].URL()), "heads", "*.json"))
	if len(heads) == 0 {
		t.Error("no tree head kept as evidence")
	}
	filepath.WalkDir(state.Dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, _ := d.Info(); fi.Size() == 0 {
				t.Errorf("%s is empty", path)
			}
		}
		return nil
	})
}

// gauge reads a per-log metric's value.
func gauge(t *testing.T, m *Metrics, name, log string) float64 {
	t.Helper()
	fams, err := m.reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fams {
		if f.GetName() != name {
			continue
		}
		for _, mm := range f.GetMetric() {
			for _, l := range mm.GetLabel() {
				if l.GetName() == "log" && l.GetValue() == log {
					return mm.GetGauge().GetValue()
				}
			}
		}
	}
	t.Fatalf("no %s for %s", name, log)
	return 0
}

// failAfter passes n findings on, then fails every one.
type failAfter struct {
	mu   sync.Mutex
	n    int
	next Notifier
}

func (f *failAfter) Notify(ctx context.Context, fd Finding) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.n == 0 {
		return errors.New("alert channel down")
	}
	f.n--
	return f.next.Notify(ctx, fd)
}

// A log that shows a second, different tree for a size it has signed is
// caught: both heads are kept, the alert says split view, and the position
// does not move past what was verified.
func TestMonitorCatchesSplitView(t *testing.T) {
	t.Parallel()
	w := newCTWorld(t)
	w.issue(t, "app.devproof.test")
	wl, _ := ParseWatchlist(strings.NewReader("app.devproof.test\n"), "watchlist")
	attested, _ := AllowSPKI()
	state := State{Dir: t.TempDir()}
	alerts := &findingLog{}
	l := &forkedLog{Log: w.monitorLog(t)}
	m := &Monitor{Logs: []Log{l}, State: state, Attested: attested, Alerts: alerts, FromStart: true}
	m.SetWatchlist(wl)
	passUntil(t, m, 2)
	before, err := state.LoadPosition(l.URL())
	if err != nil {
		t.Fatal(err)
	}

	l.fork = true
	res := m.Once(context.Background())
	if res[0].SplitView == "" || !strings.Contains(res[0].Err, ErrInconsistent.Error()) {
		t.Fatalf("a forked head gave %+v, want a split view", res[0])
	}
	for _, name := range []string{"a.json", "b.json", "reason.json"} {
		if _, err := os.Stat(filepath.Join(res[0].SplitView, name)); err != nil {
			t.Errorf("split view evidence: %v", err)
		}
	}
	var found bool
	for _, f := range alerts.got {
		found = found || (f.Event == EventError && strings.Contains(f.Summary, "possible split view"))
	}
	if !found {
		t.Errorf("no split-view alert among %+v", alerts.got)
	}
	after, _ := state.LoadPosition(l.URL())
	if after.Next != before.Next || after.Head.Root != before.Head.Root {
		t.Errorf("position moved on a split view: %+v → %+v", before, after)
	}
}

// forkedLog is a real log whose heads, once forked, claim another root
// for the same size; Consistent is the real log's, which must refuse.
type forkedLog struct {
	Log
	fork bool
}

func (f *forkedLog) Head(ctx context.Context) (TreeHead, error) {
	h, err := f.Log.Head(ctx)
	if err == nil && f.fork {
		h.Root = sha256.Sum256(h.Root[:])
	}
	return h, err
}

// A log that vanishes, or answers garbage, fails its own pass with an
// error naming it; the other log is read all the same.
func TestMonitorKeepsGoingWhenALogFails(t *testing.T) {
	t.Parallel()
	w := newCTWorld(t)
	rogue := w.issue(t, "app.devproof.test")
	gone := httptest.NewServer(http.NotFoundHandler())
	gone.Close()
	garbage := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, _ *http.Request) { rw.Write([]byte("<html>not a checkpoint")) }))
	defer garbage.Close()
	vanished, err := NewTiledLog(gone.URL+"/", "gone.devproof.test", w.log.KeyDER, http.DefaultClient)
	if err != nil {
		t.Fatal(err)
	}
	junk, err := NewTiledLog(garbage.URL+"/", "junk.devproof.test", w.log.KeyDER, http.DefaultClient)
	if err != nil {
		t.Fatal(err)
	}
	// Retries go quickly here: the point is what the other log does.
	for _, l := range []*TiledLog{vanished, junk} {
		l.backoff = retry.Backoff{Base: time.Millisecond, Max: 5 * time.Millisecond}
	}
	wl, _ := ParseWatchlist(strings.NewReader("app.devproof.test\n"), "watchlist")
	attested, _ := AllowSPKI()
	alerts := &findingLog{}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	m := &Monitor{Logs: []Log{vanished, junk, w.monitorLog(t)}, State: State{Dir: t.TempDir()}, Attested: attested, Alerts: alerts, FromStart: true}
	m.SetWatchlist(wl)
	var res []LogResult
	for res = m.Once(ctx); res[2].To < 2 && ctx.Err() == nil; res = m.Once(ctx) {
		time.Sleep(100 * time.Millisecond)
	}
	for i, want := range []string{gone.URL, garbage.URL} {
		if res[i].Err == "" || !strings.Contains(res[i].Err, want) {
			t.Errorf("log %d: error %q, want one naming %s", i, res[i].Err, want)
		}
	}
	if res[2].Err != "" || res[2].Rogue+len(alerts.tbs(EventDiscoveredCert)) == 0 {
		t.Errorf("the working log: %+v, alerts %v", res[2], alerts.tbs(EventDiscoveredCert))
	}
	if got := alerts.tbs(EventDiscoveredCert); !slices.Equal(got, []string{tbsHash(t, rogue)}) {
		t.Errorf("alerted %v, want the rogue certificate", got)
	}
	var errs int
	for _, f := range alerts.got {
		if f.Event == EventError {
			errs++
		}
	}
	if errs < 2 {
		t.Errorf("%d error alerts, want one per failing log at least", errs)
	}
}

// A log list that cannot be used is refused, naming it and the problem.
func TestLogsFromListRefuses(t *testing.T) {
	cases := []struct{ doc, want string }{
		{`{`, "log list list.json: "},
		{`{"version":"1","log_list_timestamp":"2026-01-01T00:00:00Z","operators":[]}`, "names no log to monitor"},
		{`{"version":"1","log_list_timestamp":"2026-01-01T00:00:00Z","operators":[{"name":"o","email":["a@b"],"logs":[],"tiled_logs":[{"description":"bad key","log_id":"AAAA","key":"AAAA","submission_url":"https://x/","monitoring_url":"https://x/","mmd":60,"state":{"usable":{"timestamp":"2026-01-01T00:00:00Z"}}}]}]}`, `tiled log "bad key"`},
		{`{"version":"1","log_list_timestamp":"2026-01-01T00:00:00Z","operators":[{"name":"o","email":["a@b"],"logs":[],"tiled_logs":[{"description":"retired","log_id":"AAAA","key":"AAAA","submission_url":"https://x/","monitoring_url":"https://x/","mmd":60,"state":{"retired":{"timestamp":"2026-01-01T00:00:00Z"}}}]}]}`, "names no log to monitor"},
	}
	for _, tc := range cases {
		_, err := LogsFromList([]byte(tc.doc), "list.json", false, http.DefaultClient)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%.40s…: %v, want %q", tc.doc, err, tc.want)
		}
	}
}

func TestProgressOf(t *testing.T) {
	p := progressOf("log", 100, 1100, 5100, 2*time.Second)
	if p.PerSecond != 500 || p.ETA != 8*time.Second || p.Next != 1100 || p.Size != 5100 {
		t.Errorf("progressOf = %+v, want 500/s and 8s left", p)
	}
	if p := progressOf("log", 100, 100, 5100, 0); p.PerSecond != 0 || p.ETA != 0 {
		t.Errorf("no progress yet: %+v", p)
	}
}
