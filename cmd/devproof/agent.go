package main

import (
	"context"
	"fmt"
	"io"

	"github.com/devproof/devproof/internal/attest"
	"github.com/devproof/devproof/internal/tee"
)

func runAgent(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("agent", "agent info|quote|version [--endpoint E] [--report-data HEX | --tag T --content S]", stderr)
	endpoint := fs.String("endpoint", "", "guest-agent socket or URL (default: $DSTACK_SIMULATOR_ENDPOINT, then the standard socket paths)")
	reportData := fs.String("report-data", "", "quote: up to 64 bytes of report data, hex")
	tag := fs.String("tag", "", "quote: report_data = sha512(tag + \":\" + content)")
	content := fs.String("content", "", "quote: content for --tag")
	pos, err := parseArgs(fs, args, 1)
	if err != nil {
		return err
	}
	c := tee.New(*endpoint)
	var resp any
	switch pos[0] {
	case "info":
		resp, err = c.Info(ctx)
	case "version":
		resp, err = c.GetVersion(ctx)
	case "quote":
		var rd []byte
		switch {
		case *tag != "" && *reportData != "":
			return fmt.Errorf("give --report-data or --tag, not both")
		case *tag != "":
			d := attest.TaggedReportData(*tag, []byte(*content))
			rd = d[:]
		default:
			if rd, err = hexFlag("--report-data", *reportData); err != nil {
				return err
			}
		}
		resp, err = c.GetQuote(ctx, rd)
	default:
		fs.Usage()
		return errUsage
	}
	if err != nil {
		return err
	}
	return printJSON(stdout, resp)
}
