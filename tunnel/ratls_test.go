package tunnel

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/devproof/devproof/internal/attest"
	"github.com/devproof/devproof/internal/tee"
	"github.com/devproof/devproof/internal/teesim"
)

// raTLSSim is a simulated app and an RA-TLS server certificate from it.
type raTLSSim struct {
	sim   *teesim.Simulator
	info  *tee.InfoResponse
	cert  tls.Certificate
	appID string
}

func newRATLSSim(t *testing.T) *raTLSSim {
	t.Helper()
	sim, err := teesim.New(teesim.Config{Seed: []byte("tunnel ra-tls test")})
	if err != nil {
		t.Fatal(err)
	}
	info, err := sim.Info()
	if err != nil {
		t.Fatal(err)
	}
	resp, err := sim.GetTlsKey(tee.GetTlsKeyRequest{Subject: testDomain, AltNames: []string{testDomain}, UsageRaTls: true, UsageServerAuth: true})
	if err != nil {
		t.Fatal(err)
	}
	cert, err := tls.X509KeyPair([]byte(strings.Join(resp.CertificateChain, "")), []byte(resp.Key))
	if err != nil {
		t.Fatal(err)
	}
	id := sim.AppID()
	return &raTLSSim{sim: sim, info: info, cert: cert, appID: hex.EncodeToString(id[:])}
}

// rekeyed is a certificate from the same app CA for a new key that
// carries the RA-TLS extensions of s.cert, whose quote binds another key.
func (s *raTLSSim) rekeyed(t *testing.T) tls.Certificate {
	t.Helper()
	var exts []pkix.Extension
	for _, e := range s.cert.Leaf.Extensions {
		if e.Id.Equal(attest.OIDRATLSQuote) || e.Id.Equal(attest.OIDRATLSEventLog) {
			exts = append(exts, e)
		}
	}
	if len(exts) != 2 {
		t.Fatalf("certificate has %d RA-TLS extensions, want 2", len(exts))
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:    big.NewInt(time.Now().UnixNano()),
		Subject:         pkix.Name{CommonName: testDomain},
		DNSNames:        []string{testDomain},
		NotBefore:       time.Now().Add(-time.Hour),
		NotAfter:        time.Now().Add(time.Hour),
		KeyUsage:        x509.KeyUsageDigitalSignature,
		ExtKeyUsage:     []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		ExtraExtensions: exts,
	}
	ca := s.sim.Keys()
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.CACert, &key.PublicKey, ca.CAKey)
	if err != nil {
		t.Fatal(err)
	}
	leaf, _ := x509.ParseCertificate(der)
	return tls.Certificate{Certificate: [][]byte{der, ca.CACert.Raw}, PrivateKey: key, Leaf: leaf}
}

func ratlsVerifier(t *testing.T, opts RATLSOptions) Verifier {
	t.Helper()
	v, err := RATLS(opts)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestClientRATLSRoundTrip(t *testing.T) {
	s := newRATLSSim(t)
	addr, log, stop := runClient(t, &Client{
		Connect: []string{echoServer(t, s.cert)},
		Verify:  ratlsVerifier(t, RATLSOptions{AppID: "0x" + strings.ToUpper(s.appID), ComposeHashes: []string{s.info.ComposeHash}, AllowSimulated: true}),
	})
	roundTrip(t, addr, 1<<20)
	stop()
	if s := log.String(); strings.Contains(s, "refused") || !strings.Contains(s, "tunnel connection ended") {
		t.Errorf("log: %s", s)
	}
}

func TestClientRATLSRefuses(t *testing.T) {
	s := newRATLSSim(t)
	plain := newTestCA(t).leaf(t)
	for _, tc := range []struct {
		name   string
		server tls.Certificate
		opts   RATLSOptions
		want   string
	}{
		{name: "simulated not allowed", server: s.cert, opts: RATLSOptions{AppID: s.appID},
			want: "ra-tls: simulated quote: not trustworthy (simulated quotes are not allowed)"},
		{name: "other app", server: s.cert, opts: RATLSOptions{AppID: strings.Repeat("ab", 20), AllowSimulated: true},
			want: "ra-tls: quote is from app " + s.appID + ", want " + strings.Repeat("ab", 20)},
		{name: "other compose hash", server: s.cert, opts: RATLSOptions{AppID: s.appID, ComposeHashes: []string{strings.Repeat("cd", 32)}, AllowSimulated: true},
			want: "ra-tls: compose hash " + s.info.ComposeHash + " is not allowed"},
		{name: "quote binds another key", server: s.rekeyed(t), opts: RATLSOptions{AppID: s.appID, AllowSimulated: true},
			want: "ra-tls: quote does not bind the certificate's key"},
		{name: "no RA-TLS extension", server: plain, opts: RATLSOptions{AppID: s.appID, AllowSimulated: true},
			want: "ra-tls: server certificate has no RA-TLS quote extension (OID 1.3.6.1.4.1.62397.1.1)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			addr, log := startClient(t, &Client{Connect: []string{echoServer(t, tc.server)}, Verify: ratlsVerifier(t, tc.opts)})
			refused(t, addr, log, tc.want)
		})
	}
}

func TestRATLSChecksDates(t *testing.T) {
	s := newRATLSSim(t)
	v := ratlsVerifier(t, RATLSOptions{AppID: s.appID, AllowSimulated: true})
	cs := tls.ConnectionState{PeerCertificates: []*x509.Certificate{s.cert.Leaf}}
	if err := v.VerifyServer(cs, testDomain); err != nil {
		t.Fatalf("now: %v", err)
	}
	v.(*raTLS).now = func() time.Time { return s.cert.Leaf.NotAfter.Add(time.Minute) }
	if err := v.VerifyServer(cs, testDomain); err == nil || !strings.Contains(err.Error(), "ra-tls: certificate is valid from") {
		t.Fatalf("expired: %v", err)
	}
}

func TestRATLSOptions(t *testing.T) {
	for _, tc := range []struct {
		opts RATLSOptions
		want string
	}{
		{RATLSOptions{}, "ra-tls: no app id"},
		{RATLSOptions{AppID: "xyz"}, "ra-tls: app id \"xyz\" is not 40 hex characters"},
		{RATLSOptions{AppID: strings.Repeat("ab", 20), ComposeHashes: []string{"12"}}, "ra-tls: compose hash \"12\" is not 64 hex characters"},
	} {
		if _, err := RATLS(tc.opts); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: %v, want %q", tc.opts, err, tc.want)
		}
	}
}
