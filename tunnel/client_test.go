package tunnel

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"log/slog"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/devproof/devproof/internal/evidence"
	"github.com/devproof/devproof/internal/syncbuf"
	"github.com/devproof/devproof/internal/tee"
	"github.com/devproof/devproof/internal/teesim"
)

const testDomain = "app.devproof.test"

// testCA issues leaf certificates for the echo servers.
type testCA struct {
	cert *x509.Certificate
	key  *ecdsa.PrivateKey
	pool *x509.CertPool
}

func newTestCA(t *testing.T) *testCA {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "tunnel test CA"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageCertSign,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return &testCA{cert, key, pool}
}

// leaf issues a certificate for testDomain on a new key.
func (ca *testCA) leaf(t *testing.T) tls.Certificate {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()),
		Subject:      pkix.Name{CommonName: testDomain},
		DNSNames:     []string{testDomain},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth, x509.ExtKeyUsageClientAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.cert, &key.PublicKey, ca.key)
	if err != nil {
		t.Fatal(err)
	}
	leaf, _ := x509.ParseCertificate(der)
	return tls.Certificate{Certificate: [][]byte{der, ca.cert.Raw}, PrivateKey: key, Leaf: leaf}
}

// echoServer is a TLS server that sends back what it reads and, at the
// client's EOF, half-closes its side.
func echoServer(t *testing.T, cert tls.Certificate) string {
	t.Helper()
	l, err := tls.Listen("tcp", "127.0.0.1:0", &tls.Config{Certificates: []tls.Certificate{cert}})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	t.Cleanup(func() { l.Close(); wg.Wait() })
	wg.Go(func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			wg.Go(func() {
				defer c.Close()
				if _, err := io.Copy(c, c); err != nil {
					return
				}
				c.(*tls.Conn).CloseWrite()
				io.Copy(io.Discard, c)
			})
		}
	})
	return l.Addr().String()
}

// simQuoter quotes with the simulator directly, as its guest agent would.
type simQuoter struct{ *teesim.Simulator }

func (q simQuoter) GetQuote(_ context.Context, rd []byte) (*tee.GetQuoteResponse, error) {
	return q.Quote(rd)
}

// deployment is a simulated app's published evidence, served over HTTPS.
type deployment struct {
	sim     *teesim.Simulator
	info    *tee.InfoResponse
	keys    *evidence.Keys
	mu      sync.Mutex
	files   evidence.Files
	fetches atomic.Int64 // keys.json requests
	srv     *httptest.Server
}

func newDeployment(t *testing.T, leaves ...tls.Certificate) *deployment {
	t.Helper()
	sim, err := teesim.New(teesim.Config{Seed: []byte("tunnel client test")})
	if err != nil {
		t.Fatal(err)
	}
	info, err := sim.Info()
	if err != nil {
		t.Fatal(err)
	}
	d := &deployment{sim: sim, info: info, keys: &evidence.Keys{Version: 1, AppID: info.AppID}}
	for _, l := range leaves {
		d.attest(t, l)
	}
	d.srv = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, "/evidences/")
		if name == evidence.KeysFile {
			d.fetches.Add(1)
		}
		d.mu.Lock()
		b, ok := d.files[name]
		if name == "" {
			w.Header().Set("Content-Type", "text/plain")
			for n := range d.files {
				fmt.Fprintln(w, n)
			}
		}
		d.mu.Unlock()
		if name == "" {
			return
		}
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Write(b)
	}))
	t.Cleanup(d.srv.Close)
	return d
}

// attest adds leaf's key to keys.json and rebuilds the evidence.
func (d *deployment) attest(t *testing.T, leaf tls.Certificate) {
	t.Helper()
	ctx := context.Background()
	if _, err := d.keys.Add(ctx, simQuoter{d.sim}, leaf.Leaf, []string{testDomain}, time.Now()); err != nil {
		t.Fatal(err)
	}
	var chain []byte
	for _, der := range leaf.Certificate {
		chain = append(chain, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})...)
	}
	files, err := evidence.Build(ctx, simQuoter{d.sim}, evidence.Input{
		Manifest: evidence.Manifest{
			Version:        1,
			AppID:          d.info.AppID,
			InstanceID:     d.info.InstanceID,
			ComposeHash:    d.info.ComposeHash,
			Domains:        []string{testDomain},
			ACMEAccountURI: "https://acme.devproof.test/acct/1",
			CreatedAt:      time.Now().UTC().Format(time.RFC3339),
		},
		Certs:   map[string][]byte{testDomain: chain},
		Contact: []string{"mailto:ops@devproof.test"},
		Keys:    d.keys,
	})
	if err != nil {
		t.Fatal(err)
	}
	d.mu.Lock()
	d.files = files
	d.mu.Unlock()
}

// edit replaces one evidence file.
func (d *deployment) edit(name string, f func([]byte) []byte) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.files[name] = f(d.files[name])
}

func (d *deployment) verifier(t *testing.T, opts evidence.Options) *Attested {
	t.Helper()
	if opts.AppID == "" {
		opts.AppID = d.info.AppID
	}
	a, err := NewAttested(d.srv.URL+"/evidences/", opts, d.srv.Client())
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// startClient serves c on a loopback listener and returns its address and
// the log it writes.
func startClient(t *testing.T, c *Client) (string, *syncbuf.Buffer) {
	addr, log, _ := runClient(t, c)
	return addr, log
}

// runClient is startClient that also returns a function which stops the
// client and waits for Serve to return, after which the log is complete.
func runClient(t *testing.T, c *Client) (string, *syncbuf.Buffer, func()) {
	t.Helper()
	var log syncbuf.Buffer
	c.Logger = slog.New(slog.NewTextHandler(&log, nil))
	if c.ServerName == "" {
		c.ServerName = testDomain
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- c.Serve(ctx, l) }()
	stop := sync.OnceFunc(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	t.Cleanup(stop)
	return l.Addr().String(), &log, stop
}

// roundTrip sends n pseudo-random bytes through the client at addr,
// half-closes, and checks that exactly those bytes come back, then EOF.
func roundTrip(t *testing.T, addr string, n int) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	data := make([]byte, n)
	rand.Read(data)
	sent := sha256.Sum256(data)
	writeErr := make(chan error, 1)
	go func() {
		_, err := conn.Write(data)
		if err == nil {
			err = conn.(*net.TCPConn).CloseWrite()
		}
		writeErr <- err
	}()
	h := sha256.New()
	got, err := io.Copy(h, conn)
	if err != nil {
		t.Fatalf("reading the echo: %v", err)
	}
	if err := <-writeErr; err != nil {
		t.Fatalf("writing: %v", err)
	}
	if got != int64(n) || !bytes.Equal(h.Sum(nil), sent[:]) {
		t.Fatalf("echo: %d bytes, sha256 %x; sent %d, sha256 %x", got, h.Sum(nil), n, sent)
	}
}

// refused checks that the client at addr closes a connection without a
// byte and logs want.
func refused(t *testing.T, addr string, log *syncbuf.Buffer, want string) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.Write([]byte("hello"))
	b, err := io.ReadAll(conn)
	if len(b) != 0 {
		t.Fatalf("refused connection read %q", b)
	}
	_ = err // EOF or a reset: either way closed
	if s := log.String(); !strings.Contains(s, "tunnel connection refused") || !strings.Contains(s, want) {
		t.Fatalf("log %q does not refuse with %q", s, want)
	}
}

func TestClientAttestedRoundTrip(t *testing.T) {
	ca := newTestCA(t)
	cert := ca.leaf(t)
	d := newDeployment(t, cert)
	addr, log, stop := runClient(t, &Client{
		Connect: []string{echoServer(t, cert)},
		Verify:  d.verifier(t, evidence.Options{AllowSimulated: true, ComposeHashes: []string{d.info.ComposeHash}}),
	})
	roundTrip(t, addr, 8<<20)
	roundTrip(t, addr, 0)
	stop()
	if s := log.String(); strings.Contains(s, "refused") || strings.Count(s, "tunnel connection ended") != 2 || !strings.Contains(s, "sent=8388608 received=8388608") {
		t.Errorf("log: %s", s)
	}
}

func TestClientAttestedRefuses(t *testing.T) {
	ca := newTestCA(t)
	attested := ca.leaf(t)
	for _, tc := range []struct {
		name   string
		server tls.Certificate
		opts   evidence.Options
		edit   func(*deployment)
		want   string
	}{
		{name: "key not in keys.json", server: ca.leaf(t), opts: evidence.Options{AllowSimulated: true},
			want: "is not among the keys"},
		{name: "other compose hash", server: attested, opts: evidence.Options{AllowSimulated: true, ComposeHashes: []string{strings.Repeat("cd", 32)}},
			want: "quote.json: identity: compose_hash"},
		{name: "simulated not allowed", server: attested, opts: evidence.Options{},
			want: "simulated quote: not trustworthy"},
		{name: "tampered key quote", server: attested, opts: evidence.Options{AllowSimulated: true},
			edit: func(d *deployment) { d.edit(evidence.KeysFile, tamperKeyQuote(t)) },
			want: "simulated quote: signature over header and body does not verify"},
		{name: "other app", server: attested, opts: evidence.Options{AllowSimulated: true, AppID: strings.Repeat("ab", 20)},
			want: "quote.json: identity: app_id"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := newDeployment(t, attested)
			if tc.edit != nil {
				tc.edit(d)
			}
			addr, log := startClient(t, &Client{Connect: []string{echoServer(t, tc.server)}, Verify: d.verifier(t, tc.opts)})
			refused(t, addr, log, tc.want)
		})
	}
}

// tamperKeyQuote flips one hex digit in the body of the first key's
// quote, inside the TD report the signature covers.
func tamperKeyQuote(t *testing.T) func([]byte) []byte {
	return func(b []byte) []byte {
		var k evidence.Keys
		if err := json.Unmarshal(b, &k); err != nil {
			t.Fatal(err)
		}
		q := []byte(k.Keys[0].Quote.Quote)
		i := 2 * (48 + 200) // a byte of the TD report body
		raw, _ := hex.DecodeString(string(q[i : i+2]))
		copy(q[i:], hex.EncodeToString([]byte{raw[0] ^ 1}))
		k.Keys[0].Quote.Quote = string(q)
		out, err := json.Marshal(k)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
}

// A renewed key is accepted once the deployment attests it, after at most
// one refresh per refreshEvery.
func TestClientAttestedRenewal(t *testing.T) {
	ca := newTestCA(t)
	old, renewed := ca.leaf(t), ca.leaf(t)
	d := newDeployment(t, old)
	v := d.verifier(t, evidence.Options{AllowSimulated: true})
	now := time.Now()
	v.now = func() time.Time { return now }
	addr, log := startClient(t, &Client{Connect: []string{echoServer(t, renewed)}, Verify: v})
	refused(t, addr, log, "is not among the keys")
	if n := d.fetches.Load(); n != 1 {
		t.Fatalf("%d fetches after the first unknown key, want 1", n)
	}
	d.attest(t, renewed)
	refused(t, addr, log, "is not among the keys")
	if n := d.fetches.Load(); n != 1 {
		t.Fatalf("%d fetches within %v, want 1", n, refreshEvery)
	}
	now = now.Add(refreshEvery)
	roundTrip(t, addr, 1<<10)
	if n := d.fetches.Load(); n != 2 {
		t.Fatalf("%d fetches after %v, want 2", n, refreshEvery)
	}
}

func TestClientPinned(t *testing.T) {
	ca := newTestCA(t)
	cert := ca.leaf(t)
	pin, err := PinSPKI(evidence.SPKIHash(cert.Leaf))
	if err != nil {
		t.Fatal(err)
	}
	addr, _ := startClient(t, &Client{Connect: []string{echoServer(t, cert)}, Verify: pin})
	roundTrip(t, addr, 1<<16)
	addr, log := startClient(t, &Client{Connect: []string{echoServer(t, ca.leaf(t))}, Verify: pin})
	refused(t, addr, log, "is not pinned")
	if _, err := PinSPKI("abc"); err == nil || !strings.Contains(err.Error(), `"abc"`) {
		t.Errorf("PinSPKI(abc) = %v", err)
	}
}

func TestClientWebPKI(t *testing.T) {
	ca := newTestCA(t)
	srv := echoServer(t, ca.leaf(t))
	addr, _ := startClient(t, &Client{Connect: []string{srv}, Verify: WebPKI(ca.pool)})
	roundTrip(t, addr, 1<<16)
	addr, log := startClient(t, &Client{Connect: []string{srv}, Verify: WebPKI(ca.pool), ServerName: "other.devproof.test"})
	refused(t, addr, log, "webpki: x509: certificate is valid for app.devproof.test, not other.devproof.test")
	addr, log = startClient(t, &Client{Connect: []string{srv}, Verify: WebPKI(newTestCA(t).pool)})
	refused(t, addr, log, "webpki: x509: certificate signed by unknown authority")
}

// Priority skips a target that refuses connections; round-robin spreads
// connections over both.
func TestClientFailover(t *testing.T) {
	ca := newTestCA(t)
	dead, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	deadAddr := dead.Addr().String()
	dead.Close()
	a, b := echoServer(t, ca.leaf(t)), echoServer(t, ca.leaf(t))
	addr, log, stop := runClient(t, &Client{Connect: []string{deadAddr, a}, Verify: WebPKI(ca.pool)})
	roundTrip(t, addr, 10)
	stop()
	if !strings.Contains(log.String(), "to="+a) {
		t.Errorf("priority: log %s", log)
	}
	addr, log, stop = runClient(t, &Client{Connect: []string{a, b}, Failover: RoundRobin, Verify: WebPKI(ca.pool)})
	roundTrip(t, addr, 10)
	roundTrip(t, addr, 10)
	stop()
	if s := log.String(); !strings.Contains(s, "to="+a) || !strings.Contains(s, "to="+b) {
		t.Errorf("round-robin: log %s", s)
	}
	if err := (&Client{Connect: []string{a}, Failover: "random"}).Serve(context.Background(), dead); err == nil || !strings.Contains(err.Error(), `"random"`) {
		t.Errorf("failover random: %v", err)
	}
}

// Stopping the client ends the connections it carries: Serve returns with
// one open, and its local side sees the close.
func TestClientStopEndsConnections(t *testing.T) {
	ca := newTestCA(t)
	addr, log, stop := runClient(t, &Client{Connect: []string{echoServer(t, ca.leaf(t))}, Verify: WebPKI(ca.pool)})
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.Write([]byte("x"))
	buf := make([]byte, 1)
	if _, err := io.ReadFull(conn, buf); err != nil {
		t.Fatalf("echo before stop: %v", err)
	}
	stop()
	if n, err := conn.Read(buf); err == nil {
		t.Fatalf("read %d bytes after stop, want the connection closed", n)
	}
	if !strings.Contains(log.String(), "tunnel connection ended") {
		t.Errorf("log: %s", log)
	}
}

// A server that requires a client certificate gets Certificates.
func TestClientCertificate(t *testing.T) {
	ca := newTestCA(t)
	l, err := tls.Listen("tcp", "127.0.0.1:0", &tls.Config{
		Certificates: []tls.Certificate{ca.leaf(t)},
		ClientAuth:   tls.RequireAndVerifyClientCert,
		ClientCAs:    ca.pool,
	})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				io.Copy(c, c)
				c.(*tls.Conn).CloseWrite()
			}()
		}
	}()
	addr, _ := startClient(t, &Client{Connect: []string{l.Addr().String()}, Verify: WebPKI(ca.pool), Certificates: []tls.Certificate{ca.leaf(t)}})
	roundTrip(t, addr, 1<<10)
}

// Attested mode still checks the certificate's name and dates.
func TestClientAttestedChecksNameAndDates(t *testing.T) {
	ca := newTestCA(t)
	cert := ca.leaf(t)
	d := newDeployment(t, cert)
	srv := echoServer(t, cert)
	addr, log := startClient(t, &Client{Connect: []string{srv}, ServerName: "other.devproof.test", Verify: d.verifier(t, evidence.Options{AllowSimulated: true})})
	refused(t, addr, log, "attested: x509: certificate is valid for app.devproof.test, not other.devproof.test")
	v := d.verifier(t, evidence.Options{AllowSimulated: true})
	v.now = func() time.Time { return cert.Leaf.NotAfter.Add(time.Second) }
	addr, log = startClient(t, &Client{Connect: []string{srv}, Verify: v})
	refused(t, addr, log, "attested: certificate for app.devproof.test is valid from")
	if d.fetches.Load() != 0 {
		t.Errorf("evidence fetched %d times for certificates refused before the key check", d.fetches.Load())
	}
}
