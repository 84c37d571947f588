package evidence

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"flag"
	"fmt"
	"maps"
	"math/big"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/devproof/devproof/internal/attest"
	"github.com/devproof/devproof/internal/jcs"
	"github.com/devproof/devproof/internal/tee"
	"github.com/devproof/devproof/internal/teesim"
)

var update = flag.Bool("update", false, "regenerate testdata/ with the simulator")

func TestMain(m *testing.M) {
	flag.Parse()
	if *update {
		if err := generate("testdata"); err != nil {
			fmt.Fprintln(os.Stderr, "regenerating testdata:", err)
			os.Exit(1)
		}
	}
	os.Exit(m.Run())
}

// The golden deployment: its simulator seed, its domains and the moment
// its evidence was made.
const (
	goldenSeed   = "devproof evidence golden"
	otherSeed    = "devproof evidence other app"
	appDomain    = "app.devproof.test"
	apiDomain    = "api.devproof.test"
	wildDomain   = "*.w.devproof.test"
	accountURI   = "https://acme-v02.api.letsencrypt.org/acme/acct/2468013579"
	notarySigner = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed" // EIP-55's own example
)

var goldenTime = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// otherCompose is a different app, run by the same developer on the same
// kind of host: it gets another app id and compose hash.
var otherCompose = []byte(`{"manifest_version":2,"name":"not-devproof","runner":"docker-compose","docker_compose_file":"services: {}\n"}`)

// broken lists the variants under testdata/broken and the one failure
// each must produce.
var broken = map[string]Failure{
	"cert-edited":            {File: CertFile(appDomain), Check: CheckSHA256Sum},
	"cert-unlisted":          {File: CertFile(apiDomain), Check: CheckSHA256Sum},
	"quote-swapped":          {File: QuoteFile, Check: CheckReportData},
	"quote-altered":          {File: QuoteFile, Check: CheckQuote},
	"eventlog-altered":       {File: QuoteFile, Check: CheckRTMR3},
	"manifest-edited":        {File: ManifestQuoteFile, Check: CheckReportData},
	"manifest-account":       {File: ManifestFile, Check: CheckManifest},
	"key-wrong-spki":         {File: KeysFile, Check: CheckReportData},
	"key-other-app":          {File: KeysFile, Check: CheckIdentity},
	"unattested-cert":        {File: CertFile(appDomain), Check: CheckAttested},
	"keys-version":           {File: KeysFile, Check: CheckKeys},
	"missing-manifest-quote": {File: ManifestQuoteFile, Check: CheckPresent},
}

// simApp is a simulated app reached through tee.Client over a socket.
type simApp struct {
	*tee.Client
	info *tee.InfoResponse
	stop func()
}

func startApp(seed string, compose []byte) (*simApp, error) {
	sim, err := teesim.New(teesim.Config{Seed: []byte(seed), AppCompose: compose})
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "evidence-sim")
	if err != nil {
		return nil, err
	}
	client, stop, err := sim.Start(filepath.Join(dir, "dstack.sock"))
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	info, err := client.Info(context.Background())
	if err != nil {
		stop()
		os.RemoveAll(dir)
		return nil, err
	}
	return &simApp{Client: client, info: info, stop: func() { stop(); os.RemoveAll(dir) }}, nil
}

// testCA is a throwaway ECDSA CA that signs leaves shaped like Let's
// Encrypt's: P-256 key, one DNS name, server auth, 90 days.
type testCA struct {
	cert *x509.Certificate
	key  *ecdsa.PrivateKey
}

func newTestCA() (*testCA, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{Organization: []string{"devproof test"}, CommonName: "devproof evidence test CA"},
		NotBefore:             goldenTime.AddDate(-1, 0, 0),
		NotAfter:              goldenTime.AddDate(9, 0, 0),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign | x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, err
	}
	cert, err := x509.ParseCertificate(der)
	return &testCA{cert: cert, key: key}, err
}

// newLeaf returns a fresh key's leaf for domain and its PEM chain, leaf
// first, as certbot's fullchain.pem holds it.
func (ca *testCA) newLeaf(domain string, notBefore time.Time) (*x509.Certificate, []byte, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, err
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		return nil, nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: domain},
		DNSNames:              []string{domain},
		NotBefore:             notBefore,
		NotAfter:              notBefore.Add(90 * 24 * time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.cert, &key.PublicKey, ca.key)
	if err != nil {
		return nil, nil, err
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, nil, err
	}
	chain := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	chain = append(chain, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: ca.cert.Raw})...)
	return leaf, chain, nil
}

// deployment is one evidence set and what it was built from.
type deployment struct {
	app   *simApp
	ca    *testCA
	in    Input
	files Files
}

// newDeployment builds the evidence of an app serving two domains, whose
// keys.json also holds the key the first domain used before its renewal.
func newDeployment(ctx context.Context, app *simApp, ca *testCA, domains [2]string) (*deployment, error) {
	d := &deployment{app: app, ca: ca}
	keys := &Keys{Version: 1, AppID: app.info.AppID}
	issued := goldenTime.AddDate(0, 0, -80)
	renewed := goldenTime.AddDate(0, 0, -20)
	certs := map[string][]byte{}
	for _, c := range []struct {
		domain string
		at     time.Time
	}{{domains[0], issued}, {domains[1], issued}, {domains[0], renewed}} {
		leaf, chain, err := ca.newLeaf(c.domain, c.at)
		if err != nil {
			return nil, err
		}
		if _, err := keys.Add(ctx, app, leaf, []string{c.domain}, c.at); err != nil {
			return nil, err
		}
		certs[c.domain] = chain
	}
	d.in = Input{
		Manifest: Manifest{
			Version:        1,
			AppID:          app.info.AppID,
			InstanceID:     app.info.InstanceID,
			ComposeHash:    app.info.ComposeHash,
			Domains:        domains[:],
			ACMEAccountURI: accountURI,
			NotarySigner:   notarySigner,
			CreatedAt:      goldenTime.Format(time.RFC3339),
		},
		Certs:   certs,
		Contact: []string{"mailto:ops@devproof.test"},
		Keys:    keys,
	}
	var err error
	d.files, err = Build(ctx, app, d.in)
	return d, err
}

func (d *deployment) clone() Files {
	out := Files{}
	for k, v := range d.files {
		out[k] = slices.Clone(v)
	}
	return out
}

// keysWith returns keys.json after f edited a copy of the keys.
func (d *deployment) keysWith(f func(*Keys)) []byte {
	k := *d.in.Keys
	k.Keys = slices.Clone(k.Keys)
	f(&k)
	b, err := json.MarshalIndent(&k, "", "  ")
	if err != nil {
		panic(err)
	}
	return append(b, '\n')
}

// variants builds each broken set. Each stands for a developer who
// controls the host and can run other apps but cannot get a quote for this
// app's measurement over content of their choosing, so everything except
// the one fault is made consistent, re-quoted by this app where needed.
func (d *deployment) variants(ctx context.Context, other *simApp) (map[string]Files, error) {
	out := map[string]Files{}
	var err error
	quote := func(q Quoter, rd [64]byte) []byte {
		if err != nil {
			return nil
		}
		var b []byte
		b, err = quoteJSON(ctx, q, "variant", rd)
		return b
	}

	// A certificate edited after hashing: here the chain lost its CA.
	f := d.clone()
	leaf, _ := pem.Decode(f[CertFile(appDomain)])
	f[CertFile(appDomain)] = pem.EncodeToMemory(leaf)
	out["cert-edited"] = f

	// A certificate left out of sha256sum.txt, quote.json re-quoted.
	f = d.clone()
	sums := fmt.Appendf(nil, "%x  %s\n%x  %s\n", sha256.Sum256(f[AccountFile]), AccountFile, sha256.Sum256(f[CertFile(appDomain)]), CertFile(appDomain))
	f[SumsFile] = sums
	f[QuoteFile] = quote(d.app, SumsReportData(sums))
	out["cert-unlisted"] = f

	// Another quote of the same app served as quote.json.
	f = d.clone()
	f[QuoteFile] = f[ManifestQuoteFile]
	out["quote-swapped"] = f

	// One bit of MRTD flipped inside the signed quote body.
	f = d.clone()
	f[QuoteFile] = editQuote(f[QuoteFile], func(r *tee.GetQuoteResponse) {
		raw, _ := hex.DecodeString(r.Quote)
		raw[48+136] ^= 1
		r.Quote = hex.EncodeToString(raw)
	})
	out["quote-altered"] = f

	// An event log that claims another compose hash.
	f = d.clone()
	f[QuoteFile] = editQuote(f[QuoteFile], func(r *tee.GetQuoteResponse) {
		var events []attest.Event
		if err := json.Unmarshal([]byte(r.EventLog), &events); err != nil {
			panic(err)
		}
		fake := sha256.Sum256(otherCompose)
		for i := range events {
			if events[i].Event == "compose-hash" {
				events[i] = attest.NewRuntimeEvent("compose-hash", fake[:], events[i].Version)
			}
		}
		b, _ := json.Marshal(events)
		r.EventLog = string(b)
	})
	out["eventlog-altered"] = f

	// manifest.json edited after it was quoted: another notary signer.
	m := d.in.Manifest
	m.NotarySigner = "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359"
	f = d.clone()
	f[ManifestFile], _ = jcs.Marshal(m)
	out["manifest-edited"] = f

	// A manifest, properly quoted, naming another ACME account.
	m = d.in.Manifest
	m.ACMEAccountURI = "https://acme-v02.api.letsencrypt.org/acme/acct/1357924680"
	f = d.clone()
	f[ManifestFile], _ = jcs.Marshal(m)
	f[ManifestQuoteFile] = quote(d.app, ManifestReportData(f[ManifestFile]))
	out["manifest-account"] = f

	// The older key's entry carries the quote of another key.
	f = d.clone()
	f[KeysFile] = d.keysWith(func(k *Keys) { k.Keys[0].Quote = k.Keys[1].Quote })
	out["key-wrong-spki"] = f

	// The current key of the first domain quoted, properly, by another app.
	f = d.clone()
	var otherQuote *tee.GetQuoteResponse
	if err == nil {
		rd := SPKIReportData(d.in.Keys.Keys[2].SPKISHA256)
		otherQuote, err = other.GetQuote(ctx, rd[:])
	}
	f[KeysFile] = d.keysWith(func(k *Keys) { k.Keys[2].Quote = otherQuote })
	out["key-other-app"] = f

	// A certificate for a key the app never attested, everything else
	// rebuilt around it.
	if err == nil {
		var chain []byte
		if _, chain, err = d.ca.newLeaf(appDomain, goldenTime.AddDate(0, 0, -1)); err == nil {
			in := d.in
			in.Certs = maps.Clone(in.Certs)
			in.Certs[appDomain] = chain
			out["unattested-cert"], err = Build(ctx, d.app, in)
		}
	}

	f = d.clone()
	f[KeysFile] = d.keysWith(func(k *Keys) { k.Version = 2 })
	out["keys-version"] = f

	f = d.clone()
	delete(f, ManifestQuoteFile)
	out["missing-manifest-quote"] = f
	return out, err
}

func editQuote(file []byte, f func(*tee.GetQuoteResponse)) []byte {
	var r tee.GetQuoteResponse
	if err := json.Unmarshal(file, &r); err != nil {
		panic(err)
	}
	f(&r)
	b, err := json.MarshalIndent(&r, "", "  ")
	if err != nil {
		panic(err)
	}
	return append(b, '\n')
}

// generate rewrites testdata: good/, broken/<variant>/, broken.json and
// wildcard.json (a set with a wildcard domain, as a JSON object of file
// name to content, since '*' may not appear in a Go module's file names).
func generate(dir string) error {
	ctx := context.Background()
	app, err := startApp(goldenSeed, nil)
	if err != nil {
		return err
	}
	defer app.stop()
	other, err := startApp(otherSeed, otherCompose)
	if err != nil {
		return err
	}
	defer other.stop()
	ca, err := newTestCA()
	if err != nil {
		return err
	}
	good, err := newDeployment(ctx, app, ca, [2]string{appDomain, apiDomain})
	if err != nil {
		return err
	}
	variants, err := good.variants(ctx, other)
	if err != nil {
		return err
	}
	wild, err := newDeployment(ctx, app, ca, [2]string{appDomain, wildDomain})
	if err != nil {
		return err
	}

	for _, sub := range []string{"good", "broken"} {
		if err := os.RemoveAll(filepath.Join(dir, sub)); err != nil {
			return err
		}
	}
	if err := writeDir(filepath.Join(dir, "good"), good.files); err != nil {
		return err
	}
	for name, files := range variants {
		if err := writeDir(filepath.Join(dir, "broken", name), files); err != nil {
			return err
		}
	}
	expect := map[string]map[string]string{}
	for name, f := range broken {
		expect[name] = map[string]string{"file": f.File, "check": f.Check}
	}
	if err := writeJSON(filepath.Join(dir, "broken.json"), expect); err != nil {
		return err
	}
	asText := map[string]string{}
	for n, b := range wild.files {
		asText[n] = string(b)
	}
	return writeJSON(filepath.Join(dir, "wildcard.json"), asText)
}

func writeDir(dir string, files Files) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if err := os.WriteFile(filepath.Join(dir, n), files[n], 0o644); err != nil {
			return err
		}
	}
	return nil
}

func writeJSON(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}

func readWildcard(t *testing.T) Files {
	t.Helper()
	b, err := os.ReadFile("testdata/wildcard.json")
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]string
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("testdata/wildcard.json: %v", err)
	}
	files := Files{}
	for n, s := range m {
		files[n] = []byte(s)
	}
	return files
}

func readGood(t *testing.T) Files {
	t.Helper()
	files, err := ReadDir("testdata/good")
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// goldenIdentity is what the golden seed's simulator measures.
func goldenIdentity(t *testing.T) *tee.InfoResponse {
	t.Helper()
	sim, err := teesim.New(teesim.Config{Seed: []byte(goldenSeed)})
	if err != nil {
		t.Fatal(err)
	}
	info, err := sim.Info()
	if err != nil {
		t.Fatal(err)
	}
	return info
}

// good/ passes every check once simulated quotes are allowed, and the
// report says what the deployment is.
func TestGoldenGood(t *testing.T) {
	rep := Verify(readGood(t), Options{AllowSimulated: true})
	if err := rep.Err(); err != nil {
		t.Fatalf("good/ failed:\n%v", err)
	}
	info := goldenIdentity(t)
	id := rep.Identity
	if id.AppID != info.AppID || id.ComposeHash != info.ComposeHash || id.InstanceID != info.InstanceID {
		t.Errorf("identity %+v, want the golden simulator's %s/%s/%s", id, info.AppID, info.ComposeHash, info.InstanceID)
	}
	if rep.Manifest == nil || !slices.Equal(rep.Manifest.Domains, []string{appDomain, apiDomain}) || rep.Manifest.ACMEAccountURI != accountURI {
		t.Errorf("manifest %+v", rep.Manifest)
	}
	if len(rep.Keys) != 3 {
		t.Fatalf("%d keys, want 3", len(rep.Keys))
	}
	served := [][]string{nil, {CertFile(apiDomain)}, {CertFile(appDomain)}}
	domains := []string{appDomain, apiDomain, appDomain}
	for i, k := range rep.Keys {
		if !slices.Equal(k.Served, served[i]) || !slices.Equal(k.Domains, []string{domains[i]}) {
			t.Errorf("key %d: served %q domains %q, want %q %q", i, k.Served, k.Domains, served[i], domains[i])
		}
		if k.Quote == nil || k.Quote.Status != attest.Simulated || k.Quote.AppID != info.AppID {
			t.Errorf("key %d quote: %+v", i, k.Quote)
		}
	}
	for _, f := range []string{QuoteFile, ManifestQuoteFile} {
		if q := rep.Quotes[f]; q == nil || q.Status != attest.Simulated || q.RTMR3Replay != "match" {
			t.Errorf("%s: %+v", f, q)
		}
	}
}

// Without AllowSimulated, good/ fails on every quote, and only there, with
// the words every verifier uses for a simulated quote.
func TestGoldenSimulatedRefused(t *testing.T) {
	rep := Verify(readGood(t), Options{})
	files := map[string]int{}
	for _, f := range rep.Failures {
		if f.Check != CheckQuote || !strings.Contains(f.Reason, attest.SimulatedReason) {
			t.Errorf("unexpected failure %v", f)
		}
		files[f.File]++
	}
	if files[QuoteFile] != 1 || files[ManifestQuoteFile] != 1 || files[KeysFile] != 3 {
		t.Errorf("quote failures per file %v, want quote.json 1, manifest-quote.json 1, keys.json 3", files)
	}
}

// Each broken variant fails exactly the check broken.json names, on the
// file it names, and no other.
func TestGoldenBroken(t *testing.T) {
	b, err := os.ReadFile("testdata/broken.json")
	if err != nil {
		t.Fatal(err)
	}
	var expect map[string]Failure
	if err := json.Unmarshal(b, &expect); err != nil {
		t.Fatalf("testdata/broken.json: %v", err)
	}
	entries, err := os.ReadDir("testdata/broken")
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != len(expect) || len(expect) != len(broken) {
		t.Errorf("%d variant directories, %d in broken.json, %d in the generator", len(entries), len(expect), len(broken))
	}
	for _, e := range entries {
		t.Run(e.Name(), func(t *testing.T) {
			want, ok := expect[e.Name()]
			if !ok {
				t.Fatalf("not in broken.json")
			}
			files, err := ReadDir(filepath.Join("testdata/broken", e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			rep := Verify(files, Options{AllowSimulated: true})
			if len(rep.Failures) == 0 {
				t.Fatalf("passed, want %s: %s", want.File, want.Check)
			}
			for _, f := range rep.Failures {
				if f.File != want.File || f.Check != want.Check {
					t.Errorf("failure %v, want only %s: %s", f, want.File, want.Check)
				}
			}
		})
	}
}

// The wildcard set: cert-*.w.devproof.test.pem must name the wildcard
// literally, so a certificate for a host under it is refused there.
func TestGoldenWildcard(t *testing.T) {
	files := readWildcard(t)
	if _, ok := files[CertFile(wildDomain)]; !ok {
		t.Fatalf("wildcard.json has no %s", CertFile(wildDomain))
	}
	if err := Verify(files, Options{AllowSimulated: true}).Err(); err != nil {
		t.Fatalf("wildcard set failed:\n%v", err)
	}
	ca, err := newTestCA()
	if err != nil {
		t.Fatal(err)
	}
	_, chain, err := ca.newLeaf("x.w.devproof.test", goldenTime)
	if err != nil {
		t.Fatal(err)
	}
	files[CertFile(wildDomain)] = chain
	rep := Verify(files, Options{AllowSimulated: true})
	if !hasFailure(rep, CertFile(wildDomain), CheckCertificate) {
		t.Errorf("a certificate for x.w.devproof.test served as %s: %v", CertFile(wildDomain), rep.Err())
	}
}

func hasFailure(rep *Report, file, check string) bool {
	return slices.ContainsFunc(rep.Failures, func(f Failure) bool { return f.File == file && f.Check == check })
}
