package main

import (
	"context"
	"crypto/tls"

	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/devproof/devproof/internal/evidence"
	"github.com/devproof/devproof/tunnel"
)

const tunnelClientSynopsis = `tunnel client --listen ADDR --connect HOST:PORT [flags]

Carries plain TCP connections accepted on --listen over TLS to a --connect
target, after checking the server: by default its certificate chain and
host name (WebPKI), or its key's SPKI sha256 (--pin-spki), or that its key
is one the app's published evidence attests (--attested), or that its
certificate carries a dstack RA-TLS quote binding its key (--ra-tls), or
only that it proves a pre-shared key (--psk-secrets; devproof's own PSK,
not stunnel's).

  devproof tunnel client --listen 127.0.0.1:5432 --connect db.example.com:443
  devproof tunnel client --listen 127.0.0.1:5432 --connect db.example.com:443 \
      --attested https://db.example.com/evidences/ --app-id 0xAPP --compose-hash HASH
  devproof tunnel client --listen 127.0.0.1:5432 --connect db.example.com:443 \
      --ra-tls --app-id 0xAPP --compose-hash HASH
  devproof tunnel client --listen 127.0.0.1:5432 --connect db.example.com:443 \
      --psk-secrets psk.txt --psk-identity app1

Every flag is also an environment variable, which the flag overrides:
--connect = TUNNEL_CONNECT (comma-separated where a flag repeats).`

// runTunnelClient runs "devproof tunnel client" until ctx is done.
func runTunnelClient(ctx context.Context, args []string, _, stderr io.Writer) error {
	fs := newFlagSet("tunnel client", tunnelClientSynopsis, stderr)
	listen := fs.String("listen", "", "address to accept plain TCP on, e.g. 127.0.0.1:5432")
	var connect, pins, composeHashes stringsFlag
	fs.Var(&connect, "connect", "TLS target HOST:PORT (repeatable; tried as --failover says)")
	failover := fs.String("failover", tunnel.Priority, "order of the targets: priority or round-robin")
	sni := fs.String("sni", "", "server name to send and check (default: each target's host)")
	caFile := fs.String("ca", "", "PEM roots for WebPKI mode and for fetching --attested (default: the system's)")
	fs.Var(&pins, "pin-spki", "accept only a server key with this SPKI sha256, hex (repeatable)")
	attested := fs.String("attested", "", "the app's https://<domain>/evidences/: accept only keys it attests")
	raTLS := fs.Bool("ra-tls", false, "accept only a server whose certificate carries a dstack RA-TLS quote of the --app-id binding its key")
	appID := fs.String("app-id", "", "with --attested or --ra-tls: the app id the quotes must carry, hex")
	fs.Var(&composeHashes, "compose-hash", "with --attested or --ra-tls: a compose hash the quotes may carry, hex (repeatable)")
	allowSim := fs.Bool("allow-simulated", false, "with --attested or --ra-tls: accept simulated quotes (development only)")
	certFile := fs.String("cert", "", "client certificate chain, PEM, for servers that ask for one")
	keyFile := fs.String("key", "", "the --cert key's PEM file")
	raTLSCert := fs.Bool("ra-tls-cert", false, "present an RA-TLS client certificate from the guest agent, renewed at two thirds of its life, instead of --cert and --key")
	endpoint := fs.String("endpoint", "", "guest-agent socket or URL for --ra-tls-cert (default: $DSTACK_SIMULATOR_ENDPOINT, then the standard socket paths)")
	handshake := fs.Duration("handshake-timeout", 10*time.Second, "bound on dialling and the TLS handshake with one target")
	idle := fs.Duration("idle-timeout", 0, "end a connection idle this long (0: never)")
	var resolve stringsFlag
	fs.Var(&resolve, "resolve", "HOST:PORT:ADDR, as curl's: fetch --attested for HOST:PORT from ADDR (repeatable)")
	curves := fs.String("curves", "", "key exchange groups in order of preference, as stunnel's curves: X25519MLKEM768:X25519:P-256 (default: Go's)")
	pskFile := fs.String("psk-secrets", "", "file of IDENTITY:KEY lines (stunnel's PSKsecrets): prove a key to the server, which must prove it back (devproof servers only)")
	pskIdentity := fs.String("psk-identity", "", "with --psk-secrets: the identity whose key to prove (default: the file's first)")
	if pos, err := parseFlags(fs, args); err != nil {
		return err
	} else if len(pos) != 0 {
		fs.Usage()
		return errUsage
	}
	if err := flagsFromEnv(fs, "TUNNEL_"); err != nil {
		return err
	}
	if *listen == "" || len(connect) == 0 {
		fs.Usage()
		return fmt.Errorf("%w: --listen and --connect are required", errUsage)
	}
	log := slog.New(slog.NewJSONHandler(stderr, nil))

	var psk *tunnel.PSK
	switch {
	case *pskFile != "":
		p, err := tunnelClientPSK(*pskFile, *pskIdentity)
		if err != nil {
			return err
		}
		psk = p
	case *pskIdentity != "":
		return fmt.Errorf("%w: --psk-identity needs --psk-secrets", errUsage)
	}

	roots, err := loadCertPool("--ca", *caFile)
	if err != nil {
		return err
	}
	var verify tunnel.Verifier
	modes := 0
	for _, on := range []bool{len(pins) > 0, *attested != "", *raTLS} {
		if on {
			modes++
		}
	}
	if len(resolve) > 0 && *attested == "" {
		return fmt.Errorf("%w: --resolve applies only to fetching --attested", errUsage)
	}
	switch {
	case modes > 1:
		return fmt.Errorf("%w: --pin-spki, --attested and --ra-tls are ways to check the server: give one", errUsage)
	case *raTLS:
		if *appID == "" {
			return fmt.Errorf("%w: --ra-tls needs --app-id, or any app's certificate would be accepted", errUsage)
		}
		v, err := tunnel.RATLS(tunnel.RATLSOptions{AppID: *appID, ComposeHashes: composeHashes, AllowSimulated: *allowSim})
		if err != nil {
			return err
		}
		verify = v
	case len(pins) > 0:
		v, err := tunnel.PinSPKI(pins...)
		if err != nil {
			return err
		}
		verify = v
	case *attested != "":
		if *appID == "" {
			return fmt.Errorf("%w: --attested needs --app-id, or any app's keys would be accepted", errUsage)
		}
		tr := &http.Transport{TLSClientConfig: &tls.Config{RootCAs: roots, MinVersion: tls.VersionTLS12}}
		dial, err := resolveDial(resolve)
		if err != nil {
			return err
		}
		tr.DialContext = dial
		defer tr.CloseIdleConnections()
		client := &http.Client{Timeout: 30 * time.Second, Transport: tr}
		v, err := tunnel.NewAttested(*attested, evidence.Options{AppID: *appID, ComposeHashes: composeHashes, AllowSimulated: *allowSim}, client)
		if err != nil {
			return err
		}
		n, err := v.Refresh(ctx)
		if err != nil {
			return err
		}
		log.Info("attested keys loaded", "evidence", *attested, "keys", n)
		verify = v
	default:
		if *appID != "" || len(composeHashes) > 0 || *allowSim {
			return fmt.Errorf("%w: --app-id, --compose-hash and --allow-simulated apply only with --attested or --ra-tls", errUsage)
		}
		verify = tunnel.WebPKI(roots)
	}
	if psk != nil && modes == 0 && *caFile == "" {
		verify = nil // the key alone authenticates the server
	}
	c := &tunnel.Client{
		Listen:           *listen,
		Connect:          connect,
		Failover:         *failover,
		ServerName:       *sni,
		Verify:           verify,
		HandshakeTimeout: *handshake,
		IdleTimeout:      *idle,
		Logger:           log,
		PSK:              psk,
	}
	if c.Curves, err = tunnel.ParseCurves(*curves); err != nil {
		return fmt.Errorf("--curves: %w", err)
	}
	agentCert, err := tunnelClientAgentCert(*raTLSCert, *endpoint, *certFile, *keyFile, c)
	if err != nil {
		return err
	}
	if *certFile != "" || *keyFile != "" {
		cert, err := tls.LoadX509KeyPair(*certFile, *keyFile)
		if err != nil {
			return fmt.Errorf("--cert %q --key %q: %w", *certFile, *keyFile, err)
		}
		c.Certificates = []tls.Certificate{cert}
	}
	l, err := new(net.ListenConfig).Listen(ctx, "tcp", *listen)
	if err != nil {
		return fmt.Errorf("--listen %s: %w", *listen, err)
	}
	log.Info("tunnel client listening", "addr", l.Addr().String(), "connect", strings.Join(connect, ","))
	return serveTunnelClient(ctx, c, agentCert, l)
}

// flagsFromEnv sets each flag of fs not given on the command line from
// the environment variable prefix+NAME (--pin-spki = TUNNEL_PIN_SPKI); a
// repeatable flag takes a comma-separated list.
func flagsFromEnv(fs *flag.FlagSet, prefix string) error {
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	var errs []error
	fs.VisitAll(func(f *flag.Flag) {
		env := prefix + strings.ToUpper(strings.ReplaceAll(f.Name, "-", "_"))
		v, ok := os.LookupEnv(env)
		if given[f.Name] || !ok || v == "" {
			return
		}
		vals := []string{v}
		if _, repeat := f.Value.(*stringsFlag); repeat {
			vals = strings.Split(v, ",")
		}
		for _, s := range vals {
			if err := f.Value.Set(strings.TrimSpace(s)); err != nil {
				errs = append(errs, fmt.Errorf("%s=%q: %w", env, v, err))
			}
		}
	})
	return errors.Join(errs...)
}
