package tunnel

import (
	"bufio"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"golang.org/x/sync/errgroup"
)

// Route sends TLS connections whose server name (SNI) matches Pattern to
// Target.
type Route struct {
	// Pattern is a host name, matched exactly, or "*." and a host name,
	// which matches any one label in front of it (as a certificate
	// wildcard does): "*.example.com" matches "a.example.com", not
	// "example.com" or "a.b.example.com". Names compare case-insensitively.
	Pattern string
	// Target is the host:port the plain TCP connection goes to.
	Target string
}

// ParseRoute parses "SNI=host:port", refusing a pattern or target that
// does not parse.
func ParseRoute(s string) (Route, error) {
	pat, target, ok := strings.Cut(s, "=")
	if !ok {
		return Route{}, fmt.Errorf("tunnel: route %q: want SNI=host:port", s)
	}
	r := Route{Pattern: strings.ToLower(strings.TrimSuffix(pat, ".")), Target: target}
	if err := checkPattern(r.Pattern); err != nil {
		return Route{}, fmt.Errorf("tunnel: route %q: %w", s, err)
	}
	if err := checkTarget(r.Target); err != nil {
		return Route{}, fmt.Errorf("tunnel: route %q: %w", s, err)
	}
	return r, nil
}

// checkPattern accepts a host name (RFC 1123 labels) or "*." and one.
func checkPattern(p string) error {
	name := strings.TrimPrefix(p, "*.")
	if name == "" {
		return fmt.Errorf("pattern %q is empty", p)
	}
	if strings.Contains(name, "*") {
		return fmt.Errorf("pattern %q: a wildcard may only be the whole first label", p)
	}
	if len(name) > 253 {
		return fmt.Errorf("pattern %q is longer than 253 bytes", p)
	}
	for _, label := range strings.Split(name, ".") {
		if label == "" || len(label) > 63 {
			return fmt.Errorf("pattern %q has a label of %d bytes (want 1 to 63)", p, len(label))
		}
		if label[0] == '-' || label[len(label)-1] == '-' {
			return fmt.Errorf("pattern %q: label %q starts or ends with '-'", p, label)
		}
		for _, c := range []byte(label) {
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
				return fmt.Errorf("pattern %q: byte %q is not a letter, digit or '-'", p, c)
			}
		}
	}
	return nil
}

// checkTarget accepts host:port with a port from 1 to 65535.
func checkTarget(t string) error {
	host, port, err := net.SplitHostPort(t)
	if err != nil {
		return fmt.Errorf("target %q: %w", t, err)
	}
	if host == "" {
		return fmt.Errorf("target %q has no host", t)
	}
	if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
		return fmt.Errorf("target %q: port %q is not a number from 1 to 65535", t, port)
	}
	return nil
}

func (r Route) matches(name string) bool {
	if rest, ok := strings.CutPrefix(r.Pattern, "*."); ok {
		label, parent, ok := strings.Cut(name, ".")
		return ok && label != "" && parent == rest
	}
	return name == r.Pattern
}

// Server accepts TLS connections, picks a target by the ClientHello's
// server name and splices the decrypted bytes to a plain TCP connection to
// it, as stunnel does. The zero value of each field is noted; Listen,
// Routes or Default, and Certificates or GetCertificate are required.
type Server struct {
	// Listen is the address to listen on, for callers that open the
	// listener from it; Serve takes a listener and ignores it.
	Listen string
	// Routes are tried in order; the first that matches wins. Routes with
	// the same Pattern are one route with several targets, tried as
	// Failover says, as stunnel's several connect lines in one service.
	Routes []Route
	// Default is the target when no route matches, or the client sent no
	// server name. Empty: such connections are refused during the
	// handshake, with a log line naming the name.
	Default string
	// Certificates and GetCertificate are as in tls.Config.
	Certificates   []tls.Certificate
	GetCertificate func(*tls.ClientHelloInfo) (*tls.Certificate, error)
	// ClientCAs, when set, requires every client to present a certificate
	// that chains to one of them (mutual TLS). Nil: no client certificate.
	ClientCAs *x509.CertPool
	// HandshakeTimeout bounds reading the inbound PROXY header, the TLS
	// handshake and the PSK proof together, and each dial of a target.
	// Zero: 10 s.
	HandshakeTimeout time.Duration
	// IdleTimeout ends a connection once no byte moved either way for it
	// (see Splice). Zero: no idle limit.
	IdleTimeout time.Duration
	// MaxConns is how many connections may be open at once; one more is
	// accepted and closed at once, with a log line. Zero: no limit.
	MaxConns int
	// ProxyOut is "v1" or "v2" to send the target a PROXY header with the
	// client's address before any byte of the client's. Empty: none.
	ProxyOut string
	// AcceptProxy is "v1", "v2" or "any" to require a PROXY header before
	// the ClientHello, from a front this server trusts; its source becomes
	// the client's address. A connection without a valid one is closed.
	// Empty: none is expected, and one would fail the handshake.
	AcceptProxy string
	// DrainTimeout is how long Serve waits, once its context is done, for
	// open connections to end before closing them. Zero: close at once.
	DrainTimeout time.Duration
	// Logger gets one line per connection. Nil: nothing is logged.
	Logger *slog.Logger
	// VerifyClient, when set, requires every client to present a
	// certificate that it accepts (see ClientVerifier); with ClientCAs,
	// both must pass. Nil: clients are not checked beyond ClientCAs.
	VerifyClient ClientVerifier
	// Failover is the order a route's targets are tried in: Priority
	// (empty) or RoundRobin, each route rotating on its own. A target that
	// refuses or does not answer within HandshakeTimeout is skipped.
	Failover string
	// DefaultMore are further targets for Default, tried as Failover says.
	DefaultMore []string
	// PSKSecrets, when set, requires every client to prove one of these
	// keys after a TLS 1.3 handshake, before any byte reaches a target
	// (see PSK; this is not stunnel's TLS-PSK). Certificates may then
	// be empty: an ephemeral self-signed one is made. Nil: no PSK.
	PSKSecrets []PSK
	// Curves are the key exchange groups accepted, in order of preference
	// (see ParseCurves). Nil: crypto/tls's defaults.
	Curves []tls.CurveID
}

const defaultHandshakeTimeout = 10 * time.Second

// check refuses a configuration that cannot serve.
func (s *Server) check() error {
	if len(s.Certificates) == 0 && s.GetCertificate == nil && len(s.PSKSecrets) == 0 {
		return errors.New("tunnel: server has no certificate")
	}
	if len(s.Routes) == 0 && s.Default == "" {
		return errors.New("tunnel: server has no route and no default target")
	}
	for _, r := range s.Routes {
		if err := checkPattern(r.Pattern); err != nil {
			return fmt.Errorf("tunnel: route to %q: %w", r.Target, err)
		}
		if err := checkTarget(r.Target); err != nil {
			return fmt.Errorf("tunnel: route %q: %w", r.Pattern, err)
		}
	}
	if s.Default != "" {
		if err := checkTarget(s.Default); err != nil {
			return fmt.Errorf("tunnel: default: %w", err)
		}
	}
	if err := s.checkTargets(); err != nil {
		return err
	}
	if err := s.checkPSK(); err != nil {
		return err
	}
	switch s.ProxyOut {
	case "", "v1", "v2":
	default:
		return fmt.Errorf("tunnel: PROXY out %q: want v1 or v2", s.ProxyOut)
	}
	switch s.AcceptProxy {
	case "", "v1", "v2", "any":
	default:
		return fmt.Errorf("tunnel: accept PROXY %q: want v1, v2 or any", s.AcceptProxy)
	}
	return nil
}

// Serve accepts connections on l until ctx is done or l fails, then closes
// l, waits up to DrainTimeout for open connections and closes the rest.
// Every goroutine it started has ended when it returns. It returns nil
// after ctx ends, and otherwise the listener's error.
func (s *Server) Serve(ctx context.Context, l net.Listener) error {
	if err := s.check(); err != nil {
		l.Close()
		return err
	}
	log := s.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	cfg := &tls.Config{
		MinVersion:       tls.VersionTLS12,
		Certificates:     s.Certificates,
		GetCertificate:   s.GetCertificate,
		CurvePreferences: s.Curves,
		// Routing happens here, on the ClientHello, so an unknown name is
		// refused before any certificate is shown.
		GetConfigForClient: func(hello *tls.ClientHelloInfo) (*tls.Config, error) {
			if _, ts := s.targets(hello.ServerName); ts == nil {
				return nil, fmt.Errorf("no route for server name %q and no default", hello.ServerName)
			}
			return nil, nil
		},
	}
	if len(s.PSKSecrets) > 0 {
		if err := pskServerConfig(cfg); err != nil {
			l.Close()
			return err
		}
	}
	if s.ClientCAs != nil {
		cfg.ClientCAs = s.ClientCAs
		cfg.ClientAuth = tls.RequireAndVerifyClientCert
	}
	if s.VerifyClient != nil {
		s.requireVerifiedClient(cfg)
	}

	// kill ends the connections still open when draining runs out.
	kill, killAll := context.WithCancel(context.WithoutCancel(ctx))
	defer killAll()
	stopListening := context.AfterFunc(ctx, func() { l.Close() })
	defer stopListening()

	var slots chan struct{}
	if s.MaxConns > 0 {
		slots = make(chan struct{}, s.MaxConns)
	}
	rots := new(rotations)
	var g errgroup.Group
	var acceptErr error
	var backoff time.Duration
	for {
		c, err := l.Accept()
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			if transientAccept(err) {
				backoff = min(max(2*backoff, 5*time.Millisecond), time.Second)
				log.Warn("tunnel accept", "listen", l.Addr().String(), "err", err, "retry_in", backoff)
				select {
				case <-time.After(backoff):
				case <-ctx.Done():
				}
				continue
			}
			acceptErr = fmt.Errorf("tunnel: accepting on %s: %w", l.Addr(), err)
			break
		}
		backoff = 0
		if slots != nil {
			select {
			case slots <- struct{}{}:
			default:
				log.Warn("tunnel connection refused", "client", c.RemoteAddr().String(), "reason", fmt.Sprintf("%d connections already open (max conns)", s.MaxConns))
				c.Close()
				continue
			}
		}
		g.Go(func() error {
			if slots != nil {
				defer func() { <-slots }()
			}
			s.handle(kill, cfg, c, log, rots)
			return nil
		})
	}
	l.Close()

	drained := make(chan struct{})
	go func() {
		g.Wait()
		close(drained)
	}()
	if s.DrainTimeout > 0 {
		t := time.NewTimer(s.DrainTimeout)
		select {
		case <-drained:
		case <-t.C:
		}
		t.Stop()
	}
	killAll()
	<-drained
	return acceptErr
}

// transientAccept reports whether an accept failure may pass: out of
// descriptors or buffers, or a timeout.
func transientAccept(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout() ||
		errors.Is(err, syscall.EMFILE) || errors.Is(err, syscall.ENFILE) ||
		errors.Is(err, syscall.ENOBUFS) || errors.Is(err, syscall.ENOMEM)
}

// handle serves one accepted connection and logs it in one line.
func (s *Server) handle(kill context.Context, cfg *tls.Config, raw net.Conn, log *slog.Logger, rots *rotations) {
	start := time.Now()
	var killed atomic.Bool // the connection was cut by shutdown, not by a peer
	stop := context.AfterFunc(kill, func() {
		killed.Store(true)
		raw.Close()
	})
	defer stop()
	attrs := []any{"client", raw.RemoteAddr().String()}
	fail := func(reason string, err error) {
		raw.Close()
		log.Warn("tunnel connection", append(attrs, "reason", reason, "err", err.Error(), "duration", time.Since(start))...)
	}

	timeout := s.HandshakeTimeout
	if timeout <= 0 {
		timeout = defaultHandshakeTimeout
	}
	raw.SetDeadline(time.Now().Add(timeout))
	conn := raw
	client, local := raw.RemoteAddr(), raw.LocalAddr()
	if s.AcceptProxy != "" {
		pc, hdr, err := s.readProxy(raw)
		if err != nil {
			fail("PROXY header", err)
			return
		}
		conn = pc
		if hdr.Source != nil {
			client, local = hdr.Source, hdr.Destination
		}
		attrs = append(attrs[:0], "client", client.String(), "front", raw.RemoteAddr().String())
	}
	tc := tls.Server(conn, cfg)
	hctx, cancel := context.WithTimeout(kill, timeout)
	_, err := apart(func() (struct{}, error) { return struct{}{}, tc.HandshakeContext(hctx) })
	cancel()
	if err != nil {
		fail("TLS handshake", err)
		return
	}
	if len(s.PSKSecrets) > 0 {
		id, err := pskAccept(tc, s.PSKSecrets)
		if id != "" {
			attrs = append(attrs, "psk_identity", id)
		}
		if err != nil {
			fail("PSK", err)
			return
		}
	}
	raw.SetDeadline(time.Time{})
	name := tc.ConnectionState().ServerName
	attrs = append(attrs, "sni", name)

	bc, target, err := s.dialTarget(kill, rots, name, timeout)
	if err != nil {
		tc.Close()
		fail("target unreachable", err)
		return
	}
	attrs = append(attrs, "target", target)
	if s.ProxyOut != "" {
		var hdr []byte
		if s.ProxyOut == "v1" {
			hdr = AppendV1(nil, client, local)
		} else {
			hdr = AppendV2(nil, client, local)
		}
		bc.SetWriteDeadline(time.Now().Add(timeout))
		if _, err := bc.Write(hdr); err != nil {
			bc.Close()
			tc.Close()
			fail("PROXY header out", fmt.Errorf("writing PROXY header to target %s: %w", target, err))
			return
		}
		bc.SetWriteDeadline(time.Time{})
	}
	st, err := Splice(tc, bc, s.IdleTimeout)
	attrs = append(attrs, "bytes_in", st.AToB, "bytes_out", st.BToA, "duration", time.Since(start))
	switch {
	case errors.Is(err, net.ErrClosed) && killed.Load():
		log.Warn("tunnel connection", append(attrs, "reason", "closed by shutdown", "err", err.Error())...)
	case err != nil:
		log.Warn("tunnel connection", append(attrs, "reason", "error", "err", err.Error())...)
	default:
		log.Info("tunnel connection", append(attrs, "reason", "both sides closed")...)
	}
}

// readProxy reads the inbound PROXY header and returns the connection that
// reads on from its end.
func (s *Server) readProxy(raw net.Conn) (net.Conn, *Header, error) {
	br := bufio.NewReader(raw)
	hdr, err := ReadHeader(br)
	if err != nil {
		return nil, nil, err
	}
	if want := s.AcceptProxy; want != "any" && want != fmt.Sprintf("v%d", hdr.Version) {
		return nil, nil, fmt.Errorf("PROXY header is v%d, want %s", hdr.Version, want)
	}
	return &bufferedConn{Conn: raw, r: br}, hdr, nil
}

// bufferedConn reads through r first: the bytes after a PROXY header that
// the reader already buffered.
type bufferedConn struct {
	net.Conn
	r *bufio.Reader
}

func (c *bufferedConn) Read(b []byte) (int, error) { return c.r.Read(b) }

// CloseWrite half-closes the underlying connection when it can.
func (c *bufferedConn) CloseWrite() error {
	if cw, ok := c.Conn.(interface{ CloseWrite() error }); ok {
		return cw.CloseWrite()
	}
	return errors.ErrUnsupported
}
