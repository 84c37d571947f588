package teesim_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"math/big"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/devproof/devproof/internal/attest"
	"github.com/devproof/devproof/internal/realworld"
	"github.com/devproof/devproof/internal/tee"
	"github.com/devproof/devproof/internal/teesim"
)

// startSim serves sim on a real unix socket and returns a client for it.
func startSim(t *testing.T, sim *teesim.Simulator) *tee.Client {
	t.Helper()
	sock := filepath.Join(t.TempDir(), "dstack.sock")
	l, err := teesim.ListenUnix(sock)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- sim.Serve(ctx, l) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	return tee.New(sock)
}

func newSim(t *testing.T, cfg teesim.Config) *teesim.Simulator {
	t.Helper()
	if cfg.Seed == nil && cfg.Keys == nil {
		cfg.Seed = []byte("test seed")
	}
	sim, err := teesim.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return sim
}

func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return c
}

// The official simulator's appkeys.json must give chains that recover to
// the keys dstack's own SDK tests expect.
func TestAppKeysChainRecoversToOfficialKeys(t *testing.T) {
	dir := realworld.Dir(t, "dstack")
	keys, err := teesim.LoadAppKeys(filepath.Join(dir, "simulator-appkeys.json"))
	if err != nil {
		t.Fatal(err)
	}
	// The app id the official simulator reports (its attestation's app-id
	// event); its k256_signature was issued for it.
	appID, _ := hex.DecodeString("5bb4ff9a3837357f19dc176407a5709c62eb6c56")
	compose, err := readFile(filepath.Join(dir, "simulator-app-compose.json"))
	if err != nil {
		t.Fatal(err)
	}
	c := startSim(t, newSim(t, teesim.Config{Keys: keys, AppID: appID, AppCompose: compose}))

	const wantApp = "02818494263695e8839122dbd88e281d7380622999df4e60a14befa0f2d096fc7c"
	const wantKMS = "0321529e458424ab1f710a3a57ec4dad2fb195ddca572f7469242ba6c7563085b6"
	for _, tc := range []struct{ path, purpose string }{{"/test/path", "test-purpose"}, {"notary/signer", "devproof-signer"}} {
		resp, err := c.GetKey(ctx(t), tc.path, tc.purpose, "secp256k1")
		if err != nil {
			t.Fatal(err)
		}
		key, err := resp.DecodeKey()
		if err != nil {
			t.Fatal(err)
		}
		chain, err := resp.DecodeSignatureChain()
		if err != nil {
			t.Fatal(err)
		}
		priv, err := crypto.ToECDSA(key)
		if err != nil {
			t.Fatal(err)
		}
		derived := crypto.CompressPubkey(&priv.PublicKey)

		// Link 0 with go-ethereum's Ecrecover directly.
		msg := tc.purpose + ":" + hex.EncodeToString(derived)
		pub, err := crypto.Ecrecover(crypto.Keccak256([]byte(msg)), chain[0])
		if err != nil {
			t.Fatal(err)
		}
		appPub, _ := crypto.UnmarshalPubkey(pub)
		appComp := crypto.CompressPubkey(appPub)
		if hex.EncodeToString(appComp) != wantApp {
			t.Errorf("app key = %x, want %s", appComp, wantApp)
		}
		// Link 1 likewise.
		kmsMsg := append(append([]byte("dstack-kms-issued:"), appID...), appComp...)
		pub, err = crypto.Ecrecover(crypto.Keccak256(kmsMsg), chain[1])
		if err != nil {
			t.Fatal(err)
		}
		kmsPub, _ := crypto.UnmarshalPubkey(pub)
		if got := hex.EncodeToString(crypto.CompressPubkey(kmsPub)); got != wantKMS {
			t.Errorf("KMS root = %s, want %s", got, wantKMS)
		}
		// And the library that callers use agrees.
		root, _ := hex.DecodeString(wantKMS)
		if _, err := attest.CheckKeyChain(tc.purpose, derived, chain, appID, root); err != nil {
			t.Error(err)
		}
		// The chain does not carry over to another purpose or app id.
		if _, err := attest.CheckKeyChain("other", derived, chain, appID, root); err == nil {
			t.Error("chain verified for the wrong purpose")
		}
		other := bytes.Clone(appID)
		other[0] ^= 1
		if _, err := attest.CheckKeyChain(tc.purpose, derived, chain, other, root); err == nil {
			t.Error("chain verified for the wrong app id")
		}
	}
}

// Known-answer test for dstack's key derivation: HKDF-SHA256, salt
// "RATLS", ikm = app key, info = path.
func TestGetKeyDerivation(t *testing.T) {
	sim := newSim(t, teesim.Config{Seed: []byte("kat")})
	resp, err := sim.GetKey(tee.GetKeyRequest{Path: "a/b", Purpose: "p"})
	if err != nil {
		t.Fatal(err)
	}
	want := hkdfRATLS(t, crypto.FromECDSA(sim.Keys().AppKey), []byte("a/b"))
	if resp.Key != hex.EncodeToString(want) {
		t.Errorf("key = %s, want %x", resp.Key, want)
	}
	// Seeded keys chain to the seeded KMS root.
	chain, _ := (&tee.GetKeyResponse{SignatureChain: resp.SignatureChain}).DecodeSignatureChain()
	priv, _ := crypto.ToECDSA(want)
	id := sim.AppID()
	root := crypto.CompressPubkey(&sim.Keys().KMSRoot.PublicKey)
	if _, err := attest.CheckKeyChain("p", crypto.CompressPubkey(&priv.PublicKey), chain, id[:], root); err != nil {
		t.Error(err)
	}
	// Same seed, same keys.
	again := newSim(t, teesim.Config{Seed: []byte("kat")})
	if r2, _ := again.GetKey(tee.GetKeyRequest{Path: "a/b", Purpose: "p"}); r2.Key != resp.Key {
		t.Error("same seed gave a different key")
	}
}

func TestClientOverUnixSocket(t *testing.T) {
	sim := newSim(t, teesim.Config{EventLogVersion: 2})
	c := startSim(t, sim)

	info, err := c.Info(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	id := sim.AppID()
	if info.AppID != hex.EncodeToString(id[:]) {
		t.Errorf("app_id = %s", info.AppID)
	}
	if info.ComposeHash == "" || info.InstanceID == "" {
		t.Errorf("info missing compose_hash or instance_id: %+v", info)
	}
	tcb, err := info.DecodeTcbInfo()
	if err != nil {
		t.Fatal(err)
	}
	if tcb.AppCompose != teesim.DefaultAppCompose {
		t.Error("tcb_info app_compose differs from the measured compose")
	}
	if want, _ := attest.ComposeHash([]byte(tcb.AppCompose)); want != info.ComposeHash {
		t.Errorf("compose_hash %s != sha256(app_compose) %s", info.ComposeHash, want)
	}

	rd := attest.TaggedReportData("devproof-spki", []byte("abc"))
	q, err := c.GetQuote(ctx(t), rd[:])
	if err != nil {
		t.Fatal(err)
	}
	ev, err := attest.ParseEvidence(mustJSON(t, q))
	if err != nil {
		t.Fatal(err)
	}
	rep, err := attest.Check(ev, attest.CheckOptions{ReportData: &rd})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Status != attest.Simulated || rep.Reason != attest.SimulatedReason {
		t.Errorf("status = %s (%s), want simulated", rep.Status, rep.Reason)
	}
	if rep.OK(false) || !rep.OK(true) {
		t.Errorf("OK(false)=%v OK(true)=%v, problems %v", rep.OK(false), rep.OK(true), rep.Problems)
	}
	if rep.RTMR3Replay != "match" || rep.AppID != info.AppID || rep.ComposeHash != info.ComposeHash || rep.InstanceID != info.InstanceID {
		t.Errorf("report %+v does not match info %+v", rep, info)
	}
	if rep.RTMR3 != tcb.Rtmr3 {
		t.Errorf("quote RTMR3 %s != tcb_info rtmr3 %s", rep.RTMR3, tcb.Rtmr3)
	}
	if _, err := c.GetQuote(ctx(t), make([]byte, 65)); err == nil {
		t.Error("65-byte report data accepted")
	}

	tls, err := c.GetTlsKey(ctx(t), tee.GetTlsKeyRequest{Subject: "app.devproof.test", AltNames: []string{"app.devproof.test"}, UsageServerAuth: true})
	if err != nil {
		t.Fatal(err)
	}
	block, _ := pem.Decode([]byte(tls.CertificateChain[0]))
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	if err := cert.VerifyHostname("app.devproof.test"); err != nil {
		t.Error(err)
	}
	if err := cert.CheckSignatureFrom(sim.Keys().CACert); err != nil {
		t.Error(err)
	}

	for _, alg := range []string{"secp256k1", "ed25519"} {
		data := []byte("settle market 7")
		s, err := c.Sign(ctx(t), alg, data)
		if err != nil {
			t.Fatal(alg, err)
		}
		if len(s.SignatureChain) != 3 {
			t.Errorf("%s: chain has %d links", alg, len(s.SignatureChain))
		}
		ok, err := c.Verify(ctx(t), alg, data, s.Signature, s.PublicKey)
		if err != nil || !ok {
			t.Errorf("%s: verify = %v, %v", alg, ok, err)
		}
		ok, err = c.Verify(ctx(t), alg, []byte("settle market 8"), s.Signature, s.PublicKey)
		if err != nil || ok {
			t.Errorf("%s: verify of other data = %v, %v", alg, ok, err)
		}
	}
	digest := sha256.Sum256([]byte("x"))
	if _, err := c.Sign(ctx(t), "secp256k1_prehashed", digest[:]); err != nil {
		t.Error(err)
	}
	_, err = c.Sign(ctx(t), "secp256k1_prehashed", []byte("short"))
	if err == nil || !strings.Contains(err.Error(), "32-byte digest") {
		t.Errorf("short prehash: %v", err)
	}

	v, err := c.GetVersion(ctx(t))
	if err != nil || v.Version != teesim.Version {
		t.Errorf("version = %+v, %v", v, err)
	}
	_, err = c.GetKey(ctx(t), "p", "x", "rsa")
	if err == nil || !strings.Contains(err.Error(), `unsupported algorithm "rsa"`) || !strings.Contains(err.Error(), c.Endpoint()) {
		t.Errorf("bad algorithm error = %v", err)
	}
}

func TestSimulatorConfigErrors(t *testing.T) {
	for _, tc := range []struct {
		cfg  teesim.Config
		want string
	}{
		{teesim.Config{}, "seed is empty"},
		{teesim.Config{Seed: []byte("s"), AppID: []byte{1}}, "app id is 1 bytes"},
		{teesim.Config{Seed: []byte("s"), AppCompose: []byte("nope")}, "app-compose is not a JSON object"},
		{teesim.Config{Seed: []byte("s"), EventLogVersion: 3}, "event log version 3"},
		{teesim.Config{Keys: &teesim.Keys{}}, "need the app id their KMS signature names"},
	} {
		_, err := teesim.New(tc.cfg)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("New(%+v) = %v, want %q", tc.cfg, err, tc.want)
		}
	}
	_, err := teesim.LoadAppKeys(filepath.Join(t.TempDir(), "missing.json"))
	if err == nil || !strings.Contains(err.Error(), "missing.json") {
		t.Errorf("missing appkeys: %v", err)
	}
}

// An appkeys.json whose ca_cert is not the key_provider's ECDSA key, here an
// RSA certificate, is refused with the field named.
func TestLoadAppKeysForeignCACert(t *testing.T) {
	official, err := os.ReadFile(filepath.Join(realworld.Dir(t, "dstack"), "simulator-appkeys.json"))
	if err != nil {
		t.Fatal(err)
	}
	var f map[string]any
	if err := json.Unmarshal(official, &f); err != nil {
		t.Fatal(err)
	}
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), NotAfter: time.Now().Add(time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &rsaKey.PublicKey, rsaKey)
	if err != nil {
		t.Fatal(err)
	}
	f["ca_cert"] = string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
	path := filepath.Join(t.TempDir(), "appkeys.json")
	if err := os.WriteFile(path, mustJSON(t, f), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = teesim.LoadAppKeys(path)
	if err == nil || !strings.Contains(err.Error(), "ca_cert: does not match") {
		t.Errorf("RSA ca_cert: %v", err)
	}
}

func mustJSON(t *testing.T, v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// dstack-ingress's scripts ask for quotes with GET and a query string.
func TestGetQuoteByQuery(t *testing.T) {
	sim := newSim(t, teesim.Config{})
	rd := strings.Repeat("ab", 64)
	req := httptest.NewRequest("GET", "/GetQuote?report_data="+rd, nil)
	w := httptest.NewRecorder()
	sim.Handler().ServeHTTP(w, req)
	var resp tee.GetQuoteResponse
	if err := json.Unmarshal(w.Body.Bytes(), &resp); err != nil || resp.ReportData != rd {
		t.Fatalf("GET /GetQuote: %d %s", w.Code, w.Body)
	}
	w = httptest.NewRecorder()
	sim.Handler().ServeHTTP(w, httptest.NewRequest("GET", "/GetQuote?report_data=abc", nil))
	if w.Code != 400 || !strings.Contains(w.Body.String(), "odd length") {
		t.Errorf("odd hex: %d %s", w.Code, w.Body)
	}
}
