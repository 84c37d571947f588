package main

import (
	"context"
	"crypto/x509"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/devproof/devproof/internal/tee"
)

const usage = `devproof: dev-proof apps on dstack (Intel TDX)

Usage:
  devproof dev                          run the whole stack on this machine
  devproof ingress [flags]              the TLS gateway (every flag is also an env variable)
  devproof notary fetch URL [flags]     hardened fetch, session record, signed statement
  devproof notary serve [flags]         the oracle API; with --rpc and --market it observes,
                                        publishes and submits that contract's markets
                                        (submit key from NOTARY_SUBMIT_KEY or NOTARY_SUBMIT_KEY_FILE)
  devproof notary check-chain [flags]   offline checks on a saved certificate chain
  devproof verify quote FILE [flags]    verify a TDX quote or GetQuote response
  devproof verify evidence DIR|URL      verify an app's /evidences/ set: hashes, quotes,
                                        and that every served key is attested
  devproof ctmonitor watch|audit [flags]
                                        follow CT logs for certificates naming the watchlist's
                                        domains; alert those whose key the app did not attest
  devproof ctmonitor check-inclusion CERT --log-list FILE
                                        prove a certificate is in the logs at its SCTs' leaf_index
  devproof tunnel server --listen ADDR --route SNI=host:port --cert FILE --key FILE [flags]
                                        TLS in, plain TCP out to the target routed by SNI
                                        (every flag is also an env variable: TUNNEL_ROUTES, ...)
  devproof compose --name N [flags]     write app-compose.json for docker-compose.yaml; print its
                                        compose hash and what in it lets the developer in
  devproof compose hash FILE            the compose hash and warnings of an app-compose.json
  devproof simulator --socket PATH      serve the dstack guest-agent API (simulated)
  devproof agent info|quote|version     call the guest agent ($DSTACK_SIMULATOR_ENDPOINT
                                        or /var/run/dstack.sock)
  devproof deploy --rpc URL [flags]     put the app's DevproofAppAuth, KMS registration, compose
                                        hash, NotaryRegistry, signer and market on chain
                                        (key from DEPLOY_KEY or DEPLOY_KEY_FILE)

Examples:
  go run ./cmd/devproof dev
  DOMAIN=app.example.com TARGET_ENDPOINT=app:80 CLOUDFLARE_API_TOKEN=… devproof ingress
  devproof notary fetch https://api.example.com/price --log-list list.json --extract /price
  devproof verify quote quote.json --collateral ./collateral
  devproof verify evidence https://app.example.com/evidences/ --app-id <hex>
  devproof tunnel server --listen :443 --route db.example.com=db:5432 --cert tls.crt --key tls.key
  devproof compose -f docker-compose.yaml --name my-app --gateway --strict
  DEPLOY_KEY_FILE=deployer.key devproof deploy --rpc https://rpc.example --kms 0x… --app-compose app-compose.json --allow-any-device

Run 'devproof COMMAND -h' for a command's flags.
`

// command runs one subcommand.
type command func(ctx context.Context, args []string, stdout, stderr io.Writer) error

// commands are the subcommands in this build. The development ones (dev,
// simulator) register themselves from files the "tee" build tag leaves out,
// so the image that runs inside a TEE carries no stand-ins.
var commands = map[string]command{
	"verify":  runVerify,
	"agent":   runAgent,
	"compose": runCompose,
}

// standIns names the development commands, for a clear error when absent.
var standIns = map[string]bool{"dev": true, "simulator": true}

// errUsage marks a usage error: exit status 2, no "error:" prefix.
var errUsage = errors.New("usage")

// exitError carries a non-zero exit status without an error message, for
// commands whose output already says what failed.
type exitError int

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		// The first signal asks for a clean shutdown; restoring the default
		// handling lets a second one end a shutdown that hangs.
		<-ctx.Done()
		stop()
	}()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	cmd, ok := commands[args[0]]
	if !ok {
		if standIns[args[0]] {
			fmt.Fprintf(stderr, "devproof: %q is a development command, left out of this build (built with -tags tee)\n", args[0])
		} else {
			fmt.Fprintf(stderr, "devproof: unknown command %q\n\n%s", args[0], usage)
		}
		return 2
	}
	err := cmd(ctx, args[1:], stdout, stderr)
	var ee exitError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	case errors.As(err, &ee):
		return int(ee)
	}
	fmt.Fprintf(stderr, "devproof: error: %v\n", err)
	return 1
}

// parseFlags parses flags that may come before or after positional
// arguments, as in "verify quote FILE --json".
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, errUsage
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// parseArgs is parseFlags for a command that takes exactly n positional
// arguments: any other count prints the usage and is a usage error.
func parseArgs(fs *flag.FlagSet, args []string, n int) ([]string, error) {
	pos, err := parseFlags(fs, args)
	if err != nil {
		return nil, err
	}
	if len(pos) != n {
		fs.Usage()
		return nil, errUsage
	}
	return pos, nil
}

func newFlagSet(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: devproof %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// printJSON writes v to w as indented JSON, for scripts.
func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// finish prints a report, as JSON or by text, and makes the exit status 1
// unless ok: the output already says what failed.
func finish(w io.Writer, asJSON, ok bool, report any, text func()) error {
	if asJSON {
		if err := printJSON(w, report); err != nil {
			return err
		}
	} else {
		text()
	}
	if !ok {
		return exitError(1)
	}
	return nil
}

// hexFlag decodes a hex flag value, naming the flag on error.
func hexFlag(name, v string) ([]byte, error) {
	if v == "" {
		return nil, nil
	}
	return tee.DecodeHex(fmt.Sprintf("%s %q", name, v), v)
}

// loadCertPool reads path, a PEM file of certificates given by the flag or
// setting name; an empty path gives a nil pool (the system's roots).
func loadCertPool(name, path string) (*x509.CertPool, error) {
	if path == "" {
		return nil, nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	p := x509.NewCertPool()
	if !p.AppendCertsFromPEM(b) {
		return nil, fmt.Errorf("%s %s holds no PEM certificates", name, path)
	}
	return p, nil
}
