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
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/devproof/devproof/tunnel"
)

const tunnelSynopsis = `tunnel server --listen ADDR --route SNI=host:port ... --cert FILE --key FILE [flags]
       tunnel server --listen ADDR --default host:port --psk-secrets FILE [flags]
       tunnel server --config FILE
       tunnel server --listen ADDR --route SNI=host:port ... --ra-tls-cert [--require-attested-client --client-app-id HEX]
       tunnel client [flags]

  devproof tunnel server --listen :443 --route db.example.com=db:5432 \
      --route '*.example.com=app:8080' --cert tls.crt --key tls.key
  TUNNEL_LISTEN=:443 TUNNEL_ROUTES=db.example.com=db:5432 TUNNEL_CERT=tls.crt \
      TUNNEL_KEY=tls.key devproof tunnel server

server takes TLS in and sends the plain bytes to the target its route names
for the ClientHello's server name (SNI), as stunnel does. Every flag is also
an environment variable (--max-conns = TUNNEL_MAX_CONNS; --route repeats,
TUNNEL_ROUTES is comma-separated); a flag wins. One JSON line per connection
goes to stderr.`

func init() { commands["tunnel"] = runTunnel }

func runTunnel(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		switch args[0] {
		case "server":
			return runTunnelServer(ctx, args[1:], stderr)
		case "client":
			return runTunnelClient(ctx, args[1:], stdout, stderr)
		case "-h", "-help", "--help":
			fmt.Fprintf(stderr, "Usage: devproof %s\n", tunnelSynopsis)
			return flag.ErrHelp
		}
	}
	fmt.Fprintf(stderr, "Usage: devproof %s\n", tunnelSynopsis)
	return errUsage
}

// tunnelSetting is one server setting: its flag, its environment
// variable, its default and what it means.
type tunnelSetting struct {
	flag, env, def, doc string
}

var tunnelSettings = []tunnelSetting{
	{"listen", "TUNNEL_LISTEN", ":443", "address to accept TLS on"},
	{"route", "TUNNEL_ROUTES", "", "SNI=host:port: a server name, exact or *.example.com, and its target (repeatable; the first match wins; the same SNI again adds a failover target)"},
	{"default", "TUNNEL_DEFAULT", "", "target for a server name no route matches, or none sent; several, comma-separated, fail over (default: refuse it)"},
	{"cert", "TUNNEL_CERT", "", "PEM certificate chain file, leaf first"},
	{"key", "TUNNEL_KEY", "", "PEM private key file for --cert"},
	{"client-ca", "TUNNEL_CLIENT_CA", "", "PEM file of CAs; when set, every client must present a certificate they issued"},
	{"proxy-out", "TUNNEL_PROXY_OUT", "", "v1 or v2: send the target a PROXY header with the client's address"},
	{"accept-proxy", "TUNNEL_ACCEPT_PROXY", "", "v1, v2 or any: require a PROXY header from a trusted front before the TLS hello"},
	{"handshake-timeout", "TUNNEL_HANDSHAKE_TIMEOUT", "10s", "limit on the inbound PROXY header and TLS handshake"},
	{"idle-timeout", "TUNNEL_IDLE_TIMEOUT", "10m", "end a connection after this long with no byte either way (0: never)"},
	{"max-conns", "TUNNEL_MAX_CONNS", "10000", "connections open at once; more are closed on accept (0: no limit)"},
	{"drain-timeout", "TUNNEL_DRAIN_TIMEOUT", "10s", "on SIGTERM, how long open connections may finish before they are closed"},
	{"ra-tls-cert", "TUNNEL_RA_TLS_CERT", "false", "present an RA-TLS certificate from the guest agent, renewed at two thirds of its life, instead of --cert and --key"},
	{"endpoint", "TUNNEL_ENDPOINT", "", "guest-agent socket or URL for --ra-tls-cert (default: $DSTACK_SIMULATOR_ENDPOINT, then the standard socket paths)"},
	{"require-attested-client", "TUNNEL_REQUIRE_ATTESTED_CLIENT", "false", "refuse, during the handshake, a client without an RA-TLS certificate of --client-app-id"},
	{"client-app-id", "TUNNEL_CLIENT_APP_ID", "", "with --require-attested-client: the app id client quotes must carry, hex"},
	{"client-compose-hash", "TUNNEL_CLIENT_COMPOSE_HASH", "", "with --require-attested-client: a compose hash client quotes may carry, hex (repeatable; default: any)"},
	{"allow-simulated-client", "TUNNEL_ALLOW_SIMULATED_CLIENT", "false", "with --require-attested-client: accept simulated client quotes (development only)"},
	{"failover", "TUNNEL_FAILOVER", "priority", "priority or round-robin: the order a route's several targets (its SNI repeated) or --default's are tried in"},
	{"curves", "TUNNEL_CURVES", "", "key exchange groups in order of preference, as stunnel's curves: X25519MLKEM768:X25519:P-256 (default: Go's)"},
	{"psk-secrets", "TUNNEL_PSK_SECRETS", "", "file of IDENTITY:KEY lines (stunnel's PSKsecrets); every client must prove one key (devproof's PSK, not stunnel's)"},
}

func runTunnelServer(ctx context.Context, args []string, stderr io.Writer) error {
	fs := newFlagSet("tunnel server", tunnelSynopsis, stderr)
	vals := map[string]*string{}
	var routes stringsFlag
	for _, s := range tunnelSettings {
		doc := fmt.Sprintf("%s ($%s)", s.doc, s.env)
		if s.flag == "route" {
			fs.Var(&routes, s.flag, doc)
			continue
		}
		vals[s.flag] = tunnelSettingFlag(fs, s, doc)
	}
	config := fs.String("config", "", "YAML file listing several services, each its own server (no other flag or TUNNEL_* variable applies)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		fs.Usage()
		return errUsage
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if *config != "" {
		if len(set) > 1 {
			return fmt.Errorf("%w: --config holds every setting: give no other flag", errUsage)
		}
		return serveTunnelConfig(ctx, *config, stderr)
	}
	get := func(name string) (string, string) { // value, and where it came from
		for _, s := range tunnelSettings {
			if s.flag != name {
				continue
			}
			if set[name] {
				return *vals[name], "--" + name
			}
			if v, ok := os.LookupEnv(s.env); ok {
				return v, s.env
			}
			return s.def, "--" + name
		}
		panic("unknown tunnel setting " + name)
	}
	srv, err := tunnelServerConfig(get, routes, set["route"])
	if err != nil {
		return err
	}
	agentCert, err := tunnelAgentCert(get, srv)
	if err != nil {
		return err
	}
	l, err := net.Listen("tcp", srv.Listen)
	if err != nil {
		return fmt.Errorf("tunnel: --listen %s: %w", srv.Listen, err)
	}
	srv.Logger = slog.New(slog.NewJSONHandler(stderr, nil))
	srv.Logger.Info("tunnel server listening", "listen", l.Addr().String(), "routes", len(srv.Routes), "default", srv.Default)
	return serveTunnelServer(ctx, srv, agentCert, l)
}

// tunnelServerConfig builds the server from its settings; every error
// names the setting and the value.
func tunnelServerConfig(get func(string) (string, string), routeFlags []string, routeFlagSet bool) (*tunnel.Server, error) {
	s := &tunnel.Server{}
	s.Listen, _ = get("listen")
	if err := tunnelFailover(get, s); err != nil {
		return nil, err
	}
	s.ProxyOut, _ = get("proxy-out")
	s.AcceptProxy, _ = get("accept-proxy")

	if !routeFlagSet {
		if env, _ := get("route"); env != "" {
			routeFlags = strings.Split(env, ",")
		}
	}
	for _, r := range routeFlags {
		route, err := tunnel.ParseRoute(strings.TrimSpace(r))
		if err != nil {
			return nil, err
		}
		s.Routes = append(s.Routes, route)
	}

	durations := []struct {
		name string
		dst  *time.Duration
	}{
		{"handshake-timeout", &s.HandshakeTimeout},
		{"idle-timeout", &s.IdleTimeout},
		{"drain-timeout", &s.DrainTimeout},
	}
	for _, d := range durations {
		v, from := get(d.name)
		t, err := time.ParseDuration(v)
		if err != nil || t < 0 {
			return nil, fmt.Errorf("tunnel: %s %q is not a duration such as 10s", from, v)
		}
		*d.dst = t
	}
	v, from := get("max-conns")
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return nil, fmt.Errorf("tunnel: %s %q is not a count", from, v)
	}
	s.MaxConns = n
	if v, from := get("curves"); v != "" {
		if s.Curves, err = tunnel.ParseCurves(v); err != nil {
			return nil, fmt.Errorf("tunnel: %s: %w", from, err)
		}
	}

	fromAgent, err := tunnelRATLSCertOn(get)
	if err != nil {
		return nil, err
	}
	if err := tunnelServerPSK(get, s); err != nil {
		return nil, err
	}
	certFile, certFrom := get("cert")
	keyFile, keyFrom := get("key")
	switch {
	case fromAgent:
		// The guest agent's RA-TLS certificate is served.
	case certFile == "" && keyFile == "" && len(s.PSKSecrets) > 0:
		// The key authenticates the server; Serve makes a certificate.
	case certFile == "" || keyFile == "":
		return nil, fmt.Errorf("tunnel: a certificate and its key are required (%s and %s), or --ra-tls-cert or --psk-secrets", certFrom, keyFrom)
	default:
		cert, err := tls.LoadX509KeyPair(certFile, keyFile)
		if err != nil {
			return nil, fmt.Errorf("tunnel: certificate %s with key %s: %w", certFile, keyFile, err)
		}
		s.Certificates = []tls.Certificate{cert}
	}

	caFile, _ := get("client-ca")
	if s.ClientCAs, err = loadCertPool("tunnel: client CA file", caFile); err != nil {
		return nil, err
	}
	if len(s.Routes) == 0 && s.Default == "" {
		return nil, errors.New("tunnel: no --route and no --default: nothing to send connections to")
	}
	if err := tunnelClientVerifier(get, s); err != nil {
		return nil, err
	}
	return s, nil
}
