//go:build !tee

package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"math/big"
	"net"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/devproof/devproof/deploy"
	"github.com/devproof/devproof/deploy/contracts"
	"github.com/devproof/devproof/deploy/contracts/bindings"
	"github.com/devproof/devproof/internal/simchain"
	"github.com/devproof/devproof/internal/teesim"
	"github.com/devproof/devproof/notary"
)

// deployKeyFile puts chain key i in a file and names it in DEPLOY_KEY_FILE.
func deployKeyFile(t *testing.T, c *simchain.Chain, i int) string {
	t.Setenv("DEPLOY_KEY", "")
	p := write(t, "deployer.key", []byte(hex.EncodeToString(crypto.FromECDSA(c.Keys[i]))+"\n"))
	t.Setenv("DEPLOY_KEY_FILE", p)
	return p
}

func deployJSON(t *testing.T, args ...string) *deploy.Report {
	t.Helper()
	code, out, stderr := runCmd(t, context.Background(), append([]string{"deploy", "--json"}, args...)...)
	if code != 0 {
		t.Fatalf("deploy %q: exit %d\n%s\n%s", args, code, out, stderr)
	}
	var rep deploy.Report
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("--json output is not a report: %v\n%s", err, out)
	}
	return &rep
}

// signerJSON makes the notary's signer inside a simulated app with app id
// appID and writes its description as devproof notary returns it.
func signerJSON(t *testing.T, seed string, appID common.Address) (*notary.Signer, *teesim.Simulator, string) {
	t.Helper()
	s, sim := simchain.Signer(t, seed, appID)
	b, err := json.Marshal(map[string]any{"signer": s})
	if err != nil {
		t.Fatal(err)
	}
	return s, sim, write(t, "signer.json", b)
}

// The developer's whole sequence through the command, over HTTP JSON-RPC:
// the AppAuth, its KMS registration and compose hash; then, with the
// notary started under that app id, its registry, signer and market.
// The chain holds what the reports say.
func TestDeployCommand(t *testing.T) {
	c := simchain.Start(t, 2)
	deployKeyFile(t, c, 0)
	kms, tx, _, err := bindings.DeployDevKms(c.Auth(t, 1), c.Client)
	c.Mined(t, tx, err)
	compose := []byte(`{"manifest_version":2,"name":"app","runner":"docker-compose","docker_compose_file":"services: {}\n"}`)
	composeFile := write(t, "app-compose.json", compose)
	sum := sha256.Sum256(compose)

	device := "0x" + strings.Repeat("d1", 32)
	rep := deployJSON(t, "--rpc", c.URL, "--chain-id", "1337", "--kms", kms.Hex(), "--app-compose", composeFile, "--device", device)
	app := rep.AppAuth.Address
	if rep.Compose == nil || rep.Compose.Hash != common.Hash(sum) || rep.Compose.Pending == nil {
		t.Fatalf("compose hash %+v, want sha256 of the file %x, pending", rep.Compose, sum)
	}
	auth, err := bindings.NewDevproofAppAuthCaller(app, c.Client)
	if err != nil {
		t.Fatal(err)
	}
	ch, err := auth.Change(nil, new(big.Int).SetUint64(rep.Compose.Pending.ID))
	if err != nil || ch.Value != sum || ch.ActivatedAt != 0 {
		t.Fatalf("change %d on chain: %+v (%v)", rep.Compose.Pending.ID, ch, err)
	}
	if got := rep.Compose.Pending.EffectiveAt; got.Unix() != int64(ch.EffectiveAt) || ch.EffectiveAt-ch.ProposedAt != uint64(deploy.DefaultDelay/time.Second) {
		t.Errorf("report says effective at %s, the chain %d (proposed %d)", got, ch.EffectiveAt, ch.ProposedAt)
	}
	km, _ := bindings.NewDevKmsCaller(kms, c.Client)
	if ok, err := km.RegisteredApps(nil, app); err != nil || !ok || !rep.KMS.AppRegistered {
		t.Errorf("app not registered with the KMS (%v)", err)
	}
	release, _ := contracts.RuntimeCodeHash("DevproofAppAuth")
	code, _ := c.Client.CodeAt(context.Background(), app, nil)
	if crypto.Keccak256Hash(code) != release || rep.AppAuth.CodeHash != release {
		t.Error("the deployed AppAuth's code is not this release's DevproofAppAuth")
	}
	if ok, _ := auth.AllowedDeviceIds(nil, common.HexToHash(device)); !ok || rep.AppAuth.AllowAnyDevice {
		t.Error("the --device given is not the one allowed device")
	}
	for _, name := range []string{"deploy DevproofAppAuth", "register the app with the KMS " + kms.Hex(), "propose compose hash " + common.Hash(sum).Hex()} {
		found := false
		for _, s := range rep.Steps {
			if s.Name == name && s.Status == deploy.Done && s.Tx != nil {
				found = true
			}
		}
		if !found {
			t.Errorf("no step %q done in %+v", name, rep.Steps)
		}
	}

	// The notary, started under the app id, gives its signer.
	s, sim, signerFile := signerJSON(t, "deploy command", app)
	rep = deployJSON(t, "--rpc", c.URL, "--app-auth", app.Hex(), "--signer", signerFile, "--market")
	g, m := rep.Registry, rep.Market
	if g == nil || m == nil || !g.SignerRegistered || m.Registry != g.Address {
		t.Fatalf("registry %+v, market %+v", g, m)
	}
	reg, _ := bindings.NewNotaryRegistryCaller(g.Address, c.Client)
	onApp, _ := reg.AppAuth(nil)
	onRoot, _ := reg.KmsRoot(nil)
	onMin, _ := reg.MinDelay(nil)
	isSigner, _ := reg.IsSigner(nil, s.Address)
	if onApp != app || onRoot != crypto.PubkeyToAddress(sim.Keys().KMSRoot.PublicKey) || onMin != uint64(deploy.DefaultMinDelay/time.Second) || !isSigner {
		t.Errorf("registry on chain: appAuth %s, kmsRoot %s, minDelay %d, isSigner %v", onApp, onRoot, onMin, isSigner)
	}
	if g.KMSRoot != onRoot || g.MinDelaySeconds != onMin {
		t.Errorf("the report's registry %+v is not the chain's", g)
	}
	pm, _ := bindings.NewPredictionMarketCaller(m.Address, c.Client)
	if onReg, _ := pm.Registry(nil); onReg != g.Address {
		t.Errorf("market's registry on chain %s, want %s", onReg, g.Address)
	}

	// Attaching to all of it again: nothing to send; the text report.
	code2, out, stderr := runCmd(t, context.Background(), "deploy", "--rpc", c.URL, "--app-auth", app.Hex(), "--kms", kms.Hex(), "--app-compose", composeFile, "--registry", g.Address.Hex(), "--signer", signerFile)
	if code2 != 0 {
		t.Fatalf("attaching: exit %d\n%s\n%s", code2, out, stderr)
	}
	for _, want := range []string{
		"checked  attach DevproofAppAuth", "skipped  register the app with the KMS", "skipped  propose compose hash " + common.Hash(sum).Hex(), "already pending as change 0",
		"checked  attach NotaryRegistry", "skipped  register notary signer " + s.Address.Hex(), "pending change 0", "What users should check:",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "tx 0x") {
		t.Errorf("attaching sent a transaction:\n%s", out)
	}
}

// Bad input is refused with an error that names it, and a run that fails
// after its first transaction prints what exists and how to resume.
func TestDeployCommandBadInput(t *testing.T) {
	c := simchain.Start(t, 2)
	ctx := context.Background()
	kms, tx, _, err := bindings.DeployDevKms(c.Auth(t, 1), c.Client)
	c.Mined(t, tx, err)
	keyFile := deployKeyFile(t, c, 0)
	app := deployJSON(t, "--rpc", c.URL, "--allow-any-device").AppAuth.Address
	_, _, otherSigner := signerJSON(t, "another app", kms)
	release, _ := contracts.RuntimeCodeHash("DevproofAppAuth")
	kmsCode, _ := c.Client.CodeAt(ctx, kms, nil)
	account := c.Address(1)
	closed := "http://" + closedAddr(t)
	keyHex := hex.EncodeToString(crypto.FromECDSA(c.Keys[0]))

	for _, tc := range []struct {
		name string
		env  map[string]string
		args []string
		code int
		want []string
	}{
		{"no key", map[string]string{"DEPLOY_KEY_FILE": ""}, []string{"--rpc", c.URL}, 1, []string{"no deployer key: set DEPLOY_KEY"}},
		{"key file missing", map[string]string{"DEPLOY_KEY_FILE": keyFile + ".missing"}, []string{"--rpc", c.URL}, 1, []string{"DEPLOY_KEY_FILE: open " + keyFile + ".missing: no such file or directory"}},
		{"key not hex", map[string]string{"DEPLOY_KEY_FILE": "", "DEPLOY_KEY": "0x" + strings.Repeat("g", 64)}, []string{"--rpc", c.URL}, 1, []string{"DEPLOY_KEY is not a hex key"}},
		{"key file not hex", map[string]string{"DEPLOY_KEY_FILE": write(t, "bad.key", []byte("not a key\n"))}, []string{"--rpc", c.URL}, 1, []string{"is not a hex key"}},
		{"key too short", map[string]string{"DEPLOY_KEY_FILE": "", "DEPLOY_KEY": keyHex[:40]}, []string{"--rpc", c.URL}, 1, []string{"DEPLOY_KEY is 20 bytes, want a 32-byte secp256k1 key"}},
		{"key as a flag", nil, []string{"--rpc", c.URL, "--key", keyHex}, 2, []string{"flag provided but not defined: -key"}},
		{"deploy-key as a flag", nil, []string{"--rpc", c.URL, "--deploy-key", keyHex}, 2, []string{"flag provided but not defined: -deploy-key"}},
		{"no --rpc", nil, nil, 2, []string{"DEPLOY_KEY_FILE names, never from a flag"}},
		{"node down", nil, []string{"--rpc", closed}, 1, []string{"RPC " + closed + " is not reachable", "connection refused"}},
		{"another chain", nil, []string{"--rpc", c.URL, "--chain-id", "1"}, 1, []string{"RPC " + c.URL + " serves chain 1337, expected 1"}},
		{"--app-auth an account", nil, []string{"--rpc", c.URL, "--app-auth", account.Hex()}, 1, []string{"--app-auth: no contract at " + account.Hex()}},
		{"--kms an account", nil, []string{"--rpc", c.URL, "--kms", account.Hex()}, 1, []string{"--kms: no contract at " + account.Hex()}},
		{"--app-auth the KMS", nil, []string{"--rpc", c.URL, "--app-auth", kms.Hex()}, 1, []string{"is not a DevproofAppAuth: its code hash is " + crypto.Keccak256Hash(kmsCode).Hex() + ", this release's DevproofAppAuth has " + release.Hex()}},
		{"another app's signer", nil, []string{"--rpc", c.URL, "--app-auth", app.Hex(), "--signer", otherSigner}, 1, []string{"--signer: its app_id " + kms.Hex() + " is not the app id " + app.Hex()}},
		{"a bad address", nil, []string{"--rpc", c.URL, "--kms", "0x1234"}, 1, []string{`--kms "0x1234" is not a 20-byte hex address`}},
		{"a bad compose hash", nil, []string{"--rpc", c.URL, "--compose-hash", "abcd"}, 1, []string{`--compose-hash "abcd" is 2 bytes, want 32`}},
		{"an app-compose that is not JSON", nil, []string{"--rpc", c.URL, "--app-compose", write(t, "compose.txt", []byte("services:"))}, 1, []string{"--app-compose", "is not a JSON object"}},
		{"a signer file that is not one", nil, []string{"--rpc", c.URL, "--app-auth", app.Hex(), "--signer", write(t, "s.json", []byte(`{"address":"0x0000000000000000000000000000000000000001"}`))}, 1, []string{"is not a notary signer: no app_id, public_key, signature_chain"}},
		{"--delay with --app-auth", nil, []string{"--rpc", c.URL, "--app-auth", app.Hex(), "--delay", "1h"}, 1, []string{"--delay applies only to a new contract, not with --app-auth"}},
		{"no machine allowed", nil, []string{"--rpc", c.URL, "--allow-any-device=false"}, 1, []string{"neither --allow-any-device nor --device lets no machine run the app"}},
		{"--delay zero", nil, []string{"--rpc", c.URL, "--delay", "0s"}, 1, []string{"--delay 0s: must be whole seconds, at least 1s"}},
		{"a bad --activate", nil, []string{"--rpc", c.URL, "--activate", "first"}, 2, []string{`invalid value "first" for flag -activate`}},
	} {
		for k, v := range tc.env {
			t.Setenv(k, v)
		}
		args := append([]string{"deploy"}, tc.args...)
		if len(tc.args) > 0 && !slices.Contains(tc.args, "--app-auth") && !slices.Contains(tc.args, "--allow-any-device=false") {
			args = append(args, "--allow-any-device") // so that the policy is not what is refused
		}
		before, _ := c.Client.PendingNonceAt(ctx, c.Address(0))
		code, out, stderr := runCmd(t, ctx, args...)
		if code != tc.code {
			t.Errorf("%s: exit %d, want %d\n%s", tc.name, code, tc.code, stderr)
		}
		for _, w := range tc.want {
			if !strings.Contains(stderr, w) {
				t.Errorf("%s: stderr lacks %q:\n%s", tc.name, w, stderr)
			}
		}
		if out != "" {
			t.Errorf("%s: printed a report though nothing was sent:\n%s", tc.name, out)
		}
		if strings.Contains(stderr, keyHex[4:24]) {
			t.Errorf("%s: the key appears in the output", tc.name)
		}
		if after, _ := c.Client.PendingNonceAt(ctx, c.Address(0)); after != before {
			t.Errorf("%s: a transaction was sent", tc.name)
		}
		t.Setenv("DEPLOY_KEY", "")
		t.Setenv("DEPLOY_KEY_FILE", keyFile)
	}

	// The AppAuth goes out, then the KMS step fails: --kms names a contract
	// that is no KMS. The report says where the AppAuth is and how to go on.
	code, out, stderr := runCmd(t, ctx, "deploy", "--rpc", c.URL, "--allow-any-device", "--kms", app.Hex())
	if code != 1 || !strings.Contains(stderr, "devproof: error: register the app with the KMS "+app.Hex()) {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	var deployed common.Address
	for _, line := range strings.Split(out, "\n") {
		if a, ok := strings.CutPrefix(strings.TrimSpace(line), "address "); ok {
			deployed = common.HexToAddress(a)
			break
		}
	}
	for _, want := range []string{"done     deploy DevproofAppAuth", "failed   register the app with the KMS " + app.Hex(), "DevproofAppAuth (app id) " + deployed.Hex(), "FAILED at", "Resume: run again with --app-auth " + deployed.Hex()} {
		if !strings.Contains(out, want) {
			t.Errorf("partial report lacks %q:\n%s", want, out)
		}
	}
	if code, _ := c.Client.CodeAt(ctx, deployed, nil); len(code) == 0 {
		t.Errorf("the partial report names %s, which holds no contract", deployed)
	}
	code, out, _ = runCmd(t, ctx, "deploy", "--json", "--rpc", c.URL, "--app-auth", "0x"+strings.Repeat("ab", 20), "--kms", app.Hex())
	if code != 1 || out != "" {
		t.Errorf("an attach to nothing printed a report or did not fail: %d\n%s", code, out)
	}
	code, out, _ = runCmd(t, ctx, "deploy", "--json", "--rpc", c.URL, "--allow-any-device", "--kms", app.Hex())
	var rep deploy.Report
	if err := json.Unmarshal([]byte(out), &rep); code != 1 || err != nil || rep.Failed == "" || len(rep.Resume) != 1 || !strings.HasPrefix(rep.Resume[0], "--app-auth 0x") {
		t.Errorf("--json partial report: exit %d, %v\n%s", code, err, out)
	}
}

// closedAddr is a loopback address nothing listens on.
func closedAddr(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}
