//go:build !tee

package main

import (
	"context"
	"io"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/devproof/devproof/internal/syncbuf"
)

// devStack is one `devproof dev`, started by the first test that needs it
// and stopped after the package's tests: the tests only read from it, and
// each stack costs half a minute of CPU.
var devStack struct {
	once sync.Once
	out  *syncbuf.Buffer
	dir  string
	err  error
	stop func() error
}

func init() {
	afterTests = append(afterTests, func() error {
		if devStack.stop == nil {
			return nil
		}
		return devStack.stop()
	})
}

// sharedDev returns the running dev stack's output and directory, starting
// it on first use.
func sharedDev(t *testing.T) (out, dir string) {
	t.Helper()
	devStack.once.Do(func() {
		devStack.out = &syncbuf.Buffer{}
		devStack.dir, devStack.err = os.MkdirTemp("", "devproof-cmd-dev-")
		if devStack.err != nil {
			return
		}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() {
			done <- runDev(ctx, []string{"--dir", devStack.dir, "--https-port", "0"}, io.Discard, devStack.out)
		}()
		devStack.stop = sync.OnceValue(func() error {
			cancel()
			err := <-done
			os.RemoveAll(devStack.dir)
			return err
		})
		deadline := time.Now().Add(150 * time.Second)
		for !strings.Contains(devStack.out.String(), "Press Ctrl-C") {
			select {
			case err := <-done:
				done <- err
				devStack.err = err
				if err == nil {
					devStack.err = context.Canceled
				}
				return
			case <-time.After(50 * time.Millisecond):
			}
			if time.Now().After(deadline) {
				devStack.err = context.DeadlineExceeded
				return
			}
		}
	})
	if devStack.err != nil {
		t.Fatalf("devproof dev: %v\n%s", devStack.err, devStack.out.String())
	}
	return devStack.out.String(), devStack.dir
}

// printedArgs finds the command `devproof dev` printed that starts with
// "go run ./cmd/devproof " and sub, and returns its arguments after
// "go run ./cmd/devproof", shell quotes removed.
func printedArgs(t *testing.T, out, sub string) []string {
	t.Helper()
	const prefix = "go run ./cmd/devproof "
	for _, line := range strings.Split(out, "\n") {
		if _, rest, ok := strings.Cut(line, prefix+sub); ok {
			args := strings.Fields(sub + rest)
			for i, a := range args {
				args[i] = strings.Trim(a, "'")
			}
			return args
		}
	}
	t.Fatalf("no %q command printed:\n%s", prefix+sub, out)
	return nil
}
