package ingress

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/miekg/dns"

	"github.com/devproof/devproof/internal/dnsserver"
)

// linodeAPI is a local stand-in for the part of Linode's v4 Domains API
// that libdns/linode calls, serving one domain whose records it mirrors
// into the local DNS server, so that a CA reads what the provider wrote.
type linodeAPI struct {
	dns   *dnsserver.Server
	zone  string // without the final dot
	token string

	mu      sync.Mutex
	nextID  int
	records map[int]linodeRecord
}

type linodeRecord struct {
	ID     int     `json:"id"`
	Type   string  `json:"type"`
	Name   string  `json:"name"`
	Target string  `json:"target"`
	TTLSec int     `json:"ttl_sec"`
	Tag    *string `json:"tag"`
}

func (a *linodeAPI) rr(r linodeRecord) (dns.RR, error) {
	name := a.zone + "."
	if r.Name != "" {
		name = r.Name + "." + name
	}
	switch r.Type {
	case "TXT":
		return &dns.TXT{Hdr: dns.RR_Header{Name: name, Rrtype: dns.TypeTXT, Class: dns.ClassINET, Ttl: 60}, Txt: []string{r.Target}}, nil
	case "CAA":
		return &dns.CAA{Hdr: dns.RR_Header{Name: name, Rrtype: dns.TypeCAA, Class: dns.ClassINET, Ttl: 60}, Tag: *r.Tag, Value: r.Target}, nil
	case "CNAME":
		return &dns.CNAME{Hdr: dns.RR_Header{Name: name, Rrtype: dns.TypeCNAME, Class: dns.ClassINET, Ttl: 60}, Target: dns.Fqdn(r.Target)}, nil
	}
	return nil, fmt.Errorf("record type %q is not served here", r.Type)
}

func (a *linodeAPI) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	if req.Header.Get("Authorization") != "Bearer "+a.token {
		http.Error(w, `{"errors":[{"reason":"Invalid Token"}]}`, http.StatusUnauthorized)
		return
	}
	page := func(data any, n int) {
		json.NewEncoder(w).Encode(map[string]any{"data": data, "page": 1, "pages": 1, "results": n})
	}
	w.Header().Set("Content-Type", "application/json")
	a.mu.Lock()
	defer a.mu.Unlock()
	path := strings.TrimPrefix(req.URL.Path, "/v4")
	switch {
	case req.Method == http.MethodGet && path == "/domains":
		var filter struct{ Domain string }
		json.Unmarshal([]byte(req.Header.Get("X-Filter")), &filter)
		if filter.Domain != a.zone {
			page([]any{}, 0)
			return
		}
		page([]any{map[string]any{"id": 1, "domain": a.zone, "type": "master"}}, 1)
	case req.Method == http.MethodGet && path == "/domains/1/records":
		var out []linodeRecord
		for _, r := range a.records {
			out = append(out, r)
		}
		page(out, len(out))
	case req.Method == http.MethodPost && path == "/domains/1/records":
		var r linodeRecord
		if err := json.NewDecoder(req.Body).Decode(&r); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		rr, err := a.rr(r)
		if err == nil {
			err = a.dns.Add(rr)
		}
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		a.nextID++
		r.ID = a.nextID
		a.records[r.ID] = r
		json.NewEncoder(w).Encode(r)
	case req.Method == http.MethodDelete && strings.HasPrefix(path, "/domains/1/records/"):
		id, _ := strconv.Atoi(strings.TrimPrefix(path, "/domains/1/records/"))
		r, ok := a.records[id]
		if !ok {
			http.Error(w, `{"errors":[{"reason":"Not found"}]}`, http.StatusNotFound)
			return
		}
		rr, _ := a.rr(r)
		a.dns.Delete(rr.Header().Name, rr.Header().Rrtype, rr)
		delete(a.records, id)
		w.Write([]byte("{}"))
	default:
		http.Error(w, "not served here: "+req.Method+" "+req.URL.Path, http.StatusNotFound)
	}
}

// DNS_PROVIDER=linode end to end, against a local stand-in of Linode's API:
// the challenge, TXT and CAA records go through libdns/linode, a
// certificate is issued, and the process's default logger is left alone.
func TestIngressLinode(t *testing.T) {
	st := newStack(t)
	api := &linodeAPI{dns: st.dns, zone: "devproof.test", token: "local-linode-token", records: map[int]linodeRecord{}}
	srv := httptest.NewServer(api)
	t.Cleanup(srv.Close)

	before := slog.Default()
	get := st.env("", "DNS_PROVIDER", "linode", "LINODE_API_TOKEN", "local-linode-token")
	cfg, err := ParseConfig(get)
	if err != nil {
		t.Fatal(err)
	}
	p, err := newDNSProvider(cfg.DNS)
	if err != nil {
		t.Fatal(err)
	}
	lp := p.(*linodeProvider)
	lp.p.APIURL = srv.URL // the one field the configuration does not set
	r := st.start(t, get, lp)
	uri := st.servedAndAudited(t, r)
	st.waitCAA(t, testDomain, "CAA through Linode", "dns-01", uri)
	if slog.Default() != before {
		t.Error("libdns/linode replaced the default slog logger")
	}
}
