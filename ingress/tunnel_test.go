package ingress

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"io"
	"net"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/devproof/devproof/internal/evidence"
	"github.com/devproof/devproof/tunnel"
)

func TestParseConfigTunnel(t *testing.T) {
	c, err := ParseConfig(env(append(slices.Clone(base), "DOMAINS", "*.w.example.com", "TUNNEL_PORT", "5433",
		"TUNNEL_ROUTES", "a.example.com=db:5432,x.w.example.com=mq:1883,*.w.example.com=other:1")...))
	if err != nil {
		t.Fatal(err)
	}
	if c.TunnelPort != 5433 || len(c.TunnelRoutes) != 3 || c.TunnelRoutes[0] != (tunnel.Route{Pattern: "a.example.com", Target: "db:5432"}) {
		t.Errorf("tunnel port %d, routes %+v", c.TunnelPort, c.TunnelRoutes)
	}
	for _, tc := range []struct {
		kv   []string
		want string
	}{
		{[]string{"TUNNEL_ROUTES", "a.example.com=db:5432"}, "TUNNEL_ROUTES: set without TUNNEL_PORT"},
		{[]string{"TUNNEL_PORT", "5433"}, "TUNNEL_PORT: set without TUNNEL_ROUTES"},
		{[]string{"TUNNEL_PORT", "443", "TUNNEL_ROUTES", "a.example.com=db:5432"}, "TUNNEL_PORT: 443 is PORT too"},
		{[]string{"TUNNEL_PORT", "5433", "TUNNEL_ROUTES", "b.example.com=db:5432"}, `TUNNEL_ROUTES: "b.example.com" is not among the domains`},
		{[]string{"TUNNEL_PORT", "5433", "TUNNEL_ROUTES", "*.example.com=db:5432"}, `TUNNEL_ROUTES: "*.example.com" is not among the domains`},
		{[]string{"TUNNEL_PORT", "5433", "TUNNEL_ROUTES", "a.example.com=db"}, `TUNNEL_ROUTES: tunnel: route "a.example.com=db"`},
		{[]string{"TUNNEL_PORT", "5433", "TUNNEL_ROUTES", "a*.example.com=db:1"}, "a wildcard may only be the whole first label"},
		{[]string{"TUNNEL_PORT", "99999", "TUNNEL_ROUTES", "a.example.com=db:1"}, `TUNNEL_PORT: "99999"`},
	} {
		_, err := ParseConfig(env(append(slices.Clone(base), tc.kv...)...))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: %v\nwant %q", tc.kv, err, tc.want)
		}
	}
}

// The tunnel port serves raw TCP with the ingress's own certificate, so a
// client that accepts only keys the app's evidence attests reaches the
// target through it; a name the tunnel has no route for is refused.
func TestIngressTunnel(t *testing.T) {
	t.Parallel()
	st := newStack(t)
	echo, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { echo.Close() })
	go func() {
		for {
			c, err := echo.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				io.Copy(c, c)
				c.(*net.TCPConn).CloseWrite()
			}()
		}
	}()
	tunnelAddr := freeAddr(t)
	_, tunnelPort, _ := net.SplitHostPort(tunnelAddr)
	r := st.start(t, st.env("rfc2136", "LISTEN_ADDR", "127.0.0.1", "TUNNEL_PORT", tunnelPort,
		"TUNNEL_ROUTES", testDomain+"="+echo.Addr().String()), nil)
	r.waitServing(t)

	info, _ := st.agent.Info(context.Background())
	tr := st.transport(r.addr, testDomain)
	defer tr.CloseIdleConnections()
	verify, err := tunnel.NewAttested("https://"+testDomain+"/evidences/",
		evidence.Options{AppID: info.AppID, ComposeHashes: []string{info.ComposeHash}, AllowSimulated: true},
		&http.Client{Transport: tr, Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	c := &tunnel.Client{Connect: []string{tunnelAddr}, ServerName: testDomain, Verify: verify}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- c.Serve(ctx, l) }()
	defer func() { cancel(); <-done }()

	conn, err := net.Dial("tcp", l.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	msg := make([]byte, 1<<20)
	rand.Read(msg)
	go func() {
		conn.Write(msg)
		conn.(*net.TCPConn).CloseWrite()
	}()
	conn.SetReadDeadline(time.Now().Add(30 * time.Second))
	got, err := io.ReadAll(conn)
	if err != nil {
		t.Fatal(err)
	}
	if sha256.Sum256(got) != sha256.Sum256(msg) {
		t.Fatalf("echoed %d bytes through the tunnel, sent %d; contents differ", len(got), len(msg))
	}

	// A name the tunnel has no route for gets no certificate at all.
	_, err = tls.Dial("tcp", tunnelAddr, &tls.Config{ServerName: "other.devproof.test", RootCAs: st.ca.IssuerRoots()})
	if err == nil {
		t.Fatal("handshake for an unrouted name succeeded")
	}
	waitFor(t, "the refusal's log line", 5*time.Second, func() bool {
		return bytes.Contains(st.logs.Bytes(), []byte(`no route for server name \"other.devproof.test\"`))
	})
}
