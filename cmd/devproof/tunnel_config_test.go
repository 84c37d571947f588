//go:build !tee

package main

import (
	"context"
	"crypto/tls"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/devproof/devproof/internal/syncbuf"
)

// Two services from one file, each its own server with its own settings:
// the second sends a PROXY header first, so its echo starts with one.
func TestTunnelServerConfigTwoServices(t *testing.T) {
	ca, certFile, keyFile := tunnelCert(t)
	one, two := freeAddr(t), freeAddr(t)
	config := write(t, "tunnel.yaml", []byte(`
- name: one
  listen: `+one+`
  routes: [a.test=`+echoBackend(t)+`]
  cert: `+certFile+`
  key: `+keyFile+`
  max-conns: 5
  drain-timeout: 0s
- name: two
  listen: `+two+`
  default: `+echoBackend(t)+`
  cert: `+certFile+`
  key: `+keyFile+`
  proxy-out: v1
  drain-timeout: 0s
`))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stderr syncbuf.Buffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"tunnel", "server", "--config", config}, io.Discard, &stderr)
	}()
	echo := func(addr string) string {
		t.Helper()
		var c *tls.Conn
		for deadline := time.Now().Add(5 * time.Second); ; {
			var err error
			c, err = tls.Dial("tcp", addr, &tls.Config{ServerName: "a.test", RootCAs: ca.Pool()})
			if err == nil {
				break
			}
			select {
			case code := <-done:
				t.Fatalf("tunnel server exited %d: %s", code, stderr.String())
			default:
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s not answering: %v\n%s", addr, err, stderr.String())
			}
			time.Sleep(10 * time.Millisecond)
		}
		defer c.Close()
		if _, err := c.Write([]byte("hello\n")); err != nil {
			t.Fatal(err)
		}
		c.CloseWrite()
		b, err := io.ReadAll(c)
		if err != nil {
			t.Fatalf("%s: %v", addr, err)
		}
		return string(b)
	}
	if got := echo(one); got != "hello\n" {
		t.Errorf("service one echoed %q, want hello", got)
	}
	if got := echo(two); !strings.HasPrefix(got, "PROXY TCP4 127.0.0.1 ") || !strings.HasSuffix(got, "\r\nhello\n") {
		t.Errorf("service two echoed %q, want a PROXY v1 header, then hello", got)
	}
	cancel()
	if code := <-done; code != 0 {
		t.Fatalf("exit %d after shutdown: %s", code, stderr.String())
	}
	for _, want := range []string{`"service":"one"`, `"service":"two"`} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %s:\n%s", want, stderr.String())
		}
	}
}

// A bad file is refused before anything listens, naming the service and
// the setting.
func TestTunnelServerConfigRefuses(t *testing.T) {
	_, certFile, keyFile := tunnelCert(t)
	addr := freeAddr(t)
	svc := func(name, extra string) string {
		return "- name: " + name + "\n  listen: " + addr + "\n  default: 127.0.0.1:1\n  cert: " + certFile + "\n  key: " + keyFile + "\n" + extra
	}
	for _, c := range []struct{ yaml, want string }{
		{svc("web", "  idle-timeout: soon\n"), `web: tunnel: idle-timeout "soon"`},
		{svc("web", "  colour: blue\n"), `web: unknown setting "colour"`},
		{svc("web", "") + svc("db", ""), "web and db both listen"},
		{"[]\n", "lists no service"},
		{svc("web", "  routes: [nota route]\n"), "nota route"},
	} {
		var stderr syncbuf.Buffer
		code := run(context.Background(), []string{"tunnel", "server", "--config", write(t, "tunnel.yaml", []byte(c.yaml))}, io.Discard, &stderr)
		if code == 0 || !strings.Contains(stderr.String(), c.want) {
			t.Errorf("%q: exit %d, stderr %q; want an error with %q", c.yaml, code, stderr.String(), c.want)
		}
	}
	var stderr syncbuf.Buffer
	if code := run(context.Background(), []string{"tunnel", "server", "--config", "x.yaml", "--listen", addr}, io.Discard, &stderr); code == 0 {
		t.Errorf("--config with --listen: exit 0")
	}
}
