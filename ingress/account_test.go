package ingress

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/caddyserver/certmagic"
	"github.com/devproof/devproof/internal/evidence"
	"github.com/mholt/acmez/v3/acme"
)

// A changed ACME_EMAIL becomes the account's contact at the CA on the next
// start; the account stays the same.
func TestIngressUpdatesAccountContact(t *testing.T) {
	t.Parallel()
	st := newStack(t)
	r := st.start(t, st.env("rfc2136"), nil)
	r.waitServing(t)
	uri := r.in.Status().AccountURI
	r.stop()

	r2 := st.start(t, st.env("rfc2136", "ACME_EMAIL", "new-ops@devproof.test"), nil)
	r2.waitServing(t)
	want := []string{"mailto:new-ops@devproof.test"}

	// As the CA has it.
	key, err := certmagic.PEMDecodePrivateKey([]byte(r2.in.certs.issuer.AccountKeyPEM))
	if err != nil {
		t.Fatal(err)
	}
	tr := &http.Transport{TLSClientConfig: &tls.Config{RootCAs: st.ca.ServerRoots}}
	defer tr.CloseIdleConnections()
	client := &acme.Client{Directory: st.ca.Directory, HTTPClient: &http.Client{Transport: tr, Timeout: 10 * time.Second}}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var acct acme.Account
	waitFor(t, "the new contact at the CA", 20*time.Second, func() bool {
		acct, err = client.GetAccount(ctx, acme.Account{PrivateKey: key})
		return err == nil && slices.Equal(acct.Contact, want)
	})
	if acct.Location != uri {
		t.Errorf("account changed: %s → %s", uri, acct.Location)
	}

	// As the evidence publishes it.
	var published evidence.Account
	waitFor(t, "the new contact in acme-account.json", 20*time.Second, func() bool {
		tr := st.transport(r2.addr, testDomain)
		defer tr.CloseIdleConnections()
		files, err := evidence.Fetch(ctx, &http.Client{Transport: tr, Timeout: 10 * time.Second}, "https://"+testDomain+"/evidences/")
		if err != nil {
			return false
		}
		published = evidence.Account{}
		return json.Unmarshal(files[evidence.AccountFile], &published) == nil && slices.Equal(published.Body.Contact, want)
	})
	if published.URI != uri {
		t.Errorf("published account URI %s, want %s", published.URI, uri)
	}
	st.audit(t, r2, testDomain)
}
