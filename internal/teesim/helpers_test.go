package teesim_test

import (
	"crypto/sha256"
	"io"
	"os"
	"testing"

	"golang.org/x/crypto/hkdf"
)

func readFile(p string) ([]byte, error) { return os.ReadFile(p) }

func hkdfRATLS(t *testing.T, ikm, info []byte) []byte {
	out := make([]byte, 32)
	if _, err := io.ReadFull(hkdf.New(sha256.New, ikm, []byte("RATLS"), info), out); err != nil {
		t.Fatal(err)
	}
	return out
}
