package tunnel

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/devproof/devproof/internal/evidence"
)

// Verifier decides whether the client may talk to the server that
// completed a TLS handshake. The client calls it from
// tls.Config.VerifyConnection, with Go's own chain check turned off, so a
// Verifier sees every handshake and is the only judge: it must check
// whatever it relies on, including the host name when it relies on one.
// serverName is the name the client expects (its --sni, or the target's
// host). Implementations must be safe for concurrent use; an error
// refuses the connection and should say which check failed.
type Verifier interface {
	VerifyServer(cs tls.ConnectionState, serverName string) error
}

// WebPKI is the default Verifier: the chain must lead to one of roots (nil
// means the system's) and the leaf must be valid for serverName, exactly
// as crypto/tls checks a server by default.
func WebPKI(roots *x509.CertPool) Verifier { return webPKI{roots} }

type webPKI struct{ roots *x509.CertPool }

func (w webPKI) VerifyServer(cs tls.ConnectionState, serverName string) error {
	if len(cs.PeerCertificates) == 0 {
		return errors.New("webpki: server sent no certificate")
	}
	inter := x509.NewCertPool()
	for _, c := range cs.PeerCertificates[1:] {
		inter.AddCert(c)
	}
	_, err := cs.PeerCertificates[0].Verify(x509.VerifyOptions{
		Roots:         w.roots,
		Intermediates: inter,
		DNSName:       serverName,
	})
	if err != nil {
		return fmt.Errorf("webpki: %w", err)
	}
	return nil
}

// PinSPKI is a Verifier that accepts a server whose leaf key's
// SubjectPublicKeyInfo hashes (sha256, hex) to one of pins, and nothing
// else. The pin is the server's identity: no CA and no host name is
// checked, as with HPKP-style pinning of a self-signed server.
func PinSPKI(pins ...string) (Verifier, error) {
	if len(pins) == 0 {
		return nil, errors.New("pin-spki: no pin given")
	}
	p := pinned{}
	for _, h := range pins {
		l := strings.ToLower(strings.TrimSpace(h))
		if b, err := hex.DecodeString(l); err != nil || len(b) != 32 {
			return nil, fmt.Errorf("pin-spki %q is not 64 hex characters (a sha256)", h)
		}
		p[l] = true
	}
	return p, nil
}

type pinned map[string]bool

func (p pinned) VerifyServer(cs tls.ConnectionState, _ string) error {
	if len(cs.PeerCertificates) == 0 {
		return errors.New("pin-spki: server sent no certificate")
	}
	spki := evidence.SPKIHash(cs.PeerCertificates[0])
	if !p[spki] {
		return fmt.Errorf("pin-spki: server key %s is not pinned", spki)
	}
	return nil
}

// refreshEvery bounds how often a server key the client does not know
// makes it fetch the evidence again: often enough that a renewed
// certificate is accepted within a minute, rarely enough that a server
// presenting rogue keys cannot make the client hammer the evidence host.
const refreshEvery = time.Minute

// Attested is a Verifier that accepts a server whose leaf key is attested
// by a deployment's evidence (https://<domain>/evidences/): keys.json
// lists it, and its own quote verified with the Options given (see
// evidence.TrustedKeys). The leaf must also be valid for the server name
// and within its validity dates. The chain is not checked against any CA:
// the quote, not a CA's signature, vouches for the key, so a deployment's
// certificate need not be WebPKI.
//
// The set of keys is fetched on first use and again, at most once per
// refreshEvery, when a server presents a key not in it, so that a renewed
// key is accepted once the deployment has published it.
type Attested struct {
	url    string
	opts   evidence.Options
	client *http.Client
	// timeout bounds one fetch of the evidence.
	timeout time.Duration
	now     func() time.Time

	// fetching serializes fetches; mu guards the fields below it and is
	// never held during one, so known keys are accepted meanwhile.
	fetching sync.Mutex
	mu       sync.Mutex
	keys     map[string]string
	lastMiss time.Time
	lastErr  error
}

// NewAttested returns an Attested verifier for the evidence at url; client
// nil means http.DefaultClient. opts.AppID is required.
func NewAttested(url string, opts evidence.Options, client *http.Client) (*Attested, error) {
	if url == "" {
		return nil, errors.New("attested: no evidence URL")
	}
	if opts.AppID == "" {
		return nil, fmt.Errorf("attested %s: no app id: any app's keys would be accepted", url)
	}
	return &Attested{url: url, opts: opts, client: client, timeout: 30 * time.Second, now: time.Now}, nil
}

// Refresh fetches and verifies the evidence now and, when it passes,
// replaces the set of keys. It reports how many keys the set holds.
func (a *Attested) Refresh(ctx context.Context) (int, error) {
	a.fetching.Lock()
	defer a.fetching.Unlock()
	ctx, cancel := context.WithTimeout(ctx, a.timeout)
	defer cancel()
	files, err := evidence.Fetch(ctx, a.client, a.url)
	var keys map[string]string
	if err == nil {
		keys, err = evidence.TrustedKeys(a.url, files, a.opts)
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if err == nil {
		a.keys = keys
	}
	a.lastErr = err
	return len(a.keys), err
}

// known reports whether spki is in the set and, when it is not, whether
// it is time to fetch the evidence again, counting this as the fetch.
func (a *Attested) known(spki string) (ok, fetch bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if _, ok := a.keys[spki]; ok {
		return true, false
	}
	if now := a.now(); a.lastMiss.IsZero() || now.Sub(a.lastMiss) >= refreshEvery {
		a.lastMiss = now
		return false, true
	}
	return false, false
}

// VerifyServer implements Verifier.
func (a *Attested) VerifyServer(cs tls.ConnectionState, serverName string) error {
	if len(cs.PeerCertificates) == 0 {
		return errors.New("attested: server sent no certificate")
	}
	leaf := cs.PeerCertificates[0]
	if err := leaf.VerifyHostname(serverName); err != nil {
		return fmt.Errorf("attested: %w", err)
	}
	if now := a.now(); now.Before(leaf.NotBefore) || now.After(leaf.NotAfter) {
		return fmt.Errorf("attested: certificate for %s is valid from %s to %s, not now", serverName, leaf.NotBefore.UTC().Format(time.RFC3339), leaf.NotAfter.UTC().Format(time.RFC3339))
	}
	spki := evidence.SPKIHash(leaf)
	ok, fetch := a.known(spki)
	if ok {
		return nil
	}
	if fetch {
		a.Refresh(context.Background())
		if ok, _ = a.known(spki); ok {
			return nil
		}
	}
	a.mu.Lock()
	lastErr := a.lastErr
	a.mu.Unlock()
	if lastErr != nil {
		return fmt.Errorf("attested: server key %s: evidence refused: %w", spki, lastErr)
	}
	return fmt.Errorf("attested: server key %s is not among the keys %s attests", spki, a.url)
}
