package contracts_test

import (
	"context"
	"errors"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/params"

	"github.com/devproof/devproof/deploy/contracts"
	"github.com/devproof/devproof/deploy/contracts/bindings"
	"github.com/devproof/devproof/internal/attest"
	"github.com/devproof/devproof/internal/teesim"
	"github.com/devproof/devproof/notary"
)

// The developer plays the attacker. They own the app's DevproofAppAuth, run
// every instance and choose when the notary's statements reach the chain;
// they do not hold the KMS or the TEE's keys. With a market open they
// propose new notary code that signs whatever they like. dstack derives
// the notary key from the app key alone, so that code gets the very same
// signer. It never settles the market: before the change takes effect the
// KMS will not boot it, and after, the market is void and every bettor is
// refunded. A market resolved before the change keeps its outcome.
func TestDeveloperCannotSettleWithNewCode(t *testing.T) {
	ctx := context.Background()
	c := newChain(t)
	dev := c.auth(t, 0, nil)
	const delay = day

	// dstack's KMS, run by someone else: it boots an app's instance only if
	// the app's own contract allows it.
	kmsAddr, tx, kms, err := bindings.DeployDevKms(c.auth(t, 2, nil), c.client)
	c.mined(t, tx, err)
	honestCompose := []byte(teesim.DefaultAppCompose)
	evilCompose := []byte(strings.Replace(teesim.DefaultAppCompose, `"name":`, `"pre_launch_script":"sign-anything","name":`, 1))
	honestHash, evilHash := composeHashOf(t, honestCompose), composeHashOf(t, evilCompose)
	app, appAddr := deployApp(t, c, delay, honestHash)
	tx, err = kms.RegisterApp(dev, appAddr)
	c.mined(t, tx, err)
	probe, err := teesim.New(teesim.Config{Seed: []byte("app"), AppID: appAddr.Bytes()})
	if err != nil {
		t.Fatal(err)
	}
	tx, err = kms.AddOsImageHash(c.auth(t, 2, nil), probe.BootInfo().OSImageHash)
	c.mined(t, tx, err)
	authorize := contracts.Authorizer(ctx, c.client, kmsAddr)
	instance := func(compose []byte) (*notary.Signer, error) {
		sim, err := teesim.New(teesim.Config{Seed: []byte("app"), AppID: appAddr.Bytes(), AppCompose: compose, Authorize: authorize})
		if err != nil {
			return nil, err
		}
		s, _ := signerOf(t, sim)
		return s, nil
	}

	honest, err := instance(honestCompose)
	if err != nil {
		t.Fatalf("the allowed compose does not boot: %v", err)
	}
	args, err := contracts.ArgsFor(honest)
	if err != nil {
		t.Fatal(err)
	}
	regAddr, tx, reg, err := bindings.DeployNotaryRegistry(dev, c.client, appAddr, crypto.PubkeyToAddress(probe.Keys().KMSRoot.PublicKey), uint64(delay/time.Second))
	c.mined(t, tx, err)
	tx, err = reg.Register(dev, args.SignerKey, args.AppKey, args.AppSignature, args.KMSSignature)
	c.mined(t, tx, err)
	marketAddr, tx, market, err := bindings.DeployPredictionMarket(dev, c.client, regAddr, uint64(challenge/time.Second))
	c.mined(t, tx, err)
	domain := notary.Domain{ChainID: big.NewInt(chainID), VerifyingContract: marketAddr}

	// Two markets, both resolving within the delay; one outliving it
	// cannot be opened.
	start := c.now(t)
	open := func(name string, resolveAfter uint64) (id [32]byte, def notary.Market, err error) {
		def = notary.Market{SourceURL: "https://api.example.com/" + name, Pointer: "/v", Comparator: ">=", Threshold: "1", ResolveAfter: time.Unix(int64(resolveAfter), 0), Window: 3600}
		id = notary.MarketID(name)
		tx, err := market.Create(dev, id, contracts.Terms(def))
		if err == nil {
			c.mined(t, tx, nil)
		}
		return id, def, err
	}
	_, _, err = open("too-long", start+uint64((delay-2*time.Hour)/time.Second)+1)
	reverts(t, "a market outliving the delay", err, "OutlivesDelay")
	target, targetDef, err := open("target", start+uint64(12*time.Hour/time.Second))
	if err != nil {
		t.Fatal(err)
	}
	early, earlyDef, err := open("early", start+3600)
	if err != nil {
		t.Fatal(err)
	}
	eth := big.NewInt(params.Ether)
	yes, no := c.auth(t, 1, eth), c.auth(t, 2, new(big.Int).Mul(big.NewInt(2), eth))
	for _, id := range [][32]byte{target, early} {
		tx, err = market.Bet(yes, id, true)
		c.mined(t, tx, err)
		tx, err = market.Bet(no, id, false)
		c.mined(t, tx, err)
	}
	sign := func(s *notary.Signer, id [32]byte, def notary.Market, outcome bool) (bindings.PredictionMarketStatement, []byte) {
		terms, err := def.TermsHash()
		if err != nil {
			t.Fatal(err)
		}
		st := &notary.Statement{RequestHash: common.Hash{1}, ResponseHash: common.Hash{2}, SessionHash: common.Hash{3},
			Value: notary.Outcome(outcome), ObservedAt: uint64(def.ResolveAfter.Unix()) + 1, MarketID: id, Terms: terms}
		sig, err := s.Sign(st, domain)
		if err != nil {
			t.Fatal(err)
		}
		return contracts.Statement(st), sig
	}

	// The developer proposes the new code.
	tx, err = app.ProposeComposeHash(dev, evilHash)
	c.mined(t, tx, err)
	// Before the change takes effect the KMS refuses to boot it, so it
	// never holds the signer's key.
	_, err = instance(evilCompose)
	if !errors.Is(err, contracts.ErrNotAllowed) || !strings.Contains(err.Error(), "Compose hash not allowed") {
		t.Fatalf("the proposed compose booted before the delay: %v", err)
	}

	// The honest notary resolves the early market in time.
	c.wait(t, time.Hour)
	st, sig := sign(honest, early, earlyDef, false)
	tx, err = market.Resolve(dev, early, st, sig)
	c.mined(t, tx, err)

	// The target market's time comes; the developer, who runs the notary's
	// host, holds its statement back and waits for the new code.
	c.wait(t, 12*time.Hour)
	heldBack, heldBackSig := sign(honest, target, targetDef, false)
	_, err = instance(evilCompose)
	if !errors.Is(err, contracts.ErrNotAllowed) {
		t.Fatalf("the proposed compose booted before the delay: %v", err)
	}
	c.wait(t, delay)
	tx, err = app.Activate(dev, big.NewInt(0))
	c.mined(t, tx, err)
	evil, err := instance(evilCompose)
	if err != nil {
		t.Fatalf("the new code does not boot once its change took effect: %v", err)
	}
	if evil.Address != honest.Address {
		t.Fatalf("the new code's signer %s differs from the registered %s; dstack derives both from the app key", evil.Address, honest.Address)
	}
	// The new code signs the outcome the developer wants, backdated to the
	// market's time. Neither it nor the held-back honest statement settles
	// the market: it closed before any change proposed after it opened
	// could take effect, and closed without an observation.
	forged, forgedSig := sign(evil, target, targetDef, true)
	_, err = market.Resolve(dev, target, forged, forgedSig)
	reverts(t, "the new code's statement", err, "SubmissionClosed")
	_, err = market.Resolve(dev, target, heldBack, heldBackSig)
	reverts(t, "a statement held back past the change", err, "SubmissionClosed")
	_, err = market.Bet(yes, target, true)
	reverts(t, "betting on a closed market", err, "BettingClosed")
	if s, _ := market.Status(nil, target); s != statusVoid {
		t.Fatalf("the target market's status is %d, want void", s)
	}
	if s, _ := market.Status(nil, early); s != statusResolved {
		t.Errorf("the market resolved before the change has status %d", s)
	}

	// Every bettor gets their stake back from the void market; the early
	// market's outcome stands.
	for i, stake := range []*big.Int{eth, new(big.Int).Mul(big.NewInt(2), eth)} {
		who := crypto.PubkeyToAddress(c.keys[i+1].PublicKey)
		before, _ := c.client.BalanceAt(ctx, who, nil)
		tx, err = market.Claim(c.auth(t, i+1, nil), target)
		c.mined(t, tx, err)
		after, _ := c.client.BalanceAt(ctx, who, nil)
		got := new(big.Int).Sub(after, before)
		if low := new(big.Int).Sub(stake, big.NewInt(params.Ether/100)); got.Cmp(low) < 0 || got.Cmp(stake) > 0 {
			t.Errorf("bettor %d got %s wei back from the void market, want their stake %s less gas", i+1, got, stake)
		}
	}
	m, _ := market.Markets(nil, early)
	if m.ObservedAt == 0 || m.Outcome {
		t.Errorf("the early market after the change: %+v, want resolved NO", m)
	}
	_, err = market.Claim(c.auth(t, 1, nil), early)
	reverts(t, "the early market's losing side", err, "NothingToClaim")
}

func composeHashOf(t *testing.T, b []byte) [32]byte {
	t.Helper()
	h, err := attest.ComposeHash(b)
	if err != nil {
		t.Fatal(err)
	}
	var out [32]byte
	copy(out[:], common.FromHex(h))
	return out
}

// A market that a change already proposed could void before it resolves
// cannot be opened: nobody is invited to bet on a market doomed to be
// refunded, and the developer cannot lure bets into one.
func TestMarketRefusedWhileAChangeIsPending(t *testing.T) {
	c := newChain(t)
	dev := c.auth(t, 0, nil)
	app, appAddr := deployApp(t, c, day, composeA)
	_, sim, _ := signerFor(t, "pending", appAddr)
	_, regAddr := deployRegistry(t, c, sim)
	_, tx, market, err := bindings.DeployPredictionMarket(dev, c.client, regAddr, uint64(challenge/time.Second))
	c.mined(t, tx, err)
	if next, _ := app.NextLooseningAt(nil); next != ^uint64(0) {
		t.Fatalf("nextLooseningAt with nothing pending = %d", next)
	}
	tx, err = app.ProposeComposeHash(dev, composeB)
	c.mined(t, tx, err)
	ch, _ := app.Change(nil, big.NewInt(0))
	if next, _ := app.NextLooseningAt(nil); next != ch.EffectiveAt {
		t.Fatalf("nextLooseningAt = %d, want the proposal's effectiveAt %d", next, ch.EffectiveAt)
	}
	// Each market closes a minute plus the challenge period after it
	// resolves.
	create := func(name string, closes uint64) error {
		resolveAfter := closes - 60 - uint64(challenge/time.Second)
		def := notary.Market{SourceURL: "https://api.example.com/" + name, Pointer: "/v", Comparator: ">=", Threshold: "1", ResolveAfter: time.Unix(int64(resolveAfter), 0), Window: 60}
		tx, err := market.Create(dev, notary.MarketID(name), contracts.Terms(def))
		if err == nil {
			c.mined(t, tx, nil)
		}
		return err
	}
	reverts(t, "a market closing when the change can take effect", create("at", ch.EffectiveAt), "ChangePending")
	if err := create("before", ch.EffectiveAt-1); err != nil {
		t.Errorf("a market closing before the change can take effect: %v (%s)", err, contracts.Revert(err))
	}
	tx, err = app.Cancel(dev, big.NewInt(0))
	c.mined(t, tx, err)
	if err := create("after-cancel", ch.EffectiveAt); err != nil {
		t.Errorf("a market once the change was cancelled: %v (%s)", err, contracts.Revert(err))
	}
	// Renouncing: what was pending can never take effect.
	tx, err = app.ProposeComposeHash(dev, composeB)
	c.mined(t, tx, err)
	tx, err = app.RenounceOwnership(dev)
	c.mined(t, tx, err)
	if next, _ := app.NextLooseningAt(nil); next != ^uint64(0) {
		t.Errorf("nextLooseningAt after renouncing = %d", next)
	}
}
