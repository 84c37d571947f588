package ctmonitor

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/devproof/devproof/internal/evidence"
)

const evidenceDir = "../internal/evidence/testdata"

// goldenKeys reads the good set's app id and key hashes.
func goldenKeys(t *testing.T, dir string) (appID string, spkis []string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, evidence.KeysFile))
	if err != nil {
		t.Fatal(err)
	}
	var k evidence.Keys
	if err := json.Unmarshal(b, &k); err != nil {
		t.Fatal(err)
	}
	for _, key := range k.Keys {
		spkis = append(spkis, key.SPKISHA256)
	}
	return k.AppID, spkis
}

func TestLoadAttestedGood(t *testing.T) {
	dir := filepath.Join(evidenceDir, "good")
	appID, spkis := goldenKeys(t, dir)
	if len(spkis) != 3 {
		t.Fatalf("golden set has %d keys, want 3", len(spkis))
	}
	a, err := LoadAttested(dir, evidence.Options{AppID: appID, AllowSimulated: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range spkis {
		by, ok := a.Authorized(s)
		if !ok || !regexp.MustCompile(`^app `+appID+` compose [0-9a-f]{64}$`).MatchString(by) {
			t.Errorf("Authorized(%s) = %q, %v", s, by, ok)
		}
		if _, ok := a.Authorized(strings.ToUpper(s)); !ok {
			t.Errorf("Authorized is case-sensitive")
		}
	}
	if by, ok := a.Authorized(strings.Repeat("0", 64)); ok {
		t.Errorf("unknown key authorized by %q", by)
	}
}

func TestLoadAttestedRefuses(t *testing.T) {
	dir := filepath.Join(evidenceDir, "good")
	appID, _ := goldenKeys(t, dir)
	for _, tc := range []struct {
		name string
		opts evidence.Options
		want string
	}{
		{"simulated not allowed", evidence.Options{AppID: appID}, "quote.json: quote: simulated quote: not trustworthy"},
		{"no app id", evidence.Options{AllowSimulated: true}, "no app id is expected"},
		{"other app", evidence.Options{AllowSimulated: true, AppID: strings.Repeat("ab", 20)}, "quote.json: identity: app_id is " + appID},
		{"compose not allowed", evidence.Options{AllowSimulated: true, AppID: appID, ComposeHashes: []string{strings.Repeat("cd", 32)}}, "quote.json: identity: compose_hash"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, err := LoadAttested(dir, tc.opts)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("LoadAttested = %v, %v; want error %q", a, err, tc.want)
			}
		})
	}
	if _, err := LoadAttested(filepath.Join(t.TempDir(), "none"), evidence.Options{AppID: appID}); err == nil || !strings.Contains(err.Error(), "none") {
		t.Errorf("missing directory: error %v does not name it", err)
	}
}

// Each broken variant: a bad key is left out and the rest kept; a failure
// in what every key depends on refuses the set; a failure about a served
// certificate keeps every key.
func TestLoadAttestedBroken(t *testing.T) {
	appID, _ := goldenKeys(t, filepath.Join(evidenceDir, "good"))
	b, err := os.ReadFile(filepath.Join(evidenceDir, "broken.json"))
	if err != nil {
		t.Fatal(err)
	}
	var broken map[string]struct{ File, Check string }
	if err := json.Unmarshal(b, &broken); err != nil {
		t.Fatal(err)
	}
	opts := evidence.Options{AppID: appID, AllowSimulated: true}
	var names []string
	for n := range broken {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		want := broken[name]
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join(evidenceDir, "broken", name)
			files, err := evidence.ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			failures := evidence.Verify(files, opts).Failures
			if len(failures) != 1 {
				t.Fatalf("variant has failures %v, want exactly one", failures)
			}
			a, err := LoadAttested(dir, opts)
			switch {
			case want.File == evidence.KeysFile && strings.HasPrefix(failures[0].Reason, "key "):
				if err != nil {
					t.Fatalf("one bad key refused the whole set: %v", err)
				}
				_, spkis := goldenKeys(t, dir)
				bad := 0
				for _, s := range spkis {
					_, ok := a.Authorized(s)
					if strings.Contains(failures[0].Reason, s) {
						bad++
						if ok {
							t.Errorf("bad key %s authorized (%s)", s, failures[0])
						}
					} else if !ok {
						t.Errorf("good key %s left out", s)
					}
				}
				if bad != 1 {
					t.Errorf("%d keys named by %q, want 1", bad, failures[0].Reason)
				}
			case want.File == evidence.QuoteFile || want.File == evidence.KeysFile || strings.HasPrefix(want.File, "manifest"):
				wantText := fmt.Sprintf("%s: %s: ", want.File, want.Check)
				if err == nil || !strings.Contains(err.Error(), "fails checks every key depends on") || !strings.Contains(err.Error(), wantText) {
					t.Fatalf("LoadAttested error = %v, want the set refused naming %q", err, wantText)
				}
			default:
				if err != nil {
					t.Fatalf("a failure about %s refused the keys: %v", want.File, err)
				}
				_, spkis := goldenKeys(t, dir)
				for _, s := range spkis {
					if _, ok := a.Authorized(s); !ok {
						t.Errorf("key %s left out", s)
					}
				}
			}
		})
	}
}

// serveEvidence serves dir as /evidences/ over TLS, as the ingress does.
func serveEvidence(t *testing.T, dir string) *httptest.Server {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /evidences/{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		for _, e := range entries {
			fmt.Fprintln(w, e.Name())
		}
	})
	mux.HandleFunc("GET /evidences/{name}", func(w http.ResponseWriter, r *http.Request) {
		http.ServeFile(w, r, filepath.Join(dir, filepath.Base(r.PathValue("name"))))
	})
	srv := httptest.NewTLSServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestFetchAttested(t *testing.T) {
	dir := filepath.Join(evidenceDir, "broken", "key-wrong-spki")
	appID, spkis := goldenKeys(t, dir)
	srv := serveEvidence(t, dir)
	a, err := FetchAttested(context.Background(), srv.Client(), srv.URL+"/evidences/", evidence.Options{AppID: appID, AllowSimulated: true})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, s := range spkis {
		if _, ok := a.Authorized(s); ok {
			n++
		}
	}
	if n != len(spkis)-1 {
		t.Errorf("%d of %d keys authorized, want all but the one with another key's quote", n, len(spkis))
	}
	// A client that does not trust the server's certificate gets nothing.
	if _, err := FetchAttested(context.Background(), &http.Client{}, srv.URL+"/evidences/", evidence.Options{AppID: appID, AllowSimulated: true}); err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Errorf("untrusted server: error %v", err)
	}
}

func TestAllowSPKI(t *testing.T) {
	h := strings.Repeat("a1", 32)
	a, err := AllowSPKI(h, strings.ToUpper(strings.Repeat("b2", 32)))
	if err != nil {
		t.Fatal(err)
	}
	if by, ok := a.Authorized(h); !ok || by != "allow-spki" {
		t.Errorf("Authorized = %q, %v", by, ok)
	}
	if _, ok := a.Authorized(strings.Repeat("b2", 32)); !ok {
		t.Error("uppercase hash not allowed")
	}
	for _, bad := range []string{"abc", strings.Repeat("zz", 32), strings.Repeat("a", 66), ""} {
		if _, err := AllowSPKI(h, bad); err == nil || !strings.Contains(err.Error(), fmt.Sprintf("%q is not 64 hex", bad)) {
			t.Errorf("AllowSPKI(%q) error = %v", bad, err)
		}
	}
}

func TestAttestedMergeReplace(t *testing.T) {
	k1, k2, k3 := strings.Repeat("11", 32), strings.Repeat("22", 32), strings.Repeat("33", 32)
	a, _ := AllowSPKI(k1)
	b, _ := AllowSPKI(k2)
	a.Merge(b)
	a.Merge(a)
	for _, k := range []string{k1, k2} {
		if _, ok := a.Authorized(k); !ok {
			t.Errorf("merged set lacks %s", k)
		}
	}
	c, _ := AllowSPKI(k3)
	var wg sync.WaitGroup
	wg.Go(func() {
		for range 100 {
			a.Authorized(k1)
		}
	})
	a.Replace(c)
	wg.Wait()
	if _, ok := a.Authorized(k1); ok {
		t.Error("replaced set still holds an old key")
	}
	if _, ok := a.Authorized(k3); !ok {
		t.Error("replaced set lacks the new key")
	}
	var zero Attested
	zero.Merge(c)
	if _, ok := zero.Authorized(k3); !ok {
		t.Error("zero Attested cannot be merged into")
	}
}
