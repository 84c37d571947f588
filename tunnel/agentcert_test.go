package tunnel

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"log/slog"
	"net"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/devproof/devproof/internal/retry"
	"github.com/devproof/devproof/internal/syncbuf"
	"github.com/devproof/devproof/internal/tee"
	"github.com/devproof/devproof/internal/teesim"
)

// scriptedAgent answers GetTlsKey from a simulator, the nth call (from 1)
// as script says: it may rewrite the request or fail the call. Calls past
// the script are answered as asked. Every call is sent on calls.
type scriptedAgent struct {
	tee.Agent // only GetTlsKey is called
	sim       *teesim.Simulator
	script    []func(*tee.GetTlsKeyRequest) error
	calls     chan int

	mu sync.Mutex
	n  int
}

func (a *scriptedAgent) GetTlsKey(_ context.Context, req tee.GetTlsKeyRequest) (*tee.GetTlsKeyResponse, error) {
	a.mu.Lock()
	a.n++
	n := a.n
	a.mu.Unlock()
	if a.calls != nil {
		defer func() { a.calls <- n }()
	}
	if n <= len(a.script) && a.script[n-1] != nil {
		if err := a.script[n-1](&req); err != nil {
			return nil, err
		}
	}
	return a.sim.GetTlsKey(req)
}

func newSim(t *testing.T, seed string) *teesim.Simulator {
	t.Helper()
	sim, err := teesim.New(teesim.Config{Seed: []byte(seed)})
	if err != nil {
		t.Fatal(err)
	}
	return sim
}

// pastRenewal asks for a certificate already two thirds through its life.
func pastRenewal(req *tee.GetTlsKeyRequest) error {
	nb, na := uint64(time.Now().Add(-3*time.Hour).Unix()), uint64(time.Now().Add(time.Hour).Unix())
	req.NotBefore, req.NotAfter = &nb, &na
	return nil
}

// keyNotLogged fails t if the log holds a PEM key or the key's bytes.
func keyNotLogged(t *testing.T, log string, certs ...*tls.Certificate) {
	t.Helper()
	if strings.Contains(log, "PRIVATE KEY") {
		t.Errorf("the log holds a PEM private key:\n%s", log)
	}
	for _, c := range certs {
		der, err := x509.MarshalPKCS8PrivateKey(c.PrivateKey)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(log, hex.EncodeToString(der)) || strings.Contains(log, string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))) {
			t.Errorf("the log holds the private key:\n%s", log)
		}
	}
}

func TestAgentCertRenewsAndSurvivesAFailedRefresh(t *testing.T) {
	noLeaks(t)
	agent := &scriptedAgent{
		sim:   newSim(t, "agent cert renew"),
		calls: make(chan int, 8),
		script: []func(*tee.GetTlsKeyRequest) error{
			pastRenewal,
			func(*tee.GetTlsKeyRequest) error { return errors.New("agent restarting") },
		},
	}
	var log syncbuf.Buffer
	ac := &AgentCert{
		Agent:   agent,
		Request: tee.GetTlsKeyRequest{Subject: testDomain, AltNames: []string{testDomain}, UsageRaTls: true, UsageServerAuth: true},
		Retry:   retry.Backoff{Base: time.Millisecond, Max: time.Millisecond},
		Logger:  slog.New(slog.NewTextHandler(&log, nil)),
	}
	if _, err := ac.GetCertificate(nil); err == nil || !strings.Contains(err.Error(), "agent certificate: none issued yet") {
		t.Fatalf("before the first fetch: %v", err)
	}
	if err := ac.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	first, _ := ac.GetCertificate(nil)

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- ac.Run(ctx) }()
	<-agent.calls // the first, from Refresh
	if n := <-agent.calls; n != 2 {
		t.Fatalf("call %d, want 2", n)
	}
	// The failed refresh left the first certificate in service.
	if c, _ := ac.GetClientCertificate(nil); c != first {
		t.Error("a failed refresh replaced the certificate")
	}
	if n := <-agent.calls; n != 3 {
		t.Fatalf("call %d, want 3", n)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Run: %v", err)
	}
	second, _ := ac.GetCertificate(nil)
	if second == first || second.Leaf.NotAfter.Before(first.Leaf.NotAfter) {
		t.Fatalf("not renewed: %v then %v", first.Leaf.NotAfter, second.Leaf.NotAfter)
	}
	s := log.String()
	if strings.Count(s, `msg="agent certificate issued"`) != 2 {
		t.Errorf("want 2 issued lines:\n%s", s)
	}
	if !strings.Contains(s, `msg="agent certificate refresh failed; the current one is served"`) || !strings.Contains(s, "agent restarting") || !strings.Contains(s, "serving_until=") {
		t.Errorf("the failed refresh is not logged with its error:\n%s", s)
	}
	keyNotLogged(t, s, first, second)
}

func TestAgentCertRenewAt(t *testing.T) {
	nb := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	leaf := &x509.Certificate{NotBefore: nb, NotAfter: nb.Add(90 * time.Hour)}
	if got, want := renewAt(leaf), nb.Add(60*time.Hour); !got.Equal(want) {
		t.Fatalf("renewAt = %v, want %v", got, want)
	}
}

func TestAgentCertRefuses(t *testing.T) {
	sim := newSim(t, "agent cert refuses")
	raTLS := tee.GetTlsKeyRequest{Subject: testDomain, UsageRaTls: true}
	for _, tc := range []struct {
		name  string
		req   tee.GetTlsKeyRequest
		agent tee.Agent
		want  string
	}{
		{"agent fails", raTLS, &scriptedAgent{sim: sim, script: []func(*tee.GetTlsKeyRequest) error{func(*tee.GetTlsKeyRequest) error { return errors.New("dstack agent /GetTlsKey: down") }}},
			"agent certificate: dstack agent /GetTlsKey: down"},
		{"no RA-TLS in the reply", raTLS, &scriptedAgent{sim: sim, script: []func(*tee.GetTlsKeyRequest) error{func(r *tee.GetTlsKeyRequest) error { r.UsageRaTls = false; return nil }}},
			"agent certificate: asked for RA-TLS: certificate has no RA-TLS quote extension"},
		{"expired", raTLS, &scriptedAgent{sim: sim, script: []func(*tee.GetTlsKeyRequest) error{func(r *tee.GetTlsKeyRequest) error {
			nb, na := uint64(time.Now().Add(-2*time.Hour).Unix()), uint64(time.Now().Add(-time.Hour).Unix())
			r.NotBefore, r.NotAfter = &nb, &na
			return nil
		}}}, "agent certificate: GetTlsKey issued a certificate that expired at"},
		{"garbage", raTLS, garbageAgent{}, "agent certificate: GetTlsKey reply does not parse as a key and chain"},
		{"no agent", raTLS, nil, "agent certificate: no guest agent"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var log syncbuf.Buffer
			ac := &AgentCert{Agent: tc.agent, Request: tc.req, Logger: slog.New(slog.NewTextHandler(&log, nil))}
			err := ac.Refresh(context.Background())
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Refresh: %v, want %q", err, tc.want)
			}
			if _, err := ac.GetCertificate(nil); err == nil {
				t.Error("a refused reply is served")
			}
		})
	}
}

type garbageAgent struct{ tee.Agent }

func (garbageAgent) GetTlsKey(context.Context, tee.GetTlsKeyRequest) (*tee.GetTlsKeyResponse, error) {
	return &tee.GetTlsKeyResponse{Key: "not a key", CertificateChain: []string{"not a certificate"}}, nil
}

// The server presents an RA-TLS certificate that the guest agent (the
// simulator, over its socket) issued; a client checking RA-TLS for the
// app gets the bytes back exactly.
func TestServerAgentRATLSCert(t *testing.T) {
	noLeaks(t)
	sim := newSim(t, "server agent cert")
	agent, stopSim, err := sim.Start(filepath.Join(t.TempDir(), "dstack.sock"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stopSim)
	info, err := sim.Info()
	if err != nil {
		t.Fatal(err)
	}
	ac := &AgentCert{Agent: agent, Request: tee.GetTlsKeyRequest{Subject: testDomain, AltNames: []string{testDomain}, UsageRaTls: true, UsageServerAuth: true}}
	if err := ac.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	srv := startServer(t, &Server{Default: backend(t, echo), GetCertificate: ac.GetCertificate})
	id := sim.AppID()
	addr, log, stop := runClient(t, &Client{
		Connect: []string{srv.addr},
		Verify:  ratlsVerifier(t, RATLSOptions{AppID: hex.EncodeToString(id[:]), ComposeHashes: []string{info.ComposeHash}, AllowSimulated: true}),
	})
	roundTrip(t, addr, 1<<20)
	stop()
	if s := log.String(); strings.Contains(s, "refused") || !strings.Contains(s, "tunnel connection ended") {
		t.Errorf("client log: %s", s)
	}
	waitLines(t, srv.log, 1)
	srv.stop()
	srv.log.only(t).want(t, "reason", "both sides closed")
}

// startServer is serve without a certificate of its own: s brings one.
func startServer(t *testing.T, s *Server) *fixture {
	t.Helper()
	rec := &recorder{}
	s.Logger = slog.New(rec)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, l) }()
	stop := sync.OnceValue(func() error {
		cancel()
		return <-done
	})
	t.Cleanup(func() { stop() })
	return &fixture{addr: l.Addr().String(), log: rec, stop: stop}
}

// waitLines waits until rec holds at least n lines.
func waitLines(t *testing.T, rec *recorder, n int) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); len(rec.records()) < n; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("want %d log lines, got %v", n, rec.records())
		}
	}
}
