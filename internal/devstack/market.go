package devstack

import (
	"context"
	"crypto/tls"
	"fmt"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/params"

	"github.com/devproof/devproof/deploy/contracts"
	"github.com/devproof/devproof/deploy/contracts/bindings"
	"github.com/devproof/devproof/internal/ctlog"
	"github.com/devproof/devproof/internal/localca"
	"github.com/devproof/devproof/internal/tee"
	"github.com/devproof/devproof/internal/teesim"
	"github.com/devproof/devproof/notary"
	"github.com/devproof/devproof/notary/ctpolicy"
)

// DemoMarket is the market `devproof dev` resolves.
const DemoMarket = "btc-100k"

// The demo market's observation window and challenge period: with the
// few seconds to its resolution time, it closes within the app's
// PolicyDelay of its creation, as the market requires.
const (
	demoWindow    = 5 * time.Second
	demoChallenge = 3 * time.Second
)

// Settlement is what the demo market came to.
type Settlement struct {
	Source   string
	Value    string
	Outcome  bool
	Payout   *big.Int
	Registry string
	Market   string
	Signer   string
	// Checks are the notary's checks on the source's connection.
	Checks []notary.Check
}

// runMarket resolves a demo market end to end: a local HTTPS source whose
// certificate the local CA logged to two local CT logs (SCTs embedded) and
// whose CRL it serves, the notary's hardened fetch and signature, and a
// simulated chain where the signer is registered through its dstack key
// chain and the market pays out.
func runMarket(ctx context.Context, st *Stack, dir string, dc *devChain, sim *teesim.Simulator, agent tee.Agent, step func(int, string, ...any), stops *[]func()) error {
	step(9, "starting two local CT logs (TesseraCT), a local CA that logs to them and an HTTPS price source")
	ca, err := localca.New()
	if err != nil {
		return err
	}
	*stops = append(*stops, ca.Close)
	var logs []*ctlog.Log
	var sources []localca.SCTSource
	for _, name := range []string{"a", "b"} {
		// The logs take chains to the local CA and to Pebble, as public
		// logs take every public CA's.
		roots := append(ca.RootPEM(), st.pebble.IssuerRootPEM...)
		l, err := ctlog.Start(filepath.Join(dir, "ct", name), "devproof local log "+name, "devproof local operator "+name, roots)
		if err != nil {
			return err
		}
		*stops = append(*stops, l.Close)
		logs, sources = append(logs, l), append(sources, l)
	}
	st.ctLogs = logs
	listJSON := ctlog.LogList("devproof-dev", logs...)
	st.LogList = filepath.Join(dir, "ct", "log-list.json")
	if err := os.WriteFile(st.LogList, listJSON, 0o644); err != nil {
		return err
	}
	list, err := ctpolicy.ParseLogList(listJSON)
	if err != nil {
		return err
	}
	cert, err := ca.IssueLogged(ctx, sources, "source.devproof.test")
	if err != nil {
		return err
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	// The price at a given second, so the market is time-indexed: its
	// outcome does not depend on when the notary observes.
	src := &http.Server{ReadHeaderTimeout: 10 * time.Second, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"pair":"BTC-USD","at":%q,"price":101234.5}`, r.URL.Query().Get("at"))
	})}
	go src.Serve(tls.NewListener(l, &tls.Config{Certificates: []tls.Certificate{cert}}))
	*stops = append(*stops, func() { src.Close() })
	sourceURL := "https://" + l.Addr().String() + "/price?at=" + notary.ResolveAfterParam

	chain := dc.client
	auth := dc.auth
	mined := func(what string, tx *types.Transaction, err error) error { return dc.mined(ctx, what, tx, err) }
	keys := dc.keys

	signer, err := notary.NewSigner(ctx, agent)
	if err != nil {
		return err
	}
	regAddr, tx, reg, err := bindings.DeployNotaryRegistry(auth(0, nil), chain, dc.appAuth, crypto.PubkeyToAddress(sim.Keys().KMSRoot.PublicKey), uint64(PolicyDelay/time.Second))
	if err := mined("deploying NotaryRegistry", tx, err); err != nil {
		return err
	}
	args, err := contracts.ArgsFor(signer)
	if err != nil {
		return err
	}
	tx, err = reg.Register(auth(0, nil), args.SignerKey, args.AppKey, args.AppSignature, args.KMSSignature)
	if err := mined("registering the notary signer", tx, err); err != nil {
		return err
	}
	marketAddr, tx, market, err := bindings.DeployPredictionMarket(auth(0, nil), chain, regAddr, uint64(demoChallenge/time.Second))
	if err := mined("deploying PredictionMarket", tx, err); err != nil {
		return err
	}
	id := notary.MarketID(DemoMarket)
	// Statements carry the real time of observation, so the market closes
	// on the wall clock, a few seconds from now. The simulated chain runs
	// a second ahead per block (and was moved on by the pending period),
	// so the market and both bets share a block.
	head, err := chain.HeaderByNumber(ctx, nil)
	if err != nil {
		return err
	}
	resolveAfter := uint64(max(time.Now().Unix(), int64(head.Time))) + 3
	def := notary.Market{
		SourceURL: sourceURL, Pointer: "/price", Comparator: ">=", Threshold: "100000",
		ResolveAfter: time.Unix(int64(resolveAfter), 0), Window: uint64(demoWindow / time.Second),
	}
	eth := big.NewInt(params.Ether)
	// Sent together, before the block that makes the bets valid, so their
	// gas is set rather than estimated.
	opts := func(i int, value *big.Int) *bind.TransactOpts {
		a := auth(i, value)
		a.GasLimit = 300_000
		return a
	}
	var batch []*types.Transaction
	for _, send := range []func() (*types.Transaction, error){
		func() (*types.Transaction, error) { return market.Create(opts(0, nil), id, contracts.Terms(def)) },
		func() (*types.Transaction, error) { return market.Bet(opts(1, eth), id, true) },
		func() (*types.Transaction, error) {
			return market.Bet(opts(2, new(big.Int).Mul(big.NewInt(2), eth)), id, false)
		},
	} {
		tx, err := send()
		if err != nil {
			return fmt.Errorf("creating the market and betting: %w", err)
		}
		batch = append(batch, tx)
	}
	dc.backend.Commit()
	for _, tx := range batch {
		if r, err := chain.TransactionReceipt(ctx, tx.Hash()); err != nil || r.Status != types.ReceiptStatusSuccessful {
			return fmt.Errorf("creating the market and betting: transaction failed (%v)", err)
		}
	}
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(time.Until(time.Unix(int64(resolveAfter)+1, 0))):
	}

	step(10, "notary resolves %q from %s and the chain pays out", DemoMarket, sourceURL)
	svc := &notary.Service{
		// Every check as in production: path, host name, CT against the
		// local logs' list, and the CRL.
		Client:  &notary.Client{Roots: ca.Pool(), LogList: list, Notary: notary.Notary{AppID: st.AppID, ComposeHash: st.ComposeHash}},
		Signer:  signer,
		Domain:  notary.Domain{ChainID: big.NewInt(simChainID), VerifyingContract: marketAddr},
		Markets: notary.FixedBook{id: def},
	}
	n, err := svc.Observe(ctx, id)
	if err != nil {
		return fmt.Errorf("resolving %s: %w", DemoMarket, err)
	}
	// A block at the wall clock's time, so that the submission's gas is
	// estimated in the window rather than before it.
	dc.backend.Commit()
	tx, err = market.Resolve(auth(0, nil), id, contracts.Statement(n.Statement), n.Signature)
	if err := mined("submitting the statement", tx, err); err != nil {
		return err
	}
	// The chain's clock moves past the window and the challenge period.
	if err := adjustTime(dc.backend, demoWindow+demoChallenge+time.Second); err != nil {
		return err
	}
	winner := crypto.PubkeyToAddress(keys[1].PublicKey)
	before, _ := chain.BalanceAt(ctx, winner, nil)
	tx, err = market.Claim(auth(1, nil), id)
	if err := mined("claiming", tx, err); err != nil {
		return err
	}
	after, _ := chain.BalanceAt(ctx, winner, nil)
	m, err := market.Markets(nil, id)
	if err != nil {
		return err
	}
	st.Market = &Settlement{
		Source: sourceURL, Value: string(n.Value), Outcome: m.Outcome, Payout: new(big.Int).Sub(after, before),
		Registry: regAddr.Hex(), Market: marketAddr.Hex(), Signer: signer.Address.Hex(), Checks: n.Record.Checks,
	}
	return nil
}
