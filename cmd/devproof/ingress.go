package main

import (
	"context"
	"flag"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/devproof/devproof/ingress"
	"github.com/devproof/devproof/internal/tee"
)

func init() { commands["ingress"] = runIngress }

// runIngress reads every ingress setting from its environment variable,
// or from the flag of the same name (DOMAINS → --domains), which wins.
func runIngress(ctx context.Context, args []string, _, stderr io.Writer) error {
	fs := newFlagSet("ingress", "ingress [flags]   (every flag is also an environment variable: --domains = DOMAINS)", stderr)
	vals := map[string]*string{}
	for _, s := range ingress.Settings {
		vals[s.Env] = fs.String(flagName(s.Env), "", s.Usage+defaultNote(s.Default))
	}
	endpoint := fs.String("endpoint", "", "guest-agent socket or URL (default: $DSTACK_SIMULATOR_ENDPOINT, then the standard socket paths)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		fs.Usage()
		return errUsage
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	get := func(env string) string {
		if v, ok := vals[env]; ok && set[flagName(env)] {
			return *v
		}
		return os.Getenv(env)
	}
	cfg, err := ingress.ParseConfig(get)
	if err != nil {
		return err
	}
	log := slog.New(slog.NewJSONHandler(stderr, nil))
	in, err := ingress.New(ctx, cfg, ingress.Options{Agent: tee.New(*endpoint), Logger: log})
	if err != nil {
		return err
	}
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-hup:
				if err := in.CheckRenewal(ctx); err != nil {
					log.Error("renewal check", "err", err)
				}
			}
		}
	}()
	return in.Run(ctx)
}

func flagName(env string) string { return strings.ReplaceAll(strings.ToLower(env), "_", "-") }

func defaultNote(d string) string {
	if d == "" {
		return ""
	}
	return " (default " + d + ")"
}
