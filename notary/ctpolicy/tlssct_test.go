package ctpolicy

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"fmt"
	"strings"
	"testing"
	"time"

	ct "github.com/google/certificate-transparency-go"
	cttls "github.com/google/certificate-transparency-go/tls"
	ctx509 "github.com/google/certificate-transparency-go/x509"
)

// testLog is a CT log key of our own, for SCTs the real lists cannot have:
// ones delivered in the TLS extension for a certificate of our choosing.
type testLog struct {
	key *ecdsa.PrivateKey
	id  [32]byte
	der []byte
}

func newTestLog(t *testing.T) *testLog {
	k, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	der, _ := x509.MarshalPKIXPublicKey(&k.PublicKey)
	return &testLog{key: k, id: sha256.Sum256(der), der: der}
}

func (l *testLog) entry(op, state string) string {
	return fmt.Sprintf(`{"name":%q,"logs":[{"description":"%s log","log_id":%q,"key":%q,"url":"https://ct.invalid/","mmd":86400,"state":{%q:{"timestamp":"2024-01-01T00:00:00Z"}}}]}`,
		op, op, base64.StdEncoding.EncodeToString(l.id[:]), base64.StdEncoding.EncodeToString(l.der), state)
}

// sct signs an X.509 entry for leaf (the TLS-extension form) at ts.
func (l *testLog) sct(t *testing.T, leaf []byte, ts time.Time) []byte {
	c, err := ctx509.ParseCertificate(leaf)
	if ctx509.IsFatal(err) {
		t.Fatal(err)
	}
	mtl, err := ct.MerkleTreeLeafFromChain([]*ctx509.Certificate{c}, ct.X509LogEntryType, uint64(ts.UnixMilli()))
	if err != nil {
		t.Fatal(err)
	}
	s := ct.SignedCertificateTimestamp{SCTVersion: ct.V1, LogID: ct.LogID{KeyID: l.id}, Timestamp: uint64(ts.UnixMilli())}
	input, err := ct.SerializeSCTSignatureInput(s, ct.LogEntry{Leaf: *mtl})
	if err != nil {
		t.Fatal(err)
	}
	h := sha256.Sum256(input)
	sig, err := ecdsa.SignASN1(rand.Reader, l.key, h[:])
	if err != nil {
		t.Fatal(err)
	}
	s.Signature = ct.DigitallySigned{Algorithm: cttls.SignatureAndHashAlgorithm{Hash: cttls.SHA256, Signature: cttls.ECDSA}, Signature: sig}
	raw, err := cttls.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// SCTs from the TLS extension count: two logs by two operators pass, and
// each is verified over the X.509 entry.
func TestTLSExtensionSCTs(t *testing.T) {
	chain, _ := realChain(t)
	a, b, c := newTestLog(t), newTestLog(t), newTestLog(t)
	list, err := ParseLogList([]byte(`{"version":"tls-test","operators":[` + a.entry("Op A", "usable") + "," + b.entry("Op B", "usable") + "," + c.entry("Op C", "retired") + `]}`))
	if err != nil {
		t.Fatal(err)
	}
	ts := time.Date(2025, 7, 8, 0, 0, 0, 0, time.UTC)
	tlsSCTs := [][]byte{a.sct(t, chain[0], ts), b.sct(t, chain[0], ts)}
	r, err := Evaluate(chain, tlsSCTs, list, evalTime)
	if err != nil || !r.OK {
		t.Fatalf("two TLS SCTs: %+v %v", r, err)
	}
	// The embedded SCTs are from logs this list does not know.
	tls := 0
	for _, s := range r.SCTs {
		if s.Source == "tls" && s.Counted {
			tls++
		}
	}
	if tls != 2 {
		t.Errorf("%d TLS SCTs counted", tls)
	}
	// One TLS SCT is not enough; nor is a second from a retired log.
	for name, scts := range map[string][][]byte{
		"one SCT":          {a.sct(t, chain[0], ts)},
		"one from retired": {a.sct(t, chain[0], ts), c.sct(t, chain[0], ts)},
	} {
		r, err := Evaluate(chain, scts, list, evalTime)
		if err != nil || r.OK || !strings.Contains(strings.Join(r.Failures, ";"), "from 1 distinct logs") {
			t.Errorf("%s: %+v %v", name, r.Failures, err)
		}
	}
	// A TLS SCT signed over another certificate does not verify.
	bad := a.sct(t, chain[1], ts)
	r, _ = Evaluate(chain, [][]byte{bad, b.sct(t, chain[0], ts)}, list, evalTime)
	if r.OK || !strings.Contains(r.SCTs[len(r.SCTs)-2].Reason, "signature does not verify") {
		t.Errorf("SCT for another certificate: %+v", r.SCTs)
	}
	if _, err := Evaluate(chain, [][]byte{[]byte("junk")}, list, evalTime); err == nil {
		t.Error("a garbled TLS SCT was accepted")
	}
}
