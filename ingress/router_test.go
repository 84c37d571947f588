package ingress

import (
	"bufio"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.uber.org/goleak"
)

// testCert is a self-signed certificate for the router tests' names.
func testCert(t testing.TB) (tls.Certificate, *x509.CertPool) {
	t.Helper()
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "router test"},
		DNSNames:  []string{"app.devproof.test", "db.devproof.test", "*.wild.devproof.test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	leaf, _ := x509.ParseCertificate(der)
	pool := x509.NewCertPool()
	pool.AddCert(leaf)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, pool
}

type routerEnv struct {
	addr   string
	pool   *x509.CertPool
	cancel func()
	done   chan error
}

func startRouter(t testing.TB, r *router) *routerEnv {
	t.Helper()
	cert, pool := testCert(t)
	r.TLS = &tls.Config{Certificates: []tls.Certificate{cert}}
	if r.HeaderTimeout == 0 {
		r.HeaderTimeout = 5 * time.Second
	}
	if r.IdleTimeout == 0 {
		r.IdleTimeout = 30 * time.Second
	}
	if r.MaxConns == 0 {
		r.MaxConns = 100
	}
	// As in production, every request runs under the per-read and
	// per-write deadlines.
	for _, d := range []*time.Duration{&r.BackendTimeout, &r.BodyTimeout, &r.WriteTimeout} {
		if *d == 0 {
			*d = 30 * time.Second
		}
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	e := &routerEnv{addr: l.Addr().String(), pool: pool, cancel: cancel, done: make(chan error, 1)}
	go func() { e.done <- r.Serve(ctx, l) }()
	t.Cleanup(func() { cancel(); <-e.done })
	return e
}

func (e *routerEnv) dialTLS(t *testing.T, name string, protos ...string) *tls.Conn {
	t.Helper()
	c, err := tls.Dial("tcp", e.addr, &tls.Config{RootCAs: e.pool, ServerName: name, NextProtos: protos})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func (e *routerEnv) client(name string, h2 bool) *http.Client {
	tr := &http.Transport{
		TLSClientConfig: &tls.Config{RootCAs: e.pool, ServerName: name},
		DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
			return (&net.Dialer{}).DialContext(ctx, "tcp", e.addr)
		},
		ForceAttemptHTTP2: h2,
	}
	if !h2 {
		tr.TLSNextProto = map[string]func(string, *tls.Conn) http.RoundTripper{}
	}
	return &http.Client{Transport: tr, Timeout: 10 * time.Second}
}

func target(u string) *Target {
	t, err := parseTarget(strings.TrimPrefix(u, "http://"))
	if err != nil {
		panic(err)
	}
	return &t
}

func TestRouterHTTPVersionsAndHeaders(t *testing.T) {
	t.Parallel()
	backend := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "%s %s xff=%s proto=%s", r.Host, r.URL.Path, r.Header.Get("X-Forwarded-For"), r.Header.Get("X-Forwarded-Proto"))
	}))
	defer backend.Close()
	wild := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "wildcard backend") }))
	defer wild.Close()
	e := startRouter(t, &router{Default: target(backend.URL), Routes: map[string]Target{"*.wild.devproof.test": *target(wild.URL)}})
	for _, h2 := range []bool{false, true} {
		resp, err := e.client("app.devproof.test", h2).Get("https://app.devproof.test/x")
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if want := map[bool]int{false: 1, true: 2}[h2]; resp.ProtoMajor != want {
			t.Errorf("h2=%v: served %s", h2, resp.Proto)
		}
		if string(b) != "app.devproof.test /x xff=127.0.0.1 proto=https" {
			t.Errorf("h2=%v: body %q", h2, b)
		}
	}
	resp, err := e.client("a.wild.devproof.test", true).Get("https://a.wild.devproof.test/")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	if string(b) != "wildcard backend" {
		t.Errorf("wildcard route: %q", b)
	}
}

func TestRouterWebSocketAndStreaming(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	backend := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Upgrade") == "websocket" {
			w.Header().Set("Upgrade", "websocket")
			w.Header().Set("Connection", "Upgrade")
			w.WriteHeader(http.StatusSwitchingProtocols)
			conn, brw, err := http.NewResponseController(w).Hijack()
			if err != nil {
				return
			}
			defer conn.Close()
			line, _ := brw.ReadString('\n')
			brw.WriteString("echo: " + line)
			brw.Flush()
			return
		}
		io.WriteString(w, "first chunk\n")
		http.NewResponseController(w).Flush()
		<-release
		io.WriteString(w, "second chunk\n")
	}))
	defer backend.Close()
	e := startRouter(t, &router{Default: target(backend.URL)})

	c := e.dialTLS(t, "app.devproof.test", "http/1.1")
	defer c.Close()
	fmt.Fprintf(c, "GET /ws HTTP/1.1\r\nHost: app.devproof.test\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
	br := bufio.NewReader(c)
	resp, err := http.ReadResponse(br, nil)
	if err != nil || resp.StatusCode != http.StatusSwitchingProtocols {
		t.Fatalf("upgrade: %v %v", resp, err)
	}
	fmt.Fprintf(c, "ping\n")
	if line, _ := br.ReadString('\n'); line != "echo: ping\n" {
		t.Errorf("websocket echo = %q", line)
	}

	// Streaming: the first chunk arrives while the backend still holds the
	// rest back.
	resp, err = e.client("app.devproof.test", true).Get("https://app.devproof.test/stream")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	sr := bufio.NewReader(resp.Body)
	if line, err := sr.ReadString('\n'); line != "first chunk\n" {
		t.Errorf("first chunk = %q, %v", line, err)
	}
	close(release)
	if line, _ := sr.ReadString('\n'); line != "second chunk\n" {
		t.Errorf("second chunk = %q", line)
	}
}

// A tcp:// target gets the decrypted bytes, after a PROXY v2 header naming
// the client.
func TestRouterTCPSpliceWithProxyProtocol(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	headers := make(chan string, 1)
	go func() {
		c, err := l.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		h := make([]byte, 16+12)
		io.ReadFull(c, h)
		src := net.IP(h[16:20]).String()
		headers <- fmt.Sprintf("%q ver=%x fam=%x len=%d src=%s:%d", h[:12], h[12], h[13], binary.BigEndian.Uint16(h[14:16]), src, binary.BigEndian.Uint16(h[24:26]))
		io.Copy(c, c) // echo
	}()
	e := startRouter(t, &router{Routes: map[string]Target{"db.devproof.test": {Scheme: "tcp", Addr: l.Addr().String()}}, ProxyProtocol: true})
	c := e.dialTLS(t, "db.devproof.test", "h2", "http/1.1")
	defer c.Close()
	if p := c.ConnectionState().NegotiatedProtocol; p != "" {
		t.Errorf("tcp route negotiated ALPN %q", p)
	}
	io.WriteString(c, "SELECT 1;\n")
	if line, _ := bufio.NewReader(c).ReadString('\n'); line != "SELECT 1;\n" {
		t.Errorf("echo = %q", line)
	}
	h := <-headers
	clientPort := c.LocalAddr().(*net.TCPAddr).Port
	if want := fmt.Sprintf(`"\r\n\r\n\x00\r\nQUIT\n" ver=21 fam=11 len=12 src=127.0.0.1:%d`, clientPort); h != want {
		t.Errorf("PROXY header = %s, want %s", h, want)
	}
}

// A spliced connection stays open while either side sends, even if the
// other is silent for longer than IdleTimeout, and closes once both are.
func TestRouterTCPSpliceIdle(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	const ticks = 8
	go func() {
		c, err := l.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		for i := range ticks {
			time.Sleep(150 * time.Millisecond)
			fmt.Fprintf(c, "%d", i)
		}
		io.Copy(io.Discard, c) // then silent until the router closes
	}()
	// Ticks come well inside the idle limit, even on a loaded machine, and
	// span longer than it in all.
	e := startRouter(t, &router{Routes: map[string]Target{"db.devproof.test": {Scheme: "tcp", Addr: l.Addr().String()}}, IdleTimeout: 700 * time.Millisecond})
	c := e.dialTLS(t, "db.devproof.test")
	defer c.Close()
	c.SetReadDeadline(time.Now().Add(10 * time.Second))
	// The client never writes. ReadAll ends at EOF only if the router
	// closes the pair once both sides went quiet.
	got, err := io.ReadAll(c)
	if err != nil {
		t.Fatalf("after %q: %v (the router did not close an idle pair)", got, err)
	}
	if string(got) != "01234567" {
		t.Errorf("client read %q while silent, want all %d ticks", got, ticks)
	}
}

// Clients that never finish the handshake are dropped after HeaderTimeout;
// past MaxConns new ones are refused at once, so stalled clients cannot
// grow the server without bound.
func TestRouterStalledClients(t *testing.T) {
	backend := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") }))
	defer backend.Close()
	const maxConns = 20
	e := startRouter(t, &router{Default: target(backend.URL), HeaderTimeout: 300 * time.Millisecond, MaxConns: maxConns})
	base := runtime.NumGoroutine()

	var conns []net.Conn
	for i := 0; i < 200; i++ {
		c, err := net.Dial("tcp", e.addr)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
	}
	time.Sleep(100 * time.Millisecond)
	if g := runtime.NumGoroutine(); g > base+maxConns+10 {
		t.Errorf("%d goroutines for 200 stalled clients with MaxConns %d (base %d)", g, maxConns, base)
	}
	var wg sync.WaitGroup
	for _, c := range conns {
		wg.Add(1)
		go func(c net.Conn) {
			defer wg.Done()
			c.SetReadDeadline(time.Now().Add(20 * time.Second))
			_, err := c.Read(make([]byte, 1))
			if err != io.EOF && !strings.Contains(fmt.Sprint(err), "reset") {
				t.Errorf("stalled client: read %v, want the server to close", err)
			}
			c.Close()
		}(c)
	}
	wg.Wait()
	// Slots are free again: a real client is served.
	resp, err := e.client("app.devproof.test", false).Get("https://app.devproof.test/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
}

// Shutdown lets a request in flight finish.
func TestRouterGracefulShutdown(t *testing.T) {
	t.Parallel()
	started := make(chan struct{})
	backend := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		time.Sleep(300 * time.Millisecond)
		io.WriteString(w, "finished")
	}))
	defer backend.Close()
	e := startRouter(t, &router{Default: target(backend.URL)})
	got := make(chan string, 1)
	go func() {
		resp, err := e.client("app.devproof.test", true).Get("https://app.devproof.test/")
		if err != nil {
			got <- err.Error()
			return
		}
		b, _ := io.ReadAll(resp.Body)
		got <- string(b)
	}()
	<-started
	e.cancel()
	if b := <-got; b != "finished" {
		t.Errorf("in-flight request got %q", b)
	}
	if err := <-e.done; err != nil {
		t.Errorf("Serve: %v", err)
	}
	e.done <- nil // for the cleanup
}

func TestRedirectHandler(t *testing.T) {
	for port, want := range map[int]string{443: "https://app.devproof.test/a?b=1", 8443: "https://app.devproof.test:8443/a?b=1"} {
		w := httptest.NewRecorder()
		redirectHandler(port).ServeHTTP(w, httptest.NewRequest("GET", "http://app.devproof.test/a?b=1", nil))
		if w.Code != http.StatusPermanentRedirect || w.Header().Get("Location") != want {
			t.Errorf("port %d: %d %s", port, w.Code, w.Header().Get("Location"))
		}
	}
}

// failingListener's Accept fails for good once fail is closed, as a
// listener does when its file descriptor is revoked.
type failingListener struct {
	net.Listener
	fail chan struct{}
}

func (l *failingListener) Accept() (net.Conn, error) {
	type result struct {
		c   net.Conn
		err error
	}
	got := make(chan result, 1)
	go func() { c, err := l.Listener.Accept(); got <- result{c, err} }()
	select {
	case r := <-got:
		return r.c, r.err
	case <-l.fail:
		l.Listener.Close()
		if r := <-got; r.c != nil {
			r.c.Close()
		}
		return nil, errors.New("accept4: bad file descriptor")
	}
}

// An accept error that is not a timeout ends Serve with that error, and
// with it every goroutine Serve started: the HTTP server, the connection
// handlers and an open splice.
func TestRouterAcceptErrorEndsEverything(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	echo, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer echo.Close()
	go func() {
		for {
			c, err := echo.Accept()
			if err != nil {
				return
			}
			go func() { io.Copy(c, c); c.Close() }()
		}
	}()
	cert, pool := testCert(t)
	r := &router{
		TLS:           &tls.Config{Certificates: []tls.Certificate{cert}},
		Routes:        map[string]Target{"db.devproof.test": {Scheme: "tcp", Addr: echo.Addr().String()}},
		HeaderTimeout: 5 * time.Second, IdleTimeout: time.Minute, MaxConns: 10,
	}
	inner, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	l := &failingListener{Listener: inner, fail: make(chan struct{})}
	done := make(chan error, 1)
	go func() { done <- r.Serve(context.Background(), l) }()

	c, err := tls.Dial("tcp", inner.Addr().String(), &tls.Config{RootCAs: pool, ServerName: "db.devproof.test"})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.Write([]byte("ping"))
	buf := make([]byte, 4)
	if _, err := io.ReadFull(c, buf); err != nil || string(buf) != "ping" {
		t.Fatalf("splice before the failure: %q %v", buf, err)
	}
	close(l.fail)
	select {
	case err = <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not return after the accept error: a connection outlived it")
	}
	if err == nil || !strings.Contains(err.Error(), "accepting on") || !strings.Contains(err.Error(), "bad file descriptor") {
		t.Fatalf("Serve returned %v, want the accept error", err)
	}
	// The splice was closed with it.
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := c.Read(buf); err == nil {
		t.Error("the spliced connection outlived Serve")
	}
}

// A request still in flight when the drain timeout ends is cut off, and
// Serve still returns cleanly.
func TestRouterDrainTimeout(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	started := make(chan struct{}, 1)
	backend := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		started <- struct{}{}
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer backend.Close()
	defer close(release)
	e := startRouter(t, &router{Default: target(backend.URL), DrainTimeout: 200 * time.Millisecond})
	got := make(chan error, 1)
	go func() {
		resp, err := e.client("app.devproof.test", true).Get("https://app.devproof.test/")
		if err == nil {
			_, err = io.ReadAll(resp.Body)
			resp.Body.Close()
		}
		got <- err
	}()
	<-started
	e.cancel()
	if err := <-e.done; err != nil {
		t.Errorf("Serve after the drain timeout: %v, want nil", err)
	}
	e.done <- nil // for the cleanup
	if err := <-got; err == nil {
		t.Error("the hung request was not cut off")
	}
}

func TestRouterHostMustMatchSNIRoute(t *testing.T) {
	t.Parallel()
	named := func(name string, hits *atomic.Int32) *httptest.Server {
		return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			hits.Add(1)
			io.WriteString(w, name)
		}))
	}
	var appHits, dbHits, wildHits atomic.Int32
	app, db, wild := named("app", &appHits), named("db", &dbHits), named("wild", &wildHits)
	defer app.Close()
	defer db.Close()
	defer wild.Close()
	e := startRouter(t, &router{Routes: map[string]Target{
		"app.devproof.test":    *target(app.URL),
		"db.devproof.test":     *target(db.URL),
		"*.wild.devproof.test": *target(wild.URL),
	}})
	for _, c := range []struct {
		sni, host string
		status    int
		body      string
	}{
		{"app.devproof.test", "db.devproof.test", http.StatusMisdirectedRequest, ""},
		{"app.devproof.test", "db.devproof.test:443", http.StatusMisdirectedRequest, ""},
		{"app.devproof.test", "app.devproof.test:443", http.StatusOK, "app"},
		{"a.wild.devproof.test", "b.wild.devproof.test", http.StatusOK, "wild"},
		{"a.wild.devproof.test", "app.devproof.test", http.StatusMisdirectedRequest, ""},
	} {
		for _, h2 := range []bool{false, true} {
			req, _ := http.NewRequest("GET", "https://"+c.sni+"/", nil)
			req.Host = c.host
			resp, err := e.client(c.sni, h2).Do(req)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if want := map[bool]int{false: 1, true: 2}[h2]; resp.ProtoMajor != want {
				t.Errorf("SNI %s, Host %s, h2=%v: served %s", c.sni, c.host, h2, resp.Proto)
			}
			if resp.StatusCode != c.status || (c.body != "" && string(b) != c.body) {
				t.Errorf("SNI %s, Host %s, h2=%v: %d %q, want %d %q", c.sni, c.host, h2, resp.StatusCode, b, c.status, c.body)
			}
			if c.status == http.StatusMisdirectedRequest && len(b) == 0 {
				t.Errorf("SNI %s, Host %s: 421 without a body", c.sni, c.host)
			}
		}
	}
	if n := dbHits.Load(); n != 0 {
		t.Errorf("the db backend saw %d requests meant for another route", n)
	}
	if n := appHits.Load(); n != 2 {
		t.Errorf("the app backend saw %d requests, want 2", n)
	}
}

// silentBackend accepts connections and reads from them but never answers;
// closing it ends every connection and its goroutine.
func silentBackend(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		var conns []net.Conn
		defer func() {
			for _, c := range conns {
				c.Close()
			}
		}()
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			conns = append(conns, c)
		}
	}()
	t.Cleanup(func() { l.Close(); <-done })
	return l.Addr().String()
}

func TestRouterBackendTimeout(t *testing.T) {
	t.Parallel()
	e := startRouter(t, &router{Default: target(silentBackend(t)), BackendTimeout: 200 * time.Millisecond})
	for _, h2 := range []bool{false, true} {
		resp, err := e.client("app.devproof.test", h2).Get("https://app.devproof.test/")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusGatewayTimeout {
			t.Errorf("h2=%v: status %d, want 504", h2, resp.StatusCode)
		}
	}
}

func TestRouterBodyTimeout(t *testing.T) {
	t.Parallel()
	bodyErr := make(chan error, 10)
	backend := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, err := io.ReadAll(r.Body)
		bodyErr <- err
		if err == nil {
			fmt.Fprintf(w, "got %s", b)
		}
	}))
	defer backend.Close()
	e := startRouter(t, &router{Default: target(backend.URL), BodyTimeout: 300 * time.Millisecond, WriteTimeout: 300 * time.Millisecond})

	// A client that sends its body at once is served.
	resp, err := e.client("app.devproof.test", false).Post("https://app.devproof.test/", "text/plain", strings.NewReader("whole body"))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || string(b) != "got whole body" {
		t.Fatalf("prompt client: %d %q", resp.StatusCode, b)
	}
	if err := <-bodyErr; err != nil {
		t.Fatalf("prompt client: backend read %v", err)
	}

	// A client that sends headers and part of its body, then stalls, is cut.
	c := e.dialTLS(t, "app.devproof.test", "http/1.1")
	defer c.Close()
	io.WriteString(c, "POST / HTTP/1.1\r\nHost: app.devproof.test\r\nContent-Length: 10\r\n\r\nab")
	c.SetReadDeadline(time.Now().Add(10 * time.Second))
	got, err := io.ReadAll(c)
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		t.Fatal("the stalled client's connection was still open after 10 s")
	}
	if !strings.HasPrefix(string(got), "HTTP/1.1 408 ") {
		t.Errorf("the stalled client got %q, want a 408", got)
	}
	select {
	case err := <-bodyErr:
		if err == nil {
			t.Error("the backend read a whole body from a client that stalled")
		}
	case <-time.After(10 * time.Second):
		t.Error("the backend's request did not end")
	}

	// Over h2 the stalled stream is cut, not the connection.
	pr, pw := io.Pipe()
	defer pw.Close()
	go func() { io.WriteString(pw, "ab") }()
	req, _ := http.NewRequest("POST", "https://app.devproof.test/", pr)
	req.ContentLength = 10
	resp, err = e.client("app.devproof.test", true).Do(req)
	if err == nil {
		resp.Body.Close()
		if resp.StatusCode != http.StatusRequestTimeout {
			t.Errorf("h2 stalled client: status %d, want 408", resp.StatusCode)
		}
	}
	select {
	case err := <-bodyErr:
		if err == nil {
			t.Error("h2: the backend read a whole body from a client that stalled")
		}
	case <-time.After(10 * time.Second):
		t.Error("h2: the backend's request did not end")
	}
}

func TestRouterWriteTimeout(t *testing.T) {
	t.Parallel()
	backendDone := make(chan struct{})
	backend := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer close(backendDone)
		chunk := make([]byte, 32<<10)
		for r.Context().Err() == nil {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	}))
	defer backend.Close()
	e := startRouter(t, &router{Default: target(backend.URL), WriteTimeout: 300 * time.Millisecond})

	// A client that asks for an endless response and stops reading is cut.
	c := e.dialTLS(t, "app.devproof.test", "http/1.1")
	defer c.Close()
	io.WriteString(c, "GET / HTTP/1.1\r\nHost: app.devproof.test\r\n\r\n")
	select {
	case <-backendDone:
	case <-time.After(10 * time.Second):
		t.Fatal("the backend was still sending to a client that stopped reading after 10 s")
	}
	c.SetReadDeadline(time.Now().Add(10 * time.Second))
	_, err := io.Copy(io.Discard, c)
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		t.Fatal("the slow reader's connection was still open after 10 s")
	}
}
