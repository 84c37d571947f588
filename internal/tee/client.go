package tee

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"time"
)

// SocketPaths are where the guest agent listens, in the order the official
// SDK tries them.
var SocketPaths = []string{
	"/var/run/dstack.sock",
	"/run/dstack.sock",
	"/var/run/dstack/dstack.sock",
	"/run/dstack/dstack.sock",
}

// EndpointEnv overrides socket discovery with a socket path or http(s) URL.
const EndpointEnv = "DSTACK_SIMULATOR_ENDPOINT"

// DefaultTimeout bounds a call whose context has no deadline.
const DefaultTimeout = 30 * time.Second

// maxReplyBytes bounds an agent reply; quotes with event logs are far smaller.
const maxReplyBytes = 16 << 20

// FindEndpoint returns the agent endpoint the way the official SDK picks
// it: $DSTACK_SIMULATOR_ENDPOINT if set, else the first of SocketPaths that
// exists, else the first of SocketPaths.
func FindEndpoint() string {
	if e, ok := os.LookupEnv(EndpointEnv); ok && e != "" {
		return e
	}
	for _, p := range SocketPaths {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return SocketPaths[0]
}

// Agent is the guest agent as devproof uses it. Implementations must be
// safe for concurrent use and honour the context. Errors name the endpoint
// and the call, and quote the agent's own message when it sent one.
type Agent interface {
	Info(ctx context.Context) (*InfoResponse, error)
	GetKey(ctx context.Context, path, purpose, algorithm string) (*GetKeyResponse, error)
	GetQuote(ctx context.Context, reportData []byte) (*GetQuoteResponse, error)
	GetTlsKey(ctx context.Context, req GetTlsKeyRequest) (*GetTlsKeyResponse, error)
	Sign(ctx context.Context, algorithm string, data []byte) (*SignResponse, error)
	Verify(ctx context.Context, algorithm string, data, signature, publicKey []byte) (bool, error)
	GetVersion(ctx context.Context) (*VersionResponse, error)
}

// Client speaks the guest-agent wire API over a unix socket or HTTP.
type Client struct {
	endpoint string
	base     string
	http     *http.Client
}

var _ Agent = (*Client)(nil)

// New returns a client for endpoint: a unix socket path or an http(s) URL.
// An empty endpoint means FindEndpoint().
func New(endpoint string) *Client {
	if endpoint == "" {
		endpoint = FindEndpoint()
	}
	c := &Client{endpoint: endpoint}
	if strings.HasPrefix(endpoint, "http://") || strings.HasPrefix(endpoint, "https://") {
		c.base = strings.TrimRight(endpoint, "/")
		c.http = &http.Client{}
		return c
	}
	sock := strings.TrimPrefix(endpoint, "unix:")
	c.base = "http://localhost"
	var d net.Dialer
	c.http = &http.Client{Transport: &http.Transport{
		DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
			return d.DialContext(ctx, "unix", sock)
		},
	}}
	return c
}

// Endpoint is the socket path or URL the client talks to.
func (c *Client) Endpoint() string { return c.endpoint }

// call posts req as JSON to /method and decodes the reply into resp.
func (c *Client) call(ctx context.Context, method string, req, resp any) error {
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, DefaultTimeout)
		defer cancel()
	}
	fail := func(format string, args ...any) error {
		return fmt.Errorf("dstack agent %s /%s: %s", c.endpoint, method, fmt.Sprintf(format, args...))
	}
	body, err := json.Marshal(req)
	if err != nil {
		return fail("encoding request: %v", err)
	}
	hr, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+"/"+method, bytes.NewReader(body))
	if err != nil {
		return fail("%v", err)
	}
	hr.Header.Set("Content-Type", "application/json")
	res, err := c.http.Do(hr)
	if err != nil {
		var ne *net.OpError
		if errors.As(err, &ne) && ne.Op == "dial" {
			return fail("cannot connect (is the guest agent running, or %s set?): %v", EndpointEnv, ne.Err)
		}
		return fail("%v", err)
	}
	defer res.Body.Close()
	data, err := io.ReadAll(io.LimitReader(res.Body, maxReplyBytes+1))
	if err != nil {
		return fail("reading reply: %v", err)
	}
	if len(data) > maxReplyBytes {
		return fail("reply is over %d bytes", maxReplyBytes)
	}
	if res.StatusCode != http.StatusOK {
		return fail("HTTP %d: agent said: %s", res.StatusCode, agentMessage(data))
	}
	if err := json.Unmarshal(data, resp); err != nil {
		return fail("reply is not the expected JSON (%v): %.120q", err, data)
	}
	return nil
}

// agentMessage extracts the error text from an agent error body, which is
// either {"error": "..."} or plain text.
func agentMessage(b []byte) string {
	var e struct {
		Error   string `json:"error"`
		Message string `json:"message"`
	}
	if json.Unmarshal(b, &e) == nil {
		if e.Error != "" {
			return e.Error
		}
		if e.Message != "" {
			return e.Message
		}
	}
	s := strings.TrimSpace(string(b))
	if len(s) > 500 {
		s = s[:500] + "…"
	}
	return s
}

// Info returns the app's identity and TCB information.
func (c *Client) Info(ctx context.Context) (*InfoResponse, error) {
	var r InfoResponse
	return &r, c.call(ctx, "Info", struct{}{}, &r)
}

// GetKey derives a key at path. The signature chain binds it to the app
// key and, through it, to the KMS root (see attest.RecoverKeyChain).
func (c *Client) GetKey(ctx context.Context, path, purpose, algorithm string) (*GetKeyResponse, error) {
	var r GetKeyResponse
	return &r, c.call(ctx, "GetKey", GetKeyRequest{Path: path, Purpose: purpose, Algorithm: algorithm}, &r)
}

// GetQuote returns a quote whose report_data is reportData zero-padded to
// 64 bytes.
func (c *Client) GetQuote(ctx context.Context, reportData []byte) (*GetQuoteResponse, error) {
	if len(reportData) > 64 {
		return nil, fmt.Errorf("dstack agent %s /GetQuote: report data is %d bytes, at most 64 allowed", c.endpoint, len(reportData))
	}
	var r GetQuoteResponse
	return &r, c.call(ctx, "GetQuote", GetQuoteRequest{ReportData: hex.EncodeToString(reportData)}, &r)
}

// GetTlsKey returns a fresh TLS key with a certificate from the app's CA.
func (c *Client) GetTlsKey(ctx context.Context, req GetTlsKeyRequest) (*GetTlsKeyResponse, error) {
	var r GetTlsKeyResponse
	return &r, c.call(ctx, "GetTlsKey", req, &r)
}

// Sign signs data with the app's signing key ("secp256k1",
// "secp256k1_prehashed" or "ed25519").
func (c *Client) Sign(ctx context.Context, algorithm string, data []byte) (*SignResponse, error) {
	var w SignResponseWire
	if err := c.call(ctx, "Sign", SignRequest{Algorithm: algorithm, Data: hex.EncodeToString(data)}, &w); err != nil {
		return nil, err
	}
	var r SignResponse
	var err error
	if r.Signature, err = DecodeHex("signature", w.Signature); err != nil {
		return nil, fmt.Errorf("dstack agent %s /Sign: %w", c.endpoint, err)
	}
	if r.PublicKey, err = DecodeHex("public_key", w.PublicKey); err != nil {
		return nil, fmt.Errorf("dstack agent %s /Sign: %w", c.endpoint, err)
	}
	for i, s := range w.SignatureChain {
		b, err := DecodeHex(fmt.Sprintf("signature_chain[%d]", i), s)
		if err != nil {
			return nil, fmt.Errorf("dstack agent %s /Sign: %w", c.endpoint, err)
		}
		r.SignatureChain = append(r.SignatureChain, b)
	}
	return &r, nil
}

// Verify asks the agent to check a signature.
func (c *Client) Verify(ctx context.Context, algorithm string, data, signature, publicKey []byte) (bool, error) {
	var r VerifyResponse
	err := c.call(ctx, "Verify", VerifyRequest{
		Algorithm: algorithm,
		Data:      hex.EncodeToString(data),
		Signature: hex.EncodeToString(signature),
		PublicKey: hex.EncodeToString(publicKey),
	}, &r)
	return r.Valid, err
}

// GetVersion returns the agent's version. Agents older than dstack OS 0.5.7
// do not have it and return an error.
func (c *Client) GetVersion(ctx context.Context) (*VersionResponse, error) {
	var r VersionResponse
	return &r, c.call(ctx, "Version", struct{}{}, &r)
}
