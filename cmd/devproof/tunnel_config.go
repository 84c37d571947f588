package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"

	"go.yaml.in/yaml/v3"
	"golang.org/x/sync/errgroup"

	"github.com/devproof/devproof/tunnel"
)

// tunnelService is one service of a --config file: the server's settings
// under their flag names, and its routes as a list.
type tunnelService struct {
	Name     string            `yaml:"name"`
	Routes   []string          `yaml:"routes"`
	Settings map[string]string `yaml:",inline"`
}

// loadTunnelConfig reads a YAML list of services and builds a server for
// each, with its agent certificate when it has one (else nil); every
// error names the file, the service and the setting.
func loadTunnelConfig(file string) ([]*tunnel.Server, []string, []*tunnel.AgentCert, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("tunnel: --config: %w", err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	var services []tunnelService
	if err := dec.Decode(&services); err != nil && !errors.Is(err, io.EOF) {
		return nil, nil, nil, fmt.Errorf("tunnel: --config %s: %w", file, err)
	}
	if len(services) == 0 {
		return nil, nil, nil, fmt.Errorf("tunnel: --config %s lists no service", file)
	}
	known := map[string]bool{}
	for _, s := range tunnelSettings {
		if s.flag != "route" {
			known[s.flag] = true
		}
	}
	var servers []*tunnel.Server
	var names []string
	var certs []*tunnel.AgentCert
	listens := map[string]string{}
	for i, svc := range services {
		name := svc.Name
		if name == "" {
			name = fmt.Sprintf("service %d", i+1)
		}
		for k := range svc.Settings {
			if !known[k] {
				return nil, nil, nil, fmt.Errorf("tunnel: --config %s, %s: unknown setting %q", file, name, k)
			}
		}
		get := func(key string) (string, string) {
			if v, ok := svc.Settings[key]; ok {
				return v, key
			}
			for _, s := range tunnelSettings {
				if s.flag == key {
					return s.def, key
				}
			}
			return "", key
		}
		srv, err := tunnelServerConfig(get, svc.Routes, true)
		if err != nil {
			return nil, nil, nil, fmt.Errorf("--config %s, %s: %w", file, name, err)
		}
		ac, err := tunnelAgentCert(get, srv)
		if err != nil {
			return nil, nil, nil, fmt.Errorf("--config %s, %s: %w", file, name, err)
		}
		certs = append(certs, ac)
		if other, ok := listens[srv.Listen]; ok {
			return nil, nil, nil, fmt.Errorf("tunnel: --config %s: %s and %s both listen on %s", file, other, name, srv.Listen)
		}
		listens[srv.Listen] = name
		servers = append(servers, srv)
		names = append(names, name)
	}
	return servers, names, certs, nil
}

// serveTunnelConfig listens for every service before serving any, so a
// port in use stops the command at once, then serves them all until ctx
// ends; the first service to fail ends the others.
func serveTunnelConfig(ctx context.Context, file string, stderr io.Writer) error {
	servers, names, certs, err := loadTunnelConfig(file)
	if err != nil {
		return err
	}
	var ls []net.Listener
	for i, srv := range servers {
		l, err := net.Listen("tcp", srv.Listen)
		if err != nil {
			for _, l := range ls {
				l.Close()
			}
			return fmt.Errorf("tunnel: %s: listen %s: %w", names[i], srv.Listen, err)
		}
		ls = append(ls, l)
	}
	g, gctx := errgroup.WithContext(ctx)
	for i, srv := range servers {
		srv.Logger = slog.New(slog.NewJSONHandler(stderr, nil)).With("service", names[i])
		srv.Logger.Info("tunnel server listening", "listen", ls[i].Addr().String(), "routes", len(srv.Routes), "default", srv.Default)
		l := ls[i]
		g.Go(func() error {
			if err := serveTunnelServer(gctx, srv, certs[i], l); err != nil {
				return fmt.Errorf("tunnel: %s: %w", names[i], err)
			}
			return nil
		})
	}
	return g.Wait()
}
