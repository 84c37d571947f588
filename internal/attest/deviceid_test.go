package attest

import (
	"bytes"
	"crypto/sha256"
	"encoding/pem"
	"strings"
	"testing"

	"github.com/google/go-tdx-guest/testing/testdata"
)

// The device id of go-tdx-guest's production quote is sha256 of the PPID
// found, byte by byte, after the PPID OID in its PCK certificate.
func TestDeviceID(t *testing.T) {
	got, err := DeviceID(testdata.RawQuote)
	if err != nil {
		t.Fatal(err)
	}
	// OID 1.2.840.113741.1.13.1.1, then OCTET STRING of 16 bytes.
	marker := []byte{0x06, 0x0a, 0x2a, 0x86, 0x48, 0x86, 0xf8, 0x4d, 0x01, 0x0d, 0x01, 0x01, 0x04, 0x10}
	pemStart := bytes.Index(testdata.RawQuote, []byte("-----BEGIN CERTIFICATE-----"))
	if pemStart < 0 {
		t.Fatal("no PEM certificate in the quote")
	}
	block, _ := pem.Decode(testdata.RawQuote[pemStart:])
	i := bytes.Index(block.Bytes, marker)
	if i < 0 {
		t.Fatal("no PPID in the PCK certificate's bytes")
	}
	ppid := block.Bytes[i+len(marker) : i+len(marker)+16]
	if want := sha256.Sum256(ppid); got != want {
		t.Errorf("DeviceID = %x, want sha256(%x) = %x", got, ppid, want)
	}
}

func TestDeviceIDRefuses(t *testing.T) {
	if _, err := DeviceID([]byte("short")); err == nil || !strings.Contains(err.Error(), "too short") {
		t.Errorf("short input: %v", err)
	}
	// Every certificate's PEM header overwritten, lengths unchanged.
	begin := []byte("-----BEGIN CERTIFICATE-----")
	raw := bytes.ReplaceAll(testdata.RawQuote, begin, bytes.Repeat([]byte{'x'}, len(begin)))
	if _, err := DeviceID(raw); err == nil || !strings.Contains(err.Error(), "carries no PCK certificate") {
		t.Errorf("no PEM: %v", err)
	}
}
