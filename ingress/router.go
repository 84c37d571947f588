package ingress

import (
	"bufio"
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
	// HeaderTimeout is one budget, from accept, for the TLS handshake and
	// the first request's headers, and bounds each later request's
	// headers on its own; zero means no bound. IdleTimeout bounds idle
	// keep-alive and idle spliced connections.
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
	// DialTimeout bounds connecting to a target; zero means 10 s.
	DialTimeout time.Duration
	// ACMETLSALPN answers handshakes that offer only acme-tls/1 with TLS's
	// certificate for them (RFC 8737), then closes the connection.
	ACMETLSALPN bool
	// MaxConns bounds client connections served at once.
	MaxConns int
	// MaxConnsPerIP bounds client connections served at once from one
	// remote IP address, so that one address cannot take all of MaxConns.
	// An IPv6 client counts by its full address. Zero means no bound.
	MaxConnsPerIP int
	// RefusalLogInterval is how often connections refused at MaxConns or
	// MaxConnsPerIP are summed up in one WARN line; zero means 10 s.
	RefusalLogInterval time.Duration
	// DrainTimeout bounds how long shutdown waits for HTTP requests in
	// flight; zero means 10 s.
	DrainTimeout time.Duration
	// ProxyProtocol sends a PROXY v2 header to tcp:// targets.
	ProxyProtocol bool
	Logger        *slog.Logger
	// Metrics counts connections, handshakes, requests and splices; nil
	// counts nothing.
	Metrics *metrics

	// refusalTicks, when set, replaces the RefusalLogInterval ticker.
	refusalTicks <-chan time.Time

	proxies  sync.Map // Target → *httputil.ReverseProxy
	refused  refusals
	inFlight atomic.Int64 // HTTP requests being handled, upgraded ones excepted
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
// accept error other than a timeout, or a *DrainTimeoutError when requests
// were still in flight at the drain timeout; every goroutine it started
// has ended when it returns.
func (r *router) Serve(ctx context.Context, l net.Listener) error {
	log := r.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	sem := make(chan struct{}, max(r.MaxConns, 1))
	perIP := &ipLimit{max: r.MaxConnsPerIP, open: map[string]int{}}
	httpConns := newConnListener(l.Addr())
	srv := &http.Server{
		Handler:           r.Metrics.countRequests(r.countRequests(r.httpHandler())),
		ReadHeaderTimeout: r.HeaderTimeout,
		IdleTimeout:       r.IdleTimeout,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelDebug),
		ConnContext: func(ctx context.Context, c net.Conn) context.Context {
			if tc, ok := c.(*tls.Conn); ok {
				if t, ok := tc.NetConn().(*trackedConn); ok {
					ctx = context.WithValue(ctx, trackedConnKey{}, t)
				}
			}
			return r.connContext(ctx, c)
		},
	}
	tlsCfg := r.tlsConfig()
	open := &connSet{conns: map[*trackedConn]struct{}{}}

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
		var cut error
		if err := srv.Shutdown(sctx); err != nil {
			e := &DrainTimeoutError{Timeout: drain, Requests: int(r.inFlight.Load()), Conns: open.handedOver()}
			log.Warn(e.Error(), "drain_timeout", drain.String(), "requests_cut", e.Requests, "conns_cut", e.Conns)
			srv.Close()
			cut = e
		} else if n := open.handedOver(); n > 0 {
			log.Info("closing spliced and upgraded connections", "conns", n)
		}
		httpConns.Close()
		open.closeAll()
		r.closeIdleBackends()
		return cut
	})
	g.Go(func() error {
		ticks := r.refusalTicks
		if ticks == nil {
			every := r.RefusalLogInterval
			if every == 0 {
				every = 10 * time.Second
			}
			t := time.NewTicker(every)
			defer t.Stop()
			ticks = t.C
		}
		for {
			select {
			case <-ticks:
				r.logRefusals(log)
			case <-ctx.Done():
				r.logRefusals(log)
				return nil
			}
		}
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
			// The budget for the handshake and the first request's
			// headers starts now, before any byte is read.
			var headerBy time.Time
			if r.HeaderTimeout > 0 {
				headerBy = time.Now().Add(r.HeaderTimeout)
			}
			ip := remoteIP(c)
			if !perIP.acquire(ip) {
				r.refuse(refusedPerIP, ip)
				c.Close()
				continue
			}
			select {
			case sem <- struct{}{}:
			default:
				perIP.release(ip)
				r.refuse(refusedMaxConns, ip)
				c.Close()
				continue
			}
			tracked := open.add(c, headerBy, r.Metrics.admit(func() { <-sem; perIP.release(ip) }))
			g.Go(func() error { r.handle(ctx, tracked, headerBy, tlsCfg, httpConns, log); return nil })
		}
	})
	return g.Wait()
}

// DrainTimeoutError is the outcome of Serve, and of Run, when shutdown's
// drain timeout passed with HTTP requests still in flight: those, and every
// spliced or upgraded connection, were cut.
type DrainTimeoutError struct {
	Timeout  time.Duration
	Requests int // HTTP requests in flight when the timeout passed
	Conns    int // spliced and upgraded connections open then
}

func (e *DrainTimeoutError) Error() string {
	return fmt.Sprintf("drain timeout %s passed; cut %s in flight and %s",
		e.Timeout, plural(e.Requests, "request"), plural(e.Conns, "spliced or upgraded connection"))
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// countRequests counts the requests h is handling, for the drain timeout's
// report, and ends the first request's header budget on its connection. An
// upgraded request leaves the count once its connection is taken over: it
// is then an upgraded connection.
func (r *router) countRequests(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		tc, _ := req.Context().Value(trackedConnKey{}).(*trackedConn)
		if tc != nil {
			tc.headersDone()
		}
		r.inFlight.Add(1)
		if tc == nil || req.Header.Get("Upgrade") == "" {
			defer r.inFlight.Add(-1)
			h.ServeHTTP(w, req)
			return
		}
		uw := &upgradeWriter{ResponseWriter: w, r: r, c: tc}
		defer uw.leave()
		h.ServeHTTP(uw, req)
	})
}

// upgradeWriter notices when the reverse proxy takes over the connection
// for an upgraded protocol (WebSocket): from then on it is counted as an
// upgraded connection, not as a request.
type upgradeWriter struct {
	http.ResponseWriter
	r    *router
	c    *trackedConn
	left atomic.Bool
}

func (w *upgradeWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	c, brw, err := http.NewResponseController(w.ResponseWriter).Hijack()
	if err == nil {
		w.c.handedOver.Store(true)
		w.leave()
	}
	return c, brw, err
}

// leave takes the request out of the count of requests in flight, once.
func (w *upgradeWriter) leave() {
	if w.left.CompareAndSwap(false, true) {
		w.r.inFlight.Add(-1)
	}
}

func (w *upgradeWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// trackedConnKey finds a request's *trackedConn in its context.
type trackedConnKey struct{}

// remoteIP is the address a client connection is counted under for
// MaxConnsPerIP: an IPv4 address, or an IPv6 one in full.
func remoteIP(c net.Conn) string {
	if a, ok := c.RemoteAddr().(*net.TCPAddr); ok {
		return a.AddrPort().Addr().Unmap().WithZone("").String()
	}
	if h, _, err := net.SplitHostPort(c.RemoteAddr().String()); err == nil {
		return h
	}
	return c.RemoteAddr().String()
}

// ipLimit counts open connections per remote IP address.
type ipLimit struct {
	max  int // zero: no bound, nothing counted
	mu   sync.Mutex
	open map[string]int
}

func (l *ipLimit) acquire(ip string) bool {
	if l.max <= 0 {
		return true
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.open[ip] >= l.max {
		return false
	}
	l.open[ip]++
	return true
}

func (l *ipLimit) release(ip string) {
	if l.max <= 0 {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if n := l.open[ip] - 1; n > 0 {
		l.open[ip] = n
	} else {
		delete(l.open, ip)
	}
}

// refusal is why a connection was refused.
type refusal int

const (
	refusedMaxConns refusal = iota // MaxConns connections were open
	refusedPerIP                   // MaxConnsPerIP connections were open from its address
)

// refusals counts the connections refused since the last report.
type refusals struct {
	mu       sync.Mutex
	maxConns int
	perIP    int
	byIP     map[string]int // per-IP refusals by address, for the top one
}

// maxRefusedIPs bounds the addresses remembered between two reports; the
// counts stay exact past it.
const maxRefusedIPs = 4096

// refuse counts one connection refused for why, from ip. Every refusal
// passes through here.
func (r *router) refuse(why refusal, ip string) {
	r.Metrics.refuse(why)
	s := &r.refused
	s.mu.Lock()
	defer s.mu.Unlock()
	switch why {
	case refusedMaxConns:
		s.maxConns++
	case refusedPerIP:
		s.perIP++
		if s.byIP == nil {
			s.byIP = map[string]int{}
		}
		if _, ok := s.byIP[ip]; ok || len(s.byIP) < maxRefusedIPs {
			s.byIP[ip]++
		}
	}
}

// logRefusals writes one WARN line with the refusals counted since the
// last one, and nothing if there were none.
func (r *router) logRefusals(log *slog.Logger) {
	s := &r.refused
	s.mu.Lock()
	maxConns, perIP, byIP := s.maxConns, s.perIP, s.byIP
	s.maxConns, s.perIP, s.byIP = 0, 0, nil
	s.mu.Unlock()
	if maxConns == 0 && perIP == 0 {
		return
	}
	attrs := []any{"refused", maxConns + perIP, "refused_max_conns", maxConns, "max_conns", r.MaxConns, "refused_per_ip", perIP}
	if perIP > 0 {
		var top string
		for ip, n := range byIP {
			if n > byIP[top] || n == byIP[top] && ip < top {
				top = ip
			}
		}
		attrs = append(attrs, "max_conns_per_ip", r.MaxConnsPerIP, "top_ip", top, "top_ip_refused", byIP[top])
	}
	log.Warn("connections refused since the last report", attrs...)
}

// handle completes one client's handshake and passes it to the HTTP server
// or splices it to its tcp:// target. The handshake and the first
// request's headers share one budget, which ends at headerBy.
func (r *router) handle(ctx context.Context, c *trackedConn, headerBy time.Time, tlsCfg *tls.Config, httpConns *connListener, log *slog.Logger) {
	tc := tls.Server(c, tlsCfg)
	tc.SetDeadline(headerBy)
	err := tc.HandshakeContext(ctx)
	r.Metrics.handshake(err)
	if err != nil {
		log.Debug("TLS handshake failed", "remote", c.RemoteAddr(), "err", err)
		tc.Close()
		return
	}
	tc.SetDeadline(time.Time{}) // reads stay within headerBy until the first request is handled
	if tc.ConnectionState().NegotiatedProtocol == acmeTLS1 {
		tc.Close() // a CA's validation: the handshake was all it wanted
		return
	}
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
	c.headersDone()
	c.handedOver.Store(true)
	if err := r.splice(tc, t); err != nil {
		log.Debug("tcp splice ended", "target", t.String(), "err", err)
	}
}

// connSet is every client connection open, so that shutdown can close
// those the HTTP server no longer tracks (spliced, upgraded).
type connSet struct {
	mu     sync.Mutex
	conns  map[*trackedConn]struct{}
	closed bool
}

// add tracks c until it is closed; release runs once, on close. Reads on
// c end by headerBy until its first request is handled.
func (s *connSet) add(c net.Conn, headerBy time.Time, release func()) *trackedConn {
	tc := &trackedConn{Conn: c, headerBy: headerBy}
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

// handedOver counts the spliced and upgraded connections open.
func (s *connSet) handedOver() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for c := range s.conns {
		if c.handedOver.Load() {
			n++
		}
	}
	return n
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

// trackedConn leaves its set and gives back its slots when closed. Until
// its first request is handled, it holds every read deadline to the end
// of the header budget: net/http's ReadHeaderTimeout would otherwise give
// the first request's headers a whole HeaderTimeout of their own after
// the handshake.
type trackedConn struct {
	net.Conn
	release func()
	// handedOver is set once the connection is spliced or upgraded:
	// shutdown cuts it without waiting.
	handedOver atomic.Bool

	headersIn atomic.Bool // the first request is being handled
	mu        sync.Mutex
	headerBy  time.Time // end of the budget; zero once headersIn
	readBy    time.Time // the read deadline last asked for
}

func (c *trackedConn) Close() error {
	c.release()
	return c.Conn.Close()
}

func (c *trackedConn) SetReadDeadline(t time.Time) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.readBy = t
	if !c.headerBy.IsZero() && (t.IsZero() || t.After(c.headerBy)) {
		t = c.headerBy
	}
	return c.Conn.SetReadDeadline(t)
}

func (c *trackedConn) SetDeadline(t time.Time) error {
	return errors.Join(c.SetReadDeadline(t), c.Conn.SetWriteDeadline(t))
}

// headersDone ends the header budget: the read deadline last asked for
// applies from now on.
func (c *trackedConn) headersDone() {
	if c.headersIn.Load() {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.headersIn.Swap(true) {
		return
	}
	c.headerBy = time.Time{}
	c.Conn.SetReadDeadline(c.readBy)
}

// acmeTLS1 is the ALPN protocol of TLS-ALPN-01 validation (RFC 8737).
const acmeTLS1 = "acme-tls/1"

// tlsConfig offers h2 only to HTTP targets: a tcp:// backend speaks its
// own protocol. It is built once per Serve so that session tickets, whose
// keys live in the base config, resume across connections.
func (r *router) tlsConfig() *tls.Config {
	base := r.TLS.Clone()
	base.MinVersion = tls.VersionTLS12
	base.NextProtos = []string{"h2", "http/1.1"}
	forTCP := base.Clone()
	forTCP.NextProtos = nil
	forACME := base.Clone()
	forACME.NextProtos = []string{acmeTLS1}
	base.GetConfigForClient = func(hello *tls.ClientHelloInfo) (*tls.Config, error) {
		if r.ACMETLSALPN && len(hello.SupportedProtos) == 1 && hello.SupportedProtos[0] == acmeTLS1 {
			return forACME, nil
		}
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
			switch {
			case r.Logger == nil:
			case req.Context().Err() != nil: // the client left, or shutdown cut it
				r.Logger.Debug("request ended before the backend answered", "target", t.String(), "err", err)
			default:
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
	dial := (&net.Dialer{Timeout: r.dialTimeout(), KeepAlive: 30 * time.Second}).DialContext
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
	backend, err := net.DialTimeout("tcp", t.Addr, r.dialTimeout())
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
	counted := r.countSplice(client)
	st, err := tunnel.Splice(client, backend, r.IdleTimeout)
	counted(st)
	return err
}

func (r *router) dialTimeout() time.Duration {
	if r.DialTimeout > 0 {
		return r.DialTimeout
	}
	return 10 * time.Second
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
