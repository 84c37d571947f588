package tunnel

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/tls"
	"io"
	"math/rand/v2"
	"net"
	"slices"
	"strings"
	"testing"
	"time"
)

// replyWith answers each connection with s.
func replyWith(s string) func(*net.TCPConn) {
	return func(c *net.TCPConn) { c.Write([]byte(s)) }
}

// reached dials the server for sni and returns what the target sent.
func (f *fixture) reached(t *testing.T, sni string) string {
	t.Helper()
	b, err := io.ReadAll(f.dial(t, sni))
	if err != nil {
		t.Fatalf("reading through the server: %v", err)
	}
	return string(b)
}

// Priority: every connection goes to the first target that answers.
func TestServerFailoverPriority(t *testing.T) {
	noLeaks(t)
	dead := closedPort(t)
	one, two := backend(t, replyWith("1")), backend(t, replyWith("2"))
	f := serve(t, &Server{Routes: []Route{{"a.test", dead}, {"b.test", two}, {"a.test", one}, {"a.test", two}}})
	for i := range 3 {
		if got := f.reached(t, "a.test"); got != "1" {
			t.Fatalf("connection %d reached %q, want the first live target (1)", i, got)
		}
	}
	f.stop()
	for _, rec := range f.log.records() {
		rec.want(t, "target", one)
	}
}

// Round-robin: each connection starts one target further, per route.
func TestServerFailoverRoundRobin(t *testing.T) {
	noLeaks(t)
	a, b, c := backend(t, replyWith("A")), backend(t, replyWith("B")), backend(t, replyWith("C"))
	f := serve(t, &Server{
		Routes:      []Route{{"a.test", a}, {"a.test", b}, {"a.test", c}},
		Default:     a,
		DefaultMore: []string{b},
		Failover:    RoundRobin,
	})
	var got []string
	for range 6 {
		got = append(got, f.reached(t, "a.test"))
	}
	if want := []string{"A", "B", "C", "A", "B", "C"}; !slices.Equal(got, want) {
		t.Errorf("route reached %q, want %q", got, want)
	}
	got = nil
	for range 4 {
		got = append(got, f.reached(t, "b.test"))
	}
	if want := []string{"A", "B", "A", "B"}; !slices.Equal(got, want) {
		t.Errorf("default reached %q, want %q (its own rotation)", got, want)
	}
}

// A dead first target costs nothing but the attempt: the next carries
// the bytes exactly, with half-close.
func TestServerFailoverByteExact(t *testing.T) {
	noLeaks(t)
	f := serve(t, &Server{Default: closedPort(t), DefaultMore: []string{backend(t, echo)}})
	c := f.dial(t, "a.test")
	data := make([]byte, 4<<20)
	rand.NewChaCha8([32]byte{7}).Read(data)
	werr := make(chan error, 1)
	go func() {
		_, err := c.Write(data)
		if err == nil {
			err = c.CloseWrite()
		}
		werr <- err
	}()
	got, err := io.ReadAll(c)
	if err != nil || <-werr != nil {
		t.Fatalf("read: %v", err)
	}
	if !bytes.Equal(got, data) {
		t.Fatalf("echo: %d bytes, sha256 %x; sent %d, sha256 %x", len(got), sha256.Sum256(got), len(data), sha256.Sum256(data))
	}
	c.Close()
	f.stop()
	rec := f.log.only(t)
	rec.want(t, "reason", "both sides closed")
	rec.want(t, "bytes_in", "4194304")
}

// When every target fails the client's connection closes, and one line
// names each target's error.
func TestServerFailoverAllDead(t *testing.T) {
	noLeaks(t)
	one, two := closedPort(t), closedPort(t)
	f := serve(t, &Server{Routes: []Route{{"a.test", one}, {"a.test", two}}})
	if got := f.reached(t, "a.test"); got != "" {
		t.Fatalf("read %q from a route with no live target", got)
	}
	f.stop()
	rec := f.log.only(t)
	rec.want(t, "reason", "target unreachable")
	rec.want(t, "err", "dialing target "+one+": ")
	rec.want(t, "err", "; dialing target "+two+": ")
	if strings.Contains(rec.attrs["err"], "\n") {
		t.Errorf("err spans lines: %q", rec.attrs["err"])
	}
}

// Each attempt has its own timeout: a target that hangs is given up on
// and the next tried.
func TestTryInTurnTimeout(t *testing.T) {
	got, target, err := tryInTurn(context.Background(), []string{"hangs", "answers"}, 10*time.Millisecond, func(ctx context.Context, target string) (string, error) {
		if target == "hangs" {
			<-ctx.Done()
			return "", ctx.Err()
		}
		return "ok from " + target, nil
	})
	if err != nil || target != "answers" || got != "ok from answers" {
		t.Fatalf("tryInTurn = %q, %q, %v; want the second target", got, target, err)
	}
}

func TestRotation(t *testing.T) {
	var r rotation
	ts := []string{"a", "b", "c"}
	for i, want := range [][]string{{"a", "b", "c"}, {"b", "c", "a"}, {"c", "a", "b"}, {"a", "b", "c"}} {
		if got := r.order(RoundRobin, ts); !slices.Equal(got, want) {
			t.Errorf("round-robin call %d: %q, want %q", i, got, want)
		}
	}
	if got := r.order(Priority, ts); !slices.Equal(got, ts) {
		t.Errorf("priority: %q, want as given", got)
	}
	if !slices.Equal(ts, []string{"a", "b", "c"}) {
		t.Errorf("order changed its input: %q", ts)
	}
}

func TestServerRefusesBadFailover(t *testing.T) {
	_, cert := newCA(t)
	certs := []tls.Certificate{cert}
	for _, c := range []struct {
		s    *Server
		want string
	}{
		{&Server{Certificates: certs, Default: "h:1", Failover: "random"}, `failover "random" is neither "priority" nor "round-robin"`},
		{&Server{Certificates: certs, Routes: []Route{{"a.test", "h:1"}}, DefaultMore: []string{"h:2"}}, "default: more targets given but no first one"},
		{&Server{Certificates: certs, Default: "h:1", DefaultMore: []string{"h"}}, `default: target "h"`},
	} {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		if err := c.s.Serve(context.Background(), l); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Serve error %v, want it to contain %q", err, c.want)
		}
	}
}
