//go:build !tee

package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/devproof/devproof/internal/devstack"
	"github.com/devproof/devproof/internal/syncbuf"
)

// tutorialStep is one command of docs/tutorial.md and what its output must
// hold.
type tutorialStep struct {
	line       int
	cmd        string
	want       []string
	exit       int
	background bool
}

// readTutorial reads the ```sh blocks: each command (with backslash
// continuations joined), the "#> text" lines after it (its output
// contains text), and "#> exit N" (its exit status).
func readTutorial(t *testing.T, path string) []tutorialStep {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var steps []tutorialStep
	in, cont := false, ""
	sc := bufio.NewScanner(bytes.NewReader(b))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case !in && line == "```sh":
			in = true
			continue
		case in && line == "```":
			in = false
			continue
		case !in:
			continue
		}
		trimmed := strings.TrimSpace(line)
		if want, ok := strings.CutPrefix(trimmed, "#>"); ok {
			if len(steps) == 0 {
				t.Fatalf("%s:%d: an expectation before any command", path, n)
			}
			s := &steps[len(steps)-1]
			want = strings.TrimSpace(want)
			if code, ok := strings.CutPrefix(want, "exit "); ok {
				if s.exit, err = strconv.Atoi(code); err != nil {
					t.Fatalf("%s:%d: %q is not an exit status", path, n, want)
				}
				continue
			}
			s.want = append(s.want, want)
			continue
		}
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		if c, ok := strings.CutSuffix(trimmed, `\`); ok {
			cont += c + " "
			continue
		}
		cmd := cont + trimmed
		cont = ""
		s := tutorialStep{line: n, cmd: cmd}
		if c, ok := strings.CutSuffix(cmd, "&"); ok {
			s.cmd, s.background = strings.TrimSpace(c), true
		}
		steps = append(steps, s)
	}
	return steps
}

var shellVar = regexp.MustCompile(`\$\{?([A-Z_][A-Z0-9_]*)\}?`)

// expand replaces $NAME and ${NAME} from env, failing on a name env lacks.
func expand(t *testing.T, s string, env map[string]string) string {
	t.Helper()
	return shellVar.ReplaceAllStringFunc(s, func(m string) string {
		name := shellVar.FindStringSubmatch(m)[1]
		v, ok := env[name]
		if !ok {
			t.Fatalf("%q uses $%s, which devproof dev's env file does not set", s, name)
		}
		return v
	})
}

// readEnv reads the "export NAME=value" lines of devproof dev's env file.
func readEnv(t *testing.T, path string) map[string]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	env := map[string]string{}
	for _, line := range strings.Split(string(b), "\n") {
		kv, ok := strings.CutPrefix(line, "export ")
		if !ok {
			continue
		}
		k, v, _ := strings.Cut(kv, "=")
		env[k] = strings.Trim(v, "'")
	}
	return env
}

// The tutorial's commands, run in order against a fresh devproof dev,
// print what it says they print. devproof commands run in process; curl
// through the shell.
func TestTutorial(t *testing.T) {
	steps := readTutorial(t, "../../docs/tutorial.md")
	if len(steps) < 8 {
		t.Fatalf("docs/tutorial.md has %d commands", len(steps))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 150*time.Second)
	defer cancel()
	_, dir := sharedDev(t)
	env := readEnv(t, filepath.Join(dir, devstack.EnvFile))
	for k, v := range env {
		t.Setenv(k, v)
	}
	t.Chdir(t.TempDir())

	var background []func()
	defer func() {
		for _, stop := range background {
			stop()
		}
	}()
	for _, s := range steps {
		if s.cmd == ". devproof-dev/env" {
			continue // the test read the env file itself
		}
		cmd := expand(t, s.cmd, env)
		var want []string
		for _, w := range s.want {
			want = append(want, expand(t, w, env))
		}
		args, outFile := strings.Fields(cmd), ""
		if i := len(args) - 2; i > 0 && args[i] == ">" {
			args, outFile = args[:i], args[i+1]
		}
		var output syncbuf.Buffer
		var code int
		switch {
		case len(args) > 3 && strings.Join(args[:3], " ") == "go run ./cmd/devproof":
			args = args[3:]
			if s.background {
				bctx, stop := context.WithCancel(ctx)
				bdone := make(chan int, 1)
				go func() { bdone <- run(bctx, args, &output, &output) }()
				background = append(background, func() { stop(); <-bdone })
				deadline := time.Now().Add(30 * time.Second)
				for !containsAll(output.String(), want) && time.Now().Before(deadline) {
					time.Sleep(20 * time.Millisecond)
				}
				break
			}
			var stdout bytes.Buffer
			w := io.Writer(&output)
			if outFile != "" {
				w = &stdout
			}
			code = run(ctx, args, w, &output)
			if outFile != "" {
				if err := os.WriteFile(outFile, stdout.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		default:
			if _, err := exec.LookPath(args[0]); err != nil {
				if os.Getenv("CI") != "" {
					t.Fatalf("docs/tutorial.md:%d needs %s, which is missing", s.line, args[0])
				}
				t.Logf("docs/tutorial.md:%d: skipped, %s is missing", s.line, args[0])
				continue
			}
			c := exec.CommandContext(ctx, "sh", "-c", cmd)
			c.Stdout, c.Stderr = &output, &output
			if err := c.Run(); err != nil {
				code = -1
				if ee, ok := err.(*exec.ExitError); ok {
					code = ee.ExitCode()
				}
			}
		}
		got := output.String()
		if code != s.exit {
			t.Errorf("docs/tutorial.md:%d: %s\nexit status %d, want %d; output:\n%s", s.line, s.cmd, code, s.exit, got)
			continue
		}
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("docs/tutorial.md:%d: %s\noutput lacks %q:\n%s", s.line, s.cmd, w, got)
			}
		}
	}
}

func containsAll(s string, subs []string) bool {
	for _, w := range subs {
		if !strings.Contains(s, w) {
			return false
		}
	}
	return true
}

// The tutorial starts the stack the way its test assumes: with the env
// file in devproof-dev/.
func TestTutorialStartsDev(t *testing.T) {
	b, err := os.ReadFile("../../docs/tutorial.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"go run ./cmd/devproof dev --dir devproof-dev", ". devproof-dev/env"} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("docs/tutorial.md lacks %q", want)
		}
	}
}
