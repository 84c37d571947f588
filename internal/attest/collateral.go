package attest

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/google/go-tdx-guest/verify/trust"

	"github.com/devproof/devproof/internal/atomicfile"
)

// collateralFiles maps an Intel PCS v4 URL to the collateral directory's
// body file, issuer-chain file and the response header that carries the
// chain. ok is false for URLs that are not collateral.
func collateralFiles(u string) (body, chain, header string, ok bool) {
	switch {
	case strings.Contains(u, "/tdx/certification/v4/tcb"):
		return CollateralTCBInfo, CollateralTCBInfoChain, "Tcb-Info-Issuer-Chain", true
	case strings.Contains(u, "/qe/identity"):
		return CollateralQEIdentity, CollateralQEIdentityChain, "Sgx-Enclave-Identity-Issuer-Chain", true
	case strings.Contains(u, "/pckcrl"):
		return CollateralPCKCRL, CollateralPCKCRLChain, "Sgx-Pck-Crl-Issuer-Chain", true
	case strings.HasSuffix(u, ".der") || strings.Contains(u, "rootcacrl"):
		return CollateralRootCRL, "", "", true
	}
	return "", "", "", false
}

// dirGetter serves PCS URLs from a collateral directory.
type dirGetter string

func (d dirGetter) Get(u string) (map[string][]string, []byte, error) {
	bodyFile, chainFile, header, ok := collateralFiles(u)
	if !ok {
		return nil, nil, fmt.Errorf("collateral directory %s has no file for %s", string(d), u)
	}
	body, err := os.ReadFile(filepath.Join(string(d), bodyFile))
	if err != nil {
		return nil, nil, fmt.Errorf("collateral for %s: %w", u, err)
	}
	h := map[string][]string{}
	if chainFile != "" {
		chain, err := os.ReadFile(filepath.Join(string(d), chainFile))
		if err != nil {
			return nil, nil, fmt.Errorf("collateral for %s: %w", u, err)
		}
		// PCS sends the issuer chain URL-encoded in a header.
		h[header] = []string{url.QueryEscape(string(chain))}
	}
	return h, body, nil
}

// RecordCollateral wraps a getter so that every collateral response it
// returns is also written to dir, in the layout VerifyOptions.CollateralDir
// reads. Files are replaced atomically.
func RecordCollateral(dir string, g trust.HTTPSGetter) trust.HTTPSGetter {
	return &recorder{dir: dir, inner: g}
}

type recorder struct {
	dir   string
	inner trust.HTTPSGetter
}

func (r *recorder) Get(u string) (map[string][]string, []byte, error) {
	h, body, err := r.inner.Get(u)
	if err != nil {
		return h, body, err
	}
	bodyFile, chainFile, header, ok := collateralFiles(u)
	if !ok {
		return h, body, nil
	}
	if err := os.MkdirAll(r.dir, 0o755); err != nil {
		return nil, nil, fmt.Errorf("saving collateral: %w", err)
	}
	if err := atomicfile.Write(filepath.Join(r.dir, bodyFile), body, 0o644); err != nil {
		return nil, nil, err
	}
	if chainFile != "" && len(h[header]) == 1 {
		chain, err := url.QueryUnescape(h[header][0])
		if err != nil {
			return nil, nil, fmt.Errorf("collateral %s: header %s: %w", u, header, err)
		}
		if err := atomicfile.Write(filepath.Join(r.dir, chainFile), []byte(chain), 0o644); err != nil {
			return nil, nil, err
		}
	}
	return h, body, nil
}
