package ctmonitor

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics are the monitor's Prometheus metrics, per log, in a registry of
// their own. A nil *Metrics counts nothing.
type Metrics struct {
	reg      *prometheus.Registry
	position *prometheus.GaugeVec
	size     *prometheus.GaugeVec
	backlog  *prometheus.GaugeVec
	entries  *prometheus.CounterVec
	findings *prometheus.CounterVec
	errors   *prometheus.CounterVec
}

// NewMetrics makes the metrics and their registry.
func NewMetrics() *Metrics {
	log := []string{"log"}
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		position: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "devproof_ctmonitor_position",
			Help: "Entries of the log processed: every entry before it was verified and matched."}, log),
		size: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "devproof_ctmonitor_verified_tree_size",
			Help: "Size of the latest tree head whose signature and consistency were verified."}, log),
		backlog: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "devproof_ctmonitor_backlog",
			Help: "Entries of the latest verified tree head not yet processed."}, log),
		entries: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "devproof_ctmonitor_entries_total",
			Help: "Entries verified and matched."}, log),
		findings: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "devproof_ctmonitor_findings_total",
			Help: "Certificates for watched names found, by whether their key is attested, and malformed entries."}, []string{"log", "kind"}),
		errors: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "devproof_ctmonitor_errors_total",
			Help: "Passes over the log that failed, split views included."}, log),
	}
	m.reg.MustRegister(m.position, m.size, m.backlog, m.entries, m.findings, m.errors)
	return m
}

// Handler serves the metrics in Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

func (m *Metrics) progress(log string, next uint64, head *TreeHead, read uint64) {
	if m == nil {
		return
	}
	m.position.WithLabelValues(log).Set(float64(next))
	if head != nil {
		m.size.WithLabelValues(log).Set(float64(head.Size))
		m.backlog.WithLabelValues(log).Set(float64(head.Size - min(next, head.Size)))
	}
	m.entries.WithLabelValues(log).Add(float64(read))
}

func (m *Metrics) finding(log string, f Finding) {
	if m == nil {
		return
	}
	kind := f.Event
	if f.Event == EventDiscoveredCert {
		kind = map[bool]string{true: "authorized", false: "rogue"}[f.Authorized]
	}
	m.findings.WithLabelValues(log, kind).Inc()
}

func (m *Metrics) failed(log string) {
	if m == nil {
		return
	}
	m.errors.WithLabelValues(log).Inc()
}
