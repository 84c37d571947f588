package ctmonitor

import (
	"context"
	"time"
)

// TreeHead is a log's signed statement of its tree: a checkpoint for a
// static-ct-api log, an STH for an RFC 6962 log. Only a Log returns one,
// and only once its signature has been checked against the log's key.
type TreeHead struct {
	Size      uint64    `json:"size"`
	Root      [32]byte  `json:"root"`
	Timestamp time.Time `json:"timestamp"`
	// Signed is the head exactly as the log served it (the checkpoint
	// text, or the get-sth JSON), kept as evidence.
	Signed []byte `json:"signed"`
}

// Entry is one log entry, parsed only as far as the monitor needs.
type Entry struct {
	Index uint64
	// LeafHash is the entry's RFC 6962 leaf hash, sha256(0x00 ||
	// MerkleTreeLeaf), as hashed into the tree.
	LeafHash [32]byte
	// Precert is true for a precertificate entry, whose Cert is the
	// TBSCertificate the log signed (poison removed by the log); else Cert
	// is the certificate's DER.
	Precert bool
	Cert    []byte
	// Timestamp is the entry's SCT timestamp.
	Timestamp time.Time

	// names are CheapNames(Cert, Precert) when cheap is set: the logs work
	// them out where entries are read, in parallel, before the monitor
	// matches them one by one.
	names    []string
	namesErr error
	cheap    bool
}

// withNames sets e's cheap names.
func (e *Entry) withNames() {
	e.names, e.namesErr = CheapNames(e.Cert, e.Precert)
	e.cheap = true
}

// Log is one CT log, either protocol. Every method checks what the log
// sends and fails, naming the log and the check, rather than return
// anything unverified.
type Log interface {
	// URL names the log (its submission or monitoring prefix).
	URL() string
	// Head fetches the latest tree head and checks its signature.
	Head(ctx context.Context) (TreeHead, error)
	// Consistent proves that old is a prefix of new (old.Size <=
	// new.Size): a consistency proof for RFC 6962, hash tiles for a tiled
	// log. An error wrapping ErrInconsistent means the log has shown two
	// views; any other error is a failure to check.
	Consistent(ctx context.Context, old, new TreeHead) error
	// Entries calls fn for each entry in [start, end) in order, end <=
	// head.Size. Each entry is hashed into head.Root before fn sees it:
	// an entry that does not fit returns an error wrapping ErrInconsistent,
	// and fn is not called for it or any later one.
	Entries(ctx context.Context, head TreeHead, start, end uint64, fn func(Entry) error) error
}

// ErrInconsistent marks a log that contradicted itself or its own signed
// heads: a possible split view, never a transient failure.
var ErrInconsistent = inconsistent{}

type inconsistent struct{}

func (inconsistent) Error() string { return "log is inconsistent with its signed tree heads" }
