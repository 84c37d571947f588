package evidence

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/devproof/devproof/internal/tee"
)

// sealer rebuilds what a dishonest host can rebuild after an edit:
// sha256sum.txt, and quotes from the golden app over the new content.
type sealer struct {
	t          *testing.T
	app, other *simApp
}

func newSealer(t *testing.T) *sealer {
	t.Helper()
	app, err := startApp(goldenSeed, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(app.stop)
	other, err := startApp(otherSeed, otherCompose)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(other.stop)
	return &sealer{t: t, app: app, other: other}
}

func (s *sealer) quote(q Quoter, rd [64]byte) []byte {
	b, err := quoteJSON(context.Background(), q, "test", rd)
	if err != nil {
		s.t.Fatal(err)
	}
	return b
}

// resum rewrites sha256sum.txt over the account and certificates served.
func (s *sealer) resum(f Files) {
	names := []string{AccountFile}
	for n := range f {
		if strings.HasPrefix(n, "cert-") {
			names = append(names, n)
		}
	}
	slices.Sort(names[1:])
	var b strings.Builder
	for _, n := range names {
		fmt.Fprintf(&b, "%x  %s\n", sha256.Sum256(f[n]), n)
	}
	f[SumsFile] = []byte(b.String())
}

// requote quotes sha256sum.txt and manifest.json again as they are.
func (s *sealer) requote(f Files) {
	f[QuoteFile] = s.quote(s.app, SumsReportData(f[SumsFile]))
	f[ManifestQuoteFile] = s.quote(s.app, ManifestReportData(f[ManifestFile]))
}

func (s *sealer) seal(f Files) {
	s.resum(f)
	s.requote(f)
}

func editJSON[T any](t *testing.T, f Files, name string, edit func(*T)) {
	t.Helper()
	var v T
	if err := json.Unmarshal(f[name], &v); err != nil {
		t.Fatal(err)
	}
	edit(&v)
	b, err := json.MarshalIndent(&v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	f[name] = append(b, '\n')
}

// Each rule, one negative case: an edit of good/ made consistent wherever
// a dishonest host could, then the one failure it must cause.
func TestVerifyRules(t *testing.T) {
	s := newSealer(t)
	good := readGood(t)
	for _, tc := range []struct {
		name        string
		edit        func(t *testing.T, f Files)
		opts        Options
		file, check string
		// also lists other (file, check) pairs this edit may cause.
		also []Failure
	}{
		{name: "no certificate", edit: func(t *testing.T, f Files) {
			delete(f, CertFile(appDomain))
			delete(f, CertFile(apiDomain))
			s.seal(f)
		}, file: "cert-*.pem", check: CheckPresent},
		{name: "sha256sum uppercase hex", edit: func(t *testing.T, f Files) {
			f[SumsFile] = []byte(strings.Replace(string(f[SumsFile]), string(f[SumsFile][:64]), strings.ToUpper(string(f[SumsFile][:64])), 1))
			s.requote(f)
		}, file: SumsFile, check: CheckSHA256Sum, also: []Failure{{File: AccountFile, Check: CheckSHA256Sum}}},
		{name: "sha256sum binary-mode line", edit: func(t *testing.T, f Files) {
			f[SumsFile] = []byte(strings.Replace(string(f[SumsFile]), "  acme-account.json", " *acme-account.json", 1))
			s.requote(f)
		}, file: SumsFile, check: CheckSHA256Sum, also: []Failure{{File: AccountFile, Check: CheckSHA256Sum}}},
		{name: "sha256sum duplicate", edit: func(t *testing.T, f Files) {
			line, _, _ := strings.Cut(string(f[SumsFile]), "\n")
			f[SumsFile] = append(f[SumsFile], line+"\n"...)
			s.requote(f)
		}, file: SumsFile, check: CheckSHA256Sum},
		{name: "sha256sum lists an absent file", edit: func(t *testing.T, f Files) {
			f[SumsFile] = append(f[SumsFile], fmt.Sprintf("%x  cert-gone.devproof.test.pem\n", sha256.Sum256(nil))...)
			s.requote(f)
		}, file: "cert-gone.devproof.test.pem", check: CheckSHA256Sum},
		{name: "sha256sum without final newline", edit: func(t *testing.T, f Files) {
			f[SumsFile] = f[SumsFile][:len(f[SumsFile])-1]
			s.requote(f)
		}, file: SumsFile, check: CheckSHA256Sum},
		{name: "account not JSON", edit: func(t *testing.T, f Files) {
			f[AccountFile] = []byte("uri: x\n")
			s.seal(f)
		}, file: AccountFile, check: CheckAccount},
		{name: "account without uri", edit: func(t *testing.T, f Files) {
			editJSON(t, f, AccountFile, func(a *Account) { a.URI = "" })
			s.seal(f)
		}, file: AccountFile, check: CheckAccount},
		{name: "manifest not JSON", edit: func(t *testing.T, f Files) {
			f[ManifestFile] = []byte("{")
			s.requote(f)
		}, file: ManifestFile, check: CheckManifest},
		{name: "manifest version 2", edit: func(t *testing.T, f Files) {
			editJSON(t, f, ManifestFile, func(m *Manifest) { m.Version = 2 })
			s.requote(f)
		}, file: ManifestFile, check: CheckManifest},
		{name: "manifest created_at", edit: func(t *testing.T, f Files) {
			editJSON(t, f, ManifestFile, func(m *Manifest) { m.CreatedAt = "2026-03-01 12:00:00" })
			s.requote(f)
		}, file: ManifestFile, check: CheckManifest},
		{name: "manifest lacks a served domain", edit: func(t *testing.T, f Files) {
			editJSON(t, f, ManifestFile, func(m *Manifest) { m.Domains = []string{appDomain} })
			s.requote(f)
		}, file: ManifestFile, check: CheckManifest},
		{name: "manifest claims another compose hash", edit: func(t *testing.T, f Files) {
			editJSON(t, f, ManifestFile, func(m *Manifest) { m.ComposeHash = strings.Repeat("ab", 32) })
			s.requote(f)
		}, file: ManifestFile, check: CheckIdentity},
		{name: "manifest quoted by another app", edit: func(t *testing.T, f Files) {
			f[ManifestQuoteFile] = s.quote(s.other, ManifestReportData(f[ManifestFile]))
		}, file: ManifestQuoteFile, check: CheckIdentity, also: []Failure{{File: ManifestFile, Check: CheckIdentity}}},
		{name: "keys not JSON", edit: func(t *testing.T, f Files) {
			f[KeysFile] = []byte("[]")
		}, file: KeysFile, check: CheckKeys},
		{name: "keys uppercase spki", edit: func(t *testing.T, f Files) {
			editJSON(t, f, KeysFile, func(k *Keys) { k.Keys[0].SPKISHA256 = strings.ToUpper(k.Keys[0].SPKISHA256) })
		}, file: KeysFile, check: CheckKeys, also: []Failure{{File: KeysFile, Check: CheckReportData}}},
		{name: "keys duplicate", edit: func(t *testing.T, f Files) {
			editJSON(t, f, KeysFile, func(k *Keys) { k.Keys = append(k.Keys, k.Keys[0]) })
		}, file: KeysFile, check: CheckKeys},
		{name: "key without quote", edit: func(t *testing.T, f Files) {
			editJSON(t, f, KeysFile, func(k *Keys) { k.Keys[0].Quote = nil })
		}, file: KeysFile, check: CheckKeys},
		{name: "key first_seen", edit: func(t *testing.T, f Files) {
			editJSON(t, f, KeysFile, func(k *Keys) { k.Keys[0].FirstSeen = "yesterday" })
		}, file: KeysFile, check: CheckKeys},
		{name: "keys of another app id", edit: func(t *testing.T, f Files) {
			editJSON(t, f, KeysFile, func(k *Keys) { k.AppID = s.other.info.AppID })
		}, file: KeysFile, check: CheckIdentity},
		{name: "key quote without event log", edit: func(t *testing.T, f Files) {
			editJSON(t, f, KeysFile, func(k *Keys) { k.Keys[0].Quote.EventLog = "" })
		}, file: KeysFile, check: CheckRTMR3},
		{name: "quote.json report_data field disagrees", edit: func(t *testing.T, f Files) {
			f[QuoteFile] = editQuote(f[QuoteFile], func(r *tee.GetQuoteResponse) { r.ReportData = strings.Repeat("00", 64) })
		}, file: QuoteFile, check: CheckReportData},
		{name: "quote.json not a quote", edit: func(t *testing.T, f Files) {
			f[QuoteFile] = []byte(`{"quote":"0400"}`)
		}, file: QuoteFile, check: CheckQuote},
		{name: "certificate unparseable", edit: func(t *testing.T, f Files) {
			f[CertFile(apiDomain)] = []byte("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")
			s.seal(f)
		}, file: CertFile(apiDomain), check: CheckCertificate},
		{name: "certificate not PEM", edit: func(t *testing.T, f Files) {
			f[CertFile(apiDomain)] = []byte("not a certificate\n")
			s.seal(f)
		}, file: CertFile(apiDomain), check: CheckCertificate},
		{name: "certificate for another domain", edit: func(t *testing.T, f Files) {
			f[CertFile(apiDomain)] = f[CertFile(appDomain)]
			s.seal(f)
		}, file: CertFile(apiDomain), check: CheckCertificate},
		{name: "expected app id", opts: Options{AppID: "0x" + strings.Repeat("12", 20)},
			file: QuoteFile, check: CheckIdentity},
		{name: "allowed compose hashes", opts: Options{ComposeHashes: []string{strings.Repeat("ab", 32)}},
			file: QuoteFile, check: CheckIdentity, also: []Failure{{File: KeysFile, Check: CheckIdentity}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := maps.Clone(good)
			if tc.edit != nil {
				tc.edit(t, f)
			}
			tc.opts.AllowSimulated = true
			rep := Verify(f, tc.opts)
			if !hasFailure(rep, tc.file, tc.check) {
				t.Errorf("no %s: %s failure; got:\n%v", tc.file, tc.check, rep.Err())
			}
			allowed := append(tc.also, Failure{File: tc.file, Check: tc.check})
			for _, got := range rep.Failures {
				if !slices.ContainsFunc(allowed, func(a Failure) bool { return a.File == got.File && a.Check == got.Check }) {
					t.Errorf("unexpected failure %v", got)
				}
			}
		})
	}
}

// The options that add expectations pass when they hold.
func TestVerifyOptionsHold(t *testing.T) {
	info := goldenIdentity(t)
	rep := Verify(readGood(t), Options{
		AllowSimulated: true,
		AppID:          "0x" + strings.ToUpper(info.AppID),
		ComposeHashes:  []string{strings.Repeat("ab", 32), info.ComposeHash},
	})
	if err := rep.Err(); err != nil {
		t.Error(err)
	}
}

// Err lists every failure, one per line, as "<file>: <check>: <reason>".
func TestReportErr(t *testing.T) {
	r := &Report{}
	if r.Err() != nil {
		t.Error("no failures, yet an error")
	}
	r.Failures = []Failure{{File: "a", Check: CheckQuote, Reason: "x"}, {File: "b", Check: CheckKeys, Reason: "y"}}
	if got := r.Err().Error(); got != "a: quote: x\nb: keys: y" {
		t.Errorf("Err() = %q", got)
	}
}
