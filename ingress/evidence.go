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

// keysStorageKey is where the sealed key history lives.
const keysStorageKey = "devproof/keys.json"

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
	keys, err := in.loadKeys(ctx)
	if err != nil {
		return err
	}
	changed := false
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
	in.setStatus(func(s *Status) {
		s.AccountURI = account.Location
		if len(certs) == len(in.cfg.Domains) {
			s.State = "serving"
		}
	})
	in.emit(ctx, "evidence_regenerated", map[string]any{"files": len(files)})
	return in.publishCAA(ctx, account.Location)
}

// loadKeys reads the sealed key history; a missing or unsealable one
// starts afresh (the CT monitor then flags older keys, by design).
func (in *Ingress) loadKeys(ctx context.Context) (*evidence.Keys, error) {
	keys := &evidence.Keys{Version: 1, AppID: in.info.AppID}
	b, err := in.certs.storage.Load(ctx, keysStorageKey)
	switch {
	case errors.Is(err, sealed.ErrUnsealable):
		in.log.Error("key history failed to unseal; starting a new one", "err", err)
		return keys, nil
	case errors.Is(err, fs.ErrNotExist):
		return keys, nil
	case err != nil:
		return nil, fmt.Errorf("loading key history: %w", err)
	}
	if err := json.Unmarshal(b, keys); err != nil {
		return nil, fmt.Errorf("key history %s is not valid JSON: %w", keysStorageKey, err)
	}
	return keys, nil
}
