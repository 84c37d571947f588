package ingress

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/devproof/devproof/tunnel"
)

// router terminates TLS and sends each connection where its SNI says:
// HTTP targets through a reverse proxy (HTTP/1.1 and HTTP/2 to clients,
// WebSocket upgrades, streaming), tcp:// targets through a byte splice.
// /evidences/ on every domain is answered by the ingress itself.
type router struct {
	// TLS supplies certificates; its NextProtos are set per connection.
	TLS *tls.Config
	// Routes by exact domain or "*.base" wildcard; Default for the rest.
	Routes  map[string]Target
	Default *Target
	// Evidence serves /evidences/.
	Evidence http.Handler
	// HeaderTimeout bounds the TLS handshake and reading request headers;
	// IdleTimeout bounds idle keep-alive and idle spliced connections.
	HeaderTimeout time.Duration
	IdleTimeout   time.Duration
	// BackendTimeout bounds the wait for an HTTP backend's response
	// headers; past it the client gets 504. Zero means no bound.
	BackendTimeout time.Duration
	// BodyTimeout bounds each read of a request body and WriteTimeout
	// each write of a response, as nginx's client_body_timeout and
	// send_timeout do: a slow client is cut only when it stalls, however
	// long the whole transfer takes. Zero means no bound.
	BodyTimeout  time.Duration
	WriteTimeout time.Duration
	// MaxConns bounds client connections served at once.
	MaxConns int
	// DrainTimeout bounds how long shutdown waits for HTTP requests in
	// flight; zero means 10 s.
	DrainTimeout time.Duration
	// ProxyProtocol sends a PROXY v2 header to tcp:// targets.
	ProxyProtocol bool
	Logger        *slog.Logger

	proxies sync.Map // Target → *httputil.ReverseProxy
}

// route picks the target for a server name: exact match, then wildcard,
// then Default.
func (r *router) route(name string) (Target, bool) {
	_, t, ok := r.match(name)
	return t, ok
}

// match is route that also names the route chosen: the Routes key, or ""
// for Default.
func (r *router) match(name string) (key string, t Target, ok bool) {
	name = strings.ToLower(strings.TrimSuffix(name, "."))
	if t, ok := r.Routes[name]; ok {
		return name, t, true
	}
	if _, base, ok := strings.Cut(name, "."); ok {
		if t, ok := r.Routes["*."+base]; ok {
			return "*." + base, t, true
		}
	}
	if r.Default != nil {
		return "", *r.Default, true
	}
	return "", Target{}, false
}

// hostName is a Host header or :authority without its port.
func hostName(host string) string {
	if h, _, err := net.SplitHostPort(host); err == nil {
		return h
	}
	return strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
}

// Serve accepts TLS clients on l until ctx is done, then stops accepting,
// lets HTTP requests in flight finish (up to DrainTimeout) and closes every
// connection left, spliced and upgraded ones included. It returns an
// accept error other than a timeout; every goroutine it started has ended
// when it returns.
func (r *router) Serve(ctx context.Context, l net.Listener) error {
	log := r.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	sem := make(chan struct{}, max(r.MaxConns, 1))
	httpConns := newConnListener(l.Addr())
	srv := &http.Server{
		Handler:           r.httpHandler(),
		ReadHeaderTimeout: r.HeaderTimeout,
		IdleTimeout:       r.IdleTimeout,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelDebug),
	}
	tlsCfg := r.tlsConfig()
	open := &connSet{conns: map[net.Conn]struct{}{}}

	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		if err := srv.Serve(httpConns); !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	})
	g.Go(func() error {
		<-ctx.Done()
		l.Close()
		drain := r.DrainTimeout
		if drain == 0 {
			drain = 10 * time.Second
		}
		sctx, cancel := context.WithTimeout(context.Background(), drain)
		defer cancel()
		if err := srv.Shutdown(sctx); err != nil {
			log.Warn("requests still in flight after the drain timeout; closing them", "drain_timeout", drain)
			srv.Close()
		}
		httpConns.Close()
		open.closeAll()
		r.closeIdleBackends()
		return nil
	})
	g.Go(func() error {
		for {
			c, err := l.Accept()
			if err != nil {
				if ctx.Err() != nil {
					return nil
				}
				var ne net.Error
				if errors.As(err, &ne) && ne.Timeout() {
					time.Sleep(10 * time.Millisecond)
					continue
				}
				return fmt.Errorf("accepting on %s: %w", l.Addr(), err)
			}
			select {
			case sem <- struct{}{}:
			default:
				log.Warn("connection limit reached; refusing", "remote", c.RemoteAddr(), "max_conns", r.MaxConns)
				c.Close()
				continue
			}
			tracked := open.add(c, func() { <-sem })
			g.Go(func() error { r.handle(ctx, tracked, tlsCfg, httpConns, log); return nil })
		}
	})
	return g.Wait()
}

// handle completes one client's handshake and passes it to the HTTP server
// or splices it to its tcp:// target.
func (r *router) handle(ctx context.Context, c net.Conn, tlsCfg *tls.Config, httpConns *connListener, log *slog.Logger) {
	tc := tls.Server(c, tlsCfg)
	tc.SetDeadline(time.Now().Add(r.HeaderTimeout))
	if err := tc.HandshakeContext(ctx); err != nil {
		log.Debug("TLS handshake failed", "remote", c.RemoteAddr(), "err", err)
		tc.Close()
		return
	}
	tc.SetDeadline(time.Time{})
	t, ok := r.route(tc.ConnectionState().ServerName)
	if !ok {
		tc.Close()
		return
	}
	if t.Scheme != "tcp" {
		if !httpConns.push(tc) {
			tc.Close()
		}
		return
	}
	if err := r.splice(tc, t); err != nil {
		log.Debug("tcp splice ended", "target", t.String(), "err", err)
	}
}

// connSet is every client connection open, so that shutdown can close
// those the HTTP server no longer tracks (spliced, upgraded).
type connSet struct {
	mu     sync.Mutex
	conns  map[net.Conn]struct{}
	closed bool
}

// add tracks c until it is closed; release runs once, on close.
func (s *connSet) add(c net.Conn, release func()) net.Conn {
	tc := &trackedConn{Conn: c}
	tc.release = sync.OnceFunc(func() {
		s.mu.Lock()
		delete(s.conns, tc)
		s.mu.Unlock()
		release()
	})
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		c.Close()
	} else {
		s.conns[tc] = struct{}{}
	}
	return tc
}

func (s *connSet) closeAll() {
	s.mu.Lock()
	s.closed = true
	conns := slices.Collect(maps.Keys(s.conns))
	s.mu.Unlock()
	for _, c := range conns {
		c.Close()
	}
}

// trackedConn leaves its set and gives back its slot when closed.
type trackedConn struct {
	net.Conn
	release func()
}

func (c *trackedConn) Close() error {
	c.release()
	return c.Conn.Close()
}

// tlsConfig offers h2 only to HTTP targets: a tcp:// backend speaks its
// own protocol. It is built once per Serve so that session tickets, whose
// keys live in the base config, resume across connections.
func (r *router) tlsConfig() *tls.Config {
	base := r.TLS.Clone()
	base.MinVersion = tls.VersionTLS12
	base.NextProtos = []string{"h2", "http/1.1"}
	forTCP := base.Clone()
	forTCP.NextProtos = nil
	base.GetConfigForClient = func(hello *tls.ClientHelloInfo) (*tls.Config, error) {
		if t, ok := r.route(hello.ServerName); ok && t.Scheme == "tcp" {
			return forTCP, nil
		}
		return nil, nil
	}
	return base
}

func (r *router) httpHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		rc := http.NewResponseController(w)
		if req.Header.Get("Upgrade") != "" {
			// An upgraded connection is handed over whole: no deadline
			// left from an earlier request on it may follow.
			rc.SetWriteDeadline(time.Time{})
		} else if r.WriteTimeout > 0 {
			tw := &timedWriter{ResponseWriter: w, rc: rc, d: r.WriteTimeout}
			tw.extend() // a keep-alive connection keeps the last request's deadline
			defer tw.extend()
			w = tw
		}
		if r.BodyTimeout > 0 && req.Body != nil && req.Body != http.NoBody {
			tb := &timedBody{ReadCloser: req.Body, rc: rc, d: r.BodyTimeout}
			defer tb.done.Store(true)
			req = req.WithContext(context.WithValue(req.Context(), timedBodyKey{}, tb))
			req.Body = tb
		}
		if r.Evidence != nil && (req.URL.Path == "/evidences" || strings.HasPrefix(req.URL.Path, "/evidences/")) {
			r.Evidence.ServeHTTP(w, req)
			return
		}
		name := ""
		if req.TLS != nil {
			name = req.TLS.ServerName
		}
		key, t, ok := r.match(name)
		if !ok || t.Scheme == "tcp" {
			http.Error(w, "no route for "+name, http.StatusMisdirectedRequest)
			return
		}
		// A client may reuse a connection for another name its certificate
		// covers (RFC 9110, section 7.4; RFC 9113, section 9.1.1). Such a
		// request is refused with 421 so that the client retries on a new
		// connection, rather than routed by Host past the SNI that chose
		// this connection's certificate and route.
		if hk, _, _ := r.match(hostName(req.Host)); hk != key {
			http.Error(w, "misdirected request: host "+hostName(req.Host)+" is not served on a connection for "+name, http.StatusMisdirectedRequest)
			return
		}
		r.proxy(t).ServeHTTP(w, req)
	})
}

func (r *router) proxy(t Target) *httputil.ReverseProxy {
	if p, ok := r.proxies.Load(t); ok {
		return p.(*httputil.ReverseProxy)
	}
	u := &url.URL{Scheme: t.Scheme, Host: t.Addr}
	p := &httputil.ReverseProxy{
		Rewrite: func(pr *httputil.ProxyRequest) {
			pr.SetURL(u)
			pr.Out.Host = pr.In.Host
			pr.SetXForwarded()
		},
		// Zero still flushes at once for streaming responses (no
		// Content-Length, or text/event-stream); others are buffered.
		FlushInterval: 0,
		BufferPool:    tunnel.Buffers(),
		Transport:     r.backendTransport(t),
		ErrorHandler: func(w http.ResponseWriter, req *http.Request, err error) {
			if tb, ok := req.Context().Value(timedBodyKey{}).(*timedBody); ok && tb.expired() {
				http.Error(w, "request body timed out", http.StatusRequestTimeout)
				return
			}
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() && req.Context().Err() == nil {
				if r.Logger != nil {
					r.Logger.Warn("backend timed out", "target", t.String(), "err", err)
				}
				http.Error(w, "backend timed out", http.StatusGatewayTimeout)
				return
			}
			if r.Logger != nil {
				r.Logger.Warn("backend unreachable", "target", t.String(), "err", err)
			}
			http.Error(w, "backend unavailable", http.StatusBadGateway)
		},
	}
	actual, _ := r.proxies.LoadOrStore(t, p)
	return actual.(*httputil.ReverseProxy)
}

// backendTransport connects a proxy to target t.
func (r *router) backendTransport(t Target) *backendTransport {
	dial := (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext
	return &backendTransport{
		Addr:          t.Addr,
		Dial:          dial,
		HeaderTimeout: r.BackendTimeout,
		IdleTimeout:   r.IdleTimeout,
		Std: &http.Transport{
			Proxy:                 nil,
			DialContext:           dial,
			MaxIdleConnsPerHost:   maxIdleBackendConns,
			IdleConnTimeout:       r.IdleTimeout,
			ResponseHeaderTimeout: r.BackendTimeout,
			ForceAttemptHTTP2:     false,
			DisableCompression:    true, // pass the client's encoding through untouched
		},
	}
}

// closeIdleBackends closes every idle backend connection, once no
// request is left to use them.
func (r *router) closeIdleBackends() {
	for _, p := range r.proxies.Range {
		p.(*httputil.ReverseProxy).Transport.(*backendTransport).CloseIdleConnections()
	}
}

// timedBody is a request body whose every read must bring data within d.
type timedBody struct {
	io.ReadCloser
	rc       *http.ResponseController
	d        time.Duration
	done     atomic.Bool  // the handler has returned: the connection is no longer ours
	deadline atomic.Int64 // Unix nanoseconds of the read deadline set, 0 for none
}

// timedBodyKey finds a request's timedBody from the proxy's error handler,
// which sees the outgoing request.
type timedBodyKey struct{}

func (b *timedBody) Read(p []byte) (int, error) {
	if !b.done.Load() {
		d := time.Now().Add(b.d)
		b.deadline.Store(d.UnixNano())
		b.rc.SetReadDeadline(d)
	}
	n, err := b.ReadCloser.Read(p)
	var ne net.Error
	switch {
	case err == nil:
		b.deadline.Store(0) // only a read in progress can expire
	case errors.As(err, &ne) && ne.Timeout():
		err = fmt.Errorf("request body: nothing received for %s: %w", b.d, err)
	default:
		b.clear()
	}
	return n, err
}

// expired reports whether the client let the read deadline pass. The
// server may cancel the request as soon as the read fails, before Read
// returns, so the deadline is what is checked, not the error.
func (b *timedBody) expired() bool {
	d := b.deadline.Load()
	return d != 0 && time.Now().UnixNano() >= d
}

func (b *timedBody) Close() error {
	b.clear()
	return b.ReadCloser.Close()
}

// clear lifts the deadline once the body is done, so that it does not cut
// the connection while the response is still being written.
func (b *timedBody) clear() {
	if !b.done.Load() && !b.expired() {
		b.deadline.Store(0)
		b.rc.SetReadDeadline(time.Time{})
	}
}

// timedWriter is a response writer whose every write must be accepted
// within d.
type timedWriter struct {
	http.ResponseWriter
	rc *http.ResponseController
	d  time.Duration
}

func (w *timedWriter) extend() { w.rc.SetWriteDeadline(time.Now().Add(w.d)) }

func (w *timedWriter) WriteHeader(code int) {
	w.extend()
	w.ResponseWriter.WriteHeader(code)
}

func (w *timedWriter) Write(p []byte) (int, error) {
	w.extend()
	return w.ResponseWriter.Write(p)
}

// FlushError is what http.ResponseController.Flush calls.
func (w *timedWriter) FlushError() error {
	w.extend()
	return w.rc.Flush()
}

func (w *timedWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// splice copies bytes both ways between the client and a tcp:// target,
// after a PROXY v2 header when asked, until both are done or neither has
// sent anything for IdleTimeout.
func (r *router) splice(client *tls.Conn, t Target) error {
	backend, err := net.DialTimeout("tcp", t.Addr, 10*time.Second)
	if err != nil {
		client.Close()
		return err
	}
	if r.ProxyProtocol {
		if _, err := backend.Write(tunnel.AppendV2(nil, client.RemoteAddr(), client.LocalAddr())); err != nil {
			client.Close()
			backend.Close()
			return err
		}
	}
	_, err = tunnel.Splice(client, backend, r.IdleTimeout)
	return err
}

// connListener hands already-handshaken TLS connections to an http.Server.
type connListener struct {
	addr   net.Addr
	conns  chan net.Conn
	closed chan struct{}
	once   sync.Once
}

func newConnListener(addr net.Addr) *connListener {
	return &connListener{addr: addr, conns: make(chan net.Conn), closed: make(chan struct{})}
}

func (l *connListener) push(c net.Conn) bool {
	select {
	case l.conns <- c:
		return true
	case <-l.closed:
		return false
	}
}

func (l *connListener) Accept() (net.Conn, error) {
	select {
	case c := <-l.conns:
		return c, nil
	case <-l.closed:
		return nil, net.ErrClosed
	}
}

func (l *connListener) Close() error {
	l.once.Do(func() { close(l.closed) })
	return nil
}

func (l *connListener) Addr() net.Addr { return l.addr }

// redirectHandler sends plain-HTTP clients to the same URL over HTTPS on
// port.
func redirectHandler(port int) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host := r.Host
		if h, _, err := net.SplitHostPort(host); err == nil {
			host = h
		}
		if port != 443 {
			host = net.JoinHostPort(host, fmt.Sprint(port))
		}
		http.Redirect(w, r, "https://"+host+r.URL.RequestURI(), http.StatusPermanentRedirect)
	})
}
