package audit

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/devproof/devproof/internal/attest"
	"github.com/devproof/devproof/internal/evidence"
)

// Status is a check's verdict.
type Status string

const (
	Pass Status = "pass"
	Fail Status = "fail"
	// Skip means the check did not run: its input was not given, or a
	// check it depends on failed. The reason says which.
	Skip Status = "skip"
)

// Check is one line of the report. Names are stable: scripts match on
// them (see README, "devproof verify").
type Check struct {
	Name   string `json:"name"`
	Status Status `json:"status"`
	Reason string `json:"reason"`
}

// Schema is the version of Report's JSON form; it changes only when a
// field changes meaning or goes away.
const Schema = 1

// Report is the outcome of Run.
type Report struct {
	Schema int    `json:"schema"`
	URL    string `json:"url"`
	Domain string `json:"domain"`
	// Identity is what quote.json's replayed event log declares.
	Identity attest.AppIdentity `json:"identity"`
	// LiveKey is the SPKI sha256 of the certificate the domain served.
	LiveKey string  `json:"live_key,omitempty"`
	Checks  []Check `json:"checks"`
	// OK is true when no check failed.
	OK bool `json:"ok"`
}

// Options says where to look and what to expect.
type Options struct {
	// Dial reaches host:port for both the handshake and the evidence
	// fetch; nil dials as given.
	Dial func(ctx context.Context, network, addr string) (net.Conn, error)
	// Roots are trusted for the domain's TLS (the live certificate and the
	// evidence fetch); nil means the system's.
	Roots *x509.CertPool
	// DNS is the resolver (host:port) asked for TXT, CAA and CNAME
	// records; empty means the first in /etc/resolv.conf.
	DNS string
	// ExpectComposeHash, when set, is the compose hash (hex) the app must
	// run.
	ExpectComposeHash string
	// AllowSimulated accepts simulated quotes, which prove nothing.
	AllowSimulated bool
	// Quote says where TCB collateral comes from.
	Quote attest.VerifyOptions
	// CTLogList, when set, is a log list file (Chrome's v3 JSON): every log
	// in it is read for the domain's certificates.
	CTLogList string
	// Chain, when set, adds the on-chain checks.
	Chain *ChainOptions
	// Timeout bounds each network step; zero means 30 s.
	Timeout time.Duration
}

// Run checks the deployment at rawURL (https://domain[:port]) and reports
// every check; it returns an error only when rawURL cannot be a
// deployment's address.
func Run(ctx context.Context, rawURL string, opts Options) (*Report, error) {
	u, err := url.Parse(rawURL)
	if err != nil || u.Scheme != "https" || u.Hostname() == "" || (u.Path != "" && u.Path != "/") || u.RawQuery != "" {
		return nil, fmt.Errorf("verify: %q is not https://<domain>[:port]", rawURL)
	}
	if opts.Timeout <= 0 {
		opts.Timeout = 30 * time.Second
	}
	a := &auditor{opts: opts, r: &Report{Schema: Schema, URL: "https://" + u.Host + "/", Domain: strings.ToLower(u.Hostname())}, host: u.Host}
	if u.Port() == "" {
		a.host = net.JoinHostPort(u.Hostname(), "443")
	}
	a.run(ctx)
	a.r.OK = true
	for _, c := range a.r.Checks {
		if c.Status == Fail {
			a.r.OK = false
		}
	}
	return a.r, nil
}

type auditor struct {
	opts Options
	r    *Report
	host string // host:port of the domain

	files evidence.Files
	ev    *evidence.Report
}

func (a *auditor) add(name string, s Status, format string, args ...any) {
	a.r.Checks = append(a.r.Checks, Check{Name: name, Status: s, Reason: fmt.Sprintf(format, args...)})
}

func (a *auditor) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	if a.opts.Dial != nil {
		return a.opts.Dial(ctx, network, addr)
	}
	return (&net.Dialer{}).DialContext(ctx, network, addr)
}

func (a *auditor) run(ctx context.Context) {
	a.fetch(ctx)
	a.evidenceChecks()
	a.live(ctx)
	a.identity()
	a.dnsChecks(ctx)
	a.chainChecks(ctx)
	a.ctCheck(ctx)
}

// fetch reads /evidences/ over TLS trusting Options.Roots.
func (a *auditor) fetch(ctx context.Context) {
	tr := &http.Transport{TLSClientConfig: &tls.Config{RootCAs: a.opts.Roots, MinVersion: tls.VersionTLS12}, DialContext: a.dial}
	defer tr.CloseIdleConnections()
	ctx, cancel := context.WithTimeout(ctx, a.opts.Timeout)
	defer cancel()
	src := a.r.URL + "evidences/"
	files, err := evidence.Fetch(ctx, &http.Client{Transport: tr}, src)
	if err != nil {
		a.add("fetch", Fail, "%v", err)
		return
	}
	a.files = files
	a.add("fetch", Pass, "%s: %d files", src, len(files))
}

// evidenceChecks runs evidence.Verify and reports each of its checks.
func (a *auditor) evidenceChecks() {
	if a.files == nil {
		for _, c := range evidence.Checks {
			a.add(c, Skip, "no evidence was fetched")
		}
		return
	}
	a.ev = evidence.Verify(a.files, evidence.Options{Quote: a.opts.Quote, AllowSimulated: a.opts.AllowSimulated})
	a.r.Identity = a.ev.Identity
	quotes, simulated := 0, 0
	count := func(q *attest.Report) {
		if q == nil {
			return
		}
		quotes++
		if q.Status == attest.Simulated {
			simulated++
		}
	}
	for _, q := range a.ev.Quotes {
		count(q)
	}
	for _, k := range a.ev.Keys {
		count(k.Quote)
	}
	for _, c := range evidence.Checks {
		var reasons []string
		for _, f := range a.ev.Failures {
			if f.Check == c {
				reasons = append(reasons, f.File+": "+f.Reason)
			}
		}
		switch {
		case len(reasons) > 0:
			a.add(c, Fail, "%s", strings.Join(reasons, "; "))
		case c == evidence.CheckQuote && simulated > 0:
			a.add(c, Pass, "%d quotes verify, %d of them simulated (%s)", quotes, simulated, attest.SimulatedReason)
		default:
			a.add(c, Pass, "%s", evidencePassReason[c])
		}
	}
}

var evidencePassReason = map[string]string{
	evidence.CheckPresent:     "every required file is served",
	evidence.CheckSHA256Sum:   "sha256sum.txt lists every file, and each hash matches",
	evidence.CheckAccount:     "acme-account.json names the ACME account",
	evidence.CheckManifest:    "manifest.json agrees with the account and the served certificates",
	evidence.CheckKeys:        "keys.json is well formed",
	evidence.CheckQuote:       "every quote verifies",
	evidence.CheckRTMR3:       "every event log replays to its quote's RTMR3",
	evidence.CheckReportData:  "quote.json binds sha256sum.txt, manifest-quote.json the manifest, each key quote its key",
	evidence.CheckIdentity:    "every quote is from one app",
	evidence.CheckCertificate: "every served certificate parses and covers its domain",
	evidence.CheckAttested:    "every served certificate's key is in keys.json",
}
