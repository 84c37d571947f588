package ingress

import (
	"bufio"
	"context"
	"crypto/tls"
	"net"
	"net/http"
	"sort"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/devproof/devproof/tunnel"
)

// metrics are one ingress's Prometheus metrics, in a registry of its own
// so that several ingresses in one process do not clash. Every label value
// comes from the configuration (domain patterns of routes, managed names)
// or from a fixed set; nothing a client sends, and nothing secret, becomes
// a label. A nil *metrics counts nothing.
type metrics struct {
	registry *prometheus.Registry

	accepted        prometheus.Counter
	open            prometheus.Gauge
	refused         [numRefusals]prometheus.Counter
	handshakeOK     prometheus.Counter
	handshakeFailed prometheus.Counter
	inFlight        prometheus.Gauge
	// certAttempts is indexed by [renewal][ok].
	certAttempts [2][2]prometheus.Counter

	// routes holds each route's counters, by Routes key; "" is Default.
	routes map[string]*routeMetrics
}

// Each refusal has its counter made in advance, labelled with
// refusalReasons.
const numRefusals = refusedPerIP + 1

var refusalReasons = [numRefusals]string{
	refusedMaxConns: "max_conns",
	refusedPerIP:    "per_ip",
}

// defaultRoute labels TARGET_ENDPOINT, the route for names ROUTING_MAP
// does not list. It cannot be a configured pattern, which has two labels
// at least.
const defaultRoute = "default"

// routeMetrics are one route's counters, resolved in advance so that a
// request costs an atomic load and an add.
type routeMetrics struct {
	label    string
	requests *prometheus.CounterVec
	// byCode caches requests' children for codes 100-599, made on first use
	// so that only codes seen are exported.
	byCode [500]atomic.Pointer[prometheus.Counter]

	// Only tcp:// routes have these.
	splices, fromClient, toClient prometheus.Counter
}

func (rm *routeMetrics) request(code int) {
	if code < 100 || code > 599 {
		rm.requests.WithLabelValues(rm.label, strconv.Itoa(code)).Inc()
		return
	}
	p := rm.byCode[code-100].Load()
	if p == nil {
		c := rm.requests.WithLabelValues(rm.label, strconv.Itoa(code))
		p = &c
		rm.byCode[code-100].Store(p) // a racing store holds the same child
	}
	(*p).Inc()
}

// newMetrics registers the ingress's metrics for cfg's routes and managed
// names. notAfter reports the expiry of the certificate held for a name.
func newMetrics(cfg *Config, notAfter func(name string) (time.Time, bool)) *metrics {
	reg := prometheus.NewRegistry()
	m := &metrics{registry: reg, routes: map[string]*routeMetrics{}}
	counter := func(name, help string) prometheus.Counter {
		c := prometheus.NewCounter(prometheus.CounterOpts{Name: "devproof_ingress_" + name, Help: help})
		reg.MustRegister(c)
		return c
	}
	gauge := func(name, help string) prometheus.Gauge {
		g := prometheus.NewGauge(prometheus.GaugeOpts{Name: "devproof_ingress_" + name, Help: help})
		reg.MustRegister(g)
		return g
	}
	counterVec := func(name, help string, labels ...string) *prometheus.CounterVec {
		v := prometheus.NewCounterVec(prometheus.CounterOpts{Name: "devproof_ingress_" + name, Help: help}, labels)
		reg.MustRegister(v)
		return v
	}

	m.accepted = counter("connections_accepted_total", "Client connections accepted from the listener, refused ones included.")
	m.open = gauge("connections_open", "Client connections being served now.")
	refused := counterVec("connections_refused_total", "Client connections closed at once after accept, by reason.", "reason")
	for r, reason := range refusalReasons {
		m.refused[r] = refused.WithLabelValues(reason)
	}
	handshakes := counterVec("tls_handshakes_total", "TLS handshakes with clients, by result.", "result")
	m.handshakeOK = handshakes.WithLabelValues("ok")
	m.handshakeFailed = handshakes.WithLabelValues("failed")
	m.inFlight = gauge("http_requests_in_flight", "HTTP requests being served now, upgraded connections included.")
	attempts := counterVec("certificate_attempts_total", "Certificate obtain and renewal attempts that ended, by kind (obtain, renew) and result.", "kind", "result")
	for i, kind := range []string{"obtain", "renew"} {
		for j, result := range []string{"failed", "ok"} {
			m.certAttempts[i][j] = attempts.WithLabelValues(kind, result)
		}
	}

	requests := counterVec("http_requests_total", "HTTP requests answered, by route (the configured domain pattern, or \"default\") and status code.", "route", "code")
	splices := counterVec("tcp_splices_total", "Connections spliced to a tcp:// target, by route.", "route")
	bytes := counterVec("tcp_splice_bytes_total", "Bytes spliced to and from tcp:// targets, by route and direction (from_client, to_client), counted as each splice ends.", "route", "direction")
	add := func(key, label string, t Target) {
		rm := &routeMetrics{label: label, requests: requests}
		if t.Scheme == "tcp" {
			rm.splices = splices.WithLabelValues(label)
			rm.fromClient = bytes.WithLabelValues(label, "from_client")
			rm.toClient = bytes.WithLabelValues(label, "to_client")
		}
		m.routes[key] = rm
	}
	for key, t := range cfg.Routes {
		add(key, key, t)
	}
	if cfg.Default != nil {
		add("", defaultRoute, *cfg.Default)
	}

	names := append([]string(nil), cfg.Domains...)
	sort.Strings(names)
	reg.MustRegister(certExpiry{
		desc: prometheus.NewDesc("devproof_ingress_certificate_not_after_seconds",
			"Unix time of NotAfter of the certificate held for each managed name.", []string{"domain"}, nil),
		names:    names,
		notAfter: notAfter,
	})
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// handler serves the metrics in the Prometheus text exposition format.
func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{})
}

// certExpiry reads the certificates' expiry at each scrape, so the gauge
// follows renewals without an event; a name with no certificate yet has
// no sample.
type certExpiry struct {
	desc     *prometheus.Desc
	names    []string
	notAfter func(string) (time.Time, bool)
}

func (c certExpiry) Describe(ch chan<- *prometheus.Desc) { ch <- c.desc }

func (c certExpiry) Collect(ch chan<- prometheus.Metric) {
	for _, n := range c.names {
		if t, ok := c.notAfter(n); ok {
			ch <- prometheus.MustNewConstMetric(c.desc, prometheus.GaugeValue, float64(t.Unix()), n)
		}
	}
}

// admit counts a connection the accept loop serves; the release it
// returns runs release and counts the connection closed.
func (m *metrics) admit(release func()) func() {
	if m == nil {
		return release
	}
	m.accepted.Inc()
	m.open.Inc()
	return func() {
		m.open.Dec()
		release()
	}
}

// refuse counts a connection the accept loop closes at once.
func (m *metrics) refuse(why refusal) {
	if m == nil {
		return
	}
	m.accepted.Inc()
	m.refused[why].Inc()
}

func (m *metrics) handshake(err error) {
	switch {
	case m == nil:
	case err == nil:
		m.handshakeOK.Inc()
	default:
		m.handshakeFailed.Inc()
	}
}

// certEvent counts certmagic's "cert_obtained" and "cert_failed" events.
func (m *metrics) certEvent(event string, data map[string]any) {
	if m == nil {
		return
	}
	renewal, _ := data["renewal"].(bool)
	i := 0
	if renewal {
		i = 1
	}
	switch event {
	case "cert_obtained":
		m.certAttempts[i][1].Inc()
	case "cert_failed":
		m.certAttempts[i][0].Inc()
	}
}

// routeKey holds a connection's *routeMetrics in its context.
type routeKey struct{}

// connContext resolves, once per connection, the counters of the route
// its SNI chose; countRequests finds them in each request's context.
func (r *router) connContext(ctx context.Context, c net.Conn) context.Context {
	if r.Metrics == nil {
		return ctx
	}
	tc, ok := c.(*tls.Conn)
	if !ok {
		return ctx
	}
	key, _, ok := r.match(tc.ConnectionState().ServerName)
	if rm := r.Metrics.routes[key]; ok && rm != nil {
		return context.WithValue(ctx, routeKey{}, rm)
	}
	return ctx
}

// countRequests counts h's requests in flight and, once answered, by route
// and status code.
func (m *metrics) countRequests(h http.Handler) http.Handler {
	if m == nil {
		return h
	}
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		rm, _ := req.Context().Value(routeKey{}).(*routeMetrics)
		sw := &statusWriter{ResponseWriter: w}
		m.inFlight.Inc()
		defer func() {
			m.inFlight.Dec()
			if rm != nil {
				rm.request(sw.status())
			}
		}()
		h.ServeHTTP(sw, req)
	})
}

// countSplice counts a splice to a tcp:// target starting; the function it
// returns counts the bytes the splice moved.
func (r *router) countSplice(client *tls.Conn) func(tunnel.Stats) {
	if r.Metrics == nil {
		return func(tunnel.Stats) {}
	}
	key, _, _ := r.match(client.ConnectionState().ServerName)
	rm := r.Metrics.routes[key]
	if rm == nil || rm.splices == nil {
		return func(tunnel.Stats) {}
	}
	rm.splices.Inc()
	return func(st tunnel.Stats) {
		rm.fromClient.Add(float64(st.AToB))
		rm.toClient.Add(float64(st.BToA))
	}
}

// statusWriter remembers the status code of the response written through
// it. http.ResponseController reaches the writer below through Unwrap.
type statusWriter struct {
	http.ResponseWriter
	code int
}

func (w *statusWriter) WriteHeader(code int) {
	// 1xx responses other than 101 precede the final one.
	if w.code == 0 && (code >= 200 || code == http.StatusSwitchingProtocols) {
		w.code = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(p []byte) (int, error) {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	return w.ResponseWriter.Write(p)
}

// Hijack is how the reverse proxy takes over an upgraded connection; it
// writes the 101 itself, past this writer.
func (w *statusWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	c, rw, err := http.NewResponseController(w.ResponseWriter).Hijack()
	if err == nil && w.code == 0 {
		w.code = http.StatusSwitchingProtocols
	}
	return c, rw, err
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// status is the code sent, or 200, which the server sends for a handler
// that writes nothing.
func (w *statusWriter) status() int {
	if w.code == 0 {
		return http.StatusOK
	}
	return w.code
}
