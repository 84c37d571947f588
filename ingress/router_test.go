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
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httptrace"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/devproof/devproof/internal/syncbuf"
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
			upgradeAndEcho(w)
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
	// span longer than it in all. The header budget is shorter still: it
	// ends with the handshake of a spliced connection.
	e := startRouter(t, &router{Routes: map[string]Target{"db.devproof.test": {Scheme: "tcp", Addr: l.Addr().String()}},
		IdleTimeout: 700 * time.Millisecond, HeaderTimeout: 300 * time.Millisecond})
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

// Requests still in flight when the drain timeout ends are cut off, with
// every spliced and upgraded connection, and Serve's outcome and its WARN
// line say how many.
func TestRouterDrainTimeout(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	started := make(chan struct{}, 2)
	backend := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Upgrade") == "websocket" {
			w.Header().Set("Upgrade", "websocket")
			w.Header().Set("Connection", "Upgrade")
			w.WriteHeader(http.StatusSwitchingProtocols)
			conn, _, err := http.NewResponseController(w).Hijack()
			if err != nil {
				return
			}
			defer conn.Close()
			io.Copy(io.Discard, conn) // until the router cuts it
			return
		}
		started <- struct{}{}
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer backend.Close()
	defer close(release)
	echo, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer echo.Close()
	go func() {
		c, err := echo.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		io.Copy(c, c)
	}()
	logs := &syncbuf.Buffer{}
	e := startRouter(t, &router{
		Default: target(backend.URL), Routes: map[string]Target{"db.devproof.test": {Scheme: "tcp", Addr: echo.Addr().String()}},
		DrainTimeout: 200 * time.Millisecond, Logger: slog.New(slog.NewJSONHandler(logs, nil)),
	})

	spliced := e.dialTLS(t, "db.devproof.test")
	defer spliced.Close()
	io.WriteString(spliced, "ping")
	if _, err := io.ReadFull(spliced, make([]byte, 4)); err != nil {
		t.Fatalf("splice: %v", err)
	}
	ws := e.dialTLS(t, "app.devproof.test", "http/1.1")
	defer ws.Close()
	io.WriteString(ws, "GET /ws HTTP/1.1\r\nHost: app.devproof.test\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
	if resp, err := http.ReadResponse(bufio.NewReader(ws), nil); err != nil || resp.StatusCode != http.StatusSwitchingProtocols {
		t.Fatalf("upgrade: %v %v", resp, err)
	}
	got := make(chan error, 2)
	for _, h2 := range []bool{false, true} {
		go func() {
			resp, err := e.client("app.devproof.test", h2).Get("https://app.devproof.test/")
			if err == nil {
				_, err = io.ReadAll(resp.Body)
				resp.Body.Close()
			}
			got <- err
		}()
		<-started
	}
	e.cancel()
	err = <-e.done
	e.done <- nil // for the cleanup
	const want = "drain timeout 200ms passed; cut 2 requests in flight and 2 spliced or upgraded connections"
	var dt *DrainTimeoutError
	if !errors.As(err, &dt) || err.Error() != want {
		t.Fatalf("Serve after the drain timeout: %v, want %q", err, want)
	}
	for range 2 {
		if err := <-got; err == nil {
			t.Error("a hung request was not cut off")
		}
	}
	var drainLines []map[string]any
	for _, l := range warnLines(t, logs.Bytes()) {
		if _, ok := l["drain_timeout"]; ok {
			drainLines = append(drainLines, l)
		}
	}
	if len(drainLines) != 1 || drainLines[0]["msg"] != want || drainLines[0]["requests_cut"] != 2.0 || drainLines[0]["conns_cut"] != 2.0 {
		t.Errorf("drain WARN lines %v, want one saying %q", drainLines, want)
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

// dialFrom opens a TCP connection to addr from the loopback address ip.
func dialFrom(t *testing.T, ip, addr string) net.Conn {
	t.Helper()
	d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}, Timeout: 5 * time.Second}
	c, err := d.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// handshakeFrom completes a TLS handshake from ip, or returns why it
// failed. A refused connection fails at once: the router closes it before
// reading its ClientHello.
func (e *routerEnv) handshakeFrom(t *testing.T, ip string) (*tls.Conn, error) {
	t.Helper()
	raw := dialFrom(t, ip, e.addr)
	c := tls.Client(raw, &tls.Config{RootCAs: e.pool, ServerName: "app.devproof.test", NextProtos: []string{"http/1.1"}})
	c.SetDeadline(time.Now().Add(5 * time.Second))
	if err := c.Handshake(); err != nil {
		raw.Close()
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			t.Fatalf("handshake from %s: %v: the router neither served nor closed the connection", ip, err)
		}
		return nil, err
	}
	c.SetDeadline(time.Time{})
	return c, nil
}

// closedAtOnce reports whether err is the router closing a connection
// before the handshake.
func closedAtOnce(err error) bool {
	return errors.Is(err, io.EOF) || strings.Contains(err.Error(), "reset") || strings.Contains(err.Error(), "broken pipe")
}

// One address that opens MaxConns connections and trickles request bodies
// on them gets only MaxConnsPerIP; the rest are closed before their
// handshake, and a client from another address is served throughout.
func TestRouterPerIPLimitKeepsOthersServed(t *testing.T) {
	t.Parallel()
	backend := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		io.WriteString(w, "ok")
	}))
	defer backend.Close()
	const maxConns, perIP = 20, 5
	// The trickle outlasts the header budget: only the first request's
	// headers share it with the handshake, not its body.
	e := startRouter(t, &router{Default: target(backend.URL), MaxConns: maxConns, MaxConnsPerIP: perIP, HeaderTimeout: 500 * time.Millisecond})

	stop := make(chan struct{})
	var trickling sync.WaitGroup
	var cut atomic.Int32
	accepted := 0
	for range maxConns {
		c, err := e.handshakeFrom(t, "127.0.0.2")
		if err != nil {
			if !closedAtOnce(err) {
				t.Errorf("refused attacker: handshake error %v, want the connection closed", err)
			}
			continue
		}
		accepted++
		trickling.Add(1)
		go func() {
			defer trickling.Done()
			defer c.Close()
			if _, err := io.WriteString(c, "POST / HTTP/1.1\r\nHost: app.devproof.test\r\nContent-Length: 1000000\r\n\r\n"); err != nil {
				cut.Add(1)
				return
			}
			tick := time.NewTicker(50 * time.Millisecond)
			defer tick.Stop()
			for {
				select {
				case <-stop:
					// Still open, and nothing was answered.
					c.SetReadDeadline(time.Now().Add(50 * time.Millisecond))
					var ne net.Error
					if n, err := c.Read(make([]byte, 1)); n != 0 || !errors.As(err, &ne) || !ne.Timeout() {
						cut.Add(1)
					}
					return
				case <-tick.C:
					if _, err := io.WriteString(c, "x"); err != nil {
						cut.Add(1)
						return
					}
				}
			}
		}()
	}
	if accepted != perIP {
		t.Errorf("%d of %d connections from one address accepted, want MaxConnsPerIP = %d", accepted, maxConns, perIP)
	}

	client := e.client("app.devproof.test", false)
	client.Transport.(*http.Transport).DisableKeepAlives = true // a new connection each time
	for i := range 12 {
		resp, err := client.Get("https://app.devproof.test/")
		if err != nil {
			t.Fatalf("legitimate request %d: %v", i, err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || string(b) != "ok" {
			t.Fatalf("legitimate request %d: %d %q", i, resp.StatusCode, b)
		}
		time.Sleep(75 * time.Millisecond)
	}
	close(stop)
	trickling.Wait()
	if n := cut.Load(); n != 0 {
		t.Errorf("%d accepted attackers were cut while trickling within BODY_TIMEOUT", n)
	}
}

// With no per-IP bound, one address may open all of MaxConns.
func TestRouterPerIPLimitOff(t *testing.T) {
	t.Parallel()
	const maxConns = 10
	e := startRouter(t, &router{Default: target("127.0.0.1:1"), MaxConns: maxConns, MaxConnsPerIP: 0})
	accepted := 0
	for range maxConns + 2 {
		c, err := e.handshakeFrom(t, "127.0.0.2")
		if err != nil {
			if !closedAtOnce(err) {
				t.Errorf("refused connection: handshake error %v, want the connection closed", err)
			}
			continue
		}
		defer c.Close()
		accepted++
	}
	if accepted != maxConns {
		t.Errorf("%d connections from one address accepted with MaxConnsPerIP 0, want MaxConns = %d", accepted, maxConns)
	}
}

// warnLines are the WARN records in a JSON log.
func warnLines(t *testing.T, log []byte) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(string(log)), "\n") {
		if line == "" {
			continue
		}
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("log line %q: %v", line, err)
		}
		if rec["level"] == "WARN" {
			out = append(out, rec)
		}
	}
	return out
}

// Refused connections are counted, not logged one by one: one WARN line
// per interval gives the counts by reason and the address refused most,
// and an interval without refusals logs nothing.
func TestRouterRefusalsLoggedOncePerInterval(t *testing.T) {
	t.Parallel()
	logs := &syncbuf.Buffer{}
	ticks := make(chan time.Time)
	e := startRouter(t, &router{
		Default: target("127.0.0.1:1"), MaxConns: 3, MaxConnsPerIP: 2,
		Logger: slog.New(slog.NewJSONHandler(logs, nil)), refusalTicks: ticks,
	})
	for _, ip := range []string{"127.0.0.2", "127.0.0.2", "127.0.0.1"} {
		c, err := e.handshakeFrom(t, ip)
		if err != nil {
			t.Fatalf("connection from %s within the limits: %v", ip, err)
		}
		defer c.Close()
	}
	refuse := func(ip string, n int) {
		for range n {
			if _, err := e.handshakeFrom(t, ip); err == nil {
				t.Fatalf("a connection from %s past the limits was served", ip)
			}
		}
	}
	refuse("127.0.0.2", 5) // past MaxConnsPerIP
	refuse("127.0.0.3", 3) // past MaxConns
	refuse("127.0.0.4", 1)
	if w := warnLines(t, logs.Bytes()); len(w) != 0 {
		t.Fatalf("refusals logged before the interval ended: %v", w)
	}
	// Each tick is taken only after the one before was logged.
	ticks <- time.Now()
	ticks <- time.Now()
	w := warnLines(t, logs.Bytes())
	if len(w) != 1 {
		t.Fatalf("%d WARN lines for one interval, want 1: %v", len(w), w)
	}
	for k, want := range map[string]any{
		"refused": 9.0, "refused_per_ip": 5.0, "refused_max_conns": 4.0,
		"top_ip": "127.0.0.2", "top_ip_refused": 5.0, "max_conns": 3.0, "max_conns_per_ip": 2.0,
	} {
		if w[0][k] != want {
			t.Errorf("WARN line %s = %v, want %v (line %v)", k, w[0][k], want, w[0])
		}
	}
	// The second tick closed an interval without refusals.
	ticks <- time.Now()
	if w := warnLines(t, logs.Bytes()); len(w) != 1 {
		t.Errorf("an interval without refusals logged: %v", w[1:])
	}
}

// HeaderTimeout is one budget from connect for the handshake and the
// first request's headers: a client that spends most of it before its
// handshake and then trickles headers is cut when the budget ends, not
// given a whole HeaderTimeout more after the handshake.
func TestRouterHeaderBudgetIncludesHandshake(t *testing.T) {
	t.Parallel()
	const budget = time.Second
	e := startRouter(t, &router{Default: target("127.0.0.1:1"), HeaderTimeout: budget})
	raw := dialFrom(t, "127.0.0.1", e.addr)
	defer raw.Close()
	start := time.Now()
	time.Sleep(700 * time.Millisecond)
	c := tls.Client(raw, &tls.Config{RootCAs: e.pool, ServerName: "app.devproof.test", NextProtos: []string{"http/1.1"}})
	c.SetDeadline(start.Add(10 * time.Second))
	if err := c.Handshake(); err != nil {
		t.Fatalf("handshake within the budget: %v", err)
	}
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		if _, err := io.WriteString(c, "GET / HTTP/1.1\r\nHost: app.devproof.test\r\n"); err != nil {
			return
		}
		for {
			select {
			case <-stop:
				return
			case <-time.After(50 * time.Millisecond):
				if _, err := io.WriteString(c, "X-Slow: 1\r\n"); err != nil {
					return
				}
			}
		}
	}()
	n, err := c.Read(make([]byte, 1))
	elapsed := time.Since(start)
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		t.Fatal("the trickling client was not cut within 10 s")
	}
	if n != 0 || err == nil {
		t.Fatalf("the trickling client read %d bytes, %v; want the connection closed", n, err)
	}
	// With a second budget after the handshake, the cut would come at
	// least 700 ms + 1 s after connecting.
	if elapsed >= 1600*time.Millisecond {
		t.Errorf("cut %v after connecting with HEADER_TIMEOUT %v: the handshake and the headers had a budget each", elapsed.Round(time.Millisecond), budget)
	}
}

// Once the first request is handled, the header budget no longer bounds
// the connection: a body may take longer than it, and a later keep-alive
// request, over HTTP/1.1 or HTTP/2, gets its own HeaderTimeout.
func TestRouterHeaderBudgetEndsWithFirstRequest(t *testing.T) {
	t.Parallel()
	backend := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		fmt.Fprintf(w, "%s %s", r.Method, b)
	}))
	defer backend.Close()
	const budget = 400 * time.Millisecond
	e := startRouter(t, &router{Default: target(backend.URL), HeaderTimeout: budget})

	c := e.dialTLS(t, "app.devproof.test", "http/1.1")
	defer c.Close()
	br := bufio.NewReader(c)
	io.WriteString(c, "POST / HTTP/1.1\r\nHost: app.devproof.test\r\nContent-Length: 4\r\n\r\n")
	for _, b := range "body" {
		time.Sleep(budget / 3)
		io.WriteString(c, string(b))
	}
	read := func(what, want string) {
		t.Helper()
		c.SetReadDeadline(time.Now().Add(10 * time.Second))
		resp, err := http.ReadResponse(br, nil)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || string(b) != want {
			t.Fatalf("%s: %d %q, want 200 %q", what, resp.StatusCode, b, want)
		}
	}
	read("a body sent over more than the header budget", "POST body")
	time.Sleep(budget)
	io.WriteString(c, "GET / HTTP/1.1\r\nHost: app.devproof.test\r\n\r\n")
	read("a keep-alive request after the budget", "GET ")

	client := e.client("app.devproof.test", true)
	var reused []bool
	for range 2 {
		req, _ := http.NewRequest("GET", "https://app.devproof.test/", nil)
		req = req.WithContext(httptrace.WithClientTrace(req.Context(), &httptrace.ClientTrace{
			GotConn: func(i httptrace.GotConnInfo) { reused = append(reused, i.Reused) },
		}))
		resp, err := client.Do(req)
		if err != nil {
			t.Fatalf("h2 request after %v: %v", reused, err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || resp.ProtoMajor != 2 {
			t.Fatalf("h2: %d %s", resp.StatusCode, resp.Proto)
		}
		if len(reused) == 1 {
			time.Sleep(budget + budget/2)
		}
	}
	if len(reused) != 2 || !reused[1] {
		t.Errorf("the second h2 request did not reuse the connection (reused %v)", reused)
	}
}

// MaxConns attackers, each from its own address so that no per-IP bound
// helps, send headers and part of a body and stall: while they hold every
// slot a new client is refused, and BODY_TIMEOUT cuts each of them with a
// 408, after which the legitimate client is served.
func TestRouterStalledBodiesGiveTheirSlotsBack(t *testing.T) {
	t.Parallel()
	backend := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		io.WriteString(w, "ok")
	}))
	defer backend.Close()
	const maxConns = 8
	e := startRouter(t, &router{Default: target(backend.URL), MaxConns: maxConns, MaxConnsPerIP: 1, BodyTimeout: 500 * time.Millisecond})

	answers := make(chan string, maxConns)
	for i := range maxConns {
		c, err := e.handshakeFrom(t, fmt.Sprintf("127.0.0.%d", 2+i))
		if err != nil {
			t.Fatalf("attacker %d: %v", i, err)
		}
		defer c.Close()
		if _, err := io.WriteString(c, "POST / HTTP/1.1\r\nHost: app.devproof.test\r\nContent-Length: 1000\r\n\r\nab"); err != nil {
			t.Fatal(err)
		}
		go func() {
			c.SetReadDeadline(time.Now().Add(10 * time.Second))
			got, _ := io.ReadAll(c)
			answers <- string(got)
		}()
	}

	// Every slot is held: a legitimate client is turned away at once.
	if c, err := e.handshakeFrom(t, "127.0.0.1"); err == nil {
		c.Close()
		t.Error("a client was accepted while MaxConns stalled bodies were open")
	} else if !closedAtOnce(err) {
		t.Errorf("refused client: handshake error %v, want the connection closed", err)
	}

	for i := range maxConns {
		if got := <-answers; !strings.HasPrefix(got, "HTTP/1.1 408 ") {
			t.Errorf("stalled attacker %d got %q, want a 408", i, got)
		}
	}
	client := e.client("app.devproof.test", false)
	waitFor(t, "the legitimate client served", 5*time.Second, func() bool {
		resp, err := client.Get("https://app.devproof.test/")
		if err != nil {
			return false
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK && string(b) == "ok"
	})
}

// upgradeAndEcho answers a WebSocket upgrade, then echoes one line back.
func upgradeAndEcho(w http.ResponseWriter) {
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
}
