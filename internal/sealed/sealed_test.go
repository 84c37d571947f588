package sealed

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
	s, err := New(fsStore, secret)
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
	other, _ := New(fsStore, bytes.Repeat([]byte{8}, 32))
	other.Store(ctx, "k", []byte("v"))
	if _, err := s.Load(ctx, "k"); !errors.Is(err, ErrUnsealable) {
		t.Errorf("foreign key: %v", err)
	}
	// Missing stays missing, without the unseal error.
	if _, err := s.Load(ctx, "nope"); !errors.Is(err, fs.ErrNotExist) || errors.Is(err, ErrUnsealable) {
		t.Errorf("missing: %v", err)
	}
	if _, err := New(fsStore, []byte("short")); err == nil {
		t.Error("short secret accepted")
	}
}

// FuzzOpen: whatever the host writes in place of a sealed value, opening it
// never panics, and nothing opens except the exact bytes that were sealed.
func FuzzOpen(f *testing.F) {
	s, err := New(&certmagic.FileStorage{Path: f.TempDir()}, bytes.Repeat([]byte{7}, 32))
	if err != nil {
		f.Fatal(err)
	}
	plain := []byte("certificate key")
	nonce := make([]byte, s.aead.NonceSize())
	sealedValue := append(append(bytes.Clone(sealedMagic), nonce...), s.aead.Seal(nil, nonce, plain, []byte("k"))...)
	f.Add(sealedValue)
	f.Add(sealedMagic)
	f.Add([]byte("-----BEGIN EC PRIVATE KEY-----\n"))
	f.Add(append(bytes.Clone(sealedMagic), make([]byte, 28)...))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, raw []byte) {
		got, err := s.open("k", raw)
		if err != nil {
			if !errors.Is(err, ErrUnsealable) || !strings.Contains(err.Error(), `"k"`) {
				t.Fatalf("error %v does not name the key or match ErrUnsealable", err)
			}
			return
		}
		if !bytes.Equal(raw, sealedValue) || !bytes.Equal(got, plain) {
			t.Fatalf("opened a value that was never sealed: %x", raw)
		}
	})
}

// Every value refused is reported once through OnQuarantine, with its key,
// and stays listed by Quarantined until deleted.
func TestQuarantineIsReported(t *testing.T) {
	ctx := context.Background()
	fsStore := &certmagic.FileStorage{Path: t.TempDir()}
	s, err := New(fsStore, bytes.Repeat([]byte{7}, 32))
	if err != nil {
		t.Fatal(err)
	}
	if q, err := s.Quarantined(ctx); err != nil || len(q) != 0 {
		t.Fatalf("empty storage: quarantined %v, %v", q, err)
	}
	var reported []string
	s.OnQuarantine = func(key string, err error) {
		if !errors.Is(err, ErrUnsealable) {
			t.Errorf("%s reported with %v", key, err)
		}
		reported = append(reported, key)
	}
	s.Store(ctx, "certificates/ok/ok.key", []byte("fine"))
	if _, err := s.Load(ctx, "certificates/ok/ok.key"); err != nil {
		t.Fatal(err)
	}
	fsStore.Store(ctx, "certificates/b/b.key", []byte("plain"))
	fsStore.Store(ctx, "acme/a.json", []byte("plain"))
	s.Load(ctx, "certificates/b/b.key")
	s.Load(ctx, "acme/a.json")
	s.Load(ctx, "acme/a.json") // now missing: not reported again
	if strings.Join(reported, ",") != "certificates/b/b.key,acme/a.json" {
		t.Errorf("reported %v", reported)
	}
	q, err := s.Quarantined(ctx)
	if err != nil || strings.Join(q, ",") != "acme/a.json,certificates/b/b.key" {
		t.Errorf("quarantined %v, %v", q, err)
	}
	fsStore.Delete(ctx, "quarantine/acme/a.json")
	if q, _ := s.Quarantined(ctx); strings.Join(q, ",") != "certificates/b/b.key" {
		t.Errorf("after deleting one: quarantined %v", q)
	}
}
