package ingress

import (
	"context"
	"encoding/json"
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/devproof/devproof/internal/evidence"
)

// A tampered key history neither shrinks keys.json nor passes quietly:
// after a restart, and while running, every key published stays published
// and /status names the problem.
func TestIngressKeyHistoryNeverShrinks(t *testing.T) {
	t.Parallel()
	st := newStack(t)
	r := st.start(t, st.env("rfc2136"), nil)
	r.waitServing(t)
	resp, _ := st.get(t, r.addr, "/")
	leaf := resp.TLS.PeerCertificates[0]

	// A renewal through Pebble's ARI gives the history a second key.
	if err := st.ca.SetRenewalWindow(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: leaf.Raw}), time.Now().Add(-time.Hour), time.Now().Add(-time.Minute)); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	// certmagic's own maintenance may renew at the same moment; then this
	// call's order replaces a certificate already replaced and Pebble
	// refuses it. Either renewal gives the history its second key.
	if err := r.in.CheckRenewal(ctx); err != nil {
		t.Logf("renewal check: %v (a concurrent renewal may have won)", err)
	}
	waitFor(t, "two keys in keys.json", 30*time.Second, func() bool {
		b, _ := r.in.evidence.file("keys.json")
		var k evidence.Keys
		return json.Unmarshal(b, &k) == nil && len(k.Keys) == 2
	})
	resp, _ = st.get(t, r.addr, "/")
	renewed := resp.TLS.PeerCertificates[0]
	checkKeys(t, st.audit(t, r, testDomain), renewed, 2)
	r.stop()

	history := filepath.Join(st.storage, "devproof", "keys.json")
	tamper := func() {
		t.Helper()
		b, err := os.ReadFile(history)
		if err != nil {
			t.Fatal(err)
		}
		b[len(b)/2] ^= 1
		if err := os.WriteFile(history, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	tamper()

	statusAddr := freeAddr(t)

	// Restart: the history is restored from its last good copy.
	r2 := st.start(t, st.env("rfc2136", "STATUS_ADDR", statusAddr), nil)
	r2.waitServing(t)
	checkKeys(t, st.audit(t, r2, testDomain), renewed, 2)
	if s := getStatus(t, statusAddr); !strings.Contains(s.KeyHistory, "devproof/keys.json") || !strings.Contains(s.KeyHistory, "restored") {
		t.Errorf("/status key_history after tampering = %q", s.KeyHistory)
	}
	// The history is rebuilt in storage, whole.
	if _, err := os.Stat(history); err != nil {
		t.Errorf("key history not rebuilt: %v", err)
	}

	// While running: tampering again and regenerating keeps both keys.
	tamper()
	r2.in.requestRegen()
	waitFor(t, "the history quarantined again", 30*time.Second, func() bool {
		_, err := os.Stat(filepath.Join(st.storage, "quarantine", "devproof", "keys.json"))
		return err == nil
	})
	waitFor(t, "the history rebuilt again", 30*time.Second, func() bool {
		_, err := os.Stat(history)
		return err == nil
	})
	checkKeys(t, st.audit(t, r2, testDomain), renewed, 2)
	if s := getStatus(t, statusAddr); s.KeyHistory == "ok" || len(s.Quarantined) == 0 {
		t.Errorf("/status while running: key_history %q, quarantined %v", s.KeyHistory, s.Quarantined)
	}
}
