package attest

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"github.com/devproof/devproof/internal/tee"
)

// Evidence is a quote with what came alongside it in a GetQuote response.
type Evidence struct {
	Quote []byte
	// EventLog is the JSON event log; nil when only a raw quote was given.
	EventLog []byte
	// ReportData is the response's report_data field, if any.
	ReportData []byte
}

// ParseEvidence reads a GetQuote JSON response, a hex-encoded quote or a raw
// binary quote.
func ParseEvidence(data []byte) (Evidence, error) {
	var ev Evidence
	trimmed := bytes.TrimSpace(data)
	switch {
	case len(trimmed) > 0 && trimmed[0] == '{':
		var r tee.GetQuoteResponse
		if err := json.Unmarshal(trimmed, &r); err != nil {
			return ev, fmt.Errorf("GetQuote response is not valid JSON: %w", err)
		}
		if r.Quote == "" {
			return ev, fmt.Errorf("GetQuote response has no quote field")
		}
		q, err := tee.DecodeHex("quote", r.Quote)
		if err != nil {
			return ev, err
		}
		ev.Quote = q
		if r.EventLog != "" {
			ev.EventLog = []byte(r.EventLog)
		}
		if r.ReportData != "" {
			if ev.ReportData, err = tee.DecodeHex("report_data", r.ReportData); err != nil {
				return ev, err
			}
		}
		return ev, nil
	case isHexText(trimmed):
		q, err := tee.DecodeHex("quote", string(trimmed))
		if err != nil {
			return ev, err
		}
		ev.Quote = q
		return ev, nil
	}
	ev.Quote = data
	return ev, nil
}

func isHexText(b []byte) bool {
	if len(b) < 2*headerSize {
		return false
	}
	for _, c := range b {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// Report is everything Check found out about one piece of evidence.
type Report struct {
	QuoteVersion int `json:"quote_version"`
	QuoteResult
	// RTMR3Replay is "match", "mismatch", or "not checked" when there was
	// no event log.
	RTMR3Replay string `json:"rtmr3_replay"`
	RTMR3       string `json:"rtmr3"`
	AppIdentity
	ReportData string `json:"report_data"`
	// Problems lists every failed check beyond the signature, each naming
	// what broke.
	Problems []string `json:"problems,omitempty"`
}

// CheckOptions adds expectations to the quote verification.
type CheckOptions struct {
	VerifyOptions
	// ReportData, when set, is the report_data the quote must carry.
	ReportData *[64]byte
}

// OK reports whether every check that ran passed. A simulated quote passes
// only when allowSimulated is set.
func (r *Report) OK(allowSimulated bool) bool {
	if len(r.Problems) > 0 {
		return false
	}
	return r.Status == Verified || r.Status == Simulated && allowSimulated
}

// Check parses and verifies evidence: the quote, the RTMR3 replay of the
// event log, and report_data. It returns an error only when the quote
// itself cannot be parsed; failed checks are in the Report.
func Check(ev Evidence, opts CheckOptions) (*Report, error) {
	q, err := ParseQuote(ev.Quote)
	if err != nil {
		return nil, err
	}
	r := &Report{
		QuoteVersion: q.Version,
		QuoteResult:  VerifyQuote(q, opts.VerifyOptions),
		RTMR3:        hex.EncodeToString(q.RTMR[3]),
		ReportData:   hex.EncodeToString(q.ReportData),
		RTMR3Replay:  "not checked",
	}
	if ev.EventLog != nil {
		r.checkEventLog(q, ev.EventLog)
	}
	if ev.ReportData != nil {
		var padded [64]byte
		if len(ev.ReportData) > 64 {
			r.Problems = append(r.Problems, fmt.Sprintf("report_data field is %d bytes, over 64", len(ev.ReportData)))
		} else {
			copy(padded[:], ev.ReportData)
			if !bytes.Equal(padded[:], q.ReportData) {
				r.Problems = append(r.Problems, "report_data field does not match the quote's report_data")
			}
		}
	}
	if opts.ReportData != nil {
		if err := CheckReportData(q, *opts.ReportData); err != nil {
			r.Problems = append(r.Problems, err.Error())
		}
	}
	return r, nil
}

func (r *Report) checkEventLog(q *Quote, log []byte) {
	events, err := ParseEventLog(log)
	if err != nil {
		r.RTMR3Replay = "mismatch"
		r.Problems = append(r.Problems, "event log: "+err.Error())
		return
	}
	mr, err := ReplayRTMR(events, 3)
	if err != nil {
		r.RTMR3Replay = "mismatch"
		r.Problems = append(r.Problems, "event log: "+err.Error())
		return
	}
	if !bytes.Equal(mr, q.RTMR[3]) {
		r.RTMR3Replay = "mismatch"
		r.Problems = append(r.Problems, fmt.Sprintf("RTMR3 replay mismatch: event log gives %x, quote has %x", mr, q.RTMR[3]))
		return
	}
	r.RTMR3Replay = "match"
	id, err := Identity(events)
	if err != nil {
		r.Problems = append(r.Problems, err.Error())
		return
	}
	r.AppIdentity = id
}
