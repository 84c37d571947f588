//go:build !tee

package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/devproof/devproof/internal/teesim"
)

func init() { commands["simulator"] = runSimulator }

func runSimulator(ctx context.Context, args []string, _, stderr io.Writer) error {
	fs := newFlagSet("simulator", "simulator --socket PATH [flags]", stderr)
	socket := fs.String("socket", "", "unix socket to serve the guest-agent API on (required)")
	seed := fs.String("seed", "devproof-dev", "seed for deterministic KMS root, app key and CA")
	appKeys := fs.String("appkeys", "", "appkeys.json in dstack's official simulator format (replaces --seed)")
	compose := fs.String("app-compose", "", "app-compose.json to measure (default: a built-in one)")
	appID := fs.String("app-id", "", "20-byte app id, hex (default: first 20 bytes of the compose hash; required with --appkeys)")
	instanceID := fs.String("instance-id", "", "20-byte instance id, hex (default: derived from the app id)")
	evVersion := fs.Int("event-log-version", 1, "runtime event digest form: 1 or 2")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if *socket == "" || len(pos) > 0 {
		fs.Usage()
		return errUsage
	}
	cfg := teesim.Config{Seed: []byte(*seed), EventLogVersion: *evVersion}
	if *appKeys != "" {
		if cfg.Keys, err = teesim.LoadAppKeys(*appKeys); err != nil {
			return err
		}
	}
	if *compose != "" {
		if cfg.AppCompose, err = os.ReadFile(*compose); err != nil {
			return fmt.Errorf("--app-compose: %w", err)
		}
	}
	if cfg.AppID, err = hexFlag("--app-id", *appID); err != nil {
		return err
	}
	if cfg.InstanceID, err = hexFlag("--instance-id", *instanceID); err != nil {
		return err
	}
	sim, err := teesim.New(cfg)
	if err != nil {
		return err
	}
	l, err := teesim.ListenUnix(*socket)
	if err != nil {
		return err
	}
	defer os.Remove(*socket)
	id := sim.AppID()
	fmt.Fprintf(stderr, "simulator: serving the dstack guest-agent API on unix:%s (app id %x)\n", *socket, id[:])
	fmt.Fprintf(stderr, "simulator: its quotes are simulated and verify as such, never as real\n")
	fmt.Fprintf(stderr, "  export DSTACK_SIMULATOR_ENDPOINT=%s\n", *socket)
	if err := sim.Serve(ctx, l); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "simulator: stopped\n")
	return nil
}
