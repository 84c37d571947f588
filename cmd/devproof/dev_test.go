//go:build !tee

package main

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"
)

// The tunnel client command `devproof dev` prints works as printed: it
// accepts the dev tunnel's key only because the app's evidence attests
// it, and carries bytes to the echo service. The same command told to
// expect another compose hash refuses the evidence.
func TestDevTunnelCommandWorksAsPrinted(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	out, _ := sharedDev(t)
	args := printedArgs(t, out, "tunnel client ")[2:]
	addr, stderr, stop := startTunnelClient(t, args)
	got, err := ping(t, addr)
	if err != nil || string(got) != "ping" {
		t.Fatalf("echo through the printed client = %q, %v\n%s", got, err, stderr.String())
	}
	if !strings.Contains(stderr.String(), `"msg":"attested keys loaded"`) {
		t.Errorf("the client did not load attested keys:\n%s", stderr.String())
	}
	stop()

	for i, a := range args {
		if a == "--compose-hash" {
			args[i+1] = strings.Repeat("0", 64)
		}
	}
	err = runTunnelClient(ctx, args, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "identity: compose_hash") {
		t.Errorf("client expecting another compose hash: %v, want the identity check to refuse the compose hash", err)
	}
}
