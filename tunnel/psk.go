package tunnel

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"fmt"
	"io"
	"math/big"
	"os"
	"strconv"
	"time"
)

// pskExporterLabel is the TLS exporter label of the PSK proof.
const pskExporterLabel = "EXPORTER-devproof-tunnel-psk"

const (
	pskMagic       = "DPSK\x01" // the name and version 1
	pskMaxIdentity = 128        // OpenSSL's PSK_MAX_IDENTITY_LEN, which stunnel keeps to
	pskMinKey      = 16         // stunnel refuses shorter keys
	pskTagSize     = sha256.Size
)

// PSK is a pre-shared key and the identity it goes by: one line of a
// PSKsecrets file.
//
// Go's crypto/tls has no TLS-PSK cipher suites, so the tunnel does not
// speak stunnel's PSK and does not interoperate with it. It proves a
// pre-shared key inside an ordinary TLS 1.3 session instead:
//
//  1. The TLS 1.3 handshake completes. The server's certificate may be an
//     ephemeral self-signed one, which a PSK client does not judge.
//  2. Both sides derive ekm, 32 bytes of the session's exporter (RFC 8446
//     section 7.5) with the label "EXPORTER-devproof-tunnel-psk" and no
//     context.
//  3. The client sends "DPSK", version 0x01, a one-byte identity length
//     (1 to 128), the identity, and HMAC-SHA256(key, "client" || ekm).
//  4. The server looks the identity up, compares the tag in constant time
//     and only then sends HMAC-SHA256(key, "server" || ekm), which the
//     client compares in turn. Any failure closes the connection before a
//     byte of payload has moved either way.
//
// Why a man in the middle loses: a relay that terminates TLS with the
// client and opens its own session to the server holds two sessions, and
// the exporter differs between them, since it derives from each
// session's own secrets. The client's tag covers the ekm of the client's
// session, so the server, checking against the ekm of the relay's session,
// refuses it; and without the key the relay cannot compute a tag for
// either session. The tags prove the key without revealing it, and,
// bound to one session's ekm, cannot be replayed in another.
type PSK struct {
	Identity string
	Key      []byte
}

// String names the identity and never shows the key.
func (p PSK) String() string { return "PSK " + strconv.Quote(p.Identity) }

// GoString is String, so that %#v does not show the key either.
func (p PSK) GoString() string { return p.String() }

// ParsePSKSecrets parses a PSKsecrets file as stunnel writes it: one
// IDENTITY:KEY a line, the identity up to the first colon (1 to 128
// bytes), the key every byte after it (at least 16), a trailing CR
// ignored. Empty lines are skipped. A line without a colon, a short key or
// an identity given twice is refused naming file and line; no error shows
// a key.
func ParsePSKSecrets(file string, data []byte) ([]PSK, error) {
	var psks []PSK
	seen := map[string]int{}
	for i, line := range bytes.Split(data, []byte("\n")) {
		n := i + 1
		line = bytes.TrimSuffix(line, []byte("\r"))
		if len(line) == 0 {
			continue
		}
		id, key, ok := bytes.Cut(line, []byte(":"))
		switch {
		case !ok:
			return nil, fmt.Errorf("psk secrets %s line %d: no colon: want IDENTITY:KEY", file, n)
		case len(id) == 0:
			return nil, fmt.Errorf("psk secrets %s line %d: the identity is empty", file, n)
		case len(id) > pskMaxIdentity:
			return nil, fmt.Errorf("psk secrets %s line %d: the identity is %d bytes, want at most %d", file, n, len(id), pskMaxIdentity)
		case len(key) < pskMinKey:
			return nil, fmt.Errorf("psk secrets %s line %d: the key of identity %q is %d bytes, want at least %d", file, n, id, len(key), pskMinKey)
		}
		if prev, dup := seen[string(id)]; dup {
			return nil, fmt.Errorf("psk secrets %s line %d: identity %q is already on line %d", file, n, id, prev)
		}
		seen[string(id)] = n
		psks = append(psks, PSK{Identity: string(id), Key: bytes.Clone(key)})
	}
	if len(psks) == 0 {
		return nil, fmt.Errorf("psk secrets %s holds no IDENTITY:KEY line", file)
	}
	return psks, nil
}

// LoadPSKSecrets reads and parses a PSKsecrets file (see ParsePSKSecrets).
func LoadPSKSecrets(file string) ([]PSK, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("psk secrets: %w", err)
	}
	return ParsePSKSecrets(file, b)
}

// checkPSKs refuses keys a PSKsecrets file could not hold.
func checkPSKs(psks []PSK) error {
	seen := map[string]bool{}
	for i, p := range psks {
		switch {
		case p.Identity == "" || len(p.Identity) > pskMaxIdentity:
			return fmt.Errorf("psk %d: identity is %d bytes, want 1 to %d", i+1, len(p.Identity), pskMaxIdentity)
		case len(p.Key) < pskMinKey:
			return fmt.Errorf("psk %q: key is %d bytes, want at least %d", p.Identity, len(p.Key), pskMinKey)
		case seen[p.Identity]:
			return fmt.Errorf("psk %q: identity given twice", p.Identity)
		}
		seen[p.Identity] = true
	}
	return nil
}

// appendPSKProof appends the client's message.
func appendPSKProof(b []byte, identity string, tag []byte) []byte {
	b = append(b, pskMagic...)
	b = append(b, byte(len(identity)))
	b = append(b, identity...)
	return append(b, tag...)
}

// readPSKProof reads the client's message, never more than its longest
// form, and returns the identity and the tag.
func readPSKProof(r io.Reader) (string, []byte, error) {
	var hdr [len(pskMagic) + 1]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return "", nil, fmt.Errorf("reading its header: %w", err)
	}
	if string(hdr[:len(pskMagic)]) != pskMagic {
		return "", nil, fmt.Errorf("it starts with %q, not %q: the client is not using devproof's PSK", hdr[:len(pskMagic)], pskMagic)
	}
	n := int(hdr[len(pskMagic)])
	if n == 0 || n > pskMaxIdentity {
		return "", nil, fmt.Errorf("identity length %d is not 1 to %d", n, pskMaxIdentity)
	}
	rest := make([]byte, n+pskTagSize)
	if _, err := io.ReadFull(r, rest); err != nil {
		return "", nil, fmt.Errorf("reading identity and tag: %w", err)
	}
	return string(rest[:n]), rest[n:], nil
}

// pskTag is HMAC-SHA256(key, role || ekm).
func pskTag(key []byte, role string, ekm []byte) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(role))
	m.Write(ekm)
	return m.Sum(nil)
}

// pskEKM is the session's exporter value the tags are bound to.
func pskEKM(tc *tls.Conn) ([]byte, error) {
	cs := tc.ConnectionState()
	if cs.Version != tls.VersionTLS13 {
		return nil, fmt.Errorf("psk: the session is %s; PSK needs TLS 1.3", tls.VersionName(cs.Version))
	}
	return cs.ExportKeyingMaterial(pskExporterLabel, nil, 32)
}

// pskAccept is the server's side, on a handshaken connection: it reads the
// client's proof, checks it against psks and then proves the key back. It
// returns the identity the client named, once it has read one, and an
// error naming the check that failed.
func pskAccept(tc *tls.Conn, psks []PSK) (string, error) {
	ekm, err := pskEKM(tc)
	if err != nil {
		return "", err
	}
	id, tag, err := readPSKProof(tc)
	if err != nil {
		return "", fmt.Errorf("psk proof malformed: %w", err)
	}
	var key []byte
	for _, p := range psks {
		if p.Identity == id {
			key = p.Key
		}
	}
	if key == nil {
		return id, fmt.Errorf("psk unknown identity %q", id)
	}
	if !hmac.Equal(tag, pskTag(key, "client", ekm)) {
		return id, fmt.Errorf("psk tag of identity %q does not match: a wrong key, or a relayed TLS session", id)
	}
	if _, err := tc.Write(pskTag(key, "server", ekm)); err != nil {
		return id, fmt.Errorf("psk: sending the server's tag: %w", err)
	}
	return id, nil
}

// pskProve is the client's side: it proves p's key and checks that the
// server proves it back, within timeout.
func pskProve(tc *tls.Conn, p *PSK, timeout time.Duration) error {
	ekm, err := pskEKM(tc)
	if err != nil {
		return err
	}
	tc.SetDeadline(time.Now().Add(timeout))
	defer tc.SetDeadline(time.Time{})
	if _, err := tc.Write(appendPSKProof(nil, p.Identity, pskTag(p.Key, "client", ekm))); err != nil {
		return fmt.Errorf("psk: sending the proof of identity %q: %w", p.Identity, err)
	}
	tag := make([]byte, pskTagSize)
	if _, err := io.ReadFull(tc, tag); err != nil {
		return fmt.Errorf("psk: the server sent no tag for identity %q (it refused the proof, or does not use PSK): %w", p.Identity, err)
	}
	if !hmac.Equal(tag, pskTag(p.Key, "server", ekm)) {
		return fmt.Errorf("psk: the server's tag for identity %q does not match: it does not hold the key, or the TLS session is relayed", p.Identity)
	}
	return nil
}

// pskServerConfig makes cfg fit for PSK: TLS 1.3 only, and an ephemeral
// self-signed certificate when the server has none, since with PSK the
// key, not the certificate, authenticates the server.
func pskServerConfig(cfg *tls.Config) error {
	cfg.MinVersion = tls.VersionTLS13
	if len(cfg.Certificates) > 0 || cfg.GetCertificate != nil {
		return nil
	}
	cert, err := ephemeralCert()
	if err != nil {
		return fmt.Errorf("tunnel: psk: generating the server's certificate: %w", err)
	}
	cfg.Certificates = []tls.Certificate{cert}
	return nil
}

func ephemeralCert() (tls.Certificate, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, err
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		return tls.Certificate{}, err
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber: serial,
		Subject:      pkix.Name{CommonName: "devproof tunnel (PSK)"},
		NotBefore:    now.Add(-time.Hour),
		NotAfter:     now.AddDate(10, 0, 0),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return tls.Certificate{}, err
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, nil
}

// pskOnly judges no certificate: a PSK client without a Verifier relies on
// the key alone.
type pskOnly struct{}

func (pskOnly) VerifyServer(tls.ConnectionState, string) error { return nil }

// defaultVerifier is the Verifier a Client with a nil Verify uses.
func (c *Client) defaultVerifier() Verifier {
	if c.PSK != nil {
		return pskOnly{}
	}
	return WebPKI(nil)
}

// checkPSK refuses a server's PSK settings that cannot serve.
func (s *Server) checkPSK() error {
	if err := checkPSKs(s.PSKSecrets); err != nil {
		return fmt.Errorf("tunnel: %w", err)
	}
	return nil
}

// checkPSK refuses a client's PSK that a PSKsecrets file could not hold.
func (c *Client) checkPSK() error {
	if c.PSK == nil {
		return nil
	}
	if err := checkPSKs([]PSK{*c.PSK}); err != nil {
		return fmt.Errorf("tunnel client: %w", err)
	}
	return nil
}

// provePSK runs the client's proof on conn when c has a PSK, closing conn
// if it fails.
func (c *Client) provePSK(conn *tls.Conn) error {
	if c.PSK == nil {
		return nil
	}
	timeout := c.HandshakeTimeout
	if timeout == 0 {
		timeout = 10 * time.Second
	}
	if err := pskProve(conn, c.PSK, timeout); err != nil {
		conn.Close()
		return err
	}
	return nil
}
