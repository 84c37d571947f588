package ingress

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/caddyserver/certmagic"
)

func TestSealedStorage(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	fsStore := &certmagic.FileStorage{Path: dir}
	secret := bytes.Repeat([]byte{7}, 32)
	s, err := NewSealedStorage(fsStore, secret)
	if err != nil {
		t.Fatal(err)
	}
	plain := []byte("-----BEGIN EC PRIVATE KEY-----\nsecret\n")
	if err := s.Store(ctx, "certificates/a/a.key", plain); err != nil {
		t.Fatal(err)
	}
	got, err := s.Load(ctx, "certificates/a/a.key")
	if err != nil || !bytes.Equal(got, plain) {
		t.Fatalf("load = %q, %v", got, err)
	}
	raw, _ := os.ReadFile(filepath.Join(dir, "certificates/a/a.key"))
	if bytes.Contains(raw, []byte("PRIVATE KEY")) || bytes.Contains(raw, []byte("secret")) {
		t.Error("plaintext on disk")
	}

	// Moved to another key: refused and reported missing.
	fsStore.Store(ctx, "certificates/b/b.key", raw)
	_, err = s.Load(ctx, "certificates/b/b.key")
	if !errors.Is(err, fs.ErrNotExist) || !errors.Is(err, ErrUnsealable) || !strings.Contains(err.Error(), "certificates/b/b.key") {
		t.Errorf("moved value: %v", err)
	}
	if fsStore.Exists(ctx, "certificates/b/b.key") || !fsStore.Exists(ctx, "quarantine/certificates/b/b.key") {
		t.Error("refused value was not moved to quarantine")
	}
	// Tampered: one bit.
	tampered := bytes.Clone(raw)
	tampered[len(tampered)-1] ^= 1
	fsStore.Store(ctx, "certificates/a/a.key", tampered)
	if _, err := s.Load(ctx, "certificates/a/a.key"); !errors.Is(err, ErrUnsealable) {
		t.Errorf("tampered value: %v", err)
	}
	// Plaintext written by someone else.
	fsStore.Store(ctx, "certificates/c/c.crt", []byte("-----BEGIN CERTIFICATE-----"))
	if _, err := s.Load(ctx, "certificates/c/c.crt"); !errors.Is(err, ErrUnsealable) {
		t.Errorf("foreign plaintext: %v", err)
	}
	// Sealed by another app's key.
	other, _ := NewSealedStorage(fsStore, bytes.Repeat([]byte{8}, 32))
	other.Store(ctx, "k", []byte("v"))
	if _, err := s.Load(ctx, "k"); !errors.Is(err, ErrUnsealable) {
		t.Errorf("foreign key: %v", err)
	}
	// Missing stays missing, without the unseal error.
	if _, err := s.Load(ctx, "nope"); !errors.Is(err, fs.ErrNotExist) || errors.Is(err, ErrUnsealable) {
		t.Errorf("missing: %v", err)
	}
	if _, err := NewSealedStorage(fsStore, []byte("short")); err == nil {
		t.Error("short secret accepted")
	}
}
