package ctmonitor

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"net/http"
	"slices"
	"strings"
	"sync"

	"github.com/devproof/devproof/internal/attest"
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
	return fromEvidence(evidenceURL, files, opts)
}

// LoadAttested is FetchAttested for an evidence set saved in dir, with
// the same checks.
func LoadAttested(dir string, opts evidence.Options) (*Attested, error) {
	files, err := evidence.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	return fromEvidence(dir, files, opts)
}

// fromEvidence judges an evidence set from source as FetchAttested says.
func fromEvidence(source string, files evidence.Files, opts evidence.Options) (*Attested, error) {
	if opts.AppID == "" {
		return nil, fmt.Errorf("evidence %s: no app id is expected (Options.AppID): any app's keys would be accepted", source)
	}
	appID := strings.ToLower(strings.TrimPrefix(strings.TrimPrefix(opts.AppID, "0x"), "0X"))
	rep := evidence.Verify(files, opts)
	var fatal, keyFailures []evidence.Failure
	for _, f := range rep.Failures {
		switch {
		case f.File == evidence.KeysFile && strings.HasPrefix(f.Reason, "key "):
			keyFailures = append(keyFailures, f)
		case f.File == evidence.QuoteFile, f.File == evidence.ManifestFile, f.File == evidence.ManifestQuoteFile, f.File == evidence.KeysFile:
			fatal = append(fatal, f)
		default:
			slog.Warn("evidence check failed; keys are still judged by their own quotes", "source", source, "file", f.File, "check", f.Check, "reason", f.Reason)
		}
	}
	if len(fatal) > 0 {
		return nil, fmt.Errorf("evidence %s fails checks every key depends on:\n%w", source, joinFailures(fatal))
	}
	a := &Attested{keys: map[string]string{}}
	var rejected []error
	for _, k := range rep.Keys {
		if err := keyTrusted(k, keyFailures, appID, opts); err != nil {
			slog.Warn("attested key left out", "source", source, "spki_sha256", k.SPKISHA256, "reason", err)
			rejected = append(rejected, err)
			continue
		}
		a.keys[k.SPKISHA256] = "app " + k.Quote.AppID + " compose " + k.Quote.ComposeHash
	}
	if len(a.keys) == 0 {
		return nil, fmt.Errorf("evidence %s: no key in %s passed:\n%w", source, evidence.KeysFile, errors.Join(rejected...))
	}
	return a, nil
}

// keyTrusted checks one key's own verdicts, not only the failures Verify
// listed, so that a check Verify skipped cannot let a key through.
func keyTrusted(k evidence.KeyResult, failures []evidence.Failure, appID string, opts evidence.Options) error {
	if len(k.SPKISHA256) != 64 || strings.Trim(k.SPKISHA256, "0123456789abcdef") != "" {
		return fmt.Errorf("key %q: spki_sha256 is not 64 lowercase hex", k.SPKISHA256)
	}
	var mine []evidence.Failure
	for _, f := range failures {
		if strings.Contains(f.Reason, k.SPKISHA256) {
			mine = append(mine, f)
		}
	}
	if len(mine) > 0 {
		return joinFailures(mine)
	}
	q := k.Quote
	switch {
	case q == nil:
		return fmt.Errorf("key %s: quote did not parse", k.SPKISHA256)
	case q.Status == attest.Simulated && !opts.AllowSimulated:
		return fmt.Errorf("key %s: %s", k.SPKISHA256, attest.SimulatedReason)
	case q.Status != attest.Verified && q.Status != attest.Simulated:
		return fmt.Errorf("key %s: quote %s: %s", k.SPKISHA256, q.Status, q.Reason)
	case len(q.Problems) > 0 || q.RTMR3Replay != "match":
		return fmt.Errorf("key %s: event log replay %s %q", k.SPKISHA256, q.RTMR3Replay, q.Problems)
	case q.AppID != appID:
		return fmt.Errorf("key %s: quote is from app %q, want %s", k.SPKISHA256, q.AppID, appID)
	case len(opts.ComposeHashes) > 0 && !slices.ContainsFunc(opts.ComposeHashes, func(h string) bool {
		return strings.ToLower(strings.TrimPrefix(h, "0x")) == q.ComposeHash
	}):
		return fmt.Errorf("key %s: compose hash %s is not allowed", k.SPKISHA256, q.ComposeHash)
	}
	rd := evidence.SPKIReportData(k.SPKISHA256)
	if q.ReportData != hex.EncodeToString(rd[:]) {
		return fmt.Errorf("key %s: quote's report_data %s does not bind the key", k.SPKISHA256, q.ReportData)
	}
	return nil
}

func joinFailures(fs []evidence.Failure) error {
	errs := make([]error, len(fs))
	for i, f := range fs {
		errs[i] = f
	}
	return errors.Join(errs...)
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
