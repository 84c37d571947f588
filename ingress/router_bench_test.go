package ingress

import (
	"bufio"
	"bytes"
	"crypto/tls"
	"io"
	"net"
	"net/http"
	"strconv"
	"sync"
	"testing"
)

// BenchmarkRouterKeepAlive measures the per-request cost of the HTTP path:
// small GETs over HTTP/1.1 keep-alive TLS connections, proxied to a real
// local backend, as wrk drives the ingress in deploy/bench/ingress.sh.
// Each parallel client holds one connection, handshaken before the timer
// starts. The backend is a minimal HTTP/1.1 server on loopback, so that a
// profile shows the router and the client, not a second net/http server.
func BenchmarkRouterKeepAlive(b *testing.B) {
	const page = "hello from the shared backend\n"
	e := startRouter(b, &router{Default: target(rawBackend(b, page))})
	req := []byte("GET / HTTP/1.1\r\nHost: app.devproof.test\r\nUser-Agent: bench\r\n\r\n")
	b.ReportAllocs()
	b.SetParallelism(8)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		c, err := tls.Dial("tcp", e.addr, &tls.Config{RootCAs: e.pool, ServerName: "app.devproof.test", NextProtos: []string{"http/1.1"}})
		if err != nil {
			b.Error(err)
			return
		}
		defer c.Close()
		br := bufio.NewReader(c)
		for pb.Next() {
			if _, err := c.Write(req); err != nil {
				b.Error(err)
				return
			}
			resp, err := http.ReadResponse(br, nil)
			if err != nil {
				b.Error(err)
				return
			}
			n, _ := io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK || n != int64(len(page)) {
				b.Errorf("status %d, %d bytes", resp.StatusCode, n)
				return
			}
		}
	})
	b.StopTimer()
}

// rawBackend answers every request on a keep-alive connection with page,
// after reading its header block; requests must have no body. Closing it
// ends every connection and its goroutine.
func rawBackend(tb testing.TB, page string) string {
	tb.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	resp := []byte("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: " + strconv.Itoa(len(page)) + "\r\n\r\n" + page)
	var wg sync.WaitGroup
	var mu sync.Mutex
	conns := map[net.Conn]struct{}{}
	wg.Go(func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns[c] = struct{}{}
			mu.Unlock()
			wg.Go(func() {
				defer c.Close()
				br := bufio.NewReader(c)
				for {
					line, err := br.ReadSlice('\n')
					if err != nil {
						return
					}
					if len(bytes.TrimSpace(line)) == 0 {
						if _, err := c.Write(resp); err != nil {
							return
						}
					}
				}
			})
		}
	})
	tb.Cleanup(func() {
		l.Close()
		mu.Lock()
		for c := range conns {
			c.Close()
		}
		mu.Unlock()
		wg.Wait()
	})
	return l.Addr().String()
}
