package devstack

import (
	"context"
	"fmt"
	"html"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/miekg/dns"

	"github.com/devproof/devproof/ingress"
	"github.com/devproof/devproof/internal/acmeca"
	"github.com/devproof/devproof/internal/dnsserver"
	"github.com/devproof/devproof/internal/tee"
)

// The dev zone's TSIG key. It only ever guards a loopback DNS server.
const (
	devTSIGKey    = "devproof-dev."
	devTSIGSecret = "ZGV2cHJvb2YtZGV2LXRzaWctc2VjcmV0LWxvb3BiYWNr"
	devTSIGAlg    = "hmac-sha256"
)

// SecondDomain is the name the printed second ingress serves, beside
// DemoDomain in the dev zone.
const SecondDomain = "app2.devproof.test"

// startIngress runs the local DNS server, Pebble, a demo backend and the
// ingress for DemoDomain, and waits until it serves with evidence.
func startIngress(ctx context.Context, st *Stack, cfg Config, dir string, agent tee.Agent, step func(int, string, ...any), stops *[]func()) error {
	step(6, "starting the local DNS server and Pebble (ACME)")
	d, err := dnsserver.Start(dnsserver.Config{Zones: []string{"devproof.test"}, TSIG: map[string]string{devTSIGKey: devTSIGSecret}})
	if err != nil {
		return err
	}
	*stops = append(*stops, func() { d.Close() })
	rr, _ := dns.NewRR(DemoDomain + ". 60 IN A 127.0.0.1")
	d.Add(rr)
	st.DNS = d.Addr()
	ca, err := acmeca.Start(d.Addr(), nil)
	if err != nil {
		return err
	}
	*stops = append(*stops, ca.Close)
	st.RootPEM = filepath.Join(dir, "ca-root.pem")
	if err := os.WriteFile(st.RootPEM, ca.IssuerRootPEM, 0o644); err != nil {
		return err
	}
	// What a second ingress needs to reach Pebble and the DNS server: the
	// root of Pebble's own TLS certificate, and the TSIG secret in a 0600
	// file so that it never appears on a command line.
	acmeRoots := filepath.Join(dir, "acme-server-root.pem")
	if err := os.WriteFile(acmeRoots, ca.ServerRootPEM, 0o644); err != nil {
		return err
	}
	tsigFile := filepath.Join(dir, "tsig-secret")
	if err := os.WriteFile(tsigFile, []byte(devTSIGSecret+"\n"), 0o600); err != nil {
		return err
	}

	target := cfg.Target
	if target == "" {
		backend, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return err
		}
		bsrv := &http.Server{Handler: demoApp(st), ReadHeaderTimeout: 10 * time.Second}
		go bsrv.Serve(backend)
		*stops = append(*stops, func() { bsrv.Close() })
		target = backend.Addr().String()
	}

	echo, err := startEcho(stops)
	if err != nil {
		return err
	}
	tunnelPort, clientPort, err := tunnelPorts(cfg.HTTPSPort)
	if err != nil {
		return err
	}
	tl, err := net.Listen("tcp", loopback(tunnelPort))
	if err != nil {
		return fmt.Errorf("tunnel port %d: %w (pick another --https-port: the tunnel takes the port two above it)", tunnelPort, err)
	}
	st.Tunnel = &Tunnel{Addr: tl.Addr().String(), Echo: echo, ClientListen: loopback(clientPort)}

	l, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(cfg.HTTPSPort)))
	if err != nil {
		tl.Close()
		return fmt.Errorf("ingress port %d: %w (pick another with --https-port)", cfg.HTTPSPort, err)
	}
	_, port, _ := net.SplitHostPort(l.Addr().String())
	env := map[string]string{
		"DOMAIN":             DemoDomain,
		"TARGET_ENDPOINT":    target,
		"PORT":               port,
		"ACME_DIRECTORY":     ca.Directory,
		"ACME_EMAIL":         "dev@devproof.test",
		"DNS_PROVIDER":       "rfc2136",
		"RFC2136_SERVER":     d.Addr(),
		"RFC2136_KEY_NAME":   devTSIGKey,
		"RFC2136_KEY_SECRET": devTSIGSecret,
		"RFC2136_KEY_ALG":    devTSIGAlg,
		"DNS_RESOLVERS":      d.Addr(),
		"STORAGE_DIR":        filepath.Join(dir, "ingress"),
		"SET_CAA":            "true",
		"CAA_ISSUER":         "pebble.letsencrypt.org",
		"TUNNEL_PORT":        strconv.Itoa(tl.Addr().(*net.TCPAddr).Port),
		"TUNNEL_ROUTES":      DemoDomain + "=" + echo,
	}
	icfg, err := ingress.ParseConfig(func(k string) string { return env[k] })
	if err != nil {
		l.Close()
		tl.Close()
		return err
	}
	step(7, "starting the ingress for %s (ACME DNS-01 through RFC 2136)", DemoDomain)
	logf, err := os.OpenFile(filepath.Join(dir, "ingress.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		l.Close()
		tl.Close()
		return err
	}
	*stops = append(*stops, func() { logf.Close() })
	in, err := ingress.New(ctx, icfg, ingress.Options{
		Agent:          agent,
		Logger:         slog.New(slog.NewJSONHandler(logf, nil)),
		ACMERoots:      ca.ServerRoots,
		Listener:       l,
		TunnelListener: tl,
	})
	if err != nil {
		l.Close()
		tl.Close()
		return err
	}
	ictx, stopIngress := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- in.Run(ictx) }()
	*stops = append(*stops, func() { stopIngress(); <-done })

	deadline := time.Now().Add(60 * time.Second)
	for in.Status().State != "serving" {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case err := <-done:
			return fmt.Errorf("ingress stopped: %w", err)
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			s := in.Status()
			return fmt.Errorf("ingress not serving after 60s: dns %s; acme %s (log: %s)", s.DNS, s.ACME, logf.Name())
		}
	}
	s := in.Status()
	st.URL = "https://" + DemoDomain + ":" + port + "/"
	st.pebble, st.ingressAddr = ca, l.Addr().String()
	st.Curl = fmt.Sprintf("curl --cacert %s --resolve %s:%s:127.0.0.1 %s", shellQuote(st.RootPEM), DemoDomain, port, st.URL)
	secondPort := 8444
	if p, err := strconv.Atoi(port); err == nil && p < 65535 {
		secondPort = p + 1
	}
	st.SecondIngressEnv = []string{
		"DSTACK_SIMULATOR_ENDPOINT=" + st.Endpoint,
		"DOMAIN=" + SecondDomain,
		"TARGET_ENDPOINT=" + target,
		"LISTEN_ADDR=127.0.0.1",
		"PORT=" + strconv.Itoa(secondPort),
		"ACME_DIRECTORY=" + ca.Directory,
		"ACME_CA_ROOTS=" + acmeRoots,
		"ACME_EMAIL=dev@devproof.test",
		"DNS_PROVIDER=rfc2136",
		"RFC2136_SERVER=" + d.Addr(),
		"RFC2136_KEY_NAME=" + devTSIGKey,
		"RFC2136_KEY_ALG=" + devTSIGAlg,
		"RFC2136_KEY_SECRET_FILE=" + tsigFile,
		"DNS_RESOLVERS=" + d.Addr(),
		"STORAGE_DIR=" + filepath.Join(dir, "ingress2"),
		"SET_CAA=true",
		"CAA_ISSUER=pebble.letsencrypt.org",
	}
	step(8, "certificate obtained from account %s; evidence served at /evidences/", s.AccountURI)
	return nil
}

// demoApp is the page behind the dev ingress.
func demoApp(st *Stack) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<!doctype html><title>devproof demo</title><h1>devproof demo app</h1>"+
			"<p>Served through the devproof ingress for app %s.</p><p>Forwarded for %s over %s.</p>"+
			"<p><a href=\"/evidences/\">evidence</a></p>\n",
			html.EscapeString(st.AppID), html.EscapeString(r.Header.Get("X-Forwarded-For")), html.EscapeString(r.Header.Get("X-Forwarded-Proto")))
	})
}

func shellQuote(s string) string {
	if strings.ContainsAny(s, " '\"$\\") {
		return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
	}
	return s
}
