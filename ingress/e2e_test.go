package ingress

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/libdns/cloudflare"
	"github.com/miekg/dns"

	"github.com/devproof/devproof/internal/acmeca"
	"github.com/devproof/devproof/internal/attest"
	"github.com/devproof/devproof/internal/cfapi"
	"github.com/devproof/devproof/internal/dnsserver"
	"github.com/devproof/devproof/internal/evidence"
	"github.com/devproof/devproof/internal/syncbuf"
	"github.com/devproof/devproof/internal/tee"
	"github.com/devproof/devproof/internal/teesim"
)

const (
	testDomain = "app.devproof.test"
	tsigKey    = "devproof-update."
	tsigSecret = "ZGV2cHJvb2YtbG9jYWwtdHNpZy1zZWNyZXQtMzItYnl0ZXM="
	cfToken    = "local-cloudflare-token"
)

// stack is the real local services an ingress runs against.
type stack struct {
	dns     *dnsserver.Server
	ca      *acmeca.CA
	cf      *cfapi.Server
	agent   *tee.Client
	sim     *teesim.Simulator
	backend *httptest.Server
	storage string
	logs    *syncbuf.Buffer
}

// newStack starts the services; the DNS server serves devproof.test and
// any extra zones.
func newStack(t *testing.T, extraZones ...string) *stack {
	t.Helper()
	st := &stack{storage: t.TempDir(), logs: &syncbuf.Buffer{}}
	var err error
	st.dns, err = dnsserver.Start(dnsserver.Config{Zones: append([]string{"devproof.test"}, extraZones...), TSIG: map[string]string{tsigKey: tsigSecret}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.dns.Close() })
	if st.ca, err = acmeca.Start(st.dns.Addr(), nil); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(st.ca.Close)
	st.cf = cfapi.Start(st.dns, cfToken, "devproof.test")
	t.Cleanup(st.cf.Close)

	if st.sim, err = teesim.New(teesim.Config{Seed: []byte("ingress test")}); err != nil {
		t.Fatal(err)
	}
	agent, stop, err := st.sim.Start(filepath.Join(t.TempDir(), "dstack.sock"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	st.agent = agent

	st.backend = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "hello from the backend: host=%s xff=%s proto=%s", r.Host, r.Header.Get("X-Forwarded-For"), r.Header.Get("X-Forwarded-Proto"))
	}))
	t.Cleanup(st.backend.Close)
	return st
}

func (st *stack) env(provider string, extra ...string) func(string) string {
	kv := []string{
		"DOMAIN", testDomain,
		"TARGET_ENDPOINT", strings.TrimPrefix(st.backend.URL, "http://"),
		"ACME_DIRECTORY", st.ca.Directory,
		"ACME_EMAIL", "ops@devproof.test",
		"DNS_RESOLVERS", st.dns.Addr(),
		"STORAGE_DIR", st.storage,
		"SET_CAA", "true",
		"HEADER_TIMEOUT", "2s",
	}
	switch provider {
	case "rfc2136":
		kv = append(kv, "RFC2136_SERVER", st.dns.Addr(), "RFC2136_KEY_NAME", tsigKey, "RFC2136_KEY_SECRET", tsigSecret)
	case "cloudflare":
		kv = append(kv, "CLOUDFLARE_API_TOKEN", cfToken)
	}
	return env(append(kv, extra...)...)
}

// running is an ingress started by start.
type running struct {
	in     *Ingress
	addr   string
	events *eventLog
	logs   *syncbuf.Buffer
	stop   func()
}

type eventLog struct {
	mu     sync.Mutex
	counts map[string]int
}

func (e *eventLog) count(name string) int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.counts[name]
}

func (st *stack) start(t *testing.T, get func(string) string, provider DNSProvider) *running {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	return st.startOn(t, get, provider, l)
}

// startOn is start serving on l.
func (st *stack) startOn(t *testing.T, get func(string) string, provider DNSProvider, l net.Listener) *running {
	t.Helper()
	cfg, err := ParseConfig(get)
	if err != nil {
		l.Close()
		t.Fatal(err)
	}
	ev := &eventLog{counts: map[string]int{}}
	ctx, cancel := context.WithCancel(context.Background())
	in, err := New(ctx, cfg, Options{
		Agent:       st.agent,
		Logger:      slog.New(slog.NewJSONHandler(st.logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
		DNSProvider: provider,
		ACMERoots:   st.ca.ServerRoots,
		Listener:    l,
		OnEvent: func(_ context.Context, name string, _ map[string]any) {
			ev.mu.Lock()
			ev.counts[name]++
			ev.mu.Unlock()
		},
	})
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- in.Run(ctx) }()
	r := &running{in: in, addr: l.Addr().String(), events: ev, logs: st.logs}
	var once sync.Once
	r.stop = func() {
		once.Do(func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("Run: %v", err)
			}
		})
	}
	t.Cleanup(r.stop)
	return r
}

func waitFor(t *testing.T, what string, timeout time.Duration, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (r *running) waitServing(t *testing.T) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		_, ok := r.in.evidence.file("keys.json")
		if ok && r.in.Status().State == "serving" {
			return
		}
		if time.Now().After(deadline) {
			if os.Getenv("DEVPROOF_TEST_LOGS") != "" {
				for _, l := range strings.Split(string(r.logs.Bytes()), "\n") {
					if strings.Contains(l, "ERROR") || strings.Contains(l, "WARN") {
						t.Log(l)
					}
				}
			}
			t.Fatalf("timed out waiting for a certificate and evidence; status %+v", r.in.Status())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// get fetches path over HTTPS through the ingress, trusting the CA.
func (st *stack) get(t *testing.T, addr, path string) (*http.Response, string) {
	t.Helper()
	tr := st.transport(addr, testDomain)
	defer tr.CloseIdleConnections()
	resp, err := (&http.Client{Transport: tr, Timeout: 10 * time.Second}).Get("https://" + testDomain + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// transport reaches the ingress at addr for name, trusting only the CA.
func (st *stack) transport(addr, name string) *http.Transport {
	return &http.Transport{
		TLSClientConfig: &tls.Config{RootCAs: st.ca.IssuerRoots(), ServerName: name},
		DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
			return (&net.Dialer{}).DialContext(ctx, "tcp", addr)
		},
		ForceAttemptHTTP2: true,
	}
}

// lookup asks the DNS server over the wire (UDP) for name's records of a type.
func (st *stack) lookup(t *testing.T, name string, qtype uint16) []dns.RR {
	t.Helper()
	m := new(dns.Msg)
	m.SetQuestion(dns.Fqdn(name), qtype)
	in, _, err := (&dns.Client{Net: "udp", Timeout: 5 * time.Second}).Exchange(m, st.dns.Addr())
	if err != nil {
		t.Fatalf("DNS query %s %s: %v", name, dns.TypeToString[qtype], err)
	}
	var out []dns.RR
	for _, rr := range in.Answer {
		if rr.Header().Rrtype == qtype {
			out = append(out, rr)
		}
	}
	return out
}

func (st *stack) txt(t *testing.T, name string) []string {
	var out []string
	for _, rr := range st.lookup(t, name, dns.TypeTXT) {
		out = append(out, strings.Join(rr.(*dns.TXT).Txt, ""))
	}
	return out
}

func (st *stack) caa(t *testing.T, name string) []string {
	var out []string
	for _, rr := range st.lookup(t, name, dns.TypeCAA) {
		c := rr.(*dns.CAA)
		out = append(out, fmt.Sprintf("%d %s %s", c.Flag, c.Tag, c.Value))
	}
	return out
}

func TestIngressRFC2136EndToEnd(t *testing.T) {
	t.Parallel()
	st := newStack(t)
	r := st.start(t, st.env("rfc2136"), nil)
	r.waitServing(t)

	resp, body := st.get(t, r.addr, "/hello")
	if !strings.HasPrefix(body, "hello from the backend: host="+testDomain) || !strings.Contains(body, "xff=127.0.0.1") || !strings.Contains(body, "proto=https") {
		t.Errorf("body = %q", body)
	}
	if resp.ProtoMajor != 2 {
		t.Errorf("served over %s, want HTTP/2", resp.Proto)
	}
	leaf := resp.TLS.PeerCertificates[0]
	rep := st.audit(t, r, testDomain)
	checkKeys(t, rep, leaf, 1)

	// DNS: exactly the expected TXT and CAA records.
	info, _ := st.agent.Info(context.Background())
	status := r.in.Status()
	if status.Certs[testDomain] != "obtained" {
		t.Errorf("status certificates: %v", status.Certs)
	}
	if got := st.txt(t, "_dstack-app-address."+testDomain); len(got) != 1 || got[0] != info.AppID+":443" {
		t.Errorf("TXT = %q, want %s:443", got, info.AppID)
	}
	wantCAA := "0 issue letsencrypt.org;validationmethods=dns-01;accounturi=" + status.AccountURI
	waitFor(t, "CAA record", 10*time.Second, func() bool { c := st.caa(t, testDomain); return len(c) == 1 && c[0] == wantCAA })
	if !strings.HasPrefix(status.AccountURI, "https://127.0.0.1") {
		t.Errorf("account URI = %q", status.AccountURI)
	}
	if m := rep.Manifest; m == nil || m.ACMEAccountURI != status.AccountURI || strings.Join(m.Domains, ",") != testDomain || m.AppID != info.AppID {
		t.Errorf("manifest = %+v, want account %s", m, status.AccountURI)
	}

	// Restart on the same storage: no new order, same certificate.
	r.stop()
	r2 := st.start(t, st.env("rfc2136"), nil)
	r2.waitServing(t)
	resp, _ = st.get(t, r2.addr, "/")
	if !resp.TLS.PeerCertificates[0].Equal(leaf) {
		t.Error("restart serves a different certificate")
	}
	if n := r2.events.count("cert_obtaining"); n != 0 {
		t.Errorf("restart placed %d new orders", n)
	}
	if got := st.txt(t, "_dstack-app-address."+testDomain); len(got) != 1 {
		t.Errorf("re-publishing duplicated the TXT record: %q", got)
	}
	if r2.in.Status().AccountURI != status.AccountURI {
		t.Errorf("account changed across restart: %s → %s", status.AccountURI, r2.in.Status().AccountURI)
	}

	// Renewal forced through Pebble's ARI: a new key, keys.json grows,
	// the evidence follows.
	oldCert, _ := r2.in.evidence.file("cert-" + testDomain + ".pem")
	if err := st.ca.SetRenewalWindow(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: leaf.Raw}), time.Now().Add(-time.Hour), time.Now().Add(-time.Minute)); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if err := r2.in.CheckRenewal(ctx); err != nil {
		t.Fatal(err)
	}
	if os.Getenv("DEVPROOF_TEST_LOGS") != "" {
		for _, l := range strings.Split(string(st.logs.Bytes()), "\n") {
			if strings.Contains(strings.ToLower(l), "renew") || strings.Contains(l, "ARI") {
				t.Log(l)
			}
		}
	}
	waitFor(t, "evidence after renewal", 30*time.Second, func() bool {
		c, _ := r2.in.evidence.file("cert-" + testDomain + ".pem")
		return !bytes.Equal(c, oldCert)
	})
	resp, _ = st.get(t, r2.addr, "/")
	renewed := resp.TLS.PeerCertificates[0]
	if evidence.SPKIHash(renewed) == evidence.SPKIHash(leaf) {
		t.Error("renewal kept the old key")
	}
	checkKeys(t, st.audit(t, r2, testDomain), renewed, 2)

	// certmagic's own renewal stores the new certificate and reports it
	// before swapping it into its cache; the evidence must follow anyway.
	before, _ := r2.in.evidence.file("cert-" + testDomain + ".pem")
	if err := r2.in.certs.magic.RenewCertSync(ctx, testDomain, true); err != nil {
		t.Fatal(err)
	}
	var after []byte
	waitFor(t, "evidence after certmagic's renewal", 30*time.Second, func() bool {
		after, _ = r2.in.evidence.file("cert-" + testDomain + ".pem")
		return !bytes.Equal(after, before)
	})
	block, _ := pem.Decode(after)
	third, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	if evidence.SPKIHash(third) == evidence.SPKIHash(renewed) {
		t.Error("second renewal kept the key")
	}
	checkKeys(t, st.audit(t, r2, testDomain), third, 3)
	r2.stop()

	checkNoPlaintextKeys(t, st, r2)
}

// audit fetches /evidences/ over HTTPS, as an auditor would, and verifies
// it with the code every consumer uses; it fails the test on any failure.
func (st *stack) audit(t *testing.T, r *running, name string) *evidence.Report {
	t.Helper()
	tr := st.transport(r.addr, name)
	defer tr.CloseIdleConnections()
	files, err := evidence.Fetch(context.Background(), &http.Client{Transport: tr, Timeout: 10 * time.Second}, "https://"+name+"/evidences/")
	if err != nil {
		t.Fatal(err)
	}
	info, _ := st.agent.Info(context.Background())
	rep := evidence.Verify(files, evidence.Options{AllowSimulated: true, AppID: info.AppID, ComposeHashes: []string{info.ComposeHash}})
	if err := rep.Err(); err != nil {
		t.Fatalf("served evidence fails verification:\n%v", err)
	}
	return rep
}

// checkKeys: the evidence attests wantKeys keys, and leaf's is served.
func checkKeys(t *testing.T, rep *evidence.Report, leaf *x509.Certificate, wantKeys int) {
	t.Helper()
	if len(rep.Keys) != wantKeys {
		t.Errorf("keys.json has %d keys, want %d", len(rep.Keys), wantKeys)
	}
	spki := evidence.SPKIHash(leaf)
	for _, k := range rep.Keys {
		if k.SPKISHA256 == spki {
			if len(k.Served) == 0 || k.Quote == nil || k.Quote.Status != attest.Simulated {
				t.Errorf("key %s: served %v, quote %+v", spki, k.Served, k.Quote)
			}
			return
		}
	}
	t.Errorf("served key %s is not in keys.json", spki)
}

// checkNoPlaintextKeys: neither the storage directory nor the logs hold a
// private key, as PEM or as a raw or hex scalar.
func checkNoPlaintextKeys(t *testing.T, st *stack, r *running) {
	t.Helper()
	var secrets [][]byte
	for _, d := range []string{testDomain} {
		tc, ok := r.in.certs.current(d)
		if !ok {
			t.Fatal("no certificate")
		}
		k := tc.PrivateKey.(*ecdsa.PrivateKey)
		raw, _ := k.Bytes()
		secrets = append(secrets, raw, []byte(hex.EncodeToString(raw)))
	}
	acct, _ := pem.Decode([]byte(r.in.certs.issuer.AccountKeyPEM))
	key, _ := x509.ParseECPrivateKey(acct.Bytes)
	raw, _ := key.Bytes()
	secrets = append(secrets, raw, []byte(hex.EncodeToString(raw)))

	check := func(what string, b []byte) {
		if bytes.Contains(b, []byte("PRIVATE KEY")) {
			t.Errorf("%s holds a PEM private key", what)
		}
		for _, s := range secrets {
			if bytes.Contains(b, s) {
				t.Errorf("%s holds a private key scalar", what)
			}
		}
	}
	n := 0
	filepath.Walk(st.storage, func(p string, fi os.FileInfo, err error) error {
		if err == nil && fi.Mode().IsRegular() {
			b, _ := os.ReadFile(p)
			check(p, b)
			n++
		}
		return nil
	})
	if n < 4 {
		t.Errorf("only %d files in storage; expected certificates, keys and account", n)
	}
	check("the log", st.logs.Bytes())
}

func TestIngressCloudflare(t *testing.T) {
	t.Parallel()
	st := newStack(t)
	p := &cloudflare.Provider{APIToken: cfToken, HTTPClient: st.cf.Client()}
	// A name and its wildcard: issue and issuewild share one CAA RRset.
	domains := testDomain + ",*." + testDomain
	get := st.env("cloudflare", "GATEWAY_DOMAIN", "gw.devproof.test", "DOMAINS", domains)
	r := st.start(t, get, p)
	r.waitServing(t)
	_, body := st.get(t, r.addr, "/")
	if !strings.HasPrefix(body, "hello from the backend") {
		t.Errorf("body = %q", body)
	}
	info, _ := st.agent.Info(context.Background())
	checkDNS := func() {
		t.Helper()
		if got := st.txt(t, "_dstack-app-address."+testDomain); len(got) != 1 || got[0] != info.AppID+":443" {
			t.Errorf("TXT = %q", got)
		}
		if got := st.txt(t, "_dstack-app-address-wildcard."+testDomain); len(got) != 1 || got[0] != info.AppID+":443" {
			t.Errorf("wildcard TXT = %q", got)
		}
		cn := st.lookup(t, testDomain, dns.TypeCNAME)
		if len(cn) != 1 || cn[0].(*dns.CNAME).Target != "gw.devproof.test." {
			t.Errorf("CNAME = %v", cn)
		}
	}
	checkDNS()
	uri := r.in.Status().AccountURI
	want := []string{
		"0 issue letsencrypt.org;validationmethods=dns-01;accounturi=" + uri,
		"0 issuewild letsencrypt.org;validationmethods=dns-01;accounturi=" + uri,
	}
	caaIsWant := func() bool {
		c := st.caa(t, testDomain)
		slices.Sort(c)
		return slices.Equal(c, want)
	}
	waitFor(t, "CAA records", 10*time.Second, caaIsWant)

	// Publishing again replaces the RRsets rather than adding to them.
	r.stop()
	r2 := st.start(t, get, p)
	r2.waitServing(t)
	waitFor(t, "CAA after restart", 10*time.Second, func() bool { return r2.events.count("dns_published") >= 2 })
	checkDNS()
	if !caaIsWant() {
		t.Errorf("CAA after restart = %q, want %q", st.caa(t, testDomain), want)
	}
}

// Failures outside the ingress show in its status, naming what failed,
// and are retried rather than ending the process.
func TestIngressReportsOutsideFailures(t *testing.T) {
	t.Parallel()
	st := newStack(t)
	closed := func() string {
		l, _ := net.Listen("tcp", "127.0.0.1:0")
		a := l.Addr().String()
		l.Close()
		return a
	}()
	t.Run("rejected Cloudflare token", func(t *testing.T) {
		p := &cloudflare.Provider{APIToken: "revoked", HTTPClient: st.cf.Client()}
		r := st.start(t, st.env("cloudflare", "STORAGE_DIR", t.TempDir()), p)
		waitFor(t, "a DNS error", 30*time.Second, func() bool {
			s := r.in.Status().DNS
			return strings.Contains(s, "403") && strings.Contains(s, "retrying")
		})
	})
	t.Run("DNS server down", func(t *testing.T) {
		r := st.start(t, st.env("rfc2136", "STORAGE_DIR", t.TempDir(), "RFC2136_SERVER", closed, "DNS_RESOLVERS", closed), nil)
		waitFor(t, "a DNS error", 30*time.Second, func() bool {
			s := r.in.Status().DNS
			return strings.Contains(s, closed) && strings.Contains(s, "retrying")
		})
	})
	t.Run("CA down at start", func(t *testing.T) {
		r := st.start(t, st.env("rfc2136", "STORAGE_DIR", t.TempDir(), "ACME_DIRECTORY", "https://"+closed+"/dir"), nil)
		waitFor(t, "an ACME error", 30*time.Second, func() bool {
			s := r.in.Status()
			return s.State == "obtaining" && strings.Contains(s.ACME, closed) && strings.Contains(s.ACME, "retrying")
		})
	})
}

// Tampered sealed storage is never used: the certificate is obtained again.
func TestIngressRefusesTamperedStorage(t *testing.T) {
	t.Parallel()
	st := newStack(t)
	r := st.start(t, st.env("rfc2136"), nil)
	r.waitServing(t)
	_, _ = st.get(t, r.addr, "/")
	r.stop()
	var tampered []string
	filepath.Walk(st.storage, func(p string, fi os.FileInfo, err error) error {
		if err == nil && fi.Mode().IsRegular() && strings.HasSuffix(p, ".key") && strings.Contains(p, "certificates") {
			b, _ := os.ReadFile(p)
			b[len(b)-1] ^= 1
			os.WriteFile(p, b, 0o600)
			rel, _ := filepath.Rel(st.storage, p)
			tampered = append(tampered, filepath.ToSlash(rel))
		}
		return nil
	})
	if len(tampered) != 1 {
		t.Fatalf("tampered %d certificate keys, want 1", len(tampered))
	}
	statusAddr := freeAddr(t)
	r2 := st.start(t, st.env("rfc2136", "STATUS_ADDR", statusAddr), nil)
	r2.waitServing(t)
	if c := r2.events.count("cert_obtaining"); c != 1 {
		t.Errorf("after tampering, %d new orders, want 1", c)
	}
	if _, body := st.get(t, r2.addr, "/"); !strings.HasPrefix(body, "hello from the backend") {
		t.Errorf("body = %q", body)
	}

	// The tampering is loud: a warning naming the key, and /status lists
	// it and is not ok until an operator clears the quarantine.
	warned := false
	for _, line := range strings.Split(string(st.logs.Bytes()), "\n") {
		var rec map[string]any
		if json.Unmarshal([]byte(line), &rec) == nil && rec["level"] == "WARN" &&
			rec["msg"] == "sealed storage value quarantined" && rec["key"] == tampered[0] {
			warned = true
		}
	}
	if !warned {
		t.Errorf("no WARN line naming %s", tampered[0])
	}
	if s := getStatus(t, statusAddr); !slices.Equal(s.Quarantined, tampered) || s.Storage == "ok" || !strings.Contains(s.Storage, tampered[0]) {
		t.Errorf("/status after tampering: storage %q, quarantined %v; want %v", s.Storage, s.Quarantined, tampered)
	}
	if err := os.RemoveAll(filepath.Join(st.storage, "quarantine")); err != nil {
		t.Fatal(err)
	}
	if s := getStatus(t, statusAddr); len(s.Quarantined) != 0 || s.Storage != "ok" {
		t.Errorf("/status once cleared: storage %q, quarantined %v", s.Storage, s.Quarantined)
	}
}

func TestIngressWildcard(t *testing.T) {
	t.Parallel()
	st := newStack(t)
	r := st.start(t, st.env("rfc2136", "DOMAINS", "*.wild.devproof.test"), nil)
	r.waitServing(t)
	tr := &http.Transport{
		TLSClientConfig: &tls.Config{RootCAs: st.ca.IssuerRoots(), ServerName: "x.wild.devproof.test"},
		DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
			return (&net.Dialer{}).DialContext(ctx, "tcp", r.addr)
		},
	}
	resp, err := (&http.Client{Transport: tr, Timeout: 10 * time.Second}).Get("https://x.wild.devproof.test/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := resp.TLS.PeerCertificates[0].DNSNames; !strings.Contains(strings.Join(got, ","), "*.wild.devproof.test") {
		t.Errorf("served names %v", got)
	}
	info, _ := st.agent.Info(context.Background())
	if got := st.txt(t, "_dstack-app-address-wildcard.wild.devproof.test"); len(got) != 1 || got[0] != info.AppID+":443" {
		t.Errorf("wildcard TXT = %q", got)
	}
	uri := r.in.Status().AccountURI
	want := []string{
		"0 issue letsencrypt.org;validationmethods=dns-01;accounturi=" + uri,
	}
	waitFor(t, "CAA records", 10*time.Second, func() bool {
		return len(st.caa(t, testDomain)) == 1 && st.caa(t, testDomain)[0] == want[0] &&
			len(st.caa(t, "wild.devproof.test")) == 1 && st.caa(t, "wild.devproof.test")[0] == "0 issuewild letsencrypt.org;validationmethods=dns-01;accounturi="+uri
	})
	// Two certificates, app.devproof.test's and the wildcard's.
	rep := st.audit(t, r, "x.wild.devproof.test")
	leaf := resp.TLS.PeerCertificates[0]
	checkKeys(t, rep, leaf, 2)
	for _, k := range rep.Keys {
		if k.SPKISHA256 == evidence.SPKIHash(leaf) && (len(k.Served) != 1 || k.Served[0] != "cert-*.wild.devproof.test.pem") {
			t.Errorf("the wildcard certificate is served as %v", k.Served)
		}
	}
}

// With the CA gone, a restart serves the stored certificate and its
// evidence while account registration retries with backoff.
func TestIngressServesStoredCertificateWhileCADown(t *testing.T) {
	t.Parallel()
	st := newStack(t)
	r := st.start(t, st.env("rfc2136"), nil)
	r.waitServing(t)
	resp, _ := st.get(t, r.addr, "/")
	leaf := resp.TLS.PeerCertificates[0]
	r.stop()

	st.ca.Close()
	r2 := st.start(t, st.env("rfc2136"), nil)
	waitFor(t, "an ACME error", 30*time.Second, func() bool {
		return strings.Contains(r2.in.Status().ACME, "retrying")
	})
	resp, body := st.get(t, r2.addr, "/")
	if !resp.TLS.PeerCertificates[0].Equal(leaf) || !strings.HasPrefix(body, "hello from the backend") {
		t.Errorf("with the CA down: body %q, same certificate %v", body, resp.TLS.PeerCertificates[0].Equal(leaf))
	}
	waitFor(t, "evidence from storage", 10*time.Second, func() bool {
		_, ok := r2.in.evidence.file("keys.json")
		return ok
	})
	checkKeys(t, st.audit(t, r2, testDomain), leaf, 1)

	// TLS 1.2 is the floor.
	_, err := tls.Dial("tcp", r2.addr, &tls.Config{RootCAs: st.ca.IssuerRoots(), ServerName: testDomain, MinVersion: tls.VersionTLS10, MaxVersion: tls.VersionTLS11})
	if err == nil || !strings.Contains(err.Error(), "protocol version") {
		t.Errorf("a TLS 1.1 client: %v", err)
	}
}

// What an operator reaches besides the TLS port: /status on STATUS_ADDR and
// the port-80 style redirect, both up before any certificate exists.
func TestIngressOperatorEndpoints(t *testing.T) {
	t.Parallel()
	st := newStack(t)
	statusAddr := freeAddr(t)
	_, redirectPort, _ := net.SplitHostPort(freeAddr(t))
	closed := freeAddr(t)
	st.start(t, st.env("rfc2136", "STORAGE_DIR", t.TempDir(), "ACME_DIRECTORY", "https://"+closed+"/dir",
		"LISTEN_ADDR", "127.0.0.1", "STATUS_ADDR", statusAddr, "HTTP_REDIRECT_PORT", redirectPort), nil)
	var status Status
	waitFor(t, "/status naming the CA failure", 30*time.Second, func() bool {
		resp, err := http.Get("http://" + statusAddr + "/status")
		if err != nil {
			return false
		}
		defer resp.Body.Close()
		return json.NewDecoder(resp.Body).Decode(&status) == nil && strings.Contains(status.ACME, closed)
	})
	if status.State != "obtaining" || !strings.Contains(status.ACME, "retrying") {
		t.Errorf("status %+v", status)
	}
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noFollow.Get("http://127.0.0.1:" + redirectPort + "/path?q=1")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusPermanentRedirect || resp.Header.Get("Location") != "https://127.0.0.1/path?q=1" {
		t.Errorf("redirect: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
}

// freeAddr is a loopback address nothing listens on a moment ago.
func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// getStatus reads the ingress's /status at addr.
func getStatus(t *testing.T, addr string) Status {
	t.Helper()
	resp, err := http.Get("http://" + addr + "/status")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var s Status
	if err := json.NewDecoder(resp.Body).Decode(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

// servedAndAudited waits for r to serve testDomain, gets the backend's page
// through it, checks the evidence attests the one key served, and returns
// the account URI.
func (st *stack) servedAndAudited(t *testing.T, r *running) string {
	t.Helper()
	r.waitServing(t)
	resp, body := st.get(t, r.addr, "/")
	if !strings.HasPrefix(body, "hello from the backend") {
		t.Errorf("body = %q", body)
	}
	checkKeys(t, st.audit(t, r, testDomain), resp.TLS.PeerCertificates[0], 1)
	return r.in.Status().AccountURI
}

// waitCAA waits for name's CAA record to pin issuance to account and the
// challenge method.
func (st *stack) waitCAA(t *testing.T, name, what, method, account string) {
	t.Helper()
	want := "0 issue letsencrypt.org;validationmethods=" + method + ";accounturi=" + account
	waitFor(t, what, 10*time.Second, func() bool {
		c := st.caa(t, name)
		return len(c) == 1 && c[0] == want
	})
}
