package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/devproof/devproof/internal/attest"
	"github.com/devproof/devproof/internal/evidence"
)

const verifyQuoteSynopsis = `verify quote FILE [--json] [--collateral DIR] [--pccs URL | --pcs] [--allow-simulated]

FILE is a GetQuote JSON response, a hex quote or a raw binary quote ("-" reads stdin).
Exit status is 0 only when every check that could run passed.`

const verifyEvidenceSynopsis = `verify evidence DIR|URL [--allow-simulated] [--app-id HEX] [--json] [--collateral DIR]

Examples:
  devproof verify evidence https://app.example.com/evidences/ --app-id 35fcfee3777b2a97fd8b4ec211929a22bd94852a
  devproof verify evidence ./evidences --collateral ./coll --json

Checks an /evidences/ set, from a directory or its URL: every file hashed and quoted as
internal/evidence/VERIFYING.md says, and every served certificate's key attested in
keys.json. One line per check; exit status is 0 only when all pass.`

func runVerify(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 && (strings.HasPrefix(args[0], "https://") || strings.HasPrefix(args[0], "http://")) {
		return runVerifyURL(ctx, args, stdout, stderr)
	}
	if len(args) > 0 && args[0] == "evidence" {
		return runVerifyEvidence(ctx, args[1:], stdout, stderr)
	}
	if len(args) == 0 || args[0] != "quote" {
		fmt.Fprintf(stderr, "Usage: devproof %s\n\n       devproof %s\n\n       devproof %s\n", verifyURLSynopsis, verifyQuoteSynopsis, verifyEvidenceSynopsis)
		return errUsage
	}
	fs := newFlagSet("verify quote", verifyQuoteSynopsis, stderr)
	asJSON := fs.Bool("json", false, "print the report as JSON on stdout")
	collateral := fs.String("collateral", "", "directory of Intel PCS collateral for offline TCB checks")
	pccs := fs.String("pccs", "", "base URL of a PCCS to fetch collateral from")
	pcs := fs.Bool("pcs", false, "fetch collateral from Intel PCS (online)")
	save := fs.String("save-collateral", "", "with --pcs or --pccs, keep the fetched collateral in this directory")
	allowSim := fs.Bool("allow-simulated", false, "accept a simulated quote (development only)")
	allowTCB := fs.Bool("allow-outdated-tcb", false, "accept an authentic quote whose TCB is not rated UpToDate")
	at := fs.String("at", "", "verify as of this time (RFC 3339), e.g. the time the collateral was fetched")
	reportData := fs.String("report-data", "", "the report_data the quote must carry, hex")
	pos, err := parseArgs(fs, args[1:], 1)
	if err != nil {
		return err
	}
	opts := attest.CheckOptions{VerifyOptions: attest.VerifyOptions{
		CollateralDir: *collateral, PCCSURL: *pccs, Online: *pcs,
		SaveCollateralDir: *save, AllowOutdatedTCB: *allowTCB,
	}}
	if n := btoi(*collateral != "") + btoi(*pccs != "") + btoi(*pcs); n > 1 {
		return fmt.Errorf("give at most one of --collateral, --pccs and --pcs")
	}
	if *save != "" && *pccs == "" && !*pcs {
		return fmt.Errorf("--save-collateral needs --pcs or --pccs")
	}
	if *at != "" {
		if opts.Now, err = time.Parse(time.RFC3339, *at); err != nil {
			return fmt.Errorf("--at %q is not an RFC 3339 time: %w", *at, err)
		}
	}
	if *reportData != "" {
		b, err := hexFlag("--report-data", *reportData)
		if err != nil {
			return err
		}
		if len(b) > 64 {
			return fmt.Errorf("--report-data is %d bytes, at most 64", len(b))
		}
		var rd [64]byte
		copy(rd[:], b)
		opts.ReportData = &rd
	}
	file := pos[0]
	var data []byte
	if file == "-" {
		data, err = io.ReadAll(io.LimitReader(os.Stdin, attest.MaxEventLogBytes+4*attest.MaxQuoteBytes))
	} else {
		data, err = os.ReadFile(file)
	}
	if err != nil {
		return fmt.Errorf("quote file: %w", err)
	}
	ev, err := attest.ParseEvidence(data)
	if err != nil {
		return fmt.Errorf("quote file %q: %w", file, err)
	}
	rep, err := attest.Check(ev, opts)
	if err != nil {
		return fmt.Errorf("quote file %q: %w", file, err)
	}
	ok := rep.OK(*allowSim)
	return finish(stdout, *asJSON, ok, struct {
		*attest.Report
		OK bool `json:"ok"`
	}{rep, ok}, func() { printReport(stdout, rep, ok, *allowSim) })
}

func printReport(w io.Writer, r *attest.Report, ok, allowSim bool) {
	row := func(k, v string) {
		if v != "" {
			fmt.Fprintf(w, "%-15s %s\n", k+":", v)
		}
	}
	row("quote version", fmt.Sprint(r.QuoteVersion))
	status := string(r.Status)
	if r.Reason != "" {
		status += ": " + r.Reason
	}
	if r.Status == attest.Simulated && !allowSim {
		status += " (pass --allow-simulated to accept)"
	}
	row("signature", status)
	row("tcb", r.TCB)
	row("rtmr3 replay", r.RTMR3Replay)
	row("app_id", r.AppID)
	row("compose_hash", r.ComposeHash)
	row("instance_id", r.InstanceID)
	row("os_image_hash", r.OSImageHash)
	row("key_provider", r.KeyProvider)
	row("report_data", r.ReportData)
	for _, p := range r.Problems {
		fmt.Fprintf(w, "problem:        %s\n", p)
	}
	if ok {
		fmt.Fprintln(w, "result:         PASS")
	} else {
		fmt.Fprintln(w, "result:         FAIL")
	}
}

func runVerifyEvidence(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("verify evidence", verifyEvidenceSynopsis, stderr)
	asJSON := fs.Bool("json", false, "print the report as JSON on stdout")
	collateral := fs.String("collateral", "", "directory of Intel PCS collateral for offline TCB checks")
	allowSim := fs.Bool("allow-simulated", false, "accept simulated quotes (development only)")
	appID := fs.String("app-id", "", "the app id quote.json must carry, hex (20 bytes)")
	pos, err := parseArgs(fs, args, 1)
	if err != nil {
		return err
	}
	if id, err := hexFlag("--app-id", strings.TrimPrefix(*appID, "0x")); err != nil {
		return err
	} else if *appID != "" && len(id) != 20 {
		return fmt.Errorf("--app-id %q is %d bytes, want 20", *appID, len(id))
	}
	src := pos[0]
	var files evidence.Files
	if strings.HasPrefix(src, "http://") || strings.HasPrefix(src, "https://") {
		files, err = evidence.Fetch(ctx, &http.Client{Timeout: 30 * time.Second}, src)
	} else {
		files, err = evidence.ReadDir(src)
	}
	if err != nil {
		return err
	}
	rep := evidence.Verify(files, evidence.Options{
		Quote:          attest.VerifyOptions{CollateralDir: *collateral},
		AllowSimulated: *allowSim,
		AppID:          *appID,
	})
	ok := len(rep.Failures) == 0
	return finish(stdout, *asJSON, ok, struct {
		*evidence.Report
		OK bool `json:"ok"`
	}{rep, ok}, func() { printEvidenceReport(stdout, src, rep, *allowSim) })
}

// printEvidenceReport prints what the set claims, then one line per check,
// or one per failure of it.
func printEvidenceReport(w io.Writer, src string, r *evidence.Report, allowSim bool) {
	row := func(k, v string) { fmt.Fprintf(w, "%-15s %s\n", k+":", v) }
	row("source", src)
	row("app_id", r.Identity.AppID)
	row("compose_hash", r.Identity.ComposeHash)
	row("instance_id", r.Identity.InstanceID)
	if r.Manifest != nil {
		row("domains", strings.Join(r.Manifest.Domains, ", "))
	}
	simulated := 0
	for _, q := range r.Quotes {
		if q.Status == attest.Simulated {
			simulated++
		}
	}
	for _, k := range r.Keys {
		status := "no quote"
		if k.Quote != nil {
			status = string(k.Quote.Status)
			if k.Quote.Status == attest.Simulated {
				simulated++
			}
		}
		served := "not served"
		if len(k.Served) > 0 {
			served = "served as " + strings.Join(k.Served, ", ")
		}
		row("key", fmt.Sprintf("%s %s, %s, first seen %s, %s", k.SPKISHA256, status, strings.Join(k.Domains, ", "), k.FirstSeen, served))
	}
	for _, check := range evidence.Checks {
		failed := false
		for _, f := range r.Failures {
			if f.Check != check {
				continue
			}
			failed = true
			line := "FAIL " + f.File + ": " + f.Reason
			if strings.Contains(f.Reason, attest.SimulatedReason) {
				line += " (pass --allow-simulated to accept)"
			}
			row(check, line)
		}
		switch {
		case failed:
		case check == evidence.CheckQuote && simulated > 0 && allowSim:
			row(check, fmt.Sprintf("pass, but %d quotes are simulated: %s", simulated, attest.SimulatedReason))
		default:
			row(check, "pass")
		}
	}
	if len(r.Failures) == 0 {
		row("result", "PASS")
	} else {
		row("result", "FAIL")
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
