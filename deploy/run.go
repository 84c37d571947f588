package deploy

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/devproof/devproof/deploy/contracts"
	"github.com/devproof/devproof/deploy/contracts/bindings"
)

// Run puts on chain what cfg asks for, one confirmed transaction at a
// time, and reports what exists afterwards.
//
// Every input that can be checked is checked before the first
// transaction: the node and its chain id, that each address given holds
// the contract it should, the signer's app id and KMS root, the owner for
// a proposal. Steps already done on chain (an app already registered, a
// compose hash already allowed or pending, a signer already registered)
// are skipped, so a run can be repeated. When a step fails after a
// transaction went out, the returned report, next to the error, says what
// exists at which address, which step failed, and the flags that resume.
// The report is nil when the configuration is refused or the node cannot
// be used.
func Run(ctx context.Context, cfg Config) (*Report, error) {
	if err := cfg.check(); err != nil {
		return nil, err
	}
	r := &run{cfg: cfg, from: crypto.PubkeyToAddress(cfg.Key.PublicKey)}
	r.rep = &Report{RPC: redactURL(cfg.RPC), Deployer: r.from, Steps: []Step{}}
	if err := r.connect(ctx); err != nil {
		return nil, err
	}
	defer r.client.Close()
	if err := r.plan(ctx); err != nil {
		return r.rep, err
	}
	err := r.execute(ctx)
	if ierr := r.inspect(ctx); ierr != nil {
		if err == nil {
			r.rep.Failed = "reading the contracts back"
		}
		err = errors.Join(err, fmt.Errorf("reading the contracts back: %w", ierr))
	}
	if err != nil {
		r.rep.Error = err.Error()
		if r.deployedApp {
			r.rep.Resume = append(r.rep.Resume, "--app-auth "+r.appAuth.Hex())
		}
		if r.deployedRegistry {
			r.rep.Resume = append(r.rep.Resume, "--registry "+r.registry.Hex())
		}
	}
	return r.rep, err
}

// run is one Run's state.
type run struct {
	cfg     Config
	client  *ethclient.Client
	chainID *big.Int
	from    common.Address
	rep     *Report

	appAuth     common.Address // given, or where the new one will be
	appDelay    uint64
	owner       common.Address
	deployedApp bool

	signer     *common.Address
	signerApp  common.Address
	signerArgs *contracts.RegisterArgs
	kmsRoot    common.Address

	registry         common.Address
	deployedRegistry bool
	market           common.Address
}

func (r *run) call(ctx context.Context) *bind.CallOpts { return &bind.CallOpts{Context: ctx} }

func (r *run) connect(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, r.cfg.timeout())
	defer cancel()
	c, err := ethclient.DialContext(ctx, r.cfg.RPC)
	if err != nil {
		return fmt.Errorf("RPC %s is not reachable: %w", r.rep.RPC, dialError(err))
	}
	id, err := c.ChainID(ctx)
	if err != nil {
		c.Close()
		return fmt.Errorf("RPC %s is not reachable: %w", r.rep.RPC, dialError(err))
	}
	if r.cfg.ChainID != 0 && (!id.IsUint64() || id.Uint64() != r.cfg.ChainID) {
		c.Close()
		return fmt.Errorf("RPC %s serves chain %s, expected %d (--chain-id)", r.rep.RPC, id, r.cfg.ChainID)
	}
	r.client, r.chainID, r.rep.ChainID = c, id, id.Uint64()
	return nil
}

// plan checks every input against the chain before anything is sent.
func (r *run) plan(ctx context.Context) error {
	if a := r.cfg.AppAuth; a != (common.Address{}) {
		if err := r.isAppAuth(ctx, "--app-auth", a); err != nil {
			return err
		}
		app, err := bindings.NewDevproofAppAuthCaller(a, r.client)
		if err != nil {
			return err
		}
		if r.owner, err = app.Owner(r.call(ctx)); err != nil {
			return fmt.Errorf("--app-auth %s: owner(): %w", a.Hex(), err)
		}
		if r.appDelay, err = app.Delay(r.call(ctx)); err != nil {
			return fmt.Errorf("--app-auth %s: delay(): %w", a.Hex(), err)
		}
		r.appAuth = a
	} else {
		p := r.cfg.NewApp
		r.owner = p.Owner
		if r.owner == (common.Address{}) {
			r.owner = r.from
		}
		r.appDelay = uint64(p.Delay / time.Second)
		nonce, err := r.client.PendingNonceAt(ctx, r.from)
		if err != nil {
			return fmt.Errorf("the deployer's nonce: %w", err)
		}
		r.appAuth = crypto.CreateAddress(r.from, nonce)
		if len(r.cfg.Activate) > 0 {
			return errors.New("--activate: a new DevproofAppAuth has no changes yet; activate with --app-auth once a change's delay is over")
		}
	}
	if r.cfg.ComposeHash != (common.Hash{}) {
		switch {
		case r.owner == (common.Address{}):
			return fmt.Errorf("--compose-hash: the DevproofAppAuth %s is renounced: nobody can propose a compose hash", r.appAuth.Hex())
		case r.owner != r.from:
			return fmt.Errorf("--compose-hash: only the DevproofAppAuth's owner %s can propose, and the deployer is %s", r.owner.Hex(), r.from.Hex())
		}
	}
	if k := r.cfg.KMS; k != (common.Address{}) {
		if err := r.hasCode(ctx, "--kms", k); err != nil {
			return err
		}
	}
	if r.cfg.wantsRegistry() {
		return r.planRegistry(ctx)
	}
	return nil
}

func (r *run) planRegistry(ctx context.Context) error {
	if s := r.cfg.Signer; s != nil {
		sg, err := checkSigner(s)
		if err != nil {
			return fmt.Errorf("--signer: %w", err)
		}
		r.signer, r.signerApp, r.signerArgs = &s.Address, sg.appID, sg.args
		if err := r.signerIsApps(); err != nil {
			return err
		}
		if k := r.cfg.KMSRoot; k != (common.Address{}) && k != sg.kmsRoot {
			return fmt.Errorf("--kms-root %s, but the signer's key chain ends at KMS root %s", k.Hex(), sg.kmsRoot.Hex())
		}
		r.kmsRoot = sg.kmsRoot
	} else {
		r.kmsRoot = r.cfg.KMSRoot
	}
	if g := r.cfg.Registry; g != (common.Address{}) {
		st, err := r.readRegistry(ctx, "--registry", g)
		if err != nil {
			return err
		}
		if st.AppAuth != r.appAuth {
			return fmt.Errorf("--registry %s is for app %s, not %s", g.Hex(), st.AppAuth.Hex(), r.appAuth.Hex())
		}
		if r.kmsRoot != (common.Address{}) && st.KMSRoot != r.kmsRoot {
			return fmt.Errorf("--registry %s trusts KMS root %s, but the signer or --kms-root names %s", g.Hex(), st.KMSRoot.Hex(), r.kmsRoot.Hex())
		}
		if st.CodeHash != st.ExpectedCodeHash {
			return fmt.Errorf("--registry %s is not this release's NotaryRegistry for app %s, KMS root %s and min delay %d s: its code hash is %s, expected %s",
				g.Hex(), st.AppAuth.Hex(), st.KMSRoot.Hex(), st.MinDelaySeconds, st.CodeHash, st.ExpectedCodeHash)
		}
		r.registry, r.kmsRoot = g, st.KMSRoot
		return nil
	}
	if r.kmsRoot == (common.Address{}) {
		return errors.New("a new NotaryRegistry needs the dstack KMS root it trusts: give --signer (its key chain names it) or --kms-root")
	}
	if minDelay := uint64(r.cfg.MinDelay / time.Second); minDelay > r.appDelay {
		return fmt.Errorf("--min-delay %s is longer than the app's delay %s: the registry would refuse the app (DelayTooShort)", r.cfg.MinDelay, seconds(r.appDelay))
	}
	return nil
}

// signerIsApps requires the signer to belong to the app: its key chain
// names the app id it was issued for.
func (r *run) signerIsApps() error {
	if r.signer == nil || r.signerApp == r.appAuth {
		return nil
	}
	if r.cfg.NewApp != nil && !r.deployedApp {
		return fmt.Errorf("--signer: its app_id %s is not %s, the app id the new DevproofAppAuth will have: deploy the DevproofAppAuth first, start the notary under its address, then run again with --app-auth", r.signerApp.Hex(), r.appAuth.Hex())
	}
	return fmt.Errorf("--signer: its app_id %s is not the app id %s: it is another app's signer", r.signerApp.Hex(), r.appAuth.Hex())
}

// execute sends what the plan calls for, in order.
func (r *run) execute(ctx context.Context) error {
	if err := r.appAuthStep(ctx); err != nil {
		return err
	}
	app, err := bindings.NewDevproofAppAuth(r.appAuth, r.client)
	if err != nil {
		return err
	}
	if r.cfg.KMS != (common.Address{}) {
		if err := r.kmsStep(ctx); err != nil {
			return err
		}
	}
	for _, id := range r.cfg.Activate {
		if err := r.activateStep(ctx, app, id); err != nil {
			return err
		}
	}
	if r.cfg.ComposeHash != (common.Hash{}) {
		if err := r.proposeStep(ctx, app); err != nil {
			return err
		}
	}
	if !r.cfg.wantsRegistry() {
		return nil
	}
	if err := r.registryStep(ctx); err != nil {
		return err
	}
	if r.signer != nil {
		if err := r.signerStep(ctx); err != nil {
			return err
		}
	}
	if r.cfg.Market {
		return r.marketStep(ctx)
	}
	return nil
}

func (r *run) appAuthStep(ctx context.Context) error {
	if r.cfg.NewApp == nil {
		r.step(Step{Name: "attach DevproofAppAuth", Status: Checked, Address: ptr(r.appAuth), Detail: "its code hash is this release's DevproofAppAuth's"})
		return nil
	}
	p := r.cfg.NewApp
	rc, err := r.send(ctx, "deploy DevproofAppAuth", func(o *bind.TransactOpts) (*types.Transaction, error) {
		_, tx, _, err := bindings.DeployDevproofAppAuth(o, r.client, r.owner, r.appDelay, p.RequireTCBUpToDate, p.AllowAnyDevice, p.Device, [32]byte{})
		return tx, err
	})
	if err != nil {
		return err
	}
	r.appAuth, r.deployedApp = rc.ContractAddress, true
	return nil
}

func (r *run) kmsStep(ctx context.Context) error {
	k := r.cfg.KMS
	name := "register the app with the KMS " + k.Hex()
	kms, err := bindings.NewDevKms(k, r.client) // DstackKms has the same registerApp and registeredApps
	if err != nil {
		return err
	}
	// A KMS that cannot answer is asked to register anyway: registerApp's
	// own answer is the one that counts.
	if ok, err := kms.RegisteredApps(r.call(ctx), r.appAuth); err == nil && ok {
		r.step(Step{Name: name, Status: Skipped, Detail: "already registered"})
		return nil
	}
	_, err = r.send(ctx, name, func(o *bind.TransactOpts) (*types.Transaction, error) {
		return kms.RegisterApp(o, r.appAuth)
	})
	return err
}

func (r *run) activateStep(ctx context.Context, app *bindings.DevproofAppAuth, id uint64) error {
	name := fmt.Sprintf("activate change %d", id)
	_, err := r.send(ctx, name, func(o *bind.TransactOpts) (*types.Transaction, error) {
		return app.Activate(o, new(big.Int).SetUint64(id))
	})
	if err == nil || !strings.Contains(err.Error(), "NotYetEffective") {
		return err
	}
	ch, cerr := app.Change(r.call(ctx), new(big.Int).SetUint64(id))
	head, herr := r.client.HeaderByNumber(ctx, nil)
	if cerr != nil || herr != nil {
		return err
	}
	when := fmt.Sprintf("it takes effect at %s, and the chain's time is %s", utc(unix(ch.EffectiveAt)), utc(unix(head.Time)))
	st := &r.rep.Steps[len(r.rep.Steps)-1]
	st.Detail += ": " + when
	return fmt.Errorf("%w: %s", err, when)
}

func (r *run) proposeStep(ctx context.Context, app *bindings.DevproofAppAuth) error {
	h := r.cfg.ComposeHash
	name := "propose compose hash " + h.Hex()
	allowed, err := app.AllowedComposeHashes(r.call(ctx), h)
	if err != nil {
		return r.failWithout(name, fmt.Errorf("allowedComposeHashes(%s): %w", h.Hex(), hideURL(err)))
	}
	if allowed {
		r.step(Step{Name: name, Status: Skipped, Detail: "already allowed"})
		return nil
	}
	pending, err := r.pending(ctx, app)
	if err != nil {
		return r.failWithout(name, err)
	}
	for _, c := range pending {
		if c.Kind == kindComposeHash && c.Value == h {
			r.step(Step{Name: name, Status: Skipped, Detail: fmt.Sprintf("already pending as change %d, takes effect at %s", c.ID, utc(c.EffectiveAt))})
			return nil
		}
	}
	rc, err := r.send(ctx, name, func(o *bind.TransactOpts) (*types.Transaction, error) {
		return app.ProposeComposeHash(o, h)
	})
	if err != nil {
		return err
	}
	for _, l := range rc.Logs {
		if ev, err := app.ParseChangeProposed(*l); err == nil && l.Address == r.appAuth {
			r.rep.Steps[len(r.rep.Steps)-1].Detail = fmt.Sprintf("change %s, takes effect at %s (the delay, %s, after this block)", ev.Id, utc(unix(ev.EffectiveAt)), seconds(r.appDelay))
		}
	}
	return nil
}

func (r *run) registryStep(ctx context.Context) error {
	if r.registry != (common.Address{}) {
		r.step(Step{Name: "attach NotaryRegistry", Status: Checked, Address: ptr(r.registry), Detail: "its code is this release's NotaryRegistry for this app, KMS root and min delay"})
		return nil
	}
	if err := r.signerIsApps(); err != nil {
		return r.failWithout("deploy NotaryRegistry", err)
	}
	minDelay := uint64(r.cfg.MinDelay / time.Second)
	rc, err := r.send(ctx, "deploy NotaryRegistry", func(o *bind.TransactOpts) (*types.Transaction, error) {
		_, tx, _, err := bindings.DeployNotaryRegistry(o, r.client, r.appAuth, r.kmsRoot, minDelay)
		return tx, err
	})
	if err != nil {
		return err
	}
	r.registry, r.deployedRegistry = rc.ContractAddress, true
	return nil
}

func (r *run) signerStep(ctx context.Context) error {
	name := "register notary signer " + r.signer.Hex()
	reg, err := bindings.NewNotaryRegistry(r.registry, r.client)
	if err != nil {
		return err
	}
	ok, err := reg.IsSigner(r.call(ctx), *r.signer)
	if err != nil {
		return r.failWithout(name, fmt.Errorf("isSigner(%s): %w", r.signer.Hex(), hideURL(err)))
	}
	if ok {
		r.step(Step{Name: name, Status: Skipped, Detail: "already registered"})
		return nil
	}
	a := r.signerArgs
	_, err = r.send(ctx, name, func(o *bind.TransactOpts) (*types.Transaction, error) {
		return reg.Register(o, a.SignerKey, a.AppKey, a.AppSignature, a.KMSSignature)
	})
	return err
}

func (r *run) marketStep(ctx context.Context) error {
	rc, err := r.send(ctx, "deploy PredictionMarket", func(o *bind.TransactOpts) (*types.Transaction, error) {
		_, tx, _, err := bindings.DeployPredictionMarket(o, r.client, r.registry, uint64(r.cfg.challenge()/time.Second))
		return tx, err
	})
	if err != nil {
		return err
	}
	r.market = rc.ContractAddress
	return nil
}

func (r *run) step(s Step) { r.rep.Steps = append(r.rep.Steps, s) }

// failWithout records a step that failed before its transaction was sent.
func (r *run) failWithout(name string, err error) error {
	r.step(Step{Name: name, Status: Failed, Detail: err.Error()})
	r.rep.Failed = name
	return fmt.Errorf("%s: %w", name, err)
}

// inspect reads back what exists, for the report.
func (r *run) inspect(ctx context.Context) error {
	head, err := r.client.HeaderByNumber(ctx, nil)
	if err != nil {
		return err
	}
	r.rep.ChainTime = unix(head.Time)
	defer func() { r.rep.Check = r.rep.checks() }()
	if code, err := r.client.CodeAt(ctx, r.appAuth, nil); err != nil || len(code) == 0 {
		return err // a new AppAuth that never got deployed: nothing to read
	}
	app, err := bindings.NewDevproofAppAuthCaller(r.appAuth, r.client)
	if err != nil {
		return err
	}
	if r.rep.AppAuth, err = r.readAppAuth(ctx, app); err != nil {
		return err
	}
	if h := r.cfg.ComposeHash; h != (common.Hash{}) {
		c := &ComposeState{Hash: h}
		if c.Allowed, err = app.AllowedComposeHashes(r.call(ctx), h); err != nil {
			return err
		}
		for _, p := range r.rep.AppAuth.Pending {
			if p.Kind == kindComposeHash && p.Value == h {
				c.Pending = &p
			}
		}
		r.rep.Compose = c
	}
	if k := r.cfg.KMS; k != (common.Address{}) {
		r.rep.KMS = &KMSState{Address: k}
		if kms, err := bindings.NewDevKmsCaller(k, r.client); err == nil {
			r.rep.KMS.AppRegistered, _ = kms.RegisteredApps(r.call(ctx), r.appAuth)
		}
	}
	if r.registry != (common.Address{}) {
		if r.rep.Registry, err = r.readRegistry(ctx, "NotaryRegistry", r.registry); err != nil {
			return err
		}
		if r.signer != nil {
			r.rep.Registry.Signer = r.signer
			reg, err := bindings.NewNotaryRegistryCaller(r.registry, r.client)
			if err != nil {
				return err
			}
			if r.rep.Registry.SignerRegistered, err = reg.IsSigner(r.call(ctx), *r.signer); err != nil {
				return err
			}
		}
	}
	if r.market != (common.Address{}) {
		if r.rep.Market, err = r.readMarket(ctx, r.market); err != nil {
			return err
		}
	}
	return nil
}

// kindNames are DevproofAppAuth.Kind's values, by index.
var kindNames = []string{kindComposeHash, "device", "allow-any-device", "drop-tcb-requirement", "owner"}

const kindComposeHash = "compose-hash"

func (r *run) readAppAuth(ctx context.Context, app *bindings.DevproofAppAuthCaller) (*AppAuthState, error) {
	st := &AppAuthState{Address: r.appAuth}
	var err error
	if st.ReleaseCodeHash, err = contracts.RuntimeCodeHash("DevproofAppAuth"); err != nil {
		return nil, err
	}
	if st.CodeHash, err = r.codeHash(ctx, r.appAuth); err != nil {
		return nil, err
	}
	o := r.call(ctx)
	if st.Owner, err = app.Owner(o); err != nil {
		return nil, err
	}
	if st.Renounced, err = app.Renounced(o); err != nil {
		return nil, err
	}
	if st.DelaySeconds, err = app.Delay(o); err != nil {
		return nil, err
	}
	if st.RequireTCBUpToDate, err = app.RequireTcbUpToDate(o); err != nil {
		return nil, err
	}
	if st.AllowAnyDevice, err = app.AllowAnyDevice(o); err != nil {
		return nil, err
	}
	st.Pending, err = r.pending(ctx, app)
	return st, err
}

// changeReader is what pending needs of a DevproofAppAuth binding.
type changeReader interface {
	ChangeCount(*bind.CallOpts) (*big.Int, error)
	Change(*bind.CallOpts, *big.Int) (bindings.DevproofAppAuthChange, error)
}

// pending lists the changes neither activated nor cancelled.
func (r *run) pending(ctx context.Context, app changeReader) ([]Change, error) {
	n, err := app.ChangeCount(r.call(ctx))
	if err != nil {
		return nil, fmt.Errorf("changeCount(): %w", err)
	}
	out := []Change{}
	for i := uint64(0); i < n.Uint64(); i++ {
		c, err := app.Change(r.call(ctx), new(big.Int).SetUint64(i))
		if err != nil {
			return nil, fmt.Errorf("change(%d): %w", i, err)
		}
		if c.ActivatedAt != 0 || c.Cancelled {
			continue
		}
		kind := fmt.Sprintf("kind %d", c.Kind)
		if int(c.Kind) < len(kindNames) {
			kind = kindNames[c.Kind]
		}
		out = append(out, Change{ID: i, Kind: kind, Value: c.Value, ProposedAt: unix(c.ProposedAt), EffectiveAt: unix(c.EffectiveAt)})
	}
	return out, nil
}

func (r *run) readRegistry(ctx context.Context, what string, addr common.Address) (*RegistryState, error) {
	if err := r.hasCode(ctx, what, addr); err != nil {
		return nil, err
	}
	reg, err := bindings.NewNotaryRegistryCaller(addr, r.client)
	if err != nil {
		return nil, err
	}
	st := &RegistryState{Address: addr}
	o := r.call(ctx)
	if st.AppAuth, err = reg.AppAuth(o); err != nil {
		return nil, fmt.Errorf("%s %s is not a NotaryRegistry: appAuth(): %w", what, addr.Hex(), err)
	}
	if st.KMSRoot, err = reg.KmsRoot(o); err != nil {
		return nil, fmt.Errorf("%s %s is not a NotaryRegistry: kmsRoot(): %w", what, addr.Hex(), err)
	}
	if st.MinDelaySeconds, err = reg.MinDelay(o); err != nil {
		return nil, fmt.Errorf("%s %s is not a NotaryRegistry: minDelay(): %w", what, addr.Hex(), err)
	}
	if st.CodeHash, err = r.codeHash(ctx, addr); err != nil {
		return nil, err
	}
	st.ExpectedCodeHash, err = r.builtCodeHash(ctx, bindings.NotaryRegistryMetaData, st.AppAuth, st.KMSRoot, st.MinDelaySeconds)
	if err != nil {
		return nil, fmt.Errorf("%s %s: building NotaryRegistry(%s, %s, %d) to compare: %w", what, addr.Hex(), st.AppAuth.Hex(), st.KMSRoot.Hex(), st.MinDelaySeconds, err)
	}
	return st, nil
}

func (r *run) readMarket(ctx context.Context, addr common.Address) (*MarketState, error) {
	m, err := bindings.NewPredictionMarketCaller(addr, r.client)
	if err != nil {
		return nil, err
	}
	st := &MarketState{Address: addr}
	if st.Registry, err = m.Registry(r.call(ctx)); err != nil {
		return nil, fmt.Errorf("PredictionMarket %s: registry(): %w", addr.Hex(), err)
	}
	if st.AppAuth, err = m.AppAuth(r.call(ctx)); err != nil {
		return nil, fmt.Errorf("PredictionMarket %s: appAuth(): %w", addr.Hex(), err)
	}
	challenge, err := m.ChallengePeriod(r.call(ctx))
	if err != nil {
		return nil, fmt.Errorf("PredictionMarket %s: challengePeriod(): %w", addr.Hex(), err)
	}
	st.ChallengePeriod = seconds(challenge)
	if st.CodeHash, err = r.codeHash(ctx, addr); err != nil {
		return nil, err
	}
	if st.ExpectedCodeHash, err = r.builtCodeHash(ctx, bindings.PredictionMarketMetaData, st.Registry, challenge); err != nil {
		return nil, fmt.Errorf("PredictionMarket %s: building PredictionMarket(%s) to compare: %w", addr.Hex(), st.Registry.Hex(), err)
	}
	return st, nil
}

func ptr[T any](v T) *T { return &v }

func unix(s uint64) time.Time { return time.Unix(int64(s), 0).UTC() }
