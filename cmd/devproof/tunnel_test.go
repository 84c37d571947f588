//go:build !tee

package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/devproof/devproof/internal/localca"
	"github.com/devproof/devproof/internal/syncbuf"
)

// tunnelCert writes a certificate for a.test and its key as PEM files.
func tunnelCert(t *testing.T) (ca *localca.CA, certFile, keyFile string) {
	t.Helper()
	ca, err := localca.New()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(ca.Close)
	cert, err := ca.Issue("a.test")
	if err != nil {
		t.Fatal(err)
	}
	var chain []byte
	for _, der := range cert.Certificate {
		chain = append(chain, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})...)
	}
	key, err := x509.MarshalPKCS8PrivateKey(cert.PrivateKey)
	if err != nil {
		t.Fatal(err)
	}
	return ca, write(t, "tls.crt", chain), write(t, "tls.key", pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: key}))
}

// echoBackend answers each connection with what it read.
func echoBackend(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	wg.Go(func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			wg.Go(func() {
				defer c.Close()
				io.Copy(c, c)
				c.(*net.TCPConn).CloseWrite()
			})
		}
	})
	t.Cleanup(func() { l.Close(); wg.Wait() })
	return l.Addr().String()
}

func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// The command serves a route given partly by flags and partly by the
// environment, a flag winning, and pipes bytes both ways.
func TestTunnelServerCommand(t *testing.T) {
	ca, certFile, keyFile := tunnelCert(t)
	listen := freeAddr(t)
	t.Setenv("TUNNEL_ROUTES", "a.test="+echoBackend(t))
	t.Setenv("TUNNEL_CERT", certFile)
	t.Setenv("TUNNEL_LISTEN", "256.0.0.1:1") // the flag wins
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stderr syncbuf.Buffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"tunnel", "server", "--listen", listen, "--key", keyFile, "--drain-timeout", "0s"}, io.Discard, &stderr)
	}()
	var c *tls.Conn
	for deadline := time.Now().Add(5 * time.Second); ; {
		var err error
		c, err = tls.Dial("tcp", listen, &tls.Config{ServerName: "a.test", RootCAs: ca.Pool()})
		if err == nil {
			break
		}
		select {
		case code := <-done:
			t.Fatalf("tunnel server exited %d: %s", code, stderr.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("tunnel server not answering: %v\n%s", err, stderr.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	msg := strings.Repeat("through the tunnel ", 1000)
	go func() {
		c.Write([]byte(msg))
		c.CloseWrite()
	}()
	b, err := io.ReadAll(c)
	c.Close()
	if err != nil || string(b) != msg {
		t.Fatalf("echo through the command: %d bytes, %v; want %d", len(b), err, len(msg))
	}
	cancel()
	if code := <-done; code != 0 {
		t.Fatalf("exit %d after shutdown: %s", code, stderr.String())
	}
	for _, want := range []string{`"msg":"tunnel server listening"`, `"msg":"tunnel connection"`, `"reason":"both sides closed"`, `"sni":"a.test"`} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %s:\n%s", want, stderr.String())
		}
	}
}

// Each bad setting is refused before listening, naming the input.
func TestTunnelServerCommandRefuses(t *testing.T) {
	_, certFile, keyFile := tunnelCert(t)
	_, otherCert, _ := tunnelCert(t)
	base := []string{"tunnel", "server", "--listen", "127.0.0.1:0", "--default", "127.0.0.1:1"}
	for _, c := range []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"no cert", nil, nil, "a certificate and its key are required (--cert and --key)"},
		{"missing cert file", nil, []string{"--cert", "/nonexistent/tls.crt", "--key", keyFile}, "certificate /nonexistent/tls.crt with key " + keyFile + ": open /nonexistent/tls.crt"},
		{"key of another cert", nil, []string{"--cert", otherCert, "--key", keyFile}, "certificate " + otherCert + " with key " + keyFile + ": tls: private key does not match public key"},
		{"bad route", nil, []string{"--cert", certFile, "--key", keyFile, "--route", "a_b.test=h:1"}, `route "a_b.test=h:1": pattern "a_b.test"`},
		{"bad env route", map[string]string{"TUNNEL_ROUTES": "a.test=h:1,b.test"}, []string{"--cert", certFile, "--key", keyFile}, `route "b.test": want SNI=host:port`},
		{"bad env duration", map[string]string{"TUNNEL_IDLE_TIMEOUT": "soon"}, []string{"--cert", certFile, "--key", keyFile}, `TUNNEL_IDLE_TIMEOUT "soon" is not a duration`},
		{"bad flag count", nil, []string{"--cert", certFile, "--key", keyFile, "--max-conns", "-1"}, `--max-conns "-1" is not a count`},
		{"bad proxy out", nil, []string{"--cert", certFile, "--key", keyFile, "--proxy-out", "v3"}, `PROXY out "v3": want v1 or v2`},
		{"bad env curves", map[string]string{"TUNNEL_CURVES": "P-256:brainpool"}, []string{"--cert", certFile, "--key", keyFile}, `tunnel: TUNNEL_CURVES: curves "P-256:brainpool": "brainpool" is not one of`},
		{"client CA not PEM", nil, []string{"--cert", certFile, "--key", keyFile, "--client-ca", keyFile}, "client CA file " + keyFile + " holds no PEM certificate"},
	} {
		t.Run(c.name, func(t *testing.T) {
			for k, v := range c.env {
				t.Setenv(k, v)
			}
			code, _, stderr := runCmd(t, context.Background(), append(base, c.args...)...)
			if code != 1 || !strings.Contains(stderr, c.want) {
				t.Errorf("exit %d, stderr %q; want 1 and %q", code, stderr, c.want)
			}
		})
	}
}

func TestTunnelUsage(t *testing.T) {
	code, _, stderr := runCmd(t, context.Background(), "tunnel")
	if code != 2 || !strings.Contains(stderr, "tunnel server --listen ADDR") {
		t.Errorf("exit %d, stderr %q; want 2 and the synopsis", code, stderr)
	}
}
