package ctmonitor

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	ct "github.com/google/certificate-transparency-go"
	cttls "github.com/google/certificate-transparency-go/tls"
	ctx509 "github.com/google/certificate-transparency-go/x509"

	"github.com/devproof/devproof/internal/ctlog"
	"github.com/devproof/devproof/internal/localca"
	"github.com/devproof/devproof/internal/retry"
)

// rfcFixture is a real in-process RFC 6962 log holding certificates and
// precertificates from a local CA.
type rfcFixture struct {
	t     *testing.T
	ctx   context.Context
	ca    *localca.CA
	log   *ctlog.RFC6962Log
	hc    *http.Client
	hosts []string
}

func newRFCFixture(t *testing.T, certs int) *rfcFixture {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	ca, err := localca.New()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(ca.Close)
	l, err := ctlog.StartRFC6962("local rfc6962", "devproof", ca.RootPEM())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(l.Close)
	tr := &http.Transport{}
	t.Cleanup(tr.CloseIdleConnections)
	f := &rfcFixture{t: t, ctx: ctx, ca: ca, log: l, hc: &http.Client{Transport: tr}}
	f.add(certs)
	return f
}

// add logs n certificates, each as a precertificate and then as the final
// certificate, and waits until the log's tree holds them.
func (f *rfcFixture) add(n int) {
	f.t.Helper()
	for range n {
		host := fmt.Sprintf("h%d.example.test", len(f.hosts))
		cert, err := f.ca.IssueLogged(f.ctx, []localca.SCTSource{f.log}, host)
		if err != nil {
			f.t.Fatal(err)
		}
		if _, err := f.log.AddChain(f.ctx, cert.Certificate); err != nil {
			f.t.Fatal(err)
		}
		f.hosts = append(f.hosts, host)
	}
	c := f.client(f.log.URL, f.log.KeyDER)
	for {
		h, err := c.Head(f.ctx)
		if err != nil {
			f.t.Fatal(err)
		}
		if h.Size == uint64(2*len(f.hosts)) {
			return
		}
		select {
		case <-f.ctx.Done():
			f.t.Fatalf("tree size %d, want %d", h.Size, 2*len(f.hosts))
		case <-time.After(50 * time.Millisecond):
		}
	}
}

func (f *rfcFixture) client(url string, keyDER []byte) *RFC6962Log {
	f.t.Helper()
	c, err := NewRFC6962Log(url, keyDER, f.hc)
	if err != nil {
		f.t.Fatal(err)
	}
	c.batch, c.workers = 3, 2
	c.backoff = retry.Backoff{Base: time.Millisecond, Max: 10 * time.Millisecond}
	return c
}

func collect(ctx context.Context, l Log, head TreeHead, start, end uint64) ([]Entry, error) {
	var got []Entry
	err := l.Entries(ctx, head, start, end, func(e Entry) error {
		got = append(got, e)
		return nil
	})
	return got, err
}

// front stands between the client and the real log; edit may rewrite the
// log's reply to a request before the client sees it.
type front struct {
	srv *httptest.Server
	mu  sync.Mutex
	// edit gets the request and the log's reply, and returns the status,
	// headers and body to send instead.
	edit func(r *http.Request, status int, body []byte) (int, http.Header, []byte)
	// seen counts requests by endpoint name (the last path element).
	seen map[string]int
}

// fronted puts a front before the fixture's log and reads the log's head
// through it.
func (f *rfcFixture) fronted(t *testing.T) (*front, *RFC6962Log, TreeHead) {
	t.Helper()
	fr := newFront(t, f.log.URL)
	c := f.client(fr.URL(), f.log.KeyDER)
	head, err := c.Head(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	return fr, c, head
}

func newFront(t *testing.T, upstream string) *front {
	t.Helper()
	fr := &front{seen: map[string]int{}}
	tr := &http.Transport{}
	t.Cleanup(tr.CloseIdleConnections)
	base := strings.TrimSuffix(upstream, "/log/")
	fr.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		resp, err := (&http.Client{Transport: tr}).Get(base + r.URL.RequestURI())
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		status, hdr := resp.StatusCode, http.Header{}
		fr.mu.Lock()
		fr.seen[r.URL.Path[strings.LastIndex(r.URL.Path, "/")+1:]]++
		edit := fr.edit
		fr.mu.Unlock()
		if edit != nil {
			status, hdr, body = edit(r, status, body)
		}
		for k, v := range hdr {
			w.Header()[k] = v
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		w.Write(body)
	}))
	t.Cleanup(fr.srv.Close)
	return fr
}

func (fr *front) URL() string { return fr.srv.URL + "/log/" }

func (fr *front) set(edit func(r *http.Request, status int, body []byte) (int, http.Header, []byte)) {
	fr.mu.Lock()
	defer fr.mu.Unlock()
	fr.edit = edit
}

func (fr *front) count(endpoint string) int {
	fr.mu.Lock()
	defer fr.mu.Unlock()
	return fr.seen[endpoint]
}

// signer signs tree heads as a log would, so a front can serve heads the
// client accepts under the signer's key.
type signer struct {
	key *ecdsa.PrivateKey
	der []byte
}

func newSigner(t *testing.T) *signer {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	der, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	return &signer{key: key, der: der}
}

// resign rewrites a get-sth body, changing it with change first and then
// signing it with s.
func (s *signer) resign(t *testing.T, body []byte, change func(*ct.GetSTHResponse)) []byte {
	var resp ct.GetSTHResponse
	if err := json.Unmarshal(body, &resp); err != nil {
		t.Errorf("get-sth from the log: %v", err)
		return body
	}
	if change != nil {
		change(&resp)
	}
	sth := ct.SignedTreeHead{Version: ct.V1, TreeSize: resp.TreeSize, Timestamp: resp.Timestamp}
	copy(sth.SHA256RootHash[:], resp.SHA256RootHash)
	input, err := ct.SerializeSTHSignatureInput(sth)
	if err != nil {
		t.Error(err)
		return body
	}
	digest := sha256.Sum256(input)
	sig, err := ecdsa.SignASN1(rand.Reader, s.key, digest[:])
	if err != nil {
		t.Error(err)
		return body
	}
	resp.TreeHeadSignature, err = cttls.Marshal(ct.DigitallySigned{
		Algorithm: cttls.SignatureAndHashAlgorithm{Hash: cttls.SHA256, Signature: cttls.ECDSA},
		Signature: sig,
	})
	if err != nil {
		t.Error(err)
		return body
	}
	out, _ := json.Marshal(resp)
	return out
}

func isEndpoint(r *http.Request, name string) bool { return strings.HasSuffix(r.URL.Path, "/"+name) }

// TestRFC6962ReadsBackCertsAndPrecerts reads a real log's whole tree and
// finds each host once as a precertificate (its TBSCertificate) and once
// as the final certificate, in index order, with SCT timestamps.
func TestRFC6962ReadsBackCertsAndPrecerts(t *testing.T) {
	f := newRFCFixture(t, 4)
	c := f.client(f.log.URL, f.log.KeyDER)
	if c.URL() != f.log.URL {
		t.Fatalf("URL() = %q", c.URL())
	}
	head, err := c.Head(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if head.Size != 8 || !json.Valid(head.Signed) || time.Since(head.Timestamp) > time.Hour {
		t.Fatalf("head: size %d, timestamp %v, signed %q", head.Size, head.Timestamp, head.Signed)
	}
	got, err := collect(f.ctx, c, head, 0, head.Size)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for i, e := range got {
		if e.Index != uint64(i) {
			t.Fatalf("entry %d has index %d", i, e.Index)
		}
		if e.Timestamp.IsZero() || time.Since(e.Timestamp) > time.Hour {
			t.Errorf("entry %d: timestamp %v", i, e.Timestamp)
		}
		var names []string
		if e.Precert {
			tbs, err := ctx509.ParseTBSCertificate(e.Cert)
			if err != nil {
				t.Fatalf("entry %d: TBSCertificate: %v", i, err)
			}
			names = tbs.DNSNames
		} else {
			cert, err := x509.ParseCertificate(e.Cert)
			if err != nil {
				t.Fatalf("entry %d: certificate: %v", i, err)
			}
			names = cert.DNSNames
		}
		if len(names) != 1 {
			t.Fatalf("entry %d names %v", i, names)
		}
		key := fmt.Sprintf("%s precert=%v", names[0], e.Precert)
		if seen[key] {
			t.Fatalf("entry %d: %s twice", i, key)
		}
		seen[key] = true
	}
	for _, h := range f.hosts {
		if !seen[h+" precert=true"] || !seen[h+" precert=false"] {
			t.Errorf("%s: precertificate %v, certificate %v", h, seen[h+" precert=true"], seen[h+" precert=false"])
		}
	}
}

// TestRFC6962EntriesFromAnyPosition reads every range [start, end) of the
// tree, as a monitor resuming from a stored position does, and gets the
// same entries as the full read: each range is proven from the inclusion
// proof of its first entry and consistency proofs, never from [0, start).
func TestRFC6962EntriesFromAnyPosition(t *testing.T) {
	f := newRFCFixture(t, 4)
	c := f.client(f.log.URL, f.log.KeyDER)
	head, err := c.Head(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	all, err := collect(f.ctx, c, head, 0, head.Size)
	if err != nil {
		t.Fatal(err)
	}
	hashes := map[[32]byte]bool{}
	for _, e := range all {
		if e.LeafHash == ([32]byte{}) || hashes[e.LeafHash] {
			t.Fatalf("entry %d: leaf hash %x missing or repeated", e.Index, e.LeafHash)
		}
		hashes[e.LeafHash] = true
	}
	for start := uint64(0); start <= head.Size; start++ {
		for end := start; end <= head.Size; end++ {
			got, err := collect(f.ctx, c, head, start, end)
			if err != nil {
				t.Fatalf("[%d, %d): %v", start, end, err)
			}
			if !slices.EqualFunc(got, all[start:end], func(a, b Entry) bool {
				return a.Index == b.Index && a.LeafHash == b.LeafHash && bytes.Equal(a.Cert, b.Cert)
			}) {
				t.Fatalf("[%d, %d): %d entries differ from the full read", start, end, len(got))
			}
		}
	}
	if _, err := collect(f.ctx, c, head, 2, head.Size+1); err == nil || !strings.Contains(err.Error(), "not within the tree head") {
		t.Fatalf("range past the head: %v", err)
	}
}

// TestRFC6962ConsistentAsTheLogGrows proves an older head a prefix of a
// newer one and refuses the reverse order.
func TestRFC6962ConsistentAsTheLogGrows(t *testing.T) {
	f := newRFCFixture(t, 1)
	c := f.client(f.log.URL, f.log.KeyDER)
	old, err := c.Head(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	f.add(3)
	cur, err := c.Head(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Consistent(f.ctx, old, cur); err != nil {
		t.Fatal(err)
	}
	if err := c.Consistent(f.ctx, cur, cur); err != nil {
		t.Fatal(err)
	}
	if err := c.Consistent(f.ctx, cur, old); err == nil || !strings.Contains(err.Error(), "cannot be a prefix") {
		t.Fatalf("newer before older: %v", err)
	}
	got, err := collect(f.ctx, c, cur, old.Size, cur.Size)
	if err != nil || len(got) != int(cur.Size-old.Size) {
		t.Fatalf("new entries: %d, %v", len(got), err)
	}
}

// TestRFC6962WrongSignatureRefused serves the log's heads with a signature
// by another key: the signature check refuses them.
func TestRFC6962WrongSignatureRefused(t *testing.T) {
	f := newRFCFixture(t, 1)
	fr := newFront(t, f.log.URL)
	other := newSigner(t)
	fr.set(func(r *http.Request, status int, body []byte) (int, http.Header, []byte) {
		if isEndpoint(r, "get-sth") {
			body = other.resign(t, body, nil)
		}
		return status, nil, body
	})
	_, err := f.client(fr.URL(), f.log.KeyDER).Head(f.ctx)
	if err == nil || !strings.Contains(err.Error(), "signature does not verify with the log's key") {
		t.Fatalf("head signed by another key: %v", err)
	}
	if !strings.Contains(err.Error(), fr.URL()) {
		t.Fatalf("error does not name the log: %v", err)
	}
}

// TestRFC6962SplitViewIsInconsistent has a front, holding the key the
// client trusts, sign a second root for the same tree size and later a
// forked larger tree: Consistent and Entries report ErrInconsistent, and
// fn never sees an entry under the forged head.
func TestRFC6962SplitViewIsInconsistent(t *testing.T) {
	f := newRFCFixture(t, 3)
	fr := newFront(t, f.log.URL)
	s := newSigner(t)
	var mu sync.Mutex
	fork := false
	fr.set(func(r *http.Request, status int, body []byte) (int, http.Header, []byte) {
		if !isEndpoint(r, "get-sth") {
			return status, nil, body
		}
		mu.Lock()
		defer mu.Unlock()
		return status, nil, s.resign(t, body, func(resp *ct.GetSTHResponse) {
			if fork {
				resp.SHA256RootHash[0] ^= 1
			}
		})
	})
	c := f.client(fr.URL(), s.der)
	honest, err := c.Head(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	fork = true
	mu.Unlock()
	forged, err := c.Head(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if forged.Size != honest.Size || forged.Root == honest.Root {
		t.Fatalf("front did not fork: %d %x, %d %x", honest.Size, honest.Root, forged.Size, forged.Root)
	}

	err = c.Consistent(f.ctx, honest, forged)
	if !errors.Is(err, ErrInconsistent) || !strings.Contains(err.Error(), "two tree heads of size") {
		t.Fatalf("same size, two roots: %v", err)
	}
	calls := 0
	count := func(Entry) error { calls++; return nil }
	err = c.Entries(f.ctx, forged, 0, forged.Size, count)
	if !errors.Is(err, ErrInconsistent) || !strings.Contains(err.Error(), "entries [0, 3) against the tree head") || calls != 0 {
		t.Fatalf("entries under the forged head: %d delivered, %v", calls, err)
	}
	err = c.Entries(f.ctx, forged, 4, forged.Size, count)
	if !errors.Is(err, ErrInconsistent) || !strings.Contains(err.Error(), "inclusion proof of entry 4") || calls != 0 {
		t.Fatalf("entries from 4 under the forged head: %d delivered, %v", calls, err)
	}
	if err := c.Entries(f.ctx, honest, 0, honest.Size, count); err != nil || calls != int(honest.Size) {
		t.Fatalf("entries under the honest head: %d delivered, %v", calls, err)
	}

	f.add(1)
	grown, err := c.Head(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	err = c.Consistent(f.ctx, honest, grown)
	if !errors.Is(err, ErrInconsistent) || !strings.Contains(err.Error(), "consistency proof from size 6 to 8") {
		t.Fatalf("forked larger tree: %v", err)
	}
	err = c.Entries(f.ctx, grown, grown.Size-1, grown.Size, count)
	if !errors.Is(err, ErrInconsistent) {
		t.Fatalf("last entry under the forked larger tree: %v", err)
	}
}

// TestRFC6962TamperedEntryIsInconsistent has a front swap the leaf of one
// entry for another entry's: the batch holding it fails to hash into the
// head, and fn has seen only the batches before it.
func TestRFC6962TamperedEntryIsInconsistent(t *testing.T) {
	f := newRFCFixture(t, 4)
	fr, c, head := f.fronted(t)
	fr.set(func(r *http.Request, status int, body []byte) (int, http.Header, []byte) {
		if !isEndpoint(r, "get-entries") || r.URL.Query().Get("start") != "3" {
			return status, nil, body
		}
		var resp ct.GetEntriesResponse
		if err := json.Unmarshal(body, &resp); err != nil || len(resp.Entries) < 2 {
			t.Errorf("get-entries from the log: %v", err)
			return status, nil, body
		}
		resp.Entries[1].LeafInput = resp.Entries[0].LeafInput
		body, _ = json.Marshal(resp)
		return status, nil, body
	})
	got, err := collect(f.ctx, c, head, 0, head.Size)
	if !errors.Is(err, ErrInconsistent) || !strings.Contains(err.Error(), "entries [3, 6)") || len(got) != 3 {
		t.Fatalf("tampered entry 4: %d delivered, %v", len(got), err)
	}
}

// TestRFC6962ShortRepliesStillComplete has a front return one entry per
// get-entries reply: the client asks again from where the log stopped.
func TestRFC6962ShortRepliesStillComplete(t *testing.T) {
	f := newRFCFixture(t, 3)
	fr := newFront(t, f.log.URL)
	fr.set(func(r *http.Request, status int, body []byte) (int, http.Header, []byte) {
		if !isEndpoint(r, "get-entries") {
			return status, nil, body
		}
		var resp ct.GetEntriesResponse
		if err := json.Unmarshal(body, &resp); err != nil {
			t.Errorf("get-entries from the log: %v", err)
			return status, nil, body
		}
		resp.Entries = resp.Entries[:1]
		body, _ = json.Marshal(resp)
		return status, nil, body
	})
	c := f.client(fr.URL(), f.log.KeyDER)
	head, err := c.Head(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	got, err := collect(f.ctx, c, head, 1, head.Size)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != int(head.Size-1) || got[0].Index != 1 || got[len(got)-1].Index != head.Size-1 {
		t.Fatalf("%d entries", len(got))
	}
	if n := fr.count("get-entries"); n != int(head.Size-1) {
		t.Fatalf("%d get-entries requests, want one per entry (%d)", n, head.Size-1)
	}
}

// TestRFC6962EmptyAndGarbageReplies: a log that returns no entries for a
// range its head covers, or a body that is not JSON, or a leaf that does
// not parse, is refused with an error naming the request.
func TestRFC6962EmptyAndGarbageReplies(t *testing.T) {
	f := newRFCFixture(t, 2)
	fr, c, head := f.fronted(t)

	fr.set(func(r *http.Request, status int, body []byte) (int, http.Header, []byte) {
		if isEndpoint(r, "get-entries") {
			return http.StatusOK, nil, []byte(`{"entries":[]}`)
		}
		return status, nil, body
	})
	_, err := collect(f.ctx, c, head, 0, head.Size)
	if err == nil || !strings.Contains(err.Error(), "get-entries 0 2: no entries, though the tree head of size 4 covers them") {
		t.Fatalf("empty get-entries: %v", err)
	}

	fr.set(func(r *http.Request, status int, body []byte) (int, http.Header, []byte) {
		return http.StatusOK, nil, []byte("<html>not a log</html>")
	})
	if _, err := c.Head(f.ctx); err == nil || !strings.Contains(err.Error(), "get-sth: malformed reply") {
		t.Fatalf("garbage get-sth: %v", err)
	}
	_, err = collect(f.ctx, c, head, 0, head.Size)
	if err == nil || !strings.Contains(err.Error(), "get-entries 0 2: malformed reply") {
		t.Fatalf("garbage get-entries: %v", err)
	}

	// A leaf the tree commits to but that does not parse: the front serves
	// it, and re-signs a head over it with the key the client trusts.
	garbage := []byte("not a MerkleTreeLeaf")
	s := newSigner(t)
	fr.set(func(r *http.Request, status int, body []byte) (int, http.Header, []byte) {
		switch {
		case isEndpoint(r, "get-sth"):
			return status, nil, s.resign(t, body, func(resp *ct.GetSTHResponse) {
				h := sha256.Sum256(append([]byte{0}, garbage...))
				resp.TreeSize, resp.SHA256RootHash = 1, h[:]
			})
		case isEndpoint(r, "get-entries"):
			body, _ := json.Marshal(ct.GetEntriesResponse{Entries: []ct.LeafEntry{{LeafInput: garbage}}})
			return http.StatusOK, nil, body
		}
		return status, nil, body
	})
	c = f.client(fr.URL(), s.der)
	one, err := c.Head(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	_, err = collect(f.ctx, c, one, 0, 1)
	if err == nil || errors.Is(err, ErrInconsistent) || !strings.Contains(err.Error(), "entry 0: malformed leaf_input") {
		t.Fatalf("unparseable leaf: %v", err)
	}
}

// TestRFC6962Retries: 429s (with Retry-After) and 503s are retried until
// the log answers; a 404 is not retried; a log that keeps failing is given
// up on after the last attempt, naming the status.
func TestRFC6962Retries(t *testing.T) {
	f := newRFCFixture(t, 1)
	fr := newFront(t, f.log.URL)
	c := f.client(fr.URL(), f.log.KeyDER)
	c.attempts = 4
	var mu sync.Mutex
	failures := []int{http.StatusTooManyRequests, http.StatusServiceUnavailable}
	fr.set(func(r *http.Request, status int, body []byte) (int, http.Header, []byte) {
		mu.Lock()
		defer mu.Unlock()
		if len(failures) > 0 {
			s := failures[0]
			failures = failures[1:]
			return s, http.Header{"Retry-After": {"0"}}, []byte("slow down")
		}
		return status, nil, body
	})
	if _, err := c.Head(f.ctx); err != nil {
		t.Fatalf("after a 429 and a 503: %v", err)
	}
	if n := fr.count("get-sth"); n != 3 {
		t.Fatalf("%d get-sth requests, want 3", n)
	}

	fr.set(func(r *http.Request, status int, body []byte) (int, http.Header, []byte) {
		return http.StatusNotFound, nil, []byte("no such log")
	})
	before := fr.count("get-sth")
	if _, err := c.Head(f.ctx); err == nil || !strings.Contains(err.Error(), "404") || !strings.Contains(err.Error(), "no such log") {
		t.Fatalf("404: %v", err)
	}
	if n := fr.count("get-sth") - before; n != 1 {
		t.Fatalf("404 asked %d times, want once", n)
	}

	fr.set(func(r *http.Request, status int, body []byte) (int, http.Header, []byte) {
		return http.StatusInternalServerError, nil, []byte("broken")
	})
	before = fr.count("get-sth")
	if _, err := c.Head(f.ctx); err == nil || !strings.Contains(err.Error(), "500") {
		t.Fatalf("500s: %v", err)
	}
	if n := fr.count("get-sth") - before; n != c.attempts {
		t.Fatalf("500 asked %d times, want %d", n, c.attempts)
	}
}

// TestRFC6962RetryAfter reads the header in both of RFC 9110's forms.
func TestRFC6962RetryAfter(t *testing.T) {
	for _, tc := range []struct {
		header string
		min    time.Duration
		max    time.Duration
	}{
		{"3", 3 * time.Second, 3 * time.Second},
		{"junk", 0, 0},
		{"86400", maxRetryAfter, maxRetryAfter},
		{time.Now().Add(time.Hour).UTC().Format(http.TimeFormat), maxRetryAfter, maxRetryAfter},
		{time.Now().Add(-time.Hour).UTC().Format(http.TimeFormat), 0, 0},
	} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Retry-After", tc.header)
			w.WriteHeader(http.StatusTooManyRequests)
		}))
		ra := new(retryWait)
		req, _ := http.NewRequestWithContext(context.WithValue(context.Background(), retryAfterKey{}, ra), http.MethodGet, srv.URL, nil)
		tr := &http.Transport{}
		resp, err := retryAfterTransport{tr}.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		tr.CloseIdleConnections()
		srv.Close()
		if ra.wait < tc.min || ra.wait > tc.max {
			t.Errorf("Retry-After %q: wait %v, want [%v, %v]", tc.header, ra.wait, tc.min, tc.max)
		}
	}
}

// TestRFC6962ProofByIndexWhenByHashFails: when get-proof-by-hash fails,
// the range's starting proof comes from get-entry-and-proof instead.
func TestRFC6962ProofByIndexWhenByHashFails(t *testing.T) {
	f := newRFCFixture(t, 3)
	fr := newFront(t, f.log.URL)
	fr.set(func(r *http.Request, status int, body []byte) (int, http.Header, []byte) {
		if isEndpoint(r, "get-proof-by-hash") {
			return http.StatusNotFound, nil, []byte("not here")
		}
		return status, nil, body
	})
	c := f.client(fr.URL(), f.log.KeyDER)
	head, err := c.Head(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	got, err := collect(f.ctx, c, head, 2, head.Size)
	if err != nil || len(got) != int(head.Size-2) {
		t.Fatalf("%d entries, %v", len(got), err)
	}
	if fr.count("get-proof-by-hash") != 1 || fr.count("get-entry-and-proof") != 1 {
		t.Fatalf("get-proof-by-hash %d, get-entry-and-proof %d", fr.count("get-proof-by-hash"), fr.count("get-entry-and-proof"))
	}
}

// TestRFC6962CallbackErrorStops: an error from fn ends Entries at once and
// is returned as it is.
func TestRFC6962CallbackErrorStops(t *testing.T) {
	f := newRFCFixture(t, 3)
	c := f.client(f.log.URL, f.log.KeyDER)
	head, err := c.Head(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	stop := errors.New("stop here")
	calls := 0
	err = c.Entries(f.ctx, head, 0, head.Size, func(e Entry) error {
		calls++
		if e.Index == 3 {
			return stop
		}
		return nil
	})
	if err != stop || calls != 4 {
		t.Fatalf("%d calls, %v", calls, err)
	}
}
