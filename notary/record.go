package notary

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/devproof/devproof/internal/jcs"
	"github.com/devproof/devproof/notary/ctpolicy"
	"github.com/devproof/devproof/notary/revocation"
)

// Record is R, the session record: what was asked, what came back, over
// which TLS session, checked how, by which notary. Its canonical encoding
// is RFC 8785 JCS of R's JSON (the JSON encoding/json writes for this
// struct), so a verifier in any language can reproduce the hashes a
// statement carries:
//
//	sessionHash  = sha256(JCS(R))
//	requestHash  = sha256(JCS(R.request))
//	responseHash = sha256(JCS(R.response))
//
// testdata/record-vector.json is a worked example.
type Record struct {
	// Version is RecordVersion for records this package makes.
	Version  int            `json:"version"`
	Request  RecordRequest  `json:"request"`
	Response RecordResponse `json:"response"`
	TLS      RecordTLS      `json:"tls"`
	Timings  Timings        `json:"timings"`
	Checks   []Check        `json:"checks"`
	// LogListVersion names the CT log-list snapshot the checks used.
	LogListVersion string `json:"log_list_version"`
	Notary         Notary `json:"notary"`
}

// RecordVersion is the Version of the records Fetch makes. Version 1
// hashed encoding/json's output as it was; version 2 hashes its JCS form.
const RecordVersion = 2

// RecordRequest is the request, secrets redacted: the URL without any
// user:password@ (sent as an Authorization header instead), secret
// headers as the sha256 of their values.
type RecordRequest struct {
	Method     string              `json:"method"`
	URL        string              `json:"url"`
	Headers    map[string][]string `json:"headers"`
	BodySHA256 string              `json:"body_sha256"`
}

// RecordResponse is the final response. Its URLs carry no userinfo, and
// its secret headers are redacted as the request's are.
type RecordResponse struct {
	// URL is where the response came from: the request's URL, or the last
	// redirect's target.
	URL     string              `json:"url"`
	Status  int                 `json:"status"`
	Headers map[string][]string `json:"headers"`
	// Body is the body when it fits the record's bound; BodySHA256 is
	// always set.
	Body       []byte `json:"body,omitempty"`
	BodySHA256 string `json:"body_sha256"`
	BodyLength int64  `json:"body_length"`
	// Redirects lists the URLs followed before the final one.
	Redirects []string `json:"redirects,omitempty"`
}

// RecordTLS is the session the response came over.
type RecordTLS struct {
	Version     string         `json:"version"`
	CipherSuite string         `json:"cipher_suite"`
	ServerName  string         `json:"server_name"`
	Chain       [][]byte       `json:"chain"` // DER, leaf first
	SCTs        []ctpolicy.SCT `json:"scts"`
	// Revocation is the evidence for the leaf; IntermediateRevocation has
	// one entry per intermediate of the verified chain, the leaf's issuer
	// first (none when the leaf's issuer is the root).
	Revocation             *revocation.Evidence   `json:"revocation,omitempty"`
	IntermediateRevocation []*revocation.Evidence `json:"intermediate_revocation,omitempty"`
}

// Timings are the phases of the fetch.
type Timings struct {
	Start        time.Time `json:"start"`
	Connected    time.Time `json:"connected,omitempty"`
	TLSDone      time.Time `json:"tls_done,omitempty"`
	FirstByte    time.Time `json:"first_byte,omitempty"`
	Done         time.Time `json:"done"`
	TotalSeconds float64   `json:"total_seconds"`
}

// Notary is who made the record.
type Notary struct {
	AppID       string `json:"app_id"`
	ComposeHash string `json:"compose_hash"`
}

// Canonical is the record's canonical encoding, JCS(R).
func (r *Record) Canonical() ([]byte, error) { return jcs.Marshal(r) }

// SessionHash is sha256(JCS(R)).
func (r *Record) SessionHash() ([32]byte, error) { return hashJCS(r) }

// RequestHash is sha256(JCS(R.request)) and ResponseHash is
// sha256(JCS(R.response)); they bind a statement to each half.
func (r *Record) RequestHash() ([32]byte, error)  { return hashJCS(r.Request) }
func (r *Record) ResponseHash() ([32]byte, error) { return hashJCS(r.Response) }

func hashJCS(v any) ([32]byte, error) {
	b, err := jcs.Marshal(v)
	if err != nil {
		return [32]byte{}, fmt.Errorf("session record: %w", err)
	}
	return sha256.Sum256(b), nil
}

func sha256Hex(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// secretHeaders are replaced by the sha256 of their value in records, so
// the record can be published without the credentials; so is any header
// whose name ends in -token or -key or holds "secret", and any the request
// names in SecretHeaders.
var secretHeaders = map[string]bool{
	"authorization": true, "proxy-authorization": true, "cookie": true, "set-cookie": true,
}

func isSecret(name string, extra []string) bool {
	n := strings.ToLower(name)
	if secretHeaders[n] || strings.HasSuffix(n, "-token") || strings.HasSuffix(n, "-key") || strings.Contains(n, "secret") {
		return true
	}
	for _, e := range extra {
		if strings.EqualFold(strings.TrimSpace(e), n) {
			return true
		}
	}
	return false
}

// redact is h with names in lower case, values sorted, and secret values
// (isSecret, with the caller's extra names) replaced by their sha256.
func redact(h http.Header, extra ...string) map[string][]string {
	out := map[string][]string{}
	for k, vs := range h {
		lk := strings.ToLower(k)
		secret := isSecret(lk, extra)
		for _, v := range vs {
			if secret {
				v = "redacted:sha256:" + sha256Hex([]byte(v))
			}
			out[lk] = append(out[lk], v)
		}
		sort.Strings(out[lk])
	}
	return out
}

// withoutUserinfo is u with any user:password@ removed: records and errors
// may be published.
func withoutUserinfo(u *url.URL) string {
	c := *u
	c.User = nil
	return c.String()
}
