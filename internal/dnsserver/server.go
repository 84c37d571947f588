package dnsserver

import (
	"context"
	"errors"
	"fmt"
	"net"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/miekg/dns"
)

// Config describes the zones and keys of a Server.
type Config struct {
	// Zones are the zones served authoritatively, e.g. "devproof.test.".
	Zones []string
	// TSIG maps key names (fully qualified, e.g. "update.") to base64
	// secrets. Updates must be signed by one of them; empty refuses all
	// updates.
	TSIG map[string]string
	// Addr is the UDP and TCP listen address; empty means 127.0.0.1:0.
	Addr string
}

// Server is a running authoritative server. It is safe for concurrent use.
type Server struct {
	mu      sync.RWMutex
	zones   map[string]bool
	records map[string][]dns.RR // by lower-case FQDN
	serial  uint32
	tsig    map[string]string

	udp, tcp *dns.Server
	addr     string
}

// Start listens on UDP and TCP (same port) and serves until Close.
func Start(cfg Config) (*Server, error) {
	s := &Server{zones: map[string]bool{}, records: map[string][]dns.RR{}, serial: uint32(time.Now().Unix()), tsig: cfg.TSIG}
	if len(cfg.Zones) == 0 {
		return nil, errors.New("dns server: no zones")
	}
	for _, z := range cfg.Zones {
		s.zones[strings.ToLower(dns.Fqdn(z))] = true
	}
	addr := cfg.Addr
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	pc, l, err := listenBoth(addr)
	if err != nil {
		return nil, fmt.Errorf("dns server: %w", err)
	}
	s.addr = pc.LocalAddr().String()
	h := dns.HandlerFunc(s.serve)
	s.udp = &dns.Server{PacketConn: pc, Handler: h, TsigSecret: cfg.TSIG, MsgAcceptFunc: accept}
	s.tcp = &dns.Server{Listener: l, Handler: h, TsigSecret: cfg.TSIG, MsgAcceptFunc: accept}
	started := make(chan struct{}, 2)
	s.udp.NotifyStartedFunc = func() { started <- struct{}{} }
	s.tcp.NotifyStartedFunc = func() { started <- struct{}{} }
	go s.udp.ActivateAndServe()
	go s.tcp.ActivateAndServe()
	<-started
	<-started
	return s, nil
}

// listenBoth binds UDP and TCP on one port. With port 0 the UDP port is
// picked first, and another is tried if its TCP twin is taken.
func listenBoth(addr string) (net.PacketConn, net.Listener, error) {
	_, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, nil, err
	}
	tries := 1
	if port == "0" {
		tries = 20
	}
	for i := 0; ; i++ {
		pc, err := net.ListenPacket("udp", addr)
		if err != nil {
			return nil, nil, err
		}
		l, err := net.Listen("tcp", pc.LocalAddr().String())
		if err == nil {
			return pc, l, nil
		}
		pc.Close()
		if i+1 >= tries {
			return nil, nil, err
		}
	}
}

// Addr is the host:port the server answers on (UDP and TCP).
func (s *Server) Addr() string { return s.addr }

// Close stops both listeners.
func (s *Server) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	return errors.Join(s.udp.ShutdownContext(ctx), s.tcp.ShutdownContext(ctx))
}

// zoneOf returns the served zone containing name, or "".
func (s *Server) zoneOf(name string) string {
	name = strings.ToLower(dns.Fqdn(name))
	for {
		if s.zones[name] {
			return name
		}
		i := strings.IndexByte(name, '.')
		if i < 0 || i == len(name)-1 {
			return ""
		}
		name = name[i+1:]
	}
}

func (s *Server) soa(zone string) *dns.SOA {
	return &dns.SOA{
		Hdr:     dns.RR_Header{Name: zone, Rrtype: dns.TypeSOA, Class: dns.ClassINET, Ttl: 60},
		Ns:      "ns1." + zone,
		Mbox:    "hostmaster." + zone,
		Serial:  s.serial,
		Refresh: 3600, Retry: 600, Expire: 86400, Minttl: 30,
	}
}

func (s *Server) ns(zone string) *dns.NS {
	return &dns.NS{Hdr: dns.RR_Header{Name: zone, Rrtype: dns.TypeNS, Class: dns.ClassINET, Ttl: 60}, Ns: "ns1." + zone}
}

// Records returns copies of the records at name of type t (dns.TypeANY for
// all types).
func (s *Server) Records(name string, t uint16) []dns.RR {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []dns.RR
	for _, rr := range s.records[strings.ToLower(dns.Fqdn(name))] {
		if t == dns.TypeANY || rr.Header().Rrtype == t {
			out = append(out, dns.Copy(rr))
		}
	}
	return out
}

// All returns copies of every record in zone, sorted by name.
func (s *Server) All(zone string) []dns.RR {
	s.mu.RLock()
	defer s.mu.RUnlock()
	zone = strings.ToLower(dns.Fqdn(zone))
	var names []string
	for n := range s.records {
		if s.zoneOf(n) == zone {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	var out []dns.RR
	for _, n := range names {
		for _, rr := range s.records[n] {
			out = append(out, dns.Copy(rr))
		}
	}
	return out
}

// Add adds rr unless an identical record exists. The name must be inside a
// served zone.
func (s *Server) Add(rr dns.RR) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addLocked(rr)
}

func (s *Server) addLocked(rr dns.RR) error {
	h := rr.Header()
	h.Name = strings.ToLower(dns.Fqdn(h.Name))
	h.Class = dns.ClassINET
	if s.zoneOf(h.Name) == "" {
		return fmt.Errorf("dns server: %s is outside the served zones", h.Name)
	}
	for _, old := range s.records[h.Name] {
		if dns.IsDuplicate(old, rr) {
			return nil
		}
	}
	s.records[h.Name] = append(s.records[h.Name], dns.Copy(rr))
	s.serial++
	return nil
}

// Delete removes records at name: of type t (dns.TypeANY for all types),
// and, when match is non-nil, only those equal to it.
func (s *Server) Delete(name string, t uint16, match dns.RR) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.deleteLocked(name, t, match)
}

func (s *Server) deleteLocked(name string, t uint16, match dns.RR) {
	name = strings.ToLower(dns.Fqdn(name))
	kept := s.records[name][:0]
	for _, rr := range s.records[name] {
		drop := (t == dns.TypeANY || rr.Header().Rrtype == t) && (match == nil || dns.IsDuplicate(rr, match))
		if !drop {
			kept = append(kept, rr)
		}
	}
	if len(kept) == 0 {
		delete(s.records, name)
	} else {
		s.records[name] = kept
	}
	s.serial++
}

func (s *Server) serve(w dns.ResponseWriter, req *dns.Msg) {
	m := new(dns.Msg)
	switch {
	case req.Opcode == dns.OpcodeUpdate:
		s.update(w, req, m)
	case len(req.Question) != 1:
		m.SetRcode(req, dns.RcodeFormatError)
	case req.Question[0].Qtype == dns.TypeAXFR:
		s.axfr(w, req)
		return
	default:
		s.query(req, m)
	}
	if t := req.IsTsig(); t != nil && w.TsigStatus() == nil {
		m.SetTsig(t.Hdr.Name, t.Algorithm, 300, time.Now().Unix())
	}
	w.WriteMsg(m)
}

func (s *Server) query(req *dns.Msg, m *dns.Msg) {
	m.SetReply(req)
	m.Authoritative = true
	q := req.Question[0]
	name := strings.ToLower(q.Name)
	s.mu.RLock()
	defer s.mu.RUnlock()
	zone := s.zoneOf(name)
	if zone == "" {
		m.Rcode = dns.RcodeRefused
		m.Authoritative = false
		return
	}
	switch {
	case q.Qtype == dns.TypeSOA && name == zone:
		m.Answer = append(m.Answer, s.soa(zone))
		return
	case q.Qtype == dns.TypeNS && name == zone:
		m.Answer = append(m.Answer, s.ns(zone))
		return
	}
	// Follow CNAMEs inside the served zones (a few hops at most).
	for hop := 0; hop < 8; hop++ {
		rrs := s.records[name]
		var cname *dns.CNAME
		for _, rr := range rrs {
			if rr.Header().Rrtype == q.Qtype || q.Qtype == dns.TypeANY {
				m.Answer = append(m.Answer, dns.Copy(rr))
			}
			if c, ok := rr.(*dns.CNAME); ok {
				cname = c
			}
		}
		if len(m.Answer) > 0 || cname == nil || q.Qtype == dns.TypeCNAME {
			break
		}
		m.Answer = append(m.Answer, dns.Copy(cname))
		name = strings.ToLower(cname.Target)
		if s.zoneOf(name) == "" {
			break
		}
	}
	if len(m.Answer) == 0 {
		if _, exists := s.records[name]; !exists && name != zone && !s.hasBelow(name) {
			m.Rcode = dns.RcodeNameError
		}
		m.Ns = append(m.Ns, s.soa(zone))
	}
}

// hasBelow reports whether any record lives under name (an empty
// non-terminal answers NOERROR, not NXDOMAIN).
func (s *Server) hasBelow(name string) bool {
	for n := range s.records {
		if strings.HasSuffix(n, "."+name) {
			return true
		}
	}
	return false
}

func (s *Server) axfr(w dns.ResponseWriter, req *dns.Msg) {
	zone := strings.ToLower(req.Question[0].Name)
	if !s.zones[zone] || w.RemoteAddr().Network() != "tcp" {
		m := new(dns.Msg)
		m.SetRcode(req, dns.RcodeRefused)
		w.WriteMsg(m)
		return
	}
	rrs := append([]dns.RR{s.soa(zone), s.ns(zone)}, s.All(zone)...)
	rrs = append(rrs, s.soa(zone))
	ch := make(chan *dns.Envelope, 1)
	tr := new(dns.Transfer)
	go func() {
		ch <- &dns.Envelope{RR: rrs}
		close(ch)
	}()
	tr.Out(w, req, ch)
}

// update applies an RFC 2136 UPDATE. It must be TSIG-signed with a known
// key; prerequisites are not supported and are refused.
func (s *Server) update(w dns.ResponseWriter, req *dns.Msg, m *dns.Msg) {
	m.SetReply(req)
	t := req.IsTsig()
	if t == nil || w.TsigStatus() != nil || s.tsig[t.Hdr.Name] == "" {
		m.Rcode = dns.RcodeNotAuth
		return
	}
	if len(req.Question) != 1 || s.zoneOf(req.Question[0].Name) != strings.ToLower(dns.Fqdn(req.Question[0].Name)) {
		m.Rcode = dns.RcodeNotZone
		return
	}
	if len(req.Answer) > 0 {
		m.Rcode = dns.RcodeNotImplemented
		return
	}
	zone := strings.ToLower(req.Question[0].Name)
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, rr := range req.Ns {
		if s.zoneOf(rr.Header().Name) != zone {
			m.Rcode = dns.RcodeNotZone
			return
		}
	}
	for _, rr := range req.Ns {
		h := rr.Header()
		switch h.Class {
		case dns.ClassINET:
			s.addLocked(rr)
		case dns.ClassANY: // delete an RRset, or all RRsets at a name
			s.deleteLocked(h.Name, h.Rrtype, nil)
		case dns.ClassNONE: // delete one RR
			c := dns.Copy(rr)
			c.Header().Class = dns.ClassINET
			s.deleteLocked(h.Name, h.Rrtype, c)
		}
	}
}

// accept admits queries, NOTIFY and UPDATE (miekg/dns refuses UPDATE by
// default), bounding the section counts an update may carry.
func accept(dh dns.Header) dns.MsgAcceptAction {
	const qr = 1 << 15
	if dh.Bits&qr != 0 {
		return dns.MsgIgnore
	}
	switch int(dh.Bits>>11) & 0xF {
	case dns.OpcodeQuery, dns.OpcodeNotify:
		if dh.Qdcount != 1 || dh.Ancount > 1 || dh.Nscount > 1 || dh.Arcount > 2 {
			return dns.MsgReject
		}
	case dns.OpcodeUpdate:
		if dh.Qdcount != 1 || dh.Nscount > 1000 || dh.Arcount > 2 {
			return dns.MsgReject
		}
	default:
		return dns.MsgRejectNotImplemented
	}
	return dns.MsgAccept
}
