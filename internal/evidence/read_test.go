package evidence

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// evidenceServer serves files under /evidences/ the way the ingress does:
// a text/plain listing, then each file by name.
func evidenceServer(t *testing.T, files Files, listing string, ctype string) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /evidences/{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", ctype)
		fmt.Fprint(w, listing)
	})
	mux.HandleFunc("GET /evidences/{name}", func(w http.ResponseWriter, r *http.Request) {
		b, ok := files[r.PathValue("name")]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Write(b)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// smallSet is a few files whose names need care in a URL.
func smallSet() Files {
	return Files{QuoteFile: []byte("{}\n"), CertFile("*.w.example"): []byte("W\n"), CertFile("a.example"): []byte("A\n"), KeysFile: []byte("{}\n")}
}

func listingOf(files Files) string {
	return strings.Join(slices.Sorted(maps.Keys(files)), "\n") + "\n"
}

func TestFetch(t *testing.T) {
	ctx := context.Background()
	for name, files := range map[string]Files{"small": smallSet(), "good": readGood(t), "wildcard": readWildcard(t)} {
		srv := evidenceServer(t, files, listingOf(files), "text/plain; charset=utf-8")
		for _, base := range []string{srv.URL + "/evidences/", srv.URL + "/evidences"} {
			got, err := Fetch(ctx, srv.Client(), base)
			if err != nil {
				t.Fatalf("%s from %s: %v", name, base, err)
			}
			if !maps.EqualFunc(got, files, bytes.Equal) {
				t.Errorf("%s from %s: fetched %q, want %q", name, base, slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(files)))
			}
		}
	}
}

// Fetch refuses what could escape /evidences/ or exhaust the verifier, and
// says which URL and what was wrong.
func TestFetchRefuses(t *testing.T) {
	ctx := context.Background()
	good := smallSet()
	big := maps.Clone(good)
	big[KeysFile] = bytes.Repeat([]byte(" "), MaxFileBytes+1)
	var many strings.Builder
	for i := range MaxFiles + 1 {
		fmt.Fprintf(&many, "f%d\n", i)
	}
	for _, tc := range []struct {
		name           string
		files          Files
		listing, ctype string
		want           string
	}{
		{"parent", good, "../secret\n", "text/plain", `names "../secret", which is not a plain file name`},
		{"slash", good, "a/b\n", "text/plain", `names "a/b", which is not a plain file name`},
		{"backslash", good, `a\b` + "\n", "text/plain", "not a plain file name"},
		{"twice", good, "quote.json\nquote.json\n", "text/plain", `names "quote.json" twice`},
		{"html listing", good, "<html></html>", "text/html", `is "text/html", want text/plain`},
		{"missing file", good, "quote.json\nnope.json\n", "text/plain", "/evidences/nope.json: HTTP status 404"},
		{"too large", big, listingOf(big), "text/plain", fmt.Sprintf("/evidences/keys.json is over %d bytes", MaxFileBytes)},
		{"too many", good, many.String(), "text/plain", fmt.Sprintf("names over %d files", MaxFiles)},
	} {
		srv := evidenceServer(t, tc.files, tc.listing, tc.ctype)
		_, err := Fetch(ctx, srv.Client(), srv.URL+"/evidences/")
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), srv.URL) {
			t.Errorf("%s: %v, want an error naming %s and %q", tc.name, err, srv.URL, tc.want)
		}
	}
	for _, base := range []string{"ftp://x/evidences/", "/evidences/", "https://"} {
		if _, err := Fetch(ctx, nil, base); err == nil || !strings.Contains(err.Error(), "not an absolute http(s) URL") {
			t.Errorf("Fetch(%q): %v", base, err)
		}
	}
}

func TestReadDir(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, QuoteFile), []byte("q"), 0o644)
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	files, err := ReadDir(dir)
	if err != nil || len(files) != 1 || string(files[QuoteFile]) != "q" {
		t.Errorf("ReadDir: %q, %v", files, err)
	}
	os.WriteFile(filepath.Join(dir, KeysFile), bytes.Repeat([]byte(" "), MaxFileBytes+1), 0o644)
	if _, err := ReadDir(dir); err == nil || !strings.Contains(err.Error(), filepath.Join(dir, KeysFile)) {
		t.Errorf("oversized file: %v", err)
	}
	if _, err := ReadDir(filepath.Join(dir, "absent")); err == nil || !strings.Contains(err.Error(), "absent") {
		t.Errorf("missing directory: %v", err)
	}
}
