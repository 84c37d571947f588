package contracts_test

import (
	"bytes"
	"fmt"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/devproof/devproof/deploy/contracts"
	"github.com/devproof/devproof/deploy/contracts/bindings"
	"github.com/devproof/devproof/internal/attest"
)

var (
	composeA = [32]byte{0xa}
	composeB = [32]byte{0xb}
	deviceA  = [32]byte{0xd, 1}
	deviceB  = [32]byte{0xd, 2}
)

func boot(compose, device [32]byte, tcb string) attest.BootInfo {
	return attest.BootInfo{ComposeHash: compose, DeviceID: device, TCBStatus: tcb}
}

// allowed asks the contract about a boot; reason is "" when allowed.
func allowed(t *testing.T, app *bindings.DevproofAppAuth, b attest.BootInfo) string {
	t.Helper()
	r, err := app.IsAppAllowed(nil, contracts.BootInfo(b))
	if err != nil {
		t.Fatal(err)
	}
	if r.IsAllowed != (r.Reason == "") {
		t.Fatalf("isAppAllowed = (%v, %q): allowed with a reason, or refused without one", r.IsAllowed, r.Reason)
	}
	return r.Reason
}

func wantAllowed(t *testing.T, what string, app *bindings.DevproofAppAuth, b attest.BootInfo, reason string) {
	t.Helper()
	if got := allowed(t, app, b); got != reason {
		t.Errorf("%s: reason %q, want %q", what, got, reason)
	}
}

const (
	hashRefused   = "Compose hash not allowed"
	deviceRefused = "Device not allowed"
	tcbRefused    = "TCB status is not up to date"
)

func TestAppAuthComposeHashWaitsTheDelay(t *testing.T) {
	c := newChain(t)
	app, _ := deployApp(t, c, day, composeA)
	owner, stranger := c.auth(t, 0, nil), c.auth(t, 2, nil)
	wantAllowed(t, "the initial hash", app, boot(composeA, deviceA, "UpToDate"), "")
	wantAllowed(t, "a hash never proposed", app, boot(composeB, deviceA, "UpToDate"), hashRefused)

	_, err := app.ProposeComposeHash(stranger, composeB)
	reverts(t, "a stranger proposing", err, "NotOwner")
	proposedAt := c.now(t) + 1
	tx, err := app.ProposeComposeHash(owner, composeB)
	c.mined(t, tx, err)
	ch, err := app.Change(nil, big.NewInt(0))
	if err != nil || ch.Kind != 0 || ch.Value != composeB || ch.EffectiveAt != ch.ProposedAt+uint64(day/time.Second) || ch.ProposedAt < proposedAt {
		t.Fatalf("change 0 = %+v (%v)", ch, err)
	}
	wantAllowed(t, "a proposed hash before the delay", app, boot(composeB, deviceA, "UpToDate"), hashRefused)
	_, err = app.Activate(stranger, big.NewInt(0))
	reverts(t, "activating before the delay", err, "NotYetEffective")
	c.wait(t, day-time.Minute)
	_, err = app.Activate(stranger, big.NewInt(0))
	reverts(t, "activating a minute early", err, "NotYetEffective")

	c.wait(t, time.Minute)
	// Anyone may activate: the owner cannot hold a change back to release
	// it at a moment of their choosing... nor need to be present.
	tx, err = app.Activate(stranger, big.NewInt(0))
	c.mined(t, tx, err)
	at := c.now(t)
	wantAllowed(t, "a proposed hash after the delay", app, boot(composeB, deviceA, "UpToDate"), "")
	added, err := app.FilterComposeHashAdded(&bind.FilterOpts{Start: 0})
	if err != nil {
		t.Fatal(err)
	}
	var events [][32]byte
	for added.Next() {
		events = append(events, added.Event.ComposeHash)
	}
	if len(events) != 2 || events[0] != composeA || events[1] != composeB {
		t.Errorf("ComposeHashAdded events %x, want the initial hash then the activated one", events)
	}
	_, err = app.Activate(stranger, big.NewInt(0))
	reverts(t, "activating twice", err, "NotPending")
	_, err = app.Activate(stranger, big.NewInt(7))
	reverts(t, "activating a change never proposed", err, "UnknownChange")

	// The history answers for any interval.
	for _, tc := range []struct {
		from, to uint64
		want     bool
	}{
		{0, at - 1, false}, {at, at, true}, {at - 100, at + 100, true}, {at + 1, at + 1000, false}, {0, ^uint64(0), true},
	} {
		if got, _ := app.LoosenedBetween(nil, tc.from, tc.to); got != tc.want {
			t.Errorf("loosenedBetween(%d, %d) = %v, want %v (activated at %d)", tc.from, tc.to, got, tc.want, at)
		}
	}

	// Removal is immediate, and is not a loosening.
	tx, err = app.RemoveComposeHash(owner, composeB)
	c.mined(t, tx, err)
	wantAllowed(t, "a removed hash", app, boot(composeB, deviceA, "UpToDate"), hashRefused)
	if got, _ := app.LoosenedBetween(nil, at+1, ^uint64(0)); got {
		t.Error("removing a hash counted as a loosening")
	}

	// addComposeHash, dstack's name, proposes too; a cancelled proposal
	// never takes effect.
	tx, err = app.AddComposeHash(owner, composeB)
	c.mined(t, tx, err)
	wantAllowed(t, "addComposeHash before the delay", app, boot(composeB, deviceA, "UpToDate"), hashRefused)
	tx, err = app.Cancel(owner, big.NewInt(1))
	c.mined(t, tx, err)
	c.wait(t, 2*day)
	_, err = app.Activate(stranger, big.NewInt(1))
	reverts(t, "activating a cancelled change", err, "NotPending")
	wantAllowed(t, "a cancelled hash", app, boot(composeB, deviceA, "UpToDate"), hashRefused)
}

func TestAppAuthDevices(t *testing.T) {
	c := newChain(t)
	owner, stranger := c.auth(t, 0, nil), c.auth(t, 2, nil)
	_, tx, app, err := bindings.DeployDevproofAppAuth(owner, c.client, crypto.PubkeyToAddress(c.keys[0].PublicKey), uint64(day/time.Second), false, false, deviceA, composeA)
	c.mined(t, tx, err)
	wantAllowed(t, "the listed device", app, boot(composeA, deviceA, ""), "")
	wantAllowed(t, "a device outside the list", app, boot(composeA, deviceB, ""), deviceRefused)

	tx, err = app.AddDevice(owner, deviceB)
	c.mined(t, tx, err)
	tx, err = app.SetAllowAnyDevice(owner, true)
	c.mined(t, tx, err)
	wantAllowed(t, "a proposed device before the delay", app, boot(composeA, deviceB, ""), deviceRefused)
	if any, _ := app.AllowAnyDevice(nil); any {
		t.Error("allow-any-device took effect at once")
	}
	c.wait(t, day)
	tx, err = app.Activate(stranger, big.NewInt(1)) // allow any device
	c.mined(t, tx, err)
	wantAllowed(t, "any device after the delay", app, boot(composeA, [32]byte{0xee}, ""), "")

	// Back to the list: immediate.
	tx, err = app.SetAllowAnyDevice(owner, false)
	c.mined(t, tx, err)
	wantAllowed(t, "a device outside the list again", app, boot(composeA, deviceB, ""), deviceRefused)
	tx, err = app.Activate(stranger, big.NewInt(0)) // device B
	c.mined(t, tx, err)
	wantAllowed(t, "an added device", app, boot(composeA, deviceB, ""), "")
	tx, err = app.RemoveDevice(owner, deviceB)
	c.mined(t, tx, err)
	wantAllowed(t, "a removed device", app, boot(composeA, deviceB, ""), deviceRefused)
}

func TestAppAuthTCBRequirement(t *testing.T) {
	c := newChain(t)
	owner := c.auth(t, 0, nil)
	app, _ := deployApp(t, c, day, composeA)
	wantAllowed(t, "no requirement", app, boot(composeA, deviceA, "OutOfDate"), "")
	tx, err := app.SetRequireTcbUpToDate(owner, true)
	c.mined(t, tx, err)
	wantAllowed(t, "requiring is immediate", app, boot(composeA, deviceA, "OutOfDate"), tcbRefused)
	wantAllowed(t, "an up-to-date TCB", app, boot(composeA, deviceA, "UpToDate"), "")
	tx, err = app.SetRequireTcbUpToDate(owner, false)
	c.mined(t, tx, err)
	wantAllowed(t, "dropping waits", app, boot(composeA, deviceA, "OutOfDate"), tcbRefused)
	c.wait(t, day)
	tx, err = app.Activate(c.auth(t, 1, nil), big.NewInt(0))
	c.mined(t, tx, err)
	wantAllowed(t, "dropped after the delay", app, boot(composeA, deviceA, "OutOfDate"), "")
}

func TestAppAuthDelayOnlyGrows(t *testing.T) {
	c := newChain(t)
	owner := c.auth(t, 0, nil)
	app, _ := deployApp(t, c, day, composeA)
	_, err := app.IncreaseDelay(owner, uint64(time.Hour/time.Second))
	reverts(t, "lowering the delay", err, "DelayCanOnlyGrow")
	_, err = app.IncreaseDelay(owner, uint64(day/time.Second))
	reverts(t, "setting the same delay", err, "DelayCanOnlyGrow")
	_, err = app.IncreaseDelay(c.auth(t, 1, nil), uint64(2*day/time.Second))
	reverts(t, "a stranger raising the delay", err, "NotOwner")
	tx, err := app.IncreaseDelay(owner, uint64(2*day/time.Second))
	c.mined(t, tx, err)
	if d, _ := app.Delay(nil); d != uint64(2*day/time.Second) {
		t.Errorf("delay %d after raising it to two days", d)
	}
	_, _, _, err = bindings.DeployDevproofAppAuth(owner, c.client, crypto.PubkeyToAddress(c.keys[0].PublicKey), 0, false, true, [32]byte{}, composeA)
	reverts(t, "a zero delay", err, "ZeroDelay")
	_, _, _, err = bindings.DeployDevproofAppAuth(owner, c.client, common.Address{}, 1, false, true, [32]byte{}, composeA)
	reverts(t, "no owner", err, "ZeroOwner")
}

func TestAppAuthOwnership(t *testing.T) {
	c := newChain(t)
	owner, next, stranger := c.auth(t, 0, nil), c.auth(t, 1, nil), c.auth(t, 2, nil)
	app, _ := deployApp(t, c, day, composeA)
	tx, err := app.TransferOwnership(owner, next.From)
	c.mined(t, tx, err)
	_, err = app.ProposeComposeHash(next, composeB)
	reverts(t, "the next owner acting before the delay", err, "NotOwner")
	c.wait(t, day)
	tx, err = app.Activate(stranger, big.NewInt(0))
	c.mined(t, tx, err)
	if o, _ := app.Owner(nil); o != next.From {
		t.Fatalf("owner %s after the transfer, want %s", o, next.From)
	}
	_, err = app.ProposeComposeHash(owner, composeB)
	reverts(t, "the former owner", err, "NotOwner")

	// Renouncing freezes the policy: a change pending at that moment never
	// takes effect, and no call changes anything.
	tx, err = app.ProposeComposeHash(next, composeB)
	c.mined(t, tx, err)
	tx, err = app.RenounceOwnership(next)
	c.mined(t, tx, err)
	c.wait(t, 2*day)
	_, err = app.Activate(stranger, big.NewInt(1))
	reverts(t, "activating after renouncing", err, "Renounced")
	for name, call := range map[string]func(*bind.TransactOpts) error{
		"propose":    func(o *bind.TransactOpts) error { _, err := app.ProposeComposeHash(o, composeB); return err },
		"remove":     func(o *bind.TransactOpts) error { _, err := app.RemoveComposeHash(o, composeA); return err },
		"add device": func(o *bind.TransactOpts) error { _, err := app.AddDevice(o, deviceA); return err },
		"any device": func(o *bind.TransactOpts) error { _, err := app.SetAllowAnyDevice(o, false); return err },
		"tcb":        func(o *bind.TransactOpts) error { _, err := app.SetRequireTcbUpToDate(o, true); return err },
		"transfer":   func(o *bind.TransactOpts) error { _, err := app.TransferOwnership(o, o.From); return err },
		"delay":      func(o *bind.TransactOpts) error { _, err := app.IncreaseDelay(o, 1<<40); return err },
		"renounce":   func(o *bind.TransactOpts) error { _, err := app.RenounceOwnership(o); return err },
		"cancel":     func(o *bind.TransactOpts) error { _, err := app.Cancel(o, big.NewInt(1)); return err },
	} {
		for _, who := range []*bind.TransactOpts{owner, next, stranger} {
			reverts(t, fmt.Sprintf("%s by %s after renouncing", name, who.From), call(who), "NotOwner")
		}
	}
	wantAllowed(t, "the hash allowed at renouncing", app, boot(composeA, deviceA, ""), "")
	wantAllowed(t, "the hash pending at renouncing", app, boot(composeB, deviceA, ""), hashRefused)
}

// The interface ids the KMS and dstack's tools ask for are the ones the
// contract declares, and are what the selectors in its ABI add up to.
func TestAppAuthInterfaceIDs(t *testing.T) {
	c := newChain(t)
	app, _ := deployApp(t, c, day, composeA)
	a, err := bindings.DevproofAppAuthMetaData.GetAbi()
	if err != nil {
		t.Fatal(err)
	}
	xor := func(names ...string) [4]byte {
		var id [4]byte
		for _, n := range names {
			for i, b := range a.Methods[n].ID {
				id[i] ^= b
			}
		}
		return id
	}
	for _, tc := range []struct {
		name string
		id   [4]byte
		want [4]byte
	}{
		{"IAppAuth", xor("isAppAllowed"), [4]byte{0x1e, 0x07, 0x91, 0x98}},
		{"IAppAuthBasicManagement", xor("addComposeHash", "removeComposeHash", "addDevice", "removeDevice"), [4]byte{0x8f, 0xd3, 0x75, 0x27}},
		{"IERC165", xor("supportsInterface"), [4]byte{0x01, 0xff, 0xc9, 0xa7}},
	} {
		if tc.id != tc.want {
			t.Errorf("%s: selectors give %x, want %x", tc.name, tc.id, tc.want)
		}
		if ok, err := app.SupportsInterface(nil, tc.want); err != nil || !ok {
			t.Errorf("supportsInterface(%x) = %v, %v", tc.want, ok, err)
		}
	}
	if ok, _ := app.SupportsInterface(nil, [4]byte{0xff, 0xff, 0xff, 0xff}); ok {
		t.Error("supportsInterface(0xffffffff) = true")
	}
	// The boot info tuple is laid out as dstack's.
	want := "isAppAllowed((address,bytes32,address,bytes32,bytes32,bytes32,bytes32,string,string[]))"
	if got := a.Methods["isAppAllowed"].Sig; got != want {
		t.Errorf("isAppAllowed signature %s, want %s", got, want)
	}
	if !bytes.Equal(a.Methods["isAppAllowed"].ID, crypto.Keccak256([]byte(want))[:4]) {
		t.Error("isAppAllowed selector")
	}
}

// dstackAppDecision is dstack's DstackApp.isAppAllowed (kms/auth-eth at
// commit 312dc605), restated: the TCB check, then the compose hash, then
// the device.
func dstackAppDecision(requireTcb, anyDevice, hashListed, deviceListed bool, tcb string) string {
	switch {
	case requireTcb && tcb != "UpToDate":
		return tcbRefused
	case !hashListed:
		return hashRefused
	case !anyDevice && !deviceListed:
		return deviceRefused
	}
	return ""
}

// For every policy and boot, DevproofAppAuth answers as DstackApp does.
func TestAppAuthAnswersAsDstackApp(t *testing.T) {
	c := newChain(t)
	owner := crypto.PubkeyToAddress(c.keys[0].PublicKey)
	for _, requireTcb := range []bool{false, true} {
		for _, anyDevice := range []bool{false, true} {
			_, tx, app, err := bindings.DeployDevproofAppAuth(c.auth(t, 0, nil), c.client, owner, 1, requireTcb, anyDevice, deviceA, composeA)
			c.mined(t, tx, err)
			for _, compose := range [][32]byte{composeA, composeB} {
				for _, device := range [][32]byte{deviceA, deviceB} {
					for _, tcb := range []string{"UpToDate", "OutOfDate", "ConfigurationNeeded", ""} {
						want := dstackAppDecision(requireTcb, anyDevice, compose == composeA, device == deviceA, tcb)
						wantAllowed(t, fmt.Sprintf("tcb=%v any=%v hash=%x device=%x status=%q", requireTcb, anyDevice, compose[0], device[1], tcb),
							app, boot(compose, device, tcb), want)
					}
				}
			}
		}
	}
}
