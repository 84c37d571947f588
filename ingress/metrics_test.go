package ingress

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// families are the metrics of one scrape, by name.
type families map[string]*dto.MetricFamily

// gather reads m's registry directly.
func gather(t *testing.T, m *metrics) families {
	t.Helper()
	got, err := m.registry.Gather()
	if err != nil {
		t.Fatal(err)
	}
	fams := families{}
	for _, f := range got {
		fams[f.GetName()] = f
	}
	return fams
}

// scrape fetches /metrics from a status address and parses it as the
// Prometheus text format.
func scrape(t *testing.T, addr string) (families, string) {
	t.Helper()
	resp, err := http.Get("http://" + addr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain; version=0.0.4") {
		t.Fatalf("/metrics: %d, Content-Type %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(strings.NewReader(string(body)))
	if err != nil {
		t.Fatalf("/metrics is not the text exposition format: %v\n%s", err, body)
	}
	return fams, string(body)
}

// value is the sample of name whose labels are exactly the pairs given;
// ok is false when there is none.
func (f families) value(name string, labels ...string) (v float64, ok bool) {
	fam := f[name]
	if fam == nil {
		return 0, false
	}
	want := map[string]string{}
	for i := 0; i+1 < len(labels); i += 2 {
		want[labels[i]] = labels[i+1]
	}
next:
	for _, m := range fam.GetMetric() {
		if len(m.GetLabel()) != len(want) {
			continue
		}
		for _, l := range m.GetLabel() {
			if w, ok := want[l.GetName()]; !ok || w != l.GetValue() {
				continue next
			}
		}
		switch {
		case m.Counter != nil:
			return m.Counter.GetValue(), true
		case m.Gauge != nil:
			return m.Gauge.GetValue(), true
		case m.Untyped != nil:
			return m.Untyped.GetValue(), true
		}
	}
	return 0, false
}

// expect checks samples: name, its label pairs, and the value wanted.
func (f families) expect(t *testing.T, name string, want float64, labels ...string) {
	t.Helper()
	got, ok := f.value(name, labels...)
	if !ok {
		t.Errorf("%s%v: no sample", name, labels)
	} else if got != want {
		t.Errorf("%s%v = %v, want %v", name, labels, got, want)
	}
}

func noCerts(string) (time.Time, bool) { return time.Time{}, false }

// A client that sends something other than a TLS ClientHello counts as a
// failed handshake, not as a served or refused connection.
func TestRouterMetricsHandshakeFailed(t *testing.T) {
	t.Parallel()
	backend := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") }))
	defer backend.Close()
	m := newMetrics(&Config{Domains: []string{"app.devproof.test"}, Default: target(backend.URL)}, noCerts)
	e := startRouter(t, &router{Default: target(backend.URL), Metrics: m})

	c, err := net.Dial("tcp", e.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	io.WriteString(c, "GET / HTTP/1.1\r\nHost: app.devproof.test\r\n\r\n")
	// The router counts the failure before it closes the connection.
	io.Copy(io.Discard, c)

	f := gather(t, m)
	f.expect(t, "devproof_ingress_tls_handshakes_total", 1, "result", "failed")
	f.expect(t, "devproof_ingress_tls_handshakes_total", 0, "result", "ok")
	f.expect(t, "devproof_ingress_connections_accepted_total", 1)
	f.expect(t, "devproof_ingress_connections_refused_total", 0, "reason", "max_conns")
	f.expect(t, "devproof_ingress_connections_open", 0)
	if _, ok := f.value("devproof_ingress_http_requests_total", "route", "default", "code", "400"); ok {
		t.Error("the garbage reached the HTTP server")
	}

	// A real client next to it completes its handshake; the router has
	// counted it once it answers a request on the connection.
	tc := e.dialTLS(t, "app.devproof.test", "http/1.1")
	defer tc.Close()
	io.WriteString(tc, "GET / HTTP/1.1\r\nHost: app.devproof.test\r\n\r\n")
	if resp, err := http.ReadResponse(bufio.NewReader(tc), nil); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("request after the handshake: %v %v", resp, err)
	}
	f = gather(t, m)
	f.expect(t, "devproof_ingress_tls_handshakes_total", 1, "result", "ok")
	f.expect(t, "devproof_ingress_tls_handshakes_total", 1, "result", "failed")
	f.expect(t, "devproof_ingress_connections_open", 1)
}

// A connection past MAX_CONNS_PER_IP is counted as refused for per_ip,
// not max_conns.
func TestRouterMetricsRefusedPerIP(t *testing.T) {
	t.Parallel()
	m := newMetrics(&Config{Domains: []string{"app.devproof.test"}, Default: target("http://127.0.0.1:9")}, noCerts)
	e := startRouter(t, &router{Default: target("http://127.0.0.1:9"), MaxConns: 5, MaxConnsPerIP: 1, Metrics: m})
	held := e.dialTLS(t, "app.devproof.test")
	defer held.Close()
	waitFor(t, "the handshake counted", 5*time.Second, func() bool {
		v, _ := gather(t, m).value("devproof_ingress_tls_handshakes_total", "result", "ok")
		return v == 1
	})
	c, err := net.Dial("tcp", e.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	io.Copy(io.Discard, c)

	f := gather(t, m)
	f.expect(t, "devproof_ingress_connections_refused_total", 1, "reason", "per_ip")
	f.expect(t, "devproof_ingress_connections_refused_total", 0, "reason", "max_conns")
	f.expect(t, "devproof_ingress_connections_open", 1)
}

// A connection past MAX_CONNS is counted as refused for max_conns.
func TestRouterMetricsRefusedMaxConns(t *testing.T) {
	t.Parallel()
	m := newMetrics(&Config{Domains: []string{"app.devproof.test"}, Default: target("http://127.0.0.1:9")}, noCerts)
	e := startRouter(t, &router{Default: target("http://127.0.0.1:9"), MaxConns: 1, Metrics: m})
	held := e.dialTLS(t, "app.devproof.test")
	defer held.Close()
	// The client's side of a TLS 1.3 handshake ends before the router's.
	waitFor(t, "the handshake counted", 5*time.Second, func() bool {
		v, _ := gather(t, m).value("devproof_ingress_tls_handshakes_total", "result", "ok")
		return v == 1
	})

	c, err := net.Dial("tcp", e.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	// The accept loop counts the refusal before it closes the connection.
	io.Copy(io.Discard, c)

	f := gather(t, m)
	f.expect(t, "devproof_ingress_connections_refused_total", 1, "reason", "max_conns")
	f.expect(t, "devproof_ingress_connections_accepted_total", 2)
	f.expect(t, "devproof_ingress_connections_open", 1)
	f.expect(t, "devproof_ingress_tls_handshakes_total", 1, "result", "ok")
	f.expect(t, "devproof_ingress_tls_handshakes_total", 0, "result", "failed")
}

// Requests are counted by the route their connection's SNI chose and by
// status code, a timed-out backend's 504 and an upgrade's 101 included,
// and the in-flight gauge covers a request while its backend works.
func TestRouterMetricsRequests(t *testing.T) {
	t.Parallel()
	entered, release := make(chan struct{}), make(chan struct{})
	backend := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/slow":
			w.WriteHeader(http.StatusOK)
			http.NewResponseController(w).Flush()
			entered <- struct{}{}
			<-release
			return
		case "/ws":
			upgradeAndEcho(w)
			return
		case "/missing":
			http.NotFound(w, r)
			return
		}
		io.WriteString(w, "ok")
	}))
	defer backend.Close()
	silent := silentBackend(t)
	routes := map[string]Target{
		"app.devproof.test":    *target(backend.URL),
		"*.wild.devproof.test": *target(backend.URL),
		"db.devproof.test":     *target(silent),
	}
	m := newMetrics(&Config{Domains: []string{"app.devproof.test", "*.wild.devproof.test", "db.devproof.test"}, Routes: routes}, noCerts)
	e := startRouter(t, &router{Routes: routes, BackendTimeout: 300 * time.Millisecond, Metrics: m})

	for _, c := range []struct {
		sni, host, path string
		status          int
	}{
		{"app.devproof.test", "app.devproof.test", "/", 200},
		{"app.devproof.test", "app.devproof.test", "/missing", 404},
		{"app.devproof.test", "db.devproof.test", "/", 421},
		{"a.wild.devproof.test", "a.wild.devproof.test", "/", 200},
		{"b.wild.devproof.test", "b.wild.devproof.test", "/", 200},
		{"db.devproof.test", "db.devproof.test", "/", 504},
	} {
		req, _ := http.NewRequest("GET", "https://"+c.sni+c.path, nil)
		req.Host = c.host
		resp, err := e.client(c.sni, true).Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != c.status {
			t.Fatalf("SNI %s, Host %s, %s: %d, want %d", c.sni, c.host, c.path, resp.StatusCode, c.status)
		}
	}

	done := make(chan error, 1)
	go func() {
		resp, err := e.client("app.devproof.test", false).Get("https://app.devproof.test/slow")
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
		done <- err
	}()
	<-entered
	gather(t, m).expect(t, "devproof_ingress_http_requests_in_flight", 1)
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}

	ws := e.dialTLS(t, "app.devproof.test", "http/1.1")
	fmt.Fprintf(ws, "GET /ws HTTP/1.1\r\nHost: app.devproof.test\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n")
	br := bufio.NewReader(ws)
	resp, err := http.ReadResponse(br, nil)
	if err != nil || resp.StatusCode != http.StatusSwitchingProtocols {
		t.Fatalf("upgrade: %v %v", resp, err)
	}
	fmt.Fprintf(ws, "ping\n")
	if line, _ := br.ReadString('\n'); line != "echo: ping\n" {
		t.Fatalf("websocket echo = %q", line)
	}
	ws.Close()

	// A request is counted as its handler returns, which may be just after
	// the client has its response.
	want := []struct {
		route, code string
		n           float64
	}{
		{"app.devproof.test", "200", 2},
		{"app.devproof.test", "404", 1},
		{"app.devproof.test", "421", 1},
		{"app.devproof.test", "101", 1},
		{"*.wild.devproof.test", "200", 2},
		{"db.devproof.test", "504", 1},
	}
	waitFor(t, "requests counted", 5*time.Second, func() bool {
		f := gather(t, m)
		for _, w := range want {
			if v, _ := f.value("devproof_ingress_http_requests_total", "route", w.route, "code", w.code); v != w.n {
				return false
			}
		}
		v, _ := f.value("devproof_ingress_http_requests_in_flight")
		return v == 0
	})
	f := gather(t, m)
	for _, w := range want {
		f.expect(t, "devproof_ingress_http_requests_total", w.n, "route", w.route, "code", w.code)
	}
	if n := len(f["devproof_ingress_http_requests_total"].GetMetric()); n != len(want) {
		t.Errorf("%d request series, want %d: %v", n, len(want), f["devproof_ingress_http_requests_total"])
	}
}

// A tcp:// route counts its splices and the bytes each way.
func TestRouterMetricsSplice(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	go func() {
		c, err := l.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		b, _ := io.ReadAll(c)
		c.Write(append([]byte("echo: "), b...))
	}()
	routes := map[string]Target{"db.devproof.test": {Scheme: "tcp", Addr: l.Addr().String()}}
	m := newMetrics(&Config{Domains: []string{"db.devproof.test"}, Routes: routes}, noCerts)
	e := startRouter(t, &router{Routes: routes, Metrics: m})

	c := e.dialTLS(t, "db.devproof.test")
	io.WriteString(c, "ping")
	c.CloseWrite()
	got, _ := io.ReadAll(c)
	c.Close()
	if string(got) != "echo: ping" {
		t.Fatalf("spliced reply %q", got)
	}
	waitFor(t, "the splice counted", 5*time.Second, func() bool {
		v, _ := gather(t, m).value("devproof_ingress_tcp_splice_bytes_total", "route", "db.devproof.test", "direction", "to_client")
		return v > 0
	})
	f := gather(t, m)
	f.expect(t, "devproof_ingress_tcp_splices_total", 1, "route", "db.devproof.test")
	f.expect(t, "devproof_ingress_tcp_splice_bytes_total", 4, "route", "db.devproof.test", "direction", "from_client")
	f.expect(t, "devproof_ingress_tcp_splice_bytes_total", 10, "route", "db.devproof.test", "direction", "to_client")
}

// Each ingress has its own registry: two in one process neither clash
// nor see each other's counts.
func TestMetricsRegistryPerIngress(t *testing.T) {
	cfg := &Config{Domains: []string{"app.devproof.test"}, Default: target("http://127.0.0.1:9")}
	a, b := newMetrics(cfg, noCerts), newMetrics(cfg, noCerts)
	a.handshake(nil)
	a.refuse(refusedMaxConns)
	a.certEvent("cert_obtained", map[string]any{"renewal": true})
	a.certEvent("cert_failed", map[string]any{"renewal": false})
	fa, fb := gather(t, a), gather(t, b)
	fa.expect(t, "devproof_ingress_tls_handshakes_total", 1, "result", "ok")
	fa.expect(t, "devproof_ingress_connections_refused_total", 1, "reason", "max_conns")
	fa.expect(t, "devproof_ingress_certificate_attempts_total", 1, "kind", "renew", "result", "ok")
	fa.expect(t, "devproof_ingress_certificate_attempts_total", 1, "kind", "obtain", "result", "failed")
	fa.expect(t, "devproof_ingress_certificate_attempts_total", 0, "kind", "obtain", "result", "ok")
	fb.expect(t, "devproof_ingress_tls_handshakes_total", 0, "result", "ok")
	fb.expect(t, "devproof_ingress_connections_refused_total", 0, "reason", "max_conns")
	fb.expect(t, "devproof_ingress_certificate_attempts_total", 0, "kind", "renew", "result", "ok")
}

// The ingress serves its metrics on STATUS_ADDR: requests by route and
// code (a Host that picks another route than the SNI gets 421), open
// connections, handshakes, the expiry of the certificate it serves and
// the obtain that brought it. Every label value comes from the
// configuration or a fixed set, so nothing secret can show.
func TestIngressMetrics(t *testing.T) {
	t.Parallel()
	st := newStack(t)
	statusAddr := freeAddr(t)
	backend := strings.TrimPrefix(st.backend.URL, "http://")
	r := st.start(t, st.env("rfc2136", "STATUS_ADDR", statusAddr, "ROUTING_MAP", testDomain+"="+backend), nil)
	r.waitServing(t)

	tr := st.transport(r.addr, testDomain)
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	var served *http.Response
	for _, c := range []struct {
		host, path string
		status     int
	}{
		{testDomain, "/", 200},
		{testDomain, "/evidences/sha256sum.txt", 200},
		{testDomain, "/x", 200},
		{"other.devproof.test", "/", 421}, // TARGET_ENDPOINT's route, not ROUTING_MAP's
	} {
		req, _ := http.NewRequest("GET", "https://"+testDomain+c.path, nil)
		req.Host = c.host
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != c.status {
			t.Fatalf("Host %s %s: %d, want %d", c.host, c.path, resp.StatusCode, c.status)
		}
		served = resp
	}
	garbage, err := net.Dial("tcp", r.addr)
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(garbage, "not a ClientHello\r\n\r\n")
	io.Copy(io.Discard, garbage)
	garbage.Close()

	const req = "devproof_ingress_http_requests_total"
	waitFor(t, "requests counted", 5*time.Second, func() bool {
		f, _ := scrape(t, statusAddr)
		ok, _ := f.value(req, "route", testDomain, "code", "200")
		misdirected, _ := f.value(req, "route", testDomain, "code", "421")
		return ok == 3 && misdirected == 1
	})
	f, body := scrape(t, statusAddr)
	f.expect(t, req, 3, "route", testDomain, "code", "200")
	f.expect(t, req, 1, "route", testDomain, "code", "421")
	if n := len(f[req].GetMetric()); n != 2 {
		t.Errorf("%d request series, want 2:\n%s", n, body)
	}
	f.expect(t, "devproof_ingress_http_requests_in_flight", 0)
	// One connection carried every request and is still open; the garbage
	// one failed its handshake and is closed.
	f.expect(t, "devproof_ingress_connections_accepted_total", 2)
	f.expect(t, "devproof_ingress_connections_open", 1)
	f.expect(t, "devproof_ingress_connections_refused_total", 0, "reason", "max_conns")
	f.expect(t, "devproof_ingress_tls_handshakes_total", 1, "result", "ok")
	f.expect(t, "devproof_ingress_tls_handshakes_total", 1, "result", "failed")
	f.expect(t, "devproof_ingress_certificate_not_after_seconds",
		float64(served.TLS.PeerCertificates[0].NotAfter.Unix()), "domain", testDomain)
	f.expect(t, "devproof_ingress_certificate_attempts_total", 1, "kind", "obtain", "result", "ok")
	f.expect(t, "devproof_ingress_certificate_attempts_total", 0, "kind", "obtain", "result", "failed")
	f.expect(t, "devproof_ingress_certificate_attempts_total", 0, "kind", "renew", "result", "ok")

	allowed := map[string]bool{testDomain: true, "default": true, "ok": true, "failed": true,
		"obtain": true, "renew": true, "max_conns": true, "per_ip": true, "from_client": true, "to_client": true}
	for name, fam := range f {
		if !strings.HasPrefix(name, "devproof_ingress_") {
			continue
		}
		for _, m := range fam.GetMetric() {
			for _, l := range m.GetLabel() {
				v := l.GetValue()
				if l.GetName() == "code" && len(v) == 3 && strings.Trim(v, "0123456789") == "" {
					continue
				}
				if !allowed[v] {
					t.Errorf("%s has label %s=%q, which is neither configured nor from a fixed set", name, l.GetName(), v)
				}
			}
		}
	}
	for _, secret := range []string{tsigSecret, "PRIVATE KEY", "other.devproof.test"} {
		if strings.Contains(body, secret) {
			t.Errorf("/metrics contains %q", secret)
		}
	}
}

// The counting wrapped around every request, alone.
func BenchmarkCountRequests(b *testing.B) {
	routes := map[string]Target{"app.devproof.test": {Scheme: "http", Addr: "127.0.0.1:9"}}
	m := newMetrics(&Config{Domains: []string{"app.devproof.test"}, Routes: routes}, noCerts)
	h := m.countRequests(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusOK) }))
	req := httptest.NewRequest("GET", "https://app.devproof.test/", nil)
	req = req.WithContext(context.WithValue(req.Context(), routeKey{}, m.routes["app.devproof.test"]))
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		w := httptest.NewRecorder()
		for pb.Next() {
			h.ServeHTTP(w, req)
		}
	})
}
