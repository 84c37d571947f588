package revocation

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"errors"
	"math/big"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
	"golang.org/x/crypto/ocsp"

	"github.com/devproof/devproof/internal/localca"
)

// localCA issues a leaf with a CRL distribution point on loopback and
// answers with whatever CRL the test sets.
type localCA struct {
	root    *x509.Certificate
	key     *ecdsa.PrivateKey
	leaf    *x509.Certificate
	srv     *httptest.Server
	mu      sync.Mutex
	crl     []byte
	fetches atomic.Int32
}

func newCA(t *testing.T) *localCA {
	t.Helper()
	ca := &localCA{}
	ca.key, _ = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "devproof test CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
	}
	der, _ := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &ca.key.PublicKey, ca.key)
	ca.root, _ = x509.ParseCertificate(der)
	ca.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ca.fetches.Add(1)
		ca.mu.Lock()
		defer ca.mu.Unlock()
		w.Write(ca.crl)
	}))
	t.Cleanup(ca.srv.Close)
	lk, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	ltmpl := &x509.Certificate{
		SerialNumber: big.NewInt(4242), Subject: pkix.Name{CommonName: "source.devproof.test"},
		DNSNames: []string{"source.devproof.test"}, NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		CRLDistributionPoints: []string{ca.srv.URL + "/crl"},
	}
	der, _ = x509.CreateCertificate(rand.Reader, ltmpl, ca.root, &lk.PublicKey, ca.key)
	ca.leaf, _ = x509.ParseCertificate(der)
	ca.setCRL(t, ca.key, time.Now().Add(-time.Minute), time.Now().Add(time.Hour), nil)
	return ca
}

func (ca *localCA) setCRL(t *testing.T, signer crypto.Signer, this, next time.Time, revoked []x509.RevocationListEntry) {
	t.Helper()
	ca.serveCRL(t, signer, &x509.RevocationList{
		Number: big.NewInt(time.Now().UnixNano()), ThisUpdate: this, NextUpdate: next, RevokedCertificateEntries: revoked,
	})
}

func (ca *localCA) serveCRL(t *testing.T, signer crypto.Signer, tmpl *x509.RevocationList) {
	t.Helper()
	der, err := x509.CreateRevocationList(rand.Reader, tmpl, ca.root, signer)
	if err != nil {
		t.Fatal(err)
	}
	ca.mu.Lock()
	ca.crl = der
	ca.mu.Unlock()
}

// idpExtension is an IssuingDistributionPoint (RFC 5280 §5.2.5) naming uri
// with the fields given by their context tag, in ascending order: 3 is
// onlySomeReasons, the others are booleans set true (1 onlyContainsUserCerts,
// 2 onlyContainsCACerts, 4 indirectCRL, 5 onlyContainsAttributeCerts).
func idpExtension(uri string, fields ...uint8) pkix.Extension {
	b := cryptobyte.NewBuilder(nil)
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		if uri != "" {
			b.AddASN1(cbasn1.Tag(0).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) {
				b.AddASN1(cbasn1.Tag(0).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) {
					b.AddASN1(cbasn1.Tag(6).ContextSpecific(), func(b *cryptobyte.Builder) { b.AddBytes([]byte(uri)) })
				})
			})
		}
		for _, f := range fields {
			value := []byte{0xff}
			if f == 3 {
				value = []byte{0x07, 0x80} // BIT STRING: keyCompromise only
			}
			b.AddASN1(cbasn1.Tag(f).ContextSpecific(), func(b *cryptobyte.Builder) { b.AddBytes(value) })
		}
	})
	return pkix.Extension{Id: asn1.ObjectIdentifier{2, 5, 29, 28}, Critical: true, Value: b.BytesOrPanic()}
}

// A CRL must cover the certificate it is consulted for: its issuing
// distribution point, if any, names the URL it came from, and it is a
// complete CRL for end-entity certificates and every reason. A CRL number
// never goes back.
func TestCRLScope(t *testing.T) {
	ctx := context.Background()
	ca := newCA(t)
	url := ca.leaf.CRLDistributionPoints[0]
	window := func(ext ...pkix.Extension) *x509.RevocationList {
		return &x509.RevocationList{Number: big.NewInt(10), ThisUpdate: time.Now().Add(-time.Minute), NextUpdate: time.Now().Add(time.Hour), ExtraExtensions: ext}
	}
	ca.serveCRL(t, ca.key, window(idpExtension(url, 1)))
	if _, err := (&Checker{}).Check(ctx, ca.leaf, ca.root, nil); err != nil {
		t.Errorf("a shard naming its own URL, user certificates only: %v", err)
	}
	for _, tc := range []struct {
		name string
		ext  pkix.Extension
		want string
	}{
		{"another shard", idpExtension("http://crl.example/other.crl"), "is for another distribution point [http://crl.example/other.crl]"},
		{"CA certificates only", idpExtension(url, 2), "covers CA certificates only"},
		{"some reasons", idpExtension(url, 3), "covers only some revocation reasons"},
		{"indirect", idpExtension(url, 4), "indirect CRL"},
		{"attribute certificates only", idpExtension(url, 5), "attribute certificates only"},
		{"garbage", pkix.Extension{Id: asn1.ObjectIdentifier{2, 5, 29, 28}, Value: []byte{0x30, 0x03, 0x01}}, "issuing distribution point"},
		{"delta CRL", pkix.Extension{Id: asn1.ObjectIdentifier{2, 5, 29, 27}, Critical: true, Value: []byte{0x02, 0x01, 0x05}}, "delta CRL"},
	} {
		ca.serveCRL(t, ca.key, window(tc.ext))
		_, err := (&Checker{}).Check(ctx, ca.leaf, ca.root, nil)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), url) {
			t.Errorf("%s: %v, want %q naming the CRL URL", tc.name, err, tc.want)
		}
	}

	// Number 10 is cached; once it expires, number 9 is a replay.
	now := time.Now()
	c := &Checker{Now: func() time.Time { return now }}
	ca.serveCRL(t, ca.key, window())
	if _, err := c.Check(ctx, ca.leaf, ca.root, nil); err != nil {
		t.Fatal(err)
	}
	older := window()
	older.Number, older.NextUpdate = big.NewInt(9), now.Add(3*time.Hour)
	ca.serveCRL(t, ca.key, older)
	now = now.Add(2 * time.Hour)
	if _, err := c.Check(ctx, ca.leaf, ca.root, nil); err == nil || !strings.Contains(err.Error(), "goes back: number 9 after 10") {
		t.Errorf("older CRL after a newer one: %v", err)
	}
}

func (ca *localCA) staple(t *testing.T, status int, responder *x509.Certificate, key crypto.Signer, this, next time.Time) []byte {
	t.Helper()
	signer := responder
	if signer == nil {
		signer = ca.root // the issuer signs its own responses
	}
	b, err := ocsp.CreateResponse(ca.root, signer, ocsp.Response{
		Status: status, SerialNumber: ca.leaf.SerialNumber, ThisUpdate: this, NextUpdate: next,
		RevokedAt: this, Certificate: responder,
	}, key)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestCRL(t *testing.T) {
	ctx := context.Background()
	ca := newCA(t)
	c := &Checker{}
	ev, err := c.Check(ctx, ca.leaf, ca.root, nil)
	if err != nil || ev.Method != "crl" || len(ev.CRLs) != 1 || ev.CRLs[0].Cached {
		t.Fatalf("good CRL: %+v %v", ev, err)
	}
	// Cached until nextUpdate: no second fetch.
	ev, err = c.Check(ctx, ca.leaf, ca.root, nil)
	if err != nil || !ev.CRLs[0].Cached || ca.fetches.Load() != 1 {
		t.Errorf("second check: cached=%v fetches=%d %v", ev.CRLs[0].Cached, ca.fetches.Load(), err)
	}

	for _, tc := range []struct {
		name string
		set  func()
		want string
	}{
		{"revoked", func() {
			ca.setCRL(t, ca.key, time.Now().Add(-time.Minute), time.Now().Add(time.Hour),
				[]x509.RevocationListEntry{{SerialNumber: big.NewInt(4242), RevocationTime: time.Now().Add(-time.Minute), ReasonCode: 1}})
		}, "certificate is revoked"},
		{"bad signature", func() {
			other, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
			ca.setCRL(t, other, time.Now().Add(-time.Minute), time.Now().Add(time.Hour), nil)
		}, "is not signed by the certificate's issuer"},
		{"stale", func() {
			ca.setCRL(t, ca.key, time.Now().Add(-48*time.Hour), time.Now().Add(-time.Hour), nil)
		}, "is stale"},
		{"from the future", func() {
			ca.setCRL(t, ca.key, time.Now().Add(time.Hour), time.Now().Add(2*time.Hour), nil)
		}, "is from the future"},
		{"no nextUpdate", func() {
			der, err := localca.CRLWithoutNextUpdate(ca.root, ca.key, time.Now().Add(-time.Minute))
			if err != nil {
				t.Fatal(err)
			}
			ca.mu.Lock()
			ca.crl = der
			ca.mu.Unlock()
		}, "has no nextUpdate"},
	} {
		tc.set()
		_, err := (&Checker{}).Check(ctx, ca.leaf, ca.root, nil)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), ca.srv.URL) {
			t.Errorf("%s: %v, want %q naming the CRL URL", tc.name, err, tc.want)
		}
		if tc.name == "revoked" && !errors.Is(err, ErrRevoked) {
			t.Errorf("revoked: %v is not ErrRevoked", err)
		}
	}
	// Size bound.
	ca.setCRL(t, ca.key, time.Now().Add(-time.Minute), time.Now().Add(time.Hour), nil)
	if _, err := (&Checker{MaxCRLBytes: 10}).Check(ctx, ca.leaf, ca.root, nil); err == nil || !strings.Contains(err.Error(), "over the 10-byte bound") {
		t.Errorf("size bound: %v", err)
	}
	// Unreachable.
	ca.srv.Close()
	if _, err := (&Checker{}).Check(ctx, ca.leaf, ca.root, nil); err == nil || !strings.Contains(err.Error(), "could not be fetched") || !strings.Contains(err.Error(), ca.srv.URL) {
		t.Errorf("unreachable: %v", err)
	}
}

// An intermediate is looked up in its issuer's CRL, checked against the
// issuer's key, and a CRL may be scoped to CA certificates for it but not
// to end-entity ones.
func TestIntermediate(t *testing.T) {
	ctx := context.Background()
	ca := newCA(t)
	url := ca.srv.URL + "/crl"
	ik, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	itmpl := &x509.Certificate{
		SerialNumber: big.NewInt(77), Subject: pkix.Name{CommonName: "devproof test intermediate"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
		CRLDistributionPoints: []string{url},
	}
	der, _ := x509.CreateCertificate(rand.Reader, itmpl, ca.root, &ik.PublicKey, ca.key)
	inter, _ := x509.ParseCertificate(der)
	window := func(revoked []x509.RevocationListEntry, ext ...pkix.Extension) *x509.RevocationList {
		return &x509.RevocationList{Number: big.NewInt(time.Now().UnixNano()), ThisUpdate: time.Now().Add(-time.Minute), NextUpdate: time.Now().Add(time.Hour),
			RevokedCertificateEntries: revoked, ExtraExtensions: ext}
	}
	ca.serveCRL(t, ca.key, window(nil, idpExtension(url, 2)))
	if ev, err := (&Checker{}).Check(ctx, inter, ca.root, nil); err != nil || ev.Method != "crl" {
		t.Errorf("CA-only CRL for an intermediate: %+v %v", ev, err)
	}
	ca.serveCRL(t, ca.key, window(nil, idpExtension(url, 1)))
	if _, err := (&Checker{}).Check(ctx, inter, ca.root, nil); err == nil || !strings.Contains(err.Error(), "covers end-entity certificates only") {
		t.Errorf("end-entity-only CRL for an intermediate: %v", err)
	}
	ca.serveCRL(t, ca.key, window([]x509.RevocationListEntry{{SerialNumber: big.NewInt(77), RevocationTime: time.Now().Add(-time.Minute)}}))
	if _, err := (&Checker{}).Check(ctx, inter, ca.root, nil); !errors.Is(err, ErrRevoked) {
		t.Errorf("revoked intermediate: %v", err)
	}
	// The intermediate's CRL signed with its own key is not its issuer's.
	ca.serveCRL(t, ik, window(nil))
	if _, err := (&Checker{}).Check(ctx, inter, ca.root, nil); err == nil || !strings.Contains(err.Error(), "not signed by the certificate's issuer") {
		t.Errorf("CRL signed by the intermediate itself: %v", err)
	}
}

// A distribution point with user:password@ is fetched, but evidence and
// errors show it without them.
func TestCRLURLUserinfo(t *testing.T) {
	ca := newCA(t)
	leaf := *ca.leaf
	withUser := strings.Replace(ca.srv.URL, "http://", "http://crl-user:crl-pass@", 1) + "/crl"
	leaf.CRLDistributionPoints = []string{withUser}
	ev, err := (&Checker{}).Check(context.Background(), &leaf, ca.root, nil)
	if err != nil || len(ev.CRLs) != 1 || ev.CRLs[0].URL != ca.srv.URL+"/crl" {
		t.Errorf("evidence %+v %v", ev, err)
	}
	ca.setCRL(t, ca.key, time.Now().Add(-48*time.Hour), time.Now().Add(-time.Hour), nil)
	if _, err := (&Checker{}).Check(context.Background(), &leaf, ca.root, nil); err == nil || strings.Contains(err.Error(), "crl-pass") {
		t.Errorf("stale CRL error shows the password: %v", err)
	}
}

func TestStapledOCSP(t *testing.T) {
	ctx := context.Background()
	ca := newCA(t)
	now := time.Now()
	good := ca.staple(t, ocsp.Good, nil, ca.key, now.Add(-time.Minute), now.Add(time.Hour))
	ev, err := (&Checker{}).Check(ctx, ca.leaf, ca.root, good)
	if err != nil || ev.Method != "crl+ocsp-staple" || ev.OCSP.Status != "good" {
		t.Fatalf("good staple: %+v %v", ev, err)
	}
	revoked := ca.staple(t, ocsp.Revoked, nil, ca.key, now.Add(-time.Minute), now.Add(time.Hour))
	if _, err := (&Checker{}).Check(ctx, ca.leaf, ca.root, revoked); !errors.Is(err, ErrRevoked) || !strings.Contains(err.Error(), "stapled OCSP") {
		t.Errorf("revoked staple: %v", err)
	}
	stale := ca.staple(t, ocsp.Good, nil, ca.key, now.Add(-48*time.Hour), now.Add(-time.Hour))
	if _, err := (&Checker{}).Check(ctx, ca.leaf, ca.root, stale); err == nil || !strings.Contains(err.Error(), "stale") {
		t.Errorf("stale staple: %v", err)
	}
	// A delegated responder without the OCSP-signing EKU is refused.
	rk, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	rtmpl := &x509.Certificate{SerialNumber: big.NewInt(7), Subject: pkix.Name{CommonName: "not a responder"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(time.Hour), ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, _ := x509.CreateCertificate(rand.Reader, rtmpl, ca.root, &rk.PublicKey, ca.key)
	resp, _ := x509.ParseCertificate(der)
	bad := ca.staple(t, ocsp.Good, resp, rk, now.Add(-time.Minute), now.Add(time.Hour))
	if _, err := (&Checker{}).Check(ctx, ca.leaf, ca.root, bad); err == nil || !strings.Contains(err.Error(), "EKU") {
		t.Errorf("responder without EKU: %v", err)
	}
	// Garbage.
	if _, err := (&Checker{}).Check(ctx, ca.leaf, ca.root, []byte("garbage")); err == nil || !strings.Contains(err.Error(), "stapled OCSP response") {
		t.Errorf("garbage staple: %v", err)
	}
}

// No OCSP URL and no CRL is not an error: Method says "none".
func TestNoRevocationInfo(t *testing.T) {
	ca := newCA(t)
	leaf := *ca.leaf
	leaf.CRLDistributionPoints = nil
	leaf.OCSPServer = nil
	ev, err := (&Checker{}).Check(context.Background(), &leaf, ca.root, nil)
	if err != nil || ev.Method != "none" {
		t.Errorf("%+v %v", ev, err)
	}
}
