package attest

import (
	"bytes"
	"encoding/hex"
	"fmt"

	"github.com/ethereum/go-ethereum/crypto"
)

// KeyChain is the result of checking a GetKey signature chain.
type KeyChain struct {
	// AppKey and KMSRoot are compressed secp256k1 public keys.
	AppKey  []byte
	KMSRoot []byte
}

// RecoverKeyChain recovers the two signers of a dstack GetKey chain:
//   - chain[0]: the app key over keccak256(purpose + ":" + hex(derived)),
//   - chain[1]: the KMS root over keccak256("dstack-kms-issued:" || appID || app key),
//
// where derived and the app key are compressed secp256k1 keys. Signatures
// are 65 bytes r||s||v with v in {0,1}. The caller compares KMSRoot (and
// AppKey if known) with what it trusts.
func RecoverKeyChain(purpose string, derived []byte, chain [][]byte, appID []byte) (KeyChain, error) {
	var kc KeyChain
	if len(chain) != 2 {
		return kc, fmt.Errorf("signature chain has %d links, want 2", len(chain))
	}
	if len(appID) != 20 {
		return kc, fmt.Errorf("app id is %d bytes, want 20", len(appID))
	}
	if _, err := crypto.DecompressPubkey(derived); err != nil {
		return kc, fmt.Errorf("derived key is not a compressed secp256k1 key: %w", err)
	}
	msg := []byte(purpose + ":" + hex.EncodeToString(derived))
	app, err := recoverCompressed(msg, chain[0])
	if err != nil {
		return kc, fmt.Errorf("signature chain link 0 (app key): %w", err)
	}
	msg = append(append([]byte("dstack-kms-issued:"), appID...), app...)
	kms, err := recoverCompressed(msg, chain[1])
	if err != nil {
		return kc, fmt.Errorf("signature chain link 1 (KMS root): %w", err)
	}
	return KeyChain{AppKey: app, KMSRoot: kms}, nil
}

// CheckKeyChain recovers the chain and requires it to end at kmsRoot.
func CheckKeyChain(purpose string, derived []byte, chain [][]byte, appID, kmsRoot []byte) (KeyChain, error) {
	kc, err := RecoverKeyChain(purpose, derived, chain, appID)
	if err != nil {
		return kc, err
	}
	if !bytes.Equal(kc.KMSRoot, kmsRoot) {
		return kc, fmt.Errorf("signature chain ends at KMS root %x, want %x", kc.KMSRoot, kmsRoot)
	}
	return kc, nil
}

func recoverCompressed(msg, sig []byte) ([]byte, error) {
	if len(sig) != 65 {
		return nil, fmt.Errorf("signature is %d bytes, want 65", len(sig))
	}
	if sig[64] > 1 {
		return nil, fmt.Errorf("signature recovery id is %d, want 0 or 1", sig[64])
	}
	pub, err := crypto.SigToPub(crypto.Keccak256(msg), sig)
	if err != nil {
		return nil, err
	}
	return crypto.CompressPubkey(pub), nil
}
