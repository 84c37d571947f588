package notary

import (
	"crypto/x509"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/devproof/devproof/internal/realworld"
	"github.com/devproof/devproof/notary/ctpolicy"
)

func TestCheckChainReal(t *testing.T) {
	dir := realworld.Dir(t, "ct")
	b, err := os.ReadFile(filepath.Join(dir, "google-com-chain-2025-07.pem"))
	if err != nil {
		t.Fatal(err)
	}
	chain, err := ParseChainPEM(b)
	if err != nil {
		t.Fatal(err)
	}
	list, err := ctpolicy.LoadLogList(filepath.Join(dir, "chrome-log-list-v63.23.json"))
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2025, 8, 22, 0, 0, 0, 0, time.UTC)
	r, err := CheckChain(chain, ChainOptions{Host: "www.google.com", At: at, LogList: list})
	if err != nil {
		t.Fatal(err)
	}
	if !r.OK {
		t.Fatalf("real chain: %+v", r.Checks)
	}
	r, _ = CheckChain(chain, ChainOptions{Host: "www.example.com", At: at, LogList: list})
	if r.OK || r.Checks[1].Name != "hostname" || r.Checks[1].OK || !strings.Contains(r.Checks[1].Detail, "www.example.com") {
		t.Errorf("wrong host: %+v", r.Checks)
	}
	r, _ = CheckChain(chain, ChainOptions{At: time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC), LogList: list})
	if r.OK || r.Checks[0].OK || !strings.Contains(r.Checks[0].Detail, "expired") {
		t.Errorf("expired: %+v", r.Checks)
	}
	r, _ = CheckChain(chain, ChainOptions{Roots: x509.NewCertPool(), At: at, LogList: list})
	if r.OK || r.Checks[0].OK || !strings.Contains(r.Checks[0].Detail, "unknown authority") {
		t.Errorf("untrusted root: %+v", r.Checks)
	}
	if _, err := ParseChainPEM([]byte("not pem")); err == nil {
		t.Error("garbage chain accepted")
	}
}
