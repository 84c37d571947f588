package ctmonitor

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/hex"
	"fmt"
	"math/big"
	"slices"
	"strings"
	"testing"
	"time"

	ct "github.com/google/certificate-transparency-go"
	ctx509 "github.com/google/certificate-transparency-go/x509"
	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"

	"github.com/devproof/devproof/internal/ctlog"
	"github.com/devproof/devproof/internal/localca"
)

// testIssuer is a CA key and certificate for the tests' certificates.
type testIssuer struct {
	key  *ecdsa.PrivateKey
	cert *x509.Certificate
}

func newTestIssuer(t testing.TB) *testIssuer {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "ctmonitor test CA", Organization: []string{"devproof"}},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return &testIssuer{key: key, cert: cert}
}

// issue signs a leaf from tmpl with a fresh key unless pub is given.
func (is *testIssuer) issue(t testing.TB, tmpl *x509.Certificate, pub any) []byte {
	t.Helper()
	if pub == nil {
		k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		pub = &k.PublicKey
	}
	if tmpl.SerialNumber == nil {
		tmpl.SerialNumber = big.NewInt(0x1234abcd)
	}
	if tmpl.NotBefore.IsZero() {
		tmpl.NotBefore = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
		tmpl.NotAfter = time.Date(2026, 4, 2, 3, 4, 5, 0, time.UTC)
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, is.cert, pub, is.key)
	if err != nil {
		t.Fatal(err)
	}
	return der
}

var (
	asnPoison  = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 11129, 2, 4, 3}
	asnSCTList = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 11129, 2, 4, 2}
)

// tbsOf returns the TBSCertificate of a certificate, as crypto/x509 reads it.
func tbsOf(t testing.TB, der []byte) []byte {
	t.Helper()
	c, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return c.RawTBSCertificate
}

// removeExtension re-encodes tbs without extensions of oid, as a log does
// when it strips the poison from a precertificate (RFC 6962 §3.2).
func removeExtension(t testing.TB, tbs []byte, oid asn1.ObjectIdentifier) []byte {
	t.Helper()
	p, err := walkTBS(tbs)
	if err != nil {
		t.Fatal(err)
	}
	want := mustOID(oid)
	b := cryptobyte.NewBuilder(nil)
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		for i, e := range p.elems {
			if i != p.extsIndex {
				b.AddBytes(e)
				continue
			}
			b.AddASN1(cbasn1.Tag(3).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) {
				b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
					for _, x := range p.exts {
						if x.oid != want {
							b.AddBytes(x.raw)
						}
					}
				})
			})
		}
	})
	return b.BytesOrPanic()
}

func TestParseCertFields(t *testing.T) {
	is := newTestIssuer(t)
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	der := is.issue(t, &x509.Certificate{
		Subject:  pkix.Name{CommonName: "WWW.Example.COM", Organization: []string{"Acme"}},
		DNSNames: []string{"Example.com", "www.example.com", "*.api.example.com"},
	}, &key.PublicKey)
	c, err := ParseCert(der, false)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"example.com", "www.example.com", "*.api.example.com"}
	if !slices.Equal(c.Names, want) {
		t.Errorf("Names = %q, want %q", c.Names, want)
	}
	spki, _ := x509.MarshalPKIXPublicKey(&key.PublicKey)
	if h := sha256.Sum256(spki); c.SPKISHA256 != hex.EncodeToString(h[:]) {
		t.Errorf("SPKISHA256 = %s, want %x", c.SPKISHA256, h)
	}
	if h := sha256.Sum256(der); c.CertSHA256 != hex.EncodeToString(h[:]) {
		t.Errorf("CertSHA256 = %s, want %x", c.CertSHA256, h)
	}
	x, _ := x509.ParseCertificate(der)
	if h := sha256.Sum256(x.RawTBSCertificate); c.TBSSHA256 != hex.EncodeToString(h[:]) {
		t.Errorf("TBSSHA256 of a certificate without CT extensions = %s, want the TBS hash %x", c.TBSSHA256, h)
	}
	if c.Subject != x.Subject.String() || c.Issuer != x.Issuer.String() {
		t.Errorf("Subject, Issuer = %q, %q, want %q, %q", c.Subject, c.Issuer, x.Subject, x.Issuer)
	}
	if c.Serial != "1234abcd" {
		t.Errorf("Serial = %q, want 1234abcd", c.Serial)
	}
	if !c.NotBefore.Equal(x.NotBefore) || !c.NotAfter.Equal(x.NotAfter) || c.NotBefore.Location() != time.UTC {
		t.Errorf("validity = %v..%v, want %v..%v in UTC", c.NotBefore, c.NotAfter, x.NotBefore, x.NotAfter)
	}
	if len(c.ParseErrors) != 0 || c.Precert {
		t.Errorf("ParseErrors = %v, Precert = %v; want none, false", c.ParseErrors, c.Precert)
	}
}

// A precertificate (poison) and its final certificate (SCT list) share a
// TBS hash; another certificate for the same names and key does not.
func TestTBSHashPrecertAndFinal(t *testing.T) {
	is := newTestIssuer(t)
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	base := func() *x509.Certificate {
		return &x509.Certificate{Subject: pkix.Name{CommonName: "a.example.com"}, DNSNames: []string{"a.example.com"}, SerialNumber: big.NewInt(77)}
	}
	pre := base()
	pre.ExtraExtensions = []pkix.Extension{{Id: asnPoison, Critical: true, Value: []byte{0x05, 0x00}}}
	preDER := is.issue(t, pre, &key.PublicKey)
	fin := base()
	sctList, _ := asn1.Marshal([]byte{0x00, 0x04, 0x00, 0x02, 0xaa, 0xbb})
	fin.ExtraExtensions = []pkix.Extension{{Id: asnSCTList, Value: sctList}}
	finDER := is.issue(t, fin, &key.PublicKey)

	// What a precert log entry holds: the TBS with the poison removed.
	logged := removeExtension(t, tbsOf(t, preDER), asnPoison)
	pc, err := ParseCert(logged, true)
	if err != nil {
		t.Fatal(err)
	}
	fc, err := ParseCert(finDER, false)
	if err != nil {
		t.Fatal(err)
	}
	whole, err := ParseCert(preDER, false)
	if err != nil {
		t.Fatal(err)
	}
	if pc.TBSSHA256 != fc.TBSSHA256 || whole.TBSSHA256 != fc.TBSSHA256 {
		t.Errorf("TBS hashes differ: precert entry %s, final %s, whole precertificate %s", pc.TBSSHA256, fc.TBSSHA256, whole.TBSSHA256)
	}
	if !pc.Precert || !whole.Precert || fc.Precert {
		t.Errorf("Precert = %v, %v, %v; want true, true, false", pc.Precert, whole.Precert, fc.Precert)
	}
	if h := sha256.Sum256(logged); pc.CertSHA256 != hex.EncodeToString(h[:]) {
		t.Errorf("precert CertSHA256 = %s, want the hash of the logged TBS %x", pc.CertSHA256, h)
	}
	if pc.SPKISHA256 != fc.SPKISHA256 {
		t.Errorf("SPKI hashes differ: %s, %s", pc.SPKISHA256, fc.SPKISHA256)
	}

	other := base()
	other.SerialNumber = big.NewInt(78)
	oc, err := ParseCert(is.issue(t, other, &key.PublicKey), false)
	if err != nil {
		t.Fatal(err)
	}
	if oc.TBSSHA256 == fc.TBSSHA256 {
		t.Error("a certificate with another serial has the same TBS hash")
	}
}

func TestParseCertRefuses(t *testing.T) {
	is := newTestIssuer(t)
	good := is.issue(t, &x509.Certificate{DNSNames: []string{"a.example.com"}}, nil)
	badSAN := is.issue(t, &x509.Certificate{ExtraExtensions: []pkix.Extension{{Id: asn1.ObjectIdentifier{2, 5, 29, 17}, Value: []byte{0x04, 0x01, 0x00}}}}, nil)
	for _, tc := range []struct {
		name    string
		der     []byte
		precert bool
		want    string
	}{
		{"empty", nil, false, "certificate: not a DER SEQUENCE"},
		{"trailing", append(slices.Clone(good), 0), false, "1 bytes after the certificate"},
		{"truncated", good[:len(good)/2], false, "not a DER SEQUENCE"},
		{"cert as TBS", good, true, "precertificate TBSCertificate: TBSCertificate ends before its"},
		{"bad SAN", badSAN, false, "subjectAltName is not a SEQUENCE OF GeneralName"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseCert(tc.der, tc.precert)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("ParseCert error = %v, want %q", err, tc.want)
			}
			if _, err := CheapNames(tc.der, tc.precert); err == nil {
				t.Errorf("CheapNames accepted what ParseCert refused")
			}
		})
	}
}

// A field that does not parse is recorded, not fatal.
func TestParseCertTolerant(t *testing.T) {
	is := newTestIssuer(t)
	tbs := tbsOf(t, is.issue(t, &x509.Certificate{DNSNames: []string{"a.example.com"}}, nil))
	p, err := walkTBS(tbs)
	if err != nil {
		t.Fatal(err)
	}
	// Replace the serial INTEGER by a BOOLEAN and the validity by an empty
	// SEQUENCE.
	b := cryptobyte.NewBuilder(nil)
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		for _, e := range p.elems {
			switch {
			case &e[0] == &p.serial[0]:
				b.AddBytes([]byte{0x01, 0x01, 0xff})
			case &e[0] == &p.validity[0]:
				b.AddBytes([]byte{0x30, 0x00})
			default:
				b.AddBytes(e)
			}
		}
	})
	c, err := ParseCert(b.BytesOrPanic(), true)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"SERIAL", "NOT_BEFORE", "NOT_AFTER"} {
		if c.ParseErrors[k] == "" {
			t.Errorf("ParseErrors[%s] is empty; errors: %v", k, c.ParseErrors)
		}
	}
	if !strings.Contains(c.ParseErrors["SERIAL"], "serialNumber 0101ff is not a DER INTEGER") {
		t.Errorf("ParseErrors[SERIAL] = %q", c.ParseErrors["SERIAL"])
	}
	if c.ParseErrors["SUBJECT_DN"] != "" || !slices.Equal(c.Names, []string{"a.example.com"}) {
		t.Errorf("names %q, errors %v", c.Names, c.ParseErrors)
	}
}

// A CN-only certificate, names that are not DNS names, and names that
// differ only in case.
func TestNamesOddCerts(t *testing.T) {
	is := newTestIssuer(t)
	for _, tc := range []struct {
		name string
		tmpl *x509.Certificate
		want []string
	}{
		{"CN only", &x509.Certificate{Subject: pkix.Name{CommonName: "Legacy.Example.COM"}}, []string{"legacy.example.com"}},
		{"CN repeats SAN", &x509.Certificate{Subject: pkix.Name{CommonName: "A.example.com"}, DNSNames: []string{"a.example.com"}}, []string{"a.example.com"}},
		{"no names", &x509.Certificate{Subject: pkix.Name{Organization: []string{"x"}}}, nil},
		{"email SAN not a name", &x509.Certificate{DNSNames: []string{"b.example.com"}, EmailAddresses: []string{"x@example.com"}}, []string{"b.example.com"}},
		{"CN not a host", &x509.Certificate{Subject: pkix.Name{CommonName: "Example Corp Server"}}, []string{"example corp server"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := ParseCert(is.issue(t, tc.tmpl, nil), false)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(c.Names, tc.want) {
				t.Errorf("Names = %q, want %q", c.Names, tc.want)
			}
		})
	}
}

// CheapNames finds every name crypto/x509 and ParseCert find, over many
// certificates, as certificates and as precertificate TBSs.
func TestCheapNamesCoversParseCert(t *testing.T) {
	is := newTestIssuer(t)
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	labels := []string{"a", "WWW", "xn--bcher-kva", "*", "api-2", "Mail", "x_y", "0"}
	n := 200
	if testing.Short() {
		n = 40
	}
	for i := range n {
		tmpl := &x509.Certificate{SerialNumber: big.NewInt(int64(i + 1))}
		for j := range i % 5 {
			tmpl.DNSNames = append(tmpl.DNSNames, fmt.Sprintf("%s.%s.example.com", labels[(i+j)%len(labels)], labels[(i*3+j)%len(labels)]))
		}
		if i%3 != 0 {
			tmpl.Subject.CommonName = fmt.Sprintf("%s.example.org", labels[i%len(labels)])
		}
		if i%4 == 0 {
			tmpl.Subject.Organization = []string{"Org", fmt.Sprint(i)}
		}
		if i%7 == 0 {
			tmpl.ExtraExtensions = []pkix.Extension{{Id: asnPoison, Critical: true, Value: []byte{0x05, 0x00}}}
		}
		der := is.issue(t, tmpl, &key.PublicKey)
		x, err := x509.ParseCertificate(der)
		if err != nil {
			t.Fatal(err)
		}
		for _, precert := range []bool{false, true} {
			in := der
			if precert {
				in = x.RawTBSCertificate
			}
			cheap, err := CheapNames(in, precert)
			if err != nil {
				t.Fatalf("cert %d: CheapNames: %v", i, err)
			}
			c, err := ParseCert(in, precert)
			if err != nil {
				t.Fatalf("cert %d: ParseCert: %v", i, err)
			}
			want := slices.Clone(c.Names)
			for _, n := range x.DNSNames {
				want = append(want, strings.ToLower(n))
			}
			if x.Subject.CommonName != "" {
				want = append(want, strings.ToLower(x.Subject.CommonName))
			}
			for _, n := range want {
				if !slices.Contains(cheap, n) {
					t.Errorf("cert %d (precert %v): CheapNames %q misses %q", i, precert, cheap, n)
				}
			}
		}
	}
}

func FuzzCheapNames(f *testing.F) {
	is := newTestIssuer(f)
	der := is.issue(f, &x509.Certificate{Subject: pkix.Name{CommonName: "a.example.com"}, DNSNames: []string{"a.example.com", "*.b.example.com"}}, nil)
	f.Add(der, false)
	f.Add(tbsOf(f, der), true)
	f.Add([]byte{0x30, 0x00}, false)
	f.Add([]byte{0x30, 0x03, 0xa0, 0x01, 0x00}, true)
	f.Fuzz(func(t *testing.T, der []byte, precert bool) {
		cheap, cerr := CheapNames(der, precert)
		c, err := ParseCert(der, precert)
		if (cerr == nil) != (err == nil) {
			t.Fatalf("CheapNames error %v, ParseCert error %v", cerr, err)
		}
		if err != nil {
			return
		}
		for _, n := range c.Names {
			if !slices.Contains(cheap, n) {
				t.Fatalf("CheapNames %q misses %q", cheap, n)
			}
		}
	})
}

// recordingLog passes precertificates to a real log and keeps them.
type recordingLog struct {
	*ctlog.Log
	pre [][]byte
}

func (r *recordingLog) AddPreChain(ctx context.Context, chain [][]byte) (*ct.SignedCertificateTimestamp, error) {
	r.pre = append(r.pre, chain[0])
	return r.Log.AddPreChain(ctx, chain)
}

// A certificate issued the way public CAs do it, through a local
// TesseraCT log: the log's view of the precertificate (poison removed by
// certificate-transparency-go, as logs do) and the final certificate with
// its real SCT list have one TBS hash.
func TestTBSHashThroughLog(t *testing.T) {
	ca, err := localca.New()
	if err != nil {
		t.Fatal(err)
	}
	defer ca.Close()
	l, err := ctlog.Start(t.TempDir(), "test log", "test operator", ca.RootPEM())
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	rec := &recordingLog{Log: l}
	tc, err := ca.IssueLogged(context.Background(), []localca.SCTSource{rec}, "app.devproof.test", "*.devproof.test")
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.pre) != 1 {
		t.Fatalf("%d precertificates logged, want 1", len(rec.pre))
	}
	preTBS := tbsOf(t, rec.pre[0])
	logged, err := ctx509.BuildPrecertTBS(preTBS, nil)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(logged, preTBS) {
		t.Fatal("poison was not removed")
	}
	pc, err := ParseCert(logged, true)
	if err != nil {
		t.Fatal(err)
	}
	fc, err := ParseCert(tc.Leaf.Raw, false)
	if err != nil {
		t.Fatal(err)
	}
	if pc.TBSSHA256 != fc.TBSSHA256 {
		t.Errorf("precert entry TBS hash %s, final certificate's %s", pc.TBSSHA256, fc.TBSSHA256)
	}
	if h := sha256.Sum256(tc.Leaf.RawTBSCertificate); fc.TBSSHA256 == hex.EncodeToString(h[:]) {
		t.Error("final certificate's TBS hash includes its SCT list")
	}
	if !slices.Equal(pc.Names, fc.Names) || !slices.Equal(fc.Names, []string{"app.devproof.test", "*.devproof.test"}) {
		t.Errorf("names %q and %q", pc.Names, fc.Names)
	}
}
