package contracts

import (
	"encoding/hex"
	"fmt"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/devproof/devproof/internal/attest"
	"github.com/devproof/devproof/notary"
)

// RegisterArgs are NotaryRegistry.register's arguments for a signer: its
// key and the app key uncompressed (64 bytes each), and the two links of
// its GetKey signature chain.
type RegisterArgs struct {
	SignerKey, AppKey, AppSignature, KMSSignature []byte
}

// ArgsFor recovers the app key from the signer's chain and lays out the
// registration arguments.
func ArgsFor(s *notary.Signer) (*RegisterArgs, error) {
	if len(s.SignatureChain) != 2 {
		return nil, fmt.Errorf("signer chain has %d links, want 2", len(s.SignatureChain))
	}
	chain := [][]byte{s.SignatureChain[0], s.SignatureChain[1]}
	pub, err := crypto.UnmarshalPubkey(s.PublicKey)
	if err != nil {
		return nil, fmt.Errorf("signer public key: %w", err)
	}
	appID, err := hex.DecodeString(s.AppID)
	if err != nil {
		return nil, fmt.Errorf("signer app id %q: %w", s.AppID, err)
	}
	kc, err := attest.RecoverKeyChain(notary.SignerPurpose, crypto.CompressPubkey(pub), chain, appID)
	if err != nil {
		return nil, err
	}
	app, err := crypto.DecompressPubkey(kc.AppKey)
	if err != nil {
		return nil, err
	}
	return &RegisterArgs{SignerKey: s.PublicKey[1:], AppKey: crypto.FromECDSAPub(app)[1:], AppSignature: chain[0], KMSSignature: chain[1]}, nil
}
