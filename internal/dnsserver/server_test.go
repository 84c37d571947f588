package dnsserver

import (
	"testing"
	"time"

	"github.com/miekg/dns"
)

const testSecret = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA=="

func start(t *testing.T) *Server {
	t.Helper()
	s, err := Start(Config{Zones: []string{"devproof.test"}, TSIG: map[string]string{"update.": testSecret}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func query(t *testing.T, s *Server, net, name string, qt uint16) *dns.Msg {
	t.Helper()
	c := &dns.Client{Net: net, Timeout: 2 * time.Second}
	m := new(dns.Msg)
	m.SetQuestion(dns.Fqdn(name), qt)
	r, _, err := c.Exchange(m, s.Addr())
	if err != nil {
		t.Fatalf("%s %s %s: %v", net, name, dns.TypeToString[qt], err)
	}
	return r
}

func update(t *testing.T, s *Server, key, secret string, rrs ...dns.RR) int {
	t.Helper()
	m := new(dns.Msg)
	m.SetUpdate("devproof.test.")
	m.Ns = rrs
	m.SetTsig(key, dns.HmacSHA256, 300, time.Now().Unix())
	c := &dns.Client{Net: "tcp", Timeout: 2 * time.Second, TsigSecret: map[string]string{key: secret}}
	r, _, err := c.Exchange(m, s.Addr())
	if err != nil {
		return -1
	}
	return r.Rcode
}

func rr(t *testing.T, s string) dns.RR {
	r, err := dns.NewRR(s)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestQueriesOverUDPAndTCP(t *testing.T) {
	s := start(t)
	for _, r := range []string{
		"app.devproof.test. 60 IN A 127.0.0.1",
		`_dstack-app-address.app.devproof.test. 60 IN TXT "abc:443"`,
		`app.devproof.test. 60 IN CAA 0 issue "letsencrypt.org;validationmethods=dns-01"`,
		"www.devproof.test. 60 IN CNAME app.devproof.test.",
	} {
		if err := s.Add(rr(t, r)); err != nil {
			t.Fatal(err)
		}
	}
	for _, net := range []string{"udp", "tcp"} {
		if r := query(t, s, net, "devproof.test", dns.TypeSOA); len(r.Answer) != 1 || !r.Authoritative {
			t.Errorf("%s SOA: %v", net, r)
		}
		if r := query(t, s, net, "devproof.test", dns.TypeNS); len(r.Answer) != 1 {
			t.Errorf("%s NS: %v", net, r)
		}
		if r := query(t, s, net, "_dstack-app-address.app.devproof.test", dns.TypeTXT); len(r.Answer) != 1 || r.Answer[0].(*dns.TXT).Txt[0] != "abc:443" {
			t.Errorf("%s TXT: %v", net, r)
		}
		if r := query(t, s, net, "app.devproof.test", dns.TypeCAA); len(r.Answer) != 1 || r.Answer[0].(*dns.CAA).Tag != "issue" {
			t.Errorf("%s CAA: %v", net, r)
		}
		r := query(t, s, net, "www.devproof.test", dns.TypeA)
		if len(r.Answer) != 2 || r.Answer[0].Header().Rrtype != dns.TypeCNAME || r.Answer[1].(*dns.A).A.String() != "127.0.0.1" {
			t.Errorf("%s CNAME chase: %v", net, r)
		}
		if r := query(t, s, net, "nope.devproof.test", dns.TypeA); r.Rcode != dns.RcodeNameError || len(r.Ns) != 1 {
			t.Errorf("%s NXDOMAIN: %v", net, r)
		}
		if r := query(t, s, net, "app.devproof.test", dns.TypeAAAA); r.Rcode != dns.RcodeSuccess || len(r.Answer) != 0 {
			t.Errorf("%s NODATA: %v", net, r)
		}
		if r := query(t, s, net, "example.com", dns.TypeA); r.Rcode != dns.RcodeRefused {
			t.Errorf("%s out of zone: %v", net, r)
		}
	}
}

func TestTSIGUpdates(t *testing.T) {
	s := start(t)
	txt := rr(t, `_acme-challenge.app.devproof.test. 60 IN TXT "token1"`)
	if rc := update(t, s, "update.", testSecret, txt); rc != dns.RcodeSuccess {
		t.Fatalf("add: rcode %d", rc)
	}
	if got := s.Records("_acme-challenge.app.devproof.test", dns.TypeTXT); len(got) != 1 {
		t.Fatalf("after add: %v", got)
	}
	// A wrong secret or unknown key is refused and changes nothing.
	if rc := update(t, s, "update.", "d3Jvbmc=", rr(t, `x.devproof.test. 60 IN TXT "no"`)); rc == dns.RcodeSuccess {
		t.Error("update with a wrong secret accepted")
	}
	if rc := update(t, s, "other.", testSecret, rr(t, `x.devproof.test. 60 IN TXT "no"`)); rc == dns.RcodeSuccess {
		t.Error("update with an unknown key accepted")
	}
	if got := s.Records("x.devproof.test", dns.TypeANY); len(got) != 0 {
		t.Errorf("refused update changed the zone: %v", got)
	}
	// Delete one RR (class NONE), then an RRset (class ANY).
	del := dns.Copy(txt)
	del.Header().Class, del.Header().Ttl = dns.ClassNONE, 0
	if rc := update(t, s, "update.", testSecret, del); rc != dns.RcodeSuccess {
		t.Fatalf("delete rr: %d", rc)
	}
	if got := s.Records("_acme-challenge.app.devproof.test", dns.TypeTXT); len(got) != 0 {
		t.Errorf("after delete: %v", got)
	}
	s.Add(rr(t, `a.devproof.test. 60 IN TXT "1"`))
	s.Add(rr(t, `a.devproof.test. 60 IN TXT "2"`))
	any := &dns.ANY{Hdr: dns.RR_Header{Name: "a.devproof.test.", Rrtype: dns.TypeTXT, Class: dns.ClassANY}}
	if rc := update(t, s, "update.", testSecret, any); rc != dns.RcodeSuccess {
		t.Fatalf("delete rrset: %d", rc)
	}
	if got := s.Records("a.devproof.test", dns.TypeTXT); len(got) != 0 {
		t.Errorf("after rrset delete: %v", got)
	}
	if rc := update(t, s, "update.", testSecret, rr(t, `a.example.com. 60 IN TXT "x"`)); rc != dns.RcodeNotZone {
		t.Errorf("out-of-zone update: rcode %d", rc)
	}
}

func TestAXFR(t *testing.T) {
	s := start(t)
	s.Add(rr(t, `a.devproof.test. 60 IN TXT "1"`))
	tr := &dns.Transfer{}
	m := new(dns.Msg)
	m.SetAxfr("devproof.test.")
	ch, err := tr.In(m, s.Addr())
	if err != nil {
		t.Fatal(err)
	}
	var n int
	for env := range ch {
		if env.Error != nil {
			t.Fatal(env.Error)
		}
		n += len(env.RR)
	}
	if n != 4 { // SOA, NS, TXT, SOA
		t.Errorf("AXFR gave %d records", n)
	}
}
