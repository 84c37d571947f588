package ingress

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/textproto"
	"sync"
	"time"
)

// backendTransport sends a proxy's requests to one HTTP/1.1 backend.
//
// A request without a body that asks for no protocol upgrade (a GET, HEAD
// or OPTIONS, which is most traffic) is written and its response read on
// the calling goroutine, over a connection kept in a small idle pool.
// net/http's Transport hands every request to a writer goroutine and every
// response from a reader goroutine, goroutine switches on each request
// that this path does not make. Everything else (request bodies, 100-continue,
// WebSocket and other upgrades) goes through Std, which handles them.
//
// It keeps net/http's rules where they matter: a request that fails on a
// pooled connection before any byte of the answer arrives is sent again on
// another pooled or a new connection (the backend may have closed the idle
// one; only replayable methods take this path), a response whose length is
// given by the connection's end or that says "Connection: close" ends the
// connection, so do bytes the backend sent past the end of a response
// (net/http's "unsolicited response"), HeaderTimeout bounds the wait for response headers, and
// headers and interim responses are bounded in size and number.
// It is safe for concurrent use.
type backendTransport struct {
	// Addr is the backend's host:port.
	Addr string
	// Std carries what the direct path does not.
	Std *http.Transport
	// Dial opens a connection to Addr.
	Dial func(ctx context.Context, network, addr string) (net.Conn, error)
	// HeaderTimeout bounds the wait for response headers; zero means no
	// bound.
	HeaderTimeout time.Duration
	// IdleTimeout is how long a pooled connection may stay unused; zero
	// means no bound.
	IdleTimeout time.Duration

	mu     sync.Mutex
	idle   []*backendConn // most recently used last
	closed bool
}

// maxIdleBackendConns bounds the idle pool per backend, as
// MaxIdleConnsPerHost does for Std.
const maxIdleBackendConns = 256

// Limits on what a backend may send before its final response headers,
// as net/http's Transport has (its MaxResponseHeaderBytes, 10 MiB by
// default, and its cap of 5 on 1xx responses); nginx's proxy_buffer_size
// holds 4 or 8 KiB of headers.
const (
	maxBackendHeaderBytes = 1 << 20
	maxInterimResponses   = 5
)

var (
	errBackendHeaderTooLong = fmt.Errorf("backend response headers exceed %d bytes", maxBackendHeaderBytes)
	errTooManyInterim       = fmt.Errorf("backend sent more than %d interim (1xx) responses", maxInterimResponses)
)

// backendConn is one connection to the backend with its buffers.
type backendConn struct {
	net.Conn
	br        *bufio.Reader // reads through limit
	bw        *bufio.Writer
	limit     headerLimit
	idleSince time.Time
}

// headerLimit reads from a connection at most left bytes while on, so
// that a backend cannot make the proxy buffer endless headers.
type headerLimit struct {
	c    net.Conn
	on   bool
	left int
}

func (l *headerLimit) Read(p []byte) (int, error) {
	if !l.on {
		return l.c.Read(p)
	}
	if l.left <= 0 {
		return 0, errBackendHeaderTooLong
	}
	if len(p) > l.left {
		p = p[:l.left]
	}
	n, err := l.c.Read(p)
	l.left -= n
	return n, err
}

// direct reports whether req takes the direct path.
func direct(req *http.Request) bool {
	switch req.Method {
	case "GET", "HEAD", "OPTIONS":
	default:
		return false
	}
	return (req.Body == nil || req.Body == http.NoBody) && req.Header.Get("Upgrade") == "" && req.URL.Scheme == "http"
}

func (t *backendTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if !direct(req) {
		return t.Std.RoundTrip(req)
	}
	ctx := req.Context()
	for {
		bc, reused, err := t.conn(ctx)
		if err != nil {
			return nil, err
		}
		resp, err := t.exchange(ctx, bc, req)
		if err == nil {
			return resp, nil
		}
		bc.Close()
		var nr nothingRead
		if !reused || !errors.As(err, &nr) || ctx.Err() != nil {
			return nil, err
		}
		// The backend closed the idle connection before it saw the
		// request: nothing was processed, so send it again.
	}
}

// nothingRead is a failure before any byte of the response arrived on a
// connection that was not timed out.
type nothingRead struct{ error }

func (e nothingRead) Unwrap() error { return e.error }

// conn takes the most recently used idle connection still within
// IdleTimeout, or dials a new one.
func (t *backendTransport) conn(ctx context.Context) (bc *backendConn, reused bool, err error) {
	t.mu.Lock()
	for len(t.idle) > 0 {
		bc = t.idle[len(t.idle)-1]
		t.idle[len(t.idle)-1] = nil
		t.idle = t.idle[:len(t.idle)-1]
		if t.IdleTimeout == 0 || time.Since(bc.idleSince) < t.IdleTimeout {
			t.mu.Unlock()
			return bc, true, nil
		}
		bc.Close()
	}
	t.mu.Unlock()
	c, err := t.Dial(ctx, "tcp", t.Addr)
	if err != nil {
		return nil, false, err
	}
	bc = &backendConn{Conn: c, bw: bufio.NewWriter(c), limit: headerLimit{c: c}}
	bc.br = bufio.NewReader(&bc.limit)
	return bc, false, nil
}

// put returns bc to the idle pool, or closes it if the pool is full or
// closed.
func (t *backendTransport) put(bc *backendConn) {
	bc.idleSince = time.Now()
	t.mu.Lock()
	if !t.closed && len(t.idle) < maxIdleBackendConns {
		t.idle = append(t.idle, bc)
		bc = nil
	}
	t.mu.Unlock()
	if bc != nil {
		bc.Close()
	}
}

// CloseIdleConnections closes the idle connections of both paths, and for
// good once closed: a connection released later is closed, not pooled.
func (t *backendTransport) CloseIdleConnections() {
	t.mu.Lock()
	idle := t.idle
	t.idle, t.closed = nil, true
	t.mu.Unlock()
	for _, bc := range idle {
		bc.Close()
	}
	t.Std.CloseIdleConnections()
}

// aLongTimeAgo is a deadline that makes blocked I/O return at once.
var aLongTimeAgo = time.Unix(1, 0)

// exchange writes req on bc and reads its response headers. Cancelling
// ctx, until the body is done, fails any read or write on bc.
func (t *backendTransport) exchange(ctx context.Context, bc *backendConn, req *http.Request) (*http.Response, error) {
	stop := context.AfterFunc(ctx, func() { bc.SetDeadline(aLongTimeAgo) })
	resp, err := t.readResponse(ctx, bc, req)
	if err != nil {
		stop()
		return nil, err
	}
	reusable := !resp.Close && !req.Close && resp.StatusCode != http.StatusSwitchingProtocols
	if resp.Body == http.NoBody {
		t.release(bc, stop, reusable)
		return resp, nil
	}
	resp.Body = &backendBody{ReadCloser: resp.Body, t: t, bc: bc, stop: stop, reusable: reusable}
	return resp, nil
}

func (t *backendTransport) readResponse(ctx context.Context, bc *backendConn, req *http.Request) (*http.Response, error) {
	if t.HeaderTimeout > 0 {
		bc.SetReadDeadline(time.Now().Add(t.HeaderTimeout))
	}
	if err := req.Write(bc.bw); err != nil {
		return nil, nothingRead{err}
	}
	if err := bc.bw.Flush(); err != nil {
		return nil, nothingRead{err}
	}
	// A pooled connection has nothing buffered (see release), so every
	// byte of these headers counts against the limit.
	bc.limit.on, bc.limit.left = true, maxBackendHeaderBytes
	defer func() { bc.limit.on = false }()
	if _, err := bc.br.Peek(1); err != nil {
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			return nil, err
		}
		return nil, nothingRead{err}
	}
	for interim := 0; ; interim++ {
		resp, err := http.ReadResponse(bc.br, req)
		if err != nil {
			return nil, err
		}
		// Interim responses (103 Early Hints and the like) go to the
		// proxy, which forwards them, before the final one (RFC 9110,
		// section 15.2).
		if resp.StatusCode >= 100 && resp.StatusCode < 200 && resp.StatusCode != http.StatusSwitchingProtocols {
			if interim == maxInterimResponses {
				return nil, errTooManyInterim
			}
			bc.limit.left = maxBackendHeaderBytes
			if trace := httptrace.ContextClientTrace(ctx); trace != nil && trace.Got1xxResponse != nil {
				if err := trace.Got1xxResponse(resp.StatusCode, textproto.MIMEHeader(resp.Header)); err != nil {
					return nil, err
				}
			}
			continue
		}
		if t.HeaderTimeout > 0 {
			bc.SetReadDeadline(time.Time{})
		}
		return resp, nil
	}
}

// release ends a request's use of bc: back to the pool if the response
// was read whole on a connection that stays open, ctx never fired and the
// backend sent nothing past the response, closed otherwise.
func (t *backendTransport) release(bc *backendConn, stop func() bool, reuse bool) {
	if stop() && reuse && bc.br.Buffered() == 0 {
		t.put(bc)
		return
	}
	bc.Close()
}

// backendBody is a response body on the direct path; reading it to the
// end or closing it releases the connection. Like the proxy, which is its
// only reader, it expects Read and Close from one goroutine.
type backendBody struct {
	io.ReadCloser
	t        *backendTransport
	bc       *backendConn
	stop     func() bool
	reusable bool
	released bool
}

func (b *backendBody) Read(p []byte) (int, error) {
	if b.released {
		return 0, io.EOF
	}
	n, err := b.ReadCloser.Read(p)
	if err == io.EOF {
		b.released = true
		b.t.release(b.bc, b.stop, b.reusable)
	}
	return n, err
}

// Close closes the connection first when the body was not read to its
// end, so that closing does not drain what is left from the backend.
func (b *backendBody) Close() error {
	if b.released {
		return nil
	}
	b.released = true
	b.t.release(b.bc, b.stop, false)
	b.ReadCloser.Close() // fails fast on the closed connection; nothing to report
	return nil
}
