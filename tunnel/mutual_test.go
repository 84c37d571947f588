package tunnel

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"io"
	"net"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/devproof/devproof/internal/tee"
	"github.com/devproof/devproof/internal/teesim"
)

// The tests below play a developer who controls the network and can run
// any client code, but holds none of the TEE's keys: only a client app
// the server allows, running in a TEE, gets through.

var (
	clientAppID = [20]byte{0xc1, 0x1e, 0x47}
	otherAppID  = [20]byte{0x07, 0x4e, 0x12}
)

// clientApp is a simulated client app with the given id and compose.
func clientApp(t *testing.T, id [20]byte, compose string) *teesim.Simulator {
	t.Helper()
	cfg := teesim.Config{Seed: []byte("mutual client " + compose), AppID: id[:]}
	if compose != "" {
		cfg.AppCompose = []byte(compose)
	}
	sim, err := teesim.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return sim
}

// raTLSClientCert is an RA-TLS client certificate the simulator issues.
func raTLSClientCert(t *testing.T, sim *teesim.Simulator) tls.Certificate {
	t.Helper()
	ac := &AgentCert{Agent: &scriptedAgent{sim: sim}, Request: tee.GetTlsKeyRequest{Subject: "client", UsageRaTls: true, UsageClientAuth: true}}
	if err := ac.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	c, _ := ac.GetClientCertificate(nil)
	return *c
}

// mutualServer is an RA-TLS server in front of an echo that lets in only
// clients that policy accepts; verify is the check its clients make of it.
// A count, when given, counts the checks.
func mutualServer(t *testing.T, policy RATLSOptions, count ...*countingVerifier) (*fixture, Verifier) {
	t.Helper()
	s := newRATLSSim(t)
	cv, err := RATLSClient(policy)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range count {
		c.ClientVerifier = cv
		cv = c
	}
	f := startServer(t, &Server{Default: backend(t, echo), Certificates: []tls.Certificate{s.cert}, VerifyClient: cv})
	return f, ratlsVerifier(t, RATLSOptions{AppID: s.appID, ComposeHashes: []string{s.info.ComposeHash}, AllowSimulated: true})
}

func composeHash(t *testing.T, sim *teesim.Simulator) string {
	t.Helper()
	info, err := sim.Info()
	if err != nil {
		t.Fatal(err)
	}
	return info.ComposeHash
}

// An RA-TLS client of the allowed app and compose hash, its certificate
// fetched from its guest agent over the socket, gets its bytes back.
func TestMutualAcceptsAllowedClientApp(t *testing.T) {
	noLeaks(t)
	sim := clientApp(t, clientAppID, "")
	agent, stopSim, err := sim.Start(filepath.Join(t.TempDir(), "dstack.sock"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stopSim)
	checks := &countingVerifier{}
	f, verify := mutualServer(t, RATLSOptions{AppID: hex.EncodeToString(clientAppID[:]), ComposeHashes: []string{composeHash(t, sim)}, AllowSimulated: true}, checks)
	ac := &AgentCert{Agent: agent, Request: tee.GetTlsKeyRequest{Subject: "client", UsageRaTls: true, UsageClientAuth: true}}
	if err := ac.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	addr, log, stop := runClient(t, &Client{Connect: []string{f.addr}, Verify: verify, GetClientCertificate: ac.GetClientCertificate})
	roundTrip(t, addr, 1<<20)
	roundTrip(t, addr, 1)
	stop()
	if full, resumed := checks.full.Load(), checks.resumed.Load(); full != 1 || resumed != 1 {
		t.Errorf("client checked on %d full and %d resumed handshakes, want 1 and 1", full, resumed)
	}
	if s := log.String(); strings.Contains(s, "refused") || strings.Count(s, "tunnel connection ended") != 2 {
		t.Errorf("client log: %s", s)
	}
	waitLines(t, f.log, 2)
	f.stop()
	for _, rec := range f.log.records() {
		rec.want(t, "reason", "both sides closed")
	}
}

func TestMutualRefuses(t *testing.T) {
	allowed := clientApp(t, clientAppID, "")
	allowedCert := raTLSClientCert(t, allowed)
	id := hex.EncodeToString(clientAppID[:])
	policy := RATLSOptions{AppID: id, ComposeHashes: []string{composeHash(t, allowed)}, AllowSimulated: true}
	otherCompose := clientApp(t, clientAppID, strings.Replace(teesim.DefaultAppCompose, `"name":"devproof-dev"`, `"name":"devproof-debug-shell"`, 1))
	rekeyed := (&raTLSSim{sim: allowed, cert: allowedCert}).rekeyed(t)
	for _, tc := range []struct {
		name   string
		cert   *tls.Certificate
		policy RATLSOptions
		want   string
	}{
		{name: "no certificate", policy: policy,
			want: "tls: client didn't provide a certificate"},
		{name: "CA-issued certificate without a quote", cert: ptr(newTestCA(t).leaf(t)), policy: policy,
			want: "ra-tls: client certificate has no RA-TLS quote extension (OID 1.3.6.1.4.1.62397.1.1)"},
		{name: "another app", cert: ptr(raTLSClientCert(t, clientApp(t, otherAppID, ""))), policy: policy,
			want: "ra-tls: quote is from app " + hex.EncodeToString(otherAppID[:]) + ", want " + id},
		{name: "another compose hash", cert: ptr(raTLSClientCert(t, otherCompose)), policy: policy,
			want: "ra-tls: compose hash " + composeHash(t, otherCompose) + " is not allowed"},
		{name: "simulated quote not allowed", cert: &allowedCert, policy: RATLSOptions{AppID: id},
			want: "ra-tls: simulated quote: not trustworthy (simulated quotes are not allowed)"},
		{name: "quote binds another key", cert: &rekeyed, policy: policy,
			want: "ra-tls: quote does not bind the certificate's key"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			noLeaks(t)
			f, verify := mutualServer(t, tc.policy)
			c := &Client{Connect: []string{f.addr}, Verify: verify}
			if tc.cert != nil {
				c.Certificates = []tls.Certificate{*tc.cert}
			}
			addr, _, stop := runClient(t, c)
			conn, err := net.Dial("tcp", addr)
			if err != nil {
				t.Fatal(err)
			}
			conn.Write([]byte("hello"))
			conn.(*net.TCPConn).CloseWrite()
			b, _ := io.ReadAll(conn)
			conn.Close()
			if len(b) != 0 {
				t.Fatalf("a refused client read %q", b)
			}
			stop()
			// Stopping the server mid-handshake would log the stop instead
			// of the check; the line is written once the handshake is over.
			waitLines(t, f.log, 1)
			f.stop()
			rec := f.log.only(t)
			rec.want(t, "reason", "TLS handshake")
			rec.want(t, "err", tc.want)
		})
	}
}

// Without a certificate, the Go client is refused the same way as the
// tunnel client: the server asks for one whatever the client offers.
func TestMutualPlainTLSClientRefused(t *testing.T) {
	noLeaks(t)
	f, _ := mutualServer(t, RATLSOptions{AppID: hex.EncodeToString(clientAppID[:]), AllowSimulated: true})
	c, err := tls.Dial("tcp", f.addr, &tls.Config{InsecureSkipVerify: true, MaxVersion: tls.VersionTLS12})
	if err == nil {
		c.Close()
		t.Fatal("a TLS 1.2 client without a certificate completed the handshake")
	}
	waitLines(t, f.log, 1)
	f.stop()
	f.log.only(t).want(t, "err", "tls: client didn't provide a certificate")
}

// countingVerifier counts the full and resumed handshakes it passes on.
type countingVerifier struct {
	ClientVerifier
	full, resumed atomic.Int32
}

func (c *countingVerifier) VerifyClient(cs tls.ConnectionState) error {
	if cs.DidResume {
		c.resumed.Add(1)
	} else {
		c.full.Add(1)
	}
	return c.ClientVerifier.VerifyClient(cs)
}

func TestRATLSClientChecks(t *testing.T) {
	if _, err := RATLSClient(RATLSOptions{}); err == nil || !strings.Contains(err.Error(), "ra-tls: no app id") {
		t.Fatalf("no app id: %v", err)
	}
	sim := clientApp(t, clientAppID, "")
	cert := raTLSClientCert(t, sim)
	v, err := RATLSClient(RATLSOptions{AppID: hex.EncodeToString(clientAppID[:]), AllowSimulated: true})
	if err != nil {
		t.Fatal(err)
	}
	cs := tls.ConnectionState{PeerCertificates: []*x509.Certificate{cert.Leaf}}
	if err := v.VerifyClient(cs); err != nil {
		t.Fatalf("now: %v", err)
	}
	if err := v.VerifyClient(tls.ConnectionState{}); err == nil || err.Error() != "ra-tls: client sent no certificate" {
		t.Errorf("no certificate: %v", err)
	}
	v.(*raTLS).now = func() time.Time { return cert.Leaf.NotAfter.Add(time.Minute) }
	if err := v.VerifyClient(cs); err == nil || !strings.Contains(err.Error(), "ra-tls: certificate is valid from") {
		t.Errorf("expired: %v", err)
	}
}

func ptr[T any](v T) *T { return &v }
