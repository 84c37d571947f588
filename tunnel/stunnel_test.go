package tunnel

// Interoperability with the real stunnel (Debian package stunnel4): the
// devproof client in front of a stunnel server, a stunnel client in front
// of the devproof server, and stunnel's PROXY v1 header read by devproof.
//
// Half-close through stunnel: when one side of a stunnel connection shuts
// its sending side (a TCP FIN, or a TLS close_notify), stunnel passes that
// on (close_notify, or shutdown(SHUT_WR)) and keeps carrying the other
// direction. But from then on it waits at most TIMEOUTclose (60 s by
// default) with no byte moving before it closes the whole connection;
// TIMEOUTclose = 0 would cut a half-closed connection at once. The tests
// keep the default: each half-closed exchange ends well within it.

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"fmt"
	"io"
	"log/slog"
	mrand "math/rand/v2"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// stunnelBinary finds stunnel in PATH. Without it the test is skipped,
// unless DEVPROOF_STUNNEL=required, as in CI.
func stunnelBinary(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"stunnel", "stunnel4"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("DEVPROOF_STUNNEL") == "required" {
		t.Fatal("DEVPROOF_STUNNEL=required but neither stunnel nor stunnel4 is in PATH")
	}
	t.Skip("stunnel not in PATH (Debian package stunnel4); set DEVPROOF_STUNNEL=required to fail instead")
	return ""
}

// stunnelFiles writes cert's chain, its key and the CA's certificate as
// PEM files in dir and returns their paths.
func stunnelFiles(t *testing.T, dir string, ca *testCA, cert tls.Certificate) (chain, key, caFile string) {
	t.Helper()
	var b bytes.Buffer
	for _, der := range cert.Certificate {
		pem.Encode(&b, &pem.Block{Type: "CERTIFICATE", Bytes: der})
	}
	chain = filepath.Join(dir, "chain.pem")
	writeFile(t, chain, b.Bytes())
	der, err := x509.MarshalPKCS8PrivateKey(cert.PrivateKey)
	if err != nil {
		t.Fatal(err)
	}
	key = filepath.Join(dir, "key.pem")
	writeFile(t, key, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))
	caFile = filepath.Join(dir, "ca.pem")
	writeFile(t, caFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: ca.cert.Raw}))
	return chain, key, caFile
}

func writeFile(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// startStunnel runs stunnel in the foreground with one service, whose
// lines (everything but accept) are given, accepting on a free loopback
// port. It returns once stunnel logs the port bound; the cleanup kills stunnel, and
// prints its log if the test failed.
func startStunnel(t *testing.T, dir string, service ...string) string {
	t.Helper()
	bin := stunnelBinary(t)
	addr := closedPort(t)
	logFile := filepath.Join(dir, "stunnel.log")
	conf := strings.Join(append([]string{
		"foreground = yes",
		"pid =",
		"debug = 6",
		"output = " + logFile,
		"[service]",
		"accept = " + addr,
	}, service...), "\n") + "\n"
	confFile := filepath.Join(dir, "stunnel.conf")
	writeFile(t, confFile, []byte(conf))

	cmd := exec.Command(bin, confFile)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-exited
		if t.Failed() {
			log, _ := os.ReadFile(logFile)
			t.Logf("stunnel config:\n%s\nstunnel output:\n%s\nstunnel log:\n%s", conf, stderr.Bytes(), log)
		}
	})
	for {
		select {
		case err := <-exited:
			exited <- err
			t.Fatalf("stunnel exited before binding %s: %v", addr, err)
		default:
		}
		// Waiting for the log line rather than dialing keeps a probe
		// connection from reaching the backends.
		if strings.Contains(stunnelLog(dir), "bound to "+addr) {
			return addr
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// stunnelLog is what stunnel has logged so far.
func stunnelLog(dir string) string {
	b, _ := os.ReadFile(filepath.Join(dir, "stunnel.log"))
	return string(b)
}

// echoThenClose sends n pseudo-random bytes through addr to an echo
// backend, reads all n back and only then half-closes, expecting EOF.
//
// The echo's half-close comes only after every byte is back because of
// what stunnel 5.68 does as a server: once the client's close_notify has
// made it shut the write side of its target connection, the target's FIN
// arriving while stunnel still has unread bytes from it makes stunnel see
// the socket hung up ("Read socket closed (HUP)") and drop those bytes,
// so a large echo through it can lose its tail. roundTrip, which
// half-closes as soon as it has written, shows that under the race
// detector; the devproof server does not drop them (see
// TestServerBulkByteExact).
func echoThenClose(t *testing.T, addr string, n int64) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	sent := sha256.New()
	werr := make(chan error, 1)
	go func() {
		src := mrand.NewChaCha8([32]byte{2})
		buf := make([]byte, 1<<20)
		for left := n; left > 0; left -= int64(len(buf)) {
			b := buf[:min(left, int64(len(buf)))]
			src.Read(b)
			sent.Write(b)
			if _, err := c.Write(b); err != nil {
				werr <- err
				return
			}
		}
		werr <- nil
	}()
	got := sha256.New()
	m, rerr := io.CopyN(got, c, n)
	if err := <-werr; err != nil {
		t.Fatalf("writing: %v", err)
	}
	if rerr != nil || !bytes.Equal(got.Sum(nil), sent.Sum(nil)) {
		t.Fatalf("echo: %d bytes, sha256 %x, %v; sent %d, sha256 %x", m, got.Sum(nil), rerr, n, sent.Sum(nil))
	}
	if err := c.(*net.TCPConn).CloseWrite(); err != nil {
		t.Fatal(err)
	}
	if b, err := io.ReadAll(c); err != nil || len(b) != 0 {
		t.Fatalf("after the echo and the half-close: %d more bytes, %v; want EOF", len(b), err)
	}
}

// halfCloseClientFirst dials addr, sends ping and half-closes; the
// backend (see pingPong) must see the EOF and still answer pong.
func halfCloseClientFirst(t *testing.T, addr string, saw <-chan string) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.Write([]byte("ping"))
	if err := c.(*net.TCPConn).CloseWrite(); err != nil {
		t.Fatal(err)
	}
	if got := <-saw; got != "ping" {
		t.Fatalf("backend read %q before EOF, want ping", got)
	}
	b, err := io.ReadAll(c)
	if err != nil || string(b) != "pong" {
		t.Fatalf("client read %q, %v after its half-close; want pong", b, err)
	}
}

// pingPong is a backend that reads to EOF, reports what it read and then
// answers pong.
func pingPong(saw chan<- string) func(*net.TCPConn) {
	return func(c *net.TCPConn) {
		b, _ := io.ReadAll(c)
		saw <- string(b)
		c.Write([]byte("pong"))
	}
}

// halfCloseBackendFirst dials addr and expects hello then EOF from the
// backend (see helloFirst), after which it still sends world.
func halfCloseBackendFirst(t *testing.T, addr string, saw <-chan string) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	b, err := io.ReadAll(c)
	if err != nil || string(b) != "hello" {
		t.Fatalf("client read %q, %v; want hello then EOF", b, err)
	}
	c.Write([]byte("world"))
	c.(*net.TCPConn).CloseWrite()
	if got := <-saw; got != "world" {
		t.Fatalf("backend read %q after its half-close, want world", got)
	}
}

// helloFirst is a backend that sends hello, half-closes, then reports
// what it reads to EOF.
func helloFirst(saw chan<- string) func(*net.TCPConn) {
	return func(c *net.TCPConn) {
		c.Write([]byte("hello"))
		c.CloseWrite()
		b, _ := io.ReadAll(c)
		saw <- string(b)
	}
}

// stunnelServer is stunnel terminating TLS with leaf and connecting to
// target; extra lines are added to its service.
func stunnelServer(t *testing.T, ca *testCA, leaf tls.Certificate, target string, extra ...string) (addr, dir string) {
	t.Helper()
	dir = t.TempDir()
	chain, key, _ := stunnelFiles(t, dir, ca, leaf)
	lines := append([]string{"connect = " + target, "cert = " + chain, "key = " + key}, extra...)
	return startStunnel(t, dir, lines...), dir
}

func TestStunnelServerDevproofClient(t *testing.T) {
	stunnelBinary(t)
	ca := newTestCA(t)
	leaf := ca.leaf(t)
	pin := sha256.Sum256(leaf.Leaf.RawSubjectPublicKeyInfo)
	pinned, err := PinSPKI(hex.EncodeToString(pin[:]))
	if err != nil {
		t.Fatal(err)
	}

	t.Run("bulk/webpki", func(t *testing.T) {
		srv, _ := stunnelServer(t, ca, leaf, backend(t, echo))
		addr, _ := startClient(t, &Client{Connect: []string{srv}, Verify: WebPKI(ca.pool)})
		echoThenClose(t, addr, 32<<20)
	})
	t.Run("bulk/pinned", func(t *testing.T) {
		srv, _ := stunnelServer(t, ca, leaf, backend(t, echo))
		addr, _ := startClient(t, &Client{Connect: []string{srv}, Verify: pinned})
		echoThenClose(t, addr, 32<<20)
	})
	t.Run("halfclose/client-first", func(t *testing.T) {
		saw := make(chan string, 2)
		srv, _ := stunnelServer(t, ca, leaf, backend(t, pingPong(saw)))
		addr, _ := startClient(t, &Client{Connect: []string{srv}, Verify: WebPKI(ca.pool)})
		halfCloseClientFirst(t, addr, saw)
	})
	t.Run("halfclose/backend-first", func(t *testing.T) {
		saw := make(chan string, 2)
		srv, _ := stunnelServer(t, ca, leaf, backend(t, helloFirst(saw)))
		addr, _ := startClient(t, &Client{Connect: []string{srv}, Verify: WebPKI(ca.pool)})
		halfCloseBackendFirst(t, addr, saw)
	})
	t.Run("refused/pin", func(t *testing.T) {
		other := sha256.Sum256([]byte("another key"))
		wrong, err := PinSPKI(hex.EncodeToString(other[:]))
		if err != nil {
			t.Fatal(err)
		}
		srv, _ := stunnelServer(t, ca, leaf, backend(t, echo))
		addr, log := startClient(t, &Client{Connect: []string{srv}, Verify: wrong})
		refused(t, addr, log, "pin-spki: server key "+hex.EncodeToString(pin[:])+" is not pinned")
	})
	t.Run("refused/name", func(t *testing.T) {
		srv, _ := stunnelServer(t, ca, leaf, backend(t, echo))
		addr, log := startClient(t, &Client{Connect: []string{srv}, Verify: WebPKI(ca.pool), ServerName: "other.devproof.test"})
		refused(t, addr, log, "webpki: x509: certificate is valid for "+testDomain+", not other.devproof.test")
	})
}

// devproofServer runs a tunnel.Server with leaf on 127.0.0.1 and returns
// its address.
func devproofServer(t *testing.T, s *Server) string {
	t.Helper()
	s.Logger = slog.New(slog.DiscardHandler)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, l) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	return l.Addr().String()
}

// stunnelClient is stunnel in client mode in front of target, sending
// testDomain as SNI, checking the chain against ca and the name against
// name.
func stunnelClient(t *testing.T, ca *testCA, target, name string) (addr, dir string) {
	t.Helper()
	dir = t.TempDir()
	_, _, caFile := stunnelFiles(t, dir, ca, ca.leaf(t))
	return startStunnel(t, dir,
		"client = yes",
		"connect = "+target,
		"sni = "+testDomain,
		"verifyChain = yes",
		"CAfile = "+caFile,
		"checkHost = "+name,
	), dir
}

func TestStunnelClientDevproofServer(t *testing.T) {
	stunnelBinary(t)
	ca := newTestCA(t)
	leaf := ca.leaf(t)
	server := func(t *testing.T, target string) string {
		return devproofServer(t, &Server{Routes: []Route{{Pattern: testDomain, Target: target}}, Certificates: []tls.Certificate{leaf}})
	}

	t.Run("bulk", func(t *testing.T) {
		addr, _ := stunnelClient(t, ca, server(t, backend(t, echo)), testDomain)
		roundTrip(t, addr, 32<<20)
	})
	t.Run("halfclose/client-first", func(t *testing.T) {
		saw := make(chan string, 2)
		addr, _ := stunnelClient(t, ca, server(t, backend(t, pingPong(saw))), testDomain)
		halfCloseClientFirst(t, addr, saw)
	})
	t.Run("halfclose/backend-first", func(t *testing.T) {
		saw := make(chan string, 2)
		addr, _ := stunnelClient(t, ca, server(t, backend(t, helloFirst(saw))), testDomain)
		halfCloseBackendFirst(t, addr, saw)
	})
	t.Run("refused/name", func(t *testing.T) {
		// devproof routes testDomain, but stunnel checks another name
		// against devproof's certificate and refuses: the connection closes without a byte
		// and stunnel logs its host check.
		addr, dir := stunnelClient(t, ca, server(t, backend(t, echo)), "other.devproof.test")
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		c.Write([]byte("hello"))
		if b, _ := io.ReadAll(c); len(b) != 0 {
			t.Fatalf("refused connection read %q", b)
		}
		if log := stunnelLog(dir); !strings.Contains(log, "CERT: Subject checks failed") || !strings.Contains(log, "Rejected by CERT at depth=0: CN="+testDomain) {
			t.Fatalf("stunnel log does not refuse the host name:\n%s", log)
		}
	})
}

// proxyEcho is a backend that reads a PROXY header, reports it, and
// echoes what follows, then half-closes.
func proxyEcho(got chan<- *Header) func(*net.TCPConn) {
	return func(c *net.TCPConn) {
		r := bufio.NewReader(c)
		h, err := ReadHeader(r)
		if err != nil {
			got <- nil
			return
		}
		got <- h
		io.Copy(c, r)
		c.CloseWrite()
	}
}

func TestStunnelProxyV1(t *testing.T) {
	stunnelBinary(t)
	ca := newTestCA(t)
	leaf := ca.leaf(t)

	t.Run("to-backend", func(t *testing.T) {
		// stunnel's protocol = proxy on a server service sends
		// "PROXY TCP4 <client> <accept> ...\r\n" to its target, then the
		// decrypted bytes.
		got := make(chan *Header, 4)
		srv, _ := stunnelServer(t, ca, leaf, backend(t, proxyEcho(got)), "protocol = proxy")
		addr, _ := startClient(t, &Client{Connect: []string{srv}, Verify: WebPKI(ca.pool)})
		echoThenClose(t, addr, 4<<20)
		h := <-got
		checkStunnelHeader(t, h, srv)
	})

	t.Run("to-devproof-server", func(t *testing.T) {
		// stunnel terminates an outer TLS layer and sends PROXY v1 and the
		// inner TLS to a devproof server with AcceptProxy v1, which sends
		// its own v1 header, with the client stunnel named, to the
		// backend.
		got := make(chan *Header, 4)
		back := backend(t, proxyEcho(got))
		inner := devproofServer(t, &Server{
			Routes:       []Route{{Pattern: testDomain, Target: back}},
			Certificates: []tls.Certificate{leaf},
			AcceptProxy:  "v1",
			ProxyOut:     "v1",
		})
		srv, _ := stunnelServer(t, ca, leaf, inner, "protocol = proxy")
		addr, _ := startClient(t, &Client{Connect: []string{srv}, Verify: WebPKI(ca.pool)})

		raw, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		c := tls.Client(raw, &tls.Config{ServerName: testDomain, RootCAs: ca.pool})
		defer c.Close()
		data := bytes.Repeat([]byte("0123456789abcdef"), 1<<16)
		go c.Write(data)
		// As in echoThenClose, the half-close waits for the whole echo.
		b := make([]byte, len(data))
		if n, err := io.ReadFull(c, b); err != nil || !bytes.Equal(b, data) {
			t.Fatalf("inner echo: %d bytes of %d, equal %v, %v", n, len(data), bytes.Equal(b, data), err)
		}
		if err := c.CloseWrite(); err != nil {
			t.Fatal(err)
		}
		if rest, err := io.ReadAll(c); err != nil || len(rest) != 0 {
			t.Fatalf("after the inner echo and the half-close: %d more bytes, %v; want EOF", len(rest), err)
		}
		checkStunnelHeader(t, <-got, srv)
	})
}

// checkStunnelHeader checks a v1 header that stunnel, accepting on srv,
// sent for a loopback client.
func checkStunnelHeader(t *testing.T, h *Header, srv string) {
	t.Helper()
	if h == nil {
		t.Fatal("the backend read no valid PROXY header")
	}
	_, port, _ := net.SplitHostPort(srv)
	if h.Version != 1 || h.Source == nil || h.Destination == nil ||
		!h.Source.IP.Equal(net.IPv4(127, 0, 0, 1)) || strconv.Itoa(h.Destination.Port) != port {
		t.Fatalf("PROXY header %s, want v1 from 127.0.0.1 to port %s", fmt.Sprintf("%+v", *h), port)
	}
}
