package ctlog

import (
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"time"

	"golang.org/x/crypto/cryptobyte"
	"golang.org/x/mod/sumdb/note"
)

// SignCheckpoint signs, with the log's own key, a checkpoint for any tree
// the caller names, as a log showing a split view would: tests serve it
// beside the real one to see a monitor catch the log.
func (l *Log) SignCheckpoint(size uint64, root [32]byte, at time.Time) ([]byte, error) {
	text := fmt.Sprintf("%s\n%d\n%s\n", l.Origin, size, base64.StdEncoding.EncodeToString(root[:]))
	return note.Sign(&note.Note{Text: text}, &checkpointSigner{l: l, size: size, root: root, at: at})
}

// checkpointSigner makes the RFC6962NoteSignature of C2SP static-ct-api:
// a timestamp and an RFC 6962 §3.5 TreeHeadSignature, under the key id
// sha256(origin || "\n" || 0x05 || log id)[:4].
type checkpointSigner struct {
	l    *Log
	size uint64
	root [32]byte
	at   time.Time
}

func (s *checkpointSigner) Name() string { return s.l.Origin }

func (s *checkpointSigner) KeyHash() uint32 {
	h := sha256.New()
	h.Write([]byte(s.l.Origin))
	h.Write([]byte{'\n', 0x05})
	h.Write(s.l.ID[:])
	return binary.BigEndian.Uint32(h.Sum(nil))
}

func (s *checkpointSigner) Sign([]byte) ([]byte, error) {
	ts := uint64(s.at.UnixMilli())
	var th cryptobyte.Builder
	th.AddUint8(0) // v1
	th.AddUint8(1) // tree_hash
	th.AddUint64(ts)
	th.AddUint64(s.size)
	th.AddBytes(s.root[:])
	msg, err := th.Bytes()
	if err != nil {
		return nil, err
	}
	digest := sha256.Sum256(msg)
	sig, err := ecdsa.SignASN1(rand.Reader, s.l.key, digest[:])
	if err != nil {
		return nil, err
	}
	var b cryptobyte.Builder
	b.AddUint64(ts)
	b.AddUint8(4) // SHA-256
	b.AddUint8(3) // ECDSA
	b.AddUint16LengthPrefixed(func(b *cryptobyte.Builder) { b.AddBytes(sig) })
	return b.Bytes()
}
