package ingress

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/caddyserver/certmagic"
	"github.com/libdns/cloudflare"
	"github.com/mholt/acmez/v3/acme"
	"golang.org/x/crypto/hkdf"

	"github.com/devproof/devproof/internal/tee"
)

// GetKey paths of the ingress's keys. Changing them changes the keys.
const (
	sealPath       = "devproof/ingress/storage-seal"
	sealPurpose    = "devproof-seal"
	accountPath    = "devproof/ingress/acme-account"
	accountPurpose = "devproof-acme-account"
	keysStorageKey = "devproof/keys.json"
)

// Options wire the ingress to its surroundings.
type Options struct {
	// Agent is the dstack guest agent. Required.
	Agent tee.Agent
	// Logger receives one structured line per event; nil discards.
	Logger *slog.Logger
	// DNSProvider replaces the provider built from Config.DNS (for a
	// provider that needs an HTTP client, as in tests and `devproof dev`).
	DNSProvider DNSProvider
	// ACMERoots, when set, are the only roots trusted for the ACME server's
	// TLS; nil means the system roots (or Config.ACMECARoots).
	ACMERoots *x509.CertPool
	// Listener, when set, is served instead of listening on Config.Port.
	Listener net.Listener
	// RenewCheckInterval is how often certmagic checks for renewal; zero
	// means certmagic's default (10 minutes).
	RenewCheckInterval time.Duration
	// OnEvent, when set, receives certmagic's events ("cert_obtaining",
	// "cert_obtained", "cert_failed", …) and the ingress's own:
	// "evidence_regenerated", "key_rotated", "dns_published" and "status".
	OnEvent func(ctx context.Context, event string, data map[string]any)
}

// Status is what the ingress is doing, for operators.
type Status struct {
	// State is "starting", "obtaining" (no certificate served yet) or
	// "serving".
	State      string            `json:"state"`
	AccountURI string            `json:"acme_account_uri,omitempty"`
	DNS        string            `json:"dns"`
	ACME       string            `json:"acme"`
	Certs      map[string]string `json:"certificates"`
	UpdatedAt  time.Time         `json:"updated_at"`
}

// Ingress obtains and renews certificates whose keys never leave the
// process, publishes the app's DNS records and evidence, and routes TLS
// clients to the app.
type Ingress struct {
	cfg   *Config
	opts  Options
	log   *slog.Logger
	agent tee.Agent
	info  *tee.InfoResponse

	storage  *SealedStorage
	cache    *certmagic.Cache
	magic    *certmagic.Config
	issuer   *certmagic.ACMEIssuer
	pub      *publisher
	evidence Evidence

	regen chan struct{}

	mu     sync.Mutex
	status Status
	caaFor string // account URI the CAA records were written for
}

// New prepares an ingress: it derives its keys from the agent and opens
// sealed storage. Nothing is requested from the CA or DNS until Run.
func New(ctx context.Context, cfg *Config, opts Options) (*Ingress, error) {
	if opts.Agent == nil {
		return nil, errors.New("ingress: no guest agent")
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	in := &Ingress{cfg: cfg, opts: opts, log: log, agent: opts.Agent, regen: make(chan struct{}, 1)}
	in.status = Status{State: "starting", DNS: "pending", ACME: "pending", Certs: map[string]string{}, UpdatedAt: time.Now()}

	info, err := in.agent.Info(ctx)
	if err != nil {
		return nil, fmt.Errorf("ingress: %w", err)
	}
	in.info = info
	seal, err := in.derive(ctx, sealPath, sealPurpose)
	if err != nil {
		return nil, err
	}
	if in.storage, err = NewSealedStorage(&certmagic.FileStorage{Path: cfg.StorageDir}, seal); err != nil {
		return nil, err
	}
	accountKey, err := in.accountKey(ctx)
	if err != nil {
		return nil, err
	}
	provider := opts.DNSProvider
	if provider == nil {
		if provider, err = NewDNSProvider(cfg.DNS); err != nil {
			return nil, err
		}
	}
	// Built here or handed in, a Cloudflare provider needs whole-RRset
	// writes for publication.
	if cf, ok := provider.(*cloudflare.Provider); ok {
		provider = cloudflareRRsets{cf}
	}
	in.pub = &publisher{provider: provider, resolvers: cfg.DNS.Resolvers, log: log}

	roots := opts.ACMERoots
	if roots == nil && cfg.ACMECARoots != "" {
		pemBytes, err := os.ReadFile(cfg.ACMECARoots)
		if err != nil {
			return nil, fmt.Errorf("ACME_CA_ROOTS: %w", err)
		}
		roots = x509.NewCertPool()
		if !roots.AppendCertsFromPEM(pemBytes) {
			return nil, fmt.Errorf("ACME_CA_ROOTS %q has no PEM certificates", cfg.ACMECARoots)
		}
	}
	zl := zapToSlog(log.With("component", "certmagic"))
	in.cache = certmagic.NewCache(certmagic.CacheOptions{
		GetConfigForCert:   func(certmagic.Certificate) (*certmagic.Config, error) { return in.magic, nil },
		Logger:             zl,
		RenewCheckInterval: opts.RenewCheckInterval,
	})
	in.magic = certmagic.New(in.cache, certmagic.Config{
		Storage: in.storage,
		Logger:  zl,
		OnEvent: in.onEvent,
		// Per-handshake events cost every handshake; only a caller's hook
		// wants them.
		ShouldEmitFunc:     func(event string) bool { return event != "tls_get_certificate" || opts.OnEvent != nil },
		RenewalWindowRatio: min(float64(cfg.RenewDaysBefore)/90, 0.9),
		// Clients that send no SNI, an IP address or an unknown name get the
		// first domain's certificate, as HAProxy's default certificate does
		// in dstack-ingress; they still verify the name themselves.
		DefaultServerName:  defaultServerName(cfg.Domains),
		FallbackServerName: defaultServerName(cfg.Domains),
	})
	in.issuer = certmagic.NewACMEIssuer(in.magic, certmagic.ACMEIssuer{
		CA:                      cfg.ACMEDirectory,
		Email:                   cfg.ACMEEmail,
		Agreed:                  true,
		AccountKeyPEM:           string(accountKey),
		TrustedRoots:            roots,
		DisableHTTPChallenge:    true,
		DisableTLSALPNChallenge: true,
		DNS01Solver: &certmagic.DNS01Solver{DNSManager: certmagic.DNSManager{
			DNSProvider: provider,
			Resolvers:   cfg.DNS.Resolvers,
			TTL:         recordTTL,
		}},
		Logger: zl,
	})
	in.magic.Issuers = []certmagic.Issuer{in.issuer}
	return in, nil
}

// derive returns 32 bytes from the agent's GetKey at path.
func (in *Ingress) derive(ctx context.Context, path, purpose string) ([]byte, error) {
	k, err := in.agent.GetKey(ctx, path, purpose, "secp256k1")
	if err != nil {
		return nil, fmt.Errorf("ingress: deriving %s: %w", path, err)
	}
	b, err := k.DecodeKey()
	if err != nil {
		return nil, fmt.Errorf("ingress: deriving %s: %w", path, err)
	}
	return b, nil
}

// accountKey derives the ACME account's P-256 key from GetKey, so every
// instance of the app, and every restart, uses the same ACME account. The
// PEM only lives in memory and in sealed storage.
func (in *Ingress) accountKey(ctx context.Context) ([]byte, error) {
	seed, err := in.derive(ctx, accountPath, accountPurpose)
	if err != nil {
		return nil, err
	}
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

// ensureAccount registers the derived account key with the CA, or finds
// the account it already has (RFC 8555 §7.3.1: the same key gives the same
// account URL), retrying with backoff until it succeeds or ctx ends.
// certmagic only looks accounts up when given a key, so this comes first.
func (in *Ingress) ensureAccount(ctx context.Context) bool {
	key, err := certmagic.PEMDecodePrivateKey([]byte(in.issuer.AccountKeyPEM))
	if err != nil {
		in.log.Error("account key", "err", err)
		return false
	}
	hc := &http.Client{Timeout: 30 * time.Second}
	if in.issuer.TrustedRoots != nil {
		hc.Transport = &http.Transport{TLSClientConfig: &tls.Config{RootCAs: in.issuer.TrustedRoots, MinVersion: tls.VersionTLS12}}
	}
	client := &acme.Client{Directory: in.cfg.ACMEDirectory, HTTPClient: hc}
	acct := acme.Account{PrivateKey: key, TermsOfServiceAgreed: true}
	if in.cfg.ACMEEmail != "" {
		acct.Contact = []string{"mailto:" + in.cfg.ACMEEmail}
	}
	for n := 0; ; n++ {
		got, err := client.NewAccount(ctx, acct)
		if err == nil {
			in.setStatus(func(s *Status) { s.AccountURI = got.Location; s.ACME = "account ready" })
			in.log.Info("ACME account ready", "account_uri", got.Location, "ca", in.cfg.ACMEDirectory)
			return true
		}
		if ctx.Err() != nil {
			return false
		}
		in.log.Warn("ACME account registration failed; retrying", "ca", in.cfg.ACMEDirectory, "err", err, "attempt", n+1)
		in.setStatus(func(s *Status) {
			s.ACME = fmt.Sprintf("CA %s unreachable or refusing: %v; retrying with backoff", in.cfg.ACMEDirectory, err)
		})
		if !backoff(ctx, n) {
			return false
		}
	}
}

// Status returns a snapshot of what the ingress is doing.
func (in *Ingress) Status() Status {
	in.mu.Lock()
	defer in.mu.Unlock()
	s := in.status
	s.Certs = map[string]string{}
	for k, v := range in.status.Certs {
		s.Certs[k] = v
	}
	return s
}

func (in *Ingress) setStatus(f func(*Status)) {
	in.mu.Lock()
	f(&in.status)
	in.status.UpdatedAt = time.Now()
	s := in.status
	in.mu.Unlock()
	in.emit(context.Background(), "status", map[string]any{"state": s.State, "dns": s.DNS, "acme": s.ACME})
}

func (in *Ingress) emit(ctx context.Context, event string, data map[string]any) {
	if in.opts.OnEvent != nil {
		in.opts.OnEvent(ctx, event, data)
	}
}

// Evidence is the evidence set being served.
func (in *Ingress) Evidence() *Evidence { return &in.evidence }

// TLSConfig serves the managed certificates.
func (in *Ingress) TLSConfig() *tls.Config {
	return &tls.Config{GetCertificate: in.magic.GetCertificate, MinVersion: tls.VersionTLS12}
}

// onEvent is certmagic's event hook; every event is passed on.
func (in *Ingress) onEvent(ctx context.Context, event string, data map[string]any) error {
	in.emit(ctx, event, data)
	switch event {
	case "cert_obtained", "cached_managed_cert":
		names, _ := data["sans"].([]string)
		if name, ok := data["identifier"].(string); ok {
			names = append(names, name)
		}
		in.setStatus(func(s *Status) {
			s.ACME = "ok"
			for _, n := range names {
				s.Certs[n] = "obtained"
			}
		})
		in.requestRegen()
	case "cert_failed":
		name, _ := data["identifier"].(string)
		err, _ := data["error"].(error)
		in.setStatus(func(s *Status) {
			s.ACME = fmt.Sprintf("obtaining %s failed: %v; retrying with backoff", name, err)
			if _, ok := s.Certs[name]; !ok {
				s.Certs[name] = "failed, retrying"
			}
		})
	}
	return nil
}

func (in *Ingress) requestRegen() {
	select {
	case in.regen <- struct{}{}:
	default:
	}
}

// Run publishes DNS, manages certificates and serves until ctx is done.
// Failures of the CA or DNS are retried with backoff while the existing
// certificate keeps being served; Status says what is failing.
func (in *Ingress) Run(ctx context.Context) error {
	l := in.opts.Listener
	if l == nil {
		var err error
		l, err = net.Listen("tcp", net.JoinHostPort(in.cfg.ListenAddr, strconv.Itoa(in.cfg.Port)))
		if err != nil {
			return fmt.Errorf("ingress: %w", err)
		}
	}
	var wg sync.WaitGroup
	defer wg.Wait()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	if in.cfg.HTTPRedirectPort != 0 {
		rl, err := net.Listen("tcp", net.JoinHostPort(in.cfg.ListenAddr, strconv.Itoa(in.cfg.HTTPRedirectPort)))
		if err != nil {
			l.Close()
			return fmt.Errorf("ingress: redirect listener: %w", err)
		}
		wg.Add(1)
		go func() { defer wg.Done(); serveHTTP(ctx, rl, RedirectHandler(in.cfg.Port), in.cfg.HeaderTimeout) }()
	}
	if in.cfg.StatusAddr != "" {
		sl, err := net.Listen("tcp", in.cfg.StatusAddr)
		if err != nil {
			l.Close()
			return fmt.Errorf("ingress: status listener: %w", err)
		}
		wg.Add(1)
		go func() { defer wg.Done(); serveHTTP(ctx, sl, in.statusHandler(), in.cfg.HeaderTimeout) }()
	}

	wg.Add(2)
	go func() { defer wg.Done(); in.publishLoop(ctx) }()
	go func() { defer wg.Done(); in.regenLoop(ctx) }()

	in.setStatus(func(s *Status) { s.State = "obtaining" })
	// Serve what storage already holds at once, even with the CA down.
	for _, d := range in.cfg.Domains {
		if _, err := in.magic.CacheManagedCertificate(ctx, d); err == nil {
			in.requestRegen()
		}
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		if !in.ensureAccount(ctx) {
			return
		}
		if err := in.magic.ManageAsync(ctx, in.cfg.Domains); err != nil {
			in.log.Error("managing certificates", "err", err)
			in.setStatus(func(s *Status) { s.ACME = "managing certificates: " + err.Error() })
		}
	}()
	router := &Router{
		TLS:           in.TLSConfig(),
		Routes:        in.cfg.Routes,
		Default:       in.cfg.Default,
		Evidence:      &in.evidence,
		HeaderTimeout: in.cfg.HeaderTimeout,
		IdleTimeout:   in.cfg.IdleTimeout,
		MaxConns:      in.cfg.MaxConns,
		ProxyProtocol: in.cfg.ProxyProtocol,
		Logger:        in.log,
	}
	in.log.Info("ingress listening", "addr", l.Addr().String(), "domains", in.cfg.Domains)
	err := router.Serve(ctx, l)
	cancel()
	in.cache.Stop()
	return err
}

func serveHTTP(ctx context.Context, l net.Listener, h http.Handler, headerTimeout time.Duration) {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: headerTimeout}
	go func() {
		<-ctx.Done()
		srv.Close()
	}()
	srv.Serve(l)
}

func (in *Ingress) statusHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(in.Status())
	})
}

// backoff waits before attempt n (from 0): 1 s doubling to 5 minutes.
func backoff(ctx context.Context, n int) bool {
	d := min(time.Second<<min(n, 9), 5*time.Minute)
	select {
	case <-ctx.Done():
		return false
	case <-time.After(d):
		return true
	}
}

// publishLoop writes the address records until it succeeds.
func (in *Ingress) publishLoop(ctx context.Context) {
	for n := 0; ; n++ {
		err := in.pub.set(ctx, addressRecords(in.cfg, in.info.AppID))
		if err == nil {
			in.setStatus(func(s *Status) { s.DNS = "published" })
			in.emit(ctx, "dns_published", map[string]any{"records": "address"})
			return
		}
		if ctx.Err() != nil {
			return
		}
		in.log.Warn("DNS publication failed; retrying", "err", err, "attempt", n+1)
		in.setStatus(func(s *Status) { s.DNS = "publishing failed: " + err.Error() + "; retrying" })
		if !backoff(ctx, n) {
			return
		}
	}
}

// regenLoop rebuilds the evidence whenever a certificate is obtained,
// renewed or loaded, and writes the CAA records once the account exists.
func (in *Ingress) regenLoop(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-in.regen:
		}
		for n := 0; ; n++ {
			err := in.regenerate(ctx)
			if err == nil {
				break
			}
			if ctx.Err() != nil {
				return
			}
			in.log.Warn("evidence regeneration failed; retrying", "err", err)
			if !backoff(ctx, n) {
				return
			}
		}
	}
}

func (in *Ingress) regenerate(ctx context.Context) error {
	certs := map[string][]byte{}
	var leaves []*x509.Certificate
	var leafDomains [][]string
	for _, d := range in.cfg.Domains {
		chain, leaf, err := in.stored(ctx, d)
		if err != nil {
			return err
		}
		if leaf == nil {
			continue // not obtained yet
		}
		certs[d] = chainPEM(chain)
		leaves = append(leaves, leaf)
		leafDomains = append(leafDomains, []string{d})
	}
	if len(certs) == 0 {
		return nil
	}
	account, err := in.issuer.GetAccount(ctx, []byte(in.issuer.AccountKeyPEM))
	if err != nil {
		return fmt.Errorf("loading the ACME account: %w", err)
	}
	keys, err := in.loadKeys(ctx)
	if err != nil {
		return err
	}
	changed := false
	for i, leaf := range leaves {
		added, err := keys.Add(ctx, in.agent, leaf, leafDomains[i], time.Now())
		if err != nil {
			return err
		}
		if added {
			in.log.Info("new TLS key attested", "spki_sha256", SPKIHash(leaf), "domains", leafDomains[i])
			in.emit(ctx, "key_rotated", map[string]any{"spki_sha256": SPKIHash(leaf), "domains": leafDomains[i]})
		}
		changed = changed || added
	}
	if changed || !in.storage.Exists(ctx, keysStorageKey) {
		b, err := json.Marshal(keys)
		if err != nil {
			return err
		}
		if err := in.storage.Store(ctx, keysStorageKey, b); err != nil {
			return fmt.Errorf("saving key history: %w", err)
		}
	}
	files, err := BuildEvidence(ctx, in.agent, EvidenceInput{
		Manifest: Manifest{
			Version:        1,
			AppID:          in.info.AppID,
			InstanceID:     in.info.InstanceID,
			ComposeHash:    in.info.ComposeHash,
			Domains:        in.cfg.Domains,
			ACMEAccountURI: account.Location,
			CreatedAt:      time.Now().UTC().Format(time.RFC3339),
		},
		Certs:   certs,
		Contact: account.Contact,
		Keys:    keys,
	})
	if err != nil {
		return err
	}
	in.evidence.Set(files)
	in.setStatus(func(s *Status) {
		s.AccountURI = account.Location
		if len(certs) == len(in.cfg.Domains) {
			s.State = "serving"
		}
	})
	in.emit(ctx, "evidence_regenerated", map[string]any{"files": len(files)})

	in.mu.Lock()
	needCAA := in.cfg.SetCAA && in.caaFor != account.Location
	in.mu.Unlock()
	if needCAA {
		if err := in.pub.set(ctx, caaRecords(in.cfg, account.Location)); err != nil {
			return fmt.Errorf("CAA: %w", err)
		}
		in.mu.Lock()
		in.caaFor = account.Location
		in.mu.Unlock()
		in.emit(ctx, "dns_published", map[string]any{"records": "caa"})
	}
	return nil
}

// stored returns the certificate chain (DER, leaf first) that storage
// holds for domain, and its parsed leaf; both nil if there is none yet.
// Evidence is built from storage, not from certmagic's cache: certmagic
// reports a renewal ("cert_obtained") before it swaps the renewed
// certificate into its cache, and sends no event when it does.
func (in *Ingress) stored(ctx context.Context, domain string) ([][]byte, *x509.Certificate, error) {
	key := certmagic.StorageKeys.SiteCert(in.issuer.IssuerKey(), domain)
	b, err := in.storage.Load(ctx, key)
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

// loadKeys reads the sealed key history; a missing or unsealable one
// starts afresh (the CT monitor then flags older keys, by design).
func (in *Ingress) loadKeys(ctx context.Context) (*KeysDoc, error) {
	keys := &KeysDoc{Version: 1, AppID: in.info.AppID}
	b, err := in.storage.Load(ctx, keysStorageKey)
	switch {
	case errors.Is(err, ErrUnsealable):
		in.log.Error("key history failed to unseal; starting a new one", "err", err)
		return keys, nil
	case errors.Is(err, fs.ErrNotExist):
		return keys, nil
	case err != nil:
		return nil, fmt.Errorf("loading key history: %w", err)
	}
	if err := json.Unmarshal(b, keys); err != nil {
		return nil, fmt.Errorf("key history %s is not valid JSON: %w", keysStorageKey, err)
	}
	return keys, nil
}

// CheckRenewal asks the CA's ARI endpoint about every certificate now,
// ignoring its Retry-After, and renews those whose suggested window has
// begun. certmagic does the same on its own schedule; this is for an
// operator (SIGHUP) who knows the CA changed its mind, e.g. after a
// revocation.
func (in *Ingress) CheckRenewal(ctx context.Context) error {
	var errs []error
	for _, d := range in.cfg.Domains {
		tc, ok := in.current(d)
		if !ok {
			continue
		}
		ari, err := in.issuer.GetRenewalInfo(ctx, tc)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: renewal info: %w", d, err))
			continue
		}
		if ari.SuggestedWindow.Start.IsZero() || time.Now().Before(ari.SuggestedWindow.Start) {
			continue
		}
		in.log.Info("CA suggests renewal now (ARI)", "domain", d, "window_start", ari.SuggestedWindow.Start)
		if err := in.magic.RenewCertSync(ctx, d, true); err != nil {
			errs = append(errs, fmt.Errorf("%s: renewing: %w", d, err))
			continue
		}
		// RenewCertSync only stores the new certificate; serve it now.
		fresh, err := in.magic.CacheManagedCertificate(ctx, d)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: loading the renewed certificate: %w", d, err))
			continue
		}
		if fresh.Hash() != tc.Hash() {
			in.cache.Remove([]string{tc.Hash()})
		}
	}
	return errors.Join(errs...)
}

func defaultServerName(domains []string) string {
	for _, d := range domains {
		if _, wild := cutWildcard(d); !wild {
			return d
		}
	}
	return ""
}

// current is the newest managed certificate in the cache for domain.
func (in *Ingress) current(domain string) (certmagic.Certificate, bool) {
	var best certmagic.Certificate
	found := false
	for _, c := range in.cache.AllMatchingCertificates(domain) {
		if c.Leaf != nil && (!found || c.Leaf.NotBefore.After(best.Leaf.NotBefore)) {
			best, found = c, true
		}
	}
	return best, found
}

func cutWildcard(d string) (string, bool) {
	return strings.CutPrefix(d, "*.")
}
