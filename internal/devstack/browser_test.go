package devstack

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/devproof/devproof/internal/syncbuf"
)

// BrowserEnv makes a missing browser a failure instead of a skip.
const browserEnv = "DEVPROOF_BROWSER"

func need(t *testing.T, names ...string) string {
	t.Helper()
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	if os.Getenv(browserEnv) == "required" {
		t.Fatalf("%v not installed and %s=required", names, browserEnv)
	}
	t.Skipf("%v not installed; set %s=required to fail instead", names, browserEnv)
	return ""
}

// A real browser loads the demo app through the ingress, trusting only the
// dev CA's root (in its own NSS database) and resolving the name to
// loopback.
func TestBrowserLoadsDemoApp(t *testing.T) {
	t.Parallel()
	chromium := need(t, "chromium", "chromium-browser")
	certutil := need(t, "certutil")

	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	ready := make(chan *Stack, 1)
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, Config{Dir: t.TempDir(), Out: &syncbuf.Buffer{}, Ready: func(s *Stack) { ready <- s }})
	}()
	var st *Stack
	select {
	case st = <-ready:
	case err := <-done:
		t.Fatalf("dev stack: %v", err)
	}
	defer func() { cancel(); <-done }()

	home := t.TempDir()
	nss := "sql:" + filepath.Join(home, ".pki", "nssdb")
	os.MkdirAll(filepath.Join(home, ".pki", "nssdb"), 0o700)
	for _, args := range [][]string{
		{"-N", "-d", nss, "--empty-password"},
		{"-A", "-d", nss, "-t", "C,,", "-n", "devproof-dev-root", "-i", st.RootPEM},
	} {
		if out, err := exec.CommandContext(ctx, certutil, args...).CombinedOutput(); err != nil {
			t.Fatalf("certutil %v: %v\n%s", args, err, out)
		}
	}
	load := func(home string) string {
		cmd := exec.CommandContext(ctx, chromium,
			"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
			"--disable-background-networking", "--disable-component-update", "--disable-sync",
			"--user-data-dir="+filepath.Join(home, "profile"),
			"--host-resolver-rules=MAP "+DemoDomain+" 127.0.0.1",
			"--dump-dom", st.URL)
		cmd.Env = append(os.Environ(), "HOME="+home)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("chromium: %v", err)
		}
		return string(out)
	}
	page := load(home)
	if !strings.Contains(page, "devproof demo app") || !strings.Contains(page, st.AppID) || !strings.Contains(page, "over https") {
		t.Errorf("chromium rendered:\n%s", page)
	}
	// Without the dev root in its trust store the browser refuses the page.
	if page := load(t.TempDir()); strings.Contains(page, "devproof demo app") {
		t.Error("chromium showed the page without trusting the dev CA")
	}
}
