package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
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
// Secrets have no flag.
func runIngress(ctx context.Context, args []string, _, stderr io.Writer) error {
	fs := newFlagSet("ingress", "ingress [flags]   (every flag is also an environment variable: --domains = DOMAINS)", stderr)
	vals := map[string]*string{} // by setting name
	flagOf := map[string]string{}
	var secrets []string
	for _, s := range ingress.Settings {
		if s.Secret {
			secrets = append(secrets, fmt.Sprintf("  %s\n    \t%s", s.Name, s.Doc))
			continue
		}
		vals[s.Name] = fs.String(s.Flag(), "", s.Doc+defaultNote(s.Default))
		flagOf[s.Name] = s.Flag()
	}
	endpoint := fs.String("endpoint", "", "guest-agent socket or URL (default: $DSTACK_SIMULATOR_ENDPOINT, then the standard socket paths)")
	usage := fs.Usage
	fs.Usage = func() {
		usage()
		fmt.Fprintf(stderr, "\nSecrets are read only from the environment, or from the file that NAME_FILE names\n"+
			"(as Docker secrets are mounted), never from flags, which any local user sees in ps:\n%s\n",
			strings.Join(secrets, "\n"))
	}
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
	lookup := func(name string) string {
		if v, ok := vals[name]; ok && set[flagOf[name]] {
			return *v
		}
		return os.Getenv(name)
	}
	cfg, err := ingress.ParseConfig(lookup)
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
	err = in.Run(ctx)
	// Requests cut at the drain timeout are logged at WARN; a shutdown
	// that had to cut slow clients is still a clean one.
	var cut *ingress.DrainTimeoutError
	if errors.As(err, &cut) {
		return nil
	}
	return err
}

func defaultNote(d string) string {
	if d == "" {
		return ""
	}
	return " (default " + d + ")"
}
