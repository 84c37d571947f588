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
	"slices"
	"strconv"
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
	// MaxLogListAge bounds how old LogList may be (its
	// log_list_timestamp, against the clock), under the CT policy; zero or
	// less means ctpolicy.MaxLogListAge, 70 days.
	MaxLogListAge time.Duration
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
	Method string `json:"method"`
	// URL is an https URL. A user:password@ in it is sent as a Basic
	// Authorization header (unless Headers has one) and never recorded.
	URL     string      `json:"url"`
	Headers http.Header `json:"headers,omitempty"`
	Body    []byte      `json:"body,omitempty"`
	// AllowStatus lists the HTTP status codes besides 2xx the response
	// may have; by default any other status fails the "status" check.
	AllowStatus []int `json:"allow_status,omitempty"`
	// SecretHeaders names headers, of the request or the response, to
	// record only as the sha256 of their values, besides the ones always
	// redacted: Authorization, Proxy-Authorization, Cookie, Set-Cookie and
	// any name ending in -Token or -Key or holding "Secret".
	SecretHeaders []string `json:"secret_headers,omitempty"`
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
	inter  []*revocation.Evidence
	// handshakeErr is the last failed handshake's error.
	handshakeErr error
}

// Fetch makes the request, checking every connection it opens, and
// returns the session record. Any failed required check, a non-HTTPS or
// cross-origin redirect, a status other than 2xx and req.AllowStatus, a
// timeout or an oversized body is an error, and no record is returned.
func (c *Client) Fetch(ctx context.Context, req Request) (*Record, error) {
	c.once.Do(func() {
		c.rev = c.Revoker
		if c.rev == nil {
			c.rev = &revocation.Checker{}
		}
	})
	u, err := url.Parse(req.URL)
	if err != nil {
		// The URL may hold a password, so only the reason is shown.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, &CheckError{Check: "url", Err: fmt.Errorf("request URL does not parse: %v", err)}
	}
	if u.Scheme != "https" || u.Host == "" {
		return nil, &CheckError{Check: "url", Err: fmt.Errorf("%q: only https URLs are fetched", withoutUserinfo(u))}
	}
	user := u.User
	u.User = nil
	target := u.String()
	for _, code := range req.AllowStatus {
		if code < 100 || code > 599 {
			return nil, &CheckError{Check: "status", Err: fmt.Errorf("AllowStatus %d is not an HTTP status code", code)}
		}
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
			return &CheckError{Check: "redirect", Err: fmt.Errorf("to %s is not same-origin HTTPS (%s)", withoutUserinfo(next.URL), u.Host)}
		}
		// Go would send a redirect's userinfo as credentials the record
		// does not show.
		if next.URL.User != nil {
			return &CheckError{Check: "redirect", Err: fmt.Errorf("to %s carries userinfo", withoutUserinfo(next.URL))}
		}
		if len(via) > maxRedirects {
			return &CheckError{Check: "redirect", Err: fmt.Errorf("more than %d redirects", maxRedirects)}
		}
		redirects = append(redirects, withoutUserinfo(via[len(via)-1].URL))
		return nil
	}}

	rec := &Record{Version: RecordVersion, Notary: c.Notary}
	if c.LogList != nil {
		rec.LogListVersion = c.LogList.Version
	}
	rec.Timings.Start = time.Now().UTC()
	trace := &httptrace.ClientTrace{
		ConnectDone: func(string, string, error) { setOnce(&rec.Timings.Connected) },
		TLSHandshakeDone: func(_ tls.ConnectionState, err error) {
			setOnce(&rec.Timings.TLSDone)
			if err != nil {
				s.mu.Lock()
				s.handshakeErr = err
				s.mu.Unlock()
			}
		},
		GotFirstResponseByte: func() { setOnce(&rec.Timings.FirstByte) },
	}
	hreq, err := http.NewRequestWithContext(httptrace.WithClientTrace(ctx, trace), method, target, bytes.NewReader(req.Body))
	if err != nil {
		return nil, fmt.Errorf("request: %w", err)
	}
	for k, vs := range req.Headers {
		for _, v := range vs {
			hreq.Header.Add(k, v)
		}
	}
	if user != nil && hreq.Header.Get("Authorization") == "" {
		pass, _ := user.Password()
		hreq.SetBasicAuth(user.Username(), pass)
	}
	resp, err := hc.Do(hreq)
	if err != nil {
		return nil, classify(err, s, u.Host)
	}
	defer resp.Body.Close()
	if !statusAllowed(resp.StatusCode, req.AllowStatus) {
		allowed := "2xx"
		for _, code := range req.AllowStatus {
			allowed += fmt.Sprintf(", %d", code)
		}
		return nil, &CheckError{Check: "status", Err: fmt.Errorf("%s answered %d %s; accepted are %s",
			withoutUserinfo(resp.Request.URL), resp.StatusCode, http.StatusText(resp.StatusCode), allowed)}
	}
	limit := c.MaxBodyBytes
	if limit == 0 {
		limit = 1 << 20
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, classify(err, s, u.Host)
	}
	if int64(len(body)) > limit {
		return nil, &CheckError{Check: "size", Err: fmt.Errorf("response body over the %d-byte bound", limit)}
	}
	rec.Timings.Done = time.Now().UTC()
	rec.Timings.TotalSeconds = rec.Timings.Done.Sub(rec.Timings.Start).Seconds()

	rec.Request = RecordRequest{Method: method, URL: target, Headers: redact(hreq.Header, req.SecretHeaders...), BodySHA256: sha256Hex(req.Body)}
	rec.Response = RecordResponse{URL: withoutUserinfo(resp.Request.URL), Status: resp.StatusCode, Headers: redact(resp.Header, req.SecretHeaders...),
		Body: body, BodySHA256: sha256Hex(body), BodyLength: int64(len(body)), Redirects: redirects}
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
	rec.TLS.IntermediateRevocation = s.inter
	for _, cert := range s.state.PeerCertificates {
		rec.TLS.Chain = append(rec.TLS.Chain, cert.Raw)
	}
	rec.Checks = s.checks
	return rec, nil
}

func statusAllowed(code int, allow []int) bool {
	return code >= 200 && code <= 299 || slices.Contains(allow, code)
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
	chain := cs.VerifiedChains[0]
	var checks []Check
	checks = append(checks, Check{Name: "path", OK: true, Detail: "chains to " + chain[len(chain)-1].Subject.String()},
		Check{Name: "hostname", OK: true, Detail: "valid for " + cs.ServerName})
	var scts []ctpolicy.SCT
	if p := c.policy(c.CT); p != Off {
		now := time.Now()
		maxAge := c.MaxLogListAge
		if maxAge <= 0 {
			maxAge = ctpolicy.MaxLogListAge
		}
		err := c.LogList.CheckAge(now, maxAge)
		var res *ctpolicy.Result
		if err == nil {
			// The verified chain, not the order the server sent: embedded
			// SCTs are checked against the issuer the path actually goes
			// through.
			var raw [][]byte
			for _, cert := range chain {
				raw = append(raw, cert.Raw)
			}
			res, err = ctpolicy.Evaluate(raw, cs.SignedCertificateTimestamps, c.LogList, now)
			if err == nil && !res.OK {
				err = errors.New(ctFailure(res))
			}
			if res != nil {
				scts = res.SCTs
			}
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
	var leafEv *revocation.Evidence
	var interEv []*revocation.Evidence
	if p := c.policy(c.Revocation); p != Off {
		if len(chain) < 2 {
			err := errors.New("no issuer in the verified chain")
			if p == Require {
				return &CheckError{Check: "revocation", Err: err}
			}
			checks = append(checks, Check{Name: "revocation", Detail: "prefer: " + err.Error()})
		}
		// Every certificate below the root, each against its own issuer;
		// only the leaf can come with a staple.
		for i := 0; i+1 < len(chain); i++ {
			cert, issuer := chain[i], chain[i+1]
			var staple []byte
			name := "leaf " + strconv.Quote(cert.Subject.String())
			if i == 0 {
				staple = cs.OCSPResponse
			} else {
				name = "intermediate " + strconv.Quote(cert.Subject.String())
			}
			ev, err := c.rev.Check(ctx, cert, issuer, staple)
			if err == nil && ev.Method == "none" {
				if i == 0 {
					err = errors.New("no CRL distribution point and no stapled OCSP response")
				} else {
					err = errors.New("no CRL distribution point (OCSP responders are not queried)")
				}
			}
			if i == 0 {
				leafEv = ev
			} else {
				interEv = append(interEv, ev)
			}
			if err != nil {
				err = fmt.Errorf("%s: %w", name, err)
				if p == Require {
					return &CheckError{Check: "revocation", Err: err}
				}
				checks = append(checks, Check{Name: "revocation", Detail: "prefer: " + err.Error()})
				continue
			}
			detail := "not revoked (" + ev.Method + ")"
			if i > 0 {
				detail = name + ": " + detail
			}
			checks = append(checks, Check{Name: "revocation", OK: true, Detail: detail})
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	st := cs
	s.state, s.checks, s.scts, s.rev, s.inter = &st, checks, scts, leafEv, interEv
	return nil
}

// ctFailure is why a chain fails the CT policy: the policy's reasons, then
// why each SCT that did not count did not.
func ctFailure(res *ctpolicy.Result) string {
	out := joinFailures(res.Failures)
	for _, sct := range res.SCTs {
		if sct.Counted {
			continue
		}
		log := strconv.Quote(sct.Log)
		if sct.Log == "" {
			log = "log id " + sct.LogID
		}
		out += fmt.Sprintf("; %s SCT from %s at %s: %s", sct.Source, log, sct.Timestamp.Format(time.RFC3339), sct.Reason)
	}
	return out
}

// classify names the check behind an error from the HTTP stack; host is
// the server's, s the fetch's session.
func classify(err error, s *session, host string) error {
	var ce *CheckError
	if errors.As(err, &ce) {
		return ce
	}
	var host509 x509.HostnameError
	var unknown x509.UnknownAuthorityError
	var invalid x509.CertificateInvalidError
	switch {
	case errors.As(err, &host509):
		return &CheckError{Check: "hostname", Err: err}
	case errors.As(err, &unknown), errors.As(err, &invalid):
		return &CheckError{Check: "path", Err: describeCert(err)}
	case errors.Is(err, context.DeadlineExceeded):
		return &CheckError{Check: "timeout", Err: err}
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return &CheckError{Check: "timeout", Err: err}
	}
	s.mu.Lock()
	hs := s.handshakeErr
	s.mu.Unlock()
	if hs != nil {
		return &CheckError{Check: "tls", Err: fmt.Errorf("handshake with %s failed (the notary speaks TLS 1.2 and 1.3 only): %w", host, hs)}
	}
	return err
}

// describeCert names the server certificate a path error is about.
func describeCert(err error) error {
	var cve *tls.CertificateVerificationError
	if !errors.As(err, &cve) || len(cve.UnverifiedCertificates) == 0 {
		return err
	}
	leaf := cve.UnverifiedCertificates[0]
	self := ""
	if bytes.Equal(leaf.RawIssuer, leaf.RawSubject) && leaf.CheckSignature(leaf.SignatureAlgorithm, leaf.RawTBSCertificate, leaf.Signature) == nil {
		self = ", self-signed"
	}
	return fmt.Errorf("server certificate %q (issuer %q%s, serial %s): %w", leaf.Subject.String(), leaf.Issuer.String(), self, leaf.SerialNumber, cve)
}
