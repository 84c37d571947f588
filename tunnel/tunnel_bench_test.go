package tunnel

import (
	"context"
	"crypto/tls"
	"io"
	"log/slog"
	"net"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/devproof/devproof/internal/localca"
)

// benchTarget listens on 127.0.0.1 and serves as deploy/bench/tunnel.sh's
// target does: a first byte 's' gets zeros until the peer closes, any
// other is echoed with everything after it.
func benchTarget(b *testing.B) string {
	return backend(b, func(c *net.TCPConn) { serveBenchTarget(c) })
}

func serveBenchTarget(c net.Conn) {
	first := make([]byte, 1)
	if _, err := io.ReadFull(c, first); err != nil {
		return
	}
	if first[0] == 's' {
		zeros := make([]byte, 64<<10)
		for {
			if _, err := c.Write(zeros); err != nil {
				return
			}
		}
	}
	if _, err := c.Write(first); err != nil {
		return
	}
	// A small buffer, so the target adds little to what is measured.
	buf := make([]byte, 512)
	io.CopyBuffer(c, c, buf)
}

// benchTunnel starts a Server in front of target and a Client in front of
// that, both in this process, and returns the client's address.
func benchTunnel(b *testing.B, target string) string {
	b.Helper()
	ca, err := localca.New()
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(ca.Close)
	cert, err := ca.Issue("a.test")
	if err != nil {
		b.Fatal(err)
	}
	quiet := slog.New(slog.DiscardHandler)
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	b.Cleanup(func() { cancel(); wg.Wait() })
	listen := func() net.Listener {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			b.Fatal(err)
		}
		return l
	}
	sl, cl := listen(), listen()
	s := &Server{Default: target, Certificates: []tls.Certificate{cert}, Logger: quiet}
	c := &Client{Connect: []string{sl.Addr().String()}, ServerName: "a.test", Verify: WebPKI(ca.Pool()), Logger: quiet}
	wg.Go(func() { s.Serve(ctx, sl) })
	wg.Go(func() { c.Serve(ctx, cl) })
	return cl.Addr().String()
}

// BenchmarkTunnelBulk measures bytes per second from the target through
// the server and the client ends over one connection, as the script's
// one-connection bulk figure does.
func BenchmarkTunnelBulk(b *testing.B) {
	addr := benchTunnel(b, benchTarget(b))
	c, err := net.Dial("tcp", addr)
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	if _, err := c.Write([]byte{'s'}); err != nil {
		b.Fatal(err)
	}
	const chunk = 256 << 10
	buf := make([]byte, chunk)
	b.SetBytes(chunk)
	b.ResetTimer()
	for range b.N {
		if _, err := io.ReadFull(c, buf); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTunnelIdleMemory reports what one idle connection costs the
// server and client ends together, with 1,000 connections open through
// both, less the same with 1,000 connections straight to the target: the
// live heap after a collection, the goroutine stacks, their sum, and the
// process's resident memory (as deploy/bench/tunnel.sh measures, Linux
// only). It needs about 5,000 file descriptors.
func BenchmarkTunnelIdleMemory(b *testing.B) {
	const n = 1000
	target := benchTarget(b)
	addr := benchTunnel(b, target)
	// Warm up: the handshake's and the pools' first allocations are not
	// per connection.
	measureIdle(b, addr, 20)
	for range b.N {
		direct := measureIdle(b, target, n)
		tunnel := measureIdle(b, addr, n)
		heap, stack := (tunnel.heap-direct.heap)/n, (tunnel.stack-direct.stack)/n
		b.ReportMetric(heap+stack, "B/idle-conn")
		b.ReportMetric(heap, "heap-B/idle-conn")
		b.ReportMetric(stack, "stack-B/idle-conn")
		if tunnel.rss != 0 {
			b.ReportMetric((tunnel.rss-direct.rss)/n, "rss-B/idle-conn")
		}
	}
}

// growth is what opening connections added, in bytes.
type growth struct{ heap, stack, rss float64 }

// measureIdle opens n connections to addr, each proven end to end by an
// echoed byte, and returns how much memory grew while they were open.
func measureIdle(b *testing.B, addr string, n int) growth {
	b.Helper()
	before := memNow()
	conns := make([]net.Conn, 0, n)
	defer func() {
		for _, c := range conns {
			c.Close()
		}
		// Let both ends close theirs before the next measure.
		time.Sleep(500 * time.Millisecond)
	}()
	one := make([]byte, 1)
	for range n {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			b.Fatal(err)
		}
		conns = append(conns, c)
		c.SetDeadline(time.Now().Add(10 * time.Second))
		if _, err := c.Write([]byte{'i'}); err != nil {
			b.Fatal(err)
		}
		if _, err := io.ReadFull(c, one); err != nil {
			b.Fatal(err)
		}
	}
	time.Sleep(500 * time.Millisecond)
	after := memNow()
	return growth{after.heap - before.heap, after.stack - before.stack, after.rss - before.rss}
}

// memNow returns the resident memory and the stacks in use, as they are,
// and the heap live after a collection.
func memNow() growth {
	var g growth
	g.rss = rssBytes()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	g.stack = float64(ms.StackInuse)
	runtime.GC()
	runtime.ReadMemStats(&ms)
	g.heap = float64(ms.HeapAlloc)
	return g
}

// rssBytes is the process's resident memory, or 0 where /proc does not
// tell.
func rssBytes() float64 {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range strings.Lines(string(status)) {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
			if err != nil {
				return 0
			}
			return float64(kb) * 1024
		}
	}
	return 0
}
