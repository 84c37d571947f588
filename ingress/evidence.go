package ingress

import (
	"context"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"net/http"
	"path"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/devproof/devproof/internal/evidence"
	"github.com/devproof/devproof/internal/retry"
	"github.com/devproof/devproof/internal/sealed"
)

// keysStorageKey is where the sealed key history lives; lastGoodKeysKey
// holds its own sealed copy of the last keys.json published, so that a
// history lost to tampering or a bad disk is restored, not restarted.
const (
	keysStorageKey  = "devproof/keys.json"
	lastGoodKeysKey = "devproof/keys.last-good.json"
)

// evidenceFiles serves the current evidence set under /evidences/. Sets
// are replaced whole, so a reader never sees files from two generations.
type evidenceFiles struct {
	files atomic.Pointer[evidence.Files]
}

func (e *evidenceFiles) set(files evidence.Files) { e.files.Store(&files) }

// file returns one served file.
func (e *evidenceFiles) file(name string) ([]byte, bool) {
	m := e.files.Load()
	if m == nil {
		return nil, false
	}
	b, ok := (*m)[name]
	return b, ok
}

func (e *evidenceFiles) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	m := e.files.Load()
	if m == nil {
		http.Error(w, "evidence not ready: no certificate yet", http.StatusServiceUnavailable)
		return
	}
	name := path.Base(path.Clean("/" + strings.TrimPrefix(r.URL.Path, "/evidences")))
	if name == "/" || name == "." {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintln(w, strings.Join(slices.Sorted(maps.Keys(*m)), "\n"))
		return
	}
	b, ok := (*m)[name]
	if !ok {
		http.NotFound(w, r)
		return
	}
	switch {
	case strings.HasSuffix(name, ".json"):
		w.Header().Set("Content-Type", "application/json")
	case strings.HasSuffix(name, ".pem"):
		w.Header().Set("Content-Type", "application/x-pem-file")
	default:
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	}
	w.Write(b)
}

func (in *Ingress) requestRegen() {
	select {
	case in.regen <- struct{}{}:
	default:
	}
}

// regenLoop rebuilds the evidence whenever a certificate is obtained,
// renewed or loaded, and writes the CAA records once the account exists.
func (in *Ingress) regenLoop(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-in.regen:
		}
		err := retry.Do(ctx, retry.Backoff{}, in.regenerate, func(n int, err error, wait time.Duration) {
			in.log.Warn("evidence regeneration failed; retrying", "err", err, "attempt", n, "wait", wait)
		})
		if err != nil {
			return // ctx ended
		}
	}
}

func (in *Ingress) regenerate(ctx context.Context) error {
	certs := map[string][]byte{}
	keys, restored, err := in.loadKeys(ctx)
	if err != nil {
		return err
	}
	changed := restored
	for _, d := range in.cfg.Domains {
		chain, leaf, err := in.certs.stored(ctx, d)
		if err != nil {
			return err
		}
		if leaf == nil {
			continue // not obtained yet
		}
		// certmagic reports a first certificate before it caches it; serve
		// it now, so that "serving" is true when the status says so.
		if _, ok := in.certs.current(d); !ok {
			if _, err := in.certs.magic.CacheManagedCertificate(ctx, d); err != nil {
				return fmt.Errorf("serving the certificate for %s: %w", d, err)
			}
		}
		for _, der := range chain {
			certs[d] = append(certs[d], pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})...)
		}
		added, err := keys.Add(ctx, in.agent, leaf, []string{d}, time.Now())
		if err != nil {
			return err
		}
		if added {
			spki := evidence.SPKIHash(leaf)
			in.log.Info("new TLS key attested", "spki_sha256", spki, "domain", d)
			in.emit(ctx, "key_rotated", map[string]any{"spki_sha256": spki, "domains": []string{d}})
		}
		changed = changed || added
	}
	if len(certs) == 0 {
		return nil
	}
	account, err := in.certs.account(ctx)
	if err != nil {
		return fmt.Errorf("loading the ACME account: %w", err)
	}
	if changed || !in.certs.storage.Exists(ctx, keysStorageKey) {
		b, err := json.Marshal(keys)
		if err != nil {
			return err
		}
		if err := in.certs.storage.Store(ctx, keysStorageKey, b); err != nil {
			return fmt.Errorf("saving key history: %w", err)
		}
	}
	files, err := evidence.Build(ctx, in.agent, evidence.Input{
		Manifest: evidence.Manifest{
			Version:        1,
			AppID:          in.info.AppID,
			InstanceID:     in.info.InstanceID,
			ComposeHash:    in.info.ComposeHash,
			Domains:        in.cfg.Domains,
			ACMEAccountURI: account.Location,
			CreatedAt:      time.Now().UTC().Format(time.RFC3339),
		},
		Certs:   certs,
		Contact: account.Contact,
		Keys:    keys,
	})
	if err != nil {
		return err
	}
	in.evidence.set(files)
	if err := in.keepLastGood(ctx, keys); err != nil {
		return err
	}
	in.setStatus(func(s *Status) {
		s.AccountURI = account.Location
		if len(certs) == len(in.cfg.Domains) {
			s.State = "serving"
		}
	})
	in.emit(ctx, "evidence_regenerated", map[string]any{"files": len(files)})
	return in.publishCAA(ctx, account.Location)
}

// loadKeys reads the sealed key history. The published history never
// shrinks: a history that is unreadable, missing or lacks keys already
// published is restored from the last good keys.json (held in memory, else
// its sealed copy), reported in the status, and rebuilt on it with the
// certificates in storage; restored says it must be stored again. Only
// with no good copy at all does it start afresh (the CT monitor then flags
// the older keys).
func (in *Ingress) loadKeys(ctx context.Context) (keys *evidence.Keys, restored bool, err error) {
	keys, problem, err := in.readKeys(ctx, keysStorageKey)
	if err != nil {
		return nil, false, err
	}
	last := in.lastKeys
	if last == nil {
		if last, _, err = in.readKeys(ctx, lastGoodKeysKey); err != nil {
			return nil, false, err
		}
		if last != nil {
			in.lastKeys = last
		}
	}
	if last == nil {
		if problem != "" {
			in.log.Error("key history lost and no good copy kept; starting a new one", "key", keysStorageKey, "problem", problem)
			in.setStatus(func(s *Status) {
				s.KeyHistory = problem + "; no good copy kept, so it restarts from the certificates in storage and older keys are no longer attested"
			})
		}
		if keys == nil {
			keys = &evidence.Keys{Version: 1, AppID: in.info.AppID}
		}
		return keys, false, nil
	}
	if problem == "" && keys == nil {
		problem = fmt.Sprintf("key history %s is missing", keysStorageKey)
	}
	if problem == "" {
		if missing := missingKeys(keys, last); missing > 0 {
			problem = fmt.Sprintf("key history %s lacks %d of the %d keys already published", keysStorageKey, missing, len(last.Keys))
		}
	}
	if problem == "" {
		return keys, false, nil
	}
	// Rebuild on the last good history: its keys first, then any key only
	// the stored history holds.
	merged := &evidence.Keys{Version: last.Version, AppID: last.AppID, Keys: slices.Clone(last.Keys)}
	if keys != nil {
		for _, k := range keys.Keys {
			if !slices.ContainsFunc(merged.Keys, func(m evidence.Key) bool { return m.SPKISHA256 == k.SPKISHA256 }) {
				merged.Keys = append(merged.Keys, k)
			}
		}
	}
	in.log.Error("key history damaged; restored from the last good keys.json", "key", keysStorageKey, "problem", problem, "keys", len(merged.Keys))
	in.setStatus(func(s *Status) {
		s.KeyHistory = fmt.Sprintf("%s; restored from the last good keys.json (%d keys) and rebuilt with the certificates in storage", problem, len(last.Keys))
	})
	return merged, true, nil
}

// readKeys reads one sealed key history: nil and no problem if it is
// missing, nil and the problem if it is unreadable, an error only if
// storage fails.
func (in *Ingress) readKeys(ctx context.Context, key string) (keys *evidence.Keys, problem string, err error) {
	b, err := in.certs.storage.Load(ctx, key)
	switch {
	case errors.Is(err, sealed.ErrUnsealable):
		return nil, fmt.Sprintf("key history %s failed to unseal (tampered, moved or foreign): %v", key, err), nil
	case errors.Is(err, fs.ErrNotExist):
		return nil, "", nil
	case err != nil:
		return nil, "", fmt.Errorf("loading key history %s: %w", key, err)
	}
	keys = &evidence.Keys{}
	if err := json.Unmarshal(b, keys); err != nil {
		return nil, fmt.Sprintf("key history %s is not valid JSON: %v", key, err), nil
	}
	return keys, "", nil
}

// missingKeys counts the keys of last that keys lacks.
func missingKeys(keys, last *evidence.Keys) int {
	n := 0
	for _, l := range last.Keys {
		if !slices.ContainsFunc(keys.Keys, func(k evidence.Key) bool { return k.SPKISHA256 == l.SPKISHA256 }) {
			n++
		}
	}
	return n
}

// keepLastGood remembers keys, just published, as the last good history,
// in memory and in its own sealed copy.
func (in *Ingress) keepLastGood(ctx context.Context, keys *evidence.Keys) error {
	same := in.lastKeys != nil && len(in.lastKeys.Keys) == len(keys.Keys) && missingKeys(keys, in.lastKeys) == 0
	if same && in.certs.storage.Exists(ctx, lastGoodKeysKey) {
		return nil
	}
	b, err := json.Marshal(keys)
	if err != nil {
		return err
	}
	if err := in.certs.storage.Store(ctx, lastGoodKeysKey, b); err != nil {
		return fmt.Errorf("saving the last good key history %s: %w", lastGoodKeysKey, err)
	}
	in.lastKeys = &evidence.Keys{Version: keys.Version, AppID: keys.AppID, Keys: slices.Clone(keys.Keys)}
	return nil
}
