package main

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"errors"
	"io"
	"math/big"
	"net"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/devproof/devproof/internal/evidence"
	"github.com/devproof/devproof/internal/syncbuf"
	"github.com/devproof/devproof/internal/tee"
	"github.com/devproof/devproof/internal/teesim"
)

// tlsEcho serves a self-signed certificate for name on loopback and sends
// back what it reads, half-closing at the client's EOF. It returns the
// address and the certificate's SPKI sha256.
func tlsEcho(t *testing.T, name string) (string, string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: name},
		DNSNames:     []string{name},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	leaf, _ := x509.ParseCertificate(der)
	return serveTLSEcho(t, tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}), evidence.SPKIHash(leaf)
}

// serveTLSEcho serves cert on loopback, sending back what it reads and
// half-closing at the client's EOF; it returns the address.
func serveTLSEcho(t *testing.T, cert tls.Certificate) string {
	t.Helper()
	l, err := tls.Listen("tcp", "127.0.0.1:0", &tls.Config{Certificates: []tls.Certificate{cert}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
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
	return l.Addr().String()
}

// startTunnelClient runs `devproof tunnel client` with args until stop,
// which fails t unless it then returns nil; addr is where it listens.
func startTunnelClient(t *testing.T, args []string) (addr string, stderr *syncbuf.Buffer, stop func()) {
	t.Helper()
	stderr = &syncbuf.Buffer{}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- runTunnelClient(ctx, args, io.Discard, stderr) }()
	for addr == "" {
		select {
		case err := <-done:
			cancel()
			t.Fatalf("runTunnelClient returned early: %v\n%s", err, stderr.String())
		default:
		}
		if m := listeningRE.FindStringSubmatch(stderr.String()); m != nil {
			addr = m[1]
		}
		time.Sleep(time.Millisecond)
	}
	return addr, stderr, func() {
		t.Helper()
		cancel()
		if err := <-done; err != nil {
			t.Fatalf("runTunnelClient after cancel: %v", err)
		}
	}
}

// ping sends "ping" through the tunnel at addr, half-closes, and returns
// what came back.
func ping(t *testing.T, addr string) ([]byte, error) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.Write([]byte("ping"))
	conn.(*net.TCPConn).CloseWrite()
	return io.ReadAll(conn)
}

var listeningRE = regexp.MustCompile(`"msg":"tunnel client listening","addr":"([^"]+)"`)

func TestTunnelClientPinned(t *testing.T) {
	echo, spki := tlsEcho(t, "echo.devproof.test")
	t.Setenv("TUNNEL_CONNECT", echo)
	t.Setenv("TUNNEL_PIN_SPKI", "not-hex") // the flag wins
	addr, _, stop := startTunnelClient(t, []string{"--listen", "127.0.0.1:0", "--pin-spki", spki, "--sni", "echo.devproof.test"})
	got, err := ping(t, addr)
	if err != nil || string(got) != "ping" {
		t.Fatalf("echo through the tunnel = %q, %v", got, err)
	}
	stop()
}

func TestTunnelClientUsage(t *testing.T) {
	t.Setenv("TUNNEL_CONNECT", "")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "--listen and --connect are required"},
		{[]string{"--listen", "127.0.0.1:0", "--connect", "a:1", "--pin-spki", strings.Repeat("ab", 32), "--attested", "https://a/evidences/"}, "--pin-spki, --attested and --ra-tls are ways"},
		{[]string{"--listen", "127.0.0.1:0", "--connect", "a:1", "--ra-tls", "--app-id", strings.Repeat("ab", 20), "--attested", "https://a/evidences/"}, "--pin-spki, --attested and --ra-tls are ways"},
		{[]string{"--listen", "127.0.0.1:0", "--connect", "a:1", "--ra-tls", "--pin-spki", strings.Repeat("ab", 32)}, "--pin-spki, --attested and --ra-tls are ways"},
		{[]string{"--listen", "127.0.0.1:0", "--connect", "a:1", "--ra-tls"}, "--ra-tls needs --app-id"},
		{[]string{"--listen", "127.0.0.1:0", "--connect", "a:1", "--ra-tls", "--app-id", "ab"}, `ra-tls: app id "ab" is not 40 hex`},
		{[]string{"--listen", "127.0.0.1:0", "--connect", "a:1", "--attested", "https://a/evidences/"}, "--attested needs --app-id"},
		{[]string{"--listen", "127.0.0.1:0", "--connect", "a:1", "--app-id", "ab"}, "apply only with --attested or --ra-tls"},
		{[]string{"--listen", "127.0.0.1:0", "--connect", "a:1", "--pin-spki", "zz"}, `pin-spki "zz" is not 64 hex`},
		{[]string{"--listen", "127.0.0.1:0", "--connect", "a:1", "--ca", "/nonexistent/ca.pem"}, "--ca: open /nonexistent/ca.pem"},
		{[]string{"--listen", "127.0.0.1:0", "--connect", "a:1", "--failover", "random"}, `failover "random"`},
		{[]string{"--listen", "127.0.0.1:0", "--connect", "a:1", "--curves", "X448"}, `--curves: curves "X448": "X448" is not one of`},
		{[]string{"--listen", "127.0.0.1:0", "--connect", "a:1", "--pin-spki", strings.Repeat("ab", 32), "--resolve", "a:443:127.0.0.1"}, "--resolve applies only to fetching --attested"},
		{[]string{"--listen", "127.0.0.1:0", "--connect", "a:1", "--attested", "https://a/evidences/", "--app-id", strings.Repeat("ab", 20), "--resolve", "a:443"}, `--resolve "a:443": want HOST:PORT:ADDR`},
	} {
		err := runTunnelClient(context.Background(), tc.args, io.Discard, io.Discard)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want %q", tc.args, err, tc.want)
		}
	}
	err := runTunnelClient(context.Background(), []string{"extra"}, io.Discard, io.Discard)
	if !errors.Is(err, errUsage) {
		t.Errorf("positional argument: %v, want a usage error", err)
	}
}

func TestTunnelClientRATLS(t *testing.T) {
	sim, err := teesim.New(teesim.Config{Seed: []byte("tunnel client ra-tls")})
	if err != nil {
		t.Fatal(err)
	}
	resp, err := sim.GetTlsKey(tee.GetTlsKeyRequest{Subject: "echo.devproof.test", UsageRaTls: true, UsageServerAuth: true})
	if err != nil {
		t.Fatal(err)
	}
	cert, err := tls.X509KeyPair([]byte(strings.Join(resp.CertificateChain, "")), []byte(resp.Key))
	if err != nil {
		t.Fatal(err)
	}
	echo := serveTLSEcho(t, cert)
	id := sim.AppID()
	for _, tc := range []struct {
		name  string
		extra []string
		want  string // "" for the echo
	}{
		{"accepted", []string{"--allow-simulated"}, ""},
		{"simulated not allowed", nil, "ra-tls: simulated quote: not trustworthy"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"--listen", "127.0.0.1:0", "--connect", echo, "--ra-tls", "--app-id", hex.EncodeToString(id[:])}, tc.extra...)
			addr, stderr, stop := startTunnelClient(t, args)
			got, _ := ping(t, addr)
			stop()
			if tc.want == "" {
				if string(got) != "ping" {
					t.Fatalf("echo through the tunnel = %q\n%s", got, stderr.String())
				}
				return
			}
			if len(got) != 0 || !strings.Contains(stderr.String(), tc.want) {
				t.Fatalf("read %q; log %s does not refuse with %q", got, stderr.String(), tc.want)
			}
		})
	}
}
