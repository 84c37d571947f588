package ctpolicy

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"
	"time"

	ct "github.com/google/certificate-transparency-go"
	"github.com/google/certificate-transparency-go/ctutil"
	"github.com/google/certificate-transparency-go/loglist3"
	"github.com/google/certificate-transparency-go/tls"
	ctx509 "github.com/google/certificate-transparency-go/x509"
	"github.com/google/certificate-transparency-go/x509util"
)

// maxLogListBytes bounds a log list file; Chrome's is about 100 KB.
const maxLogListBytes = 8 << 20

// LogList is a parsed loglist3 file (Chrome's or Apple's format, with
// tiled_logs), indexed by log ID.
type LogList struct {
	Version   string
	Timestamp time.Time
	logs      map[[32]byte]logInfo

	// seen caches parsed chains and SCT signature results, which do not
	// change for a given chain: an oracle fetches the same source's
	// certificate again and again. Policy (log states, time) is applied
	// afresh on every evaluation.
	mu   sync.Mutex
	seen map[[32]byte]*parsedChain
}

type parsedChain struct {
	certs    []*ctx509.Certificate
	embedded []*ct.SignedCertificateTimestamp
	mu       sync.Mutex
	sigs     map[string]error
}

// maxSeen bounds the cache; it is emptied when full.
const maxSeen = 1024

func (l *LogList) parse(chain [][]byte) (*parsedChain, error) {
	h := sha256.New()
	for _, der := range chain {
		h.Write(der)
		h.Write([]byte{0})
	}
	var key [32]byte
	copy(key[:], h.Sum(nil))
	l.mu.Lock()
	p, ok := l.seen[key]
	l.mu.Unlock()
	if ok {
		return p, nil
	}
	p = &parsedChain{sigs: map[string]error{}}
	for i, der := range chain {
		c, err := ctx509.ParseCertificate(der)
		if ctx509.IsFatal(err) {
			return nil, fmt.Errorf("chain[%d]: %w", i, err)
		}
		p.certs = append(p.certs, c)
	}
	var err error
	if p.embedded, err = x509util.ParseSCTsFromSCTList(&p.certs[0].SCTList); err != nil {
		return nil, fmt.Errorf("leaf's embedded SCT list: %w", err)
	}
	l.mu.Lock()
	if l.seen == nil || len(l.seen) >= maxSeen {
		l.seen = map[[32]byte]*parsedChain{}
	}
	l.seen[key] = p
	l.mu.Unlock()
	return p, nil
}

// verify checks an SCT's signature once per chain.
func (p *parsedChain) verify(v *ct.SignatureVerifier, s *ct.SignedCertificateTimestamp, embedded bool) error {
	raw, err := tls.Marshal(*s)
	if err != nil {
		return err
	}
	k := fmt.Sprintf("%t:%x", embedded, raw)
	p.mu.Lock()
	res, ok := p.sigs[k]
	p.mu.Unlock()
	if ok {
		return res
	}
	res = ctutil.VerifySCTWithVerifier(v, p.certs, s, embedded)
	p.mu.Lock()
	p.sigs[k] = res
	p.mu.Unlock()
	return res
}

type logInfo struct {
	description string
	operator    string
	key         []byte
	state       *loglist3.LogStates
	interval    *loglist3.TemporalInterval
	tiled       bool
	// verifier is built once per list: parsing keys per SCT would cost
	// more than verifying.
	verifier *ct.SignatureVerifier
	keyErr   error
}

// LoadLogList reads a log list file.
func LoadLogList(path string) (*LogList, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("log list: %w", err)
	}
	if fi.Size() > maxLogListBytes {
		return nil, fmt.Errorf("log list %q is %d bytes, over the %d-byte bound", path, fi.Size(), maxLogListBytes)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("log list: %w", err)
	}
	l, err := ParseLogList(data)
	if err != nil {
		return nil, fmt.Errorf("log list %q: %w", path, err)
	}
	return l, nil
}

// ParseLogList parses loglist3 JSON.
func ParseLogList(data []byte) (*LogList, error) {
	ll, err := loglist3.NewFromJSON(data)
	if err != nil {
		return nil, fmt.Errorf("not a loglist3 document: %w", err)
	}
	out := &LogList{Version: ll.Version, Timestamp: ll.LogListTimestamp, logs: map[[32]byte]logInfo{}}
	add := func(op string, id, key []byte, desc string, st *loglist3.LogStates, iv *loglist3.TemporalInterval, tiled bool) error {
		if len(id) != 32 {
			return fmt.Errorf("log %q has a %d-byte log_id, want 32", desc, len(id))
		}
		if sum := sha256.Sum256(key); !bytes.Equal(sum[:], id) {
			return fmt.Errorf("log %q: log_id is not the sha256 of its key", desc)
		}
		var k [32]byte
		copy(k[:], id)
		info := logInfo{description: desc, operator: op, key: key, state: st, interval: iv, tiled: tiled}
		if pub, err := ctx509.ParsePKIXPublicKey(key); err != nil {
			info.keyErr = err
		} else if info.verifier, err = ct.NewSignatureVerifier(pub); err != nil {
			info.keyErr = err
		}
		out.logs[k] = info
		return nil
	}
	for _, op := range ll.Operators {
		for _, l := range op.Logs {
			if err := add(op.Name, l.LogID, l.Key, l.Description, l.State, l.TemporalInterval, false); err != nil {
				return nil, err
			}
		}
		for _, l := range op.TiledLogs {
			if err := add(op.Name, l.LogID, l.Key, l.Description, l.State, l.TemporalInterval, true); err != nil {
				return nil, err
			}
		}
	}
	if len(out.logs) == 0 {
		return nil, fmt.Errorf("log list has no logs")
	}
	return out, nil
}

// MaxLogListAge is the default bound on a log list's age. Chrome counts its
// log list stale 10 weeks after it was published and then stops enforcing
// CT (Chromium, components/certificate_transparency); a notary fails
// closed instead, since an old list may still trust a log that has been
// retired or rejected since.
const MaxLogListAge = 70 * 24 * time.Hour

// CheckAge fails when the list has no log_list_timestamp, or when at is
// more than maxAge after it.
func (l *LogList) CheckAge(at time.Time, maxAge time.Duration) error {
	if l.Timestamp.IsZero() {
		return fmt.Errorf("log list %q has no log_list_timestamp, so its age cannot be checked", l.Version)
	}
	if age := at.Sub(l.Timestamp); age > maxAge {
		return fmt.Errorf("log list %q of %s is %s old at %s, over the %s bound: load a newer snapshot",
			l.Version, l.Timestamp.UTC().Format(time.RFC3339), days(age), at.UTC().Format(time.RFC3339), days(maxAge))
	}
	return nil
}

func days(d time.Duration) string {
	if d%(24*time.Hour) == 0 {
		return fmt.Sprintf("%d days", d/(24*time.Hour))
	}
	return fmt.Sprintf("%.1f days", d.Hours()/24)
}

// SCT is the verdict on one SCT.
type SCT struct {
	LogID       string    `json:"log_id"` // base64, as in log lists
	Log         string    `json:"log,omitempty"`
	Operator    string    `json:"operator,omitempty"`
	Tiled       bool      `json:"tiled,omitempty"`
	Source      string    `json:"source"` // "embedded" or "tls"
	Timestamp   time.Time `json:"timestamp"`
	LogState    string    `json:"log_state,omitempty"`
	Counted     bool      `json:"counted"`
	Reason      string    `json:"reason,omitempty"` // why it does not count
	Acceptable  bool      `json:"-"`                // log Qualified/Usable/ReadOnly now
	operatorKey string
}

// Result is the policy verdict on a chain.
type Result struct {
	OK bool `json:"ok"`
	// Required is how many distinct logs the certificate's lifetime needs
	// for embedded SCTs.
	Required       int      `json:"required_logs"`
	DistinctLogs   int      `json:"distinct_logs"`
	Operators      []string `json:"operators"`
	SCTs           []SCT    `json:"scts"`
	Failures       []string `json:"failures,omitempty"`
	LogListVersion string   `json:"log_list_version"`
}

// Evaluate applies Chrome's CT policy to chain (leaf first, its issuer
// next), counting the leaf's embedded SCTs and tlsSCTs (serialized SCTs
// from the TLS extension), as of at.
//
// An SCT counts when its log is in the list, its signature verifies, it is
// not from the future, the log is Qualified, Usable or ReadOnly (or was
// Retired after the SCT was issued), and the certificate expires inside the
// log's temporal interval. The chain passes when either
//   - embedded SCTs come from ≥2 distinct logs if the certificate lives
//     ≤180 days (else ≥3), or
//   - all SCTs come from ≥2 distinct logs that are not Retired,
//
// and in both cases from ≥2 distinct operators with ≥1 log that is not
// Retired (Chrome CT policy, "Certificate Transparency in Chrome", 2026).
func Evaluate(chain [][]byte, tlsSCTs [][]byte, list *LogList, at time.Time) (*Result, error) {
	r := &Result{LogListVersion: list.Version}
	if len(chain) == 0 {
		return nil, fmt.Errorf("empty chain")
	}
	p, err := list.parse(chain)
	if err != nil {
		return nil, err
	}
	var fromTLS []*ct.SignedCertificateTimestamp
	for i, raw := range tlsSCTs {
		var s ct.SignedCertificateTimestamp
		if rest, err := tls.Unmarshal(raw, &s); err != nil || len(rest) > 0 {
			return nil, fmt.Errorf("TLS-extension SCT %d does not parse", i)
		}
		fromTLS = append(fromTLS, &s)
	}
	r.evaluate(list, p, p.embedded, fromTLS, at)
	return r, nil
}

func (r *Result) evaluate(list *LogList, p *parsedChain, embedded, fromTLS []*ct.SignedCertificateTimestamp, at time.Time) {
	leaf := p.certs[0]
	r.Required = 2
	if leaf.NotAfter.Sub(leaf.NotBefore) > 180*24*time.Hour {
		r.Required = 3
	}
	if at.Before(leaf.NotBefore) || at.After(leaf.NotAfter) {
		r.Failures = append(r.Failures, fmt.Sprintf("certificate is not valid at %s (valid %s to %s)",
			at.UTC().Format(time.RFC3339), leaf.NotBefore.UTC().Format(time.RFC3339), leaf.NotAfter.UTC().Format(time.RFC3339)))
	}
	for _, s := range embedded {
		r.SCTs = append(r.SCTs, check(list, p, s, true, at))
	}
	for _, s := range fromTLS {
		r.SCTs = append(r.SCTs, check(list, p, s, false, at))
	}
	if len(r.SCTs) == 0 {
		r.Failures = append(r.Failures, "no SCTs: the certificate was not shown to be logged")
	}

	// Chrome's two ways to comply: embedded SCTs, as many as the lifetime
	// requires; or, once a TLS-extension SCT from a log acceptable now is
	// presented, two SCTs by any method from logs acceptable now.
	embeddedOK, embeddedWhy := r.tally(func(s SCT) bool { return s.Source == "embedded" }, r.Required, false)
	anyOK, anyWhy := false, embeddedWhy
	for _, s := range r.SCTs {
		if s.Source == "tls" && s.Counted && s.Acceptable {
			anyOK, anyWhy = r.tally(func(SCT) bool { return true }, 2, true)
			break
		}
	}
	all := map[string]bool{}
	logs := map[string]bool{}
	for _, s := range r.SCTs {
		if s.Counted {
			all[s.Operator] = true
			logs[s.LogID] = true
		}
	}
	r.DistinctLogs = len(logs)
	for op := range all {
		r.Operators = append(r.Operators, op)
	}
	sort.Strings(r.Operators)
	if !embeddedOK && !anyOK {
		r.Failures = append(r.Failures, embeddedWhy)
		if anyWhy != embeddedWhy {
			r.Failures = append(r.Failures, anyWhy)
		}
	}
	r.OK = len(r.Failures) == 0
}

// tally checks the SCTs that match: ≥need distinct logs (not Retired ones
// when onlyActive), ≥2 operators, ≥1 log not Retired.
func (r *Result) tally(match func(SCT) bool, need int, onlyActive bool) (bool, string) {
	logs, ops := map[string]bool{}, map[string]bool{}
	active := false
	for _, s := range r.SCTs {
		if !s.Counted || !match(s) || onlyActive && !s.Acceptable {
			continue
		}
		logs[s.LogID] = true
		ops[s.operatorKey] = true
		active = active || s.Acceptable
	}
	kind := "embedded SCTs"
	if onlyActive {
		kind = "SCTs from logs not retired"
	}
	switch {
	case len(logs) < need:
		return false, fmt.Sprintf("%s from %d distinct logs, policy needs %d", kind, len(logs), need)
	case len(ops) < 2:
		return false, fmt.Sprintf("%s from %d distinct operator(s), policy needs 2", kind, len(ops))
	case !active:
		return false, fmt.Sprintf("%s: none from a log that is Qualified, Usable or ReadOnly", kind)
	}
	return true, ""
}

func check(list *LogList, p *parsedChain, s *ct.SignedCertificateTimestamp, embedded bool, at time.Time) SCT {
	chain := p.certs
	out := SCT{
		LogID:     base64.StdEncoding.EncodeToString(s.LogID.KeyID[:]),
		Source:    map[bool]string{true: "embedded", false: "tls"}[embedded],
		Timestamp: time.UnixMilli(int64(s.Timestamp)).UTC(),
	}
	info, ok := list.logs[s.LogID.KeyID]
	if !ok {
		out.Reason = "log unknown to the log list"
		return out
	}
	out.Log, out.Operator, out.Tiled, out.operatorKey = info.description, info.operator, info.tiled, strings.ToLower(info.operator)
	if info.keyErr != nil {
		out.Reason = "log key is unusable: " + info.keyErr.Error()
		return out
	}
	if embedded && len(chain) < 2 {
		out.Reason = "embedded SCT needs the issuer certificate in the chain"
		return out
	}
	if err := p.verify(info.verifier, s, embedded); err != nil {
		out.Reason = "signature does not verify: " + err.Error()
		return out
	}
	if out.Timestamp.After(at) {
		out.Reason = fmt.Sprintf("SCT is from the future (%s)", out.Timestamp.Format(time.RFC3339))
		return out
	}
	if iv := info.interval; iv != nil {
		na := chain[0].NotAfter
		if na.Before(iv.StartInclusive) || !na.Before(iv.EndExclusive) {
			out.Reason = fmt.Sprintf("certificate expiry %s is outside the log's temporal interval [%s, %s)",
				na.UTC().Format(time.RFC3339), iv.StartInclusive.UTC().Format(time.RFC3339), iv.EndExclusive.UTC().Format(time.RFC3339))
			return out
		}
	}
	if info.state == nil {
		out.Reason = "log has no state in the list"
		return out
	}
	status := info.state.LogStatus()
	out.LogState = strings.TrimSuffix(status.String(), "LogStatus")
	switch status {
	case loglist3.QualifiedLogStatus, loglist3.UsableLogStatus, loglist3.ReadOnlyLogStatus:
		out.Acceptable, out.Counted = true, true
	case loglist3.RetiredLogStatus:
		if retired := info.state.Retired.Timestamp; out.Timestamp.Before(retired) {
			out.Counted = true
		} else {
			out.Reason = fmt.Sprintf("log retired at %s, before this SCT (%s)", retired.UTC().Format(time.RFC3339), out.Timestamp.Format(time.RFC3339))
		}
	default:
		out.Reason = fmt.Sprintf("log is %s, not trusted for SCTs", out.LogState)
	}
	return out
}
