package evidence

import (
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"

	"github.com/devproof/devproof/internal/attest"
)

// TrustedKeys verifies files (an evidence set read from source) and
// returns the keys of keys.json a client may trust, each SPKI sha256
// (lowercase hex) mapped to "app <app_id> compose <hash>". A key is kept
// when its own quote verified (simulated ones only with
// opts.AllowSimulated), its event log replays to its RTMR3, its app id is
// opts.AppID (and compose hash one of opts.ComposeHashes, when given) and
// its report_data is SPKIReportData of its hash. A key that fails any of
// these is left out, and logged.
//
// opts.AppID is required: without it, whoever controls the domain's DNS
// could serve another app's evidence and have its keys accepted.
//
// The whole set is refused when a failure touches what every key's trust
// rests on: quote.json, manifest.json or manifest-quote.json, or keys.json
// as a document (version, JSON, its app id). Failures confined to a served
// certificate, acme-account.json or sha256sum.txt say nothing about
// keys.json's keys: they are logged and the keys kept. A set in which no
// key passes is an error too.
func TrustedKeys(source string, files Files, opts Options) (map[string]string, error) {
	if opts.AppID == "" {
		return nil, fmt.Errorf("evidence %s: no app id is expected (Options.AppID): any app's keys would be accepted", source)
	}
	appID := normalHex(opts.AppID)
	rep := Verify(files, opts)
	var fatal, keyFailures []Failure
	for _, f := range rep.Failures {
		switch {
		case f.File == KeysFile && strings.HasPrefix(f.Reason, "key "):
			keyFailures = append(keyFailures, f)
		case f.File == QuoteFile, f.File == ManifestFile, f.File == ManifestQuoteFile, f.File == KeysFile:
			fatal = append(fatal, f)
		default:
			slog.Warn("evidence check failed; keys are still judged by their own quotes", "source", source, "file", f.File, "check", f.Check, "reason", f.Reason)
		}
	}
	if len(fatal) > 0 {
		return nil, fmt.Errorf("evidence %s fails checks every key depends on:\n%w", source, joinFailures(fatal))
	}
	keys := map[string]string{}
	var rejected []error
	for _, k := range rep.Keys {
		if err := keyTrusted(k, keyFailures, appID, opts); err != nil {
			slog.Warn("attested key left out", "source", source, "spki_sha256", k.SPKISHA256, "reason", err)
			rejected = append(rejected, err)
			continue
		}
		keys[k.SPKISHA256] = "app " + k.Quote.AppID + " compose " + k.Quote.ComposeHash
	}
	if len(rep.Keys) == 0 {
		return nil, fmt.Errorf("evidence %s: %s lists no key", source, KeysFile)
	}
	if len(keys) == 0 {
		return nil, fmt.Errorf("evidence %s: no key in %s passed:\n%w", source, KeysFile, errors.Join(rejected...))
	}
	return keys, nil
}

// keyTrusted checks one key's own verdicts, not only the failures Verify
// listed, so that a check Verify skipped cannot let a key through.
func keyTrusted(k KeyResult, failures []Failure, appID string, opts Options) error {
	if !isLowerHex(k.SPKISHA256, 64) {
		return fmt.Errorf("key %q: spki_sha256 is not 64 lowercase hex", k.SPKISHA256)
	}
	var mine []Failure
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
	rd := SPKIReportData(k.SPKISHA256)
	if q.ReportData != hex.EncodeToString(rd[:]) {
		return fmt.Errorf("key %s: quote's report_data %s does not bind the key", k.SPKISHA256, q.ReportData)
	}
	return nil
}

func joinFailures(fs []Failure) error {
	errs := make([]error, len(fs))
	for i, f := range fs {
		errs[i] = f
	}
	return errors.Join(errs...)
}
