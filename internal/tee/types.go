package tee

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
)

// JSON field names below are those of dstack's official SDK
// (sdk/go/dstack/client.go); hex is lowercase without 0x.

// InfoResponse is the reply to Info.
type InfoResponse struct {
	AppID           string `json:"app_id"`
	InstanceID      string `json:"instance_id"`
	AppCert         string `json:"app_cert"`
	TcbInfo         string `json:"tcb_info"`
	AppName         string `json:"app_name"`
	DeviceID        string `json:"device_id"`
	MrAggregated    string `json:"mr_aggregated,omitempty"`
	KeyProviderInfo string `json:"key_provider_info"`
	OsImageHash     string `json:"os_image_hash,omitempty"`
	ComposeHash     string `json:"compose_hash"`
	VmConfig        string `json:"vm_config,omitempty"`
	CloudVendor     string `json:"cloud_vendor,omitempty"`
	CloudProduct    string `json:"cloud_product,omitempty"`
}

// TcbInfo is the JSON document carried as a string in InfoResponse.TcbInfo.
type TcbInfo struct {
	Mrtd         string          `json:"mrtd"`
	Rtmr0        string          `json:"rtmr0"`
	Rtmr1        string          `json:"rtmr1"`
	Rtmr2        string          `json:"rtmr2"`
	Rtmr3        string          `json:"rtmr3"`
	AppCompose   string          `json:"app_compose"`
	EventLog     json.RawMessage `json:"event_log"`
	MrAggregated string          `json:"mr_aggregated,omitempty"`
	OsImageHash  string          `json:"os_image_hash,omitempty"`
	ComposeHash  string          `json:"compose_hash,omitempty"`
	DeviceID     string          `json:"device_id,omitempty"`
	RootfsHash   string          `json:"rootfs_hash,omitempty"`
}

// DecodeTcbInfo parses the tcb_info string.
func (r *InfoResponse) DecodeTcbInfo() (*TcbInfo, error) {
	if r.TcbInfo == "" {
		return nil, fmt.Errorf("tcb_info is empty (the app-compose may hide it: public_tcbinfo=false)")
	}
	var t TcbInfo
	if err := json.Unmarshal([]byte(r.TcbInfo), &t); err != nil {
		return nil, fmt.Errorf("tcb_info is not valid JSON: %w", err)
	}
	return &t, nil
}

// GetKeyRequest asks for a key derived from the app key at Path.
type GetKeyRequest struct {
	Path    string `json:"path"`
	Purpose string `json:"purpose"`
	// Algorithm is "secp256k1" (default when empty) or "ed25519".
	Algorithm string `json:"algorithm"`
}

// GetKeyResponse holds the derived private key and its signature chain.
type GetKeyResponse struct {
	Key            string   `json:"key"`
	SignatureChain []string `json:"signature_chain"`
}

// DecodeKey returns the private key bytes.
func (r *GetKeyResponse) DecodeKey() ([]byte, error) { return DecodeHex("key", r.Key) }

// DecodeSignatureChain returns the chain's signatures as bytes.
func (r *GetKeyResponse) DecodeSignatureChain() ([][]byte, error) {
	out := make([][]byte, len(r.SignatureChain))
	for i, s := range r.SignatureChain {
		b, err := DecodeHex(fmt.Sprintf("signature_chain[%d]", i), s)
		if err != nil {
			return nil, err
		}
		out[i] = b
	}
	return out, nil
}

// GetQuoteRequest carries up to 64 bytes of report data, hex-encoded.
type GetQuoteRequest struct {
	ReportData string `json:"report_data"`
}

// GetQuoteResponse is a TDX quote with its event log.
type GetQuoteResponse struct {
	Quote       string `json:"quote"`
	EventLog    string `json:"event_log"`
	ReportData  string `json:"report_data"`
	VmConfig    string `json:"vm_config"`
	Attestation string `json:"attestation,omitempty"`
}

// DecodeQuote returns the raw quote.
func (r *GetQuoteResponse) DecodeQuote() ([]byte, error) { return DecodeHex("quote", r.Quote) }

// GetTlsKeyRequest asks for a fresh TLS key and a certificate chain from the
// app's CA.
type GetTlsKeyRequest struct {
	Subject         string   `json:"subject"`
	AltNames        []string `json:"alt_names,omitempty"`
	UsageRaTls      bool     `json:"usage_ra_tls"`
	UsageServerAuth bool     `json:"usage_server_auth"`
	UsageClientAuth bool     `json:"usage_client_auth"`
	NotBefore       *uint64  `json:"not_before,omitempty"`
	NotAfter        *uint64  `json:"not_after,omitempty"`
	WithAppInfo     *bool    `json:"with_app_info,omitempty"`
}

// GetTlsKeyResponse holds a PEM private key and PEM certificates, leaf first.
type GetTlsKeyResponse struct {
	Key              string   `json:"key"`
	CertificateChain []string `json:"certificate_chain"`
}

// SignRequest is the wire form of Sign; Data is hex.
type SignRequest struct {
	Algorithm string `json:"algorithm"`
	Data      string `json:"data"`
}

// SignResponse is a signature by the app's "vms" signing key, with the
// chain [signature, app-key link, KMS link] and the signer's public key.
type SignResponse struct {
	Signature      []byte
	SignatureChain [][]byte
	PublicKey      []byte
}

// SignResponseWire is SignResponse as the agent sends it.
type SignResponseWire struct {
	Signature      string   `json:"signature"`
	SignatureChain []string `json:"signature_chain"`
	PublicKey      string   `json:"public_key"`
}

// VerifyRequest is the wire form of Verify; all fields but Algorithm are hex.
type VerifyRequest struct {
	Algorithm string `json:"algorithm"`
	Data      string `json:"data"`
	Signature string `json:"signature"`
	PublicKey string `json:"public_key"`
}

// VerifyResponse says whether the signature is valid.
type VerifyResponse struct {
	Valid bool `json:"valid"`
}

// VersionResponse names the guest agent's version.
type VersionResponse struct {
	Version string `json:"version"`
	Rev     string `json:"rev"`
}

// DecodeHex decodes a hex field of the wire format, naming the field in
// errors and reporting odd lengths as such.
func DecodeHex(field, s string) ([]byte, error) {
	if len(s)%2 != 0 {
		return nil, fmt.Errorf("%s: hex has odd length %d", field, len(s))
	}
	b, err := hex.DecodeString(s)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", field, err)
	}
	return b, nil
}
