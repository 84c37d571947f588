//go:build !tee

package main

import (
	"bytes"
	"context"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/devproof/devproof/internal/audit"
)

// The verify command `devproof dev` prints passes as printed: the
// evidence, the live key, DNS and the chain, which it reads over the dev
// chain's JSON-RPC. The only skips: the dev domain has no gateway CNAME,
// and the command leaves out --ct, since the dev stack logged a rogue
// certificate on purpose (the tutorial shows --ct catching it).
func TestDevVerifyCommandPassesAsPrinted(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	out, _ := sharedDev(t)
	args := printedArgs(t, out, "verify https://")[1:]
	var stdout bytes.Buffer
	err := runVerify(ctx, args, &stdout, io.Discard)
	t.Logf("verify %s\n%s", strings.Join(args, " "), stdout.String())
	if err != nil {
		t.Errorf("verify as printed: %v", err)
	}
	status := map[string]string{}
	for _, line := range strings.Split(stdout.String(), "\n") {
		if f := strings.Fields(line); len(f) >= 2 {
			status[f[0]] = f[1]
		}
	}
	expectedSkips := []string{"dns-cname", "ct"}
	for name, s := range status {
		if s == string(audit.Fail) || s == string(audit.Skip) && !slices.Contains(expectedSkips, name) {
			t.Errorf("%s: %s", name, s)
		}
	}
	for _, name := range audit.ChainCheckNames {
		if want := map[bool]string{true: "skip", false: "pass"}[slices.Contains(expectedSkips, name)]; status[name] != want {
			t.Errorf("chain check %s: %q, want %s", name, status[name], want)
		}
	}
	if status["result"] != "PASS" {
		t.Errorf("result %q, want PASS", status["result"])
	}
}
