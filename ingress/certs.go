package ingress

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/caddyserver/certmagic"
	"github.com/mholt/acmez/v3/acme"
	"golang.org/x/crypto/hkdf"

	"github.com/devproof/devproof/internal/retry"
	"github.com/devproof/devproof/internal/sealed"
)

// certs obtains, renews and serves the TLS certificates through certmagic:
// DNS-01 (optionally answered in a delegation zone) or TLS-ALPN-01, an ACME
// account key derived in the TEE, and everything stored sealed. It knows nothing of DNS records other than the challenge,
// nor of evidence.
type certs struct {
	cfg     *Config
	log     *slog.Logger
	storage *sealed.Storage
	cache   *certmagic.Cache
	magic   *certmagic.Config
	issuer  *certmagic.ACMEIssuer

	// registered is the account as the CA last answered register, so
	// that evidence shows a contact updated there rather than the copy
	// certmagic stored before the update.
	mu         sync.Mutex
	registered *acme.Account
}

// certsOptions wire certificate management to the rest of the ingress.
type certsOptions struct {
	accountKeyPEM      []byte
	provider           DNSProvider
	roots              *x509.CertPool
	renewCheckInterval time.Duration
	// onEvent receives certmagic's events; perHandshake asks for its
	// per-handshake "tls_get_certificate" too, which costs every handshake.
	onEvent      func(ctx context.Context, event string, data map[string]any) error
	perHandshake bool
}

func newCerts(cfg *Config, log *slog.Logger, storage *sealed.Storage, o certsOptions) *certs {
	roots := o.roots
	if roots == nil {
		roots = cfg.ACMERoots
	}
	c := &certs{cfg: cfg, log: log, storage: storage}
	zl := zapToSlog(log.With("component", "certmagic"))
	renewCheck := o.renewCheckInterval
	if renewCheck == 0 {
		renewCheck = cfg.RenewInterval
	}
	c.cache = certmagic.NewCache(certmagic.CacheOptions{
		GetConfigForCert:   func(certmagic.Certificate) (*certmagic.Config, error) { return c.magic, nil },
		Logger:             zl,
		RenewCheckInterval: renewCheck,
	})
	c.magic = certmagic.New(c.cache, certmagic.Config{
		Storage:            storage,
		Logger:             zl,
		OnEvent:            o.onEvent,
		ShouldEmitFunc:     func(event string) bool { return event != "tls_get_certificate" || o.perHandshake },
		RenewalWindowRatio: min(float64(cfg.RenewDaysBefore)/90, 0.9),
		// Clients that send no SNI, an IP address or an unknown name get the
		// first domain's certificate, as HAProxy's default certificate does
		// in dstack-ingress; they still verify the name themselves.
		DefaultServerName:  defaultServerName(cfg.Domains),
		FallbackServerName: defaultServerName(cfg.Domains),
	})
	template := certmagic.ACMEIssuer{
		CA:                   cfg.ACMEDirectory,
		Email:                cfg.ACMEEmail,
		Agreed:               true,
		AccountKeyPEM:        string(o.accountKeyPEM),
		TrustedRoots:         roots,
		DisableHTTPChallenge: true,
		Logger:               zl,
	}
	switch {
	case cfg.Challenge == challengeTLSALPN01:
		// The router answers acme-tls/1 handshakes on PORT through
		// certmagic's GetCertificate. certmagic tries to listen on this
		// address first; as the router holds it, it finds it in use and
		// leaves the challenge to it.
		template.ListenHost = cfg.ListenAddr
		template.AltTLSALPNPort = cfg.Port
	case cfg.DNS.DelegationZone != "":
		template.DisableTLSALPNChallenge = true
		template.DNS01Solver = &delegatedDNS01{provider: o.provider, resolvers: cfg.DNS.Resolvers, zone: cfg.DNS.DelegationZone, solvers: map[string]*certmagic.DNS01Solver{}}
	default:
		template.DisableTLSALPNChallenge = true
		template.DNS01Solver = &certmagic.DNS01Solver{DNSManager: certmagic.DNSManager{
			DNSProvider: o.provider,
			Resolvers:   cfg.DNS.Resolvers,
			TTL:         recordTTL,
		}}
	}
	c.issuer = certmagic.NewACMEIssuer(c.magic, template)
	c.magic.Issuers = []certmagic.Issuer{c.issuer}
	return c
}

// delegatedDNS01 answers DNS-01 challenges in the delegation zone, as
// dstack-ingress's DELEGATION_ZONE does: the TXT record for
// _acme-challenge.<base> is written at _acme-challenge.<base>.<zone>, which
// the domain's owner made _acme-challenge.<base> a CNAME to, once. The CA
// follows that CNAME (RFC 8555 §8.4 allows it); the ingress never writes
// in the domain's own zone.
type delegatedDNS01 struct {
	provider  DNSProvider
	resolvers []string
	zone      string

	mu      sync.Mutex
	solvers map[string]*certmagic.DNS01Solver // by delegated record name
}

// solver is the certmagic solver for chal's delegated record. Each keeps
// the records it presented until their cleanup, so one is kept per name.
func (d *delegatedDNS01) solver(chal acme.Challenge) *certmagic.DNS01Solver {
	name := delegatedName(chal.DNS01TXTRecordName(), d.zone)
	d.mu.Lock()
	defer d.mu.Unlock()
	s, ok := d.solvers[name]
	if !ok {
		s = &certmagic.DNS01Solver{DNSManager: certmagic.DNSManager{
			DNSProvider:    d.provider,
			Resolvers:      d.resolvers,
			TTL:            recordTTL,
			OverrideDomain: name,
		}}
		d.solvers[name] = s
	}
	return s
}

func (d *delegatedDNS01) Present(ctx context.Context, chal acme.Challenge) error {
	return d.solver(chal).Present(ctx, chal)
}

func (d *delegatedDNS01) Wait(ctx context.Context, chal acme.Challenge) error {
	return d.solver(chal).Wait(ctx, chal)
}

func (d *delegatedDNS01) CleanUp(ctx context.Context, chal acme.Challenge) error {
	return d.solver(chal).CleanUp(ctx, chal)
}

// delegatedName is where a record for name lives under DELEGATION_ZONE:
// name.zone, a wildcard at its base (dstack-ingress's naming). Empty zone
// means no delegation.
func delegatedName(name, zone string) string {
	if zone == "" {
		return name
	}
	return strings.TrimPrefix(name, "*.") + "." + zone
}

// accountKeyPEM derives the ACME account's P-256 key from seed (GetKey
// output), so every instance of the app, and every restart, uses the same
// ACME account. The PEM only lives in memory and in sealed storage.
func accountKeyPEM(seed []byte) ([]byte, error) {
	for i := byte(0); ; i++ {
		scalar := make([]byte, 32)
		io.ReadFull(hkdf.New(sha256.New, seed, []byte{i}, []byte("devproof acme account p256")), scalar)
		key, err := ecdsa.ParseRawPrivateKey(elliptic.P256(), scalar)
		if err != nil {
			continue // scalar out of range: astronomically rare, try the next
		}
		der, err := x509.MarshalECPrivateKey(key)
		if err != nil {
			return nil, err
		}
		return pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: der}), nil
	}
}

// tlsConfig serves the managed certificates, and with tls-alpn-01 the
// challenge certificates to handshakes that offer only acme-tls/1
// (certmagic's GetCertificate answers those; see router.tlsConfig).
func (c *certs) tlsConfig() *tls.Config {
	return &tls.Config{GetCertificate: c.magic.GetCertificate, MinVersion: tls.VersionTLS12}
}

// loadStored puts what storage already holds in the cache, so it is served
// at once, even with the CA down. It reports whether any was loaded.
func (c *certs) loadStored(ctx context.Context) bool {
	loaded := false
	for _, d := range c.cfg.Domains {
		if _, err := c.magic.CacheManagedCertificate(ctx, d); err == nil {
			loaded = true
		}
	}
	return loaded
}

// register registers the derived account key with the CA, or finds the
// account it already has (RFC 8555 §7.3.1: the same key gives the same
// account URL), retrying with backoff until it succeeds or ctx ends.
// certmagic only looks accounts up when given a key, so this comes first.
func (c *certs) register(ctx context.Context, onFail func(error)) (acme.Account, error) {
	key, err := certmagic.PEMDecodePrivateKey([]byte(c.issuer.AccountKeyPEM))
	if err != nil {
		return acme.Account{}, fmt.Errorf("account key: %w", err)
	}
	hc := &http.Client{Timeout: 30 * time.Second}
	if c.issuer.TrustedRoots != nil {
		hc.Transport = &http.Transport{TLSClientConfig: &tls.Config{RootCAs: c.issuer.TrustedRoots, MinVersion: tls.VersionTLS12}}
	}
	defer hc.CloseIdleConnections()
	client := &acme.Client{Directory: c.cfg.ACMEDirectory, HTTPClient: hc}
	acct := acme.Account{PrivateKey: key, TermsOfServiceAgreed: true}
	if c.cfg.ACMEEmail != "" {
		acct.Contact = []string{"mailto:" + c.cfg.ACMEEmail}
	}
	var got acme.Account
	err = retry.Do(ctx, retry.Backoff{}, func(ctx context.Context) (err error) {
		// acmez decodes the CA's answer into the account passed, so give
		// it a copy of the contact: the CA's may differ.
		try := acct
		try.Contact = slices.Clone(acct.Contact)
		got, err = client.NewAccount(ctx, try)
		return err
	}, func(n int, err error, wait time.Duration) {
		c.log.Warn("ACME account registration failed; retrying", "ca", c.cfg.ACMEDirectory, "err", err, "attempt", n, "wait", wait)
		onFail(err)
	})
	if err != nil || len(acct.Contact) == 0 {
		if err == nil {
			c.setRegistered(got)
		}
		return got, err
	}
	// For a key it knows, the CA returns the existing account unchanged
	// (RFC 8555 §7.3.1); update its contact (§7.3.2) if ACME_EMAIL
	// changed. An empty ACME_EMAIL leaves the contact as it is.
	err = retry.Do(ctx, retry.Backoff{}, func(ctx context.Context) error {
		have, err := client.GetAccount(ctx, acme.Account{PrivateKey: key})
		if err != nil {
			return err
		}
		if slices.Equal(have.Contact, acct.Contact) {
			got = have
			return nil
		}
		have.Contact = acct.Contact
		updated, err := client.UpdateAccount(ctx, have)
		if err != nil {
			return err
		}
		updated.Location = have.Location // an update's answer has no Location
		c.log.Info("ACME account contact updated from ACME_EMAIL", "account_uri", updated.Location, "contact", updated.Contact)
		got = updated
		return nil
	}, func(n int, err error, wait time.Duration) {
		c.log.Warn("checking the ACME account's contact failed; retrying", "ca", c.cfg.ACMEDirectory, "err", err, "attempt", n, "wait", wait)
		onFail(err)
	})
	if err == nil {
		c.setRegistered(got)
	}
	return got, err
}

func (c *certs) setRegistered(a acme.Account) {
	c.mu.Lock()
	defer c.mu.Unlock()
	a.Contact = slices.Clone(a.Contact)
	c.registered = &a
}

// account is the ACME account as the CA last answered register, or as
// certmagic stored it before that.
func (c *certs) account(ctx context.Context) (acme.Account, error) {
	c.mu.Lock()
	r := c.registered
	c.mu.Unlock()
	if r != nil && r.Location != "" {
		a := *r
		a.Contact = slices.Clone(r.Contact)
		return a, nil
	}
	return c.issuer.GetAccount(ctx, []byte(c.issuer.AccountKeyPEM))
}

// stored returns the certificate chain (DER, leaf first) that storage
// holds for domain, and its parsed leaf; both nil if there is none yet.
// Evidence is built from storage, not from certmagic's cache: certmagic
// reports a renewal ("cert_obtained") before it swaps the renewed
// certificate into its cache, and sends no event when it does.
func (c *certs) stored(ctx context.Context, domain string) ([][]byte, *x509.Certificate, error) {
	key := certmagic.StorageKeys.SiteCert(c.issuer.IssuerKey(), domain)
	b, err := c.storage.Load(ctx, key)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil // none yet, or refused by the seal and being obtained again
	}
	if err != nil {
		return nil, nil, fmt.Errorf("loading the certificate for %s: %w", domain, err)
	}
	var chain [][]byte
	for rest := b; ; {
		var block *pem.Block
		if block, rest = pem.Decode(rest); block == nil {
			break
		}
		if block.Type == "CERTIFICATE" {
			chain = append(chain, block.Bytes)
		}
	}
	if len(chain) == 0 {
		return nil, nil, fmt.Errorf("stored certificate %s holds no PEM certificate", key)
	}
	leaf, err := x509.ParseCertificate(chain[0])
	if err != nil {
		return nil, nil, fmt.Errorf("stored certificate %s: %w", key, err)
	}
	return chain, leaf, nil
}

// checkRenewal asks the CA's ARI endpoint about every certificate now,
// ignoring its Retry-After, and renews those whose suggested window has
// begun.
func (c *certs) checkRenewal(ctx context.Context) error {
	var errs []error
	for _, d := range c.cfg.Domains {
		tc, ok := c.current(d)
		if !ok {
			continue
		}
		ari, err := c.issuer.GetRenewalInfo(ctx, tc)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: renewal info: %w", d, err))
			continue
		}
		if ari.SuggestedWindow.Start.IsZero() || time.Now().Before(ari.SuggestedWindow.Start) {
			continue
		}
		c.log.Info("CA suggests renewal now (ARI)", "domain", d, "window_start", ari.SuggestedWindow.Start)
		if err := c.magic.RenewCertSync(ctx, d, true); err != nil {
			errs = append(errs, fmt.Errorf("%s: renewing: %w", d, err))
			continue
		}
		// RenewCertSync only stores the new certificate; serve it now.
		fresh, err := c.magic.CacheManagedCertificate(ctx, d)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: loading the renewed certificate: %w", d, err))
			continue
		}
		if fresh.Hash() != tc.Hash() {
			c.cache.Remove([]string{tc.Hash()})
		}
	}
	return errors.Join(errs...)
}

// current is the newest managed certificate in the cache for domain.
func (c *certs) current(domain string) (certmagic.Certificate, bool) {
	var best certmagic.Certificate
	found := false
	for _, tc := range c.cache.AllMatchingCertificates(domain) {
		if tc.Leaf != nil && (!found || tc.Leaf.NotBefore.After(best.Leaf.NotBefore)) {
			best, found = tc, true
		}
	}
	return best, found
}

// notAfter is when the certificate served for domain expires.
func (c *certs) notAfter(domain string) (time.Time, bool) {
	tc, ok := c.current(domain)
	if !ok {
		return time.Time{}, false
	}
	return tc.Leaf.NotAfter, true
}

func defaultServerName(domains []string) string {
	for _, d := range domains {
		if !strings.HasPrefix(d, "*.") {
			return d
		}
	}
	return ""
}
