package ctmonitor

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"golang.org/x/crypto/cryptobyte"
	"golang.org/x/mod/sumdb/note"
)

// A static-ct-api checkpoint is a signed note (C2SP signed-note) whose
// text is a tlog-checkpoint: origin, tree size and base64 root hash, one
// per line, and no extension lines. The log signs it with an
// RFC6962NoteSignature (C2SP static-ct-api, "Checkpoints"): a timestamp and
// an RFC 6962 §3.5 digitally-signed TreeHeadSignature.

// sigTypeRFC6962 is the signed-note signature type of an
// RFC6962NoteSignature; it enters the key id.
const sigTypeRFC6962 = 0x05

// checkpointVerifier is the note.Verifier of a static-ct-api log's
// checkpoints. It checks the TreeHeadSignature against the tree size and
// root the note's text states.
type checkpointVerifier struct {
	origin string
	hash   uint32
	key    crypto.PublicKey
}

// newCheckpointVerifier makes the verifier for a log named origin whose
// key is keyDER (a DER SubjectPublicKeyInfo, ECDSA P-256 or RSA).
func newCheckpointVerifier(origin string, keyDER []byte) (*checkpointVerifier, error) {
	key, err := x509.ParsePKIXPublicKey(keyDER)
	if err != nil {
		return nil, fmt.Errorf("log %q: public key: %w", origin, err)
	}
	switch k := key.(type) {
	case *ecdsa.PublicKey:
	case *rsa.PublicKey:
		if k.N.BitLen() < 2048 {
			return nil, fmt.Errorf("log %q: RSA key of %d bits, below 2048", origin, k.N.BitLen())
		}
	default:
		return nil, fmt.Errorf("log %q: public key type %T is not one CT logs use", origin, key)
	}
	if origin == "" || strings.ContainsAny(origin, "\n+ ") {
		return nil, fmt.Errorf("log origin %q is not a valid note name", origin)
	}
	// The key id: sha256(origin || "\n" || 0x05 || log id)[:4], where the
	// log id is sha256 of the SPKI (RFC 6962 §3.2).
	logID := sha256.Sum256(keyDER)
	h := sha256.New()
	h.Write([]byte(origin))
	h.Write([]byte{'\n', sigTypeRFC6962})
	h.Write(logID[:])
	return &checkpointVerifier{origin: origin, hash: binary.BigEndian.Uint32(h.Sum(nil)), key: key}, nil
}

func (v *checkpointVerifier) Name() string    { return v.origin }
func (v *checkpointVerifier) KeyHash() uint32 { return v.hash }

// Verify reports whether sig (the note signature after its key id) is the
// log's RFC6962NoteSignature over the size and root in msg.
func (v *checkpointVerifier) Verify(msg, sig []byte) bool {
	c, err := parseCheckpointText(msg)
	if err != nil || c.origin != v.origin {
		return false
	}
	_, err = v.check(c, sig)
	return err == nil
}

// check verifies sig over c's size and root and returns the signed
// timestamp.
func (v *checkpointVerifier) check(c checkpointText, sig []byte) (time.Time, error) {
	s := cryptobyte.String(sig)
	var ts uint64
	var hashAlg, sigAlg uint8
	var raw cryptobyte.String
	if !s.ReadUint64(&ts) || !s.ReadUint8(&hashAlg) || !s.ReadUint8(&sigAlg) ||
		!s.ReadUint16LengthPrefixed(&raw) || !s.Empty() {
		return time.Time{}, errors.New("malformed RFC6962NoteSignature")
	}
	// RFC 5246 §7.4.1.4.1: hash 4 is SHA-256; signature 1 RSA, 3 ECDSA.
	if hashAlg != 4 {
		return time.Time{}, fmt.Errorf("signature hash algorithm %d, want SHA-256 (4)", hashAlg)
	}
	// TreeHeadSignature (RFC 6962 §3.5): version v1 (0), signature_type
	// tree_hash (1), timestamp, tree_size, sha256_root_hash.
	var b cryptobyte.Builder
	b.AddUint8(0)
	b.AddUint8(1)
	b.AddUint64(ts)
	b.AddUint64(c.size)
	b.AddBytes(c.root[:])
	digest := sha256.Sum256(b.BytesOrPanic())
	switch k := v.key.(type) {
	case *ecdsa.PublicKey:
		if sigAlg != 3 || !ecdsa.VerifyASN1(k, digest[:], raw) {
			return time.Time{}, errors.New("ECDSA signature does not verify")
		}
	case *rsa.PublicKey:
		if sigAlg != 1 || rsa.VerifyPKCS1v15(k, crypto.SHA256, digest[:], raw) != nil {
			return time.Time{}, errors.New("RSA signature does not verify")
		}
	}
	if ts > math.MaxInt64 {
		return time.Time{}, fmt.Errorf("timestamp %d out of range", ts)
	}
	return time.UnixMilli(int64(ts)), nil
}

// checkpointText is a checkpoint's body.
type checkpointText struct {
	origin string
	size   uint64
	root   [32]byte
}

// parseCheckpointText parses a tlog-checkpoint body: exactly three lines,
// since static-ct-api forbids extension lines in checkpoints signed with
// an RFC6962NoteSignature.
func parseCheckpointText(text []byte) (checkpointText, error) {
	lines := strings.SplitAfter(string(text), "\n")
	if len(lines) < 4 || !strings.HasSuffix(string(text), "\n") {
		return checkpointText{}, errors.New("checkpoint has fewer than 3 lines")
	}
	if len(lines) > 4 {
		return checkpointText{}, fmt.Errorf("checkpoint has %d extension lines; static-ct-api allows none", len(lines)-4)
	}
	var c checkpointText
	c.origin = strings.TrimSuffix(lines[0], "\n")
	size := strings.TrimSuffix(lines[1], "\n")
	n, err := strconv.ParseUint(size, 10, 64)
	if err != nil || strconv.FormatUint(n, 10) != size || n >= 1<<63 {
		return checkpointText{}, fmt.Errorf("checkpoint tree size %q is not a decimal number", size)
	}
	c.size = n
	root, err := base64.StdEncoding.Strict().DecodeString(strings.TrimSuffix(lines[2], "\n"))
	if err != nil || len(root) != len(c.root) {
		return checkpointText{}, fmt.Errorf("checkpoint root hash %q is not 32 bytes of base64", strings.TrimSuffix(lines[2], "\n"))
	}
	copy(c.root[:], root)
	return c, nil
}

// verifyCheckpoint checks that raw is a checkpoint of the log named by v,
// signed by its key, and returns it as a TreeHead. logURL names the log in
// errors.
func verifyCheckpoint(logURL string, v *checkpointVerifier, raw []byte) (TreeHead, error) {
	c, err := parseCheckpointText(checkpointBody(raw))
	if err != nil {
		return TreeHead{}, fmt.Errorf("log %s: checkpoint: %w", logURL, err)
	}
	if c.origin != v.origin {
		return TreeHead{}, fmt.Errorf("log %s: checkpoint origin %q, want %q", logURL, c.origin, v.origin)
	}
	n, err := note.Open(raw, note.VerifierList(v))
	if err != nil {
		var unverified *note.UnverifiedNoteError
		var invalid *note.InvalidSignatureError
		switch {
		case errors.As(err, &unverified):
			return TreeHead{}, fmt.Errorf("log %s: checkpoint carries no signature by the log's key (origin %q, key id %08x)", logURL, v.origin, v.hash)
		case errors.As(err, &invalid):
			return TreeHead{}, fmt.Errorf("log %s: checkpoint signature by the log's key does not verify", logURL)
		}
		return TreeHead{}, fmt.Errorf("log %s: checkpoint is not a signed note: %w", logURL, err)
	}
	var ts time.Time
	for _, s := range n.Sigs {
		if s.Name != v.origin || s.Hash != v.hash {
			continue
		}
		sig, err := base64.StdEncoding.DecodeString(s.Base64)
		if err != nil || len(sig) < 4 {
			return TreeHead{}, fmt.Errorf("log %s: checkpoint signature is not base64", logURL)
		}
		if ts, err = v.check(c, sig[4:]); err != nil {
			return TreeHead{}, fmt.Errorf("log %s: checkpoint signature: %w", logURL, err)
		}
	}
	return TreeHead{Size: c.size, Root: c.root, Timestamp: ts, Signed: bytes.Clone(raw)}, nil
}

// checkpointBody is the text of a signed note: everything up to and
// including the blank line's preceding newline.
func checkpointBody(raw []byte) []byte {
	i := bytes.LastIndex(raw, []byte("\n\n"))
	if i < 0 {
		return raw
	}
	return raw[:i+1]
}
