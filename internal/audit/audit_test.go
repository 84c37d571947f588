package audit

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"net"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/miekg/dns"

	"github.com/devproof/devproof/internal/dnsserver"
	"github.com/devproof/devproof/internal/evidence"
	"github.com/devproof/devproof/internal/localca"
	"github.com/devproof/devproof/internal/tee"
	"github.com/devproof/devproof/internal/teesim"
)

const (
	testDomain  = "app.audit.test"
	testAccount = "https://ca.audit.test/acme/acct/1"
)

// deployment is a live app as the test, playing its developer, stages
// it: the evidence, the HTTPS server, the certificate it serves and the
// DNS records are all the test's to change. Only the simulator's keys,
// standing in for the TEE's, are not.
type deployment struct {
	ca    *localca.CA
	dns   *dnsserver.Server
	agent tee.Agent
	info  *tee.InfoResponse
	addr  string

	mu     sync.Mutex
	files  evidence.Files
	served tls.Certificate
}

func newDeployment(t *testing.T, seed string) *deployment {
	t.Helper()
	ctx := context.Background()
	d := &deployment{}
	sim, err := teesim.New(teesim.Config{Seed: []byte(seed)})
	if err != nil {
		t.Fatal(err)
	}
	agent, stop, err := sim.Start(filepath.Join(t.TempDir(), "dstack.sock"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	d.agent = agent
	if d.info, err = agent.Info(ctx); err != nil {
		t.Fatal(err)
	}
	if d.ca, err = localca.New(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(d.ca.Close)
	if d.served, err = d.ca.Issue(testDomain); err != nil {
		t.Fatal(err)
	}
	d.files = d.build(t, d.agent, d.served, true)

	if d.dns, err = dnsserver.Start(dnsserver.Config{Zones: []string{"audit.test"}}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.dns.Close() })
	d.setTXT(t, d.info.AppID+":443")
	d.setCAA(t, "0 issue \"ca.audit.test;validationmethods=dns-01;accounturi="+testAccount+"\"")

	l, err := tls.Listen("tcp", "127.0.0.1:0", &tls.Config{GetCertificate: func(*tls.ClientHelloInfo) (*tls.Certificate, error) {
		d.mu.Lock()
		defer d.mu.Unlock()
		c := d.served
		return &c, nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(d.serveEvidence), ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	d.addr = l.Addr().String()
	return d
}

// build makes an evidence set whose keys.json attests cert's key when
// attest is set, quoted by q.
func (d *deployment) build(t *testing.T, q evidence.Quoter, cert tls.Certificate, attest bool) evidence.Files {
	t.Helper()
	ctx := context.Background()
	info, err := q.(tee.Agent).Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	keys := &evidence.Keys{Version: 1, AppID: info.AppID, Keys: []evidence.Key{}}
	if attest {
		if _, err := keys.Add(ctx, q, cert.Leaf, []string{testDomain}, time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	var chain []byte
	for _, der := range cert.Certificate {
		chain = append(chain, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})...)
	}
	files, err := evidence.Build(ctx, q, evidence.Input{
		Manifest: evidence.Manifest{Version: 1, AppID: info.AppID, InstanceID: info.InstanceID, ComposeHash: info.ComposeHash,
			Domains: []string{testDomain}, ACMEAccountURI: testAccount, CreatedAt: time.Now().UTC().Format(time.RFC3339)},
		Certs:   map[string][]byte{testDomain: chain},
		Contact: []string{"mailto:ops@audit.test"},
		Keys:    keys,
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func (d *deployment) serveEvidence(w http.ResponseWriter, r *http.Request) {
	d.mu.Lock()
	defer d.mu.Unlock()
	name, ok := strings.CutPrefix(r.URL.Path, "/evidences/")
	switch {
	case !ok || d.files == nil:
		http.NotFound(w, r)
	case name == "":
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		for _, n := range slices.Sorted(func(yield func(string) bool) {
			for n := range d.files {
				if !yield(n) {
					return
				}
			}
		}) {
			fmt.Fprintln(w, n)
		}
	default:
		b, ok := d.files[name]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Write(b)
	}
}

func (d *deployment) setTXT(t *testing.T, value string) {
	t.Helper()
	name := "_dstack-app-address." + testDomain + "."
	d.dns.Delete(name, dns.TypeTXT, nil)
	rr, err := dns.NewRR(name + " 60 IN TXT \"" + value + "\"")
	if err != nil {
		t.Fatal(err)
	}
	d.dns.Add(rr)
}

func (d *deployment) setCAA(t *testing.T, value string) {
	t.Helper()
	d.dns.Delete(testDomain+".", dns.TypeCAA, nil)
	rr, err := dns.NewRR(testDomain + ". 60 IN CAA " + value)
	if err != nil {
		t.Fatal(err)
	}
	d.dns.Add(rr)
}

func (d *deployment) edit(f func(files evidence.Files)) {
	d.mu.Lock()
	defer d.mu.Unlock()
	f(d.files)
}

// options reach the deployment as an auditor would, with its CA trusted
// and its name resolved to the test server.
func (d *deployment) options() Options {
	return Options{
		Dial: func(ctx context.Context, network, _ string) (net.Conn, error) {
			return (&net.Dialer{}).DialContext(ctx, network, d.addr)
		},
		Roots:          d.ca.Pool(),
		DNS:            d.dns.Addr(),
		AllowSimulated: true,
		Timeout:        5 * time.Second,
	}
}

func (d *deployment) audit(t *testing.T, opts Options) *Report {
	t.Helper()
	rep, err := Run(context.Background(), "https://"+testDomain, opts)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func check(rep *Report, name string) Check {
	for _, c := range rep.Checks {
		if c.Name == name {
			return c
		}
	}
	return Check{Name: name, Status: "missing"}
}

// failed lists the checks that failed.
func failed(rep *Report) []string {
	var out []string
	for _, c := range rep.Checks {
		if c.Status == Fail {
			out = append(out, c.Name)
		}
	}
	return out
}

func TestHonestDeploymentPasses(t *testing.T) {
	d := newDeployment(t, "audit honest")
	opts := d.options()
	opts.ExpectComposeHash = d.info.ComposeHash
	rep := d.audit(t, opts)
	if !rep.OK || len(failed(rep)) > 0 {
		t.Fatalf("honest deployment fails %v: %+v", failed(rep), rep.Checks)
	}
	for _, n := range []string{"fetch", "sha256sum", "quote", "tls", "live-key", "app-identity", "compose-hash", "dns-txt", "dns-caa"} {
		if c := check(rep, n); c.Status != Pass {
			t.Errorf("%s: %s %s, want pass", n, c.Status, c.Reason)
		}
	}
	if rep.Identity.AppID != d.info.AppID || rep.LiveKey != evidence.SPKIHash(d.served.Leaf) || rep.Schema != Schema {
		t.Errorf("report identity %+v, live key %s, schema %d", rep.Identity, rep.LiveKey, rep.Schema)
	}
	// The JSON form keeps its documented field names.
	b, _ := json.Marshal(rep)
	for _, field := range []string{`"schema":1`, `"checks":[`, `"name":"live-key","status":"pass"`, `"ok":true`, `"live_key":"`} {
		if !strings.Contains(string(b), field) {
			t.Errorf("JSON lacks %s: %s", field, b)
		}
	}
	// Without a quote to accept, simulated ones fail the quote check.
	opts.AllowSimulated = false
	if c := check(d.audit(t, opts), "quote"); c.Status != Fail || !strings.Contains(c.Reason, "simulated") {
		t.Errorf("simulated quotes without AllowSimulated: %+v", c)
	}
}

// Each way the developer can break or fake one input is caught by the
// check that owns it, and the report says why.
func TestEachCheckFailsNamingItself(t *testing.T) {
	for _, tc := range []struct {
		name   string
		breaks func(t *testing.T, d *deployment, opts *Options)
		check  string
		reason string
	}{
		{"evidence file edited", func(t *testing.T, d *deployment, _ *Options) {
			d.edit(func(f evidence.Files) { f[evidence.AccountFile] = append(f[evidence.AccountFile], ' ') })
		}, "sha256sum", "acme-account.json: sha256 is"},
		{"key missing from keys.json", func(t *testing.T, d *deployment, _ *Options) {
			d.mu.Lock()
			d.files = d.build(t, d.agent, d.served, false)
			d.mu.Unlock()
		}, "live-key", "keys.json lists no key"},
		{"served certificate swapped for an unattested key", func(t *testing.T, d *deployment, _ *Options) {
			other, err := d.ca.Issue(testDomain)
			if err != nil {
				t.Fatal(err)
			}
			d.mu.Lock()
			d.served = other
			d.mu.Unlock()
		}, "live-key", "keys.json attests: the app never attested it"},
		{"quote for another compose hash", func(t *testing.T, d *deployment, opts *Options) {
			opts.ExpectComposeHash = strings.Repeat("ab", 32)
		}, "compose-hash", "want " + strings.Repeat("ab", 32)},
		{"another app's evidence", func(t *testing.T, d *deployment, _ *Options) {
			sim, err := teesim.New(teesim.Config{Seed: []byte("another app"), AppID: make([]byte, 20)})
			if err != nil {
				t.Fatal(err)
			}
			agent, stop, err := sim.Start(filepath.Join(t.TempDir(), "other.sock"))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(stop)
			files := d.build(t, agent, d.served, true)
			d.mu.Lock()
			d.files = files
			d.mu.Unlock()
		}, "dns-txt", "routes the domain to app " + "%APP%" + ", the evidence is from app 0000000000000000000000000000000000000000"},
		{"TXT pointing to another app id", func(t *testing.T, d *deployment, _ *Options) {
			d.setTXT(t, strings.Repeat("12", 20)+":443")
		}, "dns-txt", "routes the domain to app " + strings.Repeat("12", 20) + ", the evidence is from app"},
		{"no TXT record", func(t *testing.T, d *deployment, _ *Options) {
			d.dns.Delete("_dstack-app-address."+testDomain+".", dns.TypeTXT, nil)
		}, "dns-txt", "has a TXT record: no dstack gateway routes"},
		{"CAA naming another account", func(t *testing.T, d *deployment, _ *Options) {
			d.setCAA(t, "0 issue \"ca.audit.test;validationmethods=dns-01;accounturi=https://ca.audit.test/acme/acct/666\"")
		}, "dns-caa", "names account https://ca.audit.test/acme/acct/666, not the app's " + testAccount},
		{"CAA pinning no account", func(t *testing.T, d *deployment, _ *Options) {
			d.setCAA(t, "0 issue \"ca.audit.test\"")
		}, "dns-caa", "pins no account"},
		{"no CAA", func(t *testing.T, d *deployment, _ *Options) {
			d.dns.Delete(testDomain+".", dns.TypeCAA, nil)
		}, "dns-caa", "no CAA issue record governs app.audit.test"},
		{"non-JSON quote", func(t *testing.T, d *deployment, _ *Options) {
			d.edit(func(f evidence.Files) { f[evidence.QuoteFile] = []byte("<html>not a quote</html>") })
		}, "quote", "quote.json:"},
		{"evidence missing", func(t *testing.T, d *deployment, _ *Options) {
			d.mu.Lock()
			d.files = nil
			d.mu.Unlock()
		}, "fetch", "404"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := newDeployment(t, "audit "+tc.name)
			opts := d.options()
			tc.breaks(t, d, &opts)
			rep := d.audit(t, opts)
			c := check(rep, tc.check)
			reason := strings.ReplaceAll(tc.reason, "%APP%", d.info.AppID)
			if c.Status != Fail || !strings.Contains(c.Reason, reason) {
				t.Errorf("%s: %s %q\nwant fail with %q; failed: %v", tc.check, c.Status, c.Reason, reason, failed(rep))
			}
			if rep.OK {
				t.Error("report OK despite a failed check")
			}
		})
	}
}

func TestBadInput(t *testing.T) {
	for _, u := range []string{"http://app.audit.test", "app.audit.test", "https://", "https://app.audit.test/evidences/", "https://app.audit.test?x=1"} {
		if _, err := Run(context.Background(), u, Options{}); err == nil || !strings.Contains(err.Error(), "is not https://<domain>[:port]") {
			t.Errorf("%q: %v", u, err)
		}
	}
	// An unreachable domain fails the fetch and the handshake, naming the
	// address, and every check that needs them is skipped, not failed.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	rep, err := Run(context.Background(), "https://"+testDomain, Options{
		Dial: func(ctx context.Context, network, _ string) (net.Conn, error) {
			return (&net.Dialer{}).DialContext(ctx, network, addr)
		},
		DNS:     addr,
		Timeout: time.Second,
	})
	if err != nil {
		t.Fatal(err)
	}
	if c := check(rep, "fetch"); c.Status != Fail || !strings.Contains(c.Reason, "connection refused") {
		t.Errorf("fetch: %+v", c)
	}
	if c := check(rep, "tls"); c.Status != Fail || !strings.Contains(c.Reason, "handshake with "+testDomain+":443") {
		t.Errorf("tls: %+v", c)
	}
	if c := check(rep, "live-key"); c.Status != Skip {
		t.Errorf("live-key: %+v", c)
	}
	if c := check(rep, "dns-txt"); c.Status != Fail || !strings.Contains(c.Reason, "DNS TXT _dstack-app-address."+testDomain) {
		t.Errorf("dns-txt: %+v", c)
	}
}
