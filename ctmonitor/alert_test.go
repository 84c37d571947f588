package ctmonitor

import (
	"bufio"
	"bytes"
	"context"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/devproof/devproof/internal/retry"
)

func testFinding(t *testing.T) Finding {
	t.Helper()
	is := newTestIssuer(t)
	c, err := ParseCert(is.issue(t, &x509.Certificate{Subject: pkix.Name{CommonName: "a.example.com"}, DNSNames: []string{"a.example.com"}}, nil), false)
	if err != nil {
		t.Fatal(err)
	}
	return Finding{
		Event: EventDiscoveredCert, Cert: c, LogURI: "https://log.example/2026h1/", Index: 42,
		WatchItem: ".example.com", Authorized: false,
		CertFile: "/state/certs/ab/x.pem", JSONFile: "/state/certs/ab/x.v1.json", TextFile: "/state/certs/ab/x.txt",
	}
}

// envHook writes a script that saves its environment to out.
func envHook(t *testing.T, path, out string) {
	t.Helper()
	script := "#!/bin/sh\nenv > " + out + "\n"
	if err := os.WriteFile(path, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
}

func readEnv(t *testing.T, path string) map[string]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	env := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), "="); ok {
			env[k] = v
		}
	}
	return env
}

func TestHooksEnvironment(t *testing.T) {
	dir := t.TempDir()
	f := testFinding(t)
	c := f.Cert
	envHook(t, filepath.Join(dir, "hook"), filepath.Join(dir, "env"))
	if err := (Hooks{Script: filepath.Join(dir, "hook")}).Notify(context.Background(), f); err != nil {
		t.Fatal(err)
	}
	env := readEnv(t, filepath.Join(dir, "env"))
	want := map[string]string{
		"EVENT":                "discovered_cert",
		"SUMMARY":              "Rogue Certificate Discovered for .example.com: its key was not attested",
		"WATCH_ITEM":           ".example.com",
		"LOG_URI":              "https://log.example/2026h1/",
		"ENTRY_INDEX":          "42",
		"TBS_SHA256":           c.TBSSHA256,
		"CERT_SHA256":          c.CertSHA256,
		"PUBKEY_SHA256":        c.SPKISHA256,
		"CERT_FILENAME":        "/state/certs/ab/x.pem",
		"JSON_FILENAME":        "/state/certs/ab/x.v1.json",
		"TEXT_FILENAME":        "/state/certs/ab/x.txt",
		"NOT_BEFORE":           "2026-01-02 03:04:05 +0000 UTC",
		"NOT_BEFORE_UNIXTIME":  "1767323045",
		"NOT_BEFORE_RFC3339":   "2026-01-02T03:04:05Z",
		"NOT_AFTER":            "2026-04-02 03:04:05 +0000 UTC",
		"NOT_AFTER_UNIXTIME":   "1775099045",
		"NOT_AFTER_RFC3339":    "2026-04-02T03:04:05Z",
		"SUBJECT_DN":           "CN=a.example.com",
		"ISSUER_DN":            "CN=ctmonitor test CA,O=devproof",
		"SERIAL":               "1234abcd",
		"DEVPROOF_AUTHORIZED":  "false",
		"DEVPROOF_ATTESTED_BY": "",
	}
	for k, v := range want {
		if got, ok := env[k]; !ok || got != v {
			t.Errorf("%s = %q (set %v), want %q", k, got, ok, v)
		}
	}
	for k := range env {
		if strings.HasSuffix(k, "_PARSE_ERROR") {
			t.Errorf("%s set for a certificate that parsed", k)
		}
	}

	// Fields that failed give certspotter's *_PARSE_ERROR instead.
	f.Cert.ParseErrors = map[string]string{"SUBJECT_DN": "bad subject", "NOT_AFTER": "bad time", "SERIAL": "bad serial", "ISSUER_DN": "bad issuer"}
	f.Authorized, f.AttestedBy = true, "allow-spki"
	if err := (Hooks{Script: filepath.Join(dir, "hook")}).Notify(context.Background(), f); err != nil {
		t.Fatal(err)
	}
	env = readEnv(t, filepath.Join(dir, "env"))
	for k, v := range map[string]string{
		"SUBJECT_PARSE_ERROR": "bad subject", "ISSUER_PARSE_ERROR": "bad issuer", "SERIAL_PARSE_ERROR": "bad serial",
		"VALIDITY_PARSE_ERROR": "bad time", "DEVPROOF_AUTHORIZED": "true", "DEVPROOF_ATTESTED_BY": "allow-spki",
	} {
		if env[k] != v {
			t.Errorf("%s = %q, want %q", k, env[k], v)
		}
	}
	for _, k := range []string{"SUBJECT_DN", "ISSUER_DN", "SERIAL", "NOT_BEFORE", "NOT_AFTER_RFC3339"} {
		if _, ok := env[k]; ok {
			t.Errorf("%s set though its field failed", k)
		}
	}

	// malformed_cert and error events carry their own variables.
	m := Finding{Event: EventMalformedCert, LogURI: "https://log.example/", Index: 7, Err: "certificate: not a DER SEQUENCE", JSONFile: "/e.json"}
	if err := (Hooks{Script: filepath.Join(dir, "hook")}).Notify(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	env = readEnv(t, filepath.Join(dir, "env"))
	for k, v := range map[string]string{"EVENT": "malformed_cert", "ENTRY_INDEX": "7", "PARSE_ERROR": "certificate: not a DER SEQUENCE", "ENTRY_FILENAME": "/e.json", "SUMMARY": "Unable to Parse Entry 7 in https://log.example/"} {
		if env[k] != v {
			t.Errorf("malformed: %s = %q, want %q", k, env[k], v)
		}
	}
	e := Finding{Event: EventError, Err: "log https://log.example/: inconsistent", Summary: "Log inconsistent"}
	if err := (Hooks{Script: filepath.Join(dir, "hook")}).Notify(context.Background(), e); err != nil {
		t.Fatal(err)
	}
	env = readEnv(t, filepath.Join(dir, "env"))
	if env["EVENT"] != "error" || env["SUMMARY"] != "Log inconsistent" || env["DEVPROOF_ERROR"] != e.Err {
		t.Errorf("error event env: EVENT %q SUMMARY %q DEVPROOF_ERROR %q", env["EVENT"], env["SUMMARY"], env["DEVPROOF_ERROR"])
	}
}

// hooks.d runs in name order, skipping dot files, non-executables and
// directories.
func TestHooksDirOrder(t *testing.T) {
	dir := t.TempDir()
	hooks := filepath.Join(dir, "hooks.d")
	if err := os.Mkdir(hooks, 0o755); err != nil {
		t.Fatal(err)
	}
	log := filepath.Join(dir, "order")
	for _, h := range []struct {
		name string
		mode os.FileMode
	}{{"20-second", 0o755}, {"10-first", 0o700}, {"15-not-executable", 0o644}, {".hidden", 0o755}, {"30-third", 0o755}} {
		script := "#!/bin/sh\necho " + h.name + " >> " + log + "\n"
		if err := os.WriteFile(filepath.Join(hooks, h.name), []byte(script), h.mode); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(hooks, "25-dir"), 0o755); err != nil {
		t.Fatal(err)
	}
	first := filepath.Join(dir, "script")
	os.WriteFile(first, []byte("#!/bin/sh\necho script >> "+log+"\n"), 0o755)
	if err := (Hooks{Script: first, Dir: hooks}).Notify(context.Background(), testFinding(t)); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(log)
	if got, want := strings.Fields(string(b)), []string{"script", "10-first", "20-second", "30-third"}; !slices.Equal(got, want) {
		t.Errorf("hooks ran %q, want %q", got, want)
	}
}

func TestHooksFailure(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "10-bad")
	os.WriteFile(bad, []byte("#!/bin/sh\necho early >&2\necho 'mail server refused' >&2\nexit 3\n"), 0o755)
	after := filepath.Join(dir, "20-after")
	ran := filepath.Join(t.TempDir(), "ran")
	os.WriteFile(after, []byte("#!/bin/sh\ntouch "+ran+"\n"), 0o755)
	err := (Hooks{Dir: dir}).Notify(context.Background(), testFinding(t))
	want := fmt.Sprintf(`hook %s exited with status 3, stderr "early\nmail server refused"`, bad)
	if err == nil || err.Error() != want {
		t.Errorf("error = %v, want %s", err, want)
	}
	if _, err := os.Stat(ran); err != nil {
		t.Error("a failing hook stopped the next one")
	}

	err = (Hooks{Dir: filepath.Join(dir, "missing")}).Notify(context.Background(), testFinding(t))
	if err == nil || !strings.Contains(err.Error(), "hooks directory: open "+filepath.Join(dir, "missing")) {
		t.Errorf("missing hooks dir: error = %v", err)
	}
	err = (Hooks{Script: filepath.Join(dir, "nope")}).Notify(context.Background(), testFinding(t))
	if err == nil || !strings.Contains(err.Error(), "hook "+filepath.Join(dir, "nope")+": ") {
		t.Errorf("missing script: error = %v", err)
	}
}

// JSON lines: one object per line, stable names, whole lines under
// concurrency.
func TestJSONLines(t *testing.T) {
	var buf bytes.Buffer
	n := JSONLines(&buf)
	f := testFinding(t)
	f.Authorized, f.AttestedBy = true, "app 01 compose 02"
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() {
			if err := n.Notify(context.Background(), f); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(lines) != 20 {
		t.Fatalf("%d lines, want 20", len(lines))
	}
	var obj map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &obj); err != nil {
		t.Fatal(err)
	}
	for k, v := range map[string]any{
		"event": "discovered_cert", "watch_item": ".example.com", "log_uri": "https://log.example/2026h1/",
		"entry_index": 42.0, "authorized": true, "attested_by": "app 01 compose 02",
		"tbs_sha256": f.Cert.TBSSHA256, "cert_sha256": f.Cert.CertSHA256, "pubkey_sha256": f.Cert.SPKISHA256,
		"serial": "1234abcd", "not_before": "2026-01-02T03:04:05Z", "cert_filename": "/state/certs/ab/x.pem",
	} {
		if obj[k] != v {
			t.Errorf("%s = %v, want %v", k, obj[k], v)
		}
	}
	if names, _ := obj["dns_names"].([]any); len(names) != 1 || names[0] != "a.example.com" {
		t.Errorf("dns_names = %v", obj["dns_names"])
	}

	buf.Reset()
	n.Notify(context.Background(), Finding{Event: EventError, Err: "boom"})
	obj = nil
	json.Unmarshal(buf.Bytes(), &obj)
	if !maps.Equal(obj, map[string]any{"event": "error", "summary": "boom", "error": "boom"}) {
		t.Errorf("error finding = %v", obj)
	}
}

var fastBackoff = retry.Backoff{Base: time.Millisecond, Max: 2 * time.Millisecond}

func TestWebhookRetries(t *testing.T) {
	var calls atomic.Int32
	var mu sync.Mutex
	var delivered []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			w.Header().Set("Retry-After", "0")
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		if r.Method != http.MethodPost || r.Header.Get("Content-Type") != "application/json" {
			http.Error(w, "want a JSON POST", http.StatusBadRequest)
			return
		}
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		delivered = b
		mu.Unlock()
	}))
	defer srv.Close()
	f := testFinding(t)
	if err := (Webhook{URL: srv.URL + "/hook/secret", Client: srv.Client(), Backoff: fastBackoff}).Notify(context.Background(), f); err != nil {
		t.Fatal(err)
	}
	if calls.Load() != 2 {
		t.Errorf("%d requests, want 2", calls.Load())
	}
	mu.Lock()
	defer mu.Unlock()
	var obj map[string]any
	if err := json.Unmarshal(delivered, &obj); err != nil || obj["event"] != "discovered_cert" || obj["tbs_sha256"] != f.Cert.TBSSHA256 {
		t.Errorf("delivered %s (%v)", delivered, err)
	}
}

func TestWebhookPermanent(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		http.Error(w, "no such channel", http.StatusBadRequest)
	}))
	defer srv.Close()
	err := (Webhook{URL: srv.URL + "/hook/secret", Client: srv.Client(), Backoff: fastBackoff}).Notify(context.Background(), testFinding(t))
	want := fmt.Sprintf(`webhook %s: HTTP status 400 Bad Request: "no such channel"`, srv.URL)
	if err == nil || err.Error() != want {
		t.Errorf("error = %v, want %s", err, want)
	}
	if calls.Load() != 1 {
		t.Errorf("%d requests, want 1", calls.Load())
	}
	if strings.Contains(err.Error(), "secret") {
		t.Error("error quotes the webhook path")
	}
}

// A webhook that never recovers gives up when the context ends, with the
// last status.
func TestWebhookContextEnds(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) >= 3 {
			w.Header().Set("Retry-After", "600")
		}
		w.WriteHeader(http.StatusTooManyRequests)
	}))
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		for calls.Load() < 3 {
			time.Sleep(time.Millisecond)
		}
		cancel()
	}()
	err := (Webhook{URL: srv.URL, Client: srv.Client(), Backoff: fastBackoff}).Notify(ctx, testFinding(t))
	if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "HTTP status 429 Too Many Requests") {
		t.Errorf("error = %v", err)
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		v    string
		want time.Duration
		ok   bool
	}{
		{"", 0, false},
		{"120", 2 * time.Minute, true},
		{"99999", maxRetryAfter, true},
		{"Thu, 01 Jan 2026 00:00:30 GMT", 30 * time.Second, true},
		{"Wed, 31 Dec 2025 00:00:00 GMT", 0, true},
		{"soon", 0, false},
	} {
		if d, ok := retryAfter(tc.v, now); d != tc.want || ok != tc.ok {
			t.Errorf("retryAfter(%q) = %v, %v; want %v, %v", tc.v, d, ok, tc.want, tc.ok)
		}
	}
}

type failing struct{ msg string }

func (f failing) Notify(context.Context, Finding) error { return errors.New(f.msg) }

func TestMulti(t *testing.T) {
	var buf bytes.Buffer
	err := Multi(failing{"first down"}, JSONLines(&buf), failing{"second down"}).Notify(context.Background(), Finding{Event: EventError, Err: "x"})
	if err == nil || err.Error() != "first down\nsecond down" {
		t.Errorf("error = %v", err)
	}
	if buf.Len() == 0 {
		t.Error("a failing notifier stopped the next one")
	}
}
