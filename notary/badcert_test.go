package notary

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"fmt"
	"io"
	"log"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"golang.org/x/crypto/ocsp"

	"github.com/devproof/devproof/internal/ctlog"
	"github.com/devproof/devproof/internal/localca"
	"github.com/devproof/devproof/notary/ctpolicy"
)

// badCertificateCases are the certificate faults the notary must refuse to
// sign over, as the README lists them. Each has a row in
// badCertificateMatrix.
var badCertificateCases = []string{
	"expired",
	"not yet valid",
	"wrong host",
	"self-signed",
	"untrusted root",
	"clientAuth-only EKU",
	"SHA-1 signature",
	"TLS below 1.2",
	"revoked leaf (CRL)",
	"revoked intermediate",
	"stale CRL (nextUpdate passed)",
	"CRL from the future (thisUpdate ahead)",
	"CRL without nextUpdate",
	"CRL from another issuer",
	"CRL fetch answers non-200",
	"CRL unreachable",
	"no CRL distribution point and no staple",
	"OCSP staple says revoked",
	"OCSP staple says unknown",
	"OCSP staple for another certificate",
	"OCSP staple stale",
	"OCSP staple from the future",
	"no SCTs",
	"SCTs from one operator only",
	"SCT from a retired log after its retirement",
	"SCT from the future",
	"SCT signature broken",
	"SCT from a log not in the list",
}

// ctLogs are log keys and a log list naming all but one of them: A and
// A2 by one operator, B by another, C by a third and retired an hour ago;
// Unlisted is in no list.
type ctLogs struct {
	A, A2, B, C, Unlisted *ctlog.Key
	List                  *ctpolicy.LogList
	retiredAt             time.Time
}

func newCTLogs(t *testing.T, listTime time.Time) *ctLogs {
	t.Helper()
	l := &ctLogs{retiredAt: time.Now().Add(-time.Hour)}
	for _, k := range []**ctlog.Key{&l.A, &l.A2, &l.B, &l.C, &l.Unlisted} {
		var err error
		if *k, err = ctlog.NewKey(); err != nil {
			t.Fatal(err)
		}
	}
	since := time.Now().AddDate(0, -1, 0)
	doc := fmt.Sprintf(`{"version":"matrix","log_list_timestamp":%q,"operators":[`+
		`{"name":"Operator A","logs":[%s,%s]},{"name":"Operator B","logs":[%s]},{"name":"Operator C","logs":[%s]}]}`,
		listTime.UTC().Format(time.RFC3339),
		l.A.Entry("A", "usable", since), l.A2.Entry("A2", "usable", since), l.B.Entry("B", "usable", since), l.C.Entry("C", "retired", l.retiredAt))
	var err error
	if l.List, err = ctpolicy.ParseLogList([]byte(doc)); err != nil {
		t.Fatal(err)
	}
	return l
}

// chainFixture is a root, an intermediate and a leaf for source.devproof.test,
// with the CRLs the root and the intermediate publish served on loopback,
// two SCTs from logs of two operators in the TLS extension, and a client
// that requires every check. Each row of the matrix changes one thing
// before run issues the leaf and starts the source.
type chainFixture struct {
	now               time.Time
	logs              *ctLogs
	rootKey, interKey *ecdsa.PrivateKey
	root, inter       *x509.Certificate
	leafTmpl          *x509.Certificate
	selfSigned        bool
	host              string
	crlSrv            *httptest.Server
	mu                sync.Mutex
	crls              map[string][]byte // by path; a missing one is a 404
	staple            func(leaf *x509.Certificate) []byte
	scts              func(leafDER []byte) [][]byte
	tlsConfig         func(*tls.Config)
	client            func(*Client)
}

const (
	interName = "devproof matrix intermediate"
	leafName  = sourceHost
)

func newChainFixture(t *testing.T, logs *ctLogs) *chainFixture {
	t.Helper()
	f := &chainFixture{now: time.Now(), logs: logs, host: sourceHost, crls: map[string][]byte{}}
	f.crlSrv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		der, ok := f.crls[r.URL.Path]
		f.mu.Unlock()
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/pkix-crl")
		w.Write(der)
	}))
	t.Cleanup(f.crlSrv.Close)
	f.rootKey, f.root = newCA(t, "devproof matrix root", nil, nil, "")
	f.interKey, f.inter = newCA(t, interName, f.root, f.rootKey, f.crlSrv.URL+"/root.crl")
	f.setCRL(t, "/root.crl", f.root, f.rootKey, f.now.Add(-time.Minute), f.now.Add(time.Hour))
	f.setCRL(t, "/inter.crl", f.inter, f.interKey, f.now.Add(-time.Minute), f.now.Add(time.Hour))
	f.leafTmpl = &x509.Certificate{
		SerialNumber: big.NewInt(1000), Subject: pkix.Name{CommonName: leafName}, DNSNames: []string{sourceHost},
		NotBefore: f.now.Add(-time.Hour), NotAfter: f.now.Add(24 * time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		CRLDistributionPoints: []string{f.crlSrv.URL + "/inter.crl"},
	}
	f.scts = func(leaf []byte) [][]byte {
		return [][]byte{mustSCT(t, logs.A, leaf, f.now.Add(-time.Minute)), mustSCT(t, logs.B, leaf, f.now.Add(-time.Minute))}
	}
	return f
}

// newCA makes a CA certificate, self-signed when parent is nil, naming
// crlURL as its CRL distribution point when set.
func newCA(t *testing.T, name string, parent *x509.Certificate, parentKey *ecdsa.PrivateKey, crlURL string) (*ecdsa.PrivateKey, *x509.Certificate) {
	t.Helper()
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	serial := big.NewInt(1)
	if parent != nil {
		serial = big.NewInt(2)
	}
	tmpl := &x509.Certificate{
		SerialNumber: serial, Subject: pkix.Name{CommonName: name},
		NotBefore: time.Now().Add(-24 * time.Hour), NotAfter: time.Now().Add(365 * 24 * time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
	}
	if crlURL != "" {
		tmpl.CRLDistributionPoints = []string{crlURL}
	}
	if parent == nil {
		parent, parentKey = tmpl, key
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, &key.PublicKey, parentKey)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	return key, cert
}

// setCRL serves at path a CRL by issuer for the window, revoking serials.
func (f *chainFixture) setCRL(t *testing.T, path string, issuer *x509.Certificate, key *ecdsa.PrivateKey, this, next time.Time, serials ...*big.Int) {
	t.Helper()
	var revoked []x509.RevocationListEntry
	for _, s := range serials {
		revoked = append(revoked, x509.RevocationListEntry{SerialNumber: s, RevocationTime: this, ReasonCode: 1})
	}
	der, err := x509.CreateRevocationList(rand.Reader, &x509.RevocationList{
		Number: big.NewInt(time.Now().UnixNano()), ThisUpdate: this, NextUpdate: next, RevokedCertificateEntries: revoked,
	}, issuer, key)
	if err != nil {
		t.Fatal(err)
	}
	f.serveCRL(path, der)
}

func (f *chainFixture) serveCRL(path string, der []byte) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if der == nil {
		delete(f.crls, path)
		return
	}
	f.crls[path] = der
}

// ocspStaple is the intermediate's OCSP response about serial.
func (f *chainFixture) ocspStaple(t *testing.T, serial *big.Int, status int, this, next time.Time) []byte {
	t.Helper()
	b, err := ocsp.CreateResponse(f.inter, f.inter, ocsp.Response{
		Status: status, SerialNumber: serial, ThisUpdate: this, NextUpdate: next, RevokedAt: this, RevocationReason: ocsp.KeyCompromise,
	}, f.interKey)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func mustSCT(t *testing.T, k *ctlog.Key, leaf []byte, at time.Time) []byte {
	t.Helper()
	raw, err := k.SCT(leaf, at)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// run issues the leaf, starts the source on 127.0.0.1 and notarizes a
// value from it through the real client.
func (f *chainFixture) run(t *testing.T, s *Signer) (*Notarization, error) {
	t.Helper()
	leafKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	parent, parentKey := f.inter, f.interKey
	if f.selfSigned {
		parent, parentKey = f.leafTmpl, leafKey
	}
	der, err := x509.CreateCertificate(rand.Reader, f.leafTmpl, parent, &leafKey.PublicKey, parentKey)
	if err != nil {
		t.Fatal(err)
	}
	leaf, _ := x509.ParseCertificate(der)
	cert := tls.Certificate{Certificate: [][]byte{der, f.inter.Raw}, PrivateKey: leafKey, Leaf: leaf}
	if f.selfSigned {
		cert.Certificate = cert.Certificate[:1]
	}
	if f.staple != nil {
		cert.OCSPStaple = f.staple(leaf)
	}
	cert.SignedCertificateTimestamps = f.scts(der)
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"result":{"price":101234.5}}`)
	}))
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // refused handshakes are the point
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{cert}}
	if f.tlsConfig != nil {
		f.tlsConfig(srv.TLS)
	}
	srv.StartTLS()
	t.Cleanup(srv.Close)
	roots := x509.NewCertPool()
	roots.AddCert(f.root)
	addr := srv.Listener.Addr().String()
	c := &Client{
		Roots: roots, CT: Require, LogList: f.logs.List, Revocation: Require, Timeout: 10 * time.Second,
		DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			return (&net.Dialer{}).DialContext(ctx, network, addr)
		},
	}
	if f.client != nil {
		f.client(c)
	}
	_, port, _ := net.SplitHostPort(addr)
	return Notarize(context.Background(), c, s, testDomain, Request{URL: "https://" + f.host + ":" + port + "/price"}, "/result/price", common.Hash{})
}

type badCertificate struct {
	name  string
	setup func(t *testing.T, f *chainFixture)
	check string
	want  []string
}

// closedURL is an http URL on 127.0.0.1 where nothing listens.
func closedURL(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return "http://" + addr + "/inter.crl"
}

func badCertificateMatrix() []badCertificate {
	leafSerial := big.NewInt(1000)
	quotedLeaf := `leaf "CN=` + leafName + `"`
	quotedInter := `intermediate "CN=` + interName + `"`
	staple := func(status int, serial func(*x509.Certificate) *big.Int, this, next time.Duration) func(*testing.T, *chainFixture) {
		return func(t *testing.T, f *chainFixture) {
			f.staple = func(leaf *x509.Certificate) []byte {
				return f.ocspStaple(t, serial(leaf), status, f.now.Add(this), f.now.Add(next))
			}
		}
	}
	own := func(leaf *x509.Certificate) *big.Int { return leaf.SerialNumber }
	scts := func(make func(t *testing.T, f *chainFixture, leaf []byte) [][]byte) func(*testing.T, *chainFixture) {
		return func(t *testing.T, f *chainFixture) { f.scts = func(leaf []byte) [][]byte { return make(t, f, leaf) } }
	}
	return []badCertificate{
		{"expired", func(t *testing.T, f *chainFixture) {
			f.leafTmpl.NotBefore, f.leafTmpl.NotAfter = f.now.Add(-48*time.Hour), f.now.Add(-time.Hour)
		}, "path", []string{"certificate has expired or is not yet valid", "is after"}},
		{"not yet valid", func(t *testing.T, f *chainFixture) {
			f.leafTmpl.NotBefore, f.leafTmpl.NotAfter = f.now.Add(time.Hour), f.now.Add(48*time.Hour)
		}, "path", []string{"certificate has expired or is not yet valid", "is before"}},
		{"wrong host", func(t *testing.T, f *chainFixture) { f.host = "other.devproof.test" },
			"hostname", []string{"not other.devproof.test"}},
		{"self-signed", func(t *testing.T, f *chainFixture) { f.selfSigned = true },
			"path", []string{"self-signed", "unknown authority"}},
		{"untrusted root", func(t *testing.T, f *chainFixture) {
			_, other := newCA(t, "another root", nil, nil, "")
			f.client = func(c *Client) { c.Roots = x509.NewCertPool(); c.Roots.AddCert(other) }
		}, "path", []string{`issuer "CN=` + interName + `"`, "unknown authority"}},
		{"clientAuth-only EKU", func(t *testing.T, f *chainFixture) {
			f.leafTmpl.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}
		}, "path", []string{"incompatible key usage"}},
		{"SHA-1 signature", func(t *testing.T, f *chainFixture) { f.leafTmpl.SignatureAlgorithm = x509.ECDSAWithSHA1 },
			"path", []string{"insecure algorithm ECDSA-SHA1"}},
		{"TLS below 1.2", func(t *testing.T, f *chainFixture) {
			f.tlsConfig = func(c *tls.Config) { c.MinVersion, c.MaxVersion = tls.VersionTLS10, tls.VersionTLS11 }
		}, "tls", []string{"TLS 1.2 and 1.3 only", "protocol version not supported"}},
		{"revoked leaf (CRL)", func(t *testing.T, f *chainFixture) {
			f.setCRL(t, "/inter.crl", f.inter, f.interKey, f.now.Add(-time.Minute), f.now.Add(time.Hour), leafSerial)
		}, "revocation", []string{quotedLeaf, "/inter.crl: certificate is revoked"}},
		{"revoked intermediate", func(t *testing.T, f *chainFixture) {
			f.setCRL(t, "/root.crl", f.root, f.rootKey, f.now.Add(-time.Minute), f.now.Add(time.Hour), f.inter.SerialNumber)
		}, "revocation", []string{quotedInter, "/root.crl: certificate is revoked"}},
		{"stale CRL (nextUpdate passed)", func(t *testing.T, f *chainFixture) {
			f.setCRL(t, "/inter.crl", f.inter, f.interKey, f.now.Add(-48*time.Hour), f.now.Add(-time.Hour))
		}, "revocation", []string{quotedLeaf, "/inter.crl is stale"}},
		{"CRL from the future (thisUpdate ahead)", func(t *testing.T, f *chainFixture) {
			f.setCRL(t, "/inter.crl", f.inter, f.interKey, f.now.Add(time.Hour), f.now.Add(2*time.Hour))
		}, "revocation", []string{quotedLeaf, "/inter.crl is from the future"}},
		{"CRL without nextUpdate", func(t *testing.T, f *chainFixture) {
			der, err := localca.CRLWithoutNextUpdate(f.inter, f.interKey, f.now.Add(-time.Minute))
			if err != nil {
				t.Fatal(err)
			}
			f.serveCRL("/inter.crl", der)
		}, "revocation", []string{quotedLeaf, "/inter.crl has no nextUpdate"}},
		{"CRL from another issuer", func(t *testing.T, f *chainFixture) {
			otherKey, other := newCA(t, "another CA", nil, nil, "")
			f.setCRL(t, "/inter.crl", other, otherKey, f.now.Add(-time.Minute), f.now.Add(time.Hour))
		}, "revocation", []string{quotedLeaf, "/inter.crl is not signed by the certificate's issuer"}},
		{"CRL fetch answers non-200", func(t *testing.T, f *chainFixture) { f.serveCRL("/inter.crl", nil) },
			"revocation", []string{quotedLeaf, "/inter.crl could not be fetched: HTTP 404"}},
		{"CRL unreachable", func(t *testing.T, f *chainFixture) { f.leafTmpl.CRLDistributionPoints = []string{closedURL(t)} },
			"revocation", []string{quotedLeaf, "/inter.crl could not be fetched"}},
		{"no CRL distribution point and no staple", func(t *testing.T, f *chainFixture) { f.leafTmpl.CRLDistributionPoints = nil },
			"revocation", []string{quotedLeaf, "no CRL distribution point and no stapled OCSP response"}},
		{"OCSP staple says revoked", staple(ocsp.Revoked, own, -time.Minute, time.Hour),
			"revocation", []string{quotedLeaf, "stapled OCSP response: certificate is revoked"}},
		{"OCSP staple says unknown", staple(ocsp.Unknown, own, -time.Minute, time.Hour),
			"revocation", []string{quotedLeaf, "stapled OCSP response: status unknown"}},
		{"OCSP staple for another certificate", staple(ocsp.Good, func(leaf *x509.Certificate) *big.Int {
			return new(big.Int).Add(leaf.SerialNumber, big.NewInt(1))
		}, -time.Minute, time.Hour), "revocation", []string{quotedLeaf, "no response matching the supplied certificate"}},
		{"OCSP staple stale", staple(ocsp.Good, own, -48*time.Hour, -time.Hour),
			"revocation", []string{quotedLeaf, "stapled OCSP response is stale"}},
		{"OCSP staple from the future", staple(ocsp.Good, own, time.Hour, 2*time.Hour),
			"revocation", []string{quotedLeaf, "stapled OCSP response is from the future"}},
		{"no SCTs", scts(func(t *testing.T, f *chainFixture, leaf []byte) [][]byte { return nil }),
			"ct", []string{"no SCTs: the certificate was not shown to be logged"}},
		{"SCTs from one operator only", scts(func(t *testing.T, f *chainFixture, leaf []byte) [][]byte {
			return [][]byte{mustSCT(t, f.logs.A, leaf, f.now.Add(-time.Minute)), mustSCT(t, f.logs.A2, leaf, f.now.Add(-time.Minute))}
		}), "ct", []string{"SCTs from logs not retired from 1 distinct operator(s), policy needs 2"}},
		{"SCT from a retired log after its retirement", scts(func(t *testing.T, f *chainFixture, leaf []byte) [][]byte {
			return [][]byte{mustSCT(t, f.logs.A, leaf, f.now.Add(-time.Minute)), mustSCT(t, f.logs.C, leaf, f.now.Add(-time.Minute))}
		}), "ct", []string{`tls SCT from "C"`, "log retired at", "before this SCT"}},
		{"SCT from the future", scts(func(t *testing.T, f *chainFixture, leaf []byte) [][]byte {
			return [][]byte{mustSCT(t, f.logs.A, leaf, f.now.Add(time.Hour)), mustSCT(t, f.logs.B, leaf, f.now.Add(-time.Minute))}
		}), "ct", []string{`tls SCT from "A"`, "SCT is from the future"}},
		{"SCT signature broken", scts(func(t *testing.T, f *chainFixture, leaf []byte) [][]byte {
			broken := mustSCT(t, f.logs.A, leaf, f.now.Add(-time.Minute))
			broken[len(broken)-1] ^= 1 // the signature's last byte
			return [][]byte{broken, mustSCT(t, f.logs.B, leaf, f.now.Add(-time.Minute))}
		}), "ct", []string{`tls SCT from "A"`, "signature does not verify"}},
		{"SCT from a log not in the list", scts(func(t *testing.T, f *chainFixture, leaf []byte) [][]byte {
			return [][]byte{mustSCT(t, f.logs.Unlisted, leaf, f.now.Add(-time.Minute)), mustSCT(t, f.logs.B, leaf, f.now.Add(-time.Minute))}
		}), "ct", []string{"tls SCT from log id", "log unknown to the log list"}},
	}
}

// Each bad certificate, served by a real HTTPS source on 127.0.0.1 with
// everything else in order, fails the named check through Notarize, and
// nothing is signed.
func TestBadCertificates(t *testing.T) {
	s, _ := signer(t)
	logs := newCTLogs(t, time.Now())
	for _, tc := range badCertificateMatrix() {
		t.Run(tc.name, func(t *testing.T) {
			f := newChainFixture(t, logs)
			tc.setup(t, f)
			n, err := f.run(t, s)
			if n != nil {
				t.Fatalf("signed: %+v", n.Statement)
			}
			t.Log(err)
			var ce *CheckError
			if !errors.As(err, &ce) || ce.Check != tc.check {
				t.Fatalf("got %v, want the %s check", err, tc.check)
			}
			for _, want := range tc.want {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("%v\ndoes not say %q", err, want)
				}
			}
		})
	}
}

// The matrix has a row for every case the README lists, and the README
// says how many there are.
func TestBadCertificateMatrixIsComplete(t *testing.T) {
	rows := map[string]bool{}
	for _, tc := range badCertificateMatrix() {
		if rows[tc.name] {
			t.Errorf("two rows named %q", tc.name)
		}
		rows[tc.name] = true
	}
	if len(rows) < len(badCertificateCases) {
		t.Errorf("the matrix has %d rows for %d cases", len(rows), len(badCertificateCases))
	}
	for _, name := range badCertificateCases {
		if !rows[name] {
			t.Errorf("no row for %q", name)
		}
	}
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	claim := fmt.Sprintf("%d bad-certificate cases", len(badCertificateCases))
	if !strings.Contains(string(readme), claim) {
		t.Errorf("README.md does not say %q", claim)
	}
	listed := regexp.MustCompile(`(?s)` + regexp.QuoteMeta(claim) + `.*?\n\n(.*?)\n\n`).FindSubmatch(readme)
	if listed == nil {
		t.Fatalf("README.md lists no cases after %q", claim)
	}
	text := strings.Join(strings.Fields(string(listed[1])), " ")
	for _, name := range badCertificateCases {
		if !strings.Contains(text, name) {
			t.Errorf("README.md's list does not name %q", name)
		}
	}
}

// With nothing wrong, the same fixture is notarized: the rows above fail
// for their one fault. The record holds the evidence for both
// certificates below the root.
func TestBadCertificateBaseline(t *testing.T) {
	s, _ := signer(t)
	f := newChainFixture(t, newCTLogs(t, time.Now()))
	n, err := f.run(t, s)
	if err != nil {
		t.Fatal(err)
	}
	r := n.Record
	if r.TLS.Revocation == nil || r.TLS.Revocation.Method != "crl" || len(r.TLS.IntermediateRevocation) != 1 || r.TLS.IntermediateRevocation[0].Method != "crl" {
		t.Errorf("revocation evidence %+v %+v", r.TLS.Revocation, r.TLS.IntermediateRevocation)
	}
	if !strings.HasSuffix(r.TLS.IntermediateRevocation[0].CRLs[0].URL, "/root.crl") {
		t.Errorf("the intermediate was checked against %s", r.TLS.IntermediateRevocation[0].CRLs[0].URL)
	}
	var names []string
	for _, c := range r.Checks {
		if !c.OK {
			t.Errorf("check %s: %s", c.Name, c.Detail)
		}
		names = append(names, c.Name)
	}
	if got := strings.Join(names, " "); got != "path hostname ct revocation revocation" {
		t.Errorf("checks %s", got)
	}
	if len(r.TLS.SCTs) != 2 {
		t.Errorf("%d SCTs", len(r.TLS.SCTs))
	}
}

// The revocation policy applies to each certificate: preferred, a revoked
// intermediate is recorded as a failed check and the fetch goes on; off,
// nothing is looked up.
func TestRevocationPolicyPerCertificate(t *testing.T) {
	s, _ := signer(t)
	logs := newCTLogs(t, time.Now())
	f := newChainFixture(t, logs)
	f.setCRL(t, "/root.crl", f.root, f.rootKey, f.now.Add(-time.Minute), f.now.Add(time.Hour), f.inter.SerialNumber)
	f.client = func(c *Client) { c.Revocation = Prefer }
	n, err := f.run(t, s)
	if err != nil {
		t.Fatal(err)
	}
	var failed []string
	for _, c := range n.Record.Checks {
		if c.Name == "revocation" && !c.OK {
			failed = append(failed, c.Detail)
		}
	}
	if len(failed) != 1 || !strings.Contains(failed[0], "prefer: intermediate") || !strings.Contains(failed[0], "revoked") {
		t.Errorf("failed revocation checks %q", failed)
	}

	f = newChainFixture(t, logs)
	f.setCRL(t, "/root.crl", f.root, f.rootKey, f.now.Add(-time.Minute), f.now.Add(time.Hour), f.inter.SerialNumber)
	f.client = func(c *Client) { c.Revocation = Off }
	n, err = f.run(t, s)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range n.Record.Checks {
		if c.Name == "revocation" {
			t.Errorf("revocation off, but checked: %+v", c)
		}
	}
	if n.Record.TLS.Revocation != nil || n.Record.TLS.IntermediateRevocation != nil {
		t.Errorf("revocation off, but evidence recorded")
	}
}

// A log list older than the bound fails the ct check, measured by the
// client's clock; the bound is the client's to set.
func TestLogListTooOld(t *testing.T) {
	s, _ := signer(t)
	logs := newCTLogs(t, time.Now().Add(-80*24*time.Hour))
	n, err := newChainFixture(t, logs).run(t, s)
	var ce *CheckError
	if n != nil || !errors.As(err, &ce) || ce.Check != "ct" || !strings.Contains(err.Error(), `log list "matrix"`) || !strings.Contains(err.Error(), "over the 70 days bound") {
		t.Errorf("an 80-day-old list: %v", err)
	}
	f := newChainFixture(t, logs)
	f.client = func(c *Client) { c.MaxLogListAge = 90 * 24 * time.Hour }
	if _, err := f.run(t, s); err != nil {
		t.Errorf("an 80-day-old list with 90 days allowed: %v", err)
	}
	f = newChainFixture(t, logs)
	f.client = func(c *Client) { c.CT = Prefer }
	n, err = f.run(t, s)
	if err != nil || n.Record.Checks[2].Name != "ct" || n.Record.Checks[2].OK || !strings.Contains(n.Record.Checks[2].Detail, "prefer: log list") {
		t.Errorf("an 80-day-old list, CT preferred: %v %+v", err, n)
	}
}
