package ingress

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"
	"time"
)

// Status is what the ingress is doing, for operators.
type Status struct {
	// State is "starting", "obtaining" (no certificate served yet) or
	// "serving".
	State      string            `json:"state"`
	AccountURI string            `json:"acme_account_uri,omitempty"`
	DNS        string            `json:"dns"`
	ACME       string            `json:"acme"`
	Certs      map[string]string `json:"certificates"`
	// Storage is "ok", or says that stored values failed to unseal
	// (tampered, moved or foreign) and wait in quarantine for an operator.
	Storage string `json:"storage"`
	// Quarantined are the keys of those values, under
	// STORAGE_DIR/quarantine/; an operator deletes them once inspected.
	Quarantined []string `json:"quarantined,omitempty"`
	// KeyHistory is "ok", or says that the stored history of TLS keys was
	// unreadable, missing or short, and how keys.json was kept whole.
	KeyHistory string    `json:"key_history"`
	UpdatedAt  time.Time `json:"updated_at"`
}

// Status returns a snapshot of what the ingress is doing.
func (in *Ingress) Status() Status {
	in.mu.Lock()
	defer in.mu.Unlock()
	s := in.status
	s.Certs = maps.Clone(in.status.Certs)
	s.Quarantined = slices.Clone(in.status.Quarantined)
	return s
}

func (in *Ingress) setStatus(f func(*Status)) {
	in.mu.Lock()
	f(&in.status)
	in.status.UpdatedAt = time.Now()
	s := in.status
	in.mu.Unlock()
	in.emit(context.Background(), "status", map[string]any{"state": s.State, "dns": s.DNS, "acme": s.ACME, "storage": s.Storage})
}

func (in *Ingress) statusHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /status", func(w http.ResponseWriter, r *http.Request) {
		in.refreshQuarantine(r.Context())
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(in.Status())
	})
	mux.Handle("GET /metrics", in.metrics.handler())
	return mux
}

// quarantined is sealed storage's hook: a stored value failed to unseal
// and was moved aside. Tampering with the host's disk must not pass
// quietly, so it is a warning and shows in the status until cleared.
func (in *Ingress) quarantined(key string, err error) {
	in.log.Warn("sealed storage value quarantined", "key", key, "moved_to", "quarantine/"+key, "err", err)
	in.refreshQuarantine(context.Background())
}

// refreshQuarantine puts what sealed storage holds in quarantine in the
// status.
func (in *Ingress) refreshQuarantine(ctx context.Context) {
	q, err := in.storage.Quarantined(ctx)
	var storage string
	switch {
	case err != nil:
		storage = err.Error()
	case len(q) > 0:
		storage = fmt.Sprintf("%d stored values failed to unseal (tampered, moved or foreign) and are in quarantine: %s",
			len(q), strings.Join(q, ", "))
	default:
		storage = "ok"
	}
	in.mu.Lock()
	changed := in.status.Storage != storage
	in.mu.Unlock()
	if changed {
		in.setStatus(func(s *Status) { s.Storage = storage; s.Quarantined = q })
	}
}
