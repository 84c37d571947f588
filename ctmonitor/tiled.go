package ctmonitor

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/mod/sumdb/tlog"
	"golang.org/x/sync/errgroup"

	"github.com/devproof/devproof/internal/retry"
)

// TiledLog is a static-ct-api (C2SP static-ct-api) log read through its
// monitoring prefix: the checkpoint, hash tiles tile/<L>/<N> and data
// tiles tile/data/<N>, N in the tlog path encoding (x001/x234/067), and
// .p/<W> for a partial tile at the right edge. Every entry it returns is
// hashed into a checkpoint it verified, through hash tiles it checked
// against that checkpoint's root; it trusts nothing else the log says.
//
// A TiledLog is safe for concurrent use. It retries 429 and 5xx answers
// and network errors with backoff, honouring Retry-After, a bounded number
// of times; a 404 for a tile the checkpoint says exists is an error.
type TiledLog struct {
	url    string
	keyDER []byte
	client *http.Client

	mu       sync.Mutex
	verifier *checkpointVerifier // nil until the first checkpoint names the origin

	backoff  retry.Backoff
	attempts int // per fetch
	workers  int // data tiles fetched at once
}

var _ Log = (*TiledLog)(nil)

// tileHeight is the static-ct-api tile height: 256 hashes or entries.
const tileHeight = 8

const tileWidth = 1 << tileHeight

// NewTiledLog reads the log at monitoringURL, whose checkpoints name
// origin and are signed by keyDER (a DER SubjectPublicKeyInfo, as in a log
// list). A nil client means http.DefaultClient.
func NewTiledLog(monitoringURL, origin string, keyDER []byte, client *http.Client) (*TiledLog, error) {
	u, err := url.Parse(monitoringURL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("log monitoring URL %q is not an http(s) prefix", monitoringURL)
	}
	var v *checkpointVerifier
	if origin != "" {
		if v, err = newCheckpointVerifier(origin, keyDER); err != nil {
			return nil, fmt.Errorf("log %s: %w", monitoringURL, err)
		}
	} else if _, err := newCheckpointVerifier("origin", keyDER); err != nil {
		return nil, fmt.Errorf("log %s: %w", monitoringURL, err)
	}
	if client == nil {
		client = http.DefaultClient
	}
	if !strings.HasSuffix(monitoringURL, "/") {
		monitoringURL += "/"
	}
	return &TiledLog{
		url: monitoringURL, verifier: v, keyDER: bytes.Clone(keyDER), client: client,
		backoff: retry.Backoff{Base: time.Second, Max: time.Minute}, attempts: 8, workers: 6,
	}, nil
}

// URL is the log's monitoring prefix.
func (l *TiledLog) URL() string { return l.url }

// Head fetches the checkpoint and verifies its origin and signature. A
// log made with no origin takes the first checkpoint's, and holds every
// later one to it: the signature, not the name, is what proves the head.
func (l *TiledLog) Head(ctx context.Context) (TreeHead, error) {
	raw, err := l.fetch(ctx, "checkpoint", 1<<16)
	if err != nil {
		return TreeHead{}, err
	}
	l.mu.Lock()
	v := l.verifier
	l.mu.Unlock()
	if v == nil {
		c, err := parseCheckpointText(checkpointBody(raw))
		if err != nil {
			return TreeHead{}, fmt.Errorf("log %s: checkpoint: %w", l.url, err)
		}
		if v, err = newCheckpointVerifier(c.origin, l.keyDER); err != nil {
			return TreeHead{}, fmt.Errorf("log %s: checkpoint: %w", l.url, err)
		}
		h, err := verifyCheckpoint(l.url, v, raw)
		if err != nil {
			return TreeHead{}, err
		}
		l.mu.Lock()
		if l.verifier == nil {
			l.verifier = v
		}
		l.mu.Unlock()
		return h, nil
	}
	return verifyCheckpoint(l.url, v, raw)
}

// Consistent checks that old is a prefix of new by recomputing old's root
// from new's hash tiles, which are checked against new's root as they are
// read (C2SP tlog-tiles).
func (l *TiledLog) Consistent(ctx context.Context, old, new TreeHead) error {
	switch {
	case old.Size > new.Size:
		return fmt.Errorf("log %s: head of size %d is older than head of size %d", l.url, new.Size, old.Size)
	case old.Size == new.Size:
		if old.Root != new.Root {
			return fmt.Errorf("log %s: two heads of size %d with roots %x and %x: %w", l.url, old.Size, old.Root, new.Root, ErrInconsistent)
		}
		return nil
	case old.Size == 0:
		if old.Root != sha256.Sum256(nil) {
			return fmt.Errorf("log %s: head of size 0 has root %x, not the empty tree's: %w", l.url, old.Root, ErrInconsistent)
		}
		return nil
	}
	tr := l.tileReader(ctx)
	h, err := tlog.TreeHash(int64(old.Size), tlog.TileHashReader(tree(new), tr))
	if err != nil {
		return l.hashError(err, fmt.Sprintf("tree of size %d within the head of size %d", old.Size, new.Size))
	}
	if h != old.Root {
		return fmt.Errorf("log %s: head of size %d has root %x, but the head of size %d has %x at that size: %w",
			l.url, old.Size, old.Root, new.Size, h, ErrInconsistent)
	}
	return nil
}

// Entries reads the data tiles covering [start, end), a few at once, and
// hands fn each entry in order once its leaf hash matches the stored hash
// that head's root commits to. At most a few tiles are held at a time.
func (l *TiledLog) Entries(ctx context.Context, head TreeHead, start, end uint64, fn func(Entry) error) error {
	if start > end || end > head.Size {
		return fmt.Errorf("log %s: entries [%d, %d) are not within the head of size %d", l.url, start, end, head.Size)
	}
	if start == end {
		return nil
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	hr := tlog.TileHashReader(tree(head), l.tileReader(ctx))

	type result struct {
		entries []Entry
		err     error
	}
	// One goroutine queues the tiles in order and starts a reader for
	// each, up to l.workers at once; fn sees entries in queue order, and
	// about 2*l.workers tiles are in memory at most. The deferred Wait
	// ends them all, whatever this function returns.
	queue := make(chan chan result, l.workers)
	var g errgroup.Group
	g.SetLimit(l.workers + 1) // the readers and the one queueing them
	g.Go(func() error {
		defer close(queue)
		for n := start / tileWidth; n <= (end-1)/tileWidth && ctx.Err() == nil; n++ {
			ch := make(chan result, 1)
			select {
			case queue <- ch:
			case <-ctx.Done():
				return nil
			}
			g.Go(func() error {
				es, err := l.dataTileEntries(ctx, hr, head, n, start, end)
				ch <- result{es, err}
				return nil
			})
		}
		return nil
	})
	defer func() {
		cancel()
		_ = g.Wait() // the readers report through their channels
	}()
	for ch := range queue {
		r := <-ch
		for _, e := range r.entries {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := fn(e); err != nil {
				return err
			}
		}
		if r.err != nil {
			return r.err
		}
	}
	return ctx.Err()
}

// dataTileEntries reads data tile n of head, and returns its entries
// within [start, end) up to the first whose leaf hash is not the tree's,
// with an error for that one.
func (l *TiledLog) dataTileEntries(ctx context.Context, hr tlog.HashReader, head TreeHead, n, start, end uint64) ([]Entry, error) {
	first := n * tileWidth
	w := min(head.Size-first, tileWidth)
	leaves, err := l.dataTile(ctx, n, int(w))
	if err != nil {
		return nil, err
	}
	lo, hi := max(start, first), min(end, first+w)
	indexes := make([]int64, 0, hi-lo)
	for i := lo; i < hi; i++ {
		indexes = append(indexes, tlog.StoredHashIndex(0, int64(i)))
	}
	hashes, err := hr.ReadHashes(indexes)
	if err != nil {
		return nil, l.hashError(err, fmt.Sprintf("leaf hashes of entries [%d, %d) in the head of size %d", lo, hi, head.Size))
	}
	entries := make([]Entry, 0, hi-lo)
	for i := lo; i < hi; i++ {
		e := leaves[i-first].entry()
		if want := hashes[i-lo]; e.LeafHash != want {
			return entries, fmt.Errorf("log %s: entry %d: leaf hash %x, but the head of size %d commits to %x: %w",
				l.url, i, e.LeafHash, head.Size, want, ErrInconsistent)
		}
		e.withNames()
		entries = append(entries, e)
	}
	return entries, nil
}

// dataTile fetches and parses data tile n, of width w. A partial tile the
// log no longer serves is read as the prefix of the full one.
func (l *TiledLog) dataTile(ctx context.Context, n uint64, w int) ([]tileLeaf, error) {
	t := tlog.Tile{H: tileHeight, L: -1, N: int64(n), W: w}
	data, err := l.fetch(ctx, tilePath(t), maxTileBytes)
	if errors.Is(err, errNotFound) && w < tileWidth {
		full := t
		full.W = tileWidth
		if data, ferr := l.fetch(ctx, tilePath(full), maxTileBytes); ferr == nil {
			leaves, err := parseDataTile(data, n*tileWidth, tileWidth)
			if err != nil {
				return nil, fmt.Errorf("log %s: %s: %w", l.url, tilePath(full), err)
			}
			return leaves[:w], nil
		}
	}
	if err != nil {
		return nil, err
	}
	leaves, err := parseDataTile(data, n*tileWidth, w)
	if err != nil {
		return nil, fmt.Errorf("log %s: %s: %w", l.url, tilePath(t), err)
	}
	return leaves, nil
}

// hashError explains an error from reading hash tiles: a failed fetch as
// it is, anything else as tiles that do not fit the signed root.
func (l *TiledLog) hashError(err error, what string) error {
	var f *fetchError
	if errors.As(err, &f) {
		return err
	}
	return fmt.Errorf("log %s: hash tiles for the %s do not match its signed root (%v): %w", l.url, what, err, ErrInconsistent)
}

func tree(h TreeHead) tlog.Tree { return tlog.Tree{N: int64(h.Size), Hash: tlog.Hash(h.Root)} }

// tilePath is a tile's path under the monitoring prefix: the tlog path
// without the height, which static-ct-api fixes at 8.
func tilePath(t tlog.Tile) string {
	return "tile/" + strings.TrimPrefix(t.Path(), "tile/"+strconv.Itoa(tileHeight)+"/")
}

// tileReader reads hash tiles for tlog.TileHashReader, which checks them
// against the tree's root. It keeps the tiles above level 0 and those at
// the right edge that it has seen checked, since every read needs them
// again; the cache lives as long as one call.
type tileReader struct {
	ctx context.Context
	l   *TiledLog

	mu    sync.Mutex
	cache map[tlog.Tile][]byte
}

func (l *TiledLog) tileReader(ctx context.Context) *tileReader {
	return &tileReader{ctx: ctx, l: l, cache: map[tlog.Tile][]byte{}}
}

func (r *tileReader) Height() int { return tileHeight }

func (r *tileReader) ReadTiles(tiles []tlog.Tile) ([][]byte, error) {
	out := make([][]byte, len(tiles))
	for i, t := range tiles {
		r.mu.Lock()
		data, ok := r.cache[t]
		r.mu.Unlock()
		if ok {
			out[i] = data
			continue
		}
		data, err := r.read(t)
		if err != nil {
			return nil, err
		}
		out[i] = data
	}
	return out, nil
}

func (r *tileReader) read(t tlog.Tile) ([]byte, error) {
	want := t.W * tlog.HashSize
	data, err := r.l.fetch(r.ctx, tilePath(t), want+1)
	if errors.Is(err, errNotFound) && t.W < tileWidth {
		full := t
		full.W = tileWidth
		if data, err = r.l.fetch(r.ctx, tilePath(full), tileWidth*tlog.HashSize+1); err == nil && len(data) == tileWidth*tlog.HashSize {
			return data[:want], nil
		}
	}
	if err != nil {
		return nil, err
	}
	if len(data) != want {
		return nil, &fetchError{fmt.Errorf("log %s: %s: %d bytes, want %d", r.l.url, tilePath(t), len(data), want)}
	}
	return data, nil
}

// maxCachedTiles bounds a tileReader's cache (8 KiB a tile).
const maxCachedTiles = 512

func (r *tileReader) SaveTiles(tiles []tlog.Tile, data [][]byte) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for i, t := range tiles {
		if t.L == 0 && t.W == tileWidth {
			continue // read once per data tile
		}
		if len(r.cache) >= maxCachedTiles {
			clear(r.cache)
		}
		r.cache[t] = data[i]
	}
}

// fetchError is a failure to get a file from the log, as opposed to a
// file that does not fit what the log signed.
type fetchError struct{ err error }

func (e *fetchError) Error() string { return e.err.Error() }
func (e *fetchError) Unwrap() error { return e.err }

var errNotFound = errors.New("not found")

// fetch GETs path under the log's prefix, at most limit bytes, retrying
// what a retry may fix.
func (l *TiledLog) fetch(ctx context.Context, path string, limit int) ([]byte, error) {
	u := l.url + path
	var body []byte
	attempt := 0
	err := retry.Do(ctx, l.backoff, func(ctx context.Context) error {
		attempt++
		b, retryAfter, err := l.get(ctx, u, limit)
		if err == nil {
			body = b
			return nil
		}
		var p *permanentHTTP
		if errors.As(err, &p) || attempt >= l.attempts {
			return retry.Permanent(err)
		}
		if retryAfter > 0 {
			t := time.NewTimer(min(retryAfter, maxRetryAfter))
			defer t.Stop()
			select {
			case <-ctx.Done():
			case <-t.C:
			}
		}
		return err
	}, nil)
	if err != nil {
		return nil, &fetchError{fmt.Errorf("log %s: %s: %w", l.url, path, err)}
	}
	return body, nil
}

// permanentHTTP is an answer no retry will change.
type permanentHTTP struct{ err error }

func (e *permanentHTTP) Error() string { return e.err.Error() }
func (e *permanentHTTP) Unwrap() error { return e.err }

func (l *TiledLog) get(ctx context.Context, u string, limit int) ([]byte, time.Duration, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, 0, &permanentHTTP{err}
	}
	resp, err := l.client.Do(req)
	if err != nil {
		return nil, 0, err
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusOK:
	case resp.StatusCode == http.StatusNotFound:
		return nil, 0, &permanentHTTP{fmt.Errorf("HTTP 404: %w", errNotFound)}
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
		wait, _ := retryAfter(resp.Header.Get("Retry-After"), time.Now())
		return nil, wait, fmt.Errorf("HTTP %d", resp.StatusCode)
	default:
		return nil, 0, &permanentHTTP{fmt.Errorf("HTTP %d", resp.StatusCode)}
	}
	// static-ct-api logs may gzip without negotiation; the transport
	// undoes it only when it asked for it.
	var body io.Reader = resp.Body
	if strings.EqualFold(resp.Header.Get("Content-Encoding"), "gzip") && !resp.Uncompressed {
		zr, err := gzip.NewReader(resp.Body)
		if err != nil {
			return nil, 0, &permanentHTTP{fmt.Errorf("gzip content encoding: %w", err)}
		}
		body = zr
	}
	// Sized from Content-Length when given, so a tile is read into one
	// buffer rather than grown into it.
	var buf bytes.Buffer
	if n := resp.ContentLength; n > 0 && n <= int64(limit) && body == io.Reader(resp.Body) {
		buf.Grow(int(n) + 1)
	}
	if _, err := buf.ReadFrom(io.LimitReader(body, int64(limit)+1)); err != nil {
		return nil, 0, fmt.Errorf("reading the body: %w", err)
	}
	b := buf.Bytes()
	if len(b) > limit {
		return nil, 0, &permanentHTTP{fmt.Errorf("more than %d bytes", limit)}
	}
	return b, 0, nil
}
