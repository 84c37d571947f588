package localca

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"time"

	ct "github.com/google/certificate-transparency-go"
	cttls "github.com/google/certificate-transparency-go/tls"
	ctx509 "github.com/google/certificate-transparency-go/x509"
	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
	"golang.org/x/crypto/ocsp"
)

// CA is a root that issues directly and serves its CRL at CRLURL.
type CA struct {
	Root *x509.Certificate
	Key  *ecdsa.PrivateKey
	// CRLURL is where issued certificates say the CRL is.
	CRLURL string

	mu      sync.Mutex
	serial  int64
	revoked []x509.RevocationListEntry
	// crl, when set by SetCRL, is served instead of a fresh one.
	crl []byte
	srv *httptest.Server
}

// New starts a CA with its CRL server on loopback.
func New() (*CA, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{Organization: []string{"devproof"}, CommonName: "devproof local CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().AddDate(1, 0, 0),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageCRLSign | x509.KeyUsageDigitalSignature,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, err
	}
	root, _ := x509.ParseCertificate(der)
	ca := &CA{Root: root, Key: key, serial: 100}
	ca.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, err := ca.currentCRL()
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/pkix-crl")
		w.Write(b)
	}))
	ca.CRLURL = ca.srv.URL + "/crl"
	return ca, nil
}

// Close stops the CRL server.
func (ca *CA) Close() { ca.srv.Close() }

// RootPEM is the root certificate, PEM-encoded.
func (ca *CA) RootPEM() []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: ca.Root.Raw})
}

// Pool trusts only this CA.
func (ca *CA) Pool() *x509.CertPool {
	p := x509.NewCertPool()
	p.AddCert(ca.Root)
	return p
}

// Issue makes a server certificate for hosts (and 127.0.0.1), valid for a
// day, naming the CRL.
func (ca *CA) Issue(hosts ...string) (tls.Certificate, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, err
	}
	tmpl := ca.template(hosts)
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.Root, &key.PublicKey, ca.Key)
	if err != nil {
		return tls.Certificate{}, err
	}
	leaf, _ := x509.ParseCertificate(der)
	return tls.Certificate{Certificate: [][]byte{der, ca.Root.Raw}, PrivateKey: key, Leaf: leaf}, nil
}

// SCTSource logs a precertificate chain and returns its SCT (a CT log).
type SCTSource interface {
	AddPreChain(ctx context.Context, chain [][]byte) (*ct.SignedCertificateTimestamp, error)
}

// Precertificate poison and SCT list extensions (RFC 6962 §3.1, §3.3).
var (
	oidPoison  = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 11129, 2, 4, 3}
	oidSCTList = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 11129, 2, 4, 2}
)

// IssueLogged issues like Issue, but first logs a precertificate to each
// log and embeds their SCTs, as public CAs do.
func (ca *CA) IssueLogged(ctx context.Context, logs []SCTSource, hosts ...string) (tls.Certificate, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, err
	}
	tmpl := ca.template(hosts)
	pre := *tmpl
	pre.ExtraExtensions = []pkix.Extension{{Id: oidPoison, Critical: true, Value: asn1.NullBytes}}
	preDER, err := x509.CreateCertificate(rand.Reader, &pre, ca.Root, &key.PublicKey, ca.Key)
	if err != nil {
		return tls.Certificate{}, err
	}
	var list ctx509.SignedCertificateTimestampList
	for _, l := range logs {
		sct, err := l.AddPreChain(ctx, [][]byte{preDER, ca.Root.Raw})
		if err != nil {
			return tls.Certificate{}, err
		}
		raw, err := cttls.Marshal(*sct)
		if err != nil {
			return tls.Certificate{}, err
		}
		list.SCTList = append(list.SCTList, ctx509.SerializedSCT{Val: raw})
	}
	listBytes, err := cttls.Marshal(list)
	if err != nil {
		return tls.Certificate{}, err
	}
	ext, err := asn1.Marshal(listBytes)
	if err != nil {
		return tls.Certificate{}, err
	}
	final := *tmpl
	final.ExtraExtensions = []pkix.Extension{{Id: oidSCTList, Value: ext}}
	der, err := x509.CreateCertificate(rand.Reader, &final, ca.Root, &key.PublicKey, ca.Key)
	if err != nil {
		return tls.Certificate{}, err
	}
	leaf, _ := x509.ParseCertificate(der)
	return tls.Certificate{Certificate: [][]byte{der, ca.Root.Raw}, PrivateKey: key, Leaf: leaf}, nil
}

// Revoke adds a certificate to the CRL.
func (ca *CA) Revoke(cert *x509.Certificate) {
	ca.mu.Lock()
	defer ca.mu.Unlock()
	ca.revoked = append(ca.revoked, x509.RevocationListEntry{SerialNumber: cert.SerialNumber, RevocationTime: time.Now().Add(-time.Minute), ReasonCode: 1})
}

// template is a day-long server certificate for hosts (and 127.0.0.1)
// naming the CRL, with the next serial.
func (ca *CA) template(hosts []string) *x509.Certificate {
	ca.mu.Lock()
	ca.serial++
	serial := ca.serial
	ca.mu.Unlock()
	now := time.Now().Truncate(time.Second)
	return &x509.Certificate{
		SerialNumber: big.NewInt(serial), Subject: pkix.Name{CommonName: hosts[0]},
		DNSNames: hosts, IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}, NotBefore: now.Add(-time.Hour), NotAfter: now.Add(24 * time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		CRLDistributionPoints: []string{ca.CRLURL},
	}
}

// SetCRL makes the server answer with crl (nil goes back to fresh ones).
func (ca *CA) SetCRL(crl []byte) {
	ca.mu.Lock()
	defer ca.mu.Unlock()
	ca.crl = crl
}

// MakeCRL signs a CRL of the revoked certificates with signer, for the
// given validity window.
func (ca *CA) MakeCRL(signer crypto.Signer, thisUpdate, nextUpdate time.Time) ([]byte, error) {
	ca.mu.Lock()
	revoked := append([]x509.RevocationListEntry(nil), ca.revoked...)
	ca.mu.Unlock()
	return x509.CreateRevocationList(rand.Reader, &x509.RevocationList{
		Number: big.NewInt(time.Now().UnixNano()), ThisUpdate: thisUpdate, NextUpdate: nextUpdate, RevokedCertificateEntries: revoked,
	}, ca.Root, signer)
}

func (ca *CA) currentCRL() ([]byte, error) {
	ca.mu.Lock()
	fixed := ca.crl
	ca.mu.Unlock()
	if fixed != nil {
		return fixed, nil
	}
	return ca.MakeCRL(ca.Key, time.Now().Add(-time.Minute), time.Now().Add(time.Hour))
}

// OCSP signs an OCSP response for cert with the given status (ocsp.Good,
// ocsp.Revoked), valid for an hour, for stapling.
func (ca *CA) OCSP(cert *x509.Certificate, status int) ([]byte, error) {
	now := time.Now()
	b, err := ocsp.CreateResponse(ca.Root, ca.Root, ocsp.Response{
		Status: status, SerialNumber: cert.SerialNumber, ThisUpdate: now.Add(-time.Minute), NextUpdate: now.Add(time.Hour), RevokedAt: now.Add(-time.Minute),
	}, ca.Key)
	if err != nil {
		return nil, fmt.Errorf("signing OCSP response: %w", err)
	}
	return b, nil
}

// CRLWithoutNextUpdate is an empty CRL from issuer, signed with its ECDSA
// P-256 key, with thisUpdate and no nextUpdate: one that RFC 5280
// §5.1.2.5 forbids issuers to make and x509.CreateRevocationList will not,
// for tests of clients that must refuse it.
func CRLWithoutNextUpdate(issuer *x509.Certificate, key *ecdsa.PrivateKey, thisUpdate time.Time) ([]byte, error) {
	ecdsaWithSHA256 := func(b *cryptobyte.Builder) {
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
			b.AddASN1ObjectIdentifier(asn1.ObjectIdentifier{1, 2, 840, 10045, 4, 3, 2})
		})
	}
	tbs := cryptobyte.NewBuilder(nil)
	tbs.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddASN1Int64(1) // v2
		ecdsaWithSHA256(b)
		b.AddBytes(issuer.RawSubject)
		b.AddASN1UTCTime(thisUpdate.UTC())
	})
	tbsDER, err := tbs.Bytes()
	if err != nil {
		return nil, err
	}
	digest := sha256.Sum256(tbsDER)
	sig, err := ecdsa.SignASN1(rand.Reader, key, digest[:])
	if err != nil {
		return nil, err
	}
	crl := cryptobyte.NewBuilder(nil)
	crl.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddBytes(tbsDER)
		ecdsaWithSHA256(b)
		b.AddASN1BitString(sig)
	})
	return crl.Bytes()
}
