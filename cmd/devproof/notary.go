package main

import (
	"context"
	"crypto/x509"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/devproof/devproof/internal/tee"
	"github.com/devproof/devproof/notary"
	"github.com/devproof/devproof/notary/ctpolicy"
)

func init() { commands["notary"] = runNotary }

const checkChainSynopsis = `notary check-chain --chain PEM --log-list JSON [--at RFC3339] [--host NAME] [--roots PEM] [--json]

Runs the notary's offline checks on a saved chain (leaf first): path
validation to the system (or --roots) roots at --at, the host name, and
Chrome's CT policy against the log list. Exit status 0 only when all pass.`

const notaryUsage = `Usage:
  devproof notary fetch URL [flags]       fetch over the hardened client and print R and the signed statement
  devproof notary serve [flags]           the oracle API: POST /v1/notarize, POST /v1/markets/{id}/resolve
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
	if opts.Roots, err = loadRoots(*rootsFile); err != nil {
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

func loadRoots(path string) (*x509.CertPool, error) {
	if path == "" {
		return nil, nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("--roots: %w", err)
	}
	p := x509.NewCertPool()
	if !p.AppendCertsFromPEM(b) {
		return nil, fmt.Errorf("--roots %q has no PEM certificates", path)
	}
	return p, nil
}

// runNotaryOnline is "notary fetch URL" and "notary serve": both build the
// hardened client and the GetKey signer.
func runNotaryOnline(ctx context.Context, sub string, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("notary "+sub, "notary "+sub+map[string]string{"fetch": " URL", "serve": ""}[sub]+" --log-list JSON [flags]", stderr)
	listFile := fs.String("log-list", "", "CT log-list snapshot, loglist3 JSON (required unless --ct off)")
	ctPolicy := fs.String("ct", "require", "CT policy: require, prefer or off")
	revPolicy := fs.String("revocation", "require", "revocation policy: require, prefer or off")
	rootsFile := fs.String("roots", "", "PEM roots to trust instead of the system's")
	maxBody := fs.Int64("max-body", 1<<20, "largest response body accepted, bytes")
	timeout := fs.Duration("timeout", 15*time.Second, "bound on one fetch")
	endpoint := fs.String("endpoint", "", "guest-agent socket or URL (default: $DSTACK_SIMULATOR_ENDPOINT, then the standard socket paths)")
	chainID := fs.Int64("chain-id", 1, "EIP-712 domain chainId")
	contract := fs.String("contract", "0x0000000000000000000000000000000000000000", "EIP-712 domain verifyingContract")
	extract := fs.String("extract", "", "fetch: JSON pointer to the value to sign")
	nonce := fs.String("nonce", "", "fetch: 32-byte hex for the statement's marketId")
	listen := fs.String("listen", "127.0.0.1:8090", "serve: address to listen on")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if (sub == "fetch") != (len(pos) == 1) || len(pos) > 1 {
		fs.Usage()
		return errUsage
	}
	c := &notary.Client{CT: notary.Policy(*ctPolicy), Revocation: notary.Policy(*revPolicy), MaxBodyBytes: *maxBody, Timeout: *timeout}
	for name, p := range map[string]notary.Policy{"--ct": c.CT, "--revocation": c.Revocation} {
		if p != notary.Require && p != notary.Prefer && p != notary.Off {
			return fmt.Errorf("%s %q is not require, prefer or off", name, p)
		}
	}
	if c.CT != notary.Off && *listFile == "" {
		return fmt.Errorf("--log-list is required with --ct %s (a reviewed loglist3 snapshot, e.g. Chrome's)", c.CT)
	}
	if c.Roots, err = loadRoots(*rootsFile); err != nil {
		return err
	}
	if *listFile != "" {
		if c.LogList, err = ctpolicy.LoadLogList(*listFile); err != nil {
			return err
		}
	}
	if !common.IsHexAddress(*contract) {
		return fmt.Errorf("--contract %q is not an address", *contract)
	}
	domain := notary.Domain{ChainID: big.NewInt(*chainID), VerifyingContract: common.HexToAddress(*contract)}
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
		l, err := net.Listen("tcp", *listen)
		if err != nil {
			return err
		}
		fmt.Fprintf(stderr, "notary: serving on http://%s (signer %s)\n", l.Addr(), signer.Address.Hex())
		svc := &notary.Service{Client: c, Signer: signer, Domain: domain}
		srv := &http.Server{Handler: svc, ReadHeaderTimeout: 10 * time.Second}
		go func() { <-ctx.Done(); srv.Close() }()
		if err := srv.Serve(l); err != nil && err != http.ErrServerClosed {
			return err
		}
		return nil
	}
	var market common.Hash
	if *nonce != "" {
		b, err := hexFlag("--nonce", strings.TrimPrefix(*nonce, "0x"))
		if err != nil || len(b) != 32 {
			return fmt.Errorf("--nonce %q is not 32 bytes of hex", *nonce)
		}
		market = common.BytesToHash(b)
	}
	n, err := notary.Notarize(ctx, c, signer, domain, notary.Request{URL: pos[0]}, *extract, market)
	if err != nil {
		return err
	}
	return printJSON(stdout, n)
}
