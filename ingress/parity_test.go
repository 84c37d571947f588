package ingress

import (
	"context"
	"crypto/tls"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/libdns/libdns"
	"github.com/libdns/rfc2136"
	"github.com/miekg/dns"

	"github.com/devproof/devproof/internal/acmeca"
	"github.com/devproof/devproof/internal/evidence"
)

// zoneRecorder is the real RFC 2136 provider, noting the zone and name of
// every record it appends.
type zoneRecorder struct {
	*rfc2136.Provider
	mu      sync.Mutex
	appends []string // "zone name type"
}

func (z *zoneRecorder) AppendRecords(ctx context.Context, zone string, recs []libdns.Record) ([]libdns.Record, error) {
	z.mu.Lock()
	for _, r := range recs {
		rr := r.RR()
		z.appends = append(z.appends, zone+" "+rr.Name+" "+rr.Type)
	}
	z.mu.Unlock()
	return z.Provider.AppendRecords(ctx, zone, recs)
}

func (z *zoneRecorder) written() []string {
	z.mu.Lock()
	defer z.mu.Unlock()
	return append([]string(nil), z.appends...)
}

// With DELEGATION_ZONE, the domain's own zone holds only the CNAMEs its
// owner set once; the challenge TXT, the app-address TXT and the CAA are
// written in the delegation zone, and the CA, following the CNAME, issues.
func TestIngressDelegationZone(t *testing.T) {
	t.Parallel()
	st := newStack(t, "delegate.test")
	for _, name := range []string{"_acme-challenge." + testDomain, "_dstack-app-address." + testDomain, testDomain} {
		cname, err := dns.NewRR(name + ". 60 IN CNAME " + name + ".delegate.test.")
		if err != nil {
			t.Fatal(err)
		}
		if err := st.dns.Add(cname); err != nil {
			t.Fatal(err)
		}
	}
	rec := &zoneRecorder{Provider: &rfc2136.Provider{Server: st.dns.Addr(), KeyName: tsigKey, KeyAlg: "hmac-sha256", Key: tsigSecret}}
	r := st.start(t, st.env("rfc2136", "DELEGATION_ZONE", "delegate.test"), rec)
	uri := st.servedAndAudited(t, r)
	st.waitCAA(t, testDomain+".delegate.test", "CAA in the delegation zone", "dns-01", uri)
	// The domain's zone: the three CNAMEs and nothing else.
	for _, rr := range st.dns.All("devproof.test") {
		switch rr.Header().Rrtype {
		case dns.TypeCNAME, dns.TypeSOA, dns.TypeNS:
		default:
			t.Errorf("the domain's zone holds %s", rr)
		}
	}
	// Through the CNAMEs, as the gateway and CAs read them.
	info, _ := st.agent.Info(context.Background())
	if got := st.txt(t, "_dstack-app-address."+testDomain); len(got) != 1 || got[0] != info.AppID+":443" {
		t.Errorf("app address through the CNAME = %q", got)
	}
	if got := st.caa(t, testDomain); len(got) != 1 || !strings.Contains(got[0], "accounturi="+uri) {
		t.Errorf("CAA through the CNAME = %q", got)
	}
	var challenge bool
	for _, w := range rec.written() {
		if !strings.HasPrefix(w, "delegate.test. ") {
			t.Errorf("wrote outside the delegation zone: %s", w)
		}
		if w == "delegate.test. _acme-challenge.app.devproof.test TXT" {
			challenge = true
		}
	}
	if !challenge {
		t.Errorf("no challenge TXT at _acme-challenge.app.devproof.test.delegate.test; wrote %q", rec.written())
	}
}

// A name needs no CNAME to be delegated for delegatedName; a wildcard
// delegates at its base, as dstack-ingress names them.
func TestDelegatedName(t *testing.T) {
	for _, tc := range [][3]string{
		{"_acme-challenge.app.example.com", "d.example.net", "_acme-challenge.app.example.com.d.example.net"},
		{"*.example.com", "d.example.net", "example.com.d.example.net"},
		{"_dstack-app-address-wildcard.example.com", "d.example.net", "_dstack-app-address-wildcard.example.com.d.example.net"},
		{"app.example.com", "", "app.example.com"},
	} {
		if got := delegatedName(tc[0], tc[1]); got != tc[2] {
			t.Errorf("delegatedName(%q, %q) = %q, want %q", tc[0], tc[1], got, tc[2])
		}
	}
}

// ALIAS_DOMAIN is served like DOMAIN: a client naming the alias gets a
// certificate for it, reaches DOMAIN's backend, and the alias's key is in
// the evidence.
func TestIngressAliasDomain(t *testing.T) {
	t.Parallel()
	st := newStack(t)
	const alias = "www.devproof.test"
	r := st.start(t, st.env("rfc2136", "ALIAS_DOMAIN", alias), nil)
	waitFor(t, "both certificates", 60*time.Second, func() bool {
		s := r.in.Status()
		return s.Certs[testDomain] == "obtained" && s.Certs[alias] == "obtained"
	})
	r.waitServing(t)

	resp, body := getName(t, st, r.addr, alias)
	if !strings.HasPrefix(body, "hello from the backend: host="+alias) {
		t.Errorf("alias reached %q", body)
	}
	leaf := resp.TLS.PeerCertificates[0]
	if err := leaf.VerifyHostname(alias); err != nil {
		t.Errorf("alias certificate: %v", err)
	}
	var rep *evidence.Report
	waitFor(t, "the alias's key in keys.json", 30*time.Second, func() bool {
		rep = st.audit(t, r, alias)
		return len(rep.Keys) == 2
	})
	checkKeys(t, rep, leaf, 2)
	info, _ := st.agent.Info(context.Background())
	if got := st.txt(t, "_dstack-app-address."+alias); len(got) != 1 || got[0] != info.AppID+":443" {
		t.Errorf("alias TXT = %q", got)
	}
}

// getName fetches / over HTTPS through the ingress at addr for name.
func getName(t *testing.T, st *stack, addr, name string) (*http.Response, string) {
	t.Helper()
	tr := st.transport(addr, name)
	defer tr.CloseIdleConnections()
	resp, err := (&http.Client{Transport: tr, Timeout: 10 * time.Second}).Get("https://" + name + "/")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// CHALLENGE_TYPE=tls-alpn-01: the CA connects to the ingress's own port
// with acme-tls/1 and issues; DNS-01 is never tried; the address record
// names this instance and the CAA allows tls-alpn-01.
func TestIngressTLSALPN01(t *testing.T) {
	t.Parallel()
	const alpnDomain = "tlsalpn.devproof.test"
	st, l, port := newTLSALPNStack(t, alpnDomain)
	rec := &zoneRecorder{Provider: &rfc2136.Provider{Server: st.dns.Addr(), KeyName: tsigKey, KeyAlg: "hmac-sha256", Key: tsigSecret}}
	r := st.startOn(t, st.env("rfc2136", "DOMAIN", alpnDomain, "CHALLENGE_TYPE", "tls-alpn-01", "LISTEN_ADDR", "127.0.0.1", "PORT", strconv.Itoa(port)), rec, l)
	r.waitServing(t)

	resp, body := getName(t, st, r.addr, alpnDomain)
	if !strings.HasPrefix(body, "hello from the backend") || resp.ProtoMajor != 2 {
		t.Errorf("after issuance: %s %q", resp.Proto, body)
	}
	checkKeys(t, st.audit(t, r, alpnDomain), resp.TLS.PeerCertificates[0], 1)
	answered := false
	for _, line := range strings.Split(string(st.logs.Bytes()), "\n") {
		answered = answered || strings.Contains(line, `"served key authentication certificate"`) && strings.Contains(line, `"challenge":"tls-alpn-01"`) && strings.Contains(line, `"server_name":"`+alpnDomain+`"`)
	}
	if !answered {
		t.Errorf("the log shows no acme-tls/1 handshake answered:\n%s", st.logs.Bytes())
	}
	for _, w := range rec.written() {
		if strings.Contains(w, "_acme-challenge") {
			t.Errorf("a DNS-01 record was written: %s", w)
		}
	}
	info, _ := st.agent.Info(context.Background())
	if got := st.txt(t, "_dstack-app-address."+alpnDomain); len(got) != 1 || got[0] != info.InstanceID+":"+strconv.Itoa(port) {
		t.Errorf("TXT = %q, want the instance id %s", got, info.InstanceID)
	}
	st.waitCAA(t, alpnDomain, "CAA", "tls-alpn-01", r.in.Status().AccountURI)

	// Once certmagic has cleaned the challenge up, an acme-tls/1 handshake
	// gets nothing to serve.
	waitFor(t, "acme-tls/1 refused after the challenge", 10*time.Second, func() bool {
		c, err := tls.Dial("tcp", r.addr, &tls.Config{ServerName: alpnDomain, NextProtos: []string{acmeTLS1}, InsecureSkipVerify: true})
		if err == nil {
			c.Close()
		}
		return err != nil
	})
	waitFor(t, "the refusal in the log", 5*time.Second, func() bool {
		return strings.Contains(string(st.logs.Bytes()), "no active ACME challenge: no information found to solve challenge for identifier: "+alpnDomain)
	})
}

// tls-alpn-01 with no DNS provider, as dstack-ingress's tls-alpn-01 mode
// runs: the operator creates the records, which the ingress logs for them,
// and the certificate is issued all the same.
// It uses a domain of its own, as TestIngressTLSALPN01 does: certmagic
// keeps every pending challenge of a process in one map by name, so a
// DNS-01 test for the same name running beside it would replace its
// TLS-ALPN challenge.
func TestIngressTLSALPN01WithoutDNSProvider(t *testing.T) {
	const alpnDomain = "alpn.devproof.test"
	t.Parallel()
	st, l, port := newTLSALPNStack(t, alpnDomain)
	r := st.startOn(t, st.env("", "DOMAIN", alpnDomain, "CHALLENGE_TYPE", "tls-alpn-01", "LISTEN_ADDR", "127.0.0.1", "PORT", strconv.Itoa(port)), nil, l)
	r.waitServing(t)

	resp, _ := getName(t, st, r.addr, alpnDomain)
	checkKeys(t, st.audit(t, r, alpnDomain), resp.TLS.PeerCertificates[0], 1)
	if s := r.in.Status(); s.DNS != "no DNS provider: the records to create are in the log" {
		t.Errorf("status DNS = %q", s.DNS)
	}
	info, _ := st.agent.Info(context.Background())
	uri := r.in.Status().AccountURI
	logs := string(st.logs.Bytes())
	for _, want := range []string{
		`"msg":"DNS record to create: the ingress has no DNS provider","name":"_dstack-app-address.` + alpnDomain + `","type":"TXT","data":"` + info.InstanceID + ":" + strconv.Itoa(port) + `"`,
		`"name":"` + alpnDomain + `","type":"CAA","data":"0 issue \"letsencrypt.org;validationmethods=tls-alpn-01;accounturi=` + uri,
	} {
		waitFor(t, "the log to name "+want, 10*time.Second, func() bool { logs = string(st.logs.Bytes()); return strings.Contains(logs, want) })
	}
	for _, rr := range st.dns.All("devproof.test") {
		if rr.Header().Rrtype != dns.TypeA && rr.Header().Rrtype != dns.TypeSOA && rr.Header().Rrtype != dns.TypeNS {
			t.Errorf("a record was written with no provider: %s", rr)
		}
	}
}

// Only with tls-alpn-01 does the router negotiate acme-tls/1, for any
// route, tcp:// ones included, and it then closes the connection instead
// of passing it to a backend.
func TestRouterACMETLSALPN(t *testing.T) {
	backend, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer backend.Close()
	dialed := make(chan struct{}, 1)
	go func() {
		if c, err := backend.Accept(); err == nil {
			dialed <- struct{}{}
			c.Close()
		}
	}()
	routes := map[string]Target{"db.devproof.test": {Scheme: "tcp", Addr: backend.Addr().String()}}

	off := startRouter(t, &router{Routes: routes, Default: target("127.0.0.1:1")})
	_, err = tls.Dial("tcp", off.addr, &tls.Config{RootCAs: off.pool, ServerName: "app.devproof.test", NextProtos: []string{acmeTLS1}})
	if err == nil || !strings.Contains(err.Error(), "no application protocol") {
		t.Errorf("dns-01 router, acme-tls/1 handshake: %v, want no_application_protocol", err)
	}

	on := startRouter(t, &router{Routes: routes, Default: target("127.0.0.1:1"), ACMETLSALPN: true})
	for _, name := range []string{"app.devproof.test", "db.devproof.test"} {
		c, err := tls.Dial("tcp", on.addr, &tls.Config{RootCAs: on.pool, ServerName: name, NextProtos: []string{acmeTLS1}})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if p := c.ConnectionState().NegotiatedProtocol; p != acmeTLS1 {
			t.Errorf("%s: negotiated %q", name, p)
		}
		c.SetReadDeadline(time.Now().Add(5 * time.Second))
		if n, err := c.Read(make([]byte, 1)); err == nil || n != 0 || strings.Contains(err.Error(), "timeout") {
			t.Errorf("%s: after the handshake: %d bytes, %v; want the connection closed", name, n, err)
		}
		c.Close()
	}
	select {
	case <-dialed:
		t.Error("an acme-tls/1 connection reached the tcp:// backend")
	default:
	}
	// Other clients still get h2 on HTTP routes.
	c := on.dialTLS(t, "app.devproof.test", "h2", "http/1.1")
	if p := c.ConnectionState().NegotiatedProtocol; p != "h2" {
		t.Errorf("ordinary client negotiated %q", p)
	}
	c.Close()
}

// newTLSALPNStack is a stack whose Pebble validates TLS-ALPN-01 on a port
// of 127.0.0.1 it returns the listener of, with domain's A record there.
func newTLSALPNStack(t *testing.T, domain string) (*stack, net.Listener, int) {
	t.Helper()
	st := newStack(t)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	ca, err := acmeca.StartTLSALPN(st.dns.Addr(), port, nil)
	if err != nil {
		l.Close()
		t.Fatal(err)
	}
	t.Cleanup(ca.Close)
	st.ca = ca
	a, _ := dns.NewRR(domain + ". 60 IN A 127.0.0.1")
	if err := st.dns.Add(a); err != nil {
		l.Close()
		t.Fatal(err)
	}
	return st, l, port
}
