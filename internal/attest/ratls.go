package attest

import (
	"bytes"
	"compress/gzip"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"errors"
	"fmt"
	"io"
)

// dstack's RA-TLS certificate extensions. Each value is a DER OCTET
// STRING: the raw TDX quote; the JSON event log (optionally gzipped
// behind the prefix gzipEventLogPrefix); and the versioned attestation that
// replaces the two (see ratls_attestation.go).
var (
	OIDRATLSQuote       = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 62397, 1, 1}
	OIDRATLSEventLog    = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 62397, 1, 2}
	OIDRATLSAttestation = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 62397, 1, 8}
)

// RATLSTag is the report_data tag of a quote that vouches for a
// certificate's key.
const RATLSTag = "ratls-cert"

const gzipEventLogPrefix = "ELGZv1"

// maxEventLogBytes bounds a decompressed event log extension.
const maxEventLogBytes = 1 << 20

// ErrNoRATLS means a certificate carries neither RA-TLS form.
var ErrNoRATLS = errors.New("certificate has no RA-TLS quote extension (OID 1.3.6.1.4.1.62397.1.1) and no attestation extension (OID 1.3.6.1.4.1.62397.1.8)")

// RATLSReportData is the report_data a quote must carry to vouch for the
// key with this SubjectPublicKeyInfo DER.
func RATLSReportData(spkiDER []byte) [64]byte {
	return TaggedReportData(RATLSTag, spkiDER)
}

// RATLSExtensions encodes a quote and a JSON event log as the two RA-TLS
// extensions.
func RATLSExtensions(quote, eventLog []byte) ([]pkix.Extension, error) {
	q, err := asn1.Marshal(quote)
	if err != nil {
		return nil, err
	}
	l, err := asn1.Marshal(eventLog)
	if err != nil {
		return nil, err
	}
	return []pkix.Extension{{Id: OIDRATLSQuote, Value: q}, {Id: OIDRATLSEventLog, Value: l}}, nil
}

// RATLSEvidence reads the quote and event log from a certificate's RA-TLS
// extensions: the versioned attestation (1.8) or the quote and event log
// pair (1.1 and 1.2). When both forms are present they must carry the same
// quote and RTMR3 events. It returns ErrNoRATLS when there is neither.
func RATLSEvidence(cert *x509.Certificate) (Evidence, error) {
	var ev Evidence
	var quote, log, att []byte
	var haveQuote, haveLog, haveAtt bool
	for _, e := range cert.Extensions {
		var have *bool
		var out *[]byte
		var name string
		switch {
		case e.Id.Equal(OIDRATLSAttestation):
			have, out, name = &haveAtt, &att, "attestation"
		case e.Id.Equal(OIDRATLSQuote):
			have, out, name = &haveQuote, &quote, "quote"
		case e.Id.Equal(OIDRATLSEventLog):
			have, out, name = &haveLog, &log, "event log"
		default:
			continue
		}
		if *have {
			return ev, fmt.Errorf("RA-TLS %s extension appears twice", name)
		}
		*have = true
		if err := octets(e.Value, out); err != nil {
			return ev, fmt.Errorf("RA-TLS %s extension: %w", name, err)
		}
	}
	if !haveAtt {
		return legacyRATLSEvidence(quote, log, haveQuote, haveLog)
	}
	a, err := decodeAttestation(att)
	if err == nil {
		ev, err = a.evidence()
	}
	if err != nil {
		return Evidence{}, fmt.Errorf("RA-TLS attestation extension (OID %s): %w", OIDRATLSAttestation, err)
	}
	if !haveQuote && !haveLog {
		return ev, nil
	}
	if !haveQuote {
		return Evidence{}, fmt.Errorf("certificate has RA-TLS attestation and event log extensions but no quote extension (OID %s)", OIDRATLSQuote)
	}
	old, err := legacyRATLSEvidence(quote, log, haveQuote, haveLog)
	if err != nil {
		return Evidence{}, err
	}
	if !bytes.Equal(old.Quote, ev.Quote) {
		return Evidence{}, fmt.Errorf("RA-TLS quote extension (OID %s) and attestation extension (OID %s) carry different quotes", OIDRATLSQuote, OIDRATLSAttestation)
	}
	oldEvents, err := ParseEventLog(old.EventLog)
	if err != nil {
		return Evidence{}, fmt.Errorf("RA-TLS event log extension: %w", err)
	}
	if err := sameRuntimeEvents(oldEvents, a.EventLog); err != nil {
		return Evidence{}, fmt.Errorf("RA-TLS event log extension (OID %s) and attestation extension (OID %s) carry different RTMR3 events: %w", OIDRATLSEventLog, OIDRATLSAttestation, err)
	}
	return ev, nil
}

// legacyRATLSEvidence reads the quote and event log extension pair.
func legacyRATLSEvidence(quote, log []byte, haveQuote, haveLog bool) (Evidence, error) {
	var ev Evidence
	if !haveQuote {
		return ev, ErrNoRATLS
	}
	if !haveLog {
		return ev, errors.New("certificate has an RA-TLS quote but no event log extension (OID 1.3.6.1.4.1.62397.1.2)")
	}
	if rest, ok := bytes.CutPrefix(log, []byte(gzipEventLogPrefix)); ok {
		zr, err := gzip.NewReader(bytes.NewReader(rest))
		if err != nil {
			return ev, fmt.Errorf("RA-TLS event log extension: %w", err)
		}
		log, err = io.ReadAll(io.LimitReader(zr, maxEventLogBytes+1))
		if err != nil {
			return ev, fmt.Errorf("RA-TLS event log extension: %w", err)
		}
		if len(log) > maxEventLogBytes {
			return ev, fmt.Errorf("RA-TLS event log extension: over %d bytes decompressed", maxEventLogBytes)
		}
	}
	ev.Quote = quote
	ev.EventLog = log
	return ev, nil
}

func octets(der []byte, out *[]byte) error {
	rest, err := asn1.Unmarshal(der, out)
	if err != nil {
		return fmt.Errorf("not a DER OCTET STRING: %w", err)
	}
	if len(rest) > 0 {
		return fmt.Errorf("%d bytes after the OCTET STRING", len(rest))
	}
	return nil
}
