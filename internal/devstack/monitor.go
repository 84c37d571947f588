package devstack

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/caddyserver/certmagic"
	"github.com/libdns/rfc2136"
	"github.com/mholt/acmez/v3"
	"github.com/mholt/acmez/v3/acme"

	"github.com/devproof/devproof/ctmonitor"
	"github.com/devproof/devproof/internal/acmeca"
	"github.com/devproof/devproof/internal/ctlog"
	"github.com/devproof/devproof/internal/evidence"
)

// Watch is what the dev stack's CT monitor saw.
type Watch struct {
	// StateDir is the monitor's state; Alerts the JSON lines of every
	// finding.
	StateDir, Alerts string
	// Watchlist is the watched names' file, in certspotter's syntax.
	Watchlist string
	// Authorized is the ingress's certificate, found and attested; Rogue
	// the developer's, found and alerted.
	Authorized, Rogue *ctmonitor.Finding
	// Command runs the same audit by hand; it exits 1, since a rogue
	// certificate is known.
	Command string
}

// runMonitor shows what the CT monitor is for. The ingress's certificate
// goes to the local logs, as a public CA's would, and the monitor finds it
// authorized: its key is in the app's keys.json. Then the developer, who
// holds the domain's DNS, gets a certificate for the app's name from the
// same CA with an ACME account and a key of their own; it is logged too,
// and the monitor alerts it as rogue.
func runMonitor(ctx context.Context, st *Stack, dir string, pebble *acmeca.CA, ingressAddr string, logs []*ctlog.Log, step func(int, string, ...any), stops *[]func()) error {
	step(11, "CT monitor: the ingress's certificate logged and found attested; a rogue one for %s alerted", DemoDomain)
	roots := x509.NewCertPool()
	roots.AppendCertsFromPEM(pebble.IssuerRootPEM)
	toIngress := &http.Transport{
		TLSClientConfig: &tls.Config{RootCAs: roots, MinVersion: tls.VersionTLS12},
		DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			return (&net.Dialer{}).DialContext(ctx, network, ingressAddr)
		},
	}
	*stops = append(*stops, toIngress.CloseIdleConnections)
	evClient := &http.Client{Transport: toIngress, Timeout: 30 * time.Second}

	// The ingress's certificate, as it serves it, logged.
	conn, err := tls.DialWithDialer(&net.Dialer{Timeout: 10 * time.Second}, "tcp", ingressAddr, &tls.Config{RootCAs: roots, ServerName: DemoDomain})
	if err != nil {
		return fmt.Errorf("fetching the ingress's certificate: %w", err)
	}
	var chain [][]byte
	for _, c := range conn.ConnectionState().PeerCertificates {
		chain = append(chain, c.Raw)
	}
	conn.Close()
	for _, l := range logs {
		if _, err := l.AddChain(ctx, chain); err != nil {
			return fmt.Errorf("logging the ingress's certificate: %w", err)
		}
	}

	attested, err := ctmonitor.FetchAttested(ctx, evClient, "https://"+DemoDomain+"/evidences/", evidence.Options{AllowSimulated: true, AppID: st.AppID, ComposeHashes: []string{st.ComposeHash}})
	if err != nil {
		return fmt.Errorf("the app's attested keys: %w", err)
	}
	wl, err := ctmonitor.ParseWatchlist(strings.NewReader(DemoDomain+"\n"), "dev watchlist")
	if err != nil {
		return err
	}
	w := &Watch{StateDir: filepath.Join(dir, "ctmonitor"), Alerts: filepath.Join(dir, "ctmonitor", "findings.jsonl")}
	if err := os.MkdirAll(w.StateDir, 0o700); err != nil {
		return err
	}
	watchlist := filepath.Join(dir, "watchlist.txt")
	if err := os.WriteFile(watchlist, []byte(DemoDomain+"\n"), 0o644); err != nil {
		return err
	}
	w.Watchlist = watchlist
	_, port, _ := net.SplitHostPort(ingressAddr)
	w.Command = fmt.Sprintf("go run ./cmd/devproof ctmonitor audit --from-start --watchlist %s --log-list %s --state-dir %s "+
		"--evidence https://%s:%s/evidences/ --resolve %s:%s:127.0.0.1 --roots %s --app-id %s --compose-hash %s --allow-simulated",
		shellQuote(watchlist), shellQuote(st.LogList), shellQuote(filepath.Join(dir, "ctmonitor-by-hand")),
		DemoDomain, port, DemoDomain, port, shellQuote(st.RootPEM), st.AppID, st.ComposeHash)
	findings, err := os.OpenFile(w.Alerts, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return err
	}
	*stops = append(*stops, func() { findings.Close() })
	var mlogs []ctmonitor.Log
	for _, l := range logs {
		ml, err := ctmonitor.NewTiledLog(l.MonitoringURL, l.Origin, l.KeyDER, &http.Client{Timeout: 30 * time.Second})
		if err != nil {
			return err
		}
		mlogs = append(mlogs, ml)
	}
	rec := &lastFinding{}
	m := &ctmonitor.Monitor{Logs: mlogs, State: ctmonitor.State{Dir: w.StateDir}, Attested: attested, FromStart: true,
		Record: ctmonitor.Multi(ctmonitor.JSONLines(findings), rec)}
	m.SetWatchlist(wl)
	waitFinding := func(authorized bool) (*ctmonitor.Finding, error) {
		deadline := time.Now().Add(30 * time.Second)
		for {
			for _, r := range m.Once(ctx) {
				if r.Err != "" {
					return nil, fmt.Errorf("CT monitor: %s: %s", r.URL, r.Err)
				}
			}
			if f := rec.find(authorized); f != nil {
				return f, nil
			}
			if time.Now().After(deadline) || ctx.Err() != nil {
				return nil, fmt.Errorf("CT monitor: no %s certificate for %s found in 30 s", map[bool]string{true: "authorized", false: "rogue"}[authorized], DemoDomain)
			}
			time.Sleep(200 * time.Millisecond)
		}
	}
	if w.Authorized, err = waitFinding(true); err != nil {
		return err
	}

	// The developer's certificate: another ACME account, another key.
	rogue, err := obtainRogue(ctx, pebble, st.DNS)
	if err != nil {
		return fmt.Errorf("the developer's certificate: %w", err)
	}
	for _, l := range logs {
		if _, err := l.AddChain(ctx, rogue); err != nil {
			return fmt.Errorf("logging the developer's certificate: %w", err)
		}
	}
	if w.Rogue, err = waitFinding(false); err != nil {
		return err
	}
	st.Watch = w

	// From here on the monitor follows the logs until the stack stops.
	wctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { defer close(done); m.Watch(wctx, 2*time.Second) }()
	*stops = append(*stops, func() { cancel(); <-done })
	return nil
}

// obtainRogue gets a certificate for DemoDomain from Pebble the way the
// developer could: a fresh ACME account and key, DNS-01 through the zone
// they control.
func obtainRogue(ctx context.Context, pebble *acmeca.CA, dnsAddr string) ([][]byte, error) {
	accountKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	certKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	tr := &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pebble.ServerRoots, MinVersion: tls.VersionTLS12}}
	defer tr.CloseIdleConnections()
	client := acmez.Client{
		Client: &acme.Client{Directory: pebble.Directory, HTTPClient: &http.Client{Transport: tr, Timeout: 30 * time.Second}},
		ChallengeSolvers: map[string]acmez.Solver{acme.ChallengeTypeDNS01: &certmagic.DNS01Solver{DNSManager: certmagic.DNSManager{
			DNSProvider: &rfc2136.Provider{Server: dnsAddr, KeyName: devTSIGKey, KeyAlg: devTSIGAlg, Key: devTSIGSecret},
			Resolvers:   []string{dnsAddr},
		}}},
	}
	acct, err := client.NewAccount(ctx, acme.Account{Contact: []string{"mailto:developer@devproof.test"}, TermsOfServiceAgreed: true, PrivateKey: accountKey})
	if err != nil {
		return nil, err
	}
	certs, err := client.ObtainCertificateForSANs(ctx, acct, certKey, []string{DemoDomain})
	if err != nil {
		return nil, err
	}
	var chain [][]byte
	for rest := certs[0].ChainPEM; ; {
		var b *pem.Block
		if b, rest = pem.Decode(rest); b == nil {
			break
		}
		chain = append(chain, b.Bytes)
	}
	return chain, nil
}

// lastFinding keeps the findings the monitor records.
type lastFinding struct {
	mu  sync.Mutex
	got []ctmonitor.Finding
}

func (l *lastFinding) Notify(_ context.Context, f ctmonitor.Finding) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.got = append(l.got, f)
	return nil
}

func (l *lastFinding) find(authorized bool) *ctmonitor.Finding {
	l.mu.Lock()
	defer l.mu.Unlock()
	for i := range l.got {
		if f := &l.got[i]; f.Event == ctmonitor.EventDiscoveredCert && f.Authorized == authorized {
			return f
		}
	}
	return nil
}
