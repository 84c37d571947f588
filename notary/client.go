package notary

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"sync"
	"time"

	"github.com/devproof/devproof/notary/ctpolicy"
	"github.com/devproof/devproof/notary/revocation"
)

// Policy says what a failed check does.
type Policy string

const (
	// Require fails the fetch, so nothing is signed.
	Require Policy = "require"
	// Prefer records the failure and goes on.
	Prefer Policy = "prefer"
	// Off skips the check.
	Off Policy = "off"
)

// CheckError is a failed check: which one, and why.
type CheckError struct {
	Check string
	Err   error
}

func (e *CheckError) Error() string { return fmt.Sprintf("%s check failed: %v", e.Check, e.Err) }
func (e *CheckError) Unwrap() error { return e.Err }

// Client is the hardened HTTPS client. The zero value checks everything
// against the system roots but has no CT log list, so set LogList or turn
// CT off.
type Client struct {
	// Roots are the trusted roots; nil means the system's.
	Roots *x509.CertPool
	// LogList is the CT log-list snapshot, required unless CT is Off.
	LogList *ctpolicy.LogList
	// CT and Revocation are the policies for those checks; empty means
	// Require. Path and host name are always required.
	CT, Revocation Policy
	// Revoker checks CRLs and staples; nil means a fresh one per client.
	Revoker *revocation.Checker
	// MaxBodyBytes bounds the response body; zero means 1 MiB. A larger
	// body fails the fetch.
	MaxBodyBytes int64
	// Timeout bounds the whole fetch; zero means 15 s.
	Timeout time.Duration
	// MaxRedirects bounds same-origin HTTPS redirects; zero means 5.
	MaxRedirects int
	// Notary identifies the notary in records.
	Notary Notary
	// DialContext, when set, replaces the network dialer (tests map names
	// to loopback with it).
	DialContext func(ctx context.Context, network, addr string) (net.Conn, error)

	once sync.Once
	rev  *revocation.Checker
}

// Request is what to fetch.
type Request struct {
	Method  string      `json:"method"`
	URL     string      `json:"url"`
	Headers http.Header `json:"headers,omitempty"`
	Body    []byte      `json:"body,omitempty"`
}

func (c *Client) policy(p Policy) Policy {
	if p == "" {
		return Require
	}
	return p
}

// session collects what each TLS handshake of one fetch showed.
type session struct {
	mu     sync.Mutex
	state  *tls.ConnectionState
	checks []Check
	scts   []ctpolicy.SCT
	rev    *revocation.Evidence
}

// Fetch makes the request, checking every connection it opens, and
// returns the session record. Any failed required check, a non-HTTPS or
// cross-origin redirect, a timeout or an oversized body is an error, and
// no record is returned.
func (c *Client) Fetch(ctx context.Context, req Request) (*Record, error) {
	c.once.Do(func() {
		c.rev = c.Revoker
		if c.rev == nil {
			c.rev = &revocation.Checker{}
		}
	})
	u, err := url.Parse(req.URL)
	if err != nil || u.Scheme != "https" || u.Host == "" {
		return nil, &CheckError{Check: "url", Err: fmt.Errorf("%q: only https URLs are fetched", req.URL)}
	}
	if c.policy(c.CT) != Off && c.LogList == nil {
		return nil, &CheckError{Check: "ct", Err: errors.New("no CT log list (set one, or turn the CT policy off)")}
	}
	method := req.Method
	if method == "" {
		method = http.MethodGet
	}
	timeout := c.Timeout
	if timeout == 0 {
		timeout = 15 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	s := &session{}
	dial := c.DialContext
	if dial == nil {
		dial = (&net.Dialer{Timeout: timeout}).DialContext
	}
	tr := &http.Transport{
		DialContext:       dial,
		ForceAttemptHTTP2: true,
		TLSClientConfig: &tls.Config{
			RootCAs:          c.Roots,
			MinVersion:       tls.VersionTLS12,
			VerifyConnection: func(cs tls.ConnectionState) error { return c.verify(ctx, s, cs) },
		},
		// No per-phase timeouts: the context bounds the whole fetch, and a
		// phase timer of the same length would race it for the error.
	}
	defer tr.CloseIdleConnections()
	maxRedirects := c.MaxRedirects
	if maxRedirects == 0 {
		maxRedirects = 5
	}
	var redirects []string
	hc := &http.Client{Transport: tr, CheckRedirect: func(next *http.Request, via []*http.Request) error {
		if next.URL.Scheme != "https" || next.URL.Host != u.Host {
			return &CheckError{Check: "redirect", Err: fmt.Errorf("to %s is not same-origin HTTPS (%s)", next.URL.Redacted(), u.Host)}
		}
		if len(via) > maxRedirects {
			return &CheckError{Check: "redirect", Err: fmt.Errorf("more than %d redirects", maxRedirects)}
		}
		redirects = append(redirects, via[len(via)-1].URL.String())
		return nil
	}}

	rec := &Record{Version: RecordVersion, Notary: c.Notary}
	if c.LogList != nil {
		rec.LogListVersion = c.LogList.Version
	}
	rec.Timings.Start = time.Now().UTC()
	trace := &httptrace.ClientTrace{
		ConnectDone:          func(string, string, error) { setOnce(&rec.Timings.Connected) },
		TLSHandshakeDone:     func(tls.ConnectionState, error) { setOnce(&rec.Timings.TLSDone) },
		GotFirstResponseByte: func() { setOnce(&rec.Timings.FirstByte) },
	}
	hreq, err := http.NewRequestWithContext(httptrace.WithClientTrace(ctx, trace), method, req.URL, bytes.NewReader(req.Body))
	if err != nil {
		return nil, fmt.Errorf("request: %w", err)
	}
	for k, vs := range req.Headers {
		for _, v := range vs {
			hreq.Header.Add(k, v)
		}
	}
	resp, err := hc.Do(hreq)
	if err != nil {
		return nil, classify(err)
	}
	defer resp.Body.Close()
	limit := c.MaxBodyBytes
	if limit == 0 {
		limit = 1 << 20
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, classify(err)
	}
	if int64(len(body)) > limit {
		return nil, &CheckError{Check: "size", Err: fmt.Errorf("response body over the %d-byte bound", limit)}
	}
	rec.Timings.Done = time.Now().UTC()
	rec.Timings.TotalSeconds = rec.Timings.Done.Sub(rec.Timings.Start).Seconds()

	rec.Request = RecordRequest{Method: method, URL: req.URL, Headers: redact(hreq.Header), BodySHA256: sha256Hex(req.Body)}
	rec.Response = RecordResponse{URL: resp.Request.URL.String(), Status: resp.StatusCode, Headers: redact(resp.Header), Body: body, BodySHA256: sha256Hex(body), BodyLength: int64(len(body)), Redirects: redirects}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.state == nil {
		return nil, errors.New("no TLS session was recorded")
	}
	rec.TLS = RecordTLS{
		Version:     tls.VersionName(s.state.Version),
		CipherSuite: tls.CipherSuiteName(s.state.CipherSuite),
		ServerName:  s.state.ServerName,
		SCTs:        s.scts,
		Revocation:  s.rev,
	}
	for _, cert := range s.state.PeerCertificates {
		rec.TLS.Chain = append(rec.TLS.Chain, cert.Raw)
	}
	rec.Checks = s.checks
	return rec, nil
}

func setOnce(t *time.Time) {
	if t.IsZero() {
		*t = time.Now().UTC()
	}
}

// verify runs after Go has checked the path and the host name: CT and
// revocation, under their policies. The last handshake's results are kept
// (redirects stay on one origin).
func (c *Client) verify(ctx context.Context, s *session, cs tls.ConnectionState) error {
	var checks []Check
	checks = append(checks, Check{Name: "path", OK: true, Detail: "chains to " + cs.VerifiedChains[0][len(cs.VerifiedChains[0])-1].Subject.String()},
		Check{Name: "hostname", OK: true, Detail: "valid for " + cs.ServerName})
	var scts []ctpolicy.SCT
	if p := c.policy(c.CT); p != Off {
		// The verified chain, not the order the server sent: embedded SCTs
		// are checked against the issuer the path actually goes through.
		var raw [][]byte
		for _, cert := range cs.VerifiedChains[0] {
			raw = append(raw, cert.Raw)
		}
		res, err := ctpolicy.Evaluate(raw, cs.SignedCertificateTimestamps, c.LogList, time.Now())
		if err == nil && !res.OK {
			err = errors.New(joinFailures(res.Failures))
		}
		if res != nil {
			scts = res.SCTs
		}
		if err != nil {
			if p == Require {
				return &CheckError{Check: "ct", Err: err}
			}
			checks = append(checks, Check{Name: "ct", Detail: "prefer: " + err.Error()})
		} else {
			checks = append(checks, Check{Name: "ct", OK: true, Detail: fmt.Sprintf("SCTs from %d logs by %v", res.DistinctLogs, res.Operators)})
		}
	}
	var ev *revocation.Evidence
	if p := c.policy(c.Revocation); p != Off {
		chain := cs.VerifiedChains[0]
		var err error
		if len(chain) < 2 {
			err = errors.New("no issuer in the verified chain")
		} else {
			ev, err = c.rev.Check(ctx, chain[0], chain[1], cs.OCSPResponse)
			if err == nil && ev.Method == "none" {
				err = errors.New("no CRL distribution point and no stapled OCSP response")
			}
		}
		if err != nil {
			if p == Require {
				return &CheckError{Check: "revocation", Err: err}
			}
			checks = append(checks, Check{Name: "revocation", Detail: "prefer: " + err.Error()})
		} else {
			checks = append(checks, Check{Name: "revocation", OK: true, Detail: "not revoked (" + ev.Method + ")"})
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	st := cs
	s.state, s.checks, s.scts, s.rev = &st, checks, scts, ev
	return nil
}

// classify names the check behind an error from the HTTP stack.
func classify(err error) error {
	var ce *CheckError
	if errors.As(err, &ce) {
		return ce
	}
	var host x509.HostnameError
	var unknown x509.UnknownAuthorityError
	var invalid x509.CertificateInvalidError
	switch {
	case errors.As(err, &host):
		return &CheckError{Check: "hostname", Err: err}
	case errors.As(err, &unknown), errors.As(err, &invalid):
		return &CheckError{Check: "path", Err: err}
	case errors.Is(err, context.DeadlineExceeded):
		return &CheckError{Check: "timeout", Err: err}
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return &CheckError{Check: "timeout", Err: err}
	}
	return err
}
