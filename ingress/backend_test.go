package ingress

import (
	"bufio"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/textproto"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/devproof/devproof/internal/syncbuf"
)

// scriptedBackend runs serve on every connection it accepts and counts
// them; closing it ends every connection and its goroutine.
func scriptedBackend(t *testing.T, serve func(c net.Conn, br *bufio.Reader)) (string, *atomic.Int32) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var n atomic.Int32
	var wg sync.WaitGroup
	var mu sync.Mutex
	var conns []net.Conn
	wg.Go(func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			n.Add(1)
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
			wg.Go(func() { defer c.Close(); serve(c, bufio.NewReader(c)) })
		}
	})
	t.Cleanup(func() {
		l.Close()
		mu.Lock()
		for _, c := range conns {
			c.Close()
		}
		mu.Unlock()
		wg.Wait()
	})
	return l.Addr().String(), &n
}

// readHead reads one request's header block and returns its first line.
func readHead(br *bufio.Reader) (string, error) {
	tp := textproto.NewReader(br)
	line, err := tp.ReadLine()
	if err != nil {
		return "", err
	}
	_, err = tp.ReadMIMEHeader()
	return line, err
}

func getBody(t *testing.T, c *http.Client, method string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(method, "https://app.devproof.test/", nil)
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestBackendKeepsAndRetiresConnections(t *testing.T) {
	t.Parallel()
	const ok = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
	for _, c := range []struct {
		name      string
		method    string
		serve     func(c net.Conn, br *bufio.Reader)
		wantConns int32
	}{
		{"keep-alive", "GET", func(c net.Conn, br *bufio.Reader) {
			for {
				if _, err := readHead(br); err != nil {
					return
				}
				io.WriteString(c, ok)
			}
		}, 1},
		{"HEAD", "HEAD", func(c net.Conn, br *bufio.Reader) {
			for {
				if _, err := readHead(br); err != nil {
					return
				}
				io.WriteString(c, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n")
			}
		}, 1},
		// The backend closes each connection once it has answered, as
		// one does when its keep-alive timeout passes: the request sent
		// on the pooled connection finds it closed and is sent again on a
		// new one.
		{"closed while idle", "GET", func(c net.Conn, br *bufio.Reader) {
			if _, err := readHead(br); err == nil {
				io.WriteString(c, ok)
			}
		}, 3},
		// Bytes past the end of a response are not read as the answer to
		// the next request: the connection is dropped instead.
		{"bytes past the response", "GET", func(c net.Conn, br *bufio.Reader) {
			for {
				if _, err := readHead(br); err != nil {
					return
				}
				io.WriteString(c, ok+"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nstale")
			}
		}, 3},
		// "Connection: close" ends the connection even though this
		// backend leaves it open: reusing it would wait for an answer
		// that never comes.
		{"Connection: close", "GET", func(c net.Conn, br *bufio.Reader) {
			if _, err := readHead(br); err == nil {
				io.WriteString(c, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok")
				io.Copy(io.Discard, br)
			}
		}, 3},
	} {
		t.Run(c.name, func(t *testing.T) {
			addr, conns := scriptedBackend(t, c.serve)
			e := startRouter(t, &router{Default: target(addr), BackendTimeout: 5 * time.Second})
			client := e.client("app.devproof.test", false)
			for i := range 3 {
				status, body := getBody(t, client, c.method)
				want := "ok"
				if c.method == "HEAD" {
					want = ""
				}
				if status != http.StatusOK || body != want {
					t.Fatalf("request %d: %d %q", i, status, body)
				}
			}
			if n := conns.Load(); n != c.wantConns {
				t.Errorf("backend saw %d connections for 3 requests, want %d", n, c.wantConns)
			}
		})
	}
}

// A 103 Early Hints from the backend reaches the client before the final
// response.
func TestBackendInterimResponses(t *testing.T) {
	t.Parallel()
	addr, _ := scriptedBackend(t, func(c net.Conn, br *bufio.Reader) {
		if _, err := readHead(br); err == nil {
			io.WriteString(c, "HTTP/1.1 103 Early Hints\r\nLink: </app.css>; rel=preload\r\n\r\n"+
				"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfinal")
		}
		io.Copy(io.Discard, br)
	})
	e := startRouter(t, &router{Default: target(addr)})
	var hints []string
	trace := &httptrace.ClientTrace{Got1xxResponse: func(code int, h textproto.MIMEHeader) error {
		hints = append(hints, strings.Join(append([]string{http.StatusText(code)}, h.Values("Link")...), " "))
		return nil
	}}
	req, _ := http.NewRequest("GET", "https://app.devproof.test/", nil)
	req = req.WithContext(httptrace.WithClientTrace(req.Context(), trace))
	resp, err := e.client("app.devproof.test", false).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(b) != "final" || len(hints) != 1 || hints[0] != "Early Hints </app.css>; rel=preload" {
		t.Errorf("got %q after interim responses %q", b, hints)
	}
}

// A backend that sends endless headers, or endless interim responses, is
// cut off at the limit rather than buffered: the client gets 502 and the
// log names the limit.
func TestBackendHeaderLimits(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name, answer string
		repeat       int
		want         error
	}{
		{"header bytes", "X-Filler: " + strings.Repeat("a", 1000) + "\r\n", maxBackendHeaderBytes/1000 + 10, errBackendHeaderTooLong},
		{"interim responses", "HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n", maxInterimResponses + 1, errTooManyInterim},
	} {
		t.Run(c.name, func(t *testing.T) {
			addr, _ := scriptedBackend(t, func(conn net.Conn, br *bufio.Reader) {
				if _, err := readHead(br); err != nil {
					return
				}
				w := bufio.NewWriter(conn)
				if c.want == errBackendHeaderTooLong {
					io.WriteString(w, "HTTP/1.1 200 OK\r\n")
				}
				for range c.repeat {
					io.WriteString(w, c.answer)
				}
				io.WriteString(w, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
				w.Flush()
				io.Copy(io.Discard, br)
			})
			var logs syncbuf.Buffer
			e := startRouter(t, &router{Default: target(addr), Logger: slog.New(slog.NewTextHandler(&logs, nil))})
			status, body := getBody(t, e.client("app.devproof.test", false), "GET")
			if status != http.StatusBadGateway {
				t.Errorf("status %d %q, want 502", status, body)
			}
			if want := fmt.Sprintf("%q", c.want.Error()); !strings.Contains(string(logs.Bytes()), want) {
				t.Errorf("log does not name the limit %s:\n%s", want, logs.Bytes())
			}
		})
	}
}
