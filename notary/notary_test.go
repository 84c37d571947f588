package notary

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/tls"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"golang.org/x/crypto/ocsp"

	"github.com/devproof/devproof/internal/attest"
	"github.com/devproof/devproof/internal/ctlog"
	"github.com/devproof/devproof/internal/evidence"
	"github.com/devproof/devproof/internal/localca"
	"github.com/devproof/devproof/internal/teesim"
	"github.com/devproof/devproof/notary/ctpolicy"
)

const sourceHost = "source.devproof.test"

type source struct {
	ca   *localca.CA
	cert tls.Certificate
	srv  *httptest.Server
}

// sourceCert is a fresh local CA, closed when the test ends, and its
// certificate for sourceHost.
func sourceCert(t testing.TB) (*localca.CA, tls.Certificate) {
	t.Helper()
	ca, err := localca.New()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(ca.Close)
	cert, err := ca.Issue(sourceHost)
	if err != nil {
		t.Fatal(err)
	}
	return ca, cert
}

// newSource is a local HTTPS API with a certificate from the local CA.
func newSource(t testing.TB, staple func(*localca.CA, tls.Certificate) []byte) *source {
	t.Helper()
	ca, cert := sourceCert(t)
	if staple != nil {
		cert.OCSPStaple = staple(ca, cert)
	}
	return serveSource(t, ca, cert)
}

// newLoggedSource is newSource with a certificate the CA logged to two
// local TesseraCT logs, SCTs embedded, and the log list naming them.
func newLoggedSource(t testing.TB) (*source, *ctpolicy.LogList) {
	t.Helper()
	ca, err := localca.New()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(ca.Close)
	dir := t.TempDir()
	var logs []*ctlog.Log
	var sct []localca.SCTSource
	for _, name := range []string{"a", "b"} {
		l, err := ctlog.Start(filepath.Join(dir, name), "test log "+name, "test operator "+name, ca.RootPEM())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(l.Close)
		logs, sct = append(logs, l), append(sct, l)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cert, err := ca.IssueLogged(ctx, sct, sourceHost)
	if err != nil {
		t.Fatal(err)
	}
	list, err := ctpolicy.ParseLogList(ctlog.LogList("test", logs...))
	if err != nil {
		t.Fatal(err)
	}
	return serveSource(t, ca, cert), list
}

func serveSource(t testing.TB, ca *localca.CA, cert tls.Certificate) *source {
	mux := http.NewServeMux()
	mux.HandleFunc("/price", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"market":"BTC-100k","result":{"price":101234.5,"settled":true}}`)
	})
	var moves atomic.Int32
	mux.HandleFunc("/moving", func(w http.ResponseWriter, r *http.Request) {
		price := []string{"101234.5", "90000"}[min(moves.Add(1)-1, 1)] // falls after the first read
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"result":{"price":%s}}`, price)
	})
	mux.HandleFunc("/html", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "<html>not json</html>") })
	mux.HandleFunc("/status/{code}", func(w http.ResponseWriter, r *http.Request) {
		code, _ := strconv.Atoi(r.PathValue("code"))
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		fmt.Fprintf(w, `{"status":%d}`, code)
	})
	mux.HandleFunc("/to-missing", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/status/404", http.StatusFound) })
	mux.HandleFunc("/to-userinfo", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "https://mallory:pw@"+r.Host+"/price", http.StatusFound)
	})
	mux.HandleFunc("/echo", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Add("Set-Cookie", "session=s3cr3t-cookie")
		w.Header().Set("X-Request-Token", "s3cr3t-response-token")
		w.Header().Set("X-Secret-Hint", "s3cr3t-hint")
		w.Header().Set("X-Custom", "s3cr3t-custom-response")
		w.Header().Set("X-Plain", "visible")
		user, pass, _ := r.BasicAuth()
		fmt.Fprintf(w, `{"user":%q,"pass_length":%d}`, user, len(pass))
	})
	mux.HandleFunc("/plain", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, `{"result":{"price":101234.5}}`)
	})
	mux.HandleFunc("/twice", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"result":{"price":101234.5,"price":90000}}`)
	})
	mux.HandleFunc("/trailing", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"result":{"price":101234.5}}{"result":{"price":90000}}`)
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) { w.Write(bytes.Repeat([]byte("x"), 4096)) })
	mux.HandleFunc("/stall", func(w http.ResponseWriter, r *http.Request) { time.Sleep(2 * time.Second) })
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/price", http.StatusFound) })
	mux.HandleFunc("/to-http", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://"+sourceHost+"/price", http.StatusFound)
	})
	mux.HandleFunc("/elsewhere", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "https://other.devproof.test/price", http.StatusFound)
	})
	s := &source{ca: ca, cert: cert, srv: httptest.NewUnstartedServer(mux)}
	s.srv.TLS = &tls.Config{Certificates: []tls.Certificate{cert}}
	s.srv.StartTLS()
	t.Cleanup(s.srv.Close)
	return s
}

func (s *source) url(path string) string {
	_, port, _ := net.SplitHostPort(s.srv.Listener.Addr().String())
	return "https://" + sourceHost + ":" + port + path
}

func (s *source) client() *Client {
	addr := s.srv.Listener.Addr().String()
	return &Client{
		Roots: s.ca.Pool(), CT: Off, Timeout: 500 * time.Millisecond,
		DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			return (&net.Dialer{}).DialContext(ctx, network, addr)
		},
	}
}

func signer(t testing.TB) (*Signer, *teesim.Simulator) {
	t.Helper()
	sim, err := teesim.New(teesim.Config{Seed: []byte("notary test")})
	if err != nil {
		t.Fatal(err)
	}
	agent, stop, err := sim.Start(filepath.Join(t.TempDir(), "dstack.sock"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	s, err := NewSigner(context.Background(), agent)
	if err != nil {
		t.Fatal(err)
	}
	return s, sim
}

var testDomain = Domain{ChainID: big.NewInt(1337), VerifyingContract: common.HexToAddress("0x00000000000000000000000000000000000000aa")}

func TestNotarize(t *testing.T) {
	src := newSource(t, nil)
	s, sim := signer(t)
	market := common.HexToHash("0x01")
	req := Request{URL: src.url("/price"), Headers: map[string][]string{"Authorization": {"Bearer secret-token"}}}
	n, err := Notarize(context.Background(), src.client(), s, testDomain, req, "/result/price", market)
	if err != nil {
		t.Fatal(err)
	}
	if string(n.Value) != "101234.5" || string(n.Statement.Value) != "101234.5" {
		t.Errorf("value = %s", n.Value)
	}
	// The signature recovers to the signer, whose key chains to the KMS
	// root and whose address the quote binds.
	got, err := n.Statement.RecoverSigner(testDomain, n.Signature)
	if err != nil || got != s.Address {
		t.Errorf("recovered %s, %v; want %s", got.Hex(), err, s.Address.Hex())
	}
	appID, _ := hex.DecodeString(s.AppID)
	var chain [][]byte
	for _, c := range s.SignatureChain {
		chain = append(chain, c)
	}
	pub, _ := crypto.UnmarshalPubkey(s.PublicKey)
	if _, err := attest.CheckKeyChain(SignerPurpose, crypto.CompressPubkey(pub), chain, appID, crypto.CompressPubkey(&sim.Keys().KMSRoot.PublicKey)); err != nil {
		t.Error(err)
	}
	qb, _ := json.Marshal(s.Quote)
	ev, _ := attest.ParseEvidence(qb)
	want := evidence.SignerReportData(s.Address.Hex())
	if rep, err := attest.Check(ev, attest.CheckOptions{ReportData: &want}); err != nil || !rep.OK(true) {
		t.Errorf("signer quote: %+v %v", rep, err)
	}
	// The statement commits to the record.
	canon, _ := n.Record.Canonical()
	if sha256.Sum256(canon) != n.Statement.SessionHash {
		t.Error("session hash is not sha256 of the canonical record")
	}
	other := *n.Statement
	other.Value = []byte("1")
	if a, _ := other.RecoverSigner(testDomain, n.Signature); a == s.Address {
		t.Error("signature holds for a changed value")
	}
	otherDomain := Domain{ChainID: big.NewInt(1), VerifyingContract: testDomain.VerifyingContract}
	if a, _ := n.Statement.RecoverSigner(otherDomain, n.Signature); a == s.Address {
		t.Error("signature holds for another chain id")
	}
	// The record: chain, revocation evidence, redacted secret.
	r := n.Record
	if len(r.TLS.Chain) == 0 || r.TLS.Revocation == nil || r.TLS.Revocation.Method != "crl" || r.TLS.Version == "" {
		t.Errorf("TLS record: %+v", r.TLS)
	}
	if h := r.Request.Headers["authorization"]; len(h) != 1 || strings.Contains(h[0], "secret-token") || !strings.HasPrefix(h[0], "redacted:sha256:") {
		t.Errorf("authorization header recorded as %q", h)
	}
	for _, c := range r.Checks {
		if !c.OK {
			t.Errorf("check %s failed: %s", c.Name, c.Detail)
		}
	}
	// Same-origin HTTPS redirects are followed and recorded.
	n, err = Notarize(context.Background(), src.client(), s, testDomain, Request{URL: src.url("/moved")}, "/market", market)
	if err != nil || string(n.Value) != `"BTC-100k"` || len(n.Record.Response.Redirects) != 1 {
		t.Fatalf("redirect: %v %+v", err, n)
	}
	if got := n.Record.Response.URL; got != src.url("/price") {
		t.Errorf("record says the response came from %q, want the redirect's target", got)
	}
}

// With CT required, a certificate logged to the list's two logs passes, and
// R carries its SCTs with their log ids and the list's version.
func TestNotarizeWithCT(t *testing.T) {
	src, list := newLoggedSource(t)
	s, _ := signer(t)
	c := src.client()
	c.CT, c.LogList = Require, list
	n, err := Notarize(context.Background(), c, s, testDomain, Request{URL: src.url("/price")}, "/result/price", common.Hash{})
	if err != nil {
		t.Fatal(err)
	}
	r := n.Record
	if r.LogListVersion != "test" || len(r.TLS.SCTs) != 2 {
		t.Fatalf("log list %q, %d SCTs", r.LogListVersion, len(r.TLS.SCTs))
	}
	for _, sct := range r.TLS.SCTs {
		if !sct.Counted || sct.LogID == "" {
			t.Errorf("SCT %+v", sct)
		}
	}
	if r.Checks[2].Name != "ct" || !r.Checks[2].OK {
		t.Errorf("checks %+v", r.Checks)
	}
}

// Every failure names its check, and nothing is signed.
func TestNotarizeRefuses(t *testing.T) {
	s, _ := signer(t)
	for _, tc := range []struct {
		name    string
		staple  func(*localca.CA, tls.Certificate) []byte
		setup   func(*source, *Client) Request
		pointer string
		check   string
		want    string
	}{
		{"wrong host", nil, func(src *source, c *Client) Request {
			return Request{URL: strings.Replace(src.url("/price"), sourceHost, "other.devproof.test", 1)}
		}, "", "hostname", "other.devproof.test"},
		{"untrusted root", nil, func(src *source, c *Client) Request {
			other, _ := localca.New()
			c.Roots = other.Pool()
			return Request{URL: src.url("/price")}
		}, "", "path", "unknown authority"},
		{"revoked in the CRL", nil, func(src *source, c *Client) Request {
			src.ca.Revoke(src.cert.Leaf)
			return Request{URL: src.url("/price")}
		}, "", "revocation", "certificate is revoked"},
		{"CRL with a bad signature", nil, func(src *source, c *Client) Request {
			other, _ := localca.New()
			crl, _ := src.ca.MakeCRL(other.Key, time.Now().Add(-time.Minute), time.Now().Add(time.Hour))
			src.ca.SetCRL(crl)
			return Request{URL: src.url("/price")}
		}, "", "revocation", "not signed by the certificate's issuer"},
		{"stale CRL", nil, func(src *source, c *Client) Request {
			crl, _ := src.ca.MakeCRL(src.ca.Key, time.Now().Add(-48*time.Hour), time.Now().Add(-time.Hour))
			src.ca.SetCRL(crl)
			return Request{URL: src.url("/price")}
		}, "", "revocation", "is stale"},
		{"stapled OCSP says revoked", func(ca *localca.CA, cert tls.Certificate) []byte {
			b, _ := ca.OCSP(cert.Leaf, ocsp.Revoked)
			return b
		}, func(src *source, c *Client) Request { return Request{URL: src.url("/price")} }, "", "revocation", "stapled OCSP response"},
		{"CT required, no SCTs", nil, func(src *source, c *Client) Request {
			c.CT = Require
			c.LogList = mustLogList(t)
			return Request{URL: src.url("/price")}
		}, "", "ct", "no SCTs"},
		{"CT required, no log list", nil, func(src *source, c *Client) Request {
			c.CT = Require
			return Request{URL: src.url("/price")}
		}, "", "ct", "no CT log list"},
		{"plain http", nil, func(src *source, c *Client) Request {
			return Request{URL: strings.Replace(src.url("/price"), "https:", "http:", 1)}
		}, "", "url", "only https"},
		{"response over the bound", nil, func(src *source, c *Client) Request {
			c.MaxBodyBytes = 1024
			return Request{URL: src.url("/big")}
		}, "", "size", "over the 1024-byte bound"},
		{"server stalls", nil, func(src *source, c *Client) Request { return Request{URL: src.url("/stall")} }, "", "timeout", "deadline"},
		{"redirect to http", nil, func(src *source, c *Client) Request { return Request{URL: src.url("/to-http")} }, "", "redirect", "not same-origin HTTPS"},
		{"redirect to another host", nil, func(src *source, c *Client) Request { return Request{URL: src.url("/elsewhere")} }, "", "redirect", "not same-origin HTTPS"},
		{"non-JSON with a pointer", nil, func(src *source, c *Client) Request { return Request{URL: src.url("/html")} }, "/price", "extract", `Content-Type "text/html; charset=utf-8" is not JSON`},
		{"JSON served as text/plain", nil, func(src *source, c *Client) Request { return Request{URL: src.url("/plain")} }, "/result/price", "extract", `Content-Type "text/plain" is not JSON`},
		{"a member twice", nil, func(src *source, c *Client) Request { return Request{URL: src.url("/twice")} }, "/result/price", "extract", `member "price" appears twice in the object at "/result"`},
		{"data after the JSON value", nil, func(src *source, c *Client) Request { return Request{URL: src.url("/trailing")} }, "/result/price", "extract", "data after the JSON value"},
		{"pointer matches nothing", nil, func(src *source, c *Client) Request { return Request{URL: src.url("/price")} }, "/result/volume", "extract", `no member "volume" at /result/volume`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := newSource(t, tc.staple)
			c := src.client()
			req := tc.setup(src, c)
			n, err := Notarize(context.Background(), c, s, testDomain, req, tc.pointer, common.Hash{})
			var ce *CheckError
			if n != nil || !errors.As(err, &ce) || ce.Check != tc.check || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v (notarization %v), want %s check with %q", err, n != nil, tc.check, tc.want)
			}
		})
	}
}

func mustLogList(t *testing.T) *ctpolicyList {
	l, err := parseTestLogList()
	if err != nil {
		t.Fatal(err)
	}
	return l
}
