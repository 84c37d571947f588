package audit

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/devproof/devproof/deploy/contracts"
	"github.com/devproof/devproof/deploy/contracts/bindings"
	"github.com/devproof/devproof/internal/attest"
	"github.com/devproof/devproof/internal/evidence"
)

// ChainOptions says where the app's contracts are.
type ChainOptions struct {
	// RPC is the chain's JSON-RPC endpoint.
	RPC string
	// KMS, AppAuth, Registry and Market are contract addresses (hex);
	// empty ones are not checked. AppAuth defaults to the app id.
	KMS, AppAuth, Registry, Market string
}

// chainChecks are the on-chain checks, or one skip line each without
// Options.Chain.
func (a *auditor) chainChecks(ctx context.Context) {
	if a.opts.Chain == nil {
		for _, n := range ChainCheckNames {
			a.add(n, Skip, "no chain to read (--rpc)")
		}
		return
	}
	a.chain(ctx, a.opts.Chain)
}

// ChainCheckNames are the on-chain checks, in report order.
var ChainCheckNames = []string{"rpc", "app-auth", "kms-allowed", "key-provider", "pending-changes", "owner", "registry", "markets"}

// onChain is what the chain checks share: the client, the head block and
// what earlier checks established.
type onChain struct {
	a    *auditor
	opts *ChainOptions
	cl   *ethclient.Client
	call *bind.CallOpts
	head *types.Header

	// appID is the app id from the evidence; zero when there is none.
	appID common.Address
	// app is set once app-auth passed.
	app *bindings.DevproofAppAuthCaller
	// kmsRoot is what the KMS publishes (kmsInfo()); nil when it does not.
	kmsRoot *kmsRoot
	// pending are the changes proposed and neither activated nor
	// cancelled; renounced means none of them can take effect.
	pending   []pendingChange
	renounced bool
	delay     time.Duration
}

// chain runs the on-chain checks.
func (a *auditor) chain(ctx context.Context, c *ChainOptions) {
	ctx, cancel := context.WithTimeout(ctx, a.opts.Timeout)
	defer cancel()
	o := &onChain{a: a, opts: c, call: &bind.CallOpts{Context: ctx}}
	if !o.rpc(ctx) {
		for _, n := range ChainCheckNames[1:] {
			a.add(n, Skip, "the chain could not be read (rpc)")
		}
		return
	}
	defer o.cl.Close()
	if id := a.r.Identity.AppID; len(id) == 40 {
		o.appID = common.HexToAddress(id)
	}
	o.appAuth(ctx)
	o.kmsAllowed(ctx)
	o.keyProvider(ctx)
	o.pendingChanges()
	o.owner()
	o.registry(ctx)
	o.markets(ctx)
}

func (o *onChain) add(name string, s Status, format string, args ...any) {
	o.a.add(name, s, format, args...)
}

func (o *onChain) rpc(ctx context.Context) bool {
	cl, err := ethclient.DialContext(ctx, o.opts.RPC)
	if err != nil {
		o.add("rpc", Fail, "%s: %v", o.opts.RPC, err)
		return false
	}
	id, err := cl.ChainID(ctx)
	if err == nil {
		o.head, err = cl.HeaderByNumber(ctx, nil)
	}
	if err != nil {
		cl.Close()
		o.add("rpc", Fail, "%s: %v", o.opts.RPC, err)
		return false
	}
	o.cl = cl
	o.add("rpc", Pass, "%s: chain %s, block %d at %s", o.opts.RPC, id, o.head.Number, o.now().Format(time.RFC3339))
	return true
}

// now is the head block's time.
func (o *onChain) now() time.Time { return time.Unix(int64(o.head.Time), 0).UTC() }

// contract parses a contract address given as flag and requires code at
// it.
func (o *onChain) contract(ctx context.Context, flag, s string) (common.Address, error) {
	if !common.IsHexAddress(s) {
		return common.Address{}, fmt.Errorf("%s %q is not an address", flag, s)
	}
	addr := common.HexToAddress(s)
	code, err := o.cl.CodeAt(ctx, addr, nil)
	if err != nil {
		return addr, fmt.Errorf("reading the code at %s (%s): %w", addr, flag, err)
	}
	if len(code) == 0 {
		return addr, fmt.Errorf("%s %s has no contract code", flag, addr)
	}
	return addr, nil
}

// appAuth: the app id is a DevproofAppAuth as built from src/, so the
// policy the KMS asks is the audited one (the check deploy makes too).
func (o *onChain) appAuth(ctx context.Context) {
	const name = "app-auth"
	if o.appID == (common.Address{}) {
		o.add(name, Skip, "the evidence gave no app id")
		return
	}
	if s := o.opts.AppAuth; s != "" && (!common.IsHexAddress(s) || common.HexToAddress(s) != o.appID) {
		o.add(name, Fail, "--app-auth %s is not the app id %s, the contract dstack's KMS asks", s, o.appID)
		return
	}
	code, err := o.cl.CodeAt(ctx, o.appID, nil)
	if err != nil {
		o.add(name, Fail, "reading the code at %s (the app id): %v", o.appID, err)
		return
	}
	if len(code) == 0 {
		o.add(name, Fail, "%s (the app id) has no contract code", o.appID)
		return
	}
	want, err := contracts.RuntimeCodeHash("DevproofAppAuth")
	if err != nil {
		o.add(name, Fail, "%v", err)
		return
	}
	if got := crypto.Keccak256Hash(code); got != want {
		o.add(name, Fail, "%s (the app id) is not DevproofAppAuth: code hash %s, the built contract's %s", o.appID, got, want)
		return
	}
	app, err := bindings.NewDevproofAppAuthCaller(o.appID, o.cl)
	if err != nil {
		o.add(name, Fail, "%v", err)
		return
	}
	o.app = app
	o.add(name, Pass, "%s (the app id) is DevproofAppAuth as built from deploy/contracts/src (code hash %s)", o.appID, want)
}

// kmsAllowed replays the KMS's decision on the boot info rebuilt from
// quote.json.
func (o *onChain) kmsAllowed(ctx context.Context) {
	const name = "kms-allowed"
	if o.opts.KMS == "" {
		o.add(name, Skip, "no KMS to ask (--kms)")
		return
	}
	kms, err := o.contract(ctx, "--kms", o.opts.KMS)
	if err != nil {
		o.add(name, Fail, "%v", err)
		return
	}
	q := o.quote()
	if q == nil {
		o.add(name, Skip, "quote.json did not verify, so there is no boot info to ask about")
		return
	}
	b, err := bootInfo(o.a.files[evidence.QuoteFile], q)
	if err != nil {
		o.add(name, Fail, "rebuilding the boot info from quote.json: %v", err)
		return
	}
	ok, reason, err := contracts.AppAllowed(ctx, o.cl, kms, b)
	if err != nil {
		if r := contracts.Revert(err); r != "" {
			err = fmt.Errorf("%w (%s)", err, r)
		}
		o.add(name, Fail, "%v", err)
		return
	}
	what := fmt.Sprintf("compose hash %x, OS image %x, TCB status %q", b.ComposeHash, b.OSImageHash, b.TCBStatus)
	if !ok {
		if reason == "Device not allowed" {
			what += fmt.Sprintf("; device %x", b.DeviceID)
		}
		o.add(name, Fail, "KMS %s refuses this instance (%s): %q", kms, what, reason)
		return
	}
	o.add(name, Pass, "KMS %s allows this instance (%s)", kms, what)
}

// quote is quote.json's report when it verified and its event log
// replayed.
func (o *onChain) quote() *attest.Report {
	if o.a.ev == nil {
		return nil
	}
	q := o.a.ev.Quotes[evidence.QuoteFile]
	if q == nil || q.RTMR3Replay != "match" || q.AppID == "" || len(q.Problems) > 0 {
		return nil
	}
	if q.Status != attest.Verified && !(q.Status == attest.Simulated && o.a.opts.AllowSimulated) {
		return nil
	}
	return q
}

// bootInfo rebuilds what dstack's KMS asks the app's contract about this
// instance: the identity from the replayed event log (rep), MRSYSTEM and
// MRAGGREGATED from the quote's measurements, the TCB status as verified.
// The device id is sha256 of the PCK certificate's PPID, as dstack's KMS
// takes it; a simulated quote has none, so it is left zero.
func bootInfo(quoteJSON []byte, rep *attest.Report) (attest.BootInfo, error) {
	var b attest.BootInfo
	ev, err := attest.ParseEvidence(quoteJSON)
	if err != nil {
		return b, err
	}
	q, err := attest.ParseQuote(ev.Quote)
	if err != nil {
		return b, err
	}
	zero := make([]byte, 48)
	if !bytes.Equal(q.MRConfigID, zero) || !bytes.Equal(q.MROwner, zero) {
		// dstack then folds in MRCONFIGID, MROWNER and MROWNERCONFIG.
		return b, errors.New("the quote's MRCONFIGID or MROWNER is set; MRAGGREGATED is rebuilt only without them")
	}
	for _, f := range []struct {
		name, hex string
		dst       []byte
	}{
		{"app id", rep.AppID, b.AppID[:]},
		{"compose hash", rep.ComposeHash, b.ComposeHash[:]},
		{"instance id", rep.InstanceID, b.InstanceID[:]},
		{"OS image hash", rep.OSImageHash, b.OSImageHash[:]},
	} {
		v, err := hex.DecodeString(f.hex)
		if err != nil || len(v) != len(f.dst) {
			return b, fmt.Errorf("the event log's %s %q is not %d bytes of hex", f.name, f.hex, len(f.dst))
		}
		copy(f.dst, v)
	}
	sys := sha256.New()
	agg := sha256.New()
	for _, m := range [][]byte{q.MRTD, q.RTMR[0], q.RTMR[1], q.RTMR[2]} {
		sys.Write(m)
		agg.Write(m)
	}
	agg.Write(q.RTMR[3])
	copy(b.MRSystem[:], sys.Sum(nil))
	copy(b.MRAggregated[:], agg.Sum(nil))
	b.TCBStatus = rep.TCB
	if rep.Status == attest.Verified {
		if b.DeviceID, err = attest.DeviceID(ev.Quote); err != nil {
			return b, fmt.Errorf("device id: %w", err)
		}
	}
	return b, nil
}

// keyProvider compares the event log's key provider with the root key the
// KMS publishes, when it publishes one.
func (o *onChain) keyProvider(ctx context.Context) {
	const name = "key-provider"
	if o.opts.KMS == "" {
		o.add(name, Skip, "no KMS to ask (--kms)")
		return
	}
	var kp struct{ Name, ID string }
	if s := o.a.r.Identity.KeyProvider; s == "" {
		o.add(name, Skip, "the event log names no key provider")
		return
	} else if err := json.Unmarshal([]byte(s), &kp); err != nil {
		o.add(name, Fail, "the event log's key provider %q is not JSON: %v", s, err)
		return
	}
	if kp.Name != "kms" {
		o.add(name, Fail, "the event log's key provider is %q, not a KMS", kp.Name)
		return
	}
	kms, err := o.contract(ctx, "--kms", o.opts.KMS)
	if err != nil {
		o.add(name, Fail, "%v", err)
		return
	}
	root, err := readKMSRoot(ctx, o.cl, kms)
	if err != nil {
		o.add(name, Fail, "KMS %s: kmsInfo(): %v", kms, err)
		return
	}
	if root == nil {
		o.add(name, Skip, "KMS %s publishes no root key (kmsInfo() absent or empty), so key provider %s is not compared", kms, short(kp.ID))
		return
	}
	o.kmsRoot = root
	if !strings.EqualFold(kp.ID, hex.EncodeToString(root.CA)) {
		o.add(name, Fail, "the event log's key provider id %s is not KMS %s's root key %s", short(kp.ID), kms, short(hex.EncodeToString(root.CA)))
		return
	}
	o.add(name, Pass, "the event log's key provider is KMS %s's root key %s", kms, short(kp.ID))
}

// kmsRoot is the part of DstackKms's kmsInfo() that names its keys: the
// secp256k1 root that signs app keys and the CA key (DER SPKI) that the
// key-provider event names.
type kmsRoot struct{ K256, CA []byte }

var kmsInfoOutputs = func() abi.Arguments {
	t, _ := abi.NewType("bytes", "", nil)
	return abi.Arguments{{Type: t}, {Type: t}, {Type: t}, {Type: t}}
}()

// readKMSRoot calls kmsInfo() (k256Pubkey, caPubkey, quote, eventlog); it
// returns nil when the contract reverts, as one without that getter does,
// or when it has published no key yet.
func readKMSRoot(ctx context.Context, cl *ethclient.Client, kms common.Address) (*kmsRoot, error) {
	out, err := cl.CallContract(ctx, ethereum.CallMsg{To: &kms, Data: crypto.Keccak256([]byte("kmsInfo()"))[:4]}, nil)
	if err != nil {
		if strings.Contains(err.Error(), "execution reverted") {
			return nil, nil
		}
		return nil, err
	}
	v, err := kmsInfoOutputs.Unpack(out)
	if err != nil {
		return nil, fmt.Errorf("answer does not decode as (bytes, bytes, bytes, bytes): %w", err)
	}
	r := &kmsRoot{K256: v[0].([]byte), CA: v[1].([]byte)}
	if len(r.K256) == 0 && len(r.CA) == 0 {
		return nil, nil // a KMS whose info was never set publishes nothing
	}
	return r, nil
}

func short(h string) string {
	if len(h) > 24 {
		return h[:12] + "…" + h[len(h)-8:]
	}
	return h
}

// pendingChange is a DevproofAppAuth change proposed and neither
// activated nor cancelled.
type pendingChange struct {
	ID        int64
	Kind      uint8
	Value     [32]byte
	Effective time.Time
}

// kindNames are DevproofAppAuth.Kind's values; every kind loosens.
var kindNames = []string{"allow compose hash", "allow device", "allow any device", "drop the TCB requirement", "transfer ownership"}

func (c pendingChange) String() string {
	kind := fmt.Sprintf("kind %d", c.Kind)
	if int(c.Kind) < len(kindNames) {
		kind = kindNames[c.Kind]
	}
	switch c.Kind {
	case 0, 1:
		kind += fmt.Sprintf(" %x", c.Value)
	case 4:
		kind += " to " + common.BytesToAddress(c.Value[12:]).Hex()
	}
	return fmt.Sprintf("#%d %s, effective %s", c.ID, kind, c.Effective.Format(time.RFC3339))
}

// pendingChanges lists every pending change: all of DevproofAppAuth's
// changes loosen the policy, so any that can still take effect fails.
func (o *onChain) pendingChanges() {
	const name = "pending-changes"
	if o.app == nil {
		o.add(name, Skip, "the app id is not a DevproofAppAuth (app-auth)")
		return
	}
	delay, err := o.app.Delay(o.call)
	if err != nil {
		o.add(name, Fail, "delay(): %v", err)
		return
	}
	o.delay = time.Duration(delay) * time.Second
	if o.renounced, err = o.app.Renounced(o.call); err != nil {
		o.add(name, Fail, "renounced(): %v", err)
		return
	}
	n, err := o.app.ChangeCount(o.call)
	if err != nil {
		o.add(name, Fail, "changeCount(): %v", err)
		return
	}
	var lines []string
	for i := int64(0); i < n.Int64(); i++ {
		c, err := o.app.Change(o.call, big.NewInt(i))
		if err != nil {
			o.add(name, Fail, "change(%d): %v", i, err)
			return
		}
		if c.ActivatedAt != 0 || c.Cancelled {
			continue
		}
		p := pendingChange{ID: i, Kind: c.Kind, Value: c.Value, Effective: time.Unix(int64(c.EffectiveAt), 0).UTC()}
		o.pending = append(o.pending, p)
		line := p.String()
		if !p.Effective.After(o.now()) {
			line += " (anyone can activate it now)"
		}
		lines = append(lines, line)
	}
	switch {
	case len(lines) == 0:
		o.add(name, Pass, "pending period %s; no change pending (%d proposed, each activated or cancelled)", o.delay, n)
	case o.renounced:
		o.add(name, Pass, "pending period %s; ownership renounced, so none of the %d changes left pending can take effect", o.delay, len(lines))
	default:
		o.add(name, Fail, "pending period %s; loosening change pending: %s", o.delay, strings.Join(lines, "; "))
	}
}

func (o *onChain) owner() {
	const name = "owner"
	if o.app == nil {
		o.add(name, Skip, "the app id is not a DevproofAppAuth (app-auth)")
		return
	}
	if o.renounced {
		o.add(name, Pass, "renounced: the policy can never loosen again")
		return
	}
	owner, err := o.app.Owner(o.call)
	if err != nil {
		o.add(name, Fail, "owner(): %v", err)
		return
	}
	o.add(name, Pass, "%s may propose loosening changes, each public for %s before it can take effect", owner, o.delay)
}

// registry: the NotaryRegistry is for this app and its contract, and the
// manifest's notary signer, if any, is registered (its key chain recovered
// to the registry's KMS root).
func (o *onChain) registry(ctx context.Context) {
	const name = "registry"
	if o.opts.Registry == "" {
		o.add(name, Skip, "no NotaryRegistry to read (--registry)")
		return
	}
	addr, err := o.contract(ctx, "--registry", o.opts.Registry)
	if err != nil {
		o.add(name, Fail, "%v", err)
		return
	}
	if o.appID == (common.Address{}) {
		o.add(name, Skip, "the evidence gave no app id")
		return
	}
	reg, err := bindings.NewNotaryRegistryCaller(addr, o.cl)
	if err != nil {
		o.add(name, Fail, "%v", err)
		return
	}
	appID, err := reg.AppId(o.call)
	if err != nil {
		o.add(name, Fail, "NotaryRegistry %s: appId(): %v", addr, err)
		return
	}
	if common.Address(appID) != o.appID {
		o.add(name, Fail, "NotaryRegistry %s is for app %s, the evidence's app id is %s", addr, common.Address(appID), o.appID)
		return
	}
	root, err := reg.KmsRoot(o.call)
	if err != nil {
		o.add(name, Fail, "NotaryRegistry %s: kmsRoot(): %v", addr, err)
		return
	}
	rootNote := "not compared: the KMS publishes no root key"
	if o.kmsRoot != nil {
		pub, err := crypto.UnmarshalPubkey(o.kmsRoot.K256)
		if err != nil {
			pub, err = crypto.DecompressPubkey(o.kmsRoot.K256)
		}
		if err != nil {
			o.add(name, Fail, "the KMS's k256 root key %x does not parse: %v", o.kmsRoot.K256, err)
			return
		}
		if k := crypto.PubkeyToAddress(*pub); k != root {
			o.add(name, Fail, "NotaryRegistry %s trusts KMS root %s, the KMS publishes %s", addr, root, k)
			return
		}
		rootNote = "the KMS's published root"
	}
	signer := "the manifest names no notary signer"
	if m := o.a.ev.Manifest; m != nil && m.NotarySigner != "" {
		if !common.IsHexAddress(m.NotarySigner) {
			o.add(name, Fail, "manifest.json's notary_signer %q is not an address", m.NotarySigner)
			return
		}
		ok, err := reg.IsSigner(o.call, common.HexToAddress(m.NotarySigner))
		if err != nil {
			o.add(name, Fail, "NotaryRegistry %s: isSigner(): %v", addr, err)
			return
		}
		if !ok {
			o.add(name, Fail, "manifest.json's notary signer %s is not registered in NotaryRegistry %s", m.NotarySigner, addr)
			return
		}
		signer = "notary signer " + m.NotarySigner + " registered"
	}
	o.add(name, Pass, "NotaryRegistry %s is for app %s, KMS root %s (%s); %s", addr, o.appID, root, rootNote, signer)
}

// PredictionMarket.status values.
const (
	marketBetting   = 1
	marketObserving = 2
)

// markets lists open markets a pending change could void: once a change
// takes effect, PredictionMarket takes no statement for a market created
// before it, so one still without an observation ends void.
func (o *onChain) markets(ctx context.Context) {
	const name = "markets"
	if o.opts.Market == "" {
		o.add(name, Skip, "no PredictionMarket to read (--market)")
		return
	}
	addr, err := o.contract(ctx, "--market", o.opts.Market)
	if err != nil {
		o.add(name, Fail, "%v", err)
		return
	}
	if o.app == nil {
		o.add(name, Skip, "the app id is not a DevproofAppAuth (app-auth)")
		return
	}
	pm, err := bindings.NewPredictionMarketCaller(addr, o.cl)
	if err != nil {
		o.add(name, Fail, "%v", err)
		return
	}
	if a, err := pm.AppAuth(o.call); err != nil {
		o.add(name, Fail, "PredictionMarket %s: appAuth(): %v", addr, err)
		return
	} else if a != o.appID {
		o.add(name, Fail, "PredictionMarket %s follows the policy at %s, not the app id %s", addr, a, o.appID)
		return
	}
	if o.opts.Registry != "" {
		if r, err := pm.Registry(o.call); err != nil || !common.IsHexAddress(o.opts.Registry) || r != common.HexToAddress(o.opts.Registry) {
			o.add(name, Fail, "PredictionMarket %s takes signers from registry %s (%v), not --registry %s", addr, r, err, o.opts.Registry)
			return
		}
	}
	f, err := bindings.NewPredictionMarketFilterer(addr, o.cl)
	if err != nil {
		o.add(name, Fail, "%v", err)
		return
	}
	it, err := f.FilterCreated(&bind.FilterOpts{Context: ctx}, nil)
	if err != nil {
		o.add(name, Fail, "PredictionMarket %s: Created events: %v", addr, err)
		return
	}
	defer it.Close()
	var total, open int
	var doomed []string
	for it.Next() {
		total++
		id := it.Event.Id
		st, err := pm.Status(o.call, id)
		if err != nil {
			o.add(name, Fail, "PredictionMarket %s: status(%x): %v", addr, id, err)
			return
		}
		if st != marketBetting && st != marketObserving {
			continue
		}
		open++
		why, err := o.voids(pm, id)
		if err != nil {
			o.add(name, Fail, "PredictionMarket %s: market %x: %v", addr, id, err)
			return
		}
		if why != "" {
			doomed = append(doomed, fmt.Sprintf("market %x %s", id, why))
		}
	}
	if err := it.Error(); err != nil {
		o.add(name, Fail, "PredictionMarket %s: Created events: %v", addr, err)
		return
	}
	if len(doomed) > 0 {
		o.add(name, Fail, "%d of %d open markets would be void: %s", len(doomed), open, strings.Join(doomed, "; "))
		return
	}
	o.add(name, Pass, "PredictionMarket %s: %d markets, %d open, none a policy change can void", addr, total, open)
}

// voids says why an open market would end void, or "".
func (o *onChain) voids(pm *bindings.PredictionMarketCaller, id [32]byte) (string, error) {
	m, err := pm.Markets(o.call, id)
	if err != nil {
		return "", err
	}
	if m.ObservedAt != 0 {
		return "", nil // an earlier observation stands
	}
	closes, err := pm.ClosesAt(o.call, id)
	if err != nil {
		return "", err
	}
	loosened, err := o.app.LoosenedBetween(o.call, m.CreatedAt, o.head.Time)
	if err != nil {
		return "", err
	}
	at := time.Unix(int64(closes), 0).UTC().Format(time.RFC3339)
	if loosened {
		return "(closes " + at + "): the policy loosened since it opened", nil
	}
	if o.renounced {
		return "", nil
	}
	var by []string
	for _, c := range o.pending {
		if uint64(c.Effective.Unix()) <= closes {
			by = append(by, c.String())
		}
	}
	if len(by) == 0 {
		return "", nil
	}
	return "(closes " + at + ") if pending change " + strings.Join(by, ", ") + " is activated", nil
}
