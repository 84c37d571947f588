package main

import (
	"fmt"
	"strings"

	"github.com/devproof/devproof/tunnel"
)

// tunnelFailover sets the default targets (a comma-separated list) and
// the failover order; a route's extra targets are its pattern repeated.
func tunnelFailover(get func(string) (string, string), s *tunnel.Server) error {
	v, from := get("default")
	for i, t := range strings.Split(v, ",") {
		t = strings.TrimSpace(t)
		switch {
		case t == "" && v != "":
			return fmt.Errorf("tunnel: %s %q has an empty target", from, v)
		case i == 0:
			s.Default = t
		default:
			s.DefaultMore = append(s.DefaultMore, t)
		}
	}
	s.Failover, from = get("failover")
	if s.Failover != tunnel.Priority && s.Failover != tunnel.RoundRobin {
		return fmt.Errorf("tunnel: %s %q: want %s or %s", from, s.Failover, tunnel.Priority, tunnel.RoundRobin)
	}
	return nil
}
