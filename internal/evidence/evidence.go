package evidence

import (
	"context"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/devproof/devproof/internal/attest"
	"github.com/devproof/devproof/internal/tee"
)

// Manifest is manifest.json: what this deployment is and serves. Its quote
// (manifest-quote.json) binds sha512("devproof-manifest:" + the file).
type Manifest struct {
	Version        int      `json:"version"`
	AppID          string   `json:"app_id"`
	InstanceID     string   `json:"instance_id"`
	ComposeHash    string   `json:"compose_hash"`
	Domains        []string `json:"domains"`
	ACMEAccountURI string   `json:"acme_account_uri"`
	NotarySigner   string   `json:"notary_signer,omitempty"`
	CreatedAt      string   `json:"created_at"`
}

// Keys is keys.json: every TLS key the app has served, each with a
// quote whose report_data is sha512("devproof-spki:" + SPKISHA256).
type Keys struct {
	Version int    `json:"version"`
	AppID   string `json:"app_id"`
	Keys    []Key  `json:"keys"`
}

// Key is one attested TLS key.
type Key struct {
	SPKISHA256 string                `json:"spki_sha256"`
	FirstSeen  string                `json:"first_seen"`
	Domains    []string              `json:"domains"`
	Quote      *tee.GetQuoteResponse `json:"quote"`
}

// SPKIHash is the lowercase hex sha256 of a certificate's public key info.
func SPKIHash(cert *x509.Certificate) string {
	h := sha256.Sum256(cert.RawSubjectPublicKeyInfo)
	return hex.EncodeToString(h[:])
}

// Add records the key of leaf for domains, quoting it once. It reports
// whether the key was new.
func (k *Keys) Add(ctx context.Context, agent Quoter, leaf *x509.Certificate, domains []string, now time.Time) (bool, error) {
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
	q, err := agent.GetQuote(ctx, rd[:])
	if err != nil {
		return false, fmt.Errorf("quoting TLS key %s: %w", spki, err)
	}
	k.Keys = append(k.Keys, Key{SPKISHA256: spki, FirstSeen: now.UTC().Format(time.RFC3339), Domains: slices.Clone(domains), Quote: q})
	return true, nil
}

// Account is acme-account.json in the shape dstack-ingress publishes
// (certbot's regr.json): verifiers read the account URL from "uri".
type Account struct {
	Body struct {
		Status  string   `json:"status"`
		Contact []string `json:"contact,omitempty"`
	} `json:"body"`
	URI string `json:"uri"`
}

// Input is everything one evidence set is made from.
type Input struct {
	Manifest Manifest
	// Certs maps each domain to its PEM certificate chain.
	Certs   map[string][]byte
	Contact []string
	Keys    *Keys
}

// Build makes the /evidences/ files: the dstack-ingress set
// (acme-account.json, cert-<domain>.pem, sha256sum.txt and quote.json, whose
// report_data is sha256(sha256sum.txt) padded with zeros) plus
// manifest.json, manifest-quote.json and keys.json.
func Build(ctx context.Context, agent Quoter, in Input) (Files, error) {
	files := map[string][]byte{}
	var acct Account
	acct.Body.Status = "valid"
	acct.Body.Contact = in.Contact
	acct.URI = in.Manifest.ACMEAccountURI
	b, err := json.MarshalIndent(acct, "", "  ")
	if err != nil {
		return nil, err
	}
	files["acme-account.json"] = append(b, '\n')
	names := []string{"acme-account.json"}
	var domains []string
	for d := range in.Certs {
		domains = append(domains, d)
	}
	sort.Strings(domains)
	for _, d := range domains {
		name := "cert-" + d + ".pem"
		files[name] = in.Certs[d]
		names = append(names, name)
	}
	// sha256sum's own format and order (the shell glob sorts cert-*.pem).
	sort.Strings(names[1:])
	var sums strings.Builder
	for _, n := range names {
		h := sha256.Sum256(files[n])
		fmt.Fprintf(&sums, "%x  %s\n", h, n)
	}
	files["sha256sum.txt"] = []byte(sums.String())
	rd := SumsReportData(files["sha256sum.txt"])
	if files["quote.json"], err = quoteJSON(ctx, agent, rd[:]); err != nil {
		return nil, err
	}

	if b, err = json.MarshalIndent(in.Manifest, "", "  "); err != nil {
		return nil, err
	}
	files["manifest.json"] = append(b, '\n')
	rd = ManifestReportData(files["manifest.json"])
	if files["manifest-quote.json"], err = quoteJSON(ctx, agent, rd[:]); err != nil {
		return nil, err
	}
	if in.Keys != nil {
		if b, err = json.MarshalIndent(in.Keys, "", "  "); err != nil {
			return nil, err
		}
		files["keys.json"] = append(b, '\n')
	}
	return files, nil
}

func quoteJSON(ctx context.Context, agent Quoter, rd []byte) ([]byte, error) {
	q, err := agent.GetQuote(ctx, rd)
	if err != nil {
		return nil, fmt.Errorf("evidence quote: %w", err)
	}
	b, err := json.MarshalIndent(q, "", "  ")
	return append(b, '\n'), err
}

// Report-data tags devproof binds keys and documents with.
const (
	TagSPKI     = "devproof-spki"
	TagManifest = "devproof-manifest"
	TagSigner   = "devproof-signer"
)

// Files is an evidence set: file name to contents.
type Files map[string][]byte

// Quoter asks the TEE for a quote over report data (tee.Agent is one).
type Quoter interface {
	GetQuote(ctx context.Context, reportData []byte) (*tee.GetQuoteResponse, error)
}

// SPKIReportData binds a TLS key: sha512("devproof-spki:" + hex sha256 SPKI).
func SPKIReportData(spkiHex string) [64]byte {
	return attest.TaggedReportData(TagSPKI, []byte(spkiHex))
}

// ManifestReportData binds manifest.json as served.
func ManifestReportData(manifest []byte) [64]byte {
	return attest.TaggedReportData(TagManifest, manifest)
}

// SignerReportData binds the notary's EIP-55 signer address.
func SignerReportData(address string) [64]byte {
	return attest.TaggedReportData(TagSigner, []byte(address))
}

// SumsReportData is dstack-ingress's binding of sha256sum.txt.
func SumsReportData(sums []byte) [64]byte { return attest.IngressReportData(sums) }
