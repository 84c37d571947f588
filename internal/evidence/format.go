package evidence

import (
	"context"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"fmt"
	"slices"
	"time"

	"github.com/devproof/devproof/internal/attest"
	"github.com/devproof/devproof/internal/tee"
)

// Report-data tags. A tagged quote's report_data is dstack's convention,
// sha512(tag ":" content).
const (
	// TagSPKI binds a TLS key; content is its SPKIHash (64 hex characters).
	TagSPKI = "devproof-spki"
	// TagManifest binds manifest.json; content is the file's bytes.
	TagManifest = "devproof-manifest"
	// TagSigner binds the notary's signer; content is its EIP-55 address.
	TagSigner = "devproof-signer"
)

// SPKIReportData is the report_data of a key's quote in keys.json.
func SPKIReportData(spkiHex string) [64]byte {
	return attest.TaggedReportData(TagSPKI, []byte(spkiHex))
}

// ManifestReportData is the report_data of manifest-quote.json, over
// manifest.json exactly as served.
func ManifestReportData(manifestJSON []byte) [64]byte {
	return attest.TaggedReportData(TagManifest, manifestJSON)
}

// SignerReportData is the report_data of a quote on the notary's signer,
// e.g. "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed" (checksummed as given).
func SignerReportData(eip55Address string) [64]byte {
	return attest.TaggedReportData(TagSigner, []byte(eip55Address))
}

// SumsReportData is the report_data of quote.json, as dstack-ingress binds
// it: sha256(sha256sum.txt) followed by 32 zero bytes.
func SumsReportData(sha256sum []byte) [64]byte {
	return attest.IngressReportData(sha256sum)
}

// File names under /evidences/. The first four are dstack-ingress's.
const (
	AccountFile       = "acme-account.json"
	SumsFile          = "sha256sum.txt"
	QuoteFile         = "quote.json"
	ManifestFile      = "manifest.json"
	ManifestQuoteFile = "manifest-quote.json"
	KeysFile          = "keys.json"
)

// CertFile is the name of domain's certificate chain, e.g.
// "cert-app.example.com.pem" or, for a wildcard, "cert-*.example.com.pem".
func CertFile(domain string) string { return "cert-" + domain + ".pem" }

// Manifest is manifest.json: what this deployment is and serves. Its quote,
// manifest-quote.json, binds ManifestReportData of the file's bytes.
type Manifest struct {
	Version     int      `json:"version"`
	AppID       string   `json:"app_id"`
	InstanceID  string   `json:"instance_id"`
	ComposeHash string   `json:"compose_hash"`
	Domains     []string `json:"domains"`
	// ACMEAccountURI is the ACME account every certificate is issued to,
	// the one CAA records pin (RFC 8657 accounturi).
	ACMEAccountURI string `json:"acme_account_uri"`
	NotarySigner   string `json:"notary_signer,omitempty"`
	// CreatedAt is RFC 3339, UTC.
	CreatedAt string `json:"created_at"`
}

// Keys is keys.json: every TLS key the app has served, oldest first. It is
// a history, so a key may come from an earlier compose hash of the app.
type Keys struct {
	Version int    `json:"version"`
	AppID   string `json:"app_id"`
	Keys    []Key  `json:"keys"`
}

// Key is one attested TLS key. Its quote binds SPKIReportData(SPKISHA256).
type Key struct {
	SPKISHA256 string `json:"spki_sha256"`
	// FirstSeen is RFC 3339, UTC.
	FirstSeen string                `json:"first_seen"`
	Domains   []string              `json:"domains"`
	Quote     *tee.GetQuoteResponse `json:"quote"`
}

// Account is acme-account.json in the shape dstack-ingress publishes
// (certbot's regr.json). Verifiers read only URI.
type Account struct {
	Body AccountBody `json:"body"`
	URI  string      `json:"uri"`
}

// AccountBody is the ACME account object's public part (RFC 8555 7.1.2).
type AccountBody struct {
	Status  string   `json:"status"`
	Contact []string `json:"contact,omitempty"`
}

// SPKIHash is the lowercase hex sha256 of a certificate's
// SubjectPublicKeyInfo: what names a key in keys.json.
func SPKIHash(cert *x509.Certificate) string {
	h := sha256.Sum256(cert.RawSubjectPublicKeyInfo)
	return hex.EncodeToString(h[:])
}

// Quoter gets TDX quotes over report data. tee.Agent satisfies it.
// Implementations must be safe for concurrent use and honour the context;
// reportData is at most 64 bytes.
type Quoter interface {
	GetQuote(ctx context.Context, reportData []byte) (*tee.GetQuoteResponse, error)
}

var _ Quoter = tee.Agent(nil)

// Add records the key of leaf for domains, quoting it only when it is new;
// a known key just gains the domains it lacked. It reports whether the key
// was new.
func (k *Keys) Add(ctx context.Context, q Quoter, leaf *x509.Certificate, domains []string, now time.Time) (added bool, err error) {
	spki := SPKIHash(leaf)
	for i := range k.Keys {
		if k.Keys[i].SPKISHA256 == spki {
			for _, d := range domains {
				if !slices.Contains(k.Keys[i].Domains, d) {
					k.Keys[i].Domains = append(k.Keys[i].Domains, d)
				}
			}
			return false, nil
		}
	}
	rd := SPKIReportData(spki)
	quote, err := q.GetQuote(ctx, rd[:])
	if err != nil {
		return false, fmt.Errorf("quoting TLS key %s: %w", spki, err)
	}
	k.Keys = append(k.Keys, Key{SPKISHA256: spki, FirstSeen: now.UTC().Format(time.RFC3339), Domains: slices.Clone(domains), Quote: quote})
	return true, nil
}
