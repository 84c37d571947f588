package attest

import (
	"bytes"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"encoding/json"
	"fmt"
)

// TaggedReportData is dstack's report_data convention:
// sha512(tag + ":" + content). devproof's tags are in internal/evidence.
func TaggedReportData(tag string, content []byte) [64]byte {
	h := sha512.New()
	h.Write([]byte(tag))
	h.Write([]byte{':'})
	h.Write(content)
	var out [64]byte
	copy(out[:], h.Sum(nil))
	return out
}

// IngressReportData is dstack-ingress's evidence binding:
// sha256(sha256sum.txt) followed by 32 zero bytes.
func IngressReportData(sha256sum []byte) [64]byte {
	var out [64]byte
	h := sha256.Sum256(sha256sum)
	copy(out[:], h[:])
	return out
}

// CheckReportData compares a quote's report_data with what it should be.
func CheckReportData(q *Quote, want [64]byte) error {
	if !bytes.Equal(q.ReportData, want[:]) {
		return fmt.Errorf("report_data mismatch: quote has %x, want %x", q.ReportData, want[:])
	}
	return nil
}

// ComposeHash is the hex sha256 of an app-compose.json exactly as given,
// which is what dstack extends into RTMR3 as the compose-hash event. The
// input must be a JSON object; its bytes are hashed unchanged.
func ComposeHash(appCompose []byte) (string, error) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(appCompose, &obj); err != nil {
		return "", fmt.Errorf("app-compose is not a JSON object: %w", err)
	}
	sum := sha256.Sum256(appCompose)
	return hex.EncodeToString(sum[:]), nil
}
