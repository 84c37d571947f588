package audit

import (
	"context"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/google/go-tdx-guest/testing/testdata"

	"github.com/devproof/devproof/deploy/contracts"
	"github.com/devproof/devproof/deploy/contracts/bindings"
	"github.com/devproof/devproof/internal/attest"
	"github.com/devproof/devproof/internal/evidence"
	"github.com/devproof/devproof/internal/simchain"
	"github.com/devproof/devproof/internal/teesim"
)

func TestMain(m *testing.M) { simchain.Main(m) }

const testDelay = time.Hour

// chainDeployment is an app on a simulated chain: keys[0] is the developer
// (the AppAuth's owner), keys[2] runs the KMS.
type chainDeployment struct {
	c                         *simchain.Chain
	kms, appAuth, reg, market common.Address
	app                       *bindings.DevproofAppAuth
	sim                       *teesim.Simulator
	signer                    string
}

// deploy puts an honest app on chain: the KMS allows the simulator's OS
// image, the app's DevproofAppAuth allows the default compose from its
// chainDeployment, a registry holds the app's notary signer and one market is
// open.
func deployChain(t *testing.T) *chainDeployment {
	t.Helper()
	c := simchain.Start(t, 3)
	d := &chainDeployment{c: c}
	kms, tx, kmsc, err := bindings.DeployDevKms(c.Auth(t, 2), c.Client)
	c.Mined(t, tx, err)
	d.kms = kms
	tx, err = kmsc.AddOsImageHash(c.Auth(t, 2), teesim.OSImageHash)
	c.Mined(t, tx, err)
	compose, err := attest.ComposeHash([]byte(teesim.DefaultAppCompose))
	if err != nil {
		t.Fatal(err)
	}
	d.appAuth, tx, d.app, err = bindings.DeployDevproofAppAuth(c.Auth(t, 0), c.Client, c.Address(0), uint64(testDelay/time.Second), false, true, [32]byte{}, common.HexToHash(compose))
	c.Mined(t, tx, err)
	tx, err = kmsc.RegisterApp(c.Auth(t, 0), d.appAuth)
	c.Mined(t, tx, err)

	signer, sim := simchain.Signer(t, "audit-chain", d.appAuth)
	d.sim = sim
	d.signer = common.BytesToAddress(crypto.Keccak256(signer.PublicKey[1:])[12:]).Hex()
	var reg *bindings.NotaryRegistry
	d.reg, tx, reg, err = bindings.DeployNotaryRegistry(c.Auth(t, 0), c.Client, d.appAuth, crypto.PubkeyToAddress(sim.Keys().KMSRoot.PublicKey), uint64(testDelay/time.Second))
	c.Mined(t, tx, err)
	args, err := contracts.ArgsFor(signer)
	if err != nil {
		t.Fatal(err)
	}
	tx, err = reg.Register(c.Auth(t, 0), args.SignerKey, args.AppKey, args.AppSignature, args.KMSSignature)
	c.Mined(t, tx, err)
	var pm *bindings.PredictionMarket
	d.market, tx, pm, err = bindings.DeployPredictionMarket(c.Auth(t, 0), c.Client, d.reg, 60)
	c.Mined(t, tx, err)
	id := crypto.Keccak256Hash([]byte("audit-market"))
	resolveAfter := c.Now(t).Add(10 * time.Minute)
	tx, err = pm.Create(c.Auth(t, 0), id, bindings.PredictionMarketTerms{
		SourceUrl: "https://source.example/price", Pointer: "/price", Comparator: ">=", Threshold: "1",
		ResolveAfter: uint64(resolveAfter.Unix()), Window: 60,
	})
	c.Mined(t, tx, err)
	return d
}

func (d *chainDeployment) options() *ChainOptions {
	return &ChainOptions{RPC: d.c.URL, KMS: d.kms.Hex(), Registry: d.reg.Hex(), Market: d.market.Hex()}
}

// audit runs the chain checks on evidence from sim, as Run would after
// the evidence checks.
func audit(t *testing.T, sim *teesim.Simulator, opts *ChainOptions, signer string) map[string]Check {
	t.Helper()
	q, err := sim.Quote([]byte("audit"))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := json.Marshal(q)
	if err != nil {
		t.Fatal(err)
	}
	ev, err := attest.ParseEvidence(raw)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := attest.Check(ev, attest.CheckOptions{})
	if err != nil {
		t.Fatal(err)
	}
	a := &auditor{
		opts:  Options{Chain: opts, AllowSimulated: true, Timeout: 30 * time.Second},
		r:     &Report{Identity: rep.AppIdentity},
		files: evidence.Files{evidence.QuoteFile: raw},
		ev: &evidence.Report{Identity: rep.AppIdentity, Quotes: map[string]*attest.Report{evidence.QuoteFile: rep},
			Manifest: &evidence.Manifest{NotarySigner: signer}},
	}
	a.chainChecks(context.Background())
	got := map[string]Check{}
	var names []string
	for _, c := range a.r.Checks {
		got[c.Name] = c
		names = append(names, c.Name)
		t.Logf("%-16s %-4s %s", c.Name, c.Status, c.Reason)
	}
	if fmt.Sprint(names) != fmt.Sprint(ChainCheckNames) {
		t.Errorf("checks %v, want %v in that order", names, ChainCheckNames)
	}
	return got
}

// want requires check name to have status s and a reason holding every
// part.
func want(t *testing.T, got map[string]Check, name string, s Status, parts ...string) {
	t.Helper()
	c := got[name]
	if c.Status != s {
		t.Errorf("%s: %s (%s), want %s", name, c.Status, c.Reason, s)
		return
	}
	for _, p := range parts {
		if !strings.Contains(c.Reason, p) {
			t.Errorf("%s: reason %q does not say %q", name, c.Reason, p)
		}
	}
}

func TestChainHonestDeployment(t *testing.T) {
	d := deployChain(t)
	got := audit(t, d.sim, d.options(), d.signer)
	want(t, got, "rpc", Pass, d.c.URL, "chain 1337")
	want(t, got, "app-auth", Pass, d.appAuth.Hex(), "is DevproofAppAuth")
	want(t, got, "kms-allowed", Pass, d.kms.Hex(), "allows this instance")
	want(t, got, "key-provider", Skip, d.kms.Hex(), "publishes no root key")
	want(t, got, "pending-changes", Pass, "pending period 1h0m0s", "no change pending")
	want(t, got, "owner", Pass, d.c.Address(0).Hex())
	want(t, got, "registry", Pass, d.reg.Hex(), "notary signer "+d.signer+" registered")
	want(t, got, "markets", Pass, "1 markets, 1 open")

	// --app-auth may name the app id, and nothing else.
	opts := d.options()
	opts.AppAuth = d.appAuth.Hex()
	want(t, audit(t, d.sim, opts, d.signer), "app-auth", Pass)
	opts.AppAuth = d.kms.Hex()
	want(t, audit(t, d.sim, opts, d.signer), "app-auth", Fail, "--app-auth "+d.kms.Hex()+" is not the app id "+d.appAuth.Hex())
}

// The developer runs code the policy does not allow: the KMS, asked as it
// would be at boot, refuses.
func TestChainComposeHashNotAllowed(t *testing.T) {
	d := deployChain(t)
	other := strings.Replace(teesim.DefaultAppCompose, "devproof-dev", "devproof-other", 1)
	sim, err := teesim.New(teesim.Config{Seed: []byte("audit-chain"), AppID: d.appAuth.Bytes(), AppCompose: []byte(other)})
	if err != nil {
		t.Fatal(err)
	}
	h, _ := attest.ComposeHash([]byte(other))
	got := audit(t, sim, d.options(), "")
	want(t, got, "kms-allowed", Fail, d.kms.Hex(), "refuses this instance", "compose hash "+h, `"Compose hash not allowed"`)
	want(t, got, "app-auth", Pass)
}

// The developer proposes new code: until it is activated users can see it
// coming, and the audit fails with what it is and when it can take
// effect. The open market closes before it could, as PredictionMarket
// requires of every market, so it stays valid.
func TestChainPendingLoosening(t *testing.T) {
	d := deployChain(t)
	evil := crypto.Keccak256Hash([]byte("evil compose"))
	tx, err := d.app.ProposeComposeHash(d.c.Auth(t, 0), evil)
	r := d.c.Mined(t, tx, err)
	h, err := d.c.Client.HeaderByNumber(context.Background(), r.BlockNumber)
	if err != nil {
		t.Fatal(err)
	}
	effective := time.Unix(int64(h.Time), 0).UTC().Add(testDelay).Format(time.RFC3339)
	got := audit(t, d.sim, d.options(), d.signer)
	want(t, got, "pending-changes", Fail, "loosening change pending", "#0 allow compose hash "+hex.EncodeToString(evil[:]), "effective "+effective)
	want(t, got, "markets", Pass, "1 open, none a policy change can void")
	want(t, got, "kms-allowed", Pass)

	// Cancelled, it is no longer pending.
	tx, err = d.app.Cancel(d.c.Auth(t, 0), common.Big0)
	d.c.Mined(t, tx, err)
	got = audit(t, d.sim, d.options(), d.signer)
	want(t, got, "pending-changes", Pass, "no change pending (1 proposed")
	want(t, got, "markets", Pass)
}

// An app id that is not a DevproofAppAuth: its rules are not the audited
// ones, and the policy checks do not run.
func TestChainAppIDNotDevproofAppAuth(t *testing.T) {
	d := deployChain(t)
	for _, tc := range []struct {
		name  string
		appID common.Address
		why   string
	}{
		{"EOA", d.c.Address(0), "has no contract code"},
		{"another contract", d.kms, "is not DevproofAppAuth: code hash"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sim, err := teesim.New(teesim.Config{Seed: []byte("audit-chain"), AppID: tc.appID.Bytes()})
			if err != nil {
				t.Fatal(err)
			}
			got := audit(t, sim, d.options(), "")
			want(t, got, "app-auth", Fail, tc.appID.Hex()+" (the app id) "+tc.why)
			want(t, got, "pending-changes", Skip, "app-auth")
			want(t, got, "owner", Skip, "app-auth")
			want(t, got, "registry", Fail, "is for app "+d.appAuth.Hex(), "the evidence's app id is "+tc.appID.Hex())
		})
	}
}

func TestChainRPCDown(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + l.Addr().String()
	l.Close()
	sim, err := teesim.New(teesim.Config{Seed: []byte("audit-chain")})
	if err != nil {
		t.Fatal(err)
	}
	got := audit(t, sim, &ChainOptions{RPC: url, KMS: common.Address{1}.Hex()}, "")
	want(t, got, "rpc", Fail, url, "connection refused")
	for _, n := range ChainCheckNames[1:] {
		want(t, got, n, Skip, "the chain could not be read (rpc)")
	}
}

// Contract addresses with no code are named.
func TestChainNoCode(t *testing.T) {
	d := deployChain(t)
	eoa := d.c.Address(1).Hex()
	got := audit(t, d.sim, &ChainOptions{RPC: d.c.URL, KMS: eoa, Registry: eoa, Market: eoa}, "")
	want(t, got, "app-auth", Pass)
	want(t, got, "kms-allowed", Fail, "--kms "+eoa+" has no contract code")
	want(t, got, "key-provider", Fail, "--kms "+eoa+" has no contract code")
	want(t, got, "registry", Fail, "--registry "+eoa+" has no contract code")
	want(t, got, "markets", Fail, "--market "+eoa+" has no contract code")
}

// The boot info rebuilt from a quote is the one the simulator's KMS was
// asked about, but for what the audit does not read (the device id) or
// has not verified (the TCB status).
func TestBootInfoFromQuote(t *testing.T) {
	sim, err := teesim.New(teesim.Config{Seed: []byte("audit-chain"), AppID: common.Address{7}.Bytes()})
	if err != nil {
		t.Fatal(err)
	}
	q, _ := sim.Quote(nil)
	raw, _ := json.Marshal(q)
	ev, _ := attest.ParseEvidence(raw)
	rep, err := attest.Check(ev, attest.CheckOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := bootInfo(raw, rep)
	if err != nil {
		t.Fatal(err)
	}
	w := sim.BootInfo()
	w.DeviceID, w.TCBStatus = [32]byte{}, "not checked"
	if fmt.Sprint(got) != fmt.Sprint(w) {
		t.Errorf("boot info\n%+v\nwant\n%+v", got, w)
	}
}

// returner is EVM code that returns data to any call: CODECOPY the bytes
// after this 13-byte prefix to memory, then RETURN them.
func returner(data []byte) []byte {
	n := len(data)
	code := []byte{0x61, byte(n >> 8), byte(n), 0x80, 0x61, 0, 13, 0x60, 0, 0x39, 0x60, 0, 0xf3}
	return append(code, data...)
}

// A KMS that publishes its keys (DstackKms's kmsInfo()): a contract that
// answers every call with them stands in for it.
func TestChainKMSRoot(t *testing.T) {
	d := deployChain(t)
	caSPKI, err := x509.MarshalPKIXPublicKey(&d.sim.Keys().CAKey.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	k256 := crypto.CompressPubkey(&d.sim.Keys().KMSRoot.PublicKey)
	other, _ := crypto.GenerateKey()
	publishing := func(k256, ca []byte) string {
		info, err := kmsInfoOutputs.Pack(k256, ca, []byte{}, []byte{})
		if err != nil {
			t.Fatal(err)
		}
		addr, tx, _, err := bind.DeployContract(d.c.Auth(t, 2), abi.ABI{}, returner(returner(info)), d.c.Client)
		d.c.Mined(t, tx, err)
		return addr.Hex()
	}

	opts := d.options()
	opts.KMS = publishing(k256, caSPKI)
	got := audit(t, d.sim, opts, d.signer)
	want(t, got, "key-provider", Pass, "is KMS "+opts.KMS+"'s root key")
	want(t, got, "registry", Pass, "(the KMS's published root)")

	opts.KMS = publishing(k256, []byte("another CA key"))
	want(t, audit(t, d.sim, opts, d.signer), "key-provider", Fail, "is not KMS "+opts.KMS+"'s root key")

	opts.KMS = publishing(crypto.CompressPubkey(&other.PublicKey), caSPKI)
	want(t, audit(t, d.sim, opts, d.signer), "registry", Fail,
		"trusts KMS root "+crypto.PubkeyToAddress(d.sim.Keys().KMSRoot.PublicKey).Hex(), "the KMS publishes "+crypto.PubkeyToAddress(other.PublicKey).Hex())
}

// For a verified quote the boot info carries the device id dstack's KMS
// derives from the PCK certificate's PPID (go-tdx-guest's production
// quote).
func TestBootInfoDeviceID(t *testing.T) {
	raw, _ := json.Marshal(map[string]string{"quote": hex.EncodeToString(testdata.RawQuote), "event_log": "[]"})
	rep := &attest.Report{AppIdentity: attest.AppIdentity{
		AppID: strings.Repeat("11", 20), ComposeHash: strings.Repeat("22", 32), InstanceID: strings.Repeat("33", 20), OSImageHash: strings.Repeat("44", 32),
	}}
	rep.Status = attest.Verified
	got, err := bootInfo(raw, rep)
	if err != nil {
		t.Fatal(err)
	}
	want, err := attest.DeviceID(testdata.RawQuote)
	if err != nil {
		t.Fatal(err)
	}
	if got.DeviceID != want || got.DeviceID == ([32]byte{}) {
		t.Errorf("device id %x, want %x", got.DeviceID, want)
	}
}
