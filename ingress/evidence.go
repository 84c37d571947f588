package ingress

import (
	"context"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"net/http"
	"path"
	"slices"
	"sort"
	"strings"
	"sync/atomic"
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

// KeysDoc is keys.json: every TLS key the app has served, each with a
// quote whose report_data is sha512("devproof-spki:" + SPKISHA256).
type KeysDoc struct {
	Version int        `json:"version"`
	AppID   string     `json:"app_id"`
	Keys    []KeyEntry `json:"keys"`
}

// KeyEntry is one attested TLS key.
type KeyEntry struct {
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
func (k *KeysDoc) Add(ctx context.Context, agent tee.Agent, leaf *x509.Certificate, domains []string, now time.Time) (bool, error) {
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
	rd := attest.TaggedReportData(attest.TagSPKI, []byte(spki))
	q, err := agent.GetQuote(ctx, rd[:])
	if err != nil {
		return false, fmt.Errorf("quoting TLS key %s: %w", spki, err)
	}
	k.Keys = append(k.Keys, KeyEntry{SPKISHA256: spki, FirstSeen: now.UTC().Format(time.RFC3339), Domains: slices.Clone(domains), Quote: q})
	return true, nil
}

// accountDoc is acme-account.json in the shape dstack-ingress publishes
// (certbot's regr.json): verifiers read the account URL from "uri".
type accountDoc struct {
	Body struct {
		Status  string   `json:"status"`
		Contact []string `json:"contact,omitempty"`
	} `json:"body"`
	URI string `json:"uri"`
}

// EvidenceInput is everything one evidence set is made from.
type EvidenceInput struct {
	Manifest Manifest
	// Certs maps each domain to its PEM certificate chain.
	Certs   map[string][]byte
	Contact []string
	Keys    *KeysDoc
}

// BuildEvidence makes the /evidences/ files: the dstack-ingress set
// (acme-account.json, cert-<domain>.pem, sha256sum.txt and quote.json, whose
// report_data is sha256(sha256sum.txt) padded with zeros) plus
// manifest.json, manifest-quote.json and keys.json.
func BuildEvidence(ctx context.Context, agent tee.Agent, in EvidenceInput) (map[string][]byte, error) {
	files := map[string][]byte{}
	var acct accountDoc
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
	rd := attest.IngressReportData(files["sha256sum.txt"])
	if files["quote.json"], err = quoteJSON(ctx, agent, rd[:]); err != nil {
		return nil, err
	}

	if b, err = json.MarshalIndent(in.Manifest, "", "  "); err != nil {
		return nil, err
	}
	files["manifest.json"] = append(b, '\n')
	rd = attest.TaggedReportData(attest.TagManifest, files["manifest.json"])
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

func quoteJSON(ctx context.Context, agent tee.Agent, rd []byte) ([]byte, error) {
	q, err := agent.GetQuote(ctx, rd)
	if err != nil {
		return nil, fmt.Errorf("evidence quote: %w", err)
	}
	b, err := json.MarshalIndent(q, "", "  ")
	return append(b, '\n'), err
}

// Evidence serves the current evidence set under /evidences/. Sets are
// replaced whole, so a reader never sees files from two generations.
type Evidence struct {
	files atomic.Pointer[map[string][]byte]
}

// Set replaces the served files.
func (e *Evidence) Set(files map[string][]byte) { e.files.Store(&files) }

// File returns one served file.
func (e *Evidence) File(name string) ([]byte, bool) {
	m := e.files.Load()
	if m == nil {
		return nil, false
	}
	b, ok := (*m)[name]
	return b, ok
}

func (e *Evidence) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	m := e.files.Load()
	if m == nil {
		http.Error(w, "evidence not ready: no certificate yet", http.StatusServiceUnavailable)
		return
	}
	name := path.Base(path.Clean("/" + strings.TrimPrefix(r.URL.Path, "/evidences")))
	if name == "/" || name == "." {
		var names []string
		for n := range *m {
			names = append(names, n)
		}
		sort.Strings(names)
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintln(w, strings.Join(names, "\n"))
		return
	}
	b, ok := (*m)[name]
	if !ok {
		http.NotFound(w, r)
		return
	}
	switch {
	case strings.HasSuffix(name, ".json"):
		w.Header().Set("Content-Type", "application/json")
	case strings.HasSuffix(name, ".pem"):
		w.Header().Set("Content-Type", "application/x-pem-file")
	default:
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	}
	w.Write(b)
}

// chainPEM encodes a DER chain as PEM.
func chainPEM(chain [][]byte) []byte {
	var out []byte
	for _, der := range chain {
		out = append(out, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})...)
	}
	return out
}
