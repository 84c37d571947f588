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
// STRING: the raw TDX quote, and the JSON event log (optionally gzipped
// behind the prefix gzipEventLogPrefix).
var (
	OIDRATLSQuote    = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 62397, 1, 1}
	OIDRATLSEventLog = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 62397, 1, 2}
	// oidRATLSAttestation is dstack's newer, versioned attestation
	// extension, which replaces the two above; it is not read here.
	oidRATLSAttestation = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 62397, 1, 8}
)

// RATLSTag is the report_data tag of a quote that vouches for a
// certificate's key.
const RATLSTag = "ratls-cert"

const gzipEventLogPrefix = "ELGZv1"

// maxEventLogBytes bounds a decompressed event log extension.
const maxEventLogBytes = 1 << 20

// ErrNoRATLS means a certificate carries no RA-TLS quote extension.
var ErrNoRATLS = errors.New("certificate has no RA-TLS quote extension (OID 1.3.6.1.4.1.62397.1.1)")

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
// extensions. It returns ErrNoRATLS when there is no quote extension.
func RATLSEvidence(cert *x509.Certificate) (Evidence, error) {
	var ev Evidence
	var quote, log []byte
	var haveQuote, haveLog, haveAttestation bool
	for _, e := range cert.Extensions {
		switch {
		case e.Id.Equal(oidRATLSAttestation):
			haveAttestation = true
		case e.Id.Equal(OIDRATLSQuote):
			if haveQuote {
				return ev, errors.New("RA-TLS quote extension appears twice")
			}
			haveQuote = true
			if err := octets(e.Value, &quote); err != nil {
				return ev, fmt.Errorf("RA-TLS quote extension: %w", err)
			}
		case e.Id.Equal(OIDRATLSEventLog):
			if haveLog {
				return ev, errors.New("RA-TLS event log extension appears twice")
			}
			haveLog = true
			if err := octets(e.Value, &log); err != nil {
				return ev, fmt.Errorf("RA-TLS event log extension: %w", err)
			}
		}
	}
	if !haveQuote && haveAttestation {
		return ev, fmt.Errorf("%w; it has dstack's versioned attestation extension (OID 1.3.6.1.4.1.62397.1.8), which is not supported", ErrNoRATLS)
	}
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
