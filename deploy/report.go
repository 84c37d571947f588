package deploy

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

// Report is what a run did, in order, and what it then read back from the
// chain. After a failure it still says what exists, which step failed and
// how to resume.
type Report struct {
	RPC       string         `json:"rpc"`
	ChainID   uint64         `json:"chain_id"`
	Deployer  common.Address `json:"deployer"`
	ChainTime time.Time      `json:"chain_time"`
	Steps     []Step         `json:"steps"`

	AppAuth  *AppAuthState  `json:"app_auth,omitempty"`
	KMS      *KMSState      `json:"kms,omitempty"`
	Compose  *ComposeState  `json:"compose,omitempty"`
	Registry *RegistryState `json:"registry,omitempty"`
	Market   *MarketState   `json:"market,omitempty"`

	// Check is what users should verify on chain for themselves.
	Check []string `json:"check"`

	// Failed names the step that failed, Error why.
	Failed string `json:"failed,omitempty"`
	Error  string `json:"error,omitempty"`
	// Resume lists the flags that make the next run carry on from what
	// exists instead of deploying it again.
	Resume []string `json:"resume,omitempty"`
}

// Step statuses.
const (
	Done    = "done"    // its transaction succeeded
	Skipped = "skipped" // nothing to do: Detail says why
	Checked = "checked" // an existing contract, attached after checking it
	Sent    = "sent"    // sent, but no receipt within the timeout
	Failed  = "failed"
)

// Step is one thing the run did or decided not to do.
type Step struct {
	Name    string          `json:"name"`
	Status  string          `json:"status"`
	Detail  string          `json:"detail,omitempty"`
	Address *common.Address `json:"address,omitempty"`
	Tx      *common.Hash    `json:"tx,omitempty"`
	Block   uint64          `json:"block,omitempty"`
}

// AppAuthState is the app's DevproofAppAuth as read from the chain.
type AppAuthState struct {
	// Address is the dstack app id.
	Address common.Address `json:"address"`
	// CodeHash is the deployed code's keccak256; ReleaseCodeHash is what
	// this release's compiler makes of DevproofAppAuth.
	CodeHash           common.Hash    `json:"code_hash"`
	ReleaseCodeHash    common.Hash    `json:"release_code_hash"`
	Owner              common.Address `json:"owner"`
	Renounced          bool           `json:"renounced"`
	DelaySeconds       uint64         `json:"delay_seconds"`
	RequireTCBUpToDate bool           `json:"require_tcb_up_to_date"`
	AllowAnyDevice     bool           `json:"allow_any_device"`
	// Pending are the proposed changes neither activated nor cancelled.
	Pending []Change `json:"pending"`
}

// Change is one proposed loosening change.
type Change struct {
	ID uint64 `json:"id"`
	// Kind is compose-hash, device, allow-any-device, drop-tcb-requirement
	// or owner.
	Kind        string      `json:"kind"`
	Value       common.Hash `json:"value"`
	ProposedAt  time.Time   `json:"proposed_at"`
	EffectiveAt time.Time   `json:"effective_at"`
}

// KMSState is the app's registration with dstack's KMS.
type KMSState struct {
	Address       common.Address `json:"address"`
	AppRegistered bool           `json:"app_registered"`
}

// ComposeState is the compose hash the run was given.
type ComposeState struct {
	Hash    common.Hash `json:"hash"`
	Allowed bool        `json:"allowed"`
	// Pending is its proposal while it waits.
	Pending *Change `json:"pending,omitempty"`
}

// RegistryState is the NotaryRegistry as read from the chain.
type RegistryState struct {
	Address common.Address `json:"address"`
	// ExpectedCodeHash is the code this release's NotaryRegistry has when
	// built for these AppAuth, KMSRoot and MinDelay.
	CodeHash         common.Hash     `json:"code_hash"`
	ExpectedCodeHash common.Hash     `json:"expected_code_hash"`
	AppAuth          common.Address  `json:"app_auth"`
	KMSRoot          common.Address  `json:"kms_root"`
	MinDelaySeconds  uint64          `json:"min_delay_seconds"`
	Signer           *common.Address `json:"signer,omitempty"`
	SignerRegistered bool            `json:"signer_registered"`
}

// MarketState is the PredictionMarket as read from the chain.
type MarketState struct {
	Address          common.Address `json:"address"`
	CodeHash         common.Hash    `json:"code_hash"`
	ExpectedCodeHash common.Hash    `json:"expected_code_hash"`
	Registry         common.Address `json:"registry"`
	AppAuth          common.Address `json:"app_auth"`
	// ChallengePeriod is how long after a market's window an earlier
	// observation can still be submitted.
	ChallengePeriod time.Duration `json:"challenge_period"`
}

// Transacted says whether the run sent any transaction.
func (r *Report) Transacted() bool {
	for _, s := range r.Steps {
		if s.Tx != nil {
			return true
		}
	}
	return false
}

func seconds(s uint64) time.Duration { return time.Duration(s) * time.Second }

func utc(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// checks lists what users should verify for themselves, from what was
// read back.
func (r *Report) checks() []string {
	c := []string{}
	if a := r.AppAuth; a != nil {
		same := "equal to"
		if a.CodeHash != a.ReleaseCodeHash {
			same = "NOT equal to"
		}
		c = append(c,
			fmt.Sprintf("The app id in the app's quotes is %s, the DevproofAppAuth's address, and that address's code hash %s is %s DevproofAppAuth's from this release (%s).", a.Address.Hex(), a.CodeHash, same, a.ReleaseCodeHash),
			fmt.Sprintf("delay() is %d s (%s): every new compose hash, device, any-device, dropped TCB requirement or new owner waits this long in public before anyone can activate it.", a.DelaySeconds, seconds(a.DelaySeconds)))
		if a.Renounced {
			c = append(c, "renounced() is true: the policy never changes again; pending changes can never be activated.")
		} else {
			c = append(c, fmt.Sprintf("owner() is %s, who can propose changes (and tighten the policy at once), and can renounce.", a.Owner.Hex()))
		}
		if len(a.Pending) == 0 {
			c = append(c, "No change is pending (changeCount() and change(id)); watch ChangeProposed events for new ones.")
		}
		for _, p := range a.Pending {
			c = append(c, fmt.Sprintf("Pending change %d (%s %s) can take effect from %s; watch for it and ChangeProposed events.", p.ID, p.Kind, p.Value, utc(p.EffectiveAt)))
		}
	}
	if k := r.KMS; k != nil {
		c = append(c, fmt.Sprintf("The KMS %s has registeredApps(app id) = %v.", k.Address.Hex(), k.AppRegistered))
	}
	if g := r.Registry; g != nil {
		c = append(c, fmt.Sprintf("NotaryRegistry %s: appAuth() is the app id %s, kmsRoot() %s is the dstack KMS root you trust, minDelay() is %d s (%s); its code hash %s matches this release's NotaryRegistry built for them (%s).",
			g.Address.Hex(), g.AppAuth.Hex(), g.KMSRoot.Hex(), g.MinDelaySeconds, seconds(g.MinDelaySeconds), g.CodeHash, g.ExpectedCodeHash))
		if g.Signer != nil {
			c = append(c, fmt.Sprintf("isSigner(%s) is %v: the notary's key, bound to this app id by its dstack key chain.", g.Signer.Hex(), g.SignerRegistered))
		}
	}
	if m := r.Market; m != nil {
		c = append(c, fmt.Sprintf("PredictionMarket %s: registry() is %s and appAuth() %s, challengePeriod() %s; its code hash %s matches this release's PredictionMarket for them (%s).",
			m.Address.Hex(), m.Registry.Hex(), m.AppAuth.Hex(), m.ChallengePeriod, m.CodeHash, m.ExpectedCodeHash))
	}
	return c
}

// WriteText writes the report for people.
func (r *Report) WriteText(w io.Writer) {
	fmt.Fprintf(w, "chain %d at %s, deployer %s, chain time %s\n\n", r.ChainID, r.RPC, r.Deployer.Hex(), utc(r.ChainTime))
	for _, s := range r.Steps {
		fmt.Fprintf(w, "%-8s %s\n", s.Status, s.Name)
		if s.Detail != "" {
			fmt.Fprintf(w, "         %s\n", s.Detail)
		}
		if s.Address != nil {
			fmt.Fprintf(w, "         address %s\n", s.Address.Hex())
		}
		if s.Tx != nil {
			fmt.Fprintf(w, "         tx %s", s.Tx.Hex())
			if s.Block != 0 {
				fmt.Fprintf(w, " (block %d)", s.Block)
			}
			fmt.Fprintln(w)
		}
	}
	row := func(k string, v any) { fmt.Fprintf(w, "  %-24s %v\n", k, v) }
	if a := r.AppAuth; a != nil {
		fmt.Fprintf(w, "\nDevproofAppAuth (app id) %s\n", a.Address.Hex())
		row("code hash", a.CodeHash.Hex())
		row("release code hash", a.ReleaseCodeHash.Hex())
		if a.Renounced {
			row("owner", "renounced")
		} else {
			row("owner", a.Owner.Hex())
		}
		row("delay", fmt.Sprintf("%s (%d s)", seconds(a.DelaySeconds), a.DelaySeconds))
		row("require TCB up to date", a.RequireTCBUpToDate)
		row("allow any device", a.AllowAnyDevice)
		if len(a.Pending) == 0 {
			row("pending changes", "none")
		}
		for _, p := range a.Pending {
			row(fmt.Sprintf("pending change %d", p.ID), fmt.Sprintf("%s %s, effective %s", p.Kind, p.Value.Hex(), utc(p.EffectiveAt)))
		}
	}
	if c := r.Compose; c != nil {
		state := "not allowed"
		switch {
		case c.Allowed:
			state = "allowed"
		case c.Pending != nil:
			state = fmt.Sprintf("pending as change %d, effective %s (%s after its proposal)", c.Pending.ID, utc(c.Pending.EffectiveAt), c.Pending.EffectiveAt.Sub(c.Pending.ProposedAt))
		}
		fmt.Fprintf(w, "\ncompose hash %s\n", c.Hash.Hex())
		row("state", state)
	}
	if k := r.KMS; k != nil {
		fmt.Fprintf(w, "\nKMS %s\n", k.Address.Hex())
		row("app registered", k.AppRegistered)
	}
	if g := r.Registry; g != nil {
		fmt.Fprintf(w, "\nNotaryRegistry %s\n", g.Address.Hex())
		row("appAuth", g.AppAuth.Hex())
		row("kmsRoot", g.KMSRoot.Hex())
		row("minDelay", fmt.Sprintf("%s (%d s)", seconds(g.MinDelaySeconds), g.MinDelaySeconds))
		row("code hash", g.CodeHash.Hex())
		row("expected code hash", g.ExpectedCodeHash.Hex())
		if g.Signer != nil {
			row("signer "+g.Signer.Hex(), map[bool]string{true: "registered", false: "not registered"}[g.SignerRegistered])
		}
	}
	if m := r.Market; m != nil {
		fmt.Fprintf(w, "\nPredictionMarket %s\n", m.Address.Hex())
		row("registry", m.Registry.Hex())
		row("appAuth", m.AppAuth.Hex())
		row("challengePeriod", m.ChallengePeriod.String())
		row("code hash", m.CodeHash.Hex())
		row("expected code hash", m.ExpectedCodeHash.Hex())
	}
	if len(r.Check) > 0 {
		fmt.Fprintf(w, "\nWhat users should check:\n")
		for _, c := range r.Check {
			fmt.Fprintf(w, "  - %s\n", c)
		}
	}
	if r.Failed != "" {
		fmt.Fprintf(w, "\nFAILED at %q: %s\n", r.Failed, r.Error)
		if len(r.Resume) > 0 {
			fmt.Fprintf(w, "Resume: run again with %s, dropping the flags that apply only to a new contract (--delay, --owner, --require-tcb, --allow-any-device, --device, --min-delay)\n", strings.Join(r.Resume, " "))
		}
	}
}
