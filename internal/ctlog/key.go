package ctlog

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"fmt"
	"time"

	ct "github.com/google/certificate-transparency-go"
	cttls "github.com/google/certificate-transparency-go/tls"
	ctx509 "github.com/google/certificate-transparency-go/x509"
)

// Key is a CT log's key with no log behind it. It signs an SCT for any
// certificate at any time it is given, so tests can make SCTs no honest
// log would: from the future, from a retired log, from a log no list
// names.
type Key struct {
	// DER is the public key (SubjectPublicKeyInfo); ID is its sha256, the
	// log id in SCTs.
	DER  []byte
	ID   [32]byte
	priv *ecdsa.PrivateKey
}

// NewKey makes a P-256 log key.
func NewKey() (*Key, error) {
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	der, err := x509.MarshalPKIXPublicKey(&priv.PublicKey)
	if err != nil {
		return nil, err
	}
	return &Key{DER: der, ID: sha256.Sum256(der), priv: priv}, nil
}

// SCT signs an X.509 entry for the DER certificate at ts and returns the
// SCT serialized as the TLS extension carries it (RFC 6962 §3.2, §3.3).
func (k *Key) SCT(certDER []byte, ts time.Time) ([]byte, error) {
	c, err := ctx509.ParseCertificate(certDER)
	if ctx509.IsFatal(err) {
		return nil, fmt.Errorf("certificate to log: %w", err)
	}
	leaf, err := ct.MerkleTreeLeafFromChain([]*ctx509.Certificate{c}, ct.X509LogEntryType, uint64(ts.UnixMilli()))
	if err != nil {
		return nil, err
	}
	s := ct.SignedCertificateTimestamp{SCTVersion: ct.V1, LogID: ct.LogID{KeyID: k.ID}, Timestamp: uint64(ts.UnixMilli())}
	input, err := ct.SerializeSCTSignatureInput(s, ct.LogEntry{Leaf: *leaf})
	if err != nil {
		return nil, err
	}
	digest := sha256.Sum256(input)
	sig, err := ecdsa.SignASN1(rand.Reader, k.priv, digest[:])
	if err != nil {
		return nil, err
	}
	s.Signature = ct.DigitallySigned{Algorithm: cttls.SignatureAndHashAlgorithm{Hash: cttls.SHA256, Signature: cttls.ECDSA}, Signature: sig}
	return cttls.Marshal(s)
}

// Entry is the key as a log in a loglist3 operator's "logs", in the given
// state ("usable", "retired", …) since the given time.
func (k *Key) Entry(description, state string, since time.Time) string {
	return fmt.Sprintf(`{"description":%q,"log_id":%q,"key":%q,"url":"https://ct.invalid/","mmd":86400,"state":{%q:{"timestamp":%q}}}`,
		description, base64.StdEncoding.EncodeToString(k.ID[:]), base64.StdEncoding.EncodeToString(k.DER), state, since.UTC().Format(time.RFC3339))
}
