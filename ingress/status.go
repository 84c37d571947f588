package ingress

import (
	"context"
	"encoding/json"
	"maps"
	"net/http"
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
	UpdatedAt  time.Time         `json:"updated_at"`
}

// Status returns a snapshot of what the ingress is doing.
func (in *Ingress) Status() Status {
	in.mu.Lock()
	defer in.mu.Unlock()
	s := in.status
	s.Certs = maps.Clone(in.status.Certs)
	return s
}

func (in *Ingress) setStatus(f func(*Status)) {
	in.mu.Lock()
	f(&in.status)
	in.status.UpdatedAt = time.Now()
	s := in.status
	in.mu.Unlock()
	in.emit(context.Background(), "status", map[string]any{"state": s.State, "dns": s.DNS, "acme": s.ACME})
}

func (in *Ingress) statusHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /status", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(in.Status())
	})
	return mux
}
