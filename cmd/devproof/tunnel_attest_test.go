//go:build !tee

package main

import (
	"context"
	"crypto/tls"
	"encoding/hex"
	"flag"
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/devproof/devproof/internal/syncbuf"
	"github.com/devproof/devproof/internal/teesim"
	"github.com/devproof/devproof/tunnel"
)

// startAgent serves a simulated guest agent on a unix socket and returns
// its path and the app id, hex.
func startAgent(t *testing.T, seed string) (sock, appID string) {
	t.Helper()
	sim, err := teesim.New(teesim.Config{Seed: []byte(seed)})
	if err != nil {
		t.Fatal(err)
	}
	sock = filepath.Join(t.TempDir(), "dstack.sock")
	_, stop, err := sim.Start(sock)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	id := sim.AppID()
	return sock, hex.EncodeToString(id[:])
}

var serverListeningRE = regexp.MustCompile(`"msg":"tunnel server listening","listen":"([^"]+)"`)

// startTunnelServer runs `devproof tunnel server` with args until the
// test ends and returns where it listens once its agent certificate is
// issued, and its stderr.
func startTunnelServer(t *testing.T, args ...string) (string, *syncbuf.Buffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stderr := &syncbuf.Buffer{}
	done := make(chan int, 1)
	go func() { done <- run(ctx, append([]string{"tunnel", "server"}, args...), io.Discard, stderr) }()
	t.Cleanup(func() {
		cancel()
		if code := <-done; code != 0 {
			t.Errorf("tunnel server exited %d after shutdown: %s", code, stderr.String())
		}
	})
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(time.Millisecond) {
		select {
		case code := <-done:
			done <- code
			t.Fatalf("tunnel server exited %d: %s", code, stderr.String())
		default:
		}
		s := stderr.String()
		if m := serverListeningRE.FindStringSubmatch(s); m != nil && strings.Contains(s, `"msg":"agent certificate issued"`) {
			return m[1], stderr
		}
		if time.Now().After(deadline) {
			t.Fatalf("tunnel server not ready: %s", stderr.String())
		}
	}
}

// raTLSConfig is a client config that accepts only an RA-TLS server of
// appID, as `tunnel client --ra-tls` does.
func raTLSConfig(t *testing.T, appID string) *tls.Config {
	t.Helper()
	v, err := tunnel.RATLS(tunnel.RATLSOptions{AppID: appID, AllowSimulated: true})
	if err != nil {
		t.Fatal(err)
	}
	return &tls.Config{
		ServerName:         "a.test",
		InsecureSkipVerify: true, // VerifyConnection is the check
		VerifyConnection:   func(cs tls.ConnectionState) error { return v.VerifyServer(cs, "a.test") },
	}
}

// The server command presents the guest agent's RA-TLS certificate,
// which names its routes; an RA-TLS client gets the bytes back exactly.
func TestTunnelServerRATLSCertCommand(t *testing.T) {
	sock, appID := startAgent(t, "tunnel server ra-tls-cert")
	t.Setenv("TUNNEL_RA_TLS_CERT", "true")
	addr, stderr := startTunnelServer(t, "--listen", "127.0.0.1:0", "--endpoint", sock, "--route", "a.test="+echoBackend(t), "--drain-timeout", "0s")
	c, err := tls.Dial("tcp", addr, raTLSConfig(t, appID))
	if err != nil {
		t.Fatalf("RA-TLS handshake: %v\n%s", err, stderr.String())
	}
	if names := c.ConnectionState().PeerCertificates[0].DNSNames; len(names) != 1 || names[0] != "a.test" {
		t.Errorf("certificate names %q, want the route's a.test", names)
	}
	msg := strings.Repeat("attested tunnel ", 4096)
	go func() {
		c.Write([]byte(msg))
		c.CloseWrite()
	}()
	b, err := io.ReadAll(c)
	c.Close()
	if err != nil || string(b) != msg {
		t.Fatalf("echo: %d bytes, %v; want %d", len(b), err, len(msg))
	}
	if strings.Contains(stderr.String(), "PRIVATE KEY") {
		t.Errorf("the log holds a private key: %s", stderr.String())
	}
}

// A client command with an RA-TLS certificate of the allowed app gets
// through a server that requires one; a client without one is refused
// during the handshake, and the server's log names the check.
func TestTunnelMutualAttestationCommands(t *testing.T) {
	sock, appID := startAgent(t, "tunnel mutual")
	server, serverLog := startTunnelServer(t, "--listen", "127.0.0.1:0", "--endpoint", sock, "--default", echoBackend(t),
		"--ra-tls-cert", "--require-attested-client", "--client-app-id", appID, "--allow-simulated-client", "--drain-timeout", "0s")
	clientArgs := []string{"--listen", "127.0.0.1:0", "--connect", server, "--sni", "a.test", "--ra-tls", "--app-id", appID, "--allow-simulated"}

	addr, clientLog, stop := startTunnelClient(t, append(clientArgs, "--ra-tls-cert", "--endpoint", sock))
	waitForLog(t, clientLog, `"msg":"agent certificate issued"`)
	got, err := ping(t, addr)
	stop()
	if err != nil || string(got) != "ping" {
		t.Fatalf("attested client: echo %q, %v\nclient: %s\nserver: %s", got, err, clientLog.String(), serverLog.String())
	}

	addr, _, stop = startTunnelClient(t, clientArgs)
	got, _ = ping(t, addr)
	stop()
	if len(got) != 0 {
		t.Fatalf("a client without a certificate read %q", got)
	}
	waitForLog(t, serverLog, `"reason":"TLS handshake","err":"tls: client didn't provide a certificate"`)
}

// waitForLog waits until log holds want.
func waitForLog(t *testing.T, log *syncbuf.Buffer, want string) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(log.String(), want); time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("log lacks %s:\n%s", want, log.String())
		}
	}
}

// Settings that contradict or lack each other stop the server before it
// listens, naming the flags or variables.
func TestTunnelAttestSettingsRefused(t *testing.T) {
	_, certFile, keyFile := tunnelCert(t)
	id := strings.Repeat("ab", 20)
	base := []string{"tunnel", "server", "--listen", "127.0.0.1:0", "--default", "127.0.0.1:1"}
	for _, c := range []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"agent cert and --cert", nil, []string{"--ra-tls-cert", "--cert", certFile, "--key", keyFile}, "tunnel: --ra-tls-cert and --cert are two sources of the server certificate: give one"},
		{"agent cert from env and --key", map[string]string{"TUNNEL_RA_TLS_CERT": "1"}, []string{"--key", keyFile}, "tunnel: TUNNEL_RA_TLS_CERT and --key are two sources"},
		{"agent cert not a bool", nil, []string{"--ra-tls-cert=maybe"}, `tunnel: --ra-tls-cert "maybe" is not true or false`},
		{"endpoint alone", nil, []string{"--cert", certFile, "--key", keyFile, "--endpoint", "/run/dstack.sock"}, "tunnel: --endpoint applies only with --ra-tls-cert"},
		{"no app id", nil, []string{"--cert", certFile, "--key", keyFile, "--require-attested-client"}, "tunnel: --require-attested-client needs --client-app-id, or any app's client would be accepted"},
		{"app id alone", nil, []string{"--cert", certFile, "--key", keyFile, "--client-app-id", id}, "tunnel: --client-app-id applies only with --require-attested-client"},
		{"simulated alone", nil, []string{"--cert", certFile, "--key", keyFile, "--allow-simulated-client"}, "tunnel: --allow-simulated-client applies only with --require-attested-client"},
		{"compose hash alone, from env", map[string]string{"TUNNEL_CLIENT_COMPOSE_HASH": strings.Repeat("cd", 32)}, []string{"--cert", certFile, "--key", keyFile}, "tunnel: TUNNEL_CLIENT_COMPOSE_HASH applies only with --require-attested-client"},
		{"bad app id", nil, []string{"--cert", certFile, "--key", keyFile, "--require-attested-client", "--client-app-id", "zz"}, `tunnel: --require-attested-client: ra-tls: app id "zz" is not 40 hex characters`},
		{"bad second compose hash", nil, []string{"--cert", certFile, "--key", keyFile, "--require-attested-client", "--client-app-id", id, "--client-compose-hash", strings.Repeat("cd", 32), "--client-compose-hash", "12"}, `ra-tls: compose hash "12" is not 64 hex characters`},
		{"no agent", nil, []string{"--ra-tls-cert", "--endpoint", "/nonexistent/dstack.sock"}, "tunnel: --ra-tls-cert: agent certificate: dstack agent /nonexistent/dstack.sock /GetTlsKey: cannot connect"},
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

// A switch needs no value and a list setting repeats, on the command
// line as from the environment.
func TestTunnelAttestFlagsParse(t *testing.T) {
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	vals := map[string]*string{}
	for _, s := range tunnelSettings {
		if s.flag != "route" {
			vals[s.flag] = tunnelSettingFlag(fs, s, s.doc)
		}
	}
	args := []string{"--ra-tls-cert", "--require-attested-client", "--client-compose-hash", "aa", "--client-compose-hash", "bb", "--allow-simulated-client=false"}
	if err := fs.Parse(args); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"ra-tls-cert": "true", "require-attested-client": "true", "client-compose-hash": "aa,bb", "allow-simulated-client": "false", "endpoint": ""} {
		if got := *vals[name]; got != want {
			t.Errorf("--%s = %q, want %q", name, got, want)
		}
	}
}

// The --config file takes the attestation settings per service.
func TestTunnelConfigAttestation(t *testing.T) {
	_, certFile, keyFile := tunnelCert(t)
	id := strings.Repeat("ab", 20)
	file := write(t, "tunnel.yaml", []byte(`
- name: attested
  listen: 127.0.0.1:0
  default: 127.0.0.1:1
  ra-tls-cert: true
  endpoint: /nonexistent/dstack.sock
  require-attested-client: true
  client-app-id: `+id+`
  client-compose-hash: `+strings.Repeat("cd", 32)+`,`+strings.Repeat("ef", 32)+`
- name: plain
  listen: 127.0.0.1:2
  default: 127.0.0.1:1
  cert: `+certFile+`
  key: `+keyFile+`
`))
	servers, _, certs, err := loadTunnelConfig(file)
	if err != nil {
		t.Fatal(err)
	}
	if servers[0].VerifyClient == nil || servers[0].GetCertificate == nil || certs[0] == nil {
		t.Errorf("attested service: client check %v, agent certificate %v", servers[0].VerifyClient, certs[0])
	}
	if servers[1].VerifyClient != nil || certs[1] != nil {
		t.Errorf("plain service: client check %v, agent certificate %v", servers[1].VerifyClient, certs[1])
	}

	bad := write(t, "bad.yaml", []byte(`
- name: both
  listen: 127.0.0.1:0
  default: 127.0.0.1:1
  ra-tls-cert: true
  cert: `+certFile+`
`))
	if _, _, _, err := loadTunnelConfig(bad); err == nil || !strings.Contains(err.Error(), "both: tunnel: ra-tls-cert and cert are two sources of the server certificate") {
		t.Errorf("ra-tls-cert with cert: %v", err)
	}
}

func TestTunnelClientRATLSCertRefused(t *testing.T) {
	_, certFile, keyFile := tunnelCert(t)
	err := runTunnelClient(context.Background(), []string{"--listen", "127.0.0.1:0", "--connect", "a:1", "--ra-tls-cert", "--cert", certFile, "--key", keyFile}, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "--ra-tls-cert and --cert/--key are two sources of the client certificate") {
		t.Errorf("--ra-tls-cert with --cert: %v", err)
	}
	t.Setenv("TUNNEL_RA_TLS_CERT", "true")
	err = runTunnelClient(context.Background(), []string{"--listen", "127.0.0.1:0", "--connect", "a:1", "--endpoint", "/nonexistent/dstack.sock"}, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "--ra-tls-cert: agent certificate: dstack agent /nonexistent/dstack.sock /GetTlsKey: cannot connect") {
		t.Errorf("TUNNEL_RA_TLS_CERT without an agent: %v", err)
	}
}
