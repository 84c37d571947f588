package evidence

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/devproof/devproof/internal/jcs"
)

// Files is one evidence set: file name to content.
type Files map[string][]byte

// Input is everything one evidence set is made from.
type Input struct {
	Manifest Manifest
	// Certs maps each domain to its PEM certificate chain, leaf first.
	Certs map[string][]byte
	// Contact is the ACME account's contact URLs, for acme-account.json.
	Contact []string
	// Keys, when not nil, is written as keys.json.
	Keys *Keys
}

// Build makes the /evidences/ files: dstack-ingress's set, byte for byte
// as its scripts write it (acme-account.json, cert-<domain>.pem,
// sha256sum.txt, and quote.json over SumsReportData), plus manifest.json
// in RFC 8785 canonical form, its quote manifest-quote.json, and keys.json.
func Build(ctx context.Context, q Quoter, in Input) (Files, error) {
	files := Files{}
	var acct Account
	acct.Body.Status = "valid"
	acct.Body.Contact = in.Contact
	acct.URI = in.Manifest.ACMEAccountURI
	b, err := json.MarshalIndent(acct, "", "  ")
	if err != nil {
		return nil, err
	}
	files[AccountFile] = append(b, '\n')
	names := []string{AccountFile}
	for d, chain := range in.Certs {
		files[CertFile(d)] = chain
		names = append(names, CertFile(d))
	}
	// dstack-ingress runs "sha256sum acme-account.json cert-*.pem": the
	// account first, then the certificates in the order the glob sorts.
	sort.Strings(names[1:])
	var sums strings.Builder
	for _, n := range names {
		fmt.Fprintf(&sums, "%x  %s\n", sha256.Sum256(files[n]), n)
	}
	files[SumsFile] = []byte(sums.String())
	rd := SumsReportData(files[SumsFile])
	if files[QuoteFile], err = quoteJSON(ctx, q, QuoteFile, rd); err != nil {
		return nil, err
	}

	// Canonical, because its bytes are hashed into manifest-quote.json and
	// a verifier in another language must be able to reproduce them.
	if files[ManifestFile], err = jcs.Marshal(in.Manifest); err != nil {
		return nil, fmt.Errorf("%s: %w", ManifestFile, err)
	}
	rd = ManifestReportData(files[ManifestFile])
	if files[ManifestQuoteFile], err = quoteJSON(ctx, q, ManifestQuoteFile, rd); err != nil {
		return nil, err
	}
	if in.Keys != nil {
		if b, err = json.MarshalIndent(in.Keys, "", "  "); err != nil {
			return nil, err
		}
		files[KeysFile] = append(b, '\n')
	}
	return files, nil
}

func quoteJSON(ctx context.Context, q Quoter, name string, rd [64]byte) ([]byte, error) {
	resp, err := q.GetQuote(ctx, rd[:])
	if err != nil {
		return nil, fmt.Errorf("quoting %s: %w", name, err)
	}
	b, err := json.MarshalIndent(resp, "", "  ")
	return append(b, '\n'), err
}
