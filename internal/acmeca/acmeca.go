package acmeca

import (
	"bytes"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"sync/atomic"
	"time"

	"github.com/letsencrypt/pebble/v2/ca"
	"github.com/letsencrypt/pebble/v2/db"
	"github.com/letsencrypt/pebble/v2/va"
	"github.com/letsencrypt/pebble/v2/wfe"
)

// CA is a running Pebble.
type CA struct {
	// Directory is the ACME directory URL.
	Directory string
	// ServerRoots trusts the ACME server's own TLS certificate.
	ServerRoots *x509.CertPool
	// ServerRootPEM is that certificate, PEM-encoded, for ACME_CA_ROOTS.
	ServerRootPEM []byte
	// IssuerRootPEM is the root that issued certificates chain to.
	IssuerRootPEM []byte

	acme, mgmt *httptest.Server
	requests   atomic.Int64
}

// Pebble reads these when its VA and WFE are built: no sleeping before
// validation, and no deliberately rejected nonces. They are set once, when
// the program starts, so that CAs started concurrently never race on the
// environment; only the dev stack and tests import this package.
func init() {
	os.Setenv("PEBBLE_VA_NOSLEEP", "1")
	os.Setenv("PEBBLE_WFE_NONCEREJECT", "0")
}

// Start runs Pebble, validating DNS-01 against dnsAddr (host:port). Any
// number may run at once.
func Start(dnsAddr string, logw io.Writer) (*CA, error) {
	return StartTLSALPN(dnsAddr, 0, logw)
}

// StartTLSALPN is Start with TLS-ALPN-01 validated on tlsALPNPort of the
// address dnsAddr gives for the name (RFC 8737 says 443; a test picks a
// free port).
func StartTLSALPN(dnsAddr string, tlsALPNPort int, logw io.Writer) (*CA, error) {
	if logw == nil {
		logw = io.Discard
	}
	logger := log.New(logw, "pebble ", log.LstdFlags)
	store := db.NewMemoryStore()
	authority := ca.New(logger, store, "", "ecdsa", 0, 1, map[string]ca.Profile{
		"default": {Description: "devproof local CA", ValidityPeriod: 0},
	})
	validator := va.New(logger, 0, tlsALPNPort, false, dnsAddr, store)
	// Retry-After of 1 s on authorizations and orders: clients still honour
	// the header, and a test does not wait Pebble's default 3 s and 5 s.
	front := wfe.New(logger, store, validator, authority, []string{"pebble.letsencrypt.org"}, false, false, 1, 1)

	c := &CA{}
	h := front.Handler()
	c.acme = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c.requests.Add(1)
		h.ServeHTTP(w, r)
	}))
	c.mgmt = httptest.NewTLSServer(front.ManagementHandler())
	c.Directory = c.acme.URL + wfe.DirectoryPath
	c.ServerRoots = x509.NewCertPool()
	c.ServerRoots.AddCert(c.acme.Certificate())
	c.ServerRootPEM = pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.acme.Certificate().Raw})
	root, err := c.get(wfe.RootCertPath + "0")
	if err != nil {
		c.Close()
		return nil, err
	}
	c.IssuerRootPEM = root
	return c, nil
}

// Requests is how many requests the ACME server has been sent, so a test
// can show a client asked the CA nothing.
func (c *CA) Requests() int64 { return c.requests.Load() }

// Close stops both servers.
func (c *CA) Close() {
	c.acme.Close()
	c.mgmt.Close()
}

// IssuerRoots is a pool holding IssuerRootPEM.
func (c *CA) IssuerRoots() *x509.CertPool {
	p := x509.NewCertPool()
	p.AppendCertsFromPEM(c.IssuerRootPEM)
	return p
}

func (c *CA) client() *http.Client {
	return &http.Client{Timeout: 10 * time.Second, Transport: c.mgmt.Client().Transport}
}

func (c *CA) get(path string) ([]byte, error) {
	resp, err := c.client().Get(c.mgmt.URL + path)
	if err != nil {
		return nil, fmt.Errorf("pebble management %s: %w", path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("pebble management %s: HTTP %d: %s %v", path, resp.StatusCode, b, err)
	}
	return b, nil
}

// SetRenewalWindow makes Pebble's ARI answer for the certificate (PEM)
// suggest renewing between start and end.
func (c *CA) SetRenewalWindow(certPEM []byte, start, end time.Time) error {
	ari, _ := json.Marshal(map[string]any{"suggestedWindow": map[string]string{
		"start": start.UTC().Format(time.RFC3339), "end": end.UTC().Format(time.RFC3339),
	}})
	body, _ := json.Marshal(map[string]string{"Certificate": string(certPEM), "ARIResponse": string(ari)})
	resp, err := c.client().Post(c.mgmt.URL+"/set-renewal-info/", "application/json", bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("pebble set-renewal-info: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(resp.Body)
		return fmt.Errorf("pebble set-renewal-info: HTTP %d: %s", resp.StatusCode, b)
	}
	return nil
}
