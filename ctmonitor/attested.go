package ctmonitor

import (
	"context"
	"encoding/hex"
	"fmt"
	"maps"
	"net/http"
	"strings"
	"sync"

	"github.com/devproof/devproof/internal/evidence"
)

// Attested is the set of keys a certificate may carry without being
// rogue: keys whose quote verified (from keys.json) and keys allowed by
// hand. It is safe for concurrent use.
type Attested struct {
	mu   sync.RWMutex
	keys map[string]string // spki sha256 hex → by
}

// Authorized reports whether the key with this SPKI hash (hex) is in the
// set and what put it there: "app <app_id> compose <hash>" for a key from
// verified evidence, "allow-spki" for one allowed by hand.
func (a *Attested) Authorized(spkiSHA256 string) (by string, ok bool) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	by, ok = a.keys[strings.ToLower(spkiSHA256)]
	return by, ok
}

// AllowSPKI is a set of keys allowed by hand, each the hex sha256 of a
// SubjectPublicKeyInfo DER (certspotter's PUBKEY_SHA256).
func AllowSPKI(hexes ...string) (*Attested, error) {
	a := &Attested{keys: map[string]string{}}
	for _, h := range hexes {
		l := strings.ToLower(strings.TrimSpace(h))
		if b, err := hex.DecodeString(l); err != nil || len(b) != 32 {
			return nil, fmt.Errorf("allowed SPKI hash %q is not 64 hex characters (a sha256)", h)
		}
		a.keys[l] = "allow-spki"
	}
	return a, nil
}

// FetchAttested fetches the evidence set at evidenceURL (a deployment's
// https://<domain>/evidences/; a nil client is http.DefaultClient),
// verifies it with evidence.Verify and keeps each key of keys.json whose
// own quote verified (simulated ones only with opts.AllowSimulated), whose
// event log replays to its RTMR3, whose app id is opts.AppID (and compose
// hash one of opts.ComposeHashes, when given) and whose report_data is
// sha512("devproof-spki:" + its hash). A key that fails any of these is
// left out, and logged.
//
// opts.AppID is required: without it, whoever controls the domain's DNS
// could serve another app's evidence and have its keys accepted.
//
// The whole set is refused when a failure touches what every key's trust
// rests on: quote.json, manifest.json or manifest-quote.json (the app's
// identity and what it says it serves), or keys.json as a document
// (version, JSON, its app id). Failures confined to a served certificate,
// acme-account.json or sha256sum.txt say nothing about keys.json's keys:
// they are logged and the keys kept. A set in which no key passes is an
// error too.
func FetchAttested(ctx context.Context, client *http.Client, evidenceURL string, opts evidence.Options) (*Attested, error) {
	files, err := evidence.Fetch(ctx, client, evidenceURL)
	if err != nil {
		return nil, err
	}
	return AttestedFrom(evidenceURL, files, opts)
}

// LoadAttested is FetchAttested for an evidence set saved in dir, with
// the same checks.
func LoadAttested(dir string, opts evidence.Options) (*Attested, error) {
	files, err := evidence.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	return AttestedFrom(dir, files, opts)
}

// AttestedFrom judges an evidence set already read from source, as
// FetchAttested says.
func AttestedFrom(source string, files evidence.Files, opts evidence.Options) (*Attested, error) {
	keys, err := evidence.TrustedKeys(source, files, opts)
	if err != nil {
		return nil, err
	}
	return &Attested{keys: keys}, nil
}

// Merge adds b's keys to a; where both hold a key, a's reason stays.
func (a *Attested) Merge(b *Attested) {
	if a == b {
		return
	}
	b.mu.RLock()
	add := maps.Clone(b.keys)
	b.mu.RUnlock()
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.keys == nil {
		a.keys = map[string]string{}
	}
	for k, v := range add {
		if _, ok := a.keys[k]; !ok {
			a.keys[k] = v
		}
	}
}

// Replace makes a's keys exactly b's, in one step: a reader sees the old
// set or the new, never a mix.
func (a *Attested) Replace(b *Attested) {
	if a == b {
		return
	}
	b.mu.RLock()
	next := maps.Clone(b.keys)
	b.mu.RUnlock()
	if next == nil {
		next = map[string]string{}
	}
	a.mu.Lock()
	a.keys = next
	a.mu.Unlock()
}
