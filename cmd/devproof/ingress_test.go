//go:build !tee

package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/devproof/devproof/internal/acmeca"
	"github.com/devproof/devproof/internal/dnsserver"
	"github.com/devproof/devproof/internal/syncbuf"
	"github.com/devproof/devproof/internal/teesim"
)

// TestMain lets a test run the devproof command itself as a child process
// (this test binary, with DEVPROOF_TEST_MAIN=1), so that what ps shows is
// the real command line.
func TestMain(m *testing.M) {
	if os.Getenv("DEVPROOF_TEST_MAIN") == "1" {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
		stop()
		os.Exit(code)
	}
	code := m.Run()
	for _, f := range afterTests {
		if err := f(); err != nil {
			fmt.Fprintln(os.Stderr, "after the tests:", err)
			if code == 0 {
				code = 1
			}
		}
	}
	os.Exit(code)
}

// afterTests run once every test has, to stop what tests shared.
var afterTests []func() error

// The operator runs `devproof ingress` with the TSIG secret in a file, as
// Docker secrets are mounted: the ingress obtains its certificate, and
// nothing any local user can list with ps carries the secret. The secret
// has no flag at all, and -h says where secrets come from. On SIGTERM with
// a request that outlives DRAIN_TIMEOUT, it says what it cut and exits 0.
func TestIngressSecretsStayOutOfPS(t *testing.T) {
	t.Parallel()
	const (
		tsigKey    = "devproof-cli."
		tsigSecret = "c2VjcmV0LWZvci10aGUtY2xpLWluZ3Jlc3MtdGVzdA=="
	)
	d, err := dnsserver.Start(dnsserver.Config{Zones: []string{"devproof.test"}, TSIG: map[string]string{tsigKey: tsigSecret}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	ca, err := acmeca.Start(d.Addr(), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(ca.Close)
	sim, err := teesim.New(teesim.Config{Seed: []byte("cli ingress")})
	if err != nil {
		t.Fatal(err)
	}
	sock := filepath.Join(t.TempDir(), "dstack.sock")
	_, stopSim, err := sim.Start(sock)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stopSim)
	slowArrived, release := make(chan struct{}, 1), make(chan struct{})
	backend := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/slow" {
			slowArrived <- struct{}{}
			<-release
		}
		fmt.Fprint(w, "backend")
	}))
	t.Cleanup(backend.Close)
	t.Cleanup(func() { close(release) })

	secretFile := write(t, "tsig.secret", []byte(tsigSecret+"\n"))
	rootsFile := write(t, "pebble.pem", ca.ServerRootPEM)
	free := func() string {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer l.Close()
		return l.Addr().String()
	}
	_, port, _ := net.SplitHostPort(free())
	statusAddr := free()
	child := exec.Command(os.Args[0], "ingress",
		"--domains", "app.devproof.test", "--target-endpoint", strings.TrimPrefix(backend.URL, "http://"),
		"--listen-addr", "127.0.0.1", "--port", port, "--status-addr", statusAddr,
		"--acme-directory", ca.Directory, "--acme-ca-roots", rootsFile,
		"--dns-provider", "rfc2136", "--rfc2136-server", d.Addr(), "--rfc2136-key-name", tsigKey, "--dns-resolvers", d.Addr(),
		"--storage-dir", t.TempDir(), "--endpoint", sock)
	child.Env = append(os.Environ(), "DEVPROOF_TEST_MAIN=1", "RFC2136_KEY_SECRET_FILE="+secretFile, "DRAIN_TIMEOUT=300ms")
	logs := &syncbuf.Buffer{}
	child.Stderr = logs
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	var waitErr error
	exited := make(chan struct{})
	go func() { waitErr = child.Wait(); close(exited) }()
	t.Cleanup(func() {
		child.Process.Signal(syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(30 * time.Second):
			child.Process.Kill()
			t.Error("the ingress did not stop on SIGTERM")
		}
	})

	deadline := time.Now().Add(60 * time.Second)
	for {
		var s struct{ State string }
		if resp, err := http.Get("http://" + statusAddr + "/status"); err == nil {
			json.NewDecoder(resp.Body).Decode(&s)
			resp.Body.Close()
		}
		if s.State == "serving" {
			break
		}
		select {
		case <-exited:
			t.Fatalf("the ingress exited: %v\n%s", waitErr, logs.Bytes())
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("the ingress is not serving after 60 s (state %q)\n%s", s.State, logs.Bytes())
		}
	}

	// What ps shows of every process, and the kernel's own record of the
	// child's arguments, which ps reads.
	cmdline, err := os.ReadFile("/proc/" + strconv.Itoa(child.Process.Pid) + "/cmdline")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(cmdline), "--rfc2136-key-name") {
		t.Fatalf("read the wrong process's arguments: %q", cmdline)
	}
	if strings.Contains(string(cmdline), tsigSecret) {
		t.Errorf("the child's arguments hold the TSIG secret: %q", cmdline)
	}
	if ps, err := exec.Command("ps", "-eo", "pid,args").Output(); err != nil {
		t.Logf("ps: %v (checked /proc only)", err)
	} else if !strings.Contains(string(ps), "--rfc2136-key-name") || strings.Contains(string(ps), tsigSecret) {
		t.Errorf("ps shows the TSIG secret, or not the ingress:\n%s", ps)
	}
	if strings.Contains(string(logs.Bytes()), tsigSecret) {
		t.Error("the ingress logged its TSIG secret")
	}

	// No flag takes a secret.
	code, _, stderr := runCmd(t, context.Background(), "ingress", "--rfc2136-key-secret", tsigSecret)
	if code != 2 || !strings.Contains(stderr, "flag provided but not defined: -rfc2136-key-secret") {
		t.Errorf("--rfc2136-key-secret: exit %d\n%s", code, stderr)
	}
	code, _, stderr = runCmd(t, context.Background(), "ingress", "--cloudflare-api-token", "x")
	if code != 2 || !strings.Contains(stderr, "flag provided but not defined: -cloudflare-api-token") {
		t.Errorf("--cloudflare-api-token: exit %d\n%s", code, stderr)
	}
	code, _, stderr = runCmd(t, context.Background(), "ingress", "-h")
	for _, want := range []string{"read only from the environment, or from the file that NAME_FILE names", "CLOUDFLARE_API_TOKEN", "RFC2136_KEY_SECRET", "-rfc2136-key-name"} {
		if code != 0 || !strings.Contains(stderr, want) {
			t.Errorf("ingress -h (exit %d) lacks %q", code, want)
		}
	}

	// A request the backend holds past DRAIN_TIMEOUT is cut at SIGTERM,
	// said so once, and the command still exits 0.
	roots := x509.NewCertPool()
	roots.AppendCertsFromPEM(ca.IssuerRootPEM)
	tr := &http.Transport{
		TLSClientConfig: &tls.Config{RootCAs: roots, ServerName: "app.devproof.test"},
		DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			return (&net.Dialer{}).DialContext(ctx, network, net.JoinHostPort("127.0.0.1", port))
		},
	}
	defer tr.CloseIdleConnections()
	slowDone := make(chan error, 1)
	go func() {
		resp, err := (&http.Client{Transport: tr}).Get("https://app.devproof.test/slow")
		if err == nil {
			resp.Body.Close()
		}
		slowDone <- err
	}()
	select {
	case <-slowArrived:
	case err := <-slowDone:
		t.Fatalf("the slow request ended before reaching the backend: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("the slow request never reached the backend")
	}
	child.Process.Signal(syscall.SIGTERM)
	select {
	case <-exited:
	case <-time.After(20 * time.Second):
		t.Fatalf("the ingress did not stop on SIGTERM\n%s", logs.Bytes())
	}
	if waitErr != nil {
		t.Errorf("after a drain timeout the ingress exited with %v, want 0\n%s", waitErr, logs.Bytes())
	}
	if want := "drain timeout 300ms passed; cut 1 request in flight"; !strings.Contains(string(logs.Bytes()), want) {
		t.Errorf("the ingress's logs lack %q:\n%s", want, logs.Bytes())
	}
	if err := <-slowDone; err == nil {
		t.Error("the request held past the drain timeout was answered")
	}
}

// `devproof ingress` with a STORAGE_DIR it cannot use exits 1 at once,
// naming the setting, before it reaches the guest agent, the CA or DNS
// (none of which exists here).
func TestIngressExitsOnUnusableStorageDir(t *testing.T) {
	t.Setenv("RFC2136_KEY_SECRET", "c2VjcmV0")
	file := write(t, "not-a-dir", []byte("x"))
	var stdout, stderr strings.Builder
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	code := run(ctx, []string{"ingress", "--storage-dir", file, "--domain", "app.devproof.test", "--target-endpoint", "127.0.0.1:1",
		"--rfc2136-server", "127.0.0.1:1", "--rfc2136-key-name", "k.", "--acme-directory", "https://127.0.0.1:1/dir",
		"--endpoint", filepath.Join(t.TempDir(), "no-agent.sock")}, &stdout, &stderr)
	want := `devproof: error: ingress: STORAGE_DIR "` + file + `" is not a directory`
	if code != 1 || !strings.Contains(stderr.String(), want) {
		t.Errorf("exit %d, stderr %q; want 1 and %q", code, stderr.String(), want)
	}
}
