package tunnel

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

// Failover orders, for Client.Failover.
const (
	// Priority tries the targets in the order given, for every connection.
	Priority = "priority"
	// RoundRobin starts each connection at the target after the one the
	// previous connection started at, and tries the rest in turn.
	RoundRobin = "round-robin"
)

// Client is the client side of a tunnel: it accepts plain TCP connections
// and carries each over TLS to one of its targets, after its Verifier has
// accepted the server. A connection whose server is refused is closed
// without a byte passing either way.
type Client struct {
	// Listen is the address ListenAndServe listens on, e.g.
	// "127.0.0.1:5432". Serve ignores it.
	Listen string
	// Connect is the targets, host:port, tried as Failover says until one
	// dials, handshakes and is accepted. At least one is required.
	Connect []string
	// Failover is Priority (the default, when empty) or RoundRobin.
	Failover string
	// ServerName is the name sent as SNI and given to Verify; empty means
	// each target's host.
	ServerName string
	// Verify judges each server; nil means WebPKI(nil): the system's roots
	// and the host name.
	Verify Verifier
	// Certificates, when set, are offered to servers that ask for a
	// client certificate.
	Certificates []tls.Certificate
	// HandshakeTimeout bounds dialling and the TLS handshake with one
	// target; zero means 10 seconds.
	HandshakeTimeout time.Duration
	// IdleTimeout ends a connection once no byte has moved either way for
	// this long (see Splice); zero means never.
	IdleTimeout time.Duration
	// Logger gets one line per connection; nil means slog.Default().
	Logger *slog.Logger
	// GetClientCertificate, when set, supplies the client certificate
	// instead of Certificates, as in tls.Config: an AgentCert's keeps a
	// renewed RA-TLS certificate in use. Nil: Certificates.
	GetClientCertificate func(*tls.CertificateRequestInfo) (*tls.Certificate, error)
	// PSK, when set, is proven to each server after a TLS 1.3 handshake,
	// and the server must prove it back, before any byte passes (see
	// PSK; this is not stunnel's TLS-PSK). With it, a nil Verify
	// judges no certificate: the key authenticates the server.
	PSK *PSK
	// Curves are the key exchange groups offered, in order of preference
	// (see ParseCurves). Nil: crypto/tls's defaults.
	Curves []tls.CurveID

	next         rotation
	sessionsOnce sync.Once
	sessions     tls.ClientSessionCache
}

// ListenAndServe listens on c.Listen and calls Serve.
func (c *Client) ListenAndServe(ctx context.Context) error {
	l, err := new(net.ListenConfig).Listen(ctx, "tcp", c.Listen)
	if err != nil {
		return fmt.Errorf("listen %s: %w", c.Listen, err)
	}
	return c.Serve(ctx, l)
}

// Serve accepts connections on l until ctx is done, then closes l and
// every connection it carries, and returns nil once all have ended. It
// returns an error without serving when c is not usable, and the
// listener's error if accepting fails otherwise.
func (c *Client) Serve(ctx context.Context, l net.Listener) error {
	defer l.Close()
	if len(c.Connect) == 0 {
		return errors.New("tunnel client: no target to connect to")
	}
	if err := checkFailover(c.Failover); err != nil {
		return fmt.Errorf("tunnel client: %w", err)
	}
	if err := c.checkPSK(); err != nil {
		return err
	}
	// Cancelling ctx closes the listener and, through each connection's
	// own AfterFunc, every connection being carried.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stop := context.AfterFunc(ctx, func() { l.Close() })
	defer stop()
	var g errgroup.Group
	for {
		in, err := l.Accept()
		if err != nil {
			if ctx.Err() != nil {
				err = nil
			} else {
				err = fmt.Errorf("tunnel client: accept on %s: %w", l.Addr(), err)
			}
			cancel()
			g.Wait()
			return err
		}
		g.Go(func() error {
			c.carry(ctx, in)
			return nil
		})
	}
}

func (c *Client) logger() *slog.Logger {
	if c.Logger != nil {
		return c.Logger
	}
	return slog.Default()
}

// carry dials a target for in and splices the two, logging the outcome.
func (c *Client) carry(ctx context.Context, in net.Conn) {
	defer in.Close()
	stopIn := context.AfterFunc(ctx, func() { in.Close() })
	defer stopIn()
	start := time.Now()
	out, target, err := c.dial(ctx)
	if err != nil {
		c.logger().Warn("tunnel connection refused", "from", in.RemoteAddr().String(), "error", err)
		return
	}
	stopOut := context.AfterFunc(ctx, func() { out.Close() })
	defer stopOut()
	st, err := Splice(in, out, c.IdleTimeout)
	attrs := []any{"from", in.RemoteAddr().String(), "to", target, "sent", st.AToB, "received", st.BToA, "duration", time.Since(start).Round(time.Millisecond)}
	if err != nil {
		c.logger().Info("tunnel connection ended", append(attrs, "error", err)...)
		return
	}
	c.logger().Info("tunnel connection ended", attrs...)
}

// dial tries the targets in Failover's order and returns the first
// accepted TLS connection, or every target's error.
func (c *Client) dial(ctx context.Context) (*tls.Conn, string, error) {
	return tryInTurn(ctx, c.next.order(c.Failover, c.Connect), 0, func(ctx context.Context, target string) (*tls.Conn, error) {
		conn, err := c.dialOne(ctx, target)
		if err == nil {
			err = c.provePSK(conn)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", target, err)
		}
		return conn, nil
	})
}

func (c *Client) dialOne(ctx context.Context, target string) (*tls.Conn, error) {
	name := c.ServerName
	if name == "" {
		host, _, err := net.SplitHostPort(target)
		if err != nil {
			return nil, fmt.Errorf("target is not host:port: %w", err)
		}
		name = host
	}
	verify := c.Verify
	if verify == nil {
		verify = c.defaultVerifier()
	}
	timeout := c.HandshakeTimeout
	if timeout == 0 {
		timeout = 10 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	// Sessions are resumed: a TLS 1.3 ticket spares the server its
	// signature on every connection after the first. VerifyConnection
	// still sees the session's certificates each time.
	c.sessionsOnce.Do(func() { c.sessions = tls.NewLRUClientSessionCache(256) })
	d := tls.Dialer{Config: &tls.Config{
		ServerName:         name,
		ClientSessionCache: c.sessions,
		MinVersion:         tls.VersionTLS12,
		Certificates:       c.Certificates,
		// The Verifier does the whole check in VerifyConnection, which
		// also sees resumed sessions; Go's own check would demand WebPKI.
		InsecureSkipVerify: true,
		VerifyConnection: func(cs tls.ConnectionState) error {
			return verify.VerifyServer(cs, name)
		},
	}}
	d.Config.GetClientCertificate = c.GetClientCertificate
	d.Config.CurvePreferences = c.Curves
	conn, err := apart(func() (net.Conn, error) { return d.DialContext(ctx, "tcp", target) })
	if err != nil {
		return nil, err
	}
	return conn.(*tls.Conn), nil
}
