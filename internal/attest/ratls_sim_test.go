package attest_test

import (
	"bytes"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"strings"
	"testing"

	"github.com/devproof/devproof/internal/attest"
	"github.com/devproof/devproof/internal/tee"
	"github.com/devproof/devproof/internal/teesim"
)

// simRATLSCert returns a simulator's RA-TLS certificate (quote and event
// log extensions) and the evidence in it.
func simRATLSCert(t *testing.T, eventLogVersion int) (*teesim.Simulator, *x509.Certificate, attest.Evidence) {
	t.Helper()
	sim, err := teesim.New(teesim.Config{Seed: []byte("ratls-attestation"), EventLogVersion: eventLogVersion})
	if err != nil {
		t.Fatal(err)
	}
	resp, err := sim.GetTlsKey(tee.GetTlsKeyRequest{Subject: "app.devproof.test", UsageRaTls: true, UsageServerAuth: true})
	if err != nil {
		t.Fatal(err)
	}
	block, _ := pem.Decode([]byte(resp.CertificateChain[0]))
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	ev, err := attest.RATLSEvidence(cert)
	if err != nil {
		t.Fatal(err)
	}
	q, err := attest.ParseQuote(ev.Quote)
	if err != nil {
		t.Fatal(err)
	}
	ev.ReportData = q.ReportData
	return sim, cert, ev
}

// withExtensions returns a copy of cert with its RA-TLS extensions replaced.
func withExtensions(t *testing.T, cert *x509.Certificate, exts map[string][]byte) *x509.Certificate {
	t.Helper()
	c := *cert
	c.Extensions = nil
	for _, e := range cert.Extensions {
		if !e.Id.Equal(attest.OIDRATLSQuote) && !e.Id.Equal(attest.OIDRATLSEventLog) {
			c.Extensions = append(c.Extensions, e)
		}
	}
	for _, id := range []asn1.ObjectIdentifier{attest.OIDRATLSQuote, attest.OIDRATLSEventLog, attest.OIDRATLSAttestation} {
		if b, ok := exts[id.String()]; ok {
			v, err := asn1.Marshal(b)
			if err != nil {
				t.Fatal(err)
			}
			c.Extensions = append(c.Extensions, pkix.Extension{Id: id, Value: v})
		}
	}
	return &c
}

// A certificate whose attestation is only in the versioned extension
// (1.3.6.1.4.1.62397.1.8) yields the same evidence as the extension pair,
// and it passes Check: quote, report_data binding, RTMR3 replay, app id.
func TestRATLSAttestationExtension(t *testing.T) {
	for _, tc := range []struct{ eventLog, attestation int }{{1, 0}, {1, 1}, {2, 1}} {
		sim, cert, want := simRATLSCert(t, tc.eventLog)
		att := attest.EncodeAttestationForTest(t, want, tc.attestation)
		c := withExtensions(t, cert, map[string][]byte{attest.OIDRATLSAttestation.String(): att})
		ev, err := attest.RATLSEvidence(c)
		if err != nil {
			t.Fatalf("events v%d, attestation v%d: %v", tc.eventLog, tc.attestation, err)
		}
		if !bytes.Equal(ev.Quote, want.Quote) || !bytes.Equal(ev.ReportData, want.ReportData) {
			t.Fatalf("events v%d, attestation v%d: quote or report_data differ", tc.eventLog, tc.attestation)
		}
		rd := attest.RATLSReportData(c.RawSubjectPublicKeyInfo)
		rep, err := attest.Check(ev, attest.CheckOptions{ReportData: &rd})
		if err != nil {
			t.Fatal(err)
		}
		id := sim.AppID()
		if !rep.OK(true) || rep.RTMR3Replay != "match" || rep.AppID != hex.EncodeToString(id[:]) {
			t.Errorf("events v%d, attestation v%d: %+v", tc.eventLog, tc.attestation, rep)
		}
	}
}

func TestRATLSBothForms(t *testing.T) {
	_, cert, ev := simRATLSCert(t, 1)
	att := attest.EncodeAttestationForTest(t, ev, 0)
	var events []attest.Event
	if err := json.Unmarshal(ev.EventLog, &events); err != nil {
		t.Fatal(err)
	}
	shortLog, err := json.Marshal(events[:len(events)-1])
	if err != nil {
		t.Fatal(err)
	}
	otherQuote := bytes.Clone(ev.Quote)
	otherQuote[len(otherQuote)-1] ^= 1

	q, l, a := attest.OIDRATLSQuote.String(), attest.OIDRATLSEventLog.String(), attest.OIDRATLSAttestation.String()
	if _, err := attest.RATLSEvidence(withExtensions(t, cert, map[string][]byte{q: ev.Quote, l: ev.EventLog, a: att})); err != nil {
		t.Errorf("both forms agree: %v", err)
	}
	for _, tc := range []struct {
		name string
		exts map[string][]byte
		want string
	}{
		{"other quote", map[string][]byte{q: otherQuote, l: ev.EventLog, a: att},
			"RA-TLS quote extension (OID 1.3.6.1.4.1.62397.1.1) and attestation extension (OID 1.3.6.1.4.1.62397.1.8) carry different quotes"},
		{"other events", map[string][]byte{q: ev.Quote, l: shortLog, a: att},
			"RA-TLS event log extension (OID 1.3.6.1.4.1.62397.1.2) and attestation extension (OID 1.3.6.1.4.1.62397.1.8) carry different RTMR3 events"},
		{"quote without event log", map[string][]byte{q: ev.Quote, a: att},
			"certificate has an RA-TLS quote but no event log extension"},
		{"event log without quote", map[string][]byte{l: ev.EventLog, a: att},
			"certificate has RA-TLS attestation and event log extensions but no quote extension (OID 1.3.6.1.4.1.62397.1.1)"},
		{"bad attestation beside a good pair", map[string][]byte{q: ev.Quote, l: ev.EventLog, a: att[:len(att)-1]},
			"RA-TLS attestation extension (OID 1.3.6.1.4.1.62397.1.8): attestation version 0: config length at byte"},
	} {
		_, err := attest.RATLSEvidence(withExtensions(t, cert, tc.exts))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", tc.name, err, tc.want)
		}
	}
}
