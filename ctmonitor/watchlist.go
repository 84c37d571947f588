package ctmonitor

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/idna"
)

// Watchlist is the set of domains watched, in certspotter's syntax: one
// item a line, "example.com" for that name only, ".example.com" for the
// domain and every name under it, "." for every name; '#' starts a comment
// line. Items are matched in their IDNA ASCII form, so a Unicode item and
// its Punycode match the same certificates.
type Watchlist struct {
	items []watchItem
}

type watchItem struct {
	written string   // as in the file
	labels  []string // ASCII, lowercase
	suffix  bool
}

// ParseWatchlist reads a watchlist; source names it in errors
// ("watchlist.txt:3: ...").
func ParseWatchlist(r io.Reader, source string) (*Watchlist, error) {
	w := &Watchlist{}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		item, err := parseWatchItem(line)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", source, n, err)
		}
		w.items = append(w.items, item)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", source, err)
	}
	if len(w.items) == 0 {
		// A watchlist that watches nothing is a mistake, not a choice.
		return nil, fmt.Errorf("%s: %w", source, errEmptyWatchlist)
	}
	return w, nil
}

func parseWatchItem(line string) (watchItem, error) {
	fields := strings.Fields(line)
	text := fields[0]
	for _, f := range fields[1:] {
		// certspotter accepts and ignores valid_at: for old watchlists.
		if !strings.HasPrefix(f, "valid_at:") {
			return watchItem{}, fmt.Errorf("watch item %q: unknown parameter %q", text, f)
		}
	}
	item := watchItem{written: text}
	if text == "." {
		item.suffix = true
		return item, nil
	}
	domain := text
	if strings.HasPrefix(domain, ".") {
		item.suffix = true
		domain = domain[1:]
	}
	domain = strings.TrimSuffix(domain, ".")
	if strings.Contains(domain, "*") {
		return watchItem{}, fmt.Errorf("watch item %q: wildcards are not items; write %q for a domain and its subdomains", text, "."+strings.TrimPrefix(strings.TrimPrefix(domain, "*"), "."))
	}
	ascii, err := idna.Lookup.ToASCII(domain)
	if err != nil {
		return watchItem{}, fmt.Errorf("watch item %q is not a valid domain name: %v", text, err)
	}
	if ascii == "" || len(ascii) > 253 {
		return watchItem{}, fmt.Errorf("watch item %q is not a valid domain name: length %d", text, len(ascii))
	}
	item.labels = strings.Split(ascii, ".")
	for _, l := range item.labels {
		if l == "" || len(l) > 63 {
			return watchItem{}, fmt.Errorf("watch item %q has an empty or over-long label", text)
		}
	}
	return item, nil
}

// Items returns the items as written, in file order.
func (w *Watchlist) Items() []string {
	out := make([]string, len(w.items))
	for i, it := range w.items {
		out[i] = it.written
	}
	return out
}

// Match reports the first item, as written, that one of names could be a
// name under. It errs towards matching: a wildcard label ("*", or "*"
// inside a label) matches whatever label it could cover, a redacted label
// ("?") any label, and a label that is not valid text or not valid IDNA
// any label, since the name it stands for might be a watched one.
func (w *Watchlist) Match(names []string) (item string, ok bool) {
	var cands [][]nameLabel
	for _, n := range names {
		cands = append(cands, nameCandidates(n)...)
	}
	for _, it := range w.items {
		for _, c := range cands {
			if it.matches(c) {
				return it.written, true
			}
		}
	}
	return "", false
}

// nameLabel is one label of a logged name, ready for matching.
type nameLabel struct {
	text string
	any  bool // redacted, "*", unparsable: could be anything
	glob bool // contains '*' among other characters
}

// nameCandidates turns a logged name into the label lists it could stand
// for. A URL-like value ("https://x/...") is cut to its host; a value with
// a NUL is read both whole and up to the NUL, as clients have done both.
// idnaDots are the characters IDNA (UTS #46) reads as label separators,
// besides ".".
var idnaDots = strings.NewReplacer("\u3002", ".", "\uff0e", ".", "\uff61", ".")

func nameCandidates(name string) [][]nameLabel {
	var out [][]nameLabel
	forms := []string{name}
	if i := strings.IndexByte(name, 0); i >= 0 {
		forms = append(forms, name[:i])
	}
	for _, f := range forms {
		f = strings.TrimSpace(f)
		low := strings.ToLower(f)
		for _, p := range []string{"http://", "https://"} {
			if strings.HasPrefix(low, p) {
				f = f[len(p):]
				break
			}
		}
		if i := strings.IndexByte(f, '/'); i >= 0 {
			f = f[:i]
		}
		f = idnaDots.Replace(f)
		f = strings.TrimRight(f, ".")
		if f == "" {
			continue
		}
		parts := strings.Split(f, ".")
		labels := make([]nameLabel, len(parts))
		for i, p := range parts {
			labels[i] = parseNameLabel(p)
		}
		out = append(out, labels)
	}
	return out
}

func parseNameLabel(l string) nameLabel {
	if l == "*" || l == "?" || l == "" || !utf8.ValidString(l) {
		return nameLabel{any: true}
	}
	ascii := true
	for i := 0; i < len(l); i++ {
		if c := l[i]; c < 0x20 || c >= 0x7f {
			ascii = false
		}
	}
	if !ascii {
		a, err := idna.Lookup.ToASCII(l)
		if err != nil || strings.Contains(a, ".") || a == "" {
			return nameLabel{any: true}
		}
		l = a
	}
	l = strings.ToLower(l)
	return nameLabel{text: l, glob: strings.Contains(l, "*")}
}

func (it watchItem) matches(name []nameLabel) bool {
	if len(name) < len(it.labels) || (!it.suffix && len(name) != len(it.labels)) {
		return false
	}
	off := len(name) - len(it.labels)
	for i, want := range it.labels {
		got := name[off+i]
		switch {
		case got.any:
		case got.glob:
			if !globLabel(got.text, want) {
				return false
			}
		case got.text != want:
			return false
		}
	}
	return true
}

// globLabel reports whether label fits pattern, where each '*' stands for
// any run of characters (RFC 6125 §6.4.3 partial-label wildcards).
func globLabel(pattern, label string) bool {
	star, mark := -1, 0
	p, l := 0, 0
	for l < len(label) {
		switch {
		case p < len(pattern) && pattern[p] == '*':
			star, mark = p, l
			p++
		case p < len(pattern) && pattern[p] == label[l]:
			p++
			l++
		case star >= 0:
			p = star + 1
			mark++
			l = mark
		default:
			return false
		}
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}

var errEmptyWatchlist = errors.New("watchlist has no items")
