package attest_test

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-tdx-guest/testing/testdata"

	"github.com/devproof/devproof/internal/attest"
	"github.com/devproof/devproof/internal/teesim"
)

func simEvidence(t testing.TB, version int) []byte {
	sim, err := teesim.New(teesim.Config{Seed: []byte("attest"), EventLogVersion: version})
	if err != nil {
		t.Fatal(err)
	}
	rd := attest.TaggedReportData("devproof-manifest", []byte("m"))
	resp, err := sim.Quote(rd[:])
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(resp)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func check(t *testing.T, evidence []byte) *attest.Report {
	t.Helper()
	ev, err := attest.ParseEvidence(evidence)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := attest.Check(ev, attest.CheckOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// Every byte-level change to simulated evidence is caught, and the reason
// names what broke: the quote, the event log, or the report_data.
func TestSimulatedEvidenceFlips(t *testing.T) {
	for _, v := range []int{1, 2} {
		orig := simEvidence(t, v)
		if rep := check(t, orig); !rep.OK(true) || rep.OK(false) || rep.Status != attest.Simulated {
			t.Fatalf("v%d untouched: %+v", v, rep)
		}
		var resp map[string]string
		json.Unmarshal(orig, &resp)
		mutate := func(field string, f func([]byte)) []byte {
			m := map[string]string{}
			for k, v := range resp {
				m[k] = v
			}
			b := []byte(m[field])
			f(b)
			m[field] = string(b)
			out, _ := json.Marshal(m)
			return out
		}
		flipHex := func(off int) func([]byte) {
			return func(b []byte) {
				raw, _ := hex.DecodeString(string(b))
				raw[off] ^= 1
				copy(b, hex.EncodeToString(raw))
			}
		}
		for _, tc := range []struct {
			name, field string
			f           func([]byte)
			want        string
		}{
			{"quote rtmr3", "quote", flipHex(48 + 328 + 3*48), "signature over header and body"},
			{"quote report_data", "quote", flipHex(48 + 520 + 10), "signature over header and body"},
			{"report_data field", "report_data", flipHex(3), "report_data field does not match"},
			{"event payload", "event_log", func(b []byte) {
				i := bytes.Index(b, []byte(`"event":"compose-hash","event_payload":"`)) + 40
				b[i] = otherHexDigit(b[i])
			}, `"compose-hash"`},
			{"event digest", "event_log", func(b []byte) {
				i := bytes.Index(b, []byte(`"digest":"`)) + 10
				b[i] = otherHexDigit(b[i])
			}, "digest does not match"},
			{"event name", "event_log", func(b []byte) {
				i := bytes.Index(b, []byte(`"instance-id"`)) + 1
				b[i] = 'j'
			}, `"jnstance-id"`},
		} {
			rep := check(t, mutate(tc.field, tc.f))
			all := rep.Reason + "; " + strings.Join(rep.Problems, "; ")
			if rep.OK(true) || !strings.Contains(all, tc.want) {
				t.Errorf("v%d %s: ok=%v, reasons %q, want %q", v, tc.name, rep.OK(true), all, tc.want)
			}
		}
		// Dropping an event leaves every digest valid but breaks the replay.
		var events []attest.Event
		json.Unmarshal([]byte(resp["event_log"]), &events)
		short, _ := json.Marshal(events[:len(events)-1])
		rep := check(t, mutate("event_log", func(b []byte) {}))
		if !rep.OK(true) {
			t.Fatal("identity mutation changed evidence")
		}
		m := map[string]string{"quote": resp["quote"], "event_log": string(short)}
		b, _ := json.Marshal(m)
		rep = check(t, b)
		if rep.OK(true) || !strings.Contains(strings.Join(rep.Problems, ";"), "RTMR3 replay mismatch") {
			t.Errorf("v%d dropped event: %+v", v, rep.Problems)
		}
	}
}

func FuzzParseQuote(f *testing.F) {
	f.Add(testdata.RawQuote)
	var resp map[string]string
	json.Unmarshal(simEvidence(f, 1), &resp)
	sim, _ := hex.DecodeString(resp["quote"])
	f.Add(sim)
	v5 := append(append(bytes.Clone(testdata.RawQuote[:48]), 2, 0, 0x48, 0x02, 0, 0), testdata.RawQuote[48:]...)
	v5[0] = 5
	f.Add(v5)
	f.Add(testdata.RawQuote[:100])
	f.Fuzz(func(t *testing.T, raw []byte) {
		q, err := attest.ParseQuote(raw)
		if err != nil {
			return
		}
		if len(q.ReportData) != 64 || len(q.RTMR[3]) != 48 {
			t.Fatalf("parsed quote has report_data %d bytes, rtmr3 %d", len(q.ReportData), len(q.RTMR[3]))
		}
		// Simulated quotes must never come out verified.
		if r := attest.VerifyQuote(q, attest.VerifyOptions{}); q.Simulated() && r.Status == attest.Verified {
			t.Fatal("simulated quote verified")
		}
	})
}

func FuzzParseEventLog(f *testing.F) {
	for _, v := range []int{1, 2} {
		var resp map[string]string
		json.Unmarshal(simEvidence(f, v), &resp)
		f.Add([]byte(resp["event_log"]))
	}
	f.Add([]byte(`[{"imr":0,"event_type":1,"digest":"` + strings.Repeat("00", 48) + `","event":"","event_payload":""}]`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		events, err := attest.ParseEventLog(data)
		if err != nil {
			return
		}
		mr, err := attest.ReplayRTMR(events, 3)
		if err != nil {
			t.Fatalf("parsed log does not replay: %v", err)
		}
		if len(mr) != 48 {
			t.Fatalf("replay gave %d bytes", len(mr))
		}
		attest.Identity(events)
	})
}

func otherHexDigit(c byte) byte {
	if c == '0' {
		return '1'
	}
	return '0'
}
