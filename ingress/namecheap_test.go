package ingress

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"

	"github.com/libdns/namecheap"
	"github.com/miekg/dns"

	"github.com/devproof/devproof/internal/dnsserver"
)

// namecheapAPI is a local stand-in for the three commands of Namecheap's
// XML API that libdns/namecheap calls (getTldList, and getHosts and
// setHosts, which replaces a domain's whole host list), serving one
// domain whose hosts it mirrors into the local DNS server.
type namecheapAPI struct {
	dns       *dnsserver.Server
	sld, tld  string
	user, key string
	clientIP  string
	mu        sync.Mutex
	hosts     []namecheapHost
	mirrored  []dns.RR
}

type namecheapHost struct{ name, typ, address, ttl string }

func (a *namecheapAPI) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	req.ParseForm()
	f := req.PostForm
	var body bytes.Buffer
	reply := func(cmd, inner string) {
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><ApiResponse Status="OK"><Errors /><RequestedCommand>%s</RequestedCommand><CommandResponse Type="%s">%s</CommandResponse></ApiResponse>`, cmd, cmd, inner)
	}
	if f.Get("ApiUser") != a.user || f.Get("UserName") != a.user || f.Get("ApiKey") != a.key || f.Get("ClientIp") != a.clientIP {
		fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?><ApiResponse Status="ERROR"><Errors><Error Number="1011102">API Key is invalid or API access has not been enabled</Error></Errors></ApiResponse>`)
		return
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	cmd := f.Get("Command")
	switch cmd {
	case "namecheap.domains.getTldList":
		reply(cmd, `<Tlds><Tld Name="`+a.tld+`">local</Tld></Tlds>`)
		return
	}
	if f.Get("SLD") != a.sld || f.Get("TLD") != a.tld {
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><ApiResponse Status="ERROR"><Errors><Error Number="2019166">Domain %s.%s not found</Error></Errors></ApiResponse>`, f.Get("SLD"), f.Get("TLD"))
		return
	}
	switch cmd {
	case "namecheap.domains.dns.getHosts":
		for i, h := range a.hosts {
			fmt.Fprintf(&body, `<host HostId="%d" Name="%s" Type="%s" Address="`, i+1, h.name, h.typ)
			xml.EscapeText(&body, []byte(h.address))
			fmt.Fprintf(&body, `" MXPref="10" TTL="%s" />`, h.ttl)
		}
		reply(cmd, `<DomainDNSGetHostsResult Domain="`+a.sld+"."+a.tld+`" IsUsingOurDNS="true">`+body.String()+`</DomainDNSGetHostsResult>`)
	case "namecheap.domains.dns.setHosts":
		var hosts []namecheapHost
		for i := 1; f.Get("HostName"+strconv.Itoa(i)) != ""; i++ {
			n := strconv.Itoa(i)
			hosts = append(hosts, namecheapHost{f.Get("HostName" + n), f.Get("RecordType" + n), f.Get("Address" + n), f.Get("TTL" + n)})
		}
		var rrs []dns.RR
		for _, h := range hosts {
			name := a.sld + "." + a.tld + "."
			if h.name != "@" {
				name = h.name + "." + name
			}
			var rr dns.RR
			var err error
			switch h.typ {
			case "TXT":
				rr = &dns.TXT{Hdr: dns.RR_Header{Name: name, Rrtype: dns.TypeTXT, Class: dns.ClassINET, Ttl: 60}, Txt: []string{h.address}}
			default:
				rr, err = dns.NewRR(name + " 60 IN " + h.typ + " " + h.address)
			}
			if err != nil {
				fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><ApiResponse Status="ERROR"><Errors><Error Number="2050900">host %s %s: %v</Error></Errors></ApiResponse>`, h.name, h.typ, err)
				return
			}
			rrs = append(rrs, rr)
		}
		for _, rr := range a.mirrored {
			a.dns.Delete(rr.Header().Name, rr.Header().Rrtype, rr)
		}
		for _, rr := range rrs {
			a.dns.Add(rr)
		}
		a.hosts, a.mirrored = hosts, rrs
		reply(cmd, `<DomainDNSSetHostsResult Domain="`+a.sld+"."+a.tld+`" IsSuccess="true" />`)
	default:
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><ApiResponse Status="ERROR"><Errors><Error Number="1">command %s is not served here</Error></Errors></ApiResponse>`, cmd)
	}
}

// DNS_PROVIDER=namecheap end to end, against a local stand-in of
// Namecheap's API: the challenge, TXT and CAA records go through
// libdns/namecheap with the configured user, key and client IP, and a
// certificate is issued.
func TestIngressNamecheap(t *testing.T) {
	t.Parallel()
	st := newStack(t)
	api := &namecheapAPI{dns: st.dns, sld: "devproof", tld: "test", user: "alice", key: "local-namecheap-key", clientIP: "203.0.113.7"}
	srv := httptest.NewServer(api)
	t.Cleanup(srv.Close)

	get := st.env("", "NAMECHEAP_API_KEY", "local-namecheap-key", "NAMECHEAP_USERNAME", "alice", "NAMECHEAP_CLIENT_IP", "203.0.113.7")
	cfg, err := ParseConfig(get)
	if err != nil {
		t.Fatal(err)
	}
	p, err := newDNSProvider(cfg.DNS)
	if err != nil {
		t.Fatal(err)
	}
	p.(*namecheap.Provider).APIEndpoint = srv.URL // the one field the configuration does not set
	r := st.start(t, get, p)
	uri := st.servedAndAudited(t, r)
	st.waitCAA(t, testDomain, "CAA through Namecheap", "dns-01", uri)
	info := r.in.info
	if got := st.txt(t, "_dstack-app-address."+testDomain); len(got) != 1 || got[0] != info.AppID+":443" {
		t.Errorf("TXT = %q", got)
	}
}
