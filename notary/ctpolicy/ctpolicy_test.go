package ctpolicy

import (
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	ct "github.com/google/certificate-transparency-go"
	"github.com/google/certificate-transparency-go/loglist3"

	"github.com/devproof/devproof/internal/realworld"
)

// The real chain www.google.com served in July 2025, and Chrome's log
// list of 2025-08-21.
func realChain(t *testing.T) ([][]byte, *LogList) {
	t.Helper()
	dir := realworld.Dir(t, "ct")
	b, err := os.ReadFile(filepath.Join(dir, "google-com-chain-2025-07.pem"))
	if err != nil {
		t.Fatal(err)
	}
	var chain [][]byte
	for {
		var blk *pem.Block
		if blk, b = pem.Decode(b); blk == nil {
			break
		}
		chain = append(chain, blk.Bytes)
	}
	list, err := LoadLogList(filepath.Join(dir, "chrome-log-list-v63.23.json"))
	if err != nil {
		t.Fatal(err)
	}
	return chain, list
}

var evalTime = time.Date(2025, 8, 22, 0, 0, 0, 0, time.UTC)

func TestRealChainPasses(t *testing.T) {
	chain, list := realChain(t)
	r, err := Evaluate(chain, nil, list, evalTime)
	if err != nil {
		t.Fatal(err)
	}
	if !r.OK {
		t.Fatalf("real chain fails: %+v", r)
	}
	retired := 0
	for _, s := range r.SCTs {
		t.Logf("SCT %s %s (%s) state %s counted %v %s", s.Timestamp.Format(time.RFC3339), s.Log, s.Operator, s.LogState, s.Counted, s.Reason)
		if s.LogState == "Retired" && s.Counted {
			retired++
		}
	}
	if retired != 1 {
		t.Errorf("want one counted SCT from a log retired after it, got %d", retired)
	}
	if r.LogListVersion != "63.23" || r.Required != 2 {
		t.Errorf("version %q required %d", r.LogListVersion, r.Required)
	}
}

// parts returns the parsed chain and a copy of its embedded SCTs, for
// mutation.
func parts(t *testing.T, list *LogList, chain [][]byte) (*parsedChain, []*ct.SignedCertificateTimestamp) {
	p, err := list.parse(chain)
	if err != nil {
		t.Fatal(err)
	}
	var scts []*ct.SignedCertificateTimestamp
	for _, s := range p.embedded {
		c := *s
		scts = append(scts, &c)
	}
	if len(scts) < 2 {
		t.Fatalf("embedded SCTs: %d", len(scts))
	}
	return p, scts
}

func TestRealChainMutations(t *testing.T) {
	chain, _ := realChain(t)
	for _, tc := range []struct {
		name   string
		mutate func(l *LogList, scts []*ct.SignedCertificateTimestamp) ([]*ct.SignedCertificateTimestamp, time.Time)
		want   string
	}{
		{"an SCT removed", func(l *LogList, s []*ct.SignedCertificateTimestamp) ([]*ct.SignedCertificateTimestamp, time.Time) {
			return s[1:], evalTime
		}, "embedded SCTs from 1 distinct logs, policy needs 2"},
		{"an SCT signature altered", func(l *LogList, s []*ct.SignedCertificateTimestamp) ([]*ct.SignedCertificateTimestamp, time.Time) {
			sig := append([]byte(nil), s[0].Signature.Signature...)
			sig[len(sig)/2] ^= 1
			s[0].Signature.Signature = sig
			return s, evalTime
		}, "signature does not verify"},
		{"a log unknown to the list", func(l *LogList, s []*ct.SignedCertificateTimestamp) ([]*ct.SignedCertificateTimestamp, time.Time) {
			delete(l.logs, s[0].LogID.KeyID)
			return s, evalTime
		}, "log unknown to the log list"},
		{"both SCTs from one operator", func(l *LogList, s []*ct.SignedCertificateTimestamp) ([]*ct.SignedCertificateTimestamp, time.Time) {
			a, b := l.logs[s[0].LogID.KeyID], l.logs[s[1].LogID.KeyID]
			b.operator = a.operator
			l.logs[s[1].LogID.KeyID] = b
			return s, evalTime
		}, "from 1 distinct operator(s), policy needs 2"},
		{"retirement moved before the SCT", func(l *LogList, s []*ct.SignedCertificateTimestamp) ([]*ct.SignedCertificateTimestamp, time.Time) {
			for _, x := range s {
				info := l.logs[x.LogID.KeyID]
				if info.state != nil && info.state.Retired != nil {
					st := *info.state
					r := *st.Retired
					r.Timestamp = time.UnixMilli(int64(x.Timestamp)).Add(-time.Hour)
					st.Retired = &r
					info.state = &st
					l.logs[x.LogID.KeyID] = info
				}
			}
			return s, evalTime
		}, "before this SCT"},
		{"evaluated after the certificate expired", func(l *LogList, s []*ct.SignedCertificateTimestamp) ([]*ct.SignedCertificateTimestamp, time.Time) {
			return s, time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC)
		}, "certificate is not valid at 2025-10-01T00:00:00Z"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, list := realChain(t)
			p, scts := parts(t, list, chain)
			scts, at := tc.mutate(list, scts)
			r := &Result{LogListVersion: list.Version}
			r.evaluate(list, p, scts, nil, at)
			all := strings.Join(r.Failures, "; ")
			for _, s := range r.SCTs {
				all += "; " + s.Reason
			}
			if r.OK || !strings.Contains(all, tc.want) {
				t.Errorf("ok=%v, reasons %q, want %q", r.OK, all, tc.want)
			}
		})
	}
	// Through the public entry point too: expiry is caught.
	_, list := realChain(t)
	r, err := Evaluate(chain, nil, list, time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC))
	if err != nil || r.OK || !strings.Contains(strings.Join(r.Failures, ";"), "not valid at") {
		t.Errorf("expired: %+v %v", r, err)
	}
}

// Chrome's rules beyond the real chain's own case: the SCT count by
// lifetime, temporal intervals, and log states that never count.
func TestPolicyRules(t *testing.T) {
	chain, _ := realChain(t)
	since := &loglist3.LogState{Timestamp: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}
	// set changes the state of the log behind the i-th embedded SCT.
	set := func(l *LogList, p *parsedChain, i int, change func(*logInfo)) {
		id := p.embedded[i].LogID.KeyID
		info := l.logs[id]
		change(&info)
		l.logs[id] = info
	}
	usable := func(l *LogList, p *parsedChain) {
		for i := range p.embedded {
			set(l, p, i, func(info *logInfo) { info.state = &loglist3.LogStates{Usable: since} })
		}
	}
	for _, tc := range []struct {
		name   string
		mutate func(l *LogList, p *parsedChain)
		want   string
	}{
		{"both logs usable: passes", usable, ""},
		{"lifetime over 180 days needs 3 embedded SCTs", func(l *LogList, p *parsedChain) {
			// Both logs usable, so two SCTs from logs acceptable now would
			// do if they came in the TLS extension; embedded, they do not.
			usable(l, p)
			leaf := *p.certs[0]
			leaf.NotBefore = leaf.NotAfter.Add(-181 * 24 * time.Hour)
			p.certs[0] = &leaf
		}, "embedded SCTs from 2 distinct logs, policy needs 3"},
		{"expiry outside a log's temporal interval", func(l *LogList, p *parsedChain) {
			usable(l, p)
			set(l, p, 0, func(info *logInfo) {
				info.interval = &loglist3.TemporalInterval{StartInclusive: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), EndExclusive: time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)}
			})
		}, "outside the log's temporal interval"},
		{"a pending log", func(l *LogList, p *parsedChain) {
			usable(l, p)
			set(l, p, 0, func(info *logInfo) { info.state = &loglist3.LogStates{Pending: since} })
		}, "log is Pending, not trusted for SCTs"},
		{"a rejected log", func(l *LogList, p *parsedChain) {
			usable(l, p)
			set(l, p, 1, func(info *logInfo) { info.state = &loglist3.LogStates{Rejected: since} })
		}, "log is Rejected, not trusted for SCTs"},
		{"only retired logs", func(l *LogList, p *parsedChain) {
			retired := &loglist3.LogState{Timestamp: time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC)}
			for i := range p.embedded {
				set(l, p, i, func(info *logInfo) { info.state = &loglist3.LogStates{Retired: retired} })
			}
		}, "none from a log that is Qualified, Usable or ReadOnly"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, list := realChain(t)
			p, scts := parts(t, list, chain)
			tc.mutate(list, p)
			r := &Result{LogListVersion: list.Version}
			r.evaluate(list, p, scts, nil, evalTime)
			all := strings.Join(r.Failures, "; ")
			for _, s := range r.SCTs {
				all += "; " + s.Reason
			}
			if tc.want == "" {
				if !r.OK {
					t.Errorf("failed: %s", all)
				}
				return
			}
			if r.OK || !strings.Contains(all, tc.want) {
				t.Errorf("ok=%v, reasons %q, want %q", r.OK, all, tc.want)
			}
		})
	}
}

func TestLogListErrors(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"nope", "not a loglist3 document"},
		{`{"version":"1","operators":[]}`, "has no logs"},
		{`{"version":"1","operators":[{"name":"x","logs":[{"description":"bad","log_id":"AAAA","key":"AAAA"}]}]}`, `log "bad" has a 3-byte log_id`},
	} {
		if _, err := ParseLogList([]byte(tc.in)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", tc.in, err, tc.want)
		}
	}
	if _, err := LoadLogList(filepath.Join(t.TempDir(), "missing.json")); err == nil || !strings.Contains(err.Error(), "missing.json") {
		t.Errorf("missing file: %v", err)
	}
	// The 2026 lists, with tiled logs, parse.
	dir := realworld.Dir(t, "ct")
	for _, f := range []string{"chrome-log-list-v85.50.json", "apple-log-list-2026.json"} {
		l, err := LoadLogList(filepath.Join(dir, f))
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		tiled := 0
		for _, info := range l.logs {
			if info.tiled {
				tiled++
			}
		}
		if f == "chrome-log-list-v85.50.json" && tiled == 0 {
			t.Errorf("%s: no tiled logs read", f)
		}
	}
}

// A list is refused once it is older than the bound at the evaluation
// time, and a list that does not say when it was published is refused.
func TestLogListAge(t *testing.T) {
	_, list := realChain(t) // log_list_timestamp 2025-08-21T12:52:44Z
	if err := list.CheckAge(evalTime, MaxLogListAge); err != nil {
		t.Errorf("a day-old list: %v", err)
	}
	at := time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC)
	if err := list.CheckAge(at, MaxLogListAge); err == nil || !strings.Contains(err.Error(), `log list "63.23" of 2025-08-21T12:52:44Z is 71.5 days old`) || !strings.Contains(err.Error(), "over the 70 days bound") {
		t.Errorf("a list 71 days old: %v", err)
	}
	if err := list.CheckAge(at, 90*24*time.Hour); err != nil {
		t.Errorf("a list 71 days old, 90 allowed: %v", err)
	}
	apple, err := LoadLogList(filepath.Join(realworld.Dir(t, "ct"), "apple-log-list-2026.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := apple.CheckAge(evalTime, MaxLogListAge); err == nil || !strings.Contains(err.Error(), "no log_list_timestamp") {
		t.Errorf("a list without a timestamp: %v", err)
	}
}
