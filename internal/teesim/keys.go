package teesim

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"math/big"
	"os"
	"time"

	"github.com/ethereum/go-ethereum/crypto"
	"golang.org/x/crypto/hkdf"
)

// Keys is the key material of a simulated app.
type Keys struct {
	// AppKey is the app's secp256k1 key, the root of every GetKey derivation.
	AppKey *ecdsa.PrivateKey
	// KMSSignature is the KMS root's 65-byte signature over the app key
	// (dstack "dstack-kms-issued" message).
	KMSSignature []byte
	// KMSRoot signed KMSSignature. Nil when the keys came from an
	// appkeys.json, which carries only the signature.
	KMSRoot *ecdsa.PrivateKey
	// CAKey and CACert are the app CA that GetTlsKey issues from (P-256).
	CAKey  *ecdsa.PrivateKey
	CACert *x509.Certificate
}

// deriveKey is dstack's ra-tls kdf::derive_key: HKDF-SHA256 with salt
// "RATLS" and the context parts concatenated as info.
func deriveKey(ikm []byte, info ...[]byte) []byte {
	var inf []byte
	for _, p := range info {
		inf = append(inf, p...)
	}
	out := make([]byte, 32)
	if _, err := io.ReadFull(hkdf.New(sha256.New, ikm, []byte("RATLS"), inf), out); err != nil {
		panic(err) // HKDF-SHA256 cannot fail for 32 bytes
	}
	return out
}

// KMSIssuedMessage is what the KMS root signs for an app key:
// "dstack-kms-issued:" || app id || compressed app key.
func KMSIssuedMessage(appID [20]byte, appKey *ecdsa.PublicKey) []byte {
	msg := append([]byte("dstack-kms-issued:"), appID[:]...)
	return append(msg, crypto.CompressPubkey(appKey)...)
}

// KeysFromSeed makes a KMS root from seed and issues the app key for appID
// the way dstack's KMS does: app key = HKDF(root, app id || "app-key").
func KeysFromSeed(seed []byte, appID [20]byte) (*Keys, error) {
	if len(seed) == 0 {
		return nil, fmt.Errorf("simulator seed is empty")
	}
	seedKey := func(label string) []byte {
		out := make([]byte, 32)
		io.ReadFull(hkdf.New(sha256.New, seed, []byte("devproof-simulator"), []byte(label)), out)
		return out
	}
	root, err := crypto.ToECDSA(seedKey("kms-root"))
	if err != nil {
		return nil, fmt.Errorf("simulator seed gives an invalid KMS root key: %w", err)
	}
	app, err := crypto.ToECDSA(deriveKey(crypto.FromECDSA(root), appID[:], []byte("app-key")))
	if err != nil {
		return nil, fmt.Errorf("derived app key is invalid: %w", err)
	}
	sig, err := crypto.Sign(crypto.Keccak256(KMSIssuedMessage(appID, &app.PublicKey)), root)
	if err != nil {
		return nil, err
	}
	ca, err := ecdsa.ParseRawPrivateKey(elliptic.P256(), seedKey("app-ca"))
	if err != nil {
		return nil, fmt.Errorf("simulator seed gives an invalid CA key: %w", err)
	}
	cert, err := selfSignedCA(ca)
	if err != nil {
		return nil, err
	}
	return &Keys{AppKey: app, KMSSignature: sig, KMSRoot: root, CAKey: ca, CACert: cert}, nil
}

// appKeysFile is the official simulator's appkeys.json.
type appKeysFile struct {
	K256Key       string                     `json:"k256_key"`
	K256Signature string                     `json:"k256_signature"`
	CACert        string                     `json:"ca_cert"`
	KeyProvider   map[string]json.RawMessage `json:"key_provider"`
}

// LoadAppKeys reads an appkeys.json in the format of dstack's official
// simulator (sdk/simulator/appkeys.json).
func LoadAppKeys(path string) (*Keys, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("appkeys file: %w", err)
	}
	return ParseAppKeys(path, data)
}

// ParseAppKeys parses the contents of an appkeys.json (see LoadAppKeys);
// name, usually its path, identifies it in errors. Without a usable CA in
// the file, TLS keys are issued from a fresh one.
func ParseAppKeys(name string, data []byte) (*Keys, error) {
	var f appKeysFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("appkeys file %q is not valid JSON: %w", name, err)
	}
	bad := func(field string, err error) error {
		return fmt.Errorf("appkeys file %q: %s: %w", name, field, err)
	}
	kb, err := hex.DecodeString(f.K256Key)
	if err != nil {
		return nil, bad("k256_key", err)
	}
	app, err := crypto.ToECDSA(kb)
	if err != nil {
		return nil, bad("k256_key", err)
	}
	sig, err := hex.DecodeString(f.K256Signature)
	if err != nil {
		return nil, bad("k256_signature", err)
	}
	if len(sig) != 65 {
		return nil, bad("k256_signature", fmt.Errorf("is %d bytes, want 65", len(sig)))
	}
	k := &Keys{AppKey: app, KMSSignature: sig}
	for name, raw := range f.KeyProvider {
		var p struct {
			Key string `json:"key"`
		}
		if json.Unmarshal(raw, &p) != nil || p.Key == "" {
			continue
		}
		block, _ := pem.Decode([]byte(p.Key))
		if block == nil {
			return nil, bad("key_provider."+name+".key", fmt.Errorf("no PEM block"))
		}
		key, err := x509.ParsePKCS8PrivateKey(block.Bytes)
		if err != nil {
			return nil, bad("key_provider."+name+".key", err)
		}
		ec, ok := key.(*ecdsa.PrivateKey)
		if !ok {
			return nil, bad("key_provider."+name+".key", fmt.Errorf("is a %T, want an ECDSA key", key))
		}
		k.CAKey = ec
	}
	if f.CACert != "" && k.CAKey != nil {
		block, _ := pem.Decode([]byte(f.CACert))
		if block == nil {
			return nil, bad("ca_cert", fmt.Errorf("no PEM block"))
		}
		if k.CACert, err = x509.ParseCertificate(block.Bytes); err != nil {
			return nil, bad("ca_cert", err)
		}
		if pub, ok := k.CACert.PublicKey.(*ecdsa.PublicKey); !ok || !pub.Equal(&k.CAKey.PublicKey) {
			return nil, bad("ca_cert", fmt.Errorf("does not match the key_provider key"))
		}
	}
	if k.CACert == nil {
		// No usable CA in the file: issue TLS keys from a fresh one.
		if k.CAKey, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader); err != nil {
			return nil, err
		}
		if k.CACert, err = selfSignedCA(k.CAKey); err != nil {
			return nil, err
		}
	}
	return k, nil
}

func selfSignedCA(key *ecdsa.PrivateKey) (*x509.Certificate, error) {
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{Organization: []string{"devproof simulator"}, CommonName: "devproof simulated app CA"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().AddDate(10, 0, 0),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign | x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, fmt.Errorf("creating simulator CA: %w", err)
	}
	return x509.ParseCertificate(der)
}
