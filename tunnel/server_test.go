package tunnel

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/tls"
	"errors"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/devproof/devproof/internal/localca"
)

// logRecord is one log line, its attributes as strings.
type logRecord struct {
	msg   string
	attrs map[string]string
}

// recorder is a slog handler that keeps every record.
type recorder struct {
	mu   sync.Mutex
	recs []logRecord
}

func (r *recorder) Enabled(context.Context, slog.Level) bool { return true }
func (r *recorder) WithAttrs([]slog.Attr) slog.Handler       { return r }
func (r *recorder) WithGroup(string) slog.Handler            { return r }
func (r *recorder) Handle(_ context.Context, rec slog.Record) error {
	lr := logRecord{msg: rec.Message, attrs: map[string]string{}}
	rec.Attrs(func(a slog.Attr) bool {
		lr.attrs[a.Key] = a.Value.String()
		return true
	})
	r.mu.Lock()
	r.recs = append(r.recs, lr)
	r.mu.Unlock()
	return nil
}

func (r *recorder) records() []logRecord {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]logRecord(nil), r.recs...)
}

// only returns the single record logged, failing t if there is not
// exactly one.
func (r *recorder) only(t *testing.T) logRecord {
	t.Helper()
	recs := r.records()
	if len(recs) != 1 {
		t.Fatalf("want 1 log line, got %d: %v", len(recs), recs)
	}
	return recs[0]
}

// want fails t unless rec's attribute key contains sub.
func (rec logRecord) want(t *testing.T, key, sub string) {
	t.Helper()
	if !strings.Contains(rec.attrs[key], sub) {
		t.Errorf("log %s=%q, want it to contain %q (line %v)", key, rec.attrs[key], sub, rec.attrs)
	}
}

// fixture is a Server on loopback with a throwaway CA.
type fixture struct {
	ca   *localca.CA
	addr string
	log  *recorder
	stop func() error // cancels Serve's context and returns what Serve did
}

func newCA(t *testing.T) (*localca.CA, tls.Certificate) {
	t.Helper()
	ca, err := localca.New()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(ca.Close)
	cert, err := ca.Issue("a.test", "b.test", "x.wild.test")
	if err != nil {
		t.Fatal(err)
	}
	return ca, cert
}

// serve starts s (its certificate, logger filled in) on 127.0.0.1.
func serve(t *testing.T, s *Server) *fixture {
	t.Helper()
	ca, cert := newCA(t)
	s.Certificates = []tls.Certificate{cert}
	f := startServer(t, s)
	f.ca = ca
	return f
}

// dial opens a TLS connection to the server for sni.
func (f *fixture) dial(t *testing.T, sni string) *tls.Conn {
	t.Helper()
	c, err := tls.Dial("tcp", f.addr, &tls.Config{ServerName: sni, RootCAs: f.ca.Pool()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// backend listens on 127.0.0.1 and runs handle on each connection; the
// cleanup closes the listener and waits for the handlers.
func backend(t testing.TB, handle func(c *net.TCPConn)) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	wg.Go(func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			wg.Go(func() {
				defer c.Close()
				handle(c.(*net.TCPConn))
			})
		}
	})
	t.Cleanup(func() { l.Close(); wg.Wait() })
	return l.Addr().String()
}

// echo writes back what it reads, then half-closes.
func echo(c *net.TCPConn) {
	io.Copy(c, c)
	c.CloseWrite()
}

// closedPort is a loopback address nothing listens on.
func closedPort(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

func TestServerBulkByteExact(t *testing.T) {
	noLeaks(t)
	size := int64(256 << 20)
	if raceEnabled {
		size = 16 << 20
	}
	f := serve(t, &Server{Default: backend(t, echo)})
	c := f.dial(t, "a.test")

	sent := sha256.New()
	var werr error
	var wg sync.WaitGroup
	wg.Go(func() {
		src := rand.NewChaCha8([32]byte{1})
		buf := make([]byte, 1<<20)
		for n := int64(0); n < size; n += int64(len(buf)) {
			src.Read(buf)
			sent.Write(buf)
			if _, werr = c.Write(buf); werr != nil {
				return
			}
		}
		werr = c.CloseWrite()
	})
	got := sha256.New()
	n, rerr := io.Copy(got, c)
	wg.Wait()
	if werr != nil || rerr != nil {
		t.Fatalf("write: %v, read: %v", werr, rerr)
	}
	if n != size || !bytes.Equal(got.Sum(nil), sent.Sum(nil)) {
		t.Fatalf("echoed %d bytes with sha256 %x, sent %d with %x", n, got.Sum(nil), size, sent.Sum(nil))
	}
	c.Close()
	if err := f.stop(); err != nil {
		t.Fatal(err)
	}
	rec := f.log.only(t)
	rec.want(t, "bytes_in", strconv.FormatInt(size, 10))
	rec.want(t, "bytes_out", strconv.FormatInt(size, 10))
	rec.want(t, "reason", "both sides closed")
}

func TestServerHalfCloseClientFirst(t *testing.T) {
	noLeaks(t)
	saw := make(chan string, 1)
	f := serve(t, &Server{Default: backend(t, func(c *net.TCPConn) {
		b, _ := io.ReadAll(c) // ends at the client's half-close
		saw <- string(b)
		c.Write([]byte("pong"))
	})})
	c := f.dial(t, "a.test")
	c.Write([]byte("ping"))
	if err := c.CloseWrite(); err != nil {
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

func TestServerHalfCloseBackendFirst(t *testing.T) {
	noLeaks(t)
	saw := make(chan string, 1)
	f := serve(t, &Server{Default: backend(t, func(c *net.TCPConn) {
		c.Write([]byte("hello"))
		c.CloseWrite()
		b, _ := io.ReadAll(c)
		saw <- string(b)
	})})
	c := f.dial(t, "a.test")
	b, err := io.ReadAll(c) // ends at the backend's half-close
	if err != nil || string(b) != "hello" {
		t.Fatalf("client read %q, %v; want hello then EOF", b, err)
	}
	c.Write([]byte("world"))
	c.CloseWrite()
	if got := <-saw; got != "world" {
		t.Fatalf("backend read %q after its half-close, want world", got)
	}
}

func TestServerTargetRefuses(t *testing.T) {
	noLeaks(t)
	target := closedPort(t)
	f := serve(t, &Server{Default: target})
	c := f.dial(t, "a.test")
	if b, err := io.ReadAll(c); err != nil || len(b) != 0 {
		t.Fatalf("client read %q, %v; want a clean close", b, err)
	}
	f.stop()
	rec := f.log.only(t)
	rec.want(t, "reason", "target unreachable")
	rec.want(t, "err", "dialing target "+target)
}

func TestServerTargetResets(t *testing.T) {
	noLeaks(t)
	// The target resets once it has the client's first byte, so the dial
	// has long finished: the reset comes while the server reads.
	target := backend(t, func(c *net.TCPConn) {
		c.Read(make([]byte, 1))
		c.SetLinger(0) // Close sends RST
	})
	f := serve(t, &Server{Default: target})
	c := f.dial(t, "a.test")
	c.Write([]byte("x"))
	io.ReadAll(c)
	f.stop()
	rec := f.log.only(t)
	rec.want(t, "reason", "error")
	rec.want(t, "err", "reading from "+target)
	rec.want(t, "err", "reset")
}

func TestServerHandshakeTimeout(t *testing.T) {
	noLeaks(t)
	const timeout = 200 * time.Millisecond
	f := serve(t, &Server{Default: "127.0.0.1:1", HandshakeTimeout: timeout})
	c, err := net.Dial("tcp", f.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	start := time.Now()
	n, _ := c.Read(make([]byte, 1)) // says nothing, waits to be cut off
	if n != 0 {
		t.Fatal("server sent bytes to a client that sent no hello")
	}
	if d := time.Since(start); d < timeout {
		t.Fatalf("cut off after %v, before the %v handshake timeout", d, timeout)
	}
	f.stop()
	rec := f.log.only(t)
	rec.want(t, "reason", "TLS handshake")
}

func TestServerGarbageHello(t *testing.T) {
	noLeaks(t)
	f := serve(t, &Server{Default: "127.0.0.1:1"})
	c, err := net.Dial("tcp", f.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.Write([]byte("GET / HTTP/1.1\r\nHost: a.test\r\n\r\n"))
	io.ReadAll(c)
	f.stop()
	rec := f.log.only(t)
	rec.want(t, "reason", "TLS handshake")
	rec.want(t, "err", "does not look like a TLS handshake")
}

func TestServerUnknownName(t *testing.T) {
	noLeaks(t)
	f := serve(t, &Server{Routes: []Route{{Pattern: "a.test", Target: "127.0.0.1:1"}}})
	_, err := tls.Dial("tcp", f.addr, &tls.Config{ServerName: "b.test", RootCAs: f.ca.Pool()})
	if err == nil {
		t.Fatal("handshake for an unrouted name succeeded")
	}
	f.stop()
	rec := f.log.only(t)
	rec.want(t, "reason", "TLS handshake")
	rec.want(t, "err", `no route for server name "b.test"`)
}

func TestServerRoutesBySNI(t *testing.T) {
	noLeaks(t)
	reply := func(s string) func(*net.TCPConn) {
		return func(c *net.TCPConn) { c.Write([]byte(s)) }
	}
	f := serve(t, &Server{
		Routes: []Route{
			{Pattern: "a.test", Target: backend(t, reply("A"))},
			{Pattern: "*.wild.test", Target: backend(t, reply("W"))},
		},
		Default: backend(t, reply("D")),
	})
	for sni, want := range map[string]string{"a.test": "A", "x.wild.test": "W", "b.test": "D"} {
		b, err := io.ReadAll(f.dial(t, sni))
		if err != nil || string(b) != want {
			t.Errorf("SNI %s reached %q, %v; want %s", sni, b, err, want)
		}
	}
}

func TestServerAcceptProxyV1(t *testing.T) {
	noLeaks(t)
	f := serve(t, &Server{Default: backend(t, echo), AcceptProxy: "v1"})
	raw, err := net.Dial("tcp", f.addr)
	if err != nil {
		t.Fatal(err)
	}
	raw.Write([]byte("PROXY TCP4 203.0.113.7 127.0.0.1 5555 443\r\n"))
	c := tls.Client(raw, &tls.Config{ServerName: "a.test", RootCAs: f.ca.Pool()})
	defer c.Close()
	c.Write([]byte("hi"))
	c.CloseWrite()
	if b, err := io.ReadAll(c); err != nil || string(b) != "hi" {
		t.Fatalf("echo through a PROXY-fronted connection: %q, %v", b, err)
	}
	c.Close()
	f.stop()
	rec := f.log.only(t)
	rec.want(t, "client", "203.0.113.7:5555")
	rec.want(t, "front", "127.0.0.1:")
}

func TestServerMalformedProxy(t *testing.T) {
	noLeaks(t)
	const bad = "PROXY TCP4 203.0.113.300 127.0.0.1 5555 443\r\n"
	_, want := ReadHeader(bufio.NewReader(strings.NewReader(bad)))
	if want == nil {
		t.Fatal("the malformed header parses")
	}
	f := serve(t, &Server{Default: "127.0.0.1:1", AcceptProxy: "any"})
	c, err := net.Dial("tcp", f.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.Write([]byte(bad))
	if b, _ := io.ReadAll(c); len(b) != 0 {
		t.Fatalf("server answered a malformed PROXY header with %q", b)
	}
	f.stop()
	rec := f.log.only(t)
	rec.want(t, "reason", "PROXY header")
	rec.want(t, "err", want.Error())
}

func TestServerProxyVersionMismatch(t *testing.T) {
	noLeaks(t)
	f := serve(t, &Server{Default: "127.0.0.1:1", AcceptProxy: "v2"})
	c, err := net.Dial("tcp", f.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.Write([]byte("PROXY TCP4 203.0.113.7 127.0.0.1 5555 443\r\n"))
	io.ReadAll(c)
	f.stop()
	f.log.only(t).want(t, "err", "PROXY header is v1, want v2")
}

func TestServerProxyOutV2(t *testing.T) {
	noLeaks(t)
	hdrs := make(chan *Header, 1)
	f := serve(t, &Server{ProxyOut: "v2", Default: backend(t, func(c *net.TCPConn) {
		br := bufio.NewReader(c)
		h, err := ReadHeader(br)
		if err != nil {
			hdrs <- nil
			return
		}
		hdrs <- h
		io.Copy(c, br)
	})})
	c := f.dial(t, "a.test")
	c.Write([]byte("after the header"))
	c.CloseWrite()
	b, err := io.ReadAll(c)
	if err != nil || string(b) != "after the header" {
		t.Fatalf("client read %q, %v", b, err)
	}
	h := <-hdrs
	if h == nil || h.Version != 2 {
		t.Fatalf("backend read header %+v, want v2", h)
	}
	if h.Source.String() != c.LocalAddr().String() {
		t.Fatalf("header source %v, want the client's %v", h.Source, c.LocalAddr())
	}
	if h.Destination.String() != f.addr {
		t.Fatalf("header destination %v, want the server's %v", h.Destination, f.addr)
	}
}

func TestServerDrain(t *testing.T) {
	noLeaks(t)
	const drain = 300 * time.Millisecond
	f := serve(t, &Server{Default: backend(t, echo), DrainTimeout: drain})
	c := f.dial(t, "a.test")
	c.Write([]byte("x"))
	if _, err := io.ReadFull(c, make([]byte, 1)); err != nil {
		t.Fatal(err) // the connection is spliced
	}
	start := time.Now()
	if err := f.stop(); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d < drain {
		t.Fatalf("Serve returned %v after shutdown with a connection open, before the %v drain", d, drain)
	}
	if _, err := c.Read(make([]byte, 1)); err == nil {
		t.Fatal("the connection is still open after the drain")
	}
	if _, err := net.Dial("tcp", f.addr); err == nil {
		t.Fatal("the listener still accepts after shutdown")
	}
	rec := f.log.only(t)
	rec.want(t, "reason", "closed by shutdown")
}

func TestServerDrainIdle(t *testing.T) {
	noLeaks(t)
	f := serve(t, &Server{Default: "127.0.0.1:1", DrainTimeout: time.Hour})
	if err := f.stop(); err != nil { // no connection open: no wait
		t.Fatal(err)
	}
}

func TestServerMaxConns(t *testing.T) {
	noLeaks(t)
	f := serve(t, &Server{Default: backend(t, echo), MaxConns: 1})
	first := f.dial(t, "a.test")
	first.Write([]byte("x"))
	if _, err := io.ReadFull(first, make([]byte, 1)); err != nil {
		t.Fatal(err)
	}
	_, err := tls.Dial("tcp", f.addr, &tls.Config{ServerName: "a.test", RootCAs: f.ca.Pool()})
	if err == nil {
		t.Fatal("a connection over MaxConns was served")
	}
	first.Close()
	f.stop()
	var refused int
	for _, rec := range f.log.records() {
		if rec.msg == "tunnel connection refused" {
			refused++
			rec.want(t, "reason", "max conns")
		}
	}
	if refused != 1 {
		t.Fatalf("want 1 refusal logged, got %d: %v", refused, f.log.records())
	}
}

func TestServerClientCertRequired(t *testing.T) {
	noLeaks(t)
	ca, _ := newCA(t)
	f := serve(t, &Server{Default: "127.0.0.1:1", ClientCAs: ca.Pool()})
	c, err := tls.Dial("tcp", f.addr, &tls.Config{ServerName: "a.test", RootCAs: f.ca.Pool()})
	if err == nil {
		// TLS 1.3 reports the server's refusal on the first read.
		_, err = c.Read(make([]byte, 1))
		c.Close()
	}
	if err == nil {
		t.Fatal("a client without a certificate was served")
	}
	// Stopping mid-handshake would log the stop instead of the refusal.
	waitLines(t, f.log, 1)
	f.stop()
	rec := f.log.only(t)
	rec.want(t, "reason", "TLS handshake")
	rec.want(t, "err", "certificate")
}

func TestServerRefusesTLS11(t *testing.T) {
	noLeaks(t)
	f := serve(t, &Server{Default: "127.0.0.1:1"})
	_, err := tls.Dial("tcp", f.addr, &tls.Config{ServerName: "a.test", RootCAs: f.ca.Pool(), MinVersion: tls.VersionTLS10, MaxVersion: tls.VersionTLS11})
	if err == nil {
		t.Fatal("a TLS 1.1 handshake succeeded")
	}
	f.stop()
	f.log.only(t).want(t, "err", "client offered only unsupported versions")
}

func TestParseRoute(t *testing.T) {
	for in, want := range map[string]Route{
		"a.example.com=10.0.0.1:443":  {"a.example.com", "10.0.0.1:443"},
		"*.Example.COM.=backend:8080": {"*.example.com", "backend:8080"},
		"db=[::1]:5432":               {"db", "[::1]:5432"},
		"xn--bcher-kva.example=h:1":   {"xn--bcher-kva.example", "h:1"},
	} {
		got, err := ParseRoute(in)
		if err != nil || got != want {
			t.Errorf("ParseRoute(%q) = %+v, %v; want %+v", in, got, err, want)
		}
	}
	for in, want := range map[string]string{
		"a.example.com":         `route "a.example.com": want SNI=host:port`,
		"=h:1":                  `pattern "" is empty`,
		"a.*.example.com=h:1":   `pattern "a.*.example.com": a wildcard may only be the whole first label`,
		"*a.example.com=h:1":    `pattern "*a.example.com": a wildcard may only be the whole first label`,
		"a..example.com=h:1":    `pattern "a..example.com" has a label of 0 bytes`,
		"-a.example.com=h:1":    `label "-a" starts or ends with '-'`,
		"a_b.example.com=h:1":   `pattern "a_b.example.com": byte '_' is not a letter, digit or '-'`,
		"a.example.com=h":       `target "h": address h: missing port in address`,
		"a.example.com=:443":    `target ":443" has no host`,
		"a.example.com=h:0":     `target "h:0": port "0" is not a number from 1 to 65535`,
		"a.example.com=h:https": `target "h:https": port "https" is not`,
		"a.example.com=h:65536": `port "65536" is not a number`,
	} {
		_, err := ParseRoute(in)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseRoute(%q) error %v, want it to contain %q", in, err, want)
		}
	}
}

func TestRouteMatches(t *testing.T) {
	w := Route{Pattern: "*.example.com"}
	for name, want := range map[string]bool{
		"a.example.com": true, "example.com": false, "a.b.example.com": false, ".example.com": false,
	} {
		if w.matches(name) != want {
			t.Errorf("%q matches %q: %v, want %v", w.Pattern, name, !want, want)
		}
	}
	s := &Server{Routes: []Route{{"a.test", "h:1"}}, Default: "d:1"}
	if _, got := s.targets("A.Test."); len(got) != 1 || got[0] != "h:1" {
		t.Errorf("targets(A.Test.) = %q, want h:1 (names compare case-insensitively)", got)
	}
	if _, got := s.targets(""); len(got) != 1 || got[0] != "d:1" {
		t.Errorf("targets(no SNI) = %q, want the default", got)
	}
}

func TestServerRefusesBadConfig(t *testing.T) {
	_, cert := newCA(t)
	certs := []tls.Certificate{cert}
	for _, c := range []struct {
		s    Server
		want string
	}{
		{Server{Default: "h:1"}, "server has no certificate"},
		{Server{Certificates: certs}, "no route and no default target"},
		{Server{Certificates: certs, Default: "h"}, `default: target "h"`},
		{Server{Certificates: certs, Routes: []Route{{"a b", "h:1"}}}, `pattern "a b"`},
		{Server{Certificates: certs, Default: "h:1", ProxyOut: "v3"}, `PROXY out "v3": want v1 or v2`},
		{Server{Certificates: certs, Default: "h:1", AcceptProxy: "yes"}, `accept PROXY "yes": want v1, v2 or any`},
	} {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		err = c.s.Serve(context.Background(), l)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Serve error %v, want it to contain %q", err, c.want)
		}
		if _, err := l.Accept(); !errors.Is(err, net.ErrClosed) {
			t.Errorf("Serve left the listener open after refusing its config")
		}
	}
}

// Behind a trusted front, the header sent on carries the front's
// addresses, not the front's connection.
func TestServerProxyInToProxyOut(t *testing.T) {
	noLeaks(t)
	hdrs := make(chan *Header, 1)
	f := serve(t, &Server{AcceptProxy: "any", ProxyOut: "v1", Default: backend(t, func(c *net.TCPConn) {
		h, _ := ReadHeader(bufio.NewReader(c))
		hdrs <- h
	})})
	raw, err := net.Dial("tcp", f.addr)
	if err != nil {
		t.Fatal(err)
	}
	raw.Write(AppendV2(nil, &net.TCPAddr{IP: net.IPv4(203, 0, 113, 7), Port: 5555}, &net.TCPAddr{IP: net.IPv4(198, 51, 100, 1), Port: 443}))
	c := tls.Client(raw, &tls.Config{ServerName: "a.test", RootCAs: f.ca.Pool()})
	defer c.Close()
	io.ReadAll(c)
	h := <-hdrs
	if h == nil || h.Version != 1 || h.Source.String() != "203.0.113.7:5555" || h.Destination.String() != "198.51.100.1:443" {
		t.Fatalf("backend read header %+v, want v1 from 203.0.113.7:5555 to 198.51.100.1:443", h)
	}
}
