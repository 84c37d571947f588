package audit

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/miekg/dns"

	"github.com/devproof/devproof/internal/evidence"
)

// TXT record prefixes dstack's gateway reads an app's address from, newest
// first.
var txtPrefixes = []string{"_dstack-app-address", "_tapp-address"}

// dnsChecks reads the records a dstack gateway and CAs act on: the TXT
// that routes the domain to the app, the CAA that says who may get
// certificates for it, and a CNAME to the gateway.
func (a *auditor) dnsChecks(ctx context.Context) {
	server := a.opts.DNS
	if server == "" {
		cfg, err := dns.ClientConfigFromFile("/etc/resolv.conf")
		if err != nil || len(cfg.Servers) == 0 {
			for _, n := range []string{"dns-txt", "dns-caa", "dns-cname"} {
				a.add(n, Fail, "no DNS resolver: /etc/resolv.conf: %v", err)
			}
			return
		}
		server = net.JoinHostPort(cfg.Servers[0], cfg.Port)
	}
	q := &resolver{server: server, timeout: a.opts.Timeout}
	a.txt(ctx, q)
	a.caa(ctx, q)
	a.cname(ctx, q)
}

func (a *auditor) txt(ctx context.Context, q *resolver) {
	var names []string
	for _, p := range txtPrefixes {
		names = append(names, p+"."+a.r.Domain)
		if _, base, ok := strings.Cut(a.r.Domain, "."); ok {
			names = append(names, p+"-wildcard."+base)
		}
	}
	for _, name := range names {
		rrs, err := q.lookup(ctx, name, dns.TypeTXT)
		if err != nil {
			a.add("dns-txt", Fail, "%v", err)
			return
		}
		if len(rrs) == 0 {
			continue
		}
		var vals []string
		for _, rr := range rrs {
			if t, ok := rr.(*dns.TXT); ok {
				vals = append(vals, strings.Join(t.Txt, ""))
			}
		}
		if len(vals) != 1 {
			a.add("dns-txt", Fail, "%s has %d TXT records %q; a gateway needs exactly one <app_id>:<port>", name, len(vals), vals)
			return
		}
		id, port, ok := strings.Cut(vals[0], ":")
		if n, err := strconv.Atoi(port); !ok || err != nil || n < 1 || n > 65535 {
			a.add("dns-txt", Fail, "%s is %q, not <app_id>:<port>", name, vals[0])
			return
		}
		switch want := a.r.Identity.AppID; {
		case want == "":
			a.add("dns-txt", Skip, "%s routes to app %s, but the evidence names no app to compare", name, id)
		case strings.ToLower(id) != want:
			a.add("dns-txt", Fail, "%s routes the domain to app %s, the evidence is from app %s", name, id, want)
		default:
			a.add("dns-txt", Pass, "%s routes the domain to app %s, port %s", name, id, port)
		}
		return
	}
	a.add("dns-txt", Fail, "none of %s has a TXT record: no dstack gateway routes %s to the app", strings.Join(names, ", "), a.r.Domain)
}

// caa checks the CAA records that govern the domain (RFC 8659: the
// closest name up the tree that has any) pin issuance to the app's ACME
// account.
func (a *auditor) caa(ctx context.Context, q *resolver) {
	account := ""
	if a.files != nil {
		account = accountURI(a.files["acme-account.json"])
	}
	if account == "" {
		a.add("dns-caa", Skip, "acme-account.json names no account to compare")
		return
	}
	name := a.r.Domain
	for {
		rrs, err := q.lookup(ctx, name, dns.TypeCAA)
		if err != nil {
			a.add("dns-caa", Fail, "%v", err)
			return
		}
		var issue []*dns.CAA
		for _, rr := range rrs {
			if c, ok := rr.(*dns.CAA); ok && (c.Tag == "issue" || c.Tag == "issuewild") {
				issue = append(issue, c)
			}
		}
		if len(issue) > 0 {
			a.caaRecords(name, issue, account)
			return
		}
		_, parent, ok := strings.Cut(name, ".")
		if !ok || !strings.Contains(parent, ".") {
			a.add("dns-caa", Fail, "no CAA issue record governs %s: any CA may issue for it to anyone who controls its DNS", a.r.Domain)
			return
		}
		name = parent
	}
}

// caaRecords: every issue record must name the app's account; one that
// does not lets another account, hence the developer, get certificates.
func (a *auditor) caaRecords(name string, issue []*dns.CAA, account string) {
	methods := ""
	for _, c := range issue {
		params := caaParams(c.Value)
		switch {
		case params["accounturi"] == "":
			a.add("dns-caa", Fail, "%s: %s %q pins no account: any account at that CA may get certificates", name, c.Tag, c.Value)
			return
		case params["accounturi"] != account:
			a.add("dns-caa", Fail, "%s: %s %q names account %s, not the app's %s", name, c.Tag, c.Value, params["accounturi"], account)
			return
		case params["validationmethods"] == "":
			a.add("dns-caa", Fail, "%s: %s %q allows every validation method; want validationmethods=dns-01", name, c.Tag, c.Value)
			return
		}
		methods = params["validationmethods"]
	}
	a.add("dns-caa", Pass, "%s: %d CAA issue records, each pinning account %s (validationmethods=%s)", name, len(issue), account, methods)
}

// caaParams reads "ca.example; key=value; key=value".
func caaParams(v string) map[string]string {
	out := map[string]string{}
	parts := strings.Split(v, ";")
	for _, p := range parts[1:] {
		k, val, _ := strings.Cut(strings.TrimSpace(p), "=")
		out[strings.ToLower(strings.TrimSpace(k))] = strings.TrimSpace(val)
	}
	return out
}

func (a *auditor) cname(ctx context.Context, q *resolver) {
	rrs, err := q.lookup(ctx, a.r.Domain, dns.TypeCNAME)
	if err != nil {
		a.add("dns-cname", Fail, "%v", err)
		return
	}
	for _, rr := range rrs {
		if c, ok := rr.(*dns.CNAME); ok {
			a.add("dns-cname", Pass, "%s is a CNAME to %s", a.r.Domain, strings.TrimSuffix(c.Target, "."))
			return
		}
	}
	a.add("dns-cname", Skip, "%s has no CNAME: no gateway name is published for it", a.r.Domain)
}

// resolver asks one DNS server, over UDP and then TCP if truncated.
type resolver struct {
	server  string
	timeout time.Duration
}

func (r *resolver) lookup(ctx context.Context, name string, qtype uint16) ([]dns.RR, error) {
	m := new(dns.Msg)
	m.SetQuestion(dns.Fqdn(name), qtype)
	m.SetEdns0(4096, false)
	ctx, cancel := context.WithTimeout(ctx, r.timeout)
	defer cancel()
	c := &dns.Client{}
	in, _, err := c.ExchangeContext(ctx, m, r.server)
	if err == nil && in.Truncated {
		c.Net = "tcp"
		in, _, err = c.ExchangeContext(ctx, m, r.server)
	}
	if err != nil {
		return nil, fmt.Errorf("DNS %s %s at %s: %w", dns.TypeToString[qtype], name, r.server, err)
	}
	switch in.Rcode {
	case dns.RcodeSuccess, dns.RcodeNameError:
	default:
		return nil, fmt.Errorf("DNS %s %s at %s: %s", dns.TypeToString[qtype], name, r.server, dns.RcodeToString[in.Rcode])
	}
	var out []dns.RR
	for _, rr := range in.Answer {
		if rr.Header().Rrtype == qtype {
			out = append(out, rr)
		}
	}
	return out, nil
}

// accountURI is acme-account.json's uri, or "" when it has none.
func accountURI(b []byte) string {
	var acct evidence.Account
	if json.Unmarshal(b, &acct) != nil {
		return ""
	}
	return acct.URI
}
