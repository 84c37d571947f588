package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math/big"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"
	"golang.org/x/sync/errgroup"

	"github.com/devproof/devproof/deploy"
	"github.com/devproof/devproof/internal/tee"
	"github.com/devproof/devproof/notary"
	"github.com/devproof/devproof/notary/ctpolicy"
	"github.com/devproof/devproof/notary/oracle"
)

func init() { commands["notary"] = runNotary }

const checkChainSynopsis = `notary check-chain --chain PEM --log-list JSON [--at RFC3339] [--host NAME] [--roots PEM] [--json]

Runs the notary's offline checks on a saved chain (leaf first): path
validation to the system (or --roots) roots at --at, the host name, and
Chrome's CT policy against the log list. Exit status 0 only when all pass.`

const notaryUsage = `Usage:
  devproof notary fetch URL [flags]       fetch over the hardened client and print R and the signed statement
  devproof notary serve [flags]           the oracle: POST /v1/notarize; with --rpc and --market, the
                                          market's markets, observed on their own and published at
                                          GET /v1/markets/{id} (POST …/resolve observes one now)
  devproof notary check-chain [flags]     offline checks on a saved chain
`

func runNotary(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, notaryUsage)
		return errUsage
	}
	switch args[0] {
	case "check-chain":
		return runCheckChain(args[1:], stdout, stderr)
	case "fetch", "serve":
		return runNotaryOnline(ctx, args[0], args[1:], stdout, stderr)
	}
	fmt.Fprint(stderr, notaryUsage)
	return errUsage
}

func runCheckChain(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("notary check-chain", checkChainSynopsis, stderr)
	chainFile := fs.String("chain", "", "PEM certificate chain, leaf first (required)")
	listFile := fs.String("log-list", "", "CT log list, loglist3 JSON (required)")
	at := fs.String("at", "", "evaluation time, RFC 3339 (default: now)")
	host := fs.String("host", "", "host name the leaf must be valid for")
	rootsFile := fs.String("roots", "", "PEM roots to trust instead of the system's")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 || *chainFile == "" || *listFile == "" {
		fs.Usage()
		return errUsage
	}
	opts := notary.ChainOptions{Host: *host, At: time.Now()}
	if *at != "" {
		if opts.At, err = time.Parse(time.RFC3339, *at); err != nil {
			return fmt.Errorf("--at %q is not an RFC 3339 time: %w", *at, err)
		}
	}
	if opts.Roots, err = loadCertPool("--roots", *rootsFile); err != nil {
		return err
	}
	if opts.LogList, err = ctpolicy.LoadLogList(*listFile); err != nil {
		return err
	}
	b, err := os.ReadFile(*chainFile)
	if err != nil {
		return fmt.Errorf("--chain: %w", err)
	}
	chain, err := notary.ParseChainPEM(b)
	if err != nil {
		return fmt.Errorf("--chain %q: %w", *chainFile, err)
	}
	r, err := notary.CheckChain(chain, opts)
	if err != nil {
		return fmt.Errorf("--chain %q: %w", *chainFile, err)
	}
	return finish(stdout, *asJSON, r.OK, r, func() {
		for _, c := range r.Checks {
			mark := "PASS"
			if !c.OK {
				mark = "FAIL"
			}
			fmt.Fprintf(stdout, "%-9s %s  %s\n", c.Name+":", mark, c.Detail)
		}
		for _, s := range r.CT.SCTs {
			state := "counted"
			if !s.Counted {
				state = "not counted: " + s.Reason
			}
			fmt.Fprintf(stdout, "  sct %s %s %q (%s, %s): %s\n", s.Source, s.Timestamp.Format(time.RFC3339), s.Log, s.Operator, s.LogState, state)
		}
	})
}

const serveSynopsis = `notary serve --log-list JSON [--rpc URL --market ADDR] [flags]

Examples:
  NOTARY_SUBMIT_KEY_FILE=./submitter.key devproof notary serve --log-list chrome-log-list.json \
      --rpc https://rpc.example --market 0x… --from-block 21000000
  devproof notary serve --log-list chrome-log-list.json     # /v1/notarize only

With --rpc and --market the notary learns that PredictionMarket's markets
from its Created events, observes each on its own when its window opens,
publishes the observation at GET /v1/markets/{id} and, with a funded key,
submits it. The statements' EIP-712 domain is the node's chain id and the
market. Without them it serves POST /v1/notarize only.`

// The submitter key has no flag: any local user can read a process's
// arguments with ps.
const (
	submitKeyEnv     = "NOTARY_SUBMIT_KEY"
	submitKeyFileEnv = "NOTARY_SUBMIT_KEY_FILE"
)

// runNotaryOnline is "notary fetch URL" and "notary serve": both build the
// hardened client and the GetKey signer.
func runNotaryOnline(ctx context.Context, sub string, args []string, stdout, stderr io.Writer) error {
	synopsis := "notary fetch URL --log-list JSON [flags]"
	if sub == "serve" {
		synopsis = serveSynopsis
	}
	fs := newFlagSet("notary "+sub, synopsis, stderr)
	listFile := fs.String("log-list", "", "CT log-list snapshot, loglist3 JSON (required unless --ct off)")
	ctPolicy := fs.String("ct", "require", "CT policy: require, prefer or off")
	revPolicy := fs.String("revocation", "require", "revocation policy: require, prefer or off")
	rootsFile := fs.String("roots", "", "PEM roots to trust instead of the system's")
	maxBody := fs.Int64("max-body", 1<<20, "largest response body accepted, bytes")
	timeout := fs.Duration("timeout", 15*time.Second, "bound on one fetch")
	maxListAge := fs.Duration("max-log-list-age", ctpolicy.MaxLogListAge, "refuse a CT log list older than this by its log_list_timestamp (1680h is 70 days)")
	endpoint := fs.String("endpoint", "", "guest-agent socket or URL (default: $DSTACK_SIMULATOR_ENDPOINT, then the standard socket paths)")
	chainID := fs.Int64("chain-id", 1, "EIP-712 domain chainId (serve --rpc: refuse a node on another chain)")
	contract := fs.String("contract", "0x0000000000000000000000000000000000000000", "EIP-712 domain verifyingContract (serve --market: must be the market)")
	extract := fs.String("extract", "", "fetch: JSON pointer to the value to sign")
	nonce := fs.String("nonce", "", "fetch: 32-byte hex for the statement's marketId")
	listen := fs.String("listen", "127.0.0.1:8090", "serve: address to listen on")
	rpc := fs.String("rpc", "", "serve: the chain's JSON-RPC endpoint (with --market)")
	market := fs.String("market", "", "serve: the PredictionMarket whose markets to observe (with --rpc)")
	fromBlock := fs.Uint64("from-block", 0, "serve: first block to scan for markets, e.g. the market's deployment block")
	rate := fs.Float64("rate", 1, "serve: requests per second per client address (IPv6: per /64)")
	burst := fs.Int("burst", 10, "serve: requests a client address may make at once")
	clockTolerance := fs.Duration("clock-tolerance", 2*time.Minute, "serve: how far the notary's clock may be from the chain head's time")
	dateTolerance := fs.Duration("date-tolerance", time.Minute, "serve: how far a market source's Date header may be from the notary's clock")
	if sub == "serve" {
		usage := fs.Usage
		fs.Usage = func() {
			usage()
			fmt.Fprintf(stderr, "\nThe key that pays for submissions (hex secp256k1) is read only from %s, or\n"+
				"from the file %s names, never from a flag; without one observations\nare published, not submitted.\n", submitKeyEnv, submitKeyFileEnv)
		}
	}
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if (sub == "fetch") != (len(pos) == 1) || len(pos) > 1 {
		fs.Usage()
		return errUsage
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if sub == "serve" && (*rpc == "") != (*market == "") {
		return errors.New("--rpc and --market go together: the notary serves the markets of one contract on one chain")
	}
	c := &notary.Client{CT: notary.Policy(*ctPolicy), Revocation: notary.Policy(*revPolicy), MaxBodyBytes: *maxBody, Timeout: *timeout, MaxLogListAge: *maxListAge}
	for name, p := range map[string]notary.Policy{"--ct": c.CT, "--revocation": c.Revocation} {
		if p != notary.Require && p != notary.Prefer && p != notary.Off {
			return fmt.Errorf("%s %q is not require, prefer or off", name, p)
		}
	}
	if c.CT != notary.Off && *listFile == "" {
		return fmt.Errorf("--log-list is required with --ct %s (a reviewed loglist3 snapshot, e.g. Chrome's)", c.CT)
	}
	if c.Roots, err = loadCertPool("--roots", *rootsFile); err != nil {
		return err
	}
	if *listFile != "" {
		if c.LogList, err = ctpolicy.LoadLogList(*listFile); err != nil {
			return err
		}
	}
	for name, v := range map[string]string{"contract": *contract, "market": *market} {
		if v != "" && !common.IsHexAddress(v) {
			return fmt.Errorf("--%s %q is not an address", name, v)
		}
	}
	domain := notary.Domain{ChainID: big.NewInt(*chainID), VerifyingContract: common.HexToAddress(*contract)}
	submitKey, err := deploy.EnvKey(os.Getenv, submitKeyEnv, submitKeyFileEnv)
	if err != nil {
		return err
	}
	if sub == "serve" && submitKey != nil && *rpc == "" {
		return fmt.Errorf("%s or %s is set, but without --rpc and --market there is nothing to submit to", submitKeyEnv, submitKeyFileEnv)
	}
	agent := tee.New(*endpoint)
	signer, err := notary.NewSigner(ctx, agent)
	if err != nil {
		return err
	}
	info, err := agent.Info(ctx)
	if err != nil {
		return err
	}
	c.Notary = notary.Notary{AppID: info.AppID, ComposeHash: info.ComposeHash}
	if sub == "serve" {
		svc := &notary.Service{Client: c, Signer: signer, Domain: domain, Rate: *rate, Burst: *burst, DateTolerance: *dateTolerance}
		var o *oracle.Oracle
		if *rpc != "" {
			addr := common.HexToAddress(*market)
			if set["contract"] && domain.VerifyingContract != addr {
				return fmt.Errorf("--contract %s is not --market %s: statements are signed for the market", *contract, addr.Hex())
			}
			node, err := ethclient.DialContext(ctx, *rpc)
			if err != nil {
				return fmt.Errorf("--rpc: %w", err)
			}
			defer node.Close()
			id, err := node.ChainID(ctx)
			if err != nil {
				return fmt.Errorf("--rpc: reading the chain id: %w", err)
			}
			if set["chain-id"] && id.Cmp(domain.ChainID) != 0 {
				return fmt.Errorf("--chain-id %s, but the node at --rpc serves chain %s", domain.ChainID, id)
			}
			svc.Domain = notary.Domain{}
			o, err = oracle.New(ctx, oracle.Config{Backend: node, Market: addr, Service: svc, FromBlock: *fromBlock, SubmitKey: submitKey,
				ClockTolerance: *clockTolerance, Log: slog.New(slog.NewTextHandler(stderr, nil))})
			if err != nil {
				return err
			}
			how := "publishing observations, not submitting them (no " + submitKeyEnv + ")"
			if submitKey != nil {
				how = "submitting observations from " + crypto.PubkeyToAddress(submitKey.PublicKey).Hex()
			}
			fmt.Fprintf(stderr, "notary: observing the markets of %s on chain %s from block %d; %s\n", addr.Hex(), id, *fromBlock, how)
		} else {
			fmt.Fprintln(stderr, "notary: no --rpc and --market: serving POST /v1/notarize only, no markets")
		}
		l, err := net.Listen("tcp", *listen)
		if err != nil {
			return err
		}
		fmt.Fprintf(stderr, "notary: serving on http://%s (signer %s)\n", l.Addr(), signer.Address.Hex())
		srv := &http.Server{Handler: svc, ReadHeaderTimeout: 10 * time.Second}
		g, gctx := errgroup.WithContext(ctx)
		g.Go(func() error {
			<-gctx.Done()
			return srv.Close()
		})
		g.Go(func() error {
			if err := srv.Serve(l); !errors.Is(err, http.ErrServerClosed) {
				return err
			}
			return nil
		})
		if o != nil {
			g.Go(func() error { return o.Run(gctx) })
		}
		return g.Wait()
	}
	var marketID common.Hash
	if *nonce != "" {
		b, err := hexFlag("--nonce", strings.TrimPrefix(*nonce, "0x"))
		if err != nil || len(b) != 32 {
			return fmt.Errorf("--nonce %q is not 32 bytes of hex", *nonce)
		}
		marketID = common.BytesToHash(b)
	}
	n, err := notary.Notarize(ctx, c, signer, domain, notary.Request{URL: pos[0]}, *extract, marketID)
	if err != nil {
		return err
	}
	return printJSON(stdout, n)
}
