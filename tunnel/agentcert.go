package tunnel

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/devproof/devproof/internal/attest"
	"github.com/devproof/devproof/internal/evidence"
	"github.com/devproof/devproof/internal/retry"
	"github.com/devproof/devproof/internal/tee"
)

// AgentCert is a TLS certificate that the dstack guest agent issues
// (GetTlsKey), kept fresh: Run fetches a new one once the current one is
// two thirds through its validity, so clients never see it expire while
// the agent answers. It serves either side of a tunnel: GetCertificate
// for a Server, GetClientCertificate for a Client. The private key stays
// in memory and is never logged. Safe for concurrent use once Agent and
// Request are set.
type AgentCert struct {
	// Agent issues the certificates. Required.
	Agent tee.Agent
	// Request is sent on every fetch. With UsageRaTls the certificate
	// carries a quote binding its key (dstack RA-TLS), and a reply
	// without one is refused.
	Request tee.GetTlsKeyRequest
	// Retry paces fetches after a failed refresh; the current certificate
	// is served meanwhile. Zero: retry.Backoff's defaults.
	Retry retry.Backoff
	// Logger gets one line per fetch. Nil: nothing is logged.
	Logger *slog.Logger

	cur   atomic.Pointer[tls.Certificate]
	fetch sync.Mutex // one fetch at a time
}

// Refresh fetches a certificate now and, when it parses and is valid,
// serves it from then on. On error the current certificate, if any, is
// still served.
func (a *AgentCert) Refresh(ctx context.Context) error {
	a.fetch.Lock()
	defer a.fetch.Unlock()
	if a.Agent == nil {
		return errors.New("agent certificate: no guest agent")
	}
	resp, err := a.Agent.GetTlsKey(ctx, a.Request)
	if err != nil {
		return fmt.Errorf("agent certificate: %w", err)
	}
	cert, err := tls.X509KeyPair([]byte(strings.Join(resp.CertificateChain, "")), []byte(resp.Key))
	if err != nil {
		// The parser's errors name the PEM block, never its bytes.
		return fmt.Errorf("agent certificate: GetTlsKey reply does not parse as a key and chain: %w", err)
	}
	leaf := cert.Leaf
	if now := time.Now(); now.After(leaf.NotAfter) {
		return fmt.Errorf("agent certificate: GetTlsKey issued a certificate that expired at %s", leaf.NotAfter.UTC().Format(time.RFC3339))
	}
	if a.Request.UsageRaTls {
		if _, err := attest.RATLSEvidence(leaf); err != nil {
			return fmt.Errorf("agent certificate: asked for RA-TLS: %w", err)
		}
	}
	a.cur.Store(&cert)
	a.logger().Info("agent certificate issued", "subject", leaf.Subject.CommonName, "spki_sha256", evidence.SPKIHash(leaf),
		"not_before", leaf.NotBefore.UTC().Format(time.RFC3339), "not_after", leaf.NotAfter.UTC().Format(time.RFC3339),
		"renew_at", renewAt(leaf).UTC().Format(time.RFC3339))
	return nil
}

// renewAt is when a certificate is two thirds through its validity: late
// enough not to ask the agent often, early enough that a third of the
// lifetime is left for retries when the agent is down.
func renewAt(leaf *x509.Certificate) time.Time {
	life := leaf.NotAfter.Sub(leaf.NotBefore)
	return leaf.NotBefore.Add(life / 3 * 2)
}

// minRenewWait keeps a certificate issued already past its renewal point
// from making Run ask the agent in a tight loop.
const minRenewWait = time.Second

// Run fetches the first certificate if there is none, then renews it at
// renewAt until ctx is done, retrying a failed fetch with Retry's backoff
// and logging each failure. It returns nil once ctx is done.
func (a *AgentCert) Run(ctx context.Context) error {
	for {
		if c := a.cur.Load(); c != nil {
			wait := max(time.Until(renewAt(c.Leaf)), minRenewWait)
			t := time.NewTimer(wait)
			select {
			case <-ctx.Done():
				t.Stop()
				return nil
			case <-t.C:
			}
		}
		retry.Do(ctx, a.Retry, a.Refresh, func(attempt int, err error, wait time.Duration) {
			attrs := []any{"attempt", attempt, "err", err.Error(), "retry_in", wait}
			if c := a.cur.Load(); c != nil {
				attrs = append(attrs, "serving_until", c.Leaf.NotAfter.UTC().Format(time.RFC3339))
			}
			a.logger().Warn("agent certificate refresh failed; the current one is served", attrs...)
		})
		if ctx.Err() != nil {
			return nil
		}
	}
}

// GetCertificate serves the current certificate, for tls.Config and
// Server.GetCertificate.
func (a *AgentCert) GetCertificate(*tls.ClientHelloInfo) (*tls.Certificate, error) {
	return a.current()
}

// GetClientCertificate serves the current certificate, for tls.Config
// and Client.GetClientCertificate.
func (a *AgentCert) GetClientCertificate(*tls.CertificateRequestInfo) (*tls.Certificate, error) {
	return a.current()
}

func (a *AgentCert) current() (*tls.Certificate, error) {
	if c := a.cur.Load(); c != nil {
		return c, nil
	}
	return nil, errors.New("agent certificate: none issued yet")
}

func (a *AgentCert) logger() *slog.Logger {
	if a.Logger != nil {
		return a.Logger
	}
	return slog.New(slog.DiscardHandler)
}
