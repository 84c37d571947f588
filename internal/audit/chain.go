package audit

import (
	"context"
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
var ChainCheckNames = []string{"app-auth", "kms-allowed", "key-provider", "pending-changes", "owner", "registry", "markets"}

// chain runs the on-chain checks.
func (a *auditor) chain(ctx context.Context, c *ChainOptions) {
	for _, n := range ChainCheckNames {
		a.add(n, Skip, "not checked yet")
	}
}
