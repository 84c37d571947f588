package sealed

import (
	"bytes"
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"

	"github.com/caddyserver/certmagic"
	"golang.org/x/crypto/hkdf"
)

// sealedMagic starts every sealed value, naming the format and version.
var sealedMagic = []byte("devproof-sealed-v1\n")

// ErrUnsealable is wrapped by Load when a stored value is not a sealed value
// under this key, or fails authentication: written by another app, another
// key, or tampered with.
var ErrUnsealable = errors.New("sealed value failed authentication")

// Storage is a certmagic.Storage that seals every value with
// AES-256-GCM before handing it to the wrapped storage. The storage key name
// is the associated data, so a value moved to another key does not open.
//
// A value that does not open is moved aside to quarantine/<key> and
// reported missing (the error matches both fs.ErrNotExist and
// ErrUnsealable): certmagic then obtains a fresh certificate rather than use
// it, and the rejected bytes stay for inspection. Listing, locking, Stat and
// Delete pass through; key names and sizes are not secret.
type Storage struct {
	certmagic.Storage
	// OnQuarantine, when set, is called once for every value that fails to
	// open, after the attempt to move it aside, with the value's key and
	// why it was refused (joined with the move's error if the move
	// failed). It is called from Load's goroutine and must not block.
	// Nil means quarantines are silent; Quarantined still lists them.
	OnQuarantine func(key string, err error)

	aead cipher.AEAD
}

// New seals values for inner under a key derived from secret (at least 32
// bytes, e.g. from the guest agent's GetKey).
func New(inner certmagic.Storage, secret []byte) (*Storage, error) {
	if len(secret) < 32 {
		return nil, fmt.Errorf("sealing secret is %d bytes, want at least 32", len(secret))
	}
	key := make([]byte, 32)
	if _, err := io.ReadFull(hkdf.New(sha256.New, secret, nil, []byte("devproof sealed storage v1")), key); err != nil {
		return nil, err
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return &Storage{Storage: inner, aead: aead}, nil
}

// Store seals value and stores it at key.
func (s *Storage) Store(ctx context.Context, key string, value []byte) error {
	nonce := make([]byte, s.aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return err
	}
	out := append(append(bytes.Clone(sealedMagic), nonce...), s.aead.Seal(nil, nonce, value, []byte(key))...)
	return s.Storage.Store(ctx, key, out)
}

// Load opens the value at key.
func (s *Storage) Load(ctx context.Context, key string) ([]byte, error) {
	raw, err := s.Storage.Load(ctx, key)
	if err != nil {
		return nil, err
	}
	plain, err := s.open(key, raw)
	if err != nil && !strings.HasPrefix(key, quarantinePrefix) {
		// Best effort: if the move fails the value is still refused.
		moveErr := s.Storage.Store(ctx, quarantinePrefix+key, raw)
		if moveErr == nil {
			moveErr = s.Storage.Delete(ctx, key)
		}
		if s.OnQuarantine != nil {
			if moveErr != nil {
				moveErr = fmt.Errorf("moving it to %s: %w", quarantinePrefix+key, moveErr)
			}
			s.OnQuarantine(key, errors.Join(err, moveErr))
		}
	}
	return plain, err
}

// Quarantined lists, sorted, the keys whose values were moved to
// quarantine and are still there (an operator deletes them once
// inspected). No quarantine at all is an empty list.
func (s *Storage) Quarantined(ctx context.Context) ([]string, error) {
	keys, err := s.Storage.List(ctx, strings.TrimSuffix(quarantinePrefix, "/"), true)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("sealed storage: listing quarantine: %w", err)
	}
	var out []string
	for _, k := range keys {
		if info, err := s.Storage.Stat(ctx, k); err == nil && info.IsTerminal {
			out = append(out, strings.TrimPrefix(k, quarantinePrefix))
		}
	}
	slices.Sort(out)
	return out, nil
}

// quarantinePrefix is where values that failed to unseal are moved.
const quarantinePrefix = "quarantine/"

func (s *Storage) open(key string, raw []byte) ([]byte, error) {
	if !bytes.HasPrefix(raw, sealedMagic) || len(raw) < len(sealedMagic)+s.aead.NonceSize()+s.aead.Overhead() {
		return nil, &unsealError{key: key, why: "not a sealed value"}
	}
	raw = raw[len(sealedMagic):]
	n := s.aead.NonceSize()
	plain, err := s.aead.Open(nil, raw[:n], raw[n:], []byte(key))
	if err != nil {
		return nil, &unsealError{key: key, why: "authentication failed (tampered, moved, or sealed by another app)"}
	}
	return plain, nil
}

type unsealError struct{ key, why string }

func (e *unsealError) Error() string {
	return fmt.Sprintf("sealed storage: %q: %s", e.key, e.why)
}

func (e *unsealError) Is(target error) bool {
	return target == ErrUnsealable || target == fs.ErrNotExist
}
