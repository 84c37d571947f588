package ctmonitor

import (
	"crypto/x509"
	"crypto/x509/pkix"
	"slices"
	"strings"
	"testing"
)

const testWatchlist = `# devproof domains

example.com
.devproof.test
  .Bücher.example   
XN--caf-dma.example
`

func TestWatchlistParse(t *testing.T) {
	w, err := ParseWatchlist(strings.NewReader(testWatchlist), "watch.txt")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"example.com", ".devproof.test", ".Bücher.example", "XN--caf-dma.example"}
	if got := w.Items(); !slices.Equal(got, want) {
		t.Errorf("Items = %q, want %q", got, want)
	}
}

func TestWatchlistMatch(t *testing.T) {
	w, err := ParseWatchlist(strings.NewReader(testWatchlist), "watch.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		names []string
		want  string // "" for no match
	}{
		{[]string{"example.com"}, "example.com"},
		{[]string{"EXAMPLE.com."}, "example.com"},
		{[]string{"www.example.com"}, ""}, // exact item: no subdomains
		{[]string{"notexample.com"}, ""},  // not a label boundary
		{[]string{"other.org", "example.com"}, "example.com"},
		{[]string{"devproof.test"}, ".devproof.test"}, // the domain itself
		{[]string{"a.b.devproof.test"}, ".devproof.test"},
		{[]string{"devproof.test.evil"}, ""},
		{[]string{"xn--bcher-kva.example"}, ".Bücher.example"}, // Punycode of a Unicode item
		{[]string{"shop.bücher.example"}, ".Bücher.example"},   // raw Unicode as logged
		{[]string{"café.example"}, "XN--caf-dma.example"},      // Unicode of a Punycode item
		{[]string{"*.example.com"}, ""},                        // cannot cover example.com itself
		{[]string{"*.com"}, "example.com"},                     // covers example.com
		{[]string{"*.devproof.test"}, ".devproof.test"},
		{[]string{"ex*.com"}, "example.com"}, // partial-label wildcard
		{[]string{"ab*.com"}, ""},
		{[]string{"?.devproof.test"}, ".devproof.test"}, // redacted
		{[]string{"?.com"}, "example.com"},
		{[]string{"?.?.com"}, ""},                    // three labels: not example.com
		{[]string{"exa\xffmple.com"}, "example.com"}, // not UTF-8: could be anything
		{[]string{"exa\x00mple.com"}, "example.com"}, // control character
		{[]string{"evil.org\x00.devproof.test"}, ".devproof.test"},
		{[]string{"example.com\x00.evil.org"}, "example.com"}, // read up to the NUL
		{[]string{"https://example.com/path"}, "example.com"},
		{[]string{"a..devproof.test"}, ".devproof.test"},
		{[]string{"www.example\u3002com"}, ""},
		{[]string{"example\u3002com"}, "example.com"}, // ideographic full stop
		{[]string{"ｅｘａｍｐｌｅ.com"}, "example.com"},      // fullwidth, mapped by IDNA
		{[]string{""}, ""},
		{nil, ""},
	} {
		got, ok := w.Match(tc.names)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("Match(%q) = %q, %v; want %q", tc.names, got, ok, tc.want)
		}
	}
}

func TestWatchlistRoot(t *testing.T) {
	w, err := ParseWatchlist(strings.NewReader(".\n"), "all.txt")
	if err != nil {
		t.Fatal(err)
	}
	if item, ok := w.Match([]string{"anything.at.all"}); !ok || item != "." {
		t.Errorf("Match = %q, %v; want \".\"", item, ok)
	}
}

// A CN-only certificate is matched through ParseCert's names.
func TestWatchlistCNOnlyCert(t *testing.T) {
	is := newTestIssuer(t)
	c, err := ParseCert(is.issue(t, &x509.Certificate{Subject: pkix.Name{CommonName: "Old.Example.com"}}, nil), false)
	if err != nil {
		t.Fatal(err)
	}
	w, _ := ParseWatchlist(strings.NewReader("old.example.com\n"), "w")
	if item, ok := w.Match(c.Names); !ok || item != "old.example.com" {
		t.Errorf("Match(%q) = %q, %v", c.Names, item, ok)
	}
}

func TestWatchlistErrors(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"ok.example\n\n# c\nbad..example\n", `w.txt:4: watch item "bad..example" has an empty or over-long label`},
		{"a.example valid_at:2020\nb.example extra\n", `w.txt:2: watch item "b.example": unknown parameter "extra"`},
		{"*.example.com\n", `w.txt:1: watch item "*.example.com": wildcards are not items; write ".example.com"`},
		{"exa mple.com\n", `w.txt:1: watch item "exa"`}, // fields split; "mple.com" is an unknown parameter
		{"-bad-.example\n", `w.txt:1: watch item "-bad-.example" is not a valid domain name`},
		{"# only comments\n\n", "w.txt: watchlist has no items"},
	} {
		_, err := ParseWatchlist(strings.NewReader(tc.in), "w.txt")
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseWatchlist(%q) error = %v, want %q", tc.in, err, tc.want)
		}
	}
}

func FuzzParseWatchlist(f *testing.F) {
	f.Add(testWatchlist, "a.b.example.com")
	f.Add(".\n", "*.x")
	f.Add("xn--zz\n", "?.?")
	f.Add("ex\u00e4mple.com valid_at:1\n", "EX\u00c4MPLE.com")
	f.Fuzz(func(t *testing.T, list, name string) {
		w, err := ParseWatchlist(strings.NewReader(list), "fuzz")
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz:") {
				t.Fatalf("error does not name the source: %v", err)
			}
			return
		}
		item, ok := w.Match([]string{name})
		if ok && !slices.Contains(w.Items(), item) {
			t.Fatalf("Match returned %q, not an item", item)
		}
		// Every item matches a name made of redacted labels of its length.
		for _, it := range w.items {
			n := strings.TrimSuffix(strings.Repeat("?.", max(len(it.labels), 1)), ".")
			if _, ok := w.Match([]string{n}); !ok {
				t.Fatalf("%q matches no item", n)
			}
		}
	})
}
