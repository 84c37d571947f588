package attest

import (
	"bytes"
	"compress/gzip"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"errors"
	"strings"
	"testing"
)

func certWith(t *testing.T, exts ...pkix.Extension) *x509.Certificate {
	t.Helper()
	return &x509.Certificate{Extensions: exts}
}

func octetExt(t *testing.T, id asn1.ObjectIdentifier, b []byte) pkix.Extension {
	t.Helper()
	v, err := asn1.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	return pkix.Extension{Id: id, Value: v}
}

func TestRATLSEvidence(t *testing.T) {
	quote, log := []byte("quote bytes"), []byte(`[{"imr":3}]`)
	exts, err := RATLSExtensions(quote, log)
	if err != nil {
		t.Fatal(err)
	}
	ev, err := RATLSEvidence(certWith(t, exts...))
	if err != nil || !bytes.Equal(ev.Quote, quote) || !bytes.Equal(ev.EventLog, log) {
		t.Fatalf("plain: %q %q %v", ev.Quote, ev.EventLog, err)
	}

	var z bytes.Buffer
	z.WriteString(gzipEventLogPrefix)
	zw := gzip.NewWriter(&z)
	zw.Write(log)
	zw.Close()
	ev, err = RATLSEvidence(certWith(t, octetExt(t, OIDRATLSQuote, quote), octetExt(t, OIDRATLSEventLog, z.Bytes())))
	if err != nil || !bytes.Equal(ev.EventLog, log) {
		t.Fatalf("gzipped: %q %v", ev.EventLog, err)
	}

	ev, err = RATLSEvidence(certWith(t, octetExt(t, OIDRATLSAttestation, handV0())))
	if err != nil || !bytes.Equal(ev.Quote, bytes.Repeat([]byte{0x51}, 100)) || len(ev.ReportData) != 64 {
		t.Fatalf("attestation only: %q %v", ev.Quote, err)
	}

	for _, tc := range []struct {
		name string
		exts []pkix.Extension
		want string
	}{
		{"none", nil, "no RA-TLS quote extension (OID 1.3.6.1.4.1.62397.1.1) and no attestation extension (OID 1.3.6.1.4.1.62397.1.8)"},
		{"attestation not dstack's", []pkix.Extension{octetExt(t, OIDRATLSAttestation, quote)}, "RA-TLS attestation extension (OID 1.3.6.1.4.1.62397.1.8): attestation version byte 0x71 is unknown"},
		{"attestation twice", []pkix.Extension{octetExt(t, OIDRATLSAttestation, handV0()), octetExt(t, OIDRATLSAttestation, handV0())}, "RA-TLS attestation extension appears twice"},
		{"attestation not an octet string", []pkix.Extension{{Id: OIDRATLSAttestation, Value: handV0()}}, "RA-TLS attestation extension: not a DER OCTET STRING"},
		{"no event log", []pkix.Extension{octetExt(t, OIDRATLSQuote, quote)}, "no event log extension"},
		{"quote twice", []pkix.Extension{octetExt(t, OIDRATLSQuote, quote), octetExt(t, OIDRATLSQuote, quote)}, "quote extension appears twice"},
		{"not an octet string", []pkix.Extension{{Id: OIDRATLSQuote, Value: quote}, octetExt(t, OIDRATLSEventLog, log)}, "RA-TLS quote extension: not a DER OCTET STRING"},
		{"bad gzip", []pkix.Extension{octetExt(t, OIDRATLSQuote, quote), octetExt(t, OIDRATLSEventLog, []byte(gzipEventLogPrefix+"junk"))}, "RA-TLS event log extension:"},
	} {
		_, err := RATLSEvidence(certWith(t, tc.exts...))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", tc.name, err, tc.want)
		}
		if (tc.name == "none") != errors.Is(err, ErrNoRATLS) {
			t.Errorf("%s: %v: errors.Is ErrNoRATLS is %v", tc.name, err, errors.Is(err, ErrNoRATLS))
		}
	}
}
