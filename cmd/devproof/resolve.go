package main

import (
	"context"
	"fmt"
	"net"
	"strings"
	"time"
)

// resolveDial reads curl-style --resolve HOST:PORT:ADDR entries and
// returns a dialer that sends HOST:PORT to ADDR:PORT and dials anything
// else as given, or nil when there are none.
func resolveDial(resolve []string) (func(ctx context.Context, network, addr string) (net.Conn, error), error) {
	if len(resolve) == 0 {
		return nil, nil
	}
	to := map[string]string{}
	for _, r := range resolve {
		host, rest, ok1 := strings.Cut(r, ":")
		port, addr, ok2 := strings.Cut(rest, ":")
		if !ok1 || !ok2 || host == "" || port == "" || addr == "" {
			return nil, fmt.Errorf("--resolve %q: want HOST:PORT:ADDR", r)
		}
		to[net.JoinHostPort(host, port)] = net.JoinHostPort(strings.Trim(addr, "[]"), port)
	}
	return func(ctx context.Context, network, hostport string) (net.Conn, error) {
		if a, ok := to[hostport]; ok {
			hostport = a
		}
		return (&net.Dialer{Timeout: 30 * time.Second}).DialContext(ctx, network, hostport)
	}, nil
}
