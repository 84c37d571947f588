package attest

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/sha256"
	"crypto/x509"
	_ "embed"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"strings"
	"time"

	"github.com/google/go-tdx-guest/pcs"
	pb "github.com/google/go-tdx-guest/proto/tdx"
	"github.com/google/go-tdx-guest/verify"
	"github.com/google/go-tdx-guest/verify/trust"
)

// Status is the outcome of checking a quote's signature and TCB.
type Status string

const (
	// Verified: the quote's signature chains to Intel's root and, when
	// collateral was used, its TCB level is acceptable.
	Verified Status = "verified"
	// Simulated: the quote came from devproof's simulator. It proves nothing.
	Simulated Status = "simulated"
	// Failed: a check failed; Reason says which.
	Failed Status = "failed"
)

// SimulatedReason is what every verifier says about a simulated quote.
const SimulatedReason = "simulated quote: not trustworthy"

// Collateral file names inside a collateral directory. Each is an Intel PCS
// (or PCCS) v4 response body; the *-issuer-chain.pem files hold the PEM
// chain PCS sends in the matching response header.
const (
	CollateralTCBInfo          = "tcbinfo.json"
	CollateralTCBInfoChain     = "tcbinfo-issuer-chain.pem"
	CollateralQEIdentity       = "qeidentity.json"
	CollateralQEIdentityChain  = "qeidentity-issuer-chain.pem"
	CollateralPCKCRL           = "pckcrl.der"
	CollateralPCKCRLChain      = "pckcrl-issuer-chain.pem"
	CollateralRootCRL          = "rootcrl.der"
	intelPCSBase               = "https://api.trustedservices.intel.com"
	intelRootCRLHost           = "https://certificates.trustedservices.intel.com/"
	maxCollateralResponseBytes = 4 << 20
)

// VerifyOptions says where TCB collateral comes from. With none of
// CollateralDir, PCCSURL or Online set, only the signature and the PCK chain
// are checked and the TCB is reported as not checked.
type VerifyOptions struct {
	// CollateralDir holds collateral files (see the Collateral* names) for
	// offline verification.
	CollateralDir string
	// PCCSURL is the base URL of a PCCS that serves the PCS v4 API.
	PCCSURL string
	// Online fetches collateral from Intel PCS.
	Online bool
	// Now is the time certificates and collateral must be valid at; zero
	// means the current time.
	Now time.Time
	// HTTPClient is used for PCS and PCCS; nil means a client with a
	// 30-second timeout.
	HTTPClient *http.Client
	// SaveCollateralDir, with PCCSURL or Online, keeps every collateral
	// response fetched there, for later offline runs with CollateralDir.
	SaveCollateralDir string
	// AllowOutdatedTCB accepts an authentic quote whose platform TCB the
	// collateral does not rate UpToDate. The TCB field still says so.
	AllowOutdatedTCB bool
}

// QuoteResult is the signature/TCB verdict on one quote.
type QuoteResult struct {
	Status Status `json:"status"`
	// TCB is "UpToDate" when collateral rated the platform so, "not
	// checked" without collateral, or "not up to date: why".
	TCB    string `json:"tcb"`
	Reason string `json:"reason,omitempty"`
}

// VerifyQuote checks a quote's signature and, with collateral, its TCB.
// A simulated quote is reported as Simulated even when its own signature
// holds, and as Failed when it does not.
func VerifyQuote(q *Quote, opts VerifyOptions) QuoteResult {
	if q.Simulated() {
		if err := q.checkOwnSignature(); err != nil {
			return QuoteResult{Status: Failed, TCB: "not checked", Reason: "simulated quote: " + err.Error()}
		}
		return QuoteResult{Status: Simulated, TCB: "not checked", Reason: SimulatedReason}
	}
	if q.v4 == nil {
		return QuoteResult{Status: Failed, TCB: "not checked",
			Reason: fmt.Sprintf("quote v%d: signature verification is not supported (go-tdx-guest verifies v4 only)", q.Version)}
	}
	vo := &verify.Options{Now: opts.Now, TrustedRoots: intelRoots}
	if vo.Now.IsZero() {
		vo.Now = time.Now()
	}
	g := opts.getter()
	if g == nil {
		if err := verify.TdxQuote(q.v4, vo); err != nil {
			return QuoteResult{Status: Failed, TCB: "not checked", Reason: "quote signature: " + err.Error()}
		}
		return QuoteResult{Status: Verified, TCB: "not checked"}
	}
	vo.GetCollateral = true
	vo.CheckRevocations = true
	vo.Getter = g
	err := verify.TdxQuote(q.v4, vo)
	if err == nil {
		return QuoteResult{Status: Verified, TCB: "UpToDate"}
	}
	// go-tdx-guest rates the TCB level after it has checked the signature,
	// the PCK chain, the collateral's signatures and revocation, and before
	// it checks the QE identity. So a TCB-status failure means an authentic
	// quote on a platform not rated UpToDate; check the QE identity here.
	if !strings.Contains(err.Error(), tcbStatusFailure) {
		return QuoteResult{Status: Failed, TCB: "not checked", Reason: "quote signature/collateral: " + err.Error()}
	}
	tcb := "not up to date: " + err.Error()
	if qerr := checkQEIdentity(q.v4, g); qerr != nil {
		return QuoteResult{Status: Failed, TCB: tcb, Reason: "QE identity: " + qerr.Error()}
	}
	if !opts.AllowOutdatedTCB {
		return QuoteResult{Status: Failed, TCB: tcb, Reason: "TCB: " + err.Error()}
	}
	return QuoteResult{Status: Verified, TCB: tcb}
}

// intelRootPEM is the Intel SGX Root CA, the anchor of every PCK chain
// (Intel "Provisioning Certification Root CA"). Passing it explicitly also
// keeps go-tdx-guest from logging a warning to stdout on every call.
//
//go:embed intel_sgx_root_ca.pem
var intelRootPEM []byte

var intelRoots = func() *x509.CertPool {
	p := x509.NewCertPool()
	if !p.AppendCertsFromPEM(intelRootPEM) {
		panic("attest: embedded Intel SGX root CA does not parse")
	}
	return p
}()

// tcbStatusFailure is how go-tdx-guest v0.3.1 words a TCB-level rating
// failure (verifyTdQuoteBody).
const tcbStatusFailure = "failed TCB status check"

// checkOwnSignature verifies the quote's ECDSA signature over header||body
// with the attestation key it carries. It proves integrity, not origin.
func (q *Quote) checkOwnSignature() error {
	if len(q.AttestationKey) != 64 || len(q.Signature) != 64 {
		return errors.New("malformed attestation key or signature")
	}
	pub := &ecdsa.PublicKey{Curve: elliptic.P256(),
		X: new(big.Int).SetBytes(q.AttestationKey[:32]), Y: new(big.Int).SetBytes(q.AttestationKey[32:])}
	if !pub.Curve.IsOnCurve(pub.X, pub.Y) {
		return errors.New("attestation key is not a P-256 point")
	}
	h := sha256.Sum256(q.SignedPart)
	r, s := new(big.Int).SetBytes(q.Signature[:32]), new(big.Int).SetBytes(q.Signature[32:])
	if !ecdsa.Verify(pub, h[:], r, s) {
		return errors.New("signature over header and body does not verify")
	}
	return nil
}

func (o VerifyOptions) getter() trust.HTTPSGetter {
	client := o.HTTPClient
	if client == nil {
		client = &http.Client{Timeout: 30 * time.Second}
	}
	switch {
	case o.CollateralDir != "":
		return dirGetter(o.CollateralDir)
	case o.PCCSURL != "":
		base := strings.TrimRight(o.PCCSURL, "/")
		return o.record(&httpGetter{client: client, rewrite: func(u string) string {
			switch {
			case strings.HasPrefix(u, intelPCSBase):
				return base + strings.TrimPrefix(u, intelPCSBase)
			case strings.HasPrefix(u, intelRootCRLHost):
				// A PCCS serves the root CA CRL itself (Intel PCCS API v4).
				return base + "/sgx/certification/v4/rootcacrl"
			}
			return u
		}})
	case o.Online:
		return o.record(&httpGetter{client: client})
	}
	return nil
}

func (o VerifyOptions) record(g trust.HTTPSGetter) trust.HTTPSGetter {
	if o.SaveCollateralDir == "" {
		return g
	}
	return RecordCollateral(o.SaveCollateralDir, g)
}

// httpGetter fetches collateral over HTTP(S), optionally from a PCCS.
type httpGetter struct {
	client  *http.Client
	rewrite func(string) string
}

func (g *httpGetter) Get(u string) (map[string][]string, []byte, error) {
	if g.rewrite != nil {
		u = g.rewrite(u)
	}
	resp, err := g.client.Get(u)
	if err != nil {
		return nil, nil, fmt.Errorf("collateral %s: %w", u, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxCollateralResponseBytes+1))
	if err != nil {
		return nil, nil, fmt.Errorf("collateral %s: %w", u, err)
	}
	if len(body) > maxCollateralResponseBytes {
		return nil, nil, fmt.Errorf("collateral %s: response over %d bytes", u, maxCollateralResponseBytes)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, nil, fmt.Errorf("collateral %s: HTTP %d: %.200s", u, resp.StatusCode, body)
	}
	// Some PCCS versions send the root CA CRL as hex text.
	if strings.HasSuffix(u, "/rootcacrl") && isHexText(bytes.TrimSpace(body)) {
		if der, err := hex.DecodeString(string(bytes.TrimSpace(body))); err == nil {
			body = der
		}
	}
	return resp.Header, body, nil
}

// checkQEIdentity matches the quote's QE report against the QE identity
// collateral (Intel DCAP "Enclave Identity" rules): masked MISCSELECT and
// attributes, MRSIGNER, ISVPRODID, and an UpToDate QE TCB level. The
// collateral's signature was already checked by go-tdx-guest.
func checkQEIdentity(q *pb.QuoteV4, g trust.HTTPSGetter) error {
	_, body, err := g.Get(pcs.QeIdentityURL())
	if err != nil {
		return err
	}
	var qi pcs.QeIdentity
	if err := json.Unmarshal(body, &qi); err != nil {
		return fmt.Errorf("QE identity collateral is not valid JSON: %w", err)
	}
	id := qi.EnclaveIdentity
	rep := q.GetSignedData().GetCertificationData().GetQeReportCertificationData().GetQeReport()
	if rep == nil {
		return errors.New("quote has no QE report")
	}
	if len(id.MiscselectMask.Bytes) != 4 || len(id.Miscselect.Bytes) != 4 {
		return errors.New("QE identity MISCSELECT fields are not 4 bytes")
	}
	mask := binary.LittleEndian.Uint32(id.MiscselectMask.Bytes)
	if rep.GetMiscSelect()&mask != binary.LittleEndian.Uint32(id.Miscselect.Bytes) {
		return errors.New("QE report MISCSELECT does not match the QE identity")
	}
	attrs := rep.GetAttributes()
	if len(id.AttributesMask.Bytes) != len(attrs) || len(id.Attributes.Bytes) != len(attrs) {
		return errors.New("QE identity attributes have the wrong size")
	}
	for i := range attrs {
		if attrs[i]&id.AttributesMask.Bytes[i] != id.Attributes.Bytes[i] {
			return errors.New("QE report attributes do not match the QE identity")
		}
	}
	if !bytes.Equal(rep.GetMrSigner(), id.Mrsigner.Bytes) {
		return errors.New("QE report MRSIGNER is not Intel's QE signer")
	}
	if rep.GetIsvProdId() != uint32(id.IsvProdID) {
		return fmt.Errorf("QE report ISVPRODID %d, want %d", rep.GetIsvProdId(), id.IsvProdID)
	}
	for _, l := range id.TcbLevels {
		if l.Tcb.Isvsvn <= rep.GetIsvSvn() {
			if l.TcbStatus != pcs.TcbComponentStatusUpToDate {
				return fmt.Errorf("QE TCB status is %q", l.TcbStatus)
			}
			return nil
		}
	}
	return fmt.Errorf("QE ISVSVN %d is below every QE TCB level", rep.GetIsvSvn())
}
