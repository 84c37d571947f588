package deploy_test

import (
	"bytes"
	"context"
	"encoding/hex"
	"net"
	"os"
	"path/filepath"
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

func TestMain(m *testing.M) { simchain.Main(m) }

const hour = time.Hour

// newApp is a new DevproofAppAuth's policy as the command's defaults give it.
func newApp() *deploy.AppPolicy {
	return &deploy.AppPolicy{Delay: deploy.DefaultDelay, AllowAnyDevice: true}
}

func config(c *simchain.Chain, key int) deploy.Config {
	return deploy.Config{RPC: c.URL, Key: c.Keys[key], Timeout: 30 * time.Second, MinDelay: deploy.DefaultMinDelay}
}

func run(t *testing.T, cfg deploy.Config) *deploy.Report {
	t.Helper()
	rep, err := deploy.Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// runFails requires Run to fail with an error containing every want.
func runFails(t *testing.T, name string, cfg deploy.Config, want ...string) (*deploy.Report, error) {
	t.Helper()
	rep, err := deploy.Run(context.Background(), cfg)
	if err == nil {
		t.Errorf("%s: succeeded, want an error with %q", name, want)
		return rep, err
	}
	t.Logf("%s: %v", name, err)
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("%s: error %q, want it to contain %q", name, err, w)
		}
	}
	return rep, err
}

// signerFor makes a notary signer the way the notary does, inside a
// simulated app whose app id is appID.
func signerFor(t *testing.T, seed string, appID common.Address) (*notary.Signer, *teesim.Simulator) {
	t.Helper()
	return simchain.Signer(t, seed, appID)
}

func kmsRootOf(sim *teesim.Simulator) common.Address {
	return crypto.PubkeyToAddress(sim.Keys().KMSRoot.PublicKey)
}

func step(t *testing.T, rep *deploy.Report, name string) deploy.Step {
	t.Helper()
	for _, s := range rep.Steps {
		if s.Name == name {
			return s
		}
	}
	t.Fatalf("no step %q in %+v", name, rep.Steps)
	return deploy.Step{}
}

func nonce(t *testing.T, c *simchain.Chain, key int) uint64 {
	t.Helper()
	n, err := c.Client.PendingNonceAt(context.Background(), c.Address(key))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// A change proposed through one run is activated by another, over IPC,
// only once its delay is over; the refusal names the revert and when the
// change takes effect. Repeated runs skip what is already on chain.
func TestProposeThenActivate(t *testing.T) {
	c := simchain.Start(t, 2)
	compose := common.HexToHash("0xc0")
	cfg := config(c, 0)
	cfg.NewApp = &deploy.AppPolicy{Delay: hour, Device: common.HexToHash("0xd1")}
	cfg.ComposeHash = compose
	rep := run(t, cfg)
	app := rep.AppAuth.Address
	proposed := step(t, rep, "propose compose hash "+compose.Hex())
	if proposed.Status != deploy.Done || proposed.Tx == nil || rep.Compose == nil || rep.Compose.Pending == nil || rep.Compose.Pending.ID != 0 {
		t.Fatalf("proposal: %+v, compose %+v", proposed, rep.Compose)
	}
	if !strings.Contains(proposed.Detail, "change 0, takes effect at "+rep.Compose.Pending.EffectiveAt.Format(time.RFC3339)) {
		t.Errorf("proposal detail %q", proposed.Detail)
	}

	// Proposing again: already pending.
	again := config(c, 0)
	again.AppAuth, again.ComposeHash = app, compose
	again.RPC = c.IPC
	rep = run(t, again)
	if s := step(t, rep, "propose compose hash "+compose.Hex()); s.Status != deploy.Skipped || !strings.Contains(s.Detail, "already pending as change 0") {
		t.Errorf("second proposal: %+v", s)
	}

	// Anyone may activate, but not before the delay.
	act := config(c, 1)
	act.AppAuth, act.Activate = app, []uint64{0}
	act.RPC = c.IPC
	before := nonce(t, c, 1)
	rep, _ = runFails(t, "activating early", act, "activate change 0: reverted with NotYetEffective(0, ", "it takes effect at ")
	if rep == nil || rep.Failed != "activate change 0" || rep.Transacted() || nonce(t, c, 1) != before {
		t.Errorf("early activation report: %+v", rep)
	}
	if err := c.AdjustTime(hour); err != nil {
		t.Fatal(err)
	}
	rep = run(t, act)
	if s := step(t, rep, "activate change 0"); s.Status != deploy.Done || s.Tx == nil {
		t.Errorf("activation: %+v", s)
	}
	if len(rep.AppAuth.Pending) != 0 {
		t.Errorf("still pending after activation: %+v", rep.AppAuth.Pending)
	}
	auth, _ := bindings.NewDevproofAppAuthCaller(app, c.Client)
	if ok, err := auth.AllowedComposeHashes(nil, compose); err != nil || !ok {
		t.Errorf("compose hash not allowed after activation (%v)", err)
	}

	// Proposing an allowed hash: nothing to do.
	rep = run(t, again)
	if s := step(t, rep, "propose compose hash "+compose.Hex()); s.Status != deploy.Skipped || s.Detail != "already allowed" {
		t.Errorf("proposing an allowed hash: %+v", s)
	}
	if rep.Transacted() {
		t.Error("a run with nothing to do sent a transaction")
	}
}

// The whole sequence, then a repeat that finds everything done; the report
// says what the chain says.
func TestDeployAll(t *testing.T) {
	c := simchain.Start(t, 2)
	ctx := context.Background()
	kms, tx, _, err := bindings.DeployDevKms(c.Auth(t, 1), c.Client)
	c.Mined(t, tx, err)

	cfg := config(c, 0)
	cfg.NewApp, cfg.KMS = newApp(), kms
	rep := run(t, cfg)
	app := rep.AppAuth.Address
	s, sim := signerFor(t, "deploy all", app)

	cfg = config(c, 0)
	cfg.AppAuth, cfg.KMS, cfg.Signer, cfg.Market = app, kms, s, true
	rep = run(t, cfg)
	if st := step(t, rep, "register the app with the KMS "+kms.Hex()); st.Status != deploy.Skipped {
		t.Errorf("second KMS registration: %+v", st)
	}
	for _, name := range []string{"deploy NotaryRegistry", "register notary signer " + s.Address.Hex(), "deploy PredictionMarket"} {
		if st := step(t, rep, name); st.Status != deploy.Done || st.Tx == nil {
			t.Errorf("%s: %+v", name, st)
		}
	}
	g, m := rep.Registry, rep.Market
	if g == nil || m == nil {
		t.Fatalf("report without registry or market: %+v", rep)
	}
	if g.AppAuth != app || g.KMSRoot != kmsRootOf(sim) || g.MinDelaySeconds != uint64(deploy.DefaultMinDelay/time.Second) || !g.SignerRegistered || g.CodeHash != g.ExpectedCodeHash {
		t.Errorf("registry: %+v", g)
	}
	if m.Registry != g.Address || m.AppAuth != app || m.CodeHash != m.ExpectedCodeHash {
		t.Errorf("market: %+v", m)
	}
	reg, _ := bindings.NewNotaryRegistryCaller(g.Address, c.Client)
	if ok, _ := reg.IsSigner(nil, s.Address); !ok {
		t.Error("the signer is not registered on chain")
	}
	if root, _ := reg.KmsRoot(nil); root != kmsRootOf(sim) {
		t.Errorf("registry kmsRoot %s, want the simulator's %s", root, kmsRootOf(sim))
	}
	pm, _ := bindings.NewPredictionMarketCaller(m.Address, c.Client)
	if r, _ := pm.Registry(nil); r != g.Address {
		t.Errorf("market registry %s, want %s", r, g.Address)
	}
	release, _ := contracts.RuntimeCodeHash("DevproofAppAuth")
	code, _ := c.Client.CodeAt(ctx, app, nil)
	if a := rep.AppAuth; crypto.Keccak256Hash(code) != release || a.CodeHash != release || a.ReleaseCodeHash != release || a.Owner != c.Address(0) || a.DelaySeconds != uint64(deploy.DefaultDelay/time.Second) {
		t.Errorf("app auth: %+v", a)
	}

	// Attaching to the registry: the signer is found registered.
	cfg.Registry, cfg.Market = g.Address, false
	rep = run(t, cfg)
	if st := step(t, rep, "attach NotaryRegistry"); st.Status != deploy.Checked {
		t.Errorf("attach: %+v", st)
	}
	if st := step(t, rep, "register notary signer "+s.Address.Hex()); st.Status != deploy.Skipped {
		t.Errorf("second registration: %+v", st)
	}
	if rep.Transacted() {
		t.Error("a run with nothing to do sent a transaction")
	}
	var text bytes.Buffer
	rep.WriteText(&text)
	for _, want := range []string{"DevproofAppAuth (app id) " + app.Hex(), "What users should check:", "NotaryRegistry " + g.Address.Hex(), "kmsRoot() " + kmsRootOf(sim).Hex()} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("text report lacks %q:\n%s", want, text.String())
		}
	}
}

// Every bad input is refused, naming it, before any transaction.
func TestRefusedBeforeSending(t *testing.T) {
	c := simchain.Start(t, 2)
	kms, tx, _, err := bindings.DeployDevKms(c.Auth(t, 1), c.Client)
	c.Mined(t, tx, err)
	base := config(c, 0)
	base.NewApp = newApp()
	app := run(t, base).AppAuth.Address
	mine, sim := signerFor(t, "mine", app)
	otherApp := common.HexToAddress("0x5bb4ff9a3837357f19dc176407a5709c62eb6c56")
	other, _ := signerFor(t, "other app", otherApp)
	release, _ := contracts.RuntimeCodeHash("DevproofAppAuth")
	kmsCode, _ := c.Client.CodeAt(context.Background(), kms, nil)
	account := c.Address(1)
	closed := closedPort(t)

	attach := func(f func(*deploy.Config)) deploy.Config {
		cfg := config(c, 0)
		cfg.AppAuth = app
		f(&cfg)
		return cfg
	}
	fresh := func(f func(*deploy.Config)) deploy.Config {
		cfg := config(c, 0)
		cfg.NewApp = newApp()
		f(&cfg)
		return cfg
	}
	for _, tc := range []struct {
		name string
		cfg  deploy.Config
		want []string
	}{
		{"the node down", fresh(func(c *deploy.Config) { c.RPC = "http://" + closed }), []string{"RPC http://" + closed + " is not reachable", "connection refused"}},
		{"no IPC socket", fresh(func(c *deploy.Config) { c.RPC = filepath.Join(t.TempDir(), "none.ipc") }), []string{"none.ipc is not reachable"}},
		{"another chain", fresh(func(c *deploy.Config) { c.ChainID = 1 }), []string{"RPC " + c.URL + " serves chain 1337, expected 1"}},
		{"--app-auth an account", attach(func(c *deploy.Config) { c.AppAuth = account }), []string{"--app-auth: no contract at " + account.Hex()}},
		{"--kms an account", fresh(func(c *deploy.Config) { c.KMS = account }), []string{"--kms: no contract at " + account.Hex()}},
		{"--app-auth not a DevproofAppAuth", attach(func(c *deploy.Config) { c.AppAuth = kms }), []string{"--app-auth " + kms.Hex() + " is not a DevproofAppAuth", "its code hash is " + crypto.Keccak256Hash(kmsCode).Hex(), "this release's DevproofAppAuth has " + release.Hex()}},
		{"another app's signer", attach(func(c *deploy.Config) { c.Signer = other }), []string{"--signer: its app_id " + otherApp.Hex() + " is not the app id " + app.Hex(), "another app's signer"}},
		{"a signer before its app", fresh(func(c *deploy.Config) { c.Signer = mine }), []string{"the new DevproofAppAuth will have", "deploy the DevproofAppAuth first"}},
		{"--kms-root against the signer's", attach(func(c *deploy.Config) { c.Signer, c.KMSRoot = mine, account }), []string{"--kms-root " + account.Hex() + ", but the signer's key chain ends at KMS root " + kmsRootOf(sim).Hex()}},
		{"--min-delay over the delay", fresh(func(c *deploy.Config) { c.KMSRoot, c.MinDelay = account, 73*hour }), []string{"--min-delay 73h0m0s is longer than the app's delay 72h0m0s"}},
		{"a registry without a KMS root", attach(func(c *deploy.Config) { c.Market = true }), []string{"needs the dstack KMS root"}},
		{"--registry not a registry", attach(func(c *deploy.Config) { c.Registry = kms }), []string{"--registry " + kms.Hex() + " is not a NotaryRegistry"}},
		{"--registry an account", attach(func(c *deploy.Config) { c.Registry = account }), []string{"--registry: no contract at " + account.Hex()}},
		{"a proposal by another key", func() deploy.Config {
			cfg := attach(func(*deploy.Config) {})
			cfg.Key = c.Keys[1]
			cfg.ComposeHash = common.HexToHash("0x01")
			return cfg
		}(), []string{"only the DevproofAppAuth's owner " + c.Address(0).Hex() + " can propose, and the deployer is " + c.Address(1).Hex()}},
		{"--activate on a new contract", fresh(func(c *deploy.Config) { c.Activate = []uint64{0} }), []string{"--activate: a new DevproofAppAuth has no changes yet"}},
		{"a zero delay", fresh(func(c *deploy.Config) { c.NewApp.Delay = 0 }), []string{"--delay 0s: must be whole seconds, at least 1s"}},
		{"a fractional delay", fresh(func(c *deploy.Config) { c.NewApp.Delay = 1500 * time.Millisecond }), []string{"--delay 1.5s"}},
		{"no machine allowed", fresh(func(c *deploy.Config) { c.NewApp.AllowAnyDevice = false }), []string{"neither --allow-any-device nor --device"}},
		{"attach and policy", attach(func(c *deploy.Config) { c.NewApp = newApp() }), []string{"apply only to a new DevproofAppAuth"}},
	} {
		before := nonce(t, c, 0)
		rep, _ := runFails(t, tc.name, tc.cfg, tc.want...)
		if rep != nil && rep.Transacted() || nonce(t, c, 0) != before {
			t.Errorf("%s: a transaction was sent", tc.name)
		}
	}
}

// A step that fails after a transaction leaves a report that says what
// exists, what failed and how to resume; resuming finishes the job.
func TestPartialReport(t *testing.T) {
	c := simchain.Start(t, 2)
	kms, tx, _, err := bindings.DeployDevKms(c.Auth(t, 1), c.Client)
	c.Mined(t, tx, err)
	notKMS := run(t, func() deploy.Config { cfg := config(c, 1); cfg.NewApp = newApp(); return cfg }()).AppAuth.Address

	cfg := config(c, 0)
	cfg.NewApp, cfg.KMS, cfg.ComposeHash = newApp(), notKMS, common.HexToHash("0xc0")
	rep, err := runFails(t, "a KMS that is not one", cfg, "register the app with the KMS "+notKMS.Hex())
	if rep == nil || !rep.Transacted() {
		t.Fatalf("no partial report: %+v", rep)
	}
	deployed := step(t, rep, "deploy DevproofAppAuth")
	if deployed.Status != deploy.Done || deployed.Address == nil || deployed.Tx == nil {
		t.Fatalf("deploy step: %+v", deployed)
	}
	app := *deployed.Address
	if code, _ := c.Client.CodeAt(context.Background(), app, nil); len(code) == 0 {
		t.Fatal("the report names an AppAuth that is not on chain")
	}
	if rep.Failed != "register the app with the KMS "+notKMS.Hex() || rep.Error != err.Error() || len(rep.Resume) != 1 || rep.Resume[0] != "--app-auth "+app.Hex() {
		t.Errorf("failure: %q %q %q", rep.Failed, rep.Error, rep.Resume)
	}
	if rep.AppAuth == nil || rep.AppAuth.Address != app || len(rep.Check) == 0 {
		t.Errorf("the report does not describe the deployed AppAuth: %+v", rep.AppAuth)
	}
	var text bytes.Buffer
	rep.WriteText(&text)
	t.Log(text.String())
	for _, want := range []string{"done     deploy DevproofAppAuth", "failed   register the app with the KMS", "address " + app.Hex(), "FAILED at", "Resume: run again with --app-auth " + app.Hex()} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("text report lacks %q:\n%s", want, text.String())
		}
	}

	cfg.NewApp, cfg.AppAuth, cfg.KMS = nil, app, kms
	rep = run(t, cfg)
	if st := step(t, rep, "propose compose hash "+cfg.ComposeHash.Hex()); st.Status != deploy.Done {
		t.Errorf("resumed proposal: %+v", st)
	}
	if !rep.KMS.AppRegistered {
		t.Error("not registered with the KMS after resuming")
	}
}

func closedPort(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

func TestKeyFromEnv(t *testing.T) {
	k, _ := crypto.GenerateKey()
	keyHex := hex.EncodeToString(crypto.FromECDSA(k))
	dir := t.TempDir()
	file := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := file("good", "0x"+keyHex+"\n\n")
	for _, tc := range []struct {
		name string
		env  map[string]string
		want string // "" for the key
	}{
		{"DEPLOY_KEY", map[string]string{"DEPLOY_KEY": keyHex}, ""},
		{"DEPLOY_KEY with 0x", map[string]string{"DEPLOY_KEY": "0x" + keyHex}, ""},
		{"DEPLOY_KEY_FILE, trailing newlines", map[string]string{"DEPLOY_KEY_FILE": good}, ""},
		{"neither", map[string]string{}, "no deployer key: set DEPLOY_KEY to the key in hex, or DEPLOY_KEY_FILE"},
		{"both", map[string]string{"DEPLOY_KEY": keyHex, "DEPLOY_KEY_FILE": good}, "DEPLOY_KEY and DEPLOY_KEY_FILE are both set"},
		{"missing file", map[string]string{"DEPLOY_KEY_FILE": filepath.Join(dir, "missing")}, "DEPLOY_KEY_FILE: open " + filepath.Join(dir, "missing") + ": no such file or directory"},
		{"empty file", map[string]string{"DEPLOY_KEY_FILE": file("empty", "\n")}, "is empty"},
		{"not hex", map[string]string{"DEPLOY_KEY": "zz" + keyHex[2:]}, "DEPLOY_KEY is not a hex key"},
		{"not hex in a file", map[string]string{"DEPLOY_KEY_FILE": file("nothex", keyHex[:62]+"gg")}, `DEPLOY_KEY_FILE "` + filepath.Join(dir, "nothex") + `" is not a hex key`},
		{"too short", map[string]string{"DEPLOY_KEY": keyHex[:32]}, "DEPLOY_KEY is 16 bytes, want a 32-byte secp256k1 key"},
		{"too long", map[string]string{"DEPLOY_KEY": keyHex + "00"}, "DEPLOY_KEY is 33 bytes"},
		{"zero", map[string]string{"DEPLOY_KEY": strings.Repeat("0", 64)}, "DEPLOY_KEY is not a valid secp256k1 key"},
	} {
		got, err := deploy.KeyFromEnv(func(n string) string { return tc.env[n] })
		switch {
		case tc.want == "" && (err != nil || !got.Equal(k)):
			t.Errorf("%s: %v", tc.name, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s: error %v, want %q", tc.name, err, tc.want)
		case err != nil && strings.Contains(err.Error(), keyHex[2:20]):
			t.Errorf("%s: the error shows the key: %v", tc.name, err)
		}
	}
}
