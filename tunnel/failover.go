package tunnel

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// checkFailover refuses an order that is neither Priority nor RoundRobin;
// empty means Priority.
func checkFailover(order string) error {
	switch order {
	case "", Priority, RoundRobin:
		return nil
	}
	return fmt.Errorf("failover %q is neither %q nor %q", order, Priority, RoundRobin)
}

// rotation orders one list of targets for each connection, as stunnel's
// failover = prio | rr does. The client holds one for Connect and the
// server one for each route; it is safe for concurrent use.
type rotation struct{ next atomic.Uint64 }

// order returns targets as order says: as given for Priority, or for
// RoundRobin starting one further than the previous call did.
func (r *rotation) order(order string, targets []string) []string {
	n := len(targets)
	if order != RoundRobin || n < 2 {
		return targets
	}
	first := int((r.next.Add(1) - 1) % uint64(n))
	return append(append(make([]string, 0, n), targets[first:]...), targets[:first]...)
}

// targetErrors is every target's failure, in the order they were tried.
// It prints on one line, so one log line can name them all.
type targetErrors []error

func (e targetErrors) Error() string {
	s := make([]string, len(e))
	for i, err := range e {
		s[i] = err.Error()
	}
	return strings.Join(s, "; ")
}

func (e targetErrors) Unwrap() []error { return e }

// tryInTurn calls try on each target in turn until one succeeds and
// returns its result and the target. Each attempt gets its own timeout
// (zero: none), so a target that hangs costs one timeout, not the rest's
// chance. try's error should name its target; when all fail, tryInTurn
// returns a targetErrors of them. It stops early once ctx is done.
func tryInTurn[T any](ctx context.Context, targets []string, timeout time.Duration, try func(ctx context.Context, target string) (T, error)) (T, string, error) {
	var zero T
	var errs targetErrors
	for _, target := range targets {
		actx, cancel := ctx, context.CancelFunc(func() {})
		if timeout > 0 {
			actx, cancel = context.WithTimeout(ctx, timeout)
		}
		v, err := try(actx, target)
		cancel()
		if err == nil {
			return v, target, nil
		}
		errs = append(errs, err)
		if ctx.Err() != nil {
			break
		}
	}
	if len(errs) == 0 {
		return zero, "", errors.New("no target to try")
	}
	return zero, "", errs
}

// targets returns every target for server name, in the order given, and
// the pattern that chose them ("" for the default); nil if none. Routes
// with the same pattern are one route: each adds its targets, as
// stunnel's several connect lines in one service do.
func (s *Server) targets(name string) (string, []string) {
	name = strings.ToLower(strings.TrimSuffix(name, "."))
	if name != "" {
		for _, r := range s.Routes {
			if !r.matches(name) {
				continue
			}
			var ts []string
			for _, same := range s.Routes {
				if same.Pattern == r.Pattern {
					ts = append(ts, same.Target)
				}
			}
			return r.Pattern, ts
		}
	}
	if s.Default == "" {
		return "", nil
	}
	return "", append([]string{s.Default}, s.DefaultMore...)
}

// checkTargets refuses a bad failover order or a bad extra default.
func (s *Server) checkTargets() error {
	if err := checkFailover(s.Failover); err != nil {
		return fmt.Errorf("tunnel: %w", err)
	}
	if len(s.DefaultMore) > 0 && s.Default == "" {
		return errors.New("tunnel: default: more targets given but no first one (Default)")
	}
	for _, t := range s.DefaultMore {
		if err := checkTarget(t); err != nil {
			return fmt.Errorf("tunnel: default: %w", err)
		}
	}
	return nil
}

// rotations holds a rotation for each pattern of one Serve, for
// round-robin ("" is the default's).
type rotations struct {
	mu sync.Mutex
	m  map[string]*rotation
}

func (rs *rotations) get(pattern string) *rotation {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	if rs.m == nil {
		rs.m = map[string]*rotation{}
	}
	r := rs.m[pattern]
	if r == nil {
		r = new(rotation)
		rs.m[pattern] = r
	}
	return r
}

// dialTarget dials the targets for server name in the Failover order,
// each attempt bounded by timeout, and returns the first that answers.
func (s *Server) dialTarget(ctx context.Context, rs *rotations, name string, timeout time.Duration) (net.Conn, string, error) {
	pattern, ts := s.targets(name)
	ts = rs.get(pattern).order(s.Failover, ts)
	var d net.Dialer
	return tryInTurn(ctx, ts, timeout, func(ctx context.Context, target string) (net.Conn, error) {
		c, err := d.DialContext(ctx, "tcp", target)
		if err != nil {
			return nil, fmt.Errorf("dialing target %s: %w", target, err)
		}
		return c, nil
	})
}
