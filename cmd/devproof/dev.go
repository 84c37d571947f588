//go:build !tee

package main

import (
	"context"
	"io"

	"github.com/devproof/devproof/internal/devstack"
)

func init() { commands["dev"] = runDev }

func runDev(ctx context.Context, args []string, _, stderr io.Writer) error {
	fs := newFlagSet("dev", "dev [--dir DIR] [--seed SEED] [--https-port 8443] [--target host:port]", stderr)
	dir := fs.String("dir", "", "directory for sockets and state (default: a temporary one, removed on exit)")
	seed := fs.String("seed", "devproof-dev", "seed for the simulated app's keys")
	target := fs.String("target", "", "serve this backend (host:port or URL) instead of the demo page")
	port := fs.Int("https-port", 8443, "port of the ingress on 127.0.0.1 (0 picks a free one)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		fs.Usage()
		return errUsage
	}
	return devstack.Run(ctx, devstack.Config{Dir: *dir, Seed: *seed, HTTPSPort: *port, Target: *target, Out: stderr})
}
