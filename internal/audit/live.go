package audit

import (
	"context"
	"crypto/tls"
	"strings"

	"github.com/devproof/devproof/internal/evidence"
)

// live handshakes with the domain as a browser would and checks that the
// key it serves, not the one the files name, is one the app attested.
func (a *auditor) live(ctx context.Context) {
	ctx, cancel := context.WithTimeout(ctx, a.opts.Timeout)
	defer cancel()
	cfg := &tls.Config{ServerName: a.r.Domain, RootCAs: a.opts.Roots, MinVersion: tls.VersionTLS12}
	var conn *tls.Conn
	raw, err := a.dial(ctx, "tcp", a.host)
	if err == nil {
		conn = tls.Client(raw, cfg)
		if err = conn.HandshakeContext(ctx); err != nil {
			raw.Close()
		}
	}
	if err != nil {
		a.add("tls", Fail, "handshake with %s as %s: %v", a.host, a.r.Domain, err)
		a.add("live-key", Skip, "no certificate was served")
		return
	}
	leaf := conn.ConnectionState().PeerCertificates[0]
	conn.Close()
	a.r.LiveKey = evidence.SPKIHash(leaf)
	a.add("tls", Pass, "%s serves a certificate valid for %s until %s, issued by %q", a.host, a.r.Domain, leaf.NotAfter.UTC().Format("2006-01-02"), leaf.Issuer.CommonName)

	switch {
	case a.files == nil:
		a.add("live-key", Skip, "no evidence was fetched")
		return
	case a.r.Identity.AppID == "":
		a.add("live-key", Skip, "quote.json declares no app id to judge keys by")
		return
	}
	opts := evidence.Options{Quote: a.opts.Quote, AllowSimulated: a.opts.AllowSimulated, AppID: a.r.Identity.AppID}
	if h := a.opts.ExpectComposeHash; h != "" {
		opts.ComposeHashes = []string{h}
	}
	keys, err := evidence.TrustedKeys(a.r.URL+"evidences/", a.files, opts)
	if err != nil {
		a.add("live-key", Fail, "served key %s: %s", a.r.LiveKey, strings.ReplaceAll(err.Error(), "\n", "; "))
		return
	}
	if who, ok := keys[a.r.LiveKey]; ok {
		a.add("live-key", Pass, "served key %s is in keys.json, quoted by %s", a.r.LiveKey, who)
		return
	}
	a.add("live-key", Fail, "served key %s is not among the %d keys keys.json attests: the app never attested it", a.r.LiveKey, len(keys))
}

// identity reports what quote.json's event log declares, and whether it
// runs the expected compose.
func (a *auditor) identity() {
	id := a.r.Identity
	switch {
	case a.ev == nil:
		a.add("app-identity", Skip, "no evidence was fetched")
	case id.AppID == "":
		a.add("app-identity", Fail, "quote.json's event log did not replay, so no identity can be read")
	default:
		kp := id.KeyProvider
		if kp == "" {
			kp = "none"
		}
		a.add("app-identity", Pass, "app_id %s, compose_hash %s, instance_id %s, key provider %s", id.AppID, id.ComposeHash, id.InstanceID, kp)
	}
	want := strings.ToLower(strings.TrimPrefix(a.opts.ExpectComposeHash, "0x"))
	switch {
	case want == "":
		a.add("compose-hash", Skip, "no compose hash expected (--expect-compose-hash)")
	case id.ComposeHash == "":
		a.add("compose-hash", Fail, "no compose hash could be read; want %s", want)
	case id.ComposeHash != want:
		a.add("compose-hash", Fail, "the app runs compose %s, want %s", id.ComposeHash, want)
	default:
		a.add("compose-hash", Pass, "the app runs compose %s, as expected", want)
	}
}
