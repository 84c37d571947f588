package cfapi

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/miekg/dns"

	"github.com/devproof/devproof/internal/dnsserver"
)

// Server answers the Cloudflare API for the zones of a dnsserver.Server.
type Server struct {
	dns   *dnsserver.Server
	token string
	zones map[string]string // id → name (no trailing dot)

	mu      sync.Mutex
	next    int
	records map[string]*record // id → record

	srv *httptest.Server
}

// record is a DNS record in Cloudflare's JSON shape.
type record struct {
	ID      string `json:"id"`
	ZoneID  string `json:"zone_id"`
	Type    string `json:"type"`
	Name    string `json:"name"`
	Content string `json:"content"`
	TTL     int    `json:"ttl"`
	Data    *struct {
		Flags *int   `json:"flags,omitempty"`
		Tag   string `json:"tag,omitempty"`
		Value string `json:"value,omitempty"`
	} `json:"data,omitempty"`
}

// Start serves the API on loopback for zones of d, accepting token.
func Start(d *dnsserver.Server, token string, zones ...string) *Server {
	s := &Server{dns: d, token: token, zones: map[string]string{}, records: map[string]*record{}}
	for i, z := range zones {
		s.zones[fmt.Sprintf("zone%04d", i+1)] = strings.TrimSuffix(strings.ToLower(z), ".")
	}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// URL is the API base, standing for https://api.cloudflare.com.
func (s *Server) URL() string { return s.srv.URL }

// Close stops the server.
func (s *Server) Close() { s.srv.Close() }

// Client is an HTTP client that sends requests for api.cloudflare.com here,
// for libdns/cloudflare's HTTPClient field.
func (s *Server) Client() *http.Client {
	u, _ := url.Parse(s.srv.URL)
	return &http.Client{Transport: redirect{to: u, rt: http.DefaultTransport}}
}

type redirect struct {
	to *url.URL
	rt http.RoundTripper
}

func (r redirect) RoundTrip(req *http.Request) (*http.Response, error) {
	req = req.Clone(req.Context())
	req.URL.Scheme, req.URL.Host = r.to.Scheme, r.to.Host
	req.Host = r.to.Host
	return r.rt.RoundTrip(req)
}

type apiError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

func reply(w http.ResponseWriter, status int, result any, info any, errs ...apiError) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	body := map[string]any{"success": len(errs) == 0, "errors": errs, "messages": []any{}, "result": result}
	if errs == nil {
		body["errors"] = []apiError{}
	}
	if info != nil {
		body["result_info"] = info
	}
	json.NewEncoder(w).Encode(body)
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("Authorization") != "Bearer "+s.token {
		reply(w, http.StatusForbidden, nil, nil, apiError{10000, "Authentication error"})
		return
	}
	parts := strings.Split(strings.Trim(strings.TrimPrefix(r.URL.Path, "/client/v4"), "/"), "/")
	switch {
	case len(parts) == 1 && parts[0] == "zones" && r.Method == http.MethodGet:
		s.listZones(w, r)
	case len(parts) >= 3 && parts[0] == "zones" && parts[2] == "dns_records":
		zone, ok := s.zones[parts[1]]
		if !ok {
			reply(w, http.StatusNotFound, nil, nil, apiError{7003, "Could not route to /zones/" + parts[1]})
			return
		}
		switch {
		case len(parts) == 3 && r.Method == http.MethodGet:
			s.listRecords(w, r, parts[1])
		case len(parts) == 3 && r.Method == http.MethodPost:
			s.writeRecord(w, r, parts[1], zone, "")
		case len(parts) == 4 && (r.Method == http.MethodPatch || r.Method == http.MethodPut):
			s.writeRecord(w, r, parts[1], zone, parts[3])
		case len(parts) == 4 && r.Method == http.MethodDelete:
			s.deleteRecord(w, parts[3])
		default:
			reply(w, http.StatusMethodNotAllowed, nil, nil, apiError{10000, "method not allowed"})
		}
	default:
		reply(w, http.StatusNotFound, nil, nil, apiError{7000, "No route for that URI"})
	}
}

func (s *Server) listZones(w http.ResponseWriter, r *http.Request) {
	want := strings.TrimSuffix(strings.ToLower(r.URL.Query().Get("name")), ".")
	var out []map[string]any
	for id, name := range s.zones {
		if want == "" || want == name {
			out = append(out, map[string]any{"id": id, "name": name, "status": "active"})
		}
	}
	reply(w, http.StatusOK, out, map[string]int{"page": 1, "per_page": 50, "count": len(out), "total_count": len(out)})
}

func (s *Server) listRecords(w http.ResponseWriter, r *http.Request, zoneID string) {
	q := r.URL.Query()
	s.mu.Lock()
	var out []*record
	for _, rec := range s.records {
		if rec.ZoneID != zoneID ||
			q.Get("type") != "" && rec.Type != q.Get("type") ||
			q.Get("name") != "" && rec.Name != strings.TrimSuffix(strings.ToLower(q.Get("name")), ".") ||
			q.Has("content.exact") && rec.Content != q.Get("content.exact") ||
			q.Has("content.contains") && !strings.Contains(rec.Content, q.Get("content.contains")) {
			continue
		}
		c := *rec
		out = append(out, &c)
	}
	s.mu.Unlock()
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	page, _ := strconv.Atoi(q.Get("page"))
	per, _ := strconv.Atoi(q.Get("per_page"))
	if page < 1 {
		page = 1
	}
	if per < 1 {
		per = 100
	}
	total := len(out)
	lo, hi := min((page-1)*per, total), min(page*per, total)
	reply(w, http.StatusOK, out[lo:hi], map[string]int{"page": page, "per_page": per, "count": hi - lo, "total_count": total})
}

// writeRecord creates (id == "") or updates a record and mirrors it into
// the DNS server.
func (s *Server) writeRecord(w http.ResponseWriter, r *http.Request, zoneID, zone, id string) {
	var in record
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(&in); err != nil {
		reply(w, http.StatusBadRequest, nil, nil, apiError{9207, "Request body is invalid: " + err.Error()})
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	rec := &record{}
	if id != "" {
		old, ok := s.records[id]
		if !ok {
			reply(w, http.StatusNotFound, nil, nil, apiError{81044, "Record does not exist."})
			return
		}
		c := *old
		rec = &c
	} else {
		s.next++
		rec.ID = fmt.Sprintf("rec%06d", s.next)
		rec.ZoneID = zoneID
	}
	if in.Type != "" {
		rec.Type = strings.ToUpper(in.Type)
	}
	if in.Name != "" {
		rec.Name = absolute(in.Name, zone)
	}
	if in.Content != "" {
		rec.Content = in.Content
	}
	if in.TTL != 0 {
		rec.TTL = in.TTL
	}
	if in.Data != nil {
		rec.Data = in.Data
	}
	if rec.TTL <= 1 {
		rec.TTL = 60 // Cloudflare's "automatic"
	}
	rr, err := toRR(rec)
	if err != nil {
		reply(w, http.StatusBadRequest, nil, nil, apiError{9005, err.Error()})
		return
	}
	if old, ok := s.records[rec.ID]; ok {
		if oldRR, err := toRR(old); err == nil {
			s.dns.Delete(oldRR.Header().Name, oldRR.Header().Rrtype, oldRR)
		}
	}
	if err := s.dns.Add(rr); err != nil {
		reply(w, http.StatusBadRequest, nil, nil, apiError{9005, err.Error()})
		return
	}
	s.records[rec.ID] = rec
	c := *rec
	reply(w, http.StatusOK, &c, nil)
}

func (s *Server) deleteRecord(w http.ResponseWriter, id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rec, ok := s.records[id]
	if !ok {
		reply(w, http.StatusNotFound, nil, nil, apiError{81044, "Record does not exist."})
		return
	}
	if rr, err := toRR(rec); err == nil {
		s.dns.Delete(rr.Header().Name, rr.Header().Rrtype, rr)
	}
	delete(s.records, id)
	reply(w, http.StatusOK, map[string]string{"id": id}, nil)
}

// absolute makes a Cloudflare record name absolute: the API takes names
// relative to the zone, absolute, or "@".
func absolute(name, zone string) string {
	name = strings.TrimSuffix(strings.ToLower(name), ".")
	switch {
	case name == "@" || name == zone:
		return zone
	case strings.HasSuffix(name, "."+zone):
		return name
	}
	return name + "." + zone
}

func toRR(rec *record) (dns.RR, error) {
	h := dns.RR_Header{Name: dns.Fqdn(rec.Name), Class: dns.ClassINET, Ttl: uint32(rec.TTL)}
	switch rec.Type {
	case "A", "AAAA":
		ip, err := netip.ParseAddr(rec.Content)
		if err != nil {
			return nil, fmt.Errorf("content %q is not an IP address", rec.Content)
		}
		if ip.Is4() {
			h.Rrtype = dns.TypeA
			return &dns.A{Hdr: h, A: net.IP(ip.AsSlice())}, nil
		}
		h.Rrtype = dns.TypeAAAA
		return &dns.AAAA{Hdr: h, AAAA: net.IP(ip.AsSlice())}, nil
	case "TXT":
		h.Rrtype = dns.TypeTXT
		text := rec.Content
		if uq, err := strconv.Unquote(text); err == nil && strings.HasPrefix(text, `"`) {
			text = uq
		}
		var chunks []string
		for len(text) > 255 {
			chunks, text = append(chunks, text[:255]), text[255:]
		}
		return &dns.TXT{Hdr: h, Txt: append(chunks, text)}, nil
	case "CNAME":
		h.Rrtype = dns.TypeCNAME
		return &dns.CNAME{Hdr: h, Target: dns.Fqdn(rec.Content)}, nil
	case "CAA":
		h.Rrtype = dns.TypeCAA
		if rec.Data == nil || rec.Data.Tag == "" {
			return nil, fmt.Errorf("CAA record needs data.tag and data.value")
		}
		flags := 0
		if rec.Data.Flags != nil {
			flags = *rec.Data.Flags
		}
		return &dns.CAA{Hdr: h, Flag: uint8(flags), Tag: rec.Data.Tag, Value: rec.Data.Value}, nil
	}
	return nil, fmt.Errorf("record type %q is not supported here", rec.Type)
}
