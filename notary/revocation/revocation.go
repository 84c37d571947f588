package revocation

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/x509"
	"encoding/asn1"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"sync"
	"time"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
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

// Check decides whether cert, issued by issuer, is revoked, from its CRL
// distribution points and the stapled OCSP response (nil if none; only a
// server's own certificate comes with one). cert may be a leaf or an
// intermediate: a CA certificate is looked up in CRLs that cover CA
// certificates, a leaf in CRLs that cover end-entity ones. It fails when
// the certificate is revoked (ErrRevoked) or when a source that exists
// cannot be trusted (bad signature, stale, too large, unreachable). A
// certificate that names no CRL and came with no staple gets Method "none"
// and no error: the caller's policy decides.
func (c *Checker) Check(ctx context.Context, cert, issuer *x509.Certificate, staple []byte) (*Evidence, error) {
	ev := &Evidence{Method: "none"}
	now := c.now()
	if len(staple) > 0 {
		oc, err := checkStaple(cert, issuer, staple, now)
		if err != nil {
			return ev, err
		}
		ev.OCSP, ev.Staple, ev.Method = oc, staple, "ocsp-staple"
	}
	for _, u := range cert.CRLDistributionPoints {
		pu, err := url.Parse(u)
		if err != nil || (pu.Scheme != "http" && pu.Scheme != "https") {
			continue // LDAP and other schemes are not fetched
		}
		cc, err := c.checkCRL(ctx, u, cert, issuer, now)
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

func (c *Checker) checkCRL(ctx context.Context, u string, cert, issuer *x509.Certificate, now time.Time) (*CRLCheck, error) {
	crl, hash, cached, err := c.crl(ctx, u, cert.IsCA, issuer, now)
	if err != nil {
		return nil, err
	}
	cc := &CRLCheck{URL: withoutUserinfo(u), SHA256: hash, ThisUpdate: crl.ThisUpdate, NextUpdate: crl.NextUpdate, Cached: cached}
	if crl.Number != nil {
		cc.Number = crl.Number.String()
	}
	for _, e := range crl.RevokedCertificateEntries {
		if e.SerialNumber.Cmp(cert.SerialNumber) == 0 {
			return cc, fmt.Errorf("CRL %s: %w at %s (reason %d)", cc.URL, ErrRevoked, e.RevocationTime.UTC().Format(time.RFC3339), e.ReasonCode)
		}
	}
	return cc, nil
}

// withoutUserinfo is u with any user:password@ removed, for evidence and
// errors that may be published.
func withoutUserinfo(u string) string {
	pu, err := url.Parse(u)
	if err != nil || pu.User == nil {
		return u
	}
	pu.User = nil
	return pu.String()
}

// crl returns a verified, fresh CRL from cache or from u, one that covers
// CA certificates when forCA and end-entity ones otherwise.
func (c *Checker) crl(ctx context.Context, u string, forCA bool, issuer *x509.Certificate, now time.Time) (*x509.RevocationList, string, bool, error) {
	c.mu.Lock()
	if e, ok := c.cache[u]; ok && now.Before(e.crl.NextUpdate) && bytes.Equal(e.issuer, issuer.Raw) {
		c.mu.Unlock()
		if err := checkScope(e.crl, u, forCA); err != nil {
			return nil, "", false, fmt.Errorf("CRL %s: %w", withoutUserinfo(u), err)
		}
		return e.crl, e.hash, true, nil
	}
	c.mu.Unlock()
	shown := withoutUserinfo(u)

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
		return nil, "", false, fmt.Errorf("CRL %s: %w", shown, err)
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, "", false, fmt.Errorf("CRL %s could not be fetched: %w", shown, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, "", false, fmt.Errorf("CRL %s could not be fetched: HTTP %d", shown, resp.StatusCode)
	}
	der, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, "", false, fmt.Errorf("CRL %s could not be fetched: %w", shown, err)
	}
	if int64(len(der)) > limit {
		return nil, "", false, fmt.Errorf("CRL %s is over the %d-byte bound", shown, limit)
	}
	crl, err := x509.ParseRevocationList(der)
	if err != nil {
		return nil, "", false, fmt.Errorf("CRL %s does not parse: %w", shown, err)
	}
	if err := crl.CheckSignatureFrom(issuer); err != nil {
		return nil, "", false, fmt.Errorf("CRL %s is not signed by the certificate's issuer %q: %w", shown, issuer.Subject.String(), err)
	}
	if err := checkScope(crl, u, forCA); err != nil {
		return nil, "", false, fmt.Errorf("CRL %s: %w", shown, err)
	}
	switch {
	case crl.ThisUpdate.After(now.Add(5 * time.Minute)):
		return nil, "", false, fmt.Errorf("CRL %s is from the future (thisUpdate %s)", shown, crl.ThisUpdate.UTC().Format(time.RFC3339))
	case crl.NextUpdate.IsZero():
		// RFC 5280 §5.1.2.5: conforming issuers MUST include nextUpdate;
		// without it nothing says when the CRL stops being current.
		return nil, "", false, fmt.Errorf("CRL %s has no nextUpdate, so its freshness cannot be judged", shown)
	case now.After(crl.NextUpdate):
		return nil, "", false, fmt.Errorf("CRL %s is stale (nextUpdate %s)", shown, crl.NextUpdate.UTC().Format(time.RFC3339))
	}
	sum := sha256.Sum256(der)
	hash := hex.EncodeToString(sum[:])
	c.mu.Lock()
	defer c.mu.Unlock()
	// An older CRL than one already seen from this issuer is a replay
	// (RFC 5280 §5.2.3: CRL numbers only increase).
	if e, ok := c.cache[u]; ok && bytes.Equal(e.issuer, issuer.Raw) && e.crl.Number != nil &&
		(crl.Number == nil || crl.Number.Cmp(e.crl.Number) < 0) {
		return nil, "", false, fmt.Errorf("CRL %s goes back: number %v after %v", shown, crl.Number, e.crl.Number)
	}
	if c.cache == nil {
		c.cache = map[string]*cachedCRL{}
	}
	c.cache[u] = &cachedCRL{crl: crl, hash: hash, issuer: issuer.Raw}
	return crl, hash, false, nil
}

var (
	oidIssuingDistributionPoint = asn1.ObjectIdentifier{2, 5, 29, 28}
	oidDeltaCRLIndicator        = asn1.ObjectIdentifier{2, 5, 29, 27}
)

// checkScope refuses a CRL that does not cover the certificate whose
// distribution point u it came from (RFC 5280 §5.2.5, §6.3.3): a delta
// CRL, one for CA certificates only when the certificate is a leaf, one
// for end-entity certificates only when it is a CA (forCA), one for
// attribute certificates only, one for some revocation reasons only, an
// indirect CRL, or a partition whose distribution point names are not u.
// Let's Encrypt's sharded CRLs name their own URL in the extension, so a
// shard served for another one is caught.
func checkScope(crl *x509.RevocationList, u string, forCA bool) error {
	for _, ext := range crl.Extensions {
		switch {
		case ext.Id.Equal(oidDeltaCRLIndicator):
			return errors.New("is a delta CRL, not a complete one")
		case ext.Id.Equal(oidIssuingDistributionPoint):
			idp, err := parseIDP(ext.Value)
			if err != nil {
				return fmt.Errorf("issuing distribution point: %w", err)
			}
			switch {
			case idp.onlyCACerts && !forCA:
				return errors.New("covers CA certificates only")
			case idp.onlyUserCerts && forCA:
				return errors.New("covers end-entity certificates only, and this certificate is a CA")
			case idp.onlyAttributeCerts:
				return errors.New("covers attribute certificates only")
			case idp.someReasons:
				return errors.New("covers only some revocation reasons")
			case idp.indirect:
				return errors.New("is an indirect CRL, which is not supported")
			case idp.hasName && !slices.Contains(idp.uris, u):
				return fmt.Errorf("is for another distribution point %v", idp.uris)
			}
		}
	}
	return nil
}

type issuingDistributionPoint struct {
	hasName                                   bool
	uris                                      []string
	onlyUserCerts, onlyCACerts                bool
	onlyAttributeCerts, indirect, someReasons bool
}

// parseIDP reads the IssuingDistributionPoint extension (RFC 5280 §5.2.5,
// implicit tags; the DistributionPointName CHOICE is explicitly tagged).
func parseIDP(der []byte) (*issuingDistributionPoint, error) {
	var idp issuingDistributionPoint
	in := cryptobyte.String(der)
	var seq cryptobyte.String
	if !in.ReadASN1(&seq, cbasn1.SEQUENCE) || !in.Empty() {
		return nil, errors.New("not a DER SEQUENCE")
	}
	var dpn cryptobyte.String
	if !seq.ReadOptionalASN1(&dpn, &idp.hasName, cbasn1.Tag(0).Constructed().ContextSpecific()) {
		return nil, errors.New("bad distributionPoint")
	}
	if idp.hasName {
		var full cryptobyte.String
		var hasFull bool
		if !dpn.ReadOptionalASN1(&full, &hasFull, cbasn1.Tag(0).Constructed().ContextSpecific()) {
			return nil, errors.New("bad fullName")
		}
		// A name relative to the CRL issuer names no URL; it matches none.
		for hasFull && !full.Empty() {
			var name cryptobyte.String
			var tag cbasn1.Tag
			if !full.ReadAnyASN1(&name, &tag) {
				return nil, errors.New("bad GeneralName")
			}
			if tag == cbasn1.Tag(6).ContextSpecific() { // uniformResourceIdentifier
				idp.uris = append(idp.uris, string(name))
			}
		}
	}
	flag := func(n uint8, out *bool) bool {
		var v cryptobyte.String
		var present bool
		if !seq.ReadOptionalASN1(&v, &present, cbasn1.Tag(n).ContextSpecific()) {
			return false
		}
		if present {
			if len(v) != 1 {
				return false
			}
			*out = v[0] != 0
		}
		return true
	}
	if !flag(1, &idp.onlyUserCerts) || !flag(2, &idp.onlyCACerts) {
		return nil, errors.New("bad flag")
	}
	var reasons cryptobyte.String
	if !seq.ReadOptionalASN1(&reasons, &idp.someReasons, cbasn1.Tag(3).ContextSpecific()) {
		return nil, errors.New("bad onlySomeReasons")
	}
	if !flag(4, &idp.indirect) || !flag(5, &idp.onlyAttributeCerts) || !seq.Empty() {
		return nil, errors.New("bad flag or trailing data")
	}
	return &idp, nil
}
