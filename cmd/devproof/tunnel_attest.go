package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"strconv"
	"strings"

	"golang.org/x/sync/errgroup"

	"github.com/devproof/devproof/internal/tee"
	"github.com/devproof/devproof/tunnel"
)

// The server settings of attestation: the certificate from the guest
// agent and the check of clients. Their rows are in tunnelSettings.

// tunnelListSettings repeat on the command line; the values join with
// commas, as their environment variables and --config keys list them.
var tunnelListSettings = map[string]bool{"client-compose-hash": true}

// tunnelSettingFlag registers setting s on fs: a switch when its default
// is "false" (so "--ra-tls-cert" needs no value), a list when it repeats.
func tunnelSettingFlag(fs *flag.FlagSet, s tunnelSetting, doc string) *string {
	v := new(string)
	switch {
	case s.def == "false":
		fs.Var(switchFlag{v}, s.flag, doc)
	case tunnelListSettings[s.flag]:
		fs.Var(listFlag{v}, s.flag, doc)
	default:
		fs.StringVar(v, s.flag, "", doc+defaultNote(s.def))
	}
	return v
}

// switchFlag is a boolean flag kept as the text of its value.
type switchFlag struct{ v *string }

func (f switchFlag) String() string {
	if f.v == nil {
		return ""
	}
	return *f.v
}
func (f switchFlag) Set(s string) error { *f.v = s; return nil }
func (f switchFlag) IsBoolFlag() bool   { return true }

// listFlag appends each use to a comma-separated list.
type listFlag struct{ v *string }

func (f listFlag) String() string {
	if f.v == nil {
		return ""
	}
	return *f.v
}
func (f listFlag) Set(s string) error {
	if *f.v != "" {
		*f.v += ","
	}
	*f.v += s
	return nil
}

// boolSetting reads a switch setting; the error names where it came from.
func boolSetting(get func(string) (string, string), name string) (bool, error) {
	v, from := get(name)
	if v == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, fmt.Errorf("tunnel: %s %q is not true or false", from, v)
	}
	return b, nil
}

// tunnelRATLSCertOn reports whether the certificate comes from the guest
// agent (--ra-tls-cert), refusing it together with --cert or --key.
func tunnelRATLSCertOn(get func(string) (string, string)) (bool, error) {
	on, err := boolSetting(get, "ra-tls-cert")
	_, raFrom := get("ra-tls-cert")
	if err != nil {
		return false, err
	}
	if !on {
		if v, from := get("endpoint"); v != "" {
			return false, fmt.Errorf("tunnel: %s applies only with %s", from, raFrom)
		}
		return false, nil
	}
	for _, name := range []string{"cert", "key"} {
		if v, from := get(name); v != "" {
			return false, fmt.Errorf("tunnel: %s and %s are two sources of the server certificate: give one", raFrom, from)
		}
	}
	return true, nil
}

// tunnelAgentCert returns the agent certificate for a server built with
// --ra-tls-cert, and serves it from s; nil without --ra-tls-cert. Its
// names are the routes' patterns, as dstack's RA-TLS certificates carry
// the app's names as alt names. Nothing is fetched yet.
func tunnelAgentCert(get func(string) (string, string), s *tunnel.Server) (*tunnel.AgentCert, error) {
	on, err := tunnelRATLSCertOn(get)
	if err != nil || !on {
		return nil, err
	}
	endpoint, _ := get("endpoint")
	req := tee.GetTlsKeyRequest{UsageRaTls: true, UsageServerAuth: true}
	for _, r := range s.Routes {
		req.AltNames = append(req.AltNames, r.Pattern)
	}
	if len(req.AltNames) > 0 {
		req.Subject = req.AltNames[0]
	}
	ac := &tunnel.AgentCert{Agent: tee.New(endpoint), Request: req}
	s.GetCertificate = ac.GetCertificate
	return ac, nil
}

// tunnelClientVerifier sets s.VerifyClient from --require-attested-client
// and its options, refusing an option given without it.
func tunnelClientVerifier(get func(string) (string, string), s *tunnel.Server) error {
	require, err := boolSetting(get, "require-attested-client")
	if err != nil {
		return err
	}
	allowSim, err := boolSetting(get, "allow-simulated-client")
	if err != nil {
		return err
	}
	appID, appFrom := get("client-app-id")
	hashes, _ := get("client-compose-hash")
	_, reqFrom := get("require-attested-client")
	if !require {
		given := map[string]bool{"client-app-id": appID != "", "client-compose-hash": hashes != "", "allow-simulated-client": allowSim}
		for _, name := range []string{"client-app-id", "client-compose-hash", "allow-simulated-client"} {
			if given[name] {
				_, from := get(name)
				return fmt.Errorf("tunnel: %s applies only with %s", from, reqFrom)
			}
		}
		return nil
	}
	if appID == "" {
		return fmt.Errorf("tunnel: %s needs %s, or any app's client would be accepted", reqFrom, appFrom)
	}
	var compose []string
	for _, h := range strings.Split(hashes, ",") {
		if h = strings.TrimSpace(h); h != "" {
			compose = append(compose, h)
		}
	}
	v, err := tunnel.RATLSClient(tunnel.RATLSOptions{AppID: appID, ComposeHashes: compose, AllowSimulated: allowSim})
	if err != nil {
		return fmt.Errorf("tunnel: %s: %w", reqFrom, err)
	}
	s.VerifyClient = v
	return nil
}

// serveTunnelServer serves srv on l. With an agent certificate it first
// fetches one, so that a guest agent out of reach stops the command
// before a connection is taken, then renews it while serving.
func serveTunnelServer(ctx context.Context, srv *tunnel.Server, ac *tunnel.AgentCert, l net.Listener) error {
	if ac == nil {
		return srv.Serve(ctx, l)
	}
	ac.Logger = srv.Logger
	if err := ac.Refresh(ctx); err != nil {
		l.Close()
		return fmt.Errorf("tunnel: --ra-tls-cert: %w", err)
	}
	return serveWithAgentCert(ctx, ac, func(ctx context.Context) error { return srv.Serve(ctx, l) })
}

// serveWithAgentCert runs serve and renews ac until serve returns.
func serveWithAgentCert(ctx context.Context, ac *tunnel.AgentCert, serve func(context.Context) error) error {
	ctx, cancel := context.WithCancel(ctx)
	var g errgroup.Group
	g.Go(func() error { return ac.Run(ctx) })
	err := serve(ctx)
	cancel()
	return errors.Join(err, g.Wait())
}

// tunnelClientAgentCert returns the agent certificate the client presents
// with --ra-tls-cert, set as c's client certificate; nil without it.
func tunnelClientAgentCert(on bool, endpoint, certFile, keyFile string, c *tunnel.Client) (*tunnel.AgentCert, error) {
	if !on {
		return nil, nil
	}
	if certFile != "" || keyFile != "" {
		return nil, errors.New("--ra-tls-cert and --cert/--key are two sources of the client certificate: give one")
	}
	// No names: a client's identity is the app its quote declares.
	ac := &tunnel.AgentCert{Agent: tee.New(endpoint), Request: tee.GetTlsKeyRequest{UsageRaTls: true, UsageClientAuth: true}}
	c.GetClientCertificate = ac.GetClientCertificate
	return ac, nil
}

// serveTunnelClient serves c on l, as serveTunnelServer serves a server.
func serveTunnelClient(ctx context.Context, c *tunnel.Client, ac *tunnel.AgentCert, l net.Listener) error {
	if ac == nil {
		return c.Serve(ctx, l)
	}
	ac.Logger = c.Logger
	if err := ac.Refresh(ctx); err != nil {
		l.Close()
		return fmt.Errorf("--ra-tls-cert: %w", err)
	}
	return serveWithAgentCert(ctx, ac, func(ctx context.Context) error { return c.Serve(ctx, l) })
}
