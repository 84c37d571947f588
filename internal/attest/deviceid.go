package attest

import (
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"

	"github.com/google/go-tdx-guest/pcs"
	pb "github.com/google/go-tdx-guest/proto/tdx"
)

// DeviceID is the device id dstack's KMS gives an app's AppAuth for a TDX
// quote: sha256 of the PPID in the quote's PCK certificate (Intel's SGX
// extension 1.2.840.113741.1.13.1.1), which names the physical CPU. A
// simulated quote has no PCK certificate and so no device id. The quote's
// signature is not checked here: call it on a quote that verified.
func DeviceID(raw []byte) ([32]byte, error) {
	var id [32]byte
	p, err := quoteV4ToProto(raw)
	if err != nil {
		return id, err
	}
	q, ok := p.(*pb.QuoteV4)
	if !ok {
		return id, fmt.Errorf("quote is %T, not a TDX v4 quote", p)
	}
	chain := q.GetSignedData().GetCertificationData().GetQeReportCertificationData().GetPckCertificateChainData().GetPckCertChain()
	block, _ := pem.Decode(chain)
	if block == nil {
		return id, errors.New("the quote carries no PCK certificate (PEM)")
	}
	leaf, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		return id, fmt.Errorf("the quote's PCK certificate: %w", err)
	}
	ext, err := pcs.PckCertificateExtensions(leaf)
	if err != nil {
		return id, fmt.Errorf("the quote's PCK certificate: %w", err)
	}
	ppid, err := hex.DecodeString(ext.PPID)
	if err != nil || len(ppid) != 16 {
		return id, fmt.Errorf("the quote's PCK certificate has PPID %q, not 16 bytes of hex", ext.PPID)
	}
	return sha256.Sum256(ppid), nil
}
