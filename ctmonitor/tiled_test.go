package ctmonitor

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
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

// collect reads [start, end) under head.
func collect(tl *TiledLog, head TreeHead, start, end uint64) ([]Entry, error) {
	var got []Entry
	err := tl.Entries(context.Background(), head, start, end, func(e Entry) error {
		got = append(got, e)
		return nil
	})
	return got, err
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
	got, err := collect(tl, head2, 0, 300)
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
	part, err := collect(tl, head2, 250, 260)
	if err != nil || len(part) != 10 || part[0].Index != 250 || part[9].Index != 259 {
		t.Fatalf("entries [250, 260): %d, %v", len(part), err)
	}
	// Entries under the older head read its partial tile.
	old, err := collect(tl, head1, 0, head1.Size)
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
	noPartial := front(t, l, func(w http.ResponseWriter, r *http.Request, _ []byte) bool {
		if strings.HasSuffix(r.URL.Path, fmt.Sprintf(".p/%d", head1.Size)) {
			http.NotFound(w, r)
			return true
		}
		return false
	})
	old, err = collect(noPartial, head1, 0, head1.Size)
	if err != nil || uint64(len(old)) != head1.Size {
		t.Fatalf("entries under the head of size %d without partial tiles: %d, %v", head1.Size, len(old), err)
	}
	if err := noPartial.Consistent(context.Background(), head1, head2); err != nil {
		t.Fatalf("consistent heads without partial tiles: %v", err)
	}
}
