package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/devproof/devproof/deploy/compose"
	"github.com/devproof/devproof/internal/atomicfile"
)

const composeSynopsis = `compose [-f docker-compose.yaml] [-o app-compose.json] --name NAME [flags] [--json] [--strict]

Examples:
  devproof compose --name my-app --gateway --allowed-envs API_TOKEN,RPC_URL
  devproof compose -f app.yaml -o out/app-compose.json --name my-app --json

Writes the app-compose.json dstack deploys for a docker-compose file, as RFC 8785
canonical JSON with no trailing newline, then prints its compose hash (sha256 of the
bytes written) and warnings about what in it lets the developer in.
Exit status is 0, or with --strict 1 when there are warnings (the file is written either way).`

const composeHashSynopsis = `compose hash FILE [--json] [--strict]

Example:
  devproof compose hash app-compose.json

Prints the compose hash of an existing app-compose.json (sha256 of its exact bytes,
whatever their form) and the warnings for it and its docker_compose_file.
Exit status is 0, or with --strict 1 when there are warnings.`

// composeReport is what both forms print.
type composeReport struct {
	File        string            `json:"file"`
	ComposeHash string            `json:"compose_hash"`
	Warnings    []compose.Warning `json:"warnings"`
	OK          bool              `json:"ok"`
}

func runCompose(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "hash" {
		return runComposeHash(args[1:], stdout, stderr)
	}
	fs := newFlagSet("compose", composeSynopsis, stderr)
	in := fs.String("f", "docker-compose.yaml", "the docker-compose file")
	out := fs.String("o", "app-compose.json", "where to write the app-compose")
	var o compose.Options
	fs.StringVar(&o.Name, "name", "", "the app's name (required)")
	fs.StringVar(&o.KeyProvider, "key-provider", "kms", "kms, local, tpm or none")
	fs.StringVar(&o.KeyProviderID, "key-provider-id", "", "pin the key provider, hex (for kms: the KMS CA public key)")
	fs.BoolVar(&o.Gateway, "gateway", false, "gateway_enabled: reachable through dstack-gateway")
	fs.BoolVar(&o.PublicLogs, "public-logs", false, "public_logs: the guest publishes the containers' output")
	fs.BoolVar(&o.PublicSysinfo, "public-sysinfo", false, "public_sysinfo: the guest publishes system information")
	fs.BoolVar(&o.HideTCBInfo, "hide-tcbinfo", false, "public_tcbinfo false: the guest does not publish this app-compose")
	fs.BoolVar(&o.NoInstanceID, "no-instance-id", false, "no_instance_id")
	fs.BoolVar(&o.InsecureTime, "insecure-time", false, "secure_time false: boot on the host's clock")
	fs.StringVar(&o.StorageFS, "storage-fs", "", "ext4 or zfs (default: dstack's, zfs)")
	fs.Func("allowed-envs", "encrypted env variables the guest keeps, comma-separated; repeatable", func(v string) error {
		for _, e := range strings.Split(v, ",") {
			if e = strings.TrimSpace(e); e != "" {
				o.AllowedEnvs = append(o.AllowedEnvs, e)
			}
		}
		return nil
	})
	preLaunch := fs.String("pre-launch-script", "", "file whose text becomes pre_launch_script")
	var initScripts []string
	fs.Func("init-script", "file whose text becomes an init_script; repeatable, in order", func(v string) error {
		initScripts = append(initScripts, v)
		return nil
	})
	asJSON := fs.Bool("json", false, "print the report as JSON")
	strict := fs.Bool("strict", false, "exit 1 when there are warnings")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		fs.Usage()
		return errUsage
	}
	if o.Name == "" {
		return fmt.Errorf("--name is required: the app's name is part of what is measured")
	}
	if *preLaunch != "" {
		b, err := os.ReadFile(*preLaunch)
		if err != nil {
			return fmt.Errorf("--pre-launch-script: %w", err)
		}
		o.PreLaunchScript = string(b)
	}
	for _, f := range initScripts {
		b, err := os.ReadFile(f)
		if err != nil {
			return fmt.Errorf("--init-script: %w", err)
		}
		o.InitScripts = append(o.InitScripts, string(b))
	}
	dc, err := os.ReadFile(*in)
	if err != nil {
		return fmt.Errorf("docker-compose file: %w", err)
	}
	a, err := compose.Generate(*in, dc, o)
	if err != nil {
		return err
	}
	b, err := compose.Encode(a)
	if err != nil {
		return err
	}
	if err := atomicfile.Write(*out, b, 0o644); err != nil {
		return err
	}
	ws, err := compose.Check(a)
	if err != nil {
		return err
	}
	return printCompose(stdout, *out, b, ws, *asJSON, *strict)
}

func runComposeHash(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("compose hash", composeHashSynopsis, stderr)
	asJSON := fs.Bool("json", false, "print the report as JSON")
	strict := fs.Bool("strict", false, "exit 1 when there are warnings")
	pos, err := parseArgs(fs, args, 1)
	if err != nil {
		return err
	}
	b, err := os.ReadFile(pos[0])
	if err != nil {
		return fmt.Errorf("app-compose: %w", err)
	}
	a, err := compose.Parse(pos[0], b)
	if err != nil {
		return err
	}
	ws, err := compose.Check(a)
	if err != nil {
		return fmt.Errorf("app-compose %q: %w", pos[0], err)
	}
	return printCompose(stdout, pos[0], b, ws, *asJSON, *strict)
}

func printCompose(w io.Writer, file string, b []byte, ws []compose.Warning, asJSON, strict bool) error {
	if ws == nil {
		ws = []compose.Warning{}
	}
	rep := composeReport{File: file, ComposeHash: compose.Hash(b), Warnings: ws, OK: !strict || len(ws) == 0}
	return finish(w, asJSON, rep.OK, rep, func() {
		row := func(k, v string) { fmt.Fprintf(w, "%-15s %s\n", k+":", v) }
		row("file", file)
		row("compose_hash", rep.ComposeHash)
		for _, x := range ws {
			row("warning", x.String())
		}
		switch {
		case len(ws) == 0:
			row("result", "no warnings")
		case strict:
			row("result", fmt.Sprintf("FAIL: %d warnings (--strict)", len(ws)))
		default:
			row("result", fmt.Sprintf("%d warnings", len(ws)))
		}
	})
}
