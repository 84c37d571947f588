package ctmonitor

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"math/bits"
	"net/http"
	"slices"
	"time"

	ct "github.com/google/certificate-transparency-go"
	"github.com/google/certificate-transparency-go/client"
	"github.com/google/certificate-transparency-go/jsonclient"
	cttls "github.com/google/certificate-transparency-go/tls"
	"github.com/transparency-dev/merkle/compact"
	"github.com/transparency-dev/merkle/proof"
	"github.com/transparency-dev/merkle/rfc6962"
	"golang.org/x/sync/errgroup"

	"github.com/devproof/devproof/internal/retry"
)

// RFC6962Log reads an RFC 6962 log through its get-sth, get-entries,
// get-sth-consistency and get-proof-by-hash endpoints, and believes none of
// them: tree heads must carry the log key's signature, entries are hashed
// into a signed root before anyone sees them, and successive heads are
// joined by consistency proofs. It is safe for concurrent use.
//
// Entries verifies [start, end) against a head of size N without reading
// [0, start): the inclusion proof of entry start (get-proof-by-hash, else
// get-entry-and-proof) is checked against the head's root, and its left
// siblings are the compact range of [0, start). The entries are appended
// to that range batch by batch; after each batch [a, b) the range's root,
// the root of the tree of size b, must be proven a prefix of the head by a
// consistency proof (b, N), or equal its root when b = N. Resuming from a
// stored position thus costs one inclusion proof, plus one consistency
// proof per batch, whatever the log's size.
type RFC6962Log struct {
	url      string
	lc       *client.LogClient
	verifier *ct.SignatureVerifier

	// batch is how many entries one get-entries batch asks for, and
	// workers how many batches are fetched at once.
	batch, workers int
	// backoff paces retries after 429s, 5xx and network errors; attempts
	// caps them.
	backoff  retry.Backoff
	attempts int
}

// NewRFC6962Log returns a client for the log at url (its prefix, before
// "ct/v1/"), whose public key is keyDER (SubjectPublicKeyInfo). client nil
// means http.DefaultClient.
func NewRFC6962Log(url string, keyDER []byte, client *http.Client) (*RFC6962Log, error) {
	if client == nil {
		client = http.DefaultClient
	}
	hc := *client
	base := hc.Transport
	if base == nil {
		base = http.DefaultTransport
	}
	hc.Transport = retryAfterTransport{base}
	lc, err := newLogClient(url, &hc, keyDER)
	if err != nil {
		return nil, fmt.Errorf("CT log %s: %w", url, err)
	}
	if lc.Verifier == nil {
		return nil, fmt.Errorf("CT log %s: no public key", url)
	}
	return &RFC6962Log{
		url: url, lc: lc, verifier: lc.Verifier,
		batch: 256, workers: 4,
		backoff: retry.Backoff{Base: time.Second, Max: time.Minute}, attempts: 8,
	}, nil
}

func newLogClient(url string, hc *http.Client, keyDER []byte) (*client.LogClient, error) {
	return client.New(url, hc, jsonclient.Options{PublicKeyDER: keyDER, UserAgent: "devproof-ctmonitor"})
}

// URL is the log's prefix as given.
func (l *RFC6962Log) URL() string { return l.url }

// Head fetches get-sth and checks its signature against the log's key.
func (l *RFC6962Log) Head(ctx context.Context) (TreeHead, error) {
	var resp ct.GetSTHResponse
	var body []byte
	err := l.call(ctx, "get-sth", func(ctx context.Context) error {
		_, b, err := l.lc.GetAndParse(ctx, ct.GetSTHPath, nil, &resp)
		body = b
		return err
	})
	if err != nil {
		return TreeHead{}, err
	}
	sth, err := resp.ToSignedTreeHead()
	if err != nil {
		return TreeHead{}, fmt.Errorf("CT log %s: get-sth: malformed tree head: %w", l.url, err)
	}
	if err := l.verifier.VerifySTHSignature(*sth); err != nil {
		return TreeHead{}, fmt.Errorf("CT log %s: get-sth: tree head of size %d: signature does not verify with the log's key: %w", l.url, sth.TreeSize, err)
	}
	return TreeHead{
		Size:      sth.TreeSize,
		Root:      sth.SHA256RootHash,
		Timestamp: time.UnixMilli(int64(sth.Timestamp)).UTC(),
		Signed:    bytes.Clone(body),
	}, nil
}

// Consistent checks old against new with get-sth-consistency, or by
// comparing roots when the sizes are equal.
func (l *RFC6962Log) Consistent(ctx context.Context, old, new TreeHead) error {
	switch {
	case old.Size > new.Size:
		return fmt.Errorf("CT log %s: tree head of size %d cannot be a prefix of one of size %d", l.url, old.Size, new.Size)
	case old.Size == new.Size:
		if old.Root != new.Root {
			return fmt.Errorf("CT log %s: two tree heads of size %d with roots %x and %x: %w", l.url, old.Size, old.Root, new.Root, ErrInconsistent)
		}
		return nil
	case old.Size == 0:
		if old.Root != sha256.Sum256(nil) {
			return fmt.Errorf("CT log %s: tree head of size 0 has root %x, not the empty hash: %w", l.url, old.Root, ErrInconsistent)
		}
		return nil
	}
	p, err := l.consistencyProof(ctx, old.Size, new.Size)
	if err != nil {
		return err
	}
	if err := proof.VerifyConsistency(rfc6962.DefaultHasher, old.Size, new.Size, p, old.Root[:], new.Root[:]); err != nil {
		return l.proofError(fmt.Sprintf("consistency proof from size %d to %d", old.Size, new.Size), err)
	}
	return nil
}

func (l *RFC6962Log) consistencyProof(ctx context.Context, first, second uint64) ([][]byte, error) {
	var p [][]byte
	err := l.call(ctx, fmt.Sprintf("get-sth-consistency %d %d", first, second), func(ctx context.Context) (err error) {
		p, err = l.lc.GetSTHConsistency(ctx, first, second)
		return err
	})
	return p, err
}

// proofError wraps a failed proof: a proof of the right shape that leads to
// another root means the log contradicts its signed head; a proof of the
// wrong shape proves nothing either way.
func (l *RFC6962Log) proofError(what string, err error) error {
	var mismatch proof.RootMismatchError
	if errors.As(err, &mismatch) {
		return fmt.Errorf("CT log %s: %s: %v: %w", l.url, what, err, ErrInconsistent)
	}
	return fmt.Errorf("CT log %s: %s is malformed: %w", l.url, what, err)
}

// batchResult is one fetched batch [a, b): its entries' leaf inputs and
// hashes, the consistency proof (b, head.Size), and for the first batch
// when a > 0 the compact range [0, a).
type batchResult struct {
	a, b   uint64
	leaves [][]byte
	hashes [][32]byte
	proof  [][]byte
	left   *compact.Range
	err    error
}

var rangeFactory = compact.RangeFactory{Hash: rfc6962.DefaultHasher.HashChildren}

// Entries fetches [start, end) in batches, up to workers batches at a time,
// and hands each batch to fn, in order, only once it is proven part of head.
func (l *RFC6962Log) Entries(ctx context.Context, head TreeHead, start, end uint64, fn func(Entry) error) error {
	if start > end || end > head.Size {
		return fmt.Errorf("CT log %s: entries [%d, %d) are not within the tree head of size %d", l.url, start, end, head.Size)
	}
	if start == end {
		return nil
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	g, gctx := errgroup.WithContext(ctx)
	// Each batch holds a slot from fetch until delivery, so at most workers
	// batches are in memory; futures queue in order.
	slots := make(chan struct{}, l.workers)
	futures := make(chan chan batchResult, l.workers)
	g.Go(func() error {
		defer close(futures)
		for a := start; a < end; a = min(a+uint64(l.batch), end) {
			b := min(a+uint64(l.batch), end)
			select {
			case slots <- struct{}{}:
			case <-gctx.Done():
				return nil
			}
			fut := make(chan batchResult, 1)
			futures <- fut // never blocks: futures has as many places as slots
			g.Go(func() error {
				fut <- l.fetchBatch(gctx, head, start, a, b)
				return nil
			})
		}
		return nil
	})
	err := l.deliver(ctx, head, start, end, futures, slots, fn)
	cancel()
	g.Wait()
	return err
}

func (l *RFC6962Log) deliver(ctx context.Context, head TreeHead, start, end uint64, futures chan chan batchResult, slots chan struct{}, fn func(Entry) error) error {
	var rng *compact.Range
	next := start
	for fut := range futures {
		var r batchResult
		select {
		case r = <-fut:
		case <-ctx.Done():
			return fmt.Errorf("CT log %s: entries from %d: %w", l.url, next, ctx.Err())
		}
		<-slots
		if r.err != nil {
			return r.err
		}
		if rng == nil {
			rng = rangeFactory.NewEmptyRange(0)
			if r.left != nil {
				rng = r.left
			}
		}
		for _, h := range r.hashes {
			if err := rng.Append(h[:], nil); err != nil {
				return fmt.Errorf("CT log %s: entry %d: %w", l.url, rng.End(), err)
			}
		}
		root, err := rng.GetRootHash(nil)
		if err != nil {
			return fmt.Errorf("CT log %s: entries [%d, %d): %w", l.url, r.a, r.b, err)
		}
		if r.b == head.Size {
			if !bytes.Equal(root, head.Root[:]) {
				return fmt.Errorf("CT log %s: entries [%d, %d) lead to root %x, not the tree head's %x (size %d): %w", l.url, r.a, r.b, root, head.Root, head.Size, ErrInconsistent)
			}
		} else if err := proof.VerifyConsistency(rfc6962.DefaultHasher, r.b, head.Size, r.proof, root, head.Root[:]); err != nil {
			return l.proofError(fmt.Sprintf("entries [%d, %d) against the tree head of size %d", r.a, r.b, head.Size), err)
		}
		for i, leaf := range r.leaves {
			e, err := parseLeaf(leaf)
			if err != nil {
				return fmt.Errorf("CT log %s: entry %d: %w", l.url, r.a+uint64(i), err)
			}
			e.Index, e.LeafHash = r.a+uint64(i), r.hashes[i]
			if err := fn(e); err != nil {
				return err
			}
		}
		next = r.b
	}
	if next != end {
		return fmt.Errorf("CT log %s: entries from %d: %w", l.url, next, context.Cause(ctx))
	}
	return nil
}

// fetchBatch reads [a, b), continuing where the log stopped when it sends
// fewer entries than asked, and the proofs that deliver needs.
func (l *RFC6962Log) fetchBatch(ctx context.Context, head TreeHead, start, a, b uint64) batchResult {
	r := batchResult{a: a, b: b}
	for pos := a; pos < b; {
		what := fmt.Sprintf("get-entries %d %d", pos, b-1)
		var resp *ct.GetEntriesResponse
		err := l.call(ctx, what, func(ctx context.Context) (err error) {
			resp, err = l.lc.GetRawEntries(ctx, int64(pos), int64(b-1))
			return err
		})
		if err != nil {
			r.err = err
			return r
		}
		n := uint64(len(resp.Entries))
		if n == 0 {
			r.err = fmt.Errorf("CT log %s: %s: no entries, though the tree head of size %d covers them", l.url, what, head.Size)
			return r
		}
		if n > b-pos {
			r.err = fmt.Errorf("CT log %s: %s: %d entries, more than the %d asked for", l.url, what, n, b-pos)
			return r
		}
		for _, e := range resp.Entries {
			r.leaves = append(r.leaves, e.LeafInput)
			r.hashes = append(r.hashes, leafHash(e.LeafInput))
		}
		pos += n
	}
	if a == start && a > 0 {
		if r.left, r.err = l.leftRange(ctx, head, a, r.hashes[0]); r.err != nil {
			return r
		}
	}
	if b < head.Size {
		r.proof, r.err = l.consistencyProof(ctx, b, head.Size)
	}
	return r
}

func leafHash(leafInput []byte) [32]byte {
	var h [32]byte
	copy(h[:], rfc6962.DefaultHasher.HashLeaf(leafInput))
	return h
}

// leftRange is the compact range [0, index) taken from the inclusion proof
// of the entry at index (whose leaf hash is hash) once the proof leads to
// head's root.
func (l *RFC6962Log) leftRange(ctx context.Context, head TreeHead, index uint64, hash [32]byte) (*compact.Range, error) {
	what := fmt.Sprintf("get-proof-by-hash for entry %d", index)
	var byHash *ct.GetProofByHashResponse
	err := l.call(ctx, what, func(ctx context.Context) (err error) {
		byHash, err = l.lc.GetProofByHash(ctx, hash[:], head.Size)
		return err
	})
	var path [][]byte
	if err == nil && byHash.LeafIndex >= 0 && uint64(byHash.LeafIndex) == index {
		path = byHash.AuditPath
	} else {
		// The same leaf logged twice, or no get-proof-by-hash: ask by index.
		first := err
		if first == nil {
			first = fmt.Errorf("CT log %s: %s: proof is for entry %d", l.url, what, byHash.LeafIndex)
		}
		var byIndex *ct.GetEntryAndProofResponse
		err = l.call(ctx, fmt.Sprintf("get-entry-and-proof %d %d", index, head.Size), func(ctx context.Context) (err error) {
			byIndex, err = l.lc.GetEntryAndProof(ctx, index, head.Size)
			return err
		})
		if err != nil {
			return nil, errors.Join(first, err)
		}
		if leafHash(byIndex.LeafInput) != hash {
			return nil, fmt.Errorf("CT log %s: get-entry-and-proof %d: entry differs from get-entries': %w", l.url, index, ErrInconsistent)
		}
		path = byIndex.AuditPath
	}
	if err := proof.VerifyInclusion(rfc6962.DefaultHasher, index, head.Size, hash[:], path, head.Root[:]); err != nil {
		return nil, l.proofError(fmt.Sprintf("inclusion proof of entry %d in the tree head of size %d", index, head.Size), err)
	}
	// Below the level where the paths to index and to the last entry part,
	// the proof holds a left sibling wherever index has a 1 bit; above it,
	// only left siblings. Those siblings, highest first, are [0, index).
	inner := bits.Len64(index ^ (head.Size - 1))
	var left [][]byte
	for i, h := range path {
		if i >= inner || index>>uint(i)&1 == 1 {
			left = append(left, h)
		}
	}
	slices.Reverse(left)
	rng, err := rangeFactory.NewRange(0, index, left)
	if err != nil {
		return nil, fmt.Errorf("CT log %s: inclusion proof of entry %d: %w", l.url, index, err)
	}
	return rng, nil
}

// parseLeaf reads a MerkleTreeLeaf (RFC 6962 §3.4). Only the leaf is
// parsed: extra_data is not covered by the tree, so a log that mangles it
// cannot stop the monitor.
func parseLeaf(leafInput []byte) (Entry, error) {
	var leaf ct.MerkleTreeLeaf
	rest, err := cttls.Unmarshal(leafInput, &leaf)
	if err != nil {
		return Entry{}, fmt.Errorf("malformed leaf_input: %w", err)
	}
	if len(rest) > 0 {
		return Entry{}, fmt.Errorf("malformed leaf_input: %d trailing bytes", len(rest))
	}
	if leaf.Version != ct.V1 || leaf.LeafType != ct.TimestampedEntryLeafType || leaf.TimestampedEntry == nil {
		return Entry{}, fmt.Errorf("leaf_input: unknown version %d or leaf type %d", leaf.Version, leaf.LeafType)
	}
	te := leaf.TimestampedEntry
	e := Entry{Timestamp: time.UnixMilli(int64(te.Timestamp)).UTC()}
	switch te.EntryType {
	case ct.X509LogEntryType:
		if te.X509Entry == nil {
			return Entry{}, errors.New("leaf_input: X.509 entry without a certificate")
		}
		e.Cert = te.X509Entry.Data
	case ct.PrecertLogEntryType:
		if te.PrecertEntry == nil {
			return Entry{}, errors.New("leaf_input: precertificate entry without a TBSCertificate")
		}
		e.Precert, e.Cert = true, te.PrecertEntry.TBSCertificate
	default:
		return Entry{}, fmt.Errorf("leaf_input: unknown entry type %d", te.EntryType)
	}
	return e, nil
}

// call runs op with retries on 429, 5xx and network errors, waiting at
// least as long as a Retry-After header asks; other failures are final.
func (l *RFC6962Log) call(ctx context.Context, what string, op func(context.Context) error) error {
	attempt := 0
	err := retry.Do(ctx, l.backoff, func(ctx context.Context) error {
		attempt++
		ra := new(retryWait)
		err := op(context.WithValue(ctx, retryAfterKey{}, ra))
		if err == nil {
			return nil
		}
		var rsp jsonclient.RspError
		transient := !errors.As(err, &rsp) || rsp.StatusCode == http.StatusTooManyRequests || rsp.StatusCode >= 500
		if ctx.Err() != nil {
			transient = false
		}
		err = describe(err)
		if !transient || attempt >= l.attempts {
			return retry.Permanent(err)
		}
		if ra.wait > 0 {
			t := time.NewTimer(ra.wait)
			defer t.Stop()
			select {
			case <-t.C:
			case <-ctx.Done():
				return retry.Permanent(err)
			}
		}
		return err
	}, nil)
	if err != nil {
		return fmt.Errorf("CT log %s: %s: %w", l.url, what, err)
	}
	return nil
}

// describe adds the start of the log's reply to a failed response.
func describe(err error) error {
	var rsp jsonclient.RspError
	if !errors.As(err, &rsp) {
		return err
	}
	body := rsp.Body
	if len(body) > 200 {
		body = body[:200]
	}
	if rsp.StatusCode == http.StatusOK {
		return fmt.Errorf("malformed reply: %w: %q", err, body)
	}
	return fmt.Errorf("%w: %q", err, bytes.TrimSpace(body))
}

type retryAfterKey struct{}

// retryWait holds the wait a response's Retry-After asked for.
type retryWait struct{ wait time.Duration }

// retryAfterTransport records a response's Retry-After (RFC 9110 §10.2.3)
// for call, since the log client does not pass headers on.
type retryAfterTransport struct{ base http.RoundTripper }

func (t retryAfterTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.base.RoundTrip(req)
	if err != nil {
		return resp, err
	}
	ra, ok := req.Context().Value(retryAfterKey{}).(*retryWait)
	if !ok {
		return resp, nil
	}
	if d, ok := retryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
		ra.wait = d
	}
	return resp, nil
}
