package revocation

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"sync"
	"time"

	"golang.org/x/crypto/ocsp"
)

// ErrRevoked is wrapped by Check when the certificate is revoked.
var ErrRevoked = errors.New("certificate is revoked")

// Evidence records what was checked, for the session record.
type Evidence struct {
	// Method is "crl", "ocsp-staple", "crl+ocsp-staple" or "none".
	Method string     `json:"method"`
	CRLs   []CRLCheck `json:"crls,omitempty"`
	// OCSP describes the stapled response, if any.
	OCSP *OCSPCheck `json:"ocsp,omitempty"`
	// Staple is the raw stapled OCSP response.
	Staple []byte `json:"staple,omitempty"`
}

// CRLCheck is one CRL consulted.
type CRLCheck struct {
	URL        string    `json:"url"`
	SHA256     string    `json:"sha256"`
	Number     string    `json:"number,omitempty"`
	ThisUpdate time.Time `json:"this_update"`
	NextUpdate time.Time `json:"next_update"`
	Cached     bool      `json:"cached"`
}

// OCSPCheck is the stapled response's content.
type OCSPCheck struct {
	Status     string    `json:"status"`
	ProducedAt time.Time `json:"produced_at"`
	ThisUpdate time.Time `json:"this_update"`
	NextUpdate time.Time `json:"next_update,omitempty"`
}

// Checker checks revocation. It caches CRLs until their nextUpdate and is
// safe for concurrent use.
type Checker struct {
	// HTTPClient fetches CRLs; nil means one with a 10-second timeout.
	HTTPClient *http.Client
	// MaxCRLBytes bounds a CRL download; zero means 16 MiB.
	MaxCRLBytes int64
	// Now is the clock; nil means time.Now.
	Now func() time.Time

	mu    sync.Mutex
	cache map[string]*cachedCRL
}

type cachedCRL struct {
	crl  *x509.RevocationList
	hash string
	// issuer is the certificate whose key the signature was checked with.
	issuer []byte
}

// maxStapleAge bounds a stapled response without nextUpdate.
const maxStapleAge = 7 * 24 * time.Hour

// Check decides whether leaf, issued by issuer, is revoked, from its CRL
// distribution points and the stapled OCSP response (nil if none). It
// fails when the certificate is revoked (ErrRevoked) or when a source that
// exists cannot be trusted (bad signature, stale, too large, unreachable).
// A certificate that names no CRL and came with no staple gets Method
// "none" and no error: the caller's policy decides.
func (c *Checker) Check(ctx context.Context, leaf, issuer *x509.Certificate, staple []byte) (*Evidence, error) {
	ev := &Evidence{Method: "none"}
	now := c.now()
	if len(staple) > 0 {
		oc, err := checkStaple(leaf, issuer, staple, now)
		if err != nil {
			return ev, err
		}
		ev.OCSP, ev.Staple, ev.Method = oc, staple, "ocsp-staple"
	}
	for _, u := range leaf.CRLDistributionPoints {
		pu, err := url.Parse(u)
		if err != nil || (pu.Scheme != "http" && pu.Scheme != "https") {
			continue // LDAP and other schemes are not fetched
		}
		cc, err := c.checkCRL(ctx, u, leaf, issuer, now)
		if err != nil {
			return ev, err
		}
		ev.CRLs = append(ev.CRLs, *cc)
	}
	switch {
	case len(ev.CRLs) > 0 && ev.OCSP != nil:
		ev.Method = "crl+ocsp-staple"
	case len(ev.CRLs) > 0:
		ev.Method = "crl"
	}
	return ev, nil
}

func (c *Checker) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

func checkStaple(leaf, issuer *x509.Certificate, staple []byte, now time.Time) (*OCSPCheck, error) {
	resp, err := ocsp.ParseResponseForCert(staple, leaf, issuer)
	if err != nil {
		return nil, fmt.Errorf("stapled OCSP response: %w", err)
	}
	// A delegated responder must be authorised for OCSP signing (RFC 6960
	// §4.2.2.2); x/crypto/ocsp checks its signature but not its EKU.
	if resp.Certificate != nil && !bytes.Equal(resp.Certificate.Raw, issuer.Raw) &&
		!slices.Contains(resp.Certificate.ExtKeyUsage, x509.ExtKeyUsageOCSPSigning) {
		return nil, fmt.Errorf("stapled OCSP response: responder %q lacks the OCSP-signing EKU", resp.Certificate.Subject)
	}
	oc := &OCSPCheck{ProducedAt: resp.ProducedAt, ThisUpdate: resp.ThisUpdate, NextUpdate: resp.NextUpdate}
	switch {
	case resp.ThisUpdate.After(now.Add(5 * time.Minute)):
		return nil, fmt.Errorf("stapled OCSP response is from the future (thisUpdate %s)", resp.ThisUpdate.UTC().Format(time.RFC3339))
	case !resp.NextUpdate.IsZero() && now.After(resp.NextUpdate):
		return nil, fmt.Errorf("stapled OCSP response is stale (nextUpdate %s)", resp.NextUpdate.UTC().Format(time.RFC3339))
	case resp.NextUpdate.IsZero() && now.Sub(resp.ThisUpdate) > maxStapleAge:
		return nil, fmt.Errorf("stapled OCSP response is stale (thisUpdate %s, no nextUpdate)", resp.ThisUpdate.UTC().Format(time.RFC3339))
	}
	switch resp.Status {
	case ocsp.Good:
		oc.Status = "good"
	case ocsp.Revoked:
		oc.Status = "revoked"
		return oc, fmt.Errorf("stapled OCSP response: %w at %s (reason %d)", ErrRevoked, resp.RevokedAt.UTC().Format(time.RFC3339), resp.RevocationReason)
	default:
		oc.Status = "unknown"
		return oc, fmt.Errorf("stapled OCSP response: status unknown")
	}
	return oc, nil
}

func (c *Checker) checkCRL(ctx context.Context, u string, leaf, issuer *x509.Certificate, now time.Time) (*CRLCheck, error) {
	crl, hash, cached, err := c.crl(ctx, u, issuer, now)
	if err != nil {
		return nil, err
	}
	cc := &CRLCheck{URL: u, SHA256: hash, ThisUpdate: crl.ThisUpdate, NextUpdate: crl.NextUpdate, Cached: cached}
	if crl.Number != nil {
		cc.Number = crl.Number.String()
	}
	for _, e := range crl.RevokedCertificateEntries {
		if e.SerialNumber.Cmp(leaf.SerialNumber) == 0 {
			return cc, fmt.Errorf("CRL %s: %w at %s (reason %d)", u, ErrRevoked, e.RevocationTime.UTC().Format(time.RFC3339), e.ReasonCode)
		}
	}
	return cc, nil
}

// crl returns a verified, fresh CRL from cache or from u.
func (c *Checker) crl(ctx context.Context, u string, issuer *x509.Certificate, now time.Time) (*x509.RevocationList, string, bool, error) {
	c.mu.Lock()
	if e, ok := c.cache[u]; ok && now.Before(e.crl.NextUpdate) && bytes.Equal(e.issuer, issuer.Raw) {
		c.mu.Unlock()
		return e.crl, e.hash, true, nil
	}
	c.mu.Unlock()

	client := c.HTTPClient
	if client == nil {
		client = &http.Client{Timeout: 10 * time.Second}
	}
	limit := c.MaxCRLBytes
	if limit <= 0 {
		limit = 16 << 20
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, "", false, fmt.Errorf("CRL %s: %w", u, err)
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, "", false, fmt.Errorf("CRL %s: %w", u, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, "", false, fmt.Errorf("CRL %s: HTTP %d", u, resp.StatusCode)
	}
	der, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, "", false, fmt.Errorf("CRL %s: %w", u, err)
	}
	if int64(len(der)) > limit {
		return nil, "", false, fmt.Errorf("CRL %s is over the %d-byte bound", u, limit)
	}
	crl, err := x509.ParseRevocationList(der)
	if err != nil {
		return nil, "", false, fmt.Errorf("CRL %s does not parse: %w", u, err)
	}
	if err := crl.CheckSignatureFrom(issuer); err != nil {
		return nil, "", false, fmt.Errorf("CRL %s is not signed by the certificate's issuer: %w", u, err)
	}
	switch {
	case crl.ThisUpdate.After(now.Add(5 * time.Minute)):
		return nil, "", false, fmt.Errorf("CRL %s is from the future (thisUpdate %s)", u, crl.ThisUpdate.UTC().Format(time.RFC3339))
	case crl.NextUpdate.IsZero() || now.After(crl.NextUpdate):
		return nil, "", false, fmt.Errorf("CRL %s is stale (nextUpdate %s)", u, crl.NextUpdate.UTC().Format(time.RFC3339))
	}
	sum := sha256.Sum256(der)
	hash := hex.EncodeToString(sum[:])
	c.mu.Lock()
	if c.cache == nil {
		c.cache = map[string]*cachedCRL{}
	}
	c.cache[u] = &cachedCRL{crl: crl, hash: hash, issuer: issuer.Raw}
	c.mu.Unlock()
	return crl, hash, false, nil
}
