package tunnel

import (
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/devproof/devproof/internal/attest"
)

// RATLSOptions says what an RA-TLS server must prove.
type RATLSOptions struct {
	// AppID is the app id (hex, "0x" optional) the quote's event log must
	// carry. Required.
	AppID string
	// ComposeHashes, when set, are the compose hashes (hex) of which the
	// event log must carry one.
	ComposeHashes []string
	// AllowSimulated accepts quotes from devproof's simulator, which prove
	// nothing (development only).
	AllowSimulated bool
	// VerifyOptions is how the quote's signature and TCB are checked.
	attest.VerifyOptions
}

// RATLS returns a Verifier for dstack RA-TLS certificates: the leaf
// itself carries a TDX quote (extension 1.3.6.1.4.1.62397.1.1) and its
// event log (1.3.6.1.4.1.62397.1.2). The quote must verify, its
// report_data must be sha512("ratls-cert:" || the leaf's
// SubjectPublicKeyInfo DER), the event log must replay to its RTMR3, and
// the identity the log declares must be opts.AppID (with one of
// opts.ComposeHashes, when given). The leaf must be within its validity
// dates. No CA and no host name is checked: the quote, not a CA, vouches
// for the key, and the app id is the server's identity.
func RATLS(opts RATLSOptions) (Verifier, error) {
	id := normalHex(opts.AppID)
	if id == "" {
		return nil, errors.New("ra-tls: no app id: any app's certificate would be accepted")
	}
	if b, err := hex.DecodeString(id); err != nil || len(b) != 20 {
		return nil, fmt.Errorf("ra-tls: app id %q is not 40 hex characters", opts.AppID)
	}
	v := &raTLS{opts: opts, appID: id, now: time.Now}
	for _, h := range opts.ComposeHashes {
		n := normalHex(h)
		if b, err := hex.DecodeString(n); err != nil || len(b) != 32 {
			return nil, fmt.Errorf("ra-tls: compose hash %q is not 64 hex characters", h)
		}
		v.compose = append(v.compose, n)
	}
	return v, nil
}

func normalHex(s string) string {
	s = strings.TrimSpace(s)
	return strings.ToLower(strings.TrimPrefix(strings.TrimPrefix(s, "0x"), "0X"))
}

type raTLS struct {
	opts    RATLSOptions
	appID   string
	compose []string
	now     func() time.Time
}

// VerifyServer implements Verifier.
func (v *raTLS) VerifyServer(cs tls.ConnectionState, _ string) error {
	if len(cs.PeerCertificates) == 0 {
		return errors.New("ra-tls: server sent no certificate")
	}
	return v.check(cs.PeerCertificates[0], "server")
}

// check is every RA-TLS check but the presence of a certificate; peer
// ("server" or "client") names the side in errors.
func (v *raTLS) check(leaf *x509.Certificate, peer string) error {
	if now := v.now(); now.Before(leaf.NotBefore) || now.After(leaf.NotAfter) {
		return fmt.Errorf("ra-tls: certificate is valid from %s to %s, not now", leaf.NotBefore.UTC().Format(time.RFC3339), leaf.NotAfter.UTC().Format(time.RFC3339))
	}
	ev, err := attest.RATLSEvidence(leaf)
	if err != nil {
		return fmt.Errorf("ra-tls: %s %w", peer, err)
	}
	rd := attest.RATLSReportData(leaf.RawSubjectPublicKeyInfo)
	rep, err := attest.Check(ev, attest.CheckOptions{VerifyOptions: v.opts.VerifyOptions, ReportData: &rd})
	if err != nil {
		return fmt.Errorf("ra-tls: quote: %w", err)
	}
	switch {
	case rep.Status == attest.Failed:
		return fmt.Errorf("ra-tls: quote does not verify: %s", rep.Reason)
	case rep.Status == attest.Simulated && !v.opts.AllowSimulated:
		return fmt.Errorf("ra-tls: %s (simulated quotes are not allowed)", rep.Reason)
	case rep.Status != attest.Verified && rep.Status != attest.Simulated:
		return fmt.Errorf("ra-tls: quote status %s: %s", rep.Status, rep.Reason)
	}
	if rep.ReportData != hex.EncodeToString(rd[:]) {
		return fmt.Errorf("ra-tls: quote does not bind the certificate's key: report_data is %s, want sha512(\"ratls-cert:\" || SPKI) %x", rep.ReportData, rd)
	}
	if len(rep.Problems) > 0 {
		return fmt.Errorf("ra-tls: %s", strings.Join(rep.Problems, "; "))
	}
	if rep.RTMR3Replay != "match" {
		return fmt.Errorf("ra-tls: RTMR3 replay: %s", rep.RTMR3Replay)
	}
	if rep.AppID != v.appID {
		return fmt.Errorf("ra-tls: quote is from app %s, want %s", rep.AppID, v.appID)
	}
	if len(v.compose) > 0 && !slices.Contains(v.compose, rep.ComposeHash) {
		return fmt.Errorf("ra-tls: compose hash %s is not allowed", rep.ComposeHash)
	}
	return nil
}
