package evidence

import (
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/devproof/devproof/internal/attest"
)

// Check names, in the order VERIFYING.md describes them. They are stable:
// scripts and other implementations match on them.
const (
	CheckPresent     = "present"
	CheckSHA256Sum   = "sha256sum"
	CheckAccount     = "account"
	CheckManifest    = "manifest"
	CheckKeys        = "keys"
	CheckQuote       = "quote"
	CheckRTMR3       = "rtmr3"
	CheckReportData  = "report_data"
	CheckIdentity    = "identity"
	CheckCertificate = "certificate"
	CheckAttested    = "attested"
)

// Checks lists every check name in order.
var Checks = []string{
	CheckPresent, CheckSHA256Sum, CheckAccount, CheckManifest, CheckKeys,
	CheckQuote, CheckRTMR3, CheckReportData, CheckIdentity, CheckCertificate, CheckAttested,
}

// Options says what Verify accepts beyond the evidence itself.
type Options struct {
	// Quote says where TCB collateral comes from; the zero value checks
	// signatures and PCK chains only.
	Quote attest.VerifyOptions
	// AllowSimulated accepts quotes from devproof's simulator. They prove
	// nothing: development and tests only.
	AllowSimulated bool
	// AppID, when set, is the app id (hex, "0x" optional) quote.json must
	// carry.
	AppID string
	// ComposeHashes, when set, are the compose hashes (hex) quote.json and
	// every key's quote may carry, e.g. every hash the app's AppAuth has
	// allowed. When empty, key quotes need only share quote.json's app id.
	ComposeHashes []string
}

// Report is what Verify found.
type Report struct {
	// Identity is read from quote.json's event log; empty when it did not
	// replay.
	Identity attest.AppIdentity `json:"identity"`
	// Manifest is manifest.json as parsed; nil when it did not parse.
	Manifest *Manifest `json:"manifest,omitempty"`
	// Keys are keys.json's entries with their quotes' verdicts.
	Keys []KeyResult `json:"keys"`
	// Quotes holds the reports on quote.json and manifest-quote.json.
	Quotes   map[string]*attest.Report `json:"quotes"`
	Failures []Failure                 `json:"failures"`
}

// KeyResult is one keys.json entry as verified.
type KeyResult struct {
	SPKISHA256 string   `json:"spki_sha256"`
	Domains    []string `json:"domains"`
	FirstSeen  string   `json:"first_seen"`
	// Served lists the cert-*.pem files whose leaf has this key.
	Served []string `json:"served,omitempty"`
	// Quote is the key's quote report, with the identity it carries; nil
	// when there is no quote or it did not parse.
	Quote *attest.Report `json:"quote,omitempty"`
}

// Failure is one failed check. File is the file at fault; for a key inside
// keys.json it is keys.json and Reason names the key.
type Failure struct {
	File   string `json:"file"`
	Check  string `json:"check"`
	Reason string `json:"reason"`
}

func (f Failure) Error() string { return f.File + ": " + f.Check + ": " + f.Reason }

// Err is nil when every check passed, else an error listing each failure
// on its own line as "<file>: <check>: <reason>".
func (r *Report) Err() error {
	errs := make([]error, len(r.Failures))
	for i, f := range r.Failures {
		errs[i] = f
	}
	return errors.Join(errs...)
}

// Verify checks an evidence set as VERIFYING.md specifies. It runs every
// check it can and collects every failure; a check whose input is missing
// or unusable is skipped, since that input already failed.
func Verify(files Files, opts Options) *Report {
	v := &verifier{files: files, opts: opts, r: &Report{Keys: []KeyResult{}, Quotes: map[string]*attest.Report{}, Failures: []Failure{}}}
	v.present()
	v.sums()
	acct := v.account()
	m := v.manifest(acct)
	keys := v.keys()
	v.quotes(m, keys)
	v.certificates(keys)
	return v.r
}

type verifier struct {
	files Files
	opts  Options
	r     *Report
}

func (v *verifier) fail(file, check, format string, args ...any) {
	v.r.Failures = append(v.r.Failures, Failure{File: file, Check: check, Reason: fmt.Sprintf(format, args...)})
}

func (v *verifier) certNames() []string {
	var names []string
	for n := range v.files {
		if strings.HasPrefix(n, "cert-") && strings.HasSuffix(n, ".pem") && len(n) > len("cert-.pem") {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return names
}

func (v *verifier) present() {
	for _, n := range []string{AccountFile, SumsFile, QuoteFile, ManifestFile, ManifestQuoteFile, KeysFile} {
		if _, ok := v.files[n]; !ok {
			v.fail(n, CheckPresent, "required file is missing")
		}
	}
	if len(v.certNames()) == 0 {
		v.fail("cert-*.pem", CheckPresent, "no certificate is served")
	}
}

// sums checks sha256sum.txt: sha256sum's text-mode format, every listed
// file served with that hash, and the dstack-ingress files all listed.
func (v *verifier) sums() {
	b, ok := v.files[SumsFile]
	if !ok {
		return
	}
	listed := map[string]bool{}
	text := string(b)
	if text != "" && !strings.HasSuffix(text, "\n") {
		v.fail(SumsFile, CheckSHA256Sum, "does not end in a newline")
	}
	var lines []string
	if text != "" {
		lines = strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	}
	for i, line := range lines {
		sum, name, ok := strings.Cut(line, "  ")
		if !ok || !isLowerHex(sum, 64) || !plainName(name) {
			v.fail(SumsFile, CheckSHA256Sum, "line %d %q is not \"<64 lowercase hex>  <file name>\"", i+1, line)
			continue
		}
		if listed[name] {
			v.fail(SumsFile, CheckSHA256Sum, "line %d lists %s again", i+1, name)
			continue
		}
		listed[name] = true
		content, ok := v.files[name]
		if !ok {
			v.fail(name, CheckSHA256Sum, "listed in %s but not served", SumsFile)
			continue
		}
		if got := sha256.Sum256(content); hex.EncodeToString(got[:]) != sum {
			v.fail(name, CheckSHA256Sum, "sha256 is %x, %s lists %s", got, SumsFile, sum)
		}
	}
	for _, n := range append([]string{AccountFile}, v.certNames()...) {
		if _, served := v.files[n]; served && !listed[n] {
			v.fail(n, CheckSHA256Sum, "served but not listed in %s", SumsFile)
		}
	}
}

func (v *verifier) account() *Account {
	b, ok := v.files[AccountFile]
	if !ok {
		return nil
	}
	var a Account
	if err := json.Unmarshal(b, &a); err != nil {
		v.fail(AccountFile, CheckAccount, "not JSON: %v", err)
		return nil
	}
	if a.URI == "" {
		v.fail(AccountFile, CheckAccount, "has no uri (the ACME account URL)")
		return nil
	}
	return &a
}

// manifest parses manifest.json and checks it against acme-account.json
// and the served certificates. It returns nil when the file is missing or
// not a version 1 manifest.
func (v *verifier) manifest(acct *Account) *Manifest {
	b, ok := v.files[ManifestFile]
	if !ok {
		return nil
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		v.fail(ManifestFile, CheckManifest, "not JSON: %v", err)
		return nil
	}
	v.r.Manifest = &m
	if m.Version != 1 {
		v.fail(ManifestFile, CheckManifest, "version is %d, want 1", m.Version)
		return nil
	}
	if acct != nil && m.ACMEAccountURI != acct.URI {
		v.fail(ManifestFile, CheckManifest, "acme_account_uri is %q, %s has uri %q", m.ACMEAccountURI, AccountFile, acct.URI)
	}
	for _, n := range v.certNames() {
		if d := certDomain(n); !slices.Contains(m.Domains, d) {
			v.fail(ManifestFile, CheckManifest, "%s is served but %s is not in domains %q", n, d, m.Domains)
		}
	}
	if _, err := time.Parse(time.RFC3339, m.CreatedAt); err != nil {
		v.fail(ManifestFile, CheckManifest, "created_at %q is not RFC 3339", m.CreatedAt)
	}
	return &m
}

// keys parses keys.json and checks each entry's form. It returns nil when
// the file is missing or not a version 1 document.
func (v *verifier) keys() *Keys {
	b, ok := v.files[KeysFile]
	if !ok {
		return nil
	}
	var k Keys
	if err := json.Unmarshal(b, &k); err != nil {
		v.fail(KeysFile, CheckKeys, "not JSON: %v", err)
		return nil
	}
	if k.Version != 1 {
		v.fail(KeysFile, CheckKeys, "version is %d, want 1", k.Version)
		return nil
	}
	seen := map[string]bool{}
	for i, key := range k.Keys {
		v.r.Keys = append(v.r.Keys, KeyResult{SPKISHA256: key.SPKISHA256, Domains: key.Domains, FirstSeen: key.FirstSeen})
		switch {
		case !isLowerHex(key.SPKISHA256, 64):
			v.fail(KeysFile, CheckKeys, "key %d: spki_sha256 %q is not 64 lowercase hex", i, key.SPKISHA256)
		case seen[key.SPKISHA256]:
			v.fail(KeysFile, CheckKeys, "key %d: %s is listed twice", i, key.SPKISHA256)
		}
		seen[key.SPKISHA256] = true
		if _, err := time.Parse(time.RFC3339, key.FirstSeen); err != nil {
			v.fail(KeysFile, CheckKeys, "key %s: first_seen %q is not RFC 3339", key.SPKISHA256, key.FirstSeen)
		}
		if key.Quote == nil {
			v.fail(KeysFile, CheckKeys, "key %s has no quote", key.SPKISHA256)
		}
	}
	return &k
}

// quotes checks every quote: quote.json, manifest-quote.json and each
// key's, then that they all come from the same app.
func (v *verifier) quotes(m *Manifest, keys *Keys) {
	var want *[64]byte
	if sums, ok := v.files[SumsFile]; ok {
		rd := SumsReportData(sums)
		want = &rd
	}
	if q := v.quote(QuoteFile, "", v.files[QuoteFile], want, "sha256(sha256sum.txt) ‖ 32 zero bytes"); q != nil {
		v.r.Quotes[QuoteFile] = q
		v.r.Identity = q.AppIdentity
	}
	id := v.r.Identity
	if id.AppID != "" {
		if v.opts.AppID != "" && id.AppID != normalHex(v.opts.AppID) {
			v.fail(QuoteFile, CheckIdentity, "app_id is %s, want %s", id.AppID, normalHex(v.opts.AppID))
		}
		v.composeAllowed(QuoteFile, "", id.ComposeHash)
	}

	want = nil
	if mb, ok := v.files[ManifestFile]; ok {
		rd := ManifestReportData(mb)
		want = &rd
	}
	mq := v.quote(ManifestQuoteFile, "", v.files[ManifestQuoteFile], want, `sha512("devproof-manifest:" ‖ manifest.json)`)
	if mq != nil {
		v.r.Quotes[ManifestQuoteFile] = mq
		if mq.AppID != "" && id.AppID != "" {
			v.sameIdentity(ManifestQuoteFile, QuoteFile, mq.AppIdentity, id)
		}
		if mq.AppID != "" && m != nil {
			v.sameIdentity(ManifestFile, ManifestQuoteFile, attest.AppIdentity{AppID: m.AppID, ComposeHash: m.ComposeHash, InstanceID: m.InstanceID}, mq.AppIdentity)
		}
	}

	if keys == nil {
		return
	}
	if id.AppID != "" && keys.AppID != id.AppID {
		v.fail(KeysFile, CheckIdentity, "app_id is %q, %s is from app %s", keys.AppID, QuoteFile, id.AppID)
	}
	for i, key := range keys.Keys {
		if key.Quote == nil {
			continue
		}
		label := "key " + key.SPKISHA256 + ": "
		raw, err := json.Marshal(key.Quote)
		if err != nil {
			v.fail(KeysFile, CheckQuote, "%s%v", label, err)
			continue
		}
		rd := SPKIReportData(key.SPKISHA256)
		kr := v.quote(KeysFile, label, raw, &rd, `sha512("devproof-spki:" ‖ `+key.SPKISHA256+`)`)
		v.r.Keys[i].Quote = kr
		if kr == nil || kr.AppID == "" {
			continue
		}
		if id.AppID != "" && kr.AppID != id.AppID {
			v.fail(KeysFile, CheckIdentity, "%squote is from app %s, %s from app %s", label, kr.AppID, QuoteFile, id.AppID)
		}
		v.composeAllowed(KeysFile, label, kr.ComposeHash)
	}
}

// quote checks one GetQuote response: signature and TCB (quote), event
// log replay and app identity (rtmr3), and report_data against want, when
// the content it binds is present (report_data). It returns nil when the
// quote does not parse.
func (v *verifier) quote(file, label string, raw []byte, want *[64]byte, formula string) *attest.Report {
	if raw == nil {
		return nil
	}
	ev, err := attest.ParseEvidence(raw)
	if err != nil {
		v.fail(file, CheckQuote, "%s%v", label, err)
		return nil
	}
	// report_data is compared here, so every problem attest.Check reports
	// comes from the event log.
	field := ev.ReportData
	ev.ReportData = nil
	rep, err := attest.Check(ev, attest.CheckOptions{VerifyOptions: v.opts.Quote})
	if err != nil {
		v.fail(file, CheckQuote, "%s%v", label, err)
		return nil
	}
	switch {
	case rep.Status == attest.Simulated && !v.opts.AllowSimulated:
		v.fail(file, CheckQuote, "%s%s", label, rep.Reason)
	case rep.Status != attest.Verified && rep.Status != attest.Simulated:
		v.fail(file, CheckQuote, "%s%s", label, rep.Reason)
	}
	switch {
	case ev.EventLog == nil:
		v.fail(file, CheckRTMR3, "%sGetQuote response has no event_log", label)
	case len(rep.Problems) > 0:
		v.fail(file, CheckRTMR3, "%s%s", label, strings.Join(rep.Problems, "; "))
	case rep.RTMR3Replay != "match" || rep.AppID == "":
		v.fail(file, CheckRTMR3, "%sevent log replay: %s, no app identity read", label, rep.RTMR3Replay)
	}
	if field != nil {
		padded := make([]byte, 64)
		copy(padded, field)
		if len(field) > 64 || hex.EncodeToString(padded) != rep.ReportData {
			v.fail(file, CheckReportData, "%sthe response's report_data field %x is not the quote's %s", label, field, rep.ReportData)
		}
	}
	if want != nil && rep.ReportData != hex.EncodeToString(want[:]) {
		v.fail(file, CheckReportData, "%squote's report_data is %s, want %s = %x", label, rep.ReportData, formula, want[:])
	}
	return rep
}

// sameIdentity checks that file's identity equals other's.
func (v *verifier) sameIdentity(file, other string, got, want attest.AppIdentity) {
	for _, f := range []struct{ name, got, want string }{
		{"app_id", got.AppID, want.AppID},
		{"compose_hash", got.ComposeHash, want.ComposeHash},
		{"instance_id", got.InstanceID, want.InstanceID},
	} {
		if f.got != f.want {
			v.fail(file, CheckIdentity, "%s is %q, %s has %q", f.name, f.got, other, f.want)
		}
	}
}

func (v *verifier) composeAllowed(file, label, hash string) {
	if len(v.opts.ComposeHashes) == 0 {
		return
	}
	for _, h := range v.opts.ComposeHashes {
		if normalHex(h) == hash {
			return
		}
	}
	v.fail(file, CheckIdentity, "%scompose_hash %s is not one of the allowed %q", label, hash, v.opts.ComposeHashes)
}

// certificates checks each cert-<domain>.pem: a parseable leaf that covers
// its domain and whose key keys.json attests.
func (v *verifier) certificates(keys *Keys) {
	attested := map[string]int{}
	if keys != nil {
		for i, k := range keys.Keys {
			attested[k.SPKISHA256] = i
		}
	}
	for _, n := range v.certNames() {
		leaf, err := parseLeaf(v.files[n])
		if err != nil {
			v.fail(n, CheckCertificate, "%v", err)
			continue
		}
		if err := coversDomain(leaf, certDomain(n)); err != nil {
			v.fail(n, CheckCertificate, "%v", err)
		}
		if keys == nil {
			continue
		}
		spki := SPKIHash(leaf)
		i, ok := attested[spki]
		if !ok {
			v.fail(n, CheckAttested, "leaf key %s (serial %x) is not in %s: the app never attested it", spki, leaf.SerialNumber, KeysFile)
			continue
		}
		v.r.Keys[i].Served = append(v.r.Keys[i].Served, n)
	}
}

// parseLeaf returns the first certificate of a PEM chain.
func parseLeaf(chain []byte) (*x509.Certificate, error) {
	rest := chain
	for {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			return nil, errors.New("holds no PEM CERTIFICATE block")
		}
		if block.Type != "CERTIFICATE" {
			continue
		}
		c, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("leaf certificate does not parse: %w", err)
		}
		return c, nil
	}
}

// coversDomain checks the leaf names domain. A wildcard domain "*.x" must
// appear as that literal SAN; VerifyHostname takes host names, not
// patterns.
func coversDomain(leaf *x509.Certificate, domain string) error {
	if strings.HasPrefix(domain, "*.") {
		for _, san := range leaf.DNSNames {
			if strings.EqualFold(san, domain) {
				return nil
			}
		}
		return fmt.Errorf("leaf's DNS names %q do not include %s", leaf.DNSNames, domain)
	}
	if err := leaf.VerifyHostname(domain); err != nil {
		return fmt.Errorf("leaf does not cover %s: %v", domain, err)
	}
	return nil
}

func certDomain(name string) string {
	return strings.TrimSuffix(strings.TrimPrefix(name, "cert-"), ".pem")
}

func isLowerHex(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for _, c := range []byte(s) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

func normalHex(s string) string {
	return strings.ToLower(strings.TrimPrefix(strings.TrimPrefix(s, "0x"), "0X"))
}
