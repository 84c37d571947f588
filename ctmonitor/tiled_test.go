package ctmonitor

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	ct "github.com/google/certificate-transparency-go"
	ctx509 "github.com/google/certificate-transparency-go/x509"
	"golang.org/x/sync/errgroup"

	"github.com/devproof/devproof/internal/ctlog"
	"github.com/devproof/devproof/internal/localca"
	"github.com/devproof/devproof/internal/retry"
)

// localLog is a TesseraCT log on loopback with the CA whose chains it
// accepts.
type localLog struct {
	*ctlog.Log
	ca  *localca.CA
	dir string
}

func startLog(t *testing.T) *localLog {
	t.Helper()
	ca, err := localca.New()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(ca.Close)
	dir := filepath.Join(t.TempDir(), "log")
	l, err := ctlog.Start(dir, "test log", "test operator", ca.RootPEM())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(l.Close)
	return &localLog{Log: l, ca: ca, dir: dir}
}

// submitted is what went into the log at one index.
type submitted struct {
	name    string
	precert bool
	der     []byte // the final certificate, or the precertificate
	sct     *ct.SignedCertificateTimestamp
}

// recorder is a log for localca that keeps what it was given.
type recorder struct {
	l   *ctlog.Log
	mu  sync.Mutex
	pre [][]byte
	sct []*ct.SignedCertificateTimestamp
}

func (r *recorder) AddPreChain(ctx context.Context, chain [][]byte) (*ct.SignedCertificateTimestamp, error) {
	sct, err := r.l.AddPreChain(ctx, chain)
	if err == nil {
		r.mu.Lock()
		r.pre, r.sct = append(r.pre, chain[0]), append(r.sct, sct)
		r.mu.Unlock()
	}
	return sct, err
}

// submit logs n certificates for distinct names, every fifth as a
// precertificate, several at once, and returns them by index.
func (l *localLog) submit(t *testing.T, n int, prefix string) map[uint64]submitted {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var mu sync.Mutex
	got := map[uint64]submitted{}
	var g errgroup.Group
	g.SetLimit(64)
	for i := range n {
		g.Go(func() error {
			name := fmt.Sprintf("%s%d.devproof.test", prefix, i)
			var s submitted
			if i%5 == 0 {
				r := &recorder{l: l.Log}
				if _, err := l.ca.IssueLogged(ctx, []localca.SCTSource{r}, name); err != nil {
					return err
				}
				s = submitted{name: name, precert: true, der: r.pre[0], sct: r.sct[0]}
			} else {
				cert, err := l.ca.Issue(name)
				if err != nil {
					return err
				}
				sct, err := l.AddChain(ctx, cert.Certificate)
				if err != nil {
					return err
				}
				s = submitted{name: name, der: cert.Certificate[0], sct: sct}
			}
			idx, err := sctIndex(s.sct)
			if err != nil {
				return err
			}
			mu.Lock()
			defer mu.Unlock()
			got[idx] = s
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		t.Fatal(err)
	}
	return got
}

// sctIndex reads the leaf_index extension of an SCT from the log.
func sctIndex(sct *ct.SignedCertificateTimestamp) (uint64, error) {
	return leafIndex([]byte(sct.Extensions))
}

// tiled is a client of l that retries at once.
func (l *localLog) tiled(t *testing.T) *TiledLog {
	t.Helper()
	tl, err := NewTiledLog(l.MonitoringURL, l.Origin, l.KeyDER, nil)
	if err != nil {
		t.Fatal(err)
	}
	tl.backoff = retry.Backoff{Base: time.Millisecond, Max: 5 * time.Millisecond}
	return tl
}

// waitHead polls until the log's checkpoint covers size entries.
func waitHead(t *testing.T, tl *TiledLog, size uint64) TreeHead {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	for {
		h, err := tl.Head(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if h.Size >= size {
			return h
		}
		select {
		case <-ctx.Done():
			t.Fatalf("checkpoint stuck at size %d, want %d", h.Size, size)
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// Entries read back are those submitted, in order, final certificates and
// precertificates (as the TBSCertificate the log signed), across a full
// tile and a partial one; the heads before and after are consistent.
func TestTiledLogReadsBackWhatWasSubmitted(t *testing.T) {
	l := startLog(t)
	tl := l.tiled(t)
	want := l.submit(t, 20, "a")
	head1 := waitHead(t, tl, 20)
	for k, v := range l.submit(t, 280, "b") {
		want[k] = v
	}
	head2 := waitHead(t, tl, 300)
	if head2.Size != 300 || head2.Timestamp.Before(head1.Timestamp) || time.Since(head2.Timestamp) > time.Minute {
		t.Fatalf("head %d at %v after %v", head2.Size, head2.Timestamp, head1.Timestamp)
	}
	if err := tl.Consistent(context.Background(), head1, head2); err != nil {
		t.Fatalf("consistent heads: %v", err)
	}
	got, err := collect(context.Background(), tl, head2, 0, 300)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 300 {
		t.Fatalf("%d entries, want 300", len(got))
	}
	precerts := 0
	for i, e := range got {
		s, ok := want[uint64(i)]
		if !ok || e.Index != uint64(i) {
			t.Fatalf("entry %d (index %d) was not submitted", i, e.Index)
		}
		if e.Precert != s.precert || e.Timestamp.UnixMilli() != int64(s.sct.Timestamp) {
			t.Errorf("entry %d: precert %v at %v, submitted precert %v at %d", i, e.Precert, e.Timestamp, s.precert, s.sct.Timestamp)
		}
		if e.Precert {
			precerts++
			tbs, err := ctx509.ParseTBSCertificate(e.Cert)
			if err != nil {
				t.Fatalf("entry %d: TBSCertificate: %v", i, err)
			}
			if len(tbs.DNSNames) != 1 || tbs.DNSNames[0] != s.name {
				t.Errorf("entry %d names %v, want %s", i, tbs.DNSNames, s.name)
			}
			for _, x := range tbs.Extensions {
				if x.Id.Equal(ctx509.OIDExtensionCTPoison) {
					t.Errorf("entry %d: poison left in the TBSCertificate", i)
				}
			}
		} else if string(e.Cert) != string(s.der) {
			t.Errorf("entry %d: certificate differs from the one submitted for %s", i, s.name)
		}
		// The leaf hash as certificate-transparency-go computes it.
		if !e.Precert {
			c, _ := ctx509.ParseCertificate(s.der)
			leaf, err := ct.MerkleTreeLeafFromChain([]*ctx509.Certificate{c}, ct.X509LogEntryType, s.sct.Timestamp)
			if err != nil {
				t.Fatal(err)
			}
			leaf.TimestampedEntry.Extensions = s.sct.Extensions
			if h, _ := ct.LeafHashForLeaf(leaf); h != e.LeafHash {
				t.Errorf("entry %d: leaf hash %x, want %x", i, e.LeafHash, h)
			}
		}
	}
	if precerts != 60 {
		t.Errorf("%d precertificates, want 60", precerts)
	}
	// A range within the tiles, across their boundary.
	part, err := collect(context.Background(), tl, head2, 250, 260)
	if err != nil || len(part) != 10 || part[0].Index != 250 || part[9].Index != 259 {
		t.Fatalf("entries [250, 260): %d, %v", len(part), err)
	}
	// Entries under the older head read its partial tile.
	old, err := collect(context.Background(), tl, head1, 0, head1.Size)
	if err != nil || uint64(len(old)) != head1.Size || old[len(old)-1].LeafHash != got[len(old)-1].LeafHash {
		t.Fatalf("entries under the head of size %d: %d, %v", head1.Size, len(old), err)
	}
	// fn's error, or the caller's cancellation, ends the read at once,
	// with every tile reader stopped (TestMain checks for leaks).
	stop := errors.New("enough")
	calls := 0
	err = tl.Entries(context.Background(), head2, 0, 300, func(Entry) error {
		if calls++; calls == 11 {
			return stop
		}
		return nil
	})
	if err != stop || calls != 11 {
		t.Fatalf("fn error: %v after %d calls", err, calls)
	}
	ctx, cancel := context.WithCancel(context.Background())
	calls = 0
	err = tl.Entries(ctx, head2, 0, 300, func(Entry) error {
		if calls++; calls == 3 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) || calls != 3 {
		t.Fatalf("cancelled: %v after %d calls", err, calls)
	}
	// A log that no longer serves the partial tiles of the older head is
	// read through the prefixes of the full ones.
	noPartial := tiledFront(t, l, func(w http.ResponseWriter, r *http.Request, _ []byte) bool {
		if strings.HasSuffix(r.URL.Path, fmt.Sprintf(".p/%d", head1.Size)) {
			http.NotFound(w, r)
			return true
		}
		return false
	})
	old, err = collect(context.Background(), noPartial, head1, 0, head1.Size)
	if err != nil || uint64(len(old)) != head1.Size {
		t.Fatalf("entries under the head of size %d without partial tiles: %d, %v", head1.Size, len(old), err)
	}
	if err := noPartial.Consistent(context.Background(), head1, head2); err != nil {
		t.Fatalf("consistent heads without partial tiles: %v", err)
	}
}

// flipOnDisk changes one byte of a file the log serves.
func flipOnDisk(t *testing.T, path string, at func([]byte) int) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b[at(b)] ^= 0x01
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// A byte changed inside a certificate in a data tile is caught by its leaf
// hash: the entries before it are delivered, then ErrInconsistent names it.
func TestTiledLogCatchesAlteredDataTile(t *testing.T) {
	l := startLog(t)
	tl := l.tiled(t)
	subs := l.submit(t, 5, "d")
	head := waitHead(t, tl, 5)
	// The last final certificate (a precertificate's own DER is extra
	// data, outside the leaf hash; its TBSCertificate is inside).
	k := uint64(4)
	for subs[k].precert {
		k--
	}
	flipOnDisk(t, filepath.Join(l.dir, "tile/data/000.p/5"), func(b []byte) int {
		i := bytes.Index(b, subs[k].der)
		if i < 0 {
			t.Fatalf("entry %d's certificate is not in the tile", k)
		}
		return i + len(subs[k].der)/2
	})
	got, err := collect(context.Background(), tl, head, 0, 5)
	if !errors.Is(err, ErrInconsistent) || !strings.Contains(err.Error(), fmt.Sprintf("entry %d: leaf hash", k)) {
		t.Fatalf("err = %v, want ErrInconsistent naming entry %d", err, k)
	}
	if uint64(len(got)) != k {
		t.Errorf("%d entries delivered before the altered one, want %d", len(got), k)
	}
}

// A byte changed in a hash tile no longer hashes to the signed root.
func TestTiledLogCatchesAlteredHashTile(t *testing.T) {
	l := startLog(t)
	tl := l.tiled(t)
	l.submit(t, 5, "h")
	head := waitHead(t, tl, 5)
	flipOnDisk(t, filepath.Join(l.dir, "tile/0/000.p/5"), func([]byte) int { return 2*32 + 7 })
	got, err := collect(context.Background(), tl, head, 0, 5)
	if !errors.Is(err, ErrInconsistent) || !strings.Contains(err.Error(), "hash tiles for the leaf hashes of entries [0, 5)") {
		t.Fatalf("err = %v, want ErrInconsistent from the hash tiles", err)
	}
	if len(got) != 0 {
		t.Errorf("%d entries delivered", len(got))
	}
}

// A log key that did not sign the checkpoint, or a different origin, is
// refused by Head.
func TestTiledLogHeadRefusesWrongKeyOrOrigin(t *testing.T) {
	l := startLog(t)
	waitHead(t, l.tiled(t), 0)
	other, err := ctlog.NewKey()
	if err != nil {
		t.Fatal(err)
	}
	tl, err := NewTiledLog(l.MonitoringURL, l.Origin, other.DER, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tl.Head(context.Background()); err == nil || !strings.Contains(err.Error(), "no signature by the log's key") {
		t.Errorf("another key: %v", err)
	}
	tl, err = NewTiledLog(l.MonitoringURL, "ct.devproof.test/elsewhere", l.KeyDER, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tl.Head(context.Background()); err == nil || !strings.Contains(err.Error(), `checkpoint origin "`+l.Origin+`", want "ct.devproof.test/elsewhere"`) {
		t.Errorf("another origin: %v", err)
	}
}

// Two heads that disagree, at the same size or at a smaller one, are
// reported as ErrInconsistent; so is a head whose root the tiles do not
// support.
func TestTiledLogConsistentCatchesForks(t *testing.T) {
	l := startLog(t)
	tl := l.tiled(t)
	head0 := waitHead(t, tl, 0)
	l.submit(t, 3, "c")
	head3 := waitHead(t, tl, 3)
	l.submit(t, 4, "e")
	head7 := waitHead(t, tl, 7)
	ctx := context.Background()
	for _, old := range []TreeHead{head0, head3} {
		if err := tl.Consistent(ctx, old, head7); err != nil {
			t.Fatalf("real heads of sizes %d and 7: %v", old.Size, err)
		}
	}
	forked := head3
	forked.Root[0] ^= 1
	if err := tl.Consistent(ctx, head3, forked); !errors.Is(err, ErrInconsistent) || !strings.Contains(err.Error(), "two heads of size 3") {
		t.Errorf("same size, other root: %v", err)
	}
	if err := tl.Consistent(ctx, forked, head7); !errors.Is(err, ErrInconsistent) || !strings.Contains(err.Error(), "head of size 3 has root") {
		t.Errorf("smaller head, other root: %v", err)
	}
	forked7 := head7
	forked7.Root[0] ^= 1
	if err := tl.Consistent(ctx, head3, forked7); !errors.Is(err, ErrInconsistent) || !strings.Contains(err.Error(), "hash tiles for the tree of size 3") {
		t.Errorf("tiles under another root: %v", err)
	}
	if err := tl.Consistent(ctx, head7, head3); err == nil || errors.Is(err, ErrInconsistent) {
		t.Errorf("heads swapped: %v", err)
	}
}

// tiledFront is a proxy to the log's monitoring URL that may answer a path
// itself.
func tiledFront(t *testing.T, l *localLog, answer func(w http.ResponseWriter, r *http.Request, real []byte) bool) *TiledLog {
	t.Helper()
	target, _ := url.Parse(l.MonitoringURL)
	proxy := httputil.NewSingleHostReverseProxy(target)
	proxy.ErrorLog = log.New(io.Discard, "", 0)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := httptest.NewRecorder()
		r2 := r.Clone(r.Context())
		r2.Header.Del("Accept-Encoding")
		proxy.ServeHTTP(rec, r2)
		if rec.Code == http.StatusOK && answer(w, r, rec.Body.Bytes()) {
			return
		}
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.Code)
		w.Write(rec.Body.Bytes())
	}))
	t.Cleanup(srv.Close)
	tl, err := NewTiledLog(srv.URL+"/", l.Origin, l.KeyDER, srv.Client())
	if err != nil {
		t.Fatal(err)
	}
	tl.backoff = l.tiled(t).backoff
	tl.attempts = 3
	return tl
}

func gz(b []byte) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

// Tiles that are truncated, garbage, cut gzip, the wrong length or missing
// are refused with an error that says so; a gzip-compressed tile is read.
// None of these is taken for a split view.
func TestTiledLogRefusesBadTiles(t *testing.T) {
	l := startLog(t)
	l.submit(t, 5, "t")
	head := waitHead(t, l.tiled(t), 5)
	for _, c := range []struct {
		name, path string
		serve      func(real []byte) (int, []byte)
		want       string
	}{
		{"gzip", "tile/data/", func(b []byte) (int, []byte) { return 200, gz(b) }, ""},
		{"truncated", "tile/data/", func(b []byte) (int, []byte) { return 200, b[:len(b)/2] }, "tile/data/000.p/5: entry "},
		{"garbage", "tile/data/", func(b []byte) (int, []byte) { return 200, bytes.Repeat([]byte{0xa5}, len(b)) }, "tile/data/000.p/5: entry 0: unknown entry type"},
		{"trailing", "tile/data/", func(b []byte) (int, []byte) { return 200, append(b, 0) }, "1 bytes after the last of 5 entries"},
		{"cut gzip", "tile/data/", func(b []byte) (int, []byte) { z := gz(b); return 200, z[:len(z)-12] }, "tile/data/000.p/5: gzip: unexpected EOF"},
		{"missing", "tile/data/", func([]byte) (int, []byte) { return 404, nil }, "tile/data/000.p/5: HTTP 404"},
		{"short hash tile", "tile/0/", func(b []byte) (int, []byte) { return 200, b[:len(b)-1] }, "tile/0/000.p/5: 159 bytes, want 160"},
		{"server error", "tile/0/", func([]byte) (int, []byte) { return 503, nil }, "tile/0/000.p/5: HTTP 503"},
	} {
		t.Run(c.name, func(t *testing.T) {
			tl := tiledFront(t, l, func(w http.ResponseWriter, r *http.Request, real []byte) bool {
				if !strings.HasPrefix(r.URL.Path, "/"+c.path) {
					return false
				}
				code, body := c.serve(real)
				w.WriteHeader(code)
				w.Write(body)
				return true
			})
			got, err := collect(context.Background(), tl, head, 0, 5)
			if c.want == "" {
				if err != nil || len(got) != 5 {
					t.Fatalf("%d entries, %v", len(got), err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), c.want) || errors.Is(err, ErrInconsistent) {
				t.Fatalf("err = %v, want %q and no ErrInconsistent", err, c.want)
			}
		})
	}
}

// 429 and 5xx answers are retried, after the Retry-After the log asks for.
func TestTiledLogRetriesTooManyRequests(t *testing.T) {
	l := startLog(t)
	l.submit(t, 5, "r")
	var refused atomic.Int32
	tl := tiledFront(t, l, func(w http.ResponseWriter, r *http.Request, _ []byte) bool {
		if refused.Add(1) > 4 {
			return false
		}
		w.Header().Set("Retry-After", "0")
		if refused.Load()%2 == 0 {
			w.WriteHeader(http.StatusTooManyRequests)
		} else {
			w.WriteHeader(http.StatusBadGateway)
		}
		return true
	})
	tl.attempts = 8
	head := waitHead(t, tl, 5)
	got, err := collect(context.Background(), tl, head, 0, 5)
	if err != nil || len(got) != 5 {
		t.Fatalf("%d entries, %v", len(got), err)
	}
	if refused.Load() <= 4 {
		t.Fatalf("only %d requests", refused.Load())
	}
}

// A front that serves a checkpoint the log really signed, for the same
// size as one already seen but another root, shows a split view: its
// signature verifies, Consistent reports ErrInconsistent, and no entry is
// read under it.
func TestTiledLogCatchesSplitViewCheckpoint(t *testing.T) {
	l := startLog(t)
	real := l.tiled(t)
	l.submit(t, 4, "s")
	seen := waitHead(t, real, 4)
	root := seen.Root
	root[31] ^= 1
	forged, err := l.SignCheckpoint(seen.Size, root, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	tl := tiledFront(t, l, func(w http.ResponseWriter, r *http.Request, _ []byte) bool {
		if r.URL.Path != "/checkpoint" {
			return false
		}
		w.Write(forged)
		return true
	})
	ctx := context.Background()
	other, err := tl.Head(ctx)
	if err != nil {
		t.Fatalf("the forged checkpoint is signed by the log: %v", err)
	}
	if err := tl.Consistent(ctx, seen, other); !errors.Is(err, ErrInconsistent) || !strings.Contains(err.Error(), "two heads of size 4") {
		t.Errorf("Consistent: %v", err)
	}
	if got, err := collect(context.Background(), tl, other, 0, 4); !errors.Is(err, ErrInconsistent) || len(got) != 0 {
		t.Errorf("Entries under the forged head: %d entries, %v", len(got), err)
	}
}

// A log may gzip any answer without being asked; a client whose transport
// does not undo it still reads the log.
func TestTiledLogReadsUnaskedGzip(t *testing.T) {
	l := startLog(t)
	l.submit(t, 5, "z")
	tl := tiledFront(t, l, func(w http.ResponseWriter, r *http.Request, real []byte) bool {
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(gz(real))
		return true
	})
	tr := &http.Transport{DisableCompression: true}
	t.Cleanup(tr.CloseIdleConnections)
	tl.client = &http.Client{Transport: tr}
	head := waitHead(t, tl, 5)
	if got, err := collect(context.Background(), tl, head, 0, 5); err != nil || len(got) != 5 {
		t.Fatalf("%d entries, %v", len(got), err)
	}
}
