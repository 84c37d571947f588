package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/devproof/devproof/internal/attest"
	"github.com/devproof/devproof/internal/audit"
)

const verifyURLSynopsis = `verify https://<domain>[:port] [--rpc URL] [--kms ADDR] [--app-auth ADDR] [--registry ADDR]
       [--market ADDR] [--ct LOGLIST] [--expect-compose-hash H] [--allow-simulated] [--json]

Checks a live app as any user can: its /evidences/, the key its TLS
handshake serves, its DNS records and, with --rpc, its contracts. One line
per check, pass, fail or skip with the reason; exit status is 0 only when
no check failed.`

// runVerifyURL runs "devproof verify https://…".
func runVerifyURL(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("verify", verifyURLSynopsis, stderr)
	asJSON := fs.Bool("json", false, "print the report as JSON (schema 1) on stdout")
	allowSim := fs.Bool("allow-simulated", false, "accept simulated quotes (development only)")
	expect := fs.String("expect-compose-hash", "", "the compose hash the app must run, hex")
	caFile := fs.String("ca", "", "PEM roots to trust for the domain's TLS (default: the system's)")
	dnsServer := fs.String("dns", "", "DNS server host:port for the TXT, CAA and CNAME checks (default: /etc/resolv.conf's first)")
	ct := fs.String("ct", "", "a CT log list (v3 JSON): check that every logged certificate for the domain has an attested key")
	collateral := fs.String("collateral", "", "directory of Intel PCS collateral for TCB checks")
	var resolve stringsFlag
	fs.Var(&resolve, "resolve", "HOST:PORT:ADDR, as curl's: reach HOST:PORT at ADDR (repeatable)")
	rpc := fs.String("rpc", "", "JSON-RPC URL of the chain holding the app's contracts")
	kms := fs.String("kms", "", "with --rpc: the DstackKms address")
	appAuth := fs.String("app-auth", "", "with --rpc: the app's AppAuth address (default: the app id)")
	registry := fs.String("registry", "", "with --rpc: the NotaryRegistry address")
	market := fs.String("market", "", "with --rpc: the PredictionMarket address")
	pos, err := parseArgs(fs, args, 1)
	if err != nil {
		return err
	}
	opts := audit.Options{
		ExpectComposeHash: *expect,
		AllowSimulated:    *allowSim,
		DNS:               *dnsServer,
		CTLogList:         *ct,
		Quote:             attest.VerifyOptions{CollateralDir: *collateral},
	}
	if *expect != "" {
		if b, err := hexFlag("--expect-compose-hash", strings.TrimPrefix(*expect, "0x")); err != nil {
			return err
		} else if len(b) != 32 {
			return fmt.Errorf("--expect-compose-hash %q is %d bytes, want 32", *expect, len(b))
		}
	}
	if opts.Roots, err = loadCertPool("--ca", *caFile); err != nil {
		return err
	}
	if opts.Dial, err = resolveDial(resolve); err != nil {
		return err
	}
	if *rpc != "" {
		opts.Chain = &audit.ChainOptions{RPC: *rpc, KMS: *kms, AppAuth: *appAuth, Registry: *registry, Market: *market}
	} else if *kms != "" || *appAuth != "" || *registry != "" || *market != "" {
		return fmt.Errorf("%w: --kms, --app-auth, --registry and --market need --rpc", errUsage)
	}
	rep, err := audit.Run(ctx, pos[0], opts)
	if err != nil {
		return err
	}
	return finish(stdout, *asJSON, rep.OK, rep, func() { printAudit(stdout, rep) })
}

// printAudit prints one line per check and the result.
func printAudit(w io.Writer, r *audit.Report) {
	fmt.Fprintf(w, "%-16s %s\n", "url", r.URL)
	failed := 0
	for _, c := range r.Checks {
		if c.Status == audit.Fail {
			failed++
		}
		fmt.Fprintf(w, "%-16s %-4s %s\n", c.Name, c.Status, c.Reason)
	}
	if failed == 0 {
		fmt.Fprintf(w, "%-16s PASS\n", "result")
		return
	}
	fmt.Fprintf(w, "%-16s FAIL (%d checks failed)\n", "result", failed)
}
