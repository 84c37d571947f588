package ctpolicy

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/devproof/devproof/internal/ctlog"
)

// testLog is a CT log key of our own, for SCTs the real lists cannot have:
// ones delivered in the TLS extension for a certificate of our choosing.
type testLog struct{ *ctlog.Key }

func newTestLog(t *testing.T) *testLog {
	k, err := ctlog.NewKey()
	if err != nil {
		t.Fatal(err)
	}
	return &testLog{k}
}

func (l *testLog) entry(op, state string) string {
	return fmt.Sprintf(`{"name":%q,"logs":[%s]}`, op, l.Entry(op+" log", state, time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)))
}

// sct signs an X.509 entry for leaf (the TLS-extension form) at ts.
func (l *testLog) sct(t *testing.T, leaf []byte, ts time.Time) []byte {
	raw, err := l.SCT(leaf, ts)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// SCTs from the TLS extension count: two logs by two operators pass, and
// each is verified over the X.509 entry.
func TestTLSExtensionSCTs(t *testing.T) {
	chain, _ := realChain(t)
	a, b, c := newTestLog(t), newTestLog(t), newTestLog(t)
	list, err := ParseLogList([]byte(`{"version":"tls-test","operators":[` + a.entry("Op A", "usable") + "," + b.entry("Op B", "usable") + "," + c.entry("Op C", "retired") + `]}`))
	if err != nil {
		t.Fatal(err)
	}
	ts := time.Date(2025, 7, 8, 0, 0, 0, 0, time.UTC)
	tlsSCTs := [][]byte{a.sct(t, chain[0], ts), b.sct(t, chain[0], ts)}
	r, err := Evaluate(chain, tlsSCTs, list, evalTime)
	if err != nil || !r.OK {
		t.Fatalf("two TLS SCTs: %+v %v", r, err)
	}
	// The embedded SCTs are from logs this list does not know.
	tls := 0
	for _, s := range r.SCTs {
		if s.Source == "tls" && s.Counted {
			tls++
		}
	}
	if tls != 2 {
		t.Errorf("%d TLS SCTs counted", tls)
	}
	// One TLS SCT is not enough; nor is a second from a retired log.
	for name, scts := range map[string][][]byte{
		"one SCT":          {a.sct(t, chain[0], ts)},
		"one from retired": {a.sct(t, chain[0], ts), c.sct(t, chain[0], ts)},
	} {
		r, err := Evaluate(chain, scts, list, evalTime)
		if err != nil || r.OK || !strings.Contains(strings.Join(r.Failures, ";"), "from 1 distinct logs") {
			t.Errorf("%s: %+v %v", name, r.Failures, err)
		}
	}
	// A TLS SCT signed over another certificate does not verify.
	bad := a.sct(t, chain[1], ts)
	r, _ = Evaluate(chain, [][]byte{bad, b.sct(t, chain[0], ts)}, list, evalTime)
	if r.OK || !strings.Contains(r.SCTs[len(r.SCTs)-2].Reason, "signature does not verify") {
		t.Errorf("SCT for another certificate: %+v", r.SCTs)
	}
	if _, err := Evaluate(chain, [][]byte{[]byte("junk")}, list, evalTime); err == nil {
		t.Error("a garbled TLS SCT was accepted")
	}
}
