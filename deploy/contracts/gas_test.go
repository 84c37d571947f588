package contracts_test

import (
	"context"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/eth/ethconfig"
	"github.com/ethereum/go-ethereum/node"
	"github.com/ethereum/go-ethereum/params"

	"github.com/devproof/devproof/deploy/contracts"
	"github.com/devproof/devproof/deploy/contracts/bindings"
	"github.com/devproof/devproof/notary"
)

// The gas each step costs, for the README (go test -run Gas -v), under the
// simulated chain's rules (every fork go-ethereum knows, including the
// unscheduled Bogota's storage pricing) and under Osaka's, mainnet's. The
// ceilings, under Osaka, keep what the KMS and submitters call cheap: a
// KMS asks isAppAllowed through eth_call, under its node's gas cap.
func TestGasFigures(t *testing.T) {
	t.Run("simulated", func(t *testing.T) { gasFigures(t, newChain(t), false) })
	t.Run("osaka", func(t *testing.T) {
		gasFigures(t, newChain(t, func(_ *node.Config, e *ethconfig.Config) {
			cfg := *e.Genesis.Config
			cfg.BogotaTime = nil
			e.Genesis.Config = &cfg
		}), true)
	})
}

func gasFigures(t *testing.T, c *chain, ceilings bool) {
	ctx := context.Background()
	app, appAddr := deployApp(t, c, day, composeA)
	used := func(tx *types.Transaction, err error) uint64 {
		t.Helper()
		c.mined(t, tx, err)
		r, err := c.client.TransactionReceipt(ctx, tx.Hash())
		if err != nil {
			t.Fatal(err)
		}
		return r.GasUsed
	}
	gas := map[string]uint64{}
	gas["proposeComposeHash"] = used(app.ProposeComposeHash(c.auth(t, 0, nil), composeB))
	c.wait(t, day)
	gas["activate"] = used(app.Activate(c.auth(t, 1, nil), big.NewInt(0)))
	a, _ := bindings.DevproofAppAuthMetaData.GetAbi()
	data, err := a.Pack("isAppAllowed", contracts.BootInfo(boot(composeB, deviceA, "UpToDate")))
	if err != nil {
		t.Fatal(err)
	}
	gas["isAppAllowed"], err = c.client.EstimateGas(ctx, ethereum.CallMsg{To: &appAddr, Data: data})
	if err != nil {
		t.Fatal(err)
	}

	s, sim, in := signerFor(t, "gas", appAddr)
	reg, regAddr := deployRegistry(t, c, sim)
	gas["register"] = used(reg.Register(c.auth(t, 0, nil), in[0], in[1], in[2], in[3]))
	marketAddr, tx, market, err := bindings.DeployPredictionMarket(c.auth(t, 0, nil), c.client, regAddr, uint64(challenge/time.Second))
	c.mined(t, tx, err)
	resolveAfter := c.now(t) + 3600
	def := notary.Market{SourceURL: "https://api.example.com/btc", Pointer: "/price", Comparator: ">=", Threshold: "100000", ResolveAfter: time.Unix(int64(resolveAfter), 0), Window: 600}
	id := notary.MarketID("gas")
	gas["create"] = used(market.Create(c.auth(t, 0, nil), id, contracts.Terms(def)))
	gas["bet"] = used(market.Bet(c.auth(t, 1, big.NewInt(params.Ether)), id, true))
	c.wait(t, 2*time.Hour)
	terms, _ := def.TermsHash()
	st := &notary.Statement{RequestHash: common.Hash{1}, ResponseHash: common.Hash{2}, SessionHash: common.Hash{3},
		Value: notary.Outcome(true), ObservedAt: resolveAfter + 1, MarketID: id, Terms: terms}
	sig, err := s.Sign(st, notary.Domain{ChainID: big.NewInt(chainID), VerifyingContract: marketAddr})
	if err != nil {
		t.Fatal(err)
	}
	gas["resolve"] = used(market.Resolve(c.auth(t, 0, nil), id, contracts.Statement(st), sig))
	c.wait(t, time.Hour)
	gas["claim"] = used(market.Claim(c.auth(t, 1, nil), id))
	for _, name := range []string{"proposeComposeHash", "activate", "isAppAllowed", "register", "create", "bet", "resolve", "claim"} {
		t.Logf("%-18s %7d gas", name, gas[name])
	}
	for name, ceiling := range map[string]uint64{"isAppAllowed": 60_000, "resolve": 150_000} {
		if ceilings && gas[name] > ceiling {
			t.Errorf("%s costs %d gas, over %d", name, gas[name], ceiling)
		}
	}
}
