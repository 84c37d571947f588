package teesim_test

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/devproof/devproof/internal/teesim"
)

// appKeysJSON writes keys in the shape of dstack's official simulator
// appkeys.json (sdk/simulator/appkeys.json): hex secp256k1 key and KMS
// signature, the CA certificate and its PKCS #8 key under key_provider,
// and fields devproof ignores.
func appKeysJSON(t testing.TB, k *teesim.Keys, edit func(map[string]any)) []byte {
	t.Helper()
	caKey, err := x509.MarshalPKCS8PrivateKey(k.CAKey)
	if err != nil {
		t.Fatal(err)
	}
	f := map[string]any{
		"disk_crypt_key": strings.Repeat("2c", 32),
		"env_crypt_key":  strings.Repeat("4f", 32),
		"k256_key":       hex.EncodeToString(crypto.FromECDSA(k.AppKey)),
		"k256_signature": hex.EncodeToString(k.KMSSignature),
		"gateway_app_id": "any",
		"ca_cert":        string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: k.CACert.Raw})),
		"key_provider": map[string]any{
			"None": map[string]any{"key": string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: caKey}))},
		},
	}
	if edit != nil {
		edit(f)
	}
	b, err := json.MarshalIndent(f, "", "    ")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func seedKeys(t testing.TB, seed string) *teesim.Keys {
	t.Helper()
	k, err := teesim.KeysFromSeed([]byte(seed), [20]byte{1, 2, 3})
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// An appkeys.json in the official shape gives back the keys written into
// it; a broken one is refused with the name it was given.
func TestParseAppKeys(t *testing.T) {
	want := seedKeys(t, "parse")
	got, err := teesim.ParseAppKeys("appkeys.json", appKeysJSON(t, want, nil))
	if err != nil {
		t.Fatal(err)
	}
	if !got.AppKey.Equal(want.AppKey) || string(got.KMSSignature) != string(want.KMSSignature) ||
		!got.CAKey.Equal(want.CAKey) || !got.CACert.Equal(want.CACert) {
		t.Error("parsed keys differ from the ones written")
	}
	_, err = teesim.ParseAppKeys("from-env", appKeysJSON(t, want, func(f map[string]any) { f["k256_signature"] = "00" }))
	if err == nil || err.Error() != `appkeys file "from-env": k256_signature: is 1 bytes, want 65` {
		t.Errorf("short signature: %v", err)
	}
}

// FuzzParseAppKeys checks that ParseAppKeys never panics, that every
// refusal names the input, and that accepted keys are complete: an app
// key, a 65-byte KMS signature, and a CA certificate for the CA key.
func FuzzParseAppKeys(f *testing.F) {
	k := seedKeys(f, "fuzz")
	other := seedKeys(f, "other")
	_, edKey, _ := ed25519.GenerateKey(nil)
	edPKCS8, err := x509.MarshalPKCS8PrivateKey(edKey)
	if err != nil {
		f.Fatal(err)
	}
	for _, edit := range []func(map[string]any){
		nil,
		func(m map[string]any) { delete(m, "ca_cert"); delete(m, "key_provider") },
		func(m map[string]any) { m["ca_cert"] = appKeysPEMCert(other) }, // not the key_provider's key
		func(m map[string]any) {
			m["key_provider"] = map[string]any{"None": map[string]any{"key": string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: edPKCS8}))}}
		},
		func(m map[string]any) { m["key_provider"] = map[string]any{"None": map[string]any{"key": "not PEM"}} },
		func(m map[string]any) {
			m["key_provider"] = map[string]any{"None": "not an object", "Kms": map[string]any{}}
		},
		func(m map[string]any) {
			m["ca_cert"] = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"
		},
		func(m map[string]any) { m["k256_key"] = "zz" },
		func(m map[string]any) { m["k256_key"] = strings.Repeat("ff", 32) }, // above the curve order
		func(m map[string]any) { m["k256_signature"] = strings.Repeat("00", 64) },
	} {
		f.Add(appKeysJSON(f, k, edit))
	}
	for _, s := range []string{"", "{}", "null", "[]", `{"k256_key": 1}`, "not JSON"} {
		f.Add([]byte(s))
	}
	const name = "fuzz-appkeys.json"
	f.Fuzz(func(t *testing.T, data []byte) {
		keys, err := teesim.ParseAppKeys(name, data)
		if err != nil {
			if !strings.Contains(err.Error(), name) {
				t.Fatalf("error does not name the input: %v", err)
			}
			return
		}
		if keys.AppKey == nil || len(keys.KMSSignature) != 65 || keys.CAKey == nil || keys.CACert == nil {
			t.Fatalf("accepted incomplete keys: %+v", keys)
		}
		if pub, ok := keys.CACert.PublicKey.(*ecdsa.PublicKey); !ok || !pub.Equal(&keys.CAKey.PublicKey) {
			t.Fatal("accepted a CA certificate that is not for the CA key")
		}
	})
}

func appKeysPEMCert(k *teesim.Keys) string {
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: k.CACert.Raw}))
}
