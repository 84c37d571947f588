package ctlog_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"path/filepath"
	"testing"
	"time"

	"github.com/devproof/devproof/internal/ctlog"
	"github.com/devproof/devproof/internal/localca"
	"github.com/devproof/devproof/notary/ctpolicy"
)

// The local CA logs precertificates to two local TesseraCT logs and embeds
// their SCTs; the result passes the CT policy against the local log list.
func TestLoggedCertificatePassesCTPolicy(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	ca, err := localca.New()
	if err != nil {
		t.Fatal(err)
	}
	defer ca.Close()
	dir := t.TempDir()
	var logs []*ctlog.Log
	var sources []localca.SCTSource
	for i, op := range []string{"Devproof Logs A", "Devproof Logs B"} {
		l, err := ctlog.Start(filepath.Join(dir, []string{"a", "b"}[i]), op+" log", op, ca.RootPEM())
		if err != nil {
			t.Fatal(err)
		}
		defer l.Close()
		logs = append(logs, l)
		sources = append(sources, l)
	}
	cert, err := ca.IssueLogged(ctx, sources, "source.devproof.test")
	if err != nil {
		t.Fatal(err)
	}
	list, err := ctpolicy.ParseLogList(ctlog.LogList("dev", logs...))
	if err != nil {
		t.Fatal(err)
	}
	r, err := ctpolicy.Evaluate(cert.Certificate, nil, list, time.Now())
	if err != nil || !r.OK {
		t.Fatalf("%+v %v", r, err)
	}
	if len(r.SCTs) != 2 || !r.SCTs[0].Tiled {
		t.Errorf("SCTs: %+v", r.SCTs)
	}
}

// The monitoring URL serves what a static-ct-api reader fetches: the
// checkpoint, the data and hash tiles, and the issuer by its hash; the
// submission path stays TesseraCT's.
func TestMonitoringURLServesTheReadPath(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	ca, err := localca.New()
	if err != nil {
		t.Fatal(err)
	}
	defer ca.Close()
	l, err := ctlog.Start(t.TempDir(), "read log", "read operator", ca.RootPEM())
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	cert, err := ca.Issue("read.devproof.test")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.AddChain(ctx, cert.Certificate); err != nil {
		t.Fatal(err)
	}
	var cp []byte
	for !bytes.HasPrefix(cp, []byte(l.Origin+"\n1\n")) {
		if ctx.Err() != nil {
			t.Fatalf("no checkpoint of size 1; last: %q", cp)
		}
		cp = get(t, l.MonitoringURL+"checkpoint", http.StatusOK)
		time.Sleep(50 * time.Millisecond)
	}
	issuer := sha256.Sum256(ca.Root.Raw)
	if b := get(t, l.MonitoringURL+"issuer/"+hex.EncodeToString(issuer[:]), http.StatusOK); !bytes.Equal(b, ca.Root.Raw) {
		t.Errorf("issuer: got %d bytes, not the root", len(b))
	}
	if b := get(t, l.MonitoringURL+"tile/0/000.p/1", http.StatusOK); len(b) != 32 {
		t.Errorf("hash tile: %d bytes, want 32", len(b))
	}
	if b := get(t, l.MonitoringURL+"tile/data/000.p/1", http.StatusOK); !bytes.Contains(b, cert.Certificate[0]) {
		t.Errorf("data tile does not hold the certificate")
	}
	get(t, l.MonitoringURL+"roots.pem", http.StatusNotFound)
}

func get(t *testing.T, url string, status int) []byte {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != status {
		t.Fatalf("GET %s: HTTP %d, want %d: %s", url, resp.StatusCode, status, b)
	}
	return b
}
