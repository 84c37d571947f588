//go:build !tee

package main

import (
	"context"
	"io"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/devproof/devproof/internal/syncbuf"
	"github.com/devproof/devproof/tunnel"
)

// startTunnelServer runs `devproof tunnel server` with args and waits
// until it listens; stop ends it, after which its log is complete.
func startPSKTunnelServer(t *testing.T, args ...string) (log *syncbuf.Buffer, stop func()) {
	t.Helper()
	var stderr syncbuf.Buffer
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() { done <- run(ctx, append([]string{"tunnel", "server"}, args...), io.Discard, &stderr) }()
	stop = sync.OnceFunc(func() {
		cancel()
		if code := <-done; code != 0 {
			t.Errorf("tunnel server exit %d: %s", code, stderr.String())
		}
	})
	t.Cleanup(stop)
	for !strings.Contains(stderr.String(), `"msg":"tunnel server listening"`) {
		select {
		case code := <-done:
			done <- code
			t.Fatalf("tunnel server exited %d: %s", code, stderr.String())
		case <-time.After(time.Millisecond):
		}
	}
	return &stderr, stop
}

// A server with only a PSKsecrets file (from the environment) and a
// client with the same key carry bytes; the server's default fails over
// past a dead target. A client proving a key the server does not hold is
// refused, and the server's line names the check.
func TestTunnelPSKCommands(t *testing.T) {
	secrets := write(t, "psk.txt", []byte("app1:a key of twenty-one b\nbob:bob's key on the server\n"))
	listen := freeAddr(t)
	t.Setenv("TUNNEL_PSK_SECRETS", secrets)
	srvLog, stopServer := startPSKTunnelServer(t, "--listen", listen, "--default", freeAddr(t)+","+echoBackend(t), "--drain-timeout", "0s")

	addr, _, stop := startTunnelClient(t, []string{"--listen", "127.0.0.1:0", "--connect", listen, "--psk-secrets", secrets, "--psk-identity", "app1"})
	got, err := ping(t, addr)
	stop()
	if err != nil || string(got) != "ping" {
		t.Fatalf("echo through the PSK tunnel = %q, %v\n%s", got, err, srvLog.String())
	}

	other := write(t, "psk.txt", []byte("bob:bob's key on the client\n"))
	addr, clientLog, stop := startTunnelClient(t, []string{"--listen", "127.0.0.1:0", "--connect", listen, "--psk-secrets", other})
	got, _ = ping(t, addr)
	stop()
	if len(got) != 0 {
		t.Fatalf("a client with the wrong key read %q", got)
	}
	stopServer()
	if s := clientLog.String(); !strings.Contains(s, `the server sent no tag for identity \"bob\"`) {
		t.Errorf("client log does not name the refusal:\n%s", s)
	}
	for _, want := range []string{`"psk_identity":"app1"`, `"reason":"both sides closed"`, `"reason":"PSK"`, `psk tag of identity \"bob\" does not match`} {
		if !strings.Contains(srvLog.String(), want) {
			t.Errorf("server log lacks %s:\n%s", want, srvLog.String())
		}
	}
	if strings.Contains(srvLog.String()+clientLog.String(), "key on the") {
		t.Errorf("a key was logged")
	}
}

// Bad PSK settings stop either command, naming the file and the line or
// the flag, and never showing the key.
func TestTunnelPSKRefuses(t *testing.T) {
	short := write(t, "short.txt", []byte("app1:sekrit-short\n")) // 12 bytes
	good := write(t, "psk.txt", []byte("app1:a key of twenty-one b\n"))
	t.Setenv("TUNNEL_PSK_SECRETS", short)
	code, _, stderr := runCmd(t, context.Background(), "tunnel", "server", "--listen", "127.0.0.1:0", "--default", "127.0.0.1:1")
	if want := "TUNNEL_PSK_SECRETS: psk secrets " + short + ` line 1: the key of identity "app1" is 12 bytes, want at least 16`; code != 1 || !strings.Contains(stderr, want) {
		t.Errorf("server: exit %d, stderr %q; want 1 and %q", code, stderr, want)
	}
	if strings.Contains(stderr, "sekrit") {
		t.Errorf("server stderr shows the key: %s", stderr)
	}
	t.Setenv("TUNNEL_PSK_SECRETS", "")
	t.Setenv("TUNNEL_CONNECT", "")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--psk-secrets", short}, "psk secrets " + short + " line 1: the key of identity"},
		{[]string{"--psk-secrets", good, "--psk-identity", "app2"}, `--psk-identity "app2" is not in --psk-secrets ` + good},
		{[]string{"--psk-identity", "app1"}, "--psk-identity needs --psk-secrets"},
	} {
		err := runTunnelClient(context.Background(), append([]string{"--listen", "127.0.0.1:0", "--connect", "a:1"}, tc.args...), io.Discard, io.Discard)
		if err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "sekrit") {
			t.Errorf("client %q: error %v, want %q", tc.args, err, tc.want)
		}
	}
}

// Repeating a route's name adds a target, from flags, TUNNEL_ROUTES and a
// --config file alike; --default takes a comma-separated list.
func TestTunnelFailoverSettings(t *testing.T) {
	_, certFile, keyFile := tunnelCert(t)
	check := func(t *testing.T, s *tunnel.Server) {
		t.Helper()
		var got []string
		for _, r := range s.Routes {
			got = append(got, r.Pattern+"="+r.Target)
		}
		if want := []string{"a.test=h1:1", "b.test=h2:1", "a.test=h3:1"}; !slices.Equal(got, want) {
			t.Errorf("routes %q, want %q", got, want)
		}
		if s.Default != "d1:1" || !slices.Equal(s.DefaultMore, []string{"d2:1", "d3:1"}) || s.Failover != tunnel.RoundRobin {
			t.Errorf("default %q then %q, failover %q; want d1:1 then d2:1 d3:1, round-robin", s.Default, s.DefaultMore, s.Failover)
		}
	}
	t.Run("settings", func(t *testing.T) {
		vals := map[string]string{"route": "a.test=h1:1, b.test=h2:1,a.test=h3:1", "default": "d1:1, d2:1,d3:1", "failover": "round-robin", "cert": certFile, "key": keyFile}
		get := func(k string) (string, string) {
			if v, ok := vals[k]; ok {
				return v, k
			}
			for _, s := range tunnelSettings {
				if s.flag == k {
					return s.def, k
				}
			}
			return "", k
		}
		s, err := tunnelServerConfig(get, nil, false)
		if err != nil {
			t.Fatal(err)
		}
		check(t, s)
	})
	t.Run("config", func(t *testing.T) {
		file := write(t, "tunnel.yaml", []byte(`
- listen: 127.0.0.1:0
  routes: [a.test=h1:1, b.test=h2:1, a.test=h3:1]
  default: d1:1,d2:1,d3:1
  failover: round-robin
  cert: `+certFile+`
  key: `+keyFile+`
`))
		servers, _, _, err := loadTunnelConfig(file)
		if err != nil {
			t.Fatal(err)
		}
		check(t, servers[0])
	})
	for _, tc := range []struct{ env, val, want string }{
		{"TUNNEL_FAILOVER", "random", `TUNNEL_FAILOVER "random": want priority or round-robin`},
		{"TUNNEL_DEFAULT", "d1:1,,d2:1", `TUNNEL_DEFAULT "d1:1,,d2:1" has an empty target`},
		{"TUNNEL_DEFAULT", "d1:1,d2", `default: target "d2"`},
	} {
		t.Run(tc.env+"="+tc.val, func(t *testing.T) {
			t.Setenv(tc.env, tc.val)
			code, _, stderr := runCmd(t, context.Background(), "tunnel", "server", "--listen", "127.0.0.1:0", "--cert", certFile, "--key", keyFile, "--route", "a.test=h:1")
			if code != 1 || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, stderr %q; want 1 and %q", code, stderr, tc.want)
			}
		})
	}
}
