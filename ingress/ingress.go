package ingress

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strconv"
	"sync"
	"time"

	"github.com/caddyserver/certmagic"
	"github.com/libdns/cloudflare"
	"golang.org/x/sync/errgroup"

	"github.com/devproof/devproof/internal/evidence"
	"github.com/devproof/devproof/internal/sealed"
	"github.com/devproof/devproof/internal/tee"
	"github.com/devproof/devproof/tunnel"
)

// GetKey paths of the ingress's keys. Changing them changes the keys.
const (
	sealPath       = "devproof/ingress/storage-seal"
	sealPurpose    = "devproof-seal"
	accountPath    = "devproof/ingress/acme-account"
	accountPurpose = "devproof-acme-account"
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
	// TLS; nil means Config.ACMERoots, else the system roots.
	ACMERoots *x509.CertPool
	// Listener, when set, is served instead of listening on Config.Port.
	Listener net.Listener
	// TunnelListener, when set, is served instead of listening on
	// Config.TunnelPort.
	TunnelListener net.Listener
	// RenewCheckInterval is how often certmagic checks for renewal; zero
	// means Config.RenewInterval (RENEW_INTERVAL), else certmagic's
	// default (10 minutes).
	RenewCheckInterval time.Duration
	// OnEvent, when set, receives certmagic's events ("cert_obtaining",
	// "cert_obtained", "cert_failed", …) and the ingress's own:
	// "evidence_regenerated", "key_rotated", "dns_published" and "status".
	OnEvent func(ctx context.Context, event string, data map[string]any)
}

// Ingress obtains and renews certificates whose keys never leave the
// process, publishes the app's DNS records and evidence, and routes TLS
// clients to the app. It wires four parts that know nothing of each
// other: certs (ACME), publisher (DNS), evidenceFiles (/evidences/) and
// router (TLS clients).
type Ingress struct {
	cfg   *Config
	opts  Options
	log   *slog.Logger
	agent tee.Agent
	info  *tee.InfoResponse

	certs    *certs
	storage  *sealed.Storage
	pub      *publisher
	evidence evidenceFiles
	regen    chan struct{}
	metrics  *metrics

	mu     sync.Mutex
	status Status
	caaFor string // account URI the CAA records were written for

	// lastKeys is the last keys.json history published; only the
	// regeneration loop touches it.
	lastKeys *evidence.Keys
}

// New prepares an ingress: it derives its keys from the agent and opens
// sealed storage. Nothing is requested from the CA or DNS until Run.
func New(ctx context.Context, cfg *Config, opts Options) (*Ingress, error) {
	if opts.Agent == nil {
		return nil, errors.New("ingress: no guest agent")
	}
	if err := checkStorageDir(cfg.StorageDir); err != nil {
		return nil, err
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	in := &Ingress{cfg: cfg, opts: opts, log: log, agent: opts.Agent, regen: make(chan struct{}, 1)}
	in.status = Status{State: "starting", DNS: "pending", ACME: "pending", Storage: "ok", KeyHistory: "ok", Certs: map[string]string{}, UpdatedAt: time.Now()}

	info, err := in.agent.Info(ctx)
	if err != nil {
		return nil, fmt.Errorf("ingress: %w", err)
	}
	in.info = info
	seal, err := in.derive(ctx, sealPath, sealPurpose)
	if err != nil {
		return nil, err
	}
	storage, err := sealed.New(&certmagic.FileStorage{Path: cfg.StorageDir}, seal)
	if err != nil {
		return nil, err
	}
	storage.OnQuarantine = in.quarantined
	in.storage = storage
	seed, err := in.derive(ctx, accountPath, accountPurpose)
	if err != nil {
		return nil, err
	}
	accountKey, err := accountKeyPEM(seed)
	if err != nil {
		return nil, err
	}
	provider := opts.DNSProvider
	if provider == nil && cfg.DNS.Provider != "" {
		if provider, err = newDNSProvider(cfg.DNS); err != nil {
			return nil, err
		}
	}
	// Built here or handed in, a Cloudflare provider needs whole-RRset
	// writes for publication.
	if cf, ok := provider.(*cloudflare.Provider); ok {
		provider = cloudflareRRsets{cf}
	}
	// With no provider (tls-alpn-01 only), pub.provider is nil and the
	// records are logged for the operator instead.
	in.pub = &publisher{provider: provider, resolvers: cfg.DNS.Resolvers, delegation: cfg.DNS.DelegationZone, log: log}
	in.certs = newCerts(cfg, log, storage, certsOptions{
		accountKeyPEM:      accountKey,
		provider:           provider,
		roots:              opts.ACMERoots,
		renewCheckInterval: opts.RenewCheckInterval,
		onEvent:            in.onEvent,
		perHandshake:       opts.OnEvent != nil,
	})
	in.metrics = newMetrics(cfg, in.certs.notAfter)
	return in, nil
}

// checkStorageDir makes sure dir is a directory the ingress can write,
// creating it if missing, by creating and removing a file in it. Without
// this check an unusable directory shows only after an order is placed at
// the CA and records are published, when the certificate cannot be kept.
func checkStorageDir(dir string) error {
	fi, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return fmt.Errorf("ingress: STORAGE_DIR %q cannot be created: %w", dir, unwrapPath(err))
		}
		fi, err = os.Stat(dir)
	}
	if err != nil {
		return fmt.Errorf("ingress: STORAGE_DIR %q: %w", dir, unwrapPath(err))
	}
	if !fi.IsDir() {
		return fmt.Errorf("ingress: STORAGE_DIR %q is not a directory", dir)
	}
	f, err := os.CreateTemp(dir, ".write-check-*")
	if err != nil {
		return fmt.Errorf("ingress: STORAGE_DIR %q is not writable: %w", dir, unwrapPath(err))
	}
	name := f.Name()
	err = f.Close()
	if rmErr := os.Remove(name); err == nil {
		err = rmErr
	}
	if err != nil {
		return fmt.Errorf("ingress: STORAGE_DIR %q is not writable: %w", dir, unwrapPath(err))
	}
	return nil
}

// unwrapPath drops the path from a *fs.PathError, for a message that
// names the path once.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
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

// Run publishes DNS, manages certificates and serves until ctx is done or
// a listener fails. Failures of the CA or DNS are retried with backoff
// while the existing certificate keeps being served; Status says what is
// failing. Every goroutine Run starts has ended when it returns. When ctx
// ends with HTTP requests still in flight after the drain timeout, Run
// returns a *DrainTimeoutError saying what was cut.
func (in *Ingress) Run(ctx context.Context) error {
	listen := func(what string, addr string) (net.Listener, error) {
		l, err := net.Listen("tcp", addr)
		if err != nil {
			return nil, fmt.Errorf("ingress: %s listener: %w", what, err)
		}
		return l, nil
	}
	var listeners []net.Listener
	closeAll := func() {
		for _, l := range listeners {
			l.Close()
		}
	}
	l := in.opts.Listener
	if l == nil {
		var err error
		if l, err = listen("TLS", net.JoinHostPort(in.cfg.ListenAddr, strconv.Itoa(in.cfg.Port))); err != nil {
			return err
		}
	}
	listeners = append(listeners, l)
	var redirect, status, tunnelL net.Listener
	if in.cfg.TunnelPort != 0 {
		tunnelL = in.opts.TunnelListener
		if tunnelL == nil {
			var err error
			if tunnelL, err = listen("tunnel", net.JoinHostPort(in.cfg.ListenAddr, strconv.Itoa(in.cfg.TunnelPort))); err != nil {
				closeAll()
				return err
			}
		}
		listeners = append(listeners, tunnelL)
	}
	if in.cfg.HTTPRedirectPort != 0 {
		var err error
		if redirect, err = listen("redirect", net.JoinHostPort(in.cfg.ListenAddr, strconv.Itoa(in.cfg.HTTPRedirectPort))); err != nil {
			closeAll()
			return err
		}
		listeners = append(listeners, redirect)
	}
	if in.cfg.StatusAddr != "" {
		var err error
		if status, err = listen("status", in.cfg.StatusAddr); err != nil {
			closeAll()
			return err
		}
		listeners = append(listeners, status)
	}

	g, ctx := errgroup.WithContext(ctx)
	if redirect != nil {
		g.Go(func() error { return serveHTTP(ctx, redirect, redirectHandler(in.cfg.Port), in.cfg.HeaderTimeout) })
	}
	if status != nil {
		g.Go(func() error { return serveHTTP(ctx, status, in.statusHandler(), in.cfg.HeaderTimeout) })
	}
	g.Go(func() error { in.publishAddresses(ctx); return nil })
	g.Go(func() error { in.regenLoop(ctx); return nil })

	in.setStatus(func(s *Status) { s.State = "obtaining" })
	in.refreshQuarantine(ctx)
	if in.certs.loadStored(ctx) {
		in.requestRegen()
	}
	g.Go(func() error {
		acct, err := in.certs.register(ctx, func(err error) {
			in.setStatus(func(s *Status) {
				s.ACME = fmt.Sprintf("CA %s unreachable or refusing: %v; retrying with backoff", in.cfg.ACMEDirectory, err)
			})
		})
		if err != nil {
			if ctx.Err() == nil {
				in.log.Error("ACME account", "err", err)
			}
			return nil
		}
		in.setStatus(func(s *Status) { s.AccountURI = acct.Location; s.ACME = "account ready" })
		in.log.Info("ACME account ready", "account_uri", acct.Location, "ca", in.cfg.ACMEDirectory)
		in.requestRegen() // evidence built before this may show an outdated contact
		if err := in.certs.magic.ManageAsync(ctx, in.cfg.Domains); err != nil {
			in.log.Error("managing certificates", "err", err)
			in.setStatus(func(s *Status) { s.ACME = "managing certificates: " + err.Error() })
		}
		return nil
	})
	rt := &router{
		TLS:            in.certs.tlsConfig(),
		Routes:         in.cfg.Routes,
		Default:        in.cfg.Default,
		Evidence:       &in.evidence,
		HeaderTimeout:  in.cfg.HeaderTimeout,
		IdleTimeout:    in.cfg.IdleTimeout,
		BackendTimeout: in.cfg.BackendTimeout,
		DialTimeout:    in.cfg.BackendDialTimeout,
		ACMETLSALPN:    in.cfg.Challenge == challengeTLSALPN01,
		BodyTimeout:    in.cfg.BodyTimeout,
		WriteTimeout:   in.cfg.WriteTimeout,
		DrainTimeout:   in.cfg.DrainTimeout,
		MaxConns:       in.cfg.MaxConns,
		MaxConnsPerIP:  in.cfg.MaxConnsPerIP,
		ProxyProtocol:  in.cfg.ProxyProtocol,
		Logger:         in.log,
		Metrics:        in.metrics,
	}
	in.log.Info("ingress listening", "addr", l.Addr().String(), "domains", in.cfg.Domains)
	if tunnelL != nil {
		// The tunnel shows the same managed, attested certificates as the
		// router, so a client checks it against the same keys.json.
		ts := &tunnel.Server{
			Routes:           in.cfg.TunnelRoutes,
			GetCertificate:   in.certs.magic.GetCertificate,
			HandshakeTimeout: in.cfg.HeaderTimeout,
			IdleTimeout:      in.cfg.IdleTimeout,
			MaxConns:         in.cfg.MaxConns,
			DrainTimeout:     in.cfg.DrainTimeout,
			ProxyOut:         map[bool]string{true: "v2"}[in.cfg.ProxyProtocol],
			Logger:           in.log,
		}
		in.log.Info("tunnel listening", "addr", tunnelL.Addr().String(), "routes", len(ts.Routes))
		g.Go(func() error { return ts.Serve(ctx, tunnelL) })
	}
	g.Go(func() error { return rt.Serve(ctx, l) })
	err := g.Wait()
	in.certs.cache.Stop()
	return err
}

// serveHTTP serves plain HTTP on l until ctx is done.
func serveHTTP(ctx context.Context, l net.Listener, h http.Handler, headerTimeout time.Duration) error {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: headerTimeout}
	stop := context.AfterFunc(ctx, func() { srv.Close() })
	defer stop()
	if err := srv.Serve(l); !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("ingress: serving %s: %w", l.Addr(), err)
	}
	return nil
}

// CheckRenewal asks the CA's ARI endpoint about every certificate now,
// ignoring its Retry-After, and renews those whose suggested window has
// begun. certmagic does the same on its own schedule; this is for an
// operator (SIGHUP) who knows the CA changed its mind, e.g. after a
// revocation.
func (in *Ingress) CheckRenewal(ctx context.Context) error { return in.certs.checkRenewal(ctx) }

// onEvent is certmagic's event hook; every event is passed on.
func (in *Ingress) onEvent(ctx context.Context, event string, data map[string]any) error {
	in.emit(ctx, event, data)
	in.metrics.certEvent(event, data)
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

func (in *Ingress) emit(ctx context.Context, event string, data map[string]any) {
	if in.opts.OnEvent != nil {
		in.opts.OnEvent(ctx, event, data)
	}
}
