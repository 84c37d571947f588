package main

import (
	"context"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/devproof/devproof/notary"
	"github.com/devproof/devproof/notary/ctpolicy"
)

func init() { commands["notary"] = runNotary }

const checkChainSynopsis = `notary check-chain --chain PEM --log-list JSON [--at RFC3339] [--host NAME] [--roots PEM] [--json]

Runs the notary's offline checks on a saved chain (leaf first): path
validation to the system (or --roots) roots at --at, the host name, and
Chrome's CT policy against the log list. Exit status 0 only when all pass.`

func runNotary(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "check-chain" {
		fmt.Fprintf(stderr, "Usage: devproof %s\n", checkChainSynopsis)
		return errUsage
	}
	fs := newFlagSet("notary check-chain", checkChainSynopsis, stderr)
	chainFile := fs.String("chain", "", "PEM certificate chain, leaf first (required)")
	listFile := fs.String("log-list", "", "CT log list, loglist3 JSON (required)")
	at := fs.String("at", "", "evaluation time, RFC 3339 (default: now)")
	host := fs.String("host", "", "host name the leaf must be valid for")
	rootsFile := fs.String("roots", "", "PEM roots to trust instead of the system's")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	pos, err := parseFlags(fs, args[1:])
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
	if *rootsFile != "" {
		b, err := os.ReadFile(*rootsFile)
		if err != nil {
			return fmt.Errorf("--roots: %w", err)
		}
		opts.Roots = x509.NewCertPool()
		if !opts.Roots.AppendCertsFromPEM(b) {
			return fmt.Errorf("--roots %q has no PEM certificates", *rootsFile)
		}
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
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(r); err != nil {
			return err
		}
	} else {
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
	}
	if !r.OK {
		return exitError(1)
	}
	return nil
}
