package contracts

import (
	"encoding/hex"
	"fmt"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/devproof/devproof/deploy/contracts/bindings"
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

// Terms lays out a market's definition as PredictionMarket.create takes it.
func Terms(m notary.Market) bindings.PredictionMarketTerms {
	return bindings.PredictionMarketTerms{
		SourceUrl: m.SourceURL, Pointer: m.Pointer, Comparator: m.Comparator, Threshold: m.Threshold,
		ResolveAfter: uint64(m.ResolveAfter.Unix()), Window: m.Window,
	}
}

// Statement lays out a notary statement as PredictionMarket.resolve takes
// it; the market id and terms come from the market itself.
func Statement(st *notary.Statement) bindings.PredictionMarketStatement {
	return bindings.PredictionMarketStatement{
		RequestHash: st.RequestHash, ResponseHash: st.ResponseHash, SessionHash: st.SessionHash,
		Value: st.Value, ObservedAt: st.ObservedAt,
	}
}
