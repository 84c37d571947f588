//go:build !tee

package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/devproof/devproof/deploy/compose"
	"github.com/devproof/devproof/internal/realworld"
)

const pinnedNginx = "nginx@sha256:eee5eae48e79b2e75178328c7c585b89d676eaae616f03f9a1813aaed820745a"

type composeOutput struct {
	File        string            `json:"file"`
	ComposeHash string            `json:"compose_hash"`
	Warnings    []compose.Warning `json:"warnings"`
	OK          bool              `json:"ok"`
}

func decodeCompose(t *testing.T, out string) composeOutput {
	t.Helper()
	var rep composeOutput
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("--json output is not JSON: %v\n%s", err, out)
	}
	return rep
}

// The command writes the app-compose, and the hash it prints is sha256 of
// the bytes it wrote; compose hash reads the same back.
func TestCompose(t *testing.T) {
	ctx := context.Background()
	yaml := "services:\n  app:\n    image: nginx:1.27\n    environment:\n      GREETING: ${GREETING}\n"
	in := write(t, "docker-compose.yaml", []byte(yaml))
	out := filepath.Join(t.TempDir(), "app-compose.json")
	args := []string{"compose", "-f", in, "-o", out, "--name", "demo", "--allowed-envs", "GREETING,API_TOKEN", "--allowed-envs", "GREETING", "--gateway"}
	code, stdout, stderr := runCmd(t, ctx, append(args, "--json")...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	rep := decodeCompose(t, stdout)
	written, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(written)
	if rep.ComposeHash != hex.EncodeToString(sum[:]) || rep.File != out || !rep.OK {
		t.Errorf("report %+v; sha256 of the file is %x", rep, sum)
	}
	var codes []string
	for _, w := range rep.Warnings {
		codes = append(codes, w.Code+"/"+w.Service)
	}
	if !slices.Equal(codes, []string{"env-secret/", "image-tag/app"}) {
		t.Errorf("warnings %v", rep.Warnings)
	}
	a, err := compose.Parse(out, written)
	if err != nil {
		t.Fatal(err)
	}
	if a.Name != "demo" || a.DockerComposeFile != yaml || !slices.Equal(a.AllowedEnvs, []string{"API_TOKEN", "GREETING"}) ||
		!a.GatewayEnabled || !a.SecureTime || a.KeyProviderKind() != "kms" || a.PublicLogs {
		t.Errorf("written %+v", a)
	}

	code, stdout, _ = runCmd(t, ctx, "compose", "hash", out)
	if code != 0 || !strings.Contains(stdout, "compose_hash:   "+rep.ComposeHash) || !strings.Contains(stdout, "warning:        image-tag [app]: ") ||
		!strings.Contains(stdout, "result:         2 warnings") {
		t.Errorf("compose hash: %d\n%s", code, stdout)
	}
	code, stdout, _ = runCmd(t, ctx, append(args, "--strict")...)
	if code != 1 || !strings.Contains(stdout, "result:         FAIL: 2 warnings (--strict)") {
		t.Errorf("--strict with warnings: %d\n%s", code, stdout)
	}

	clean := write(t, "clean.yaml", []byte("services:\n  app:\n    image: "+pinnedNginx+"\n"))
	code, stdout, stderr = runCmd(t, ctx, "compose", "-f", clean, "-o", out, "--name", "demo", "--strict")
	if code != 0 || !strings.Contains(stdout, "result:         no warnings") {
		t.Errorf("--strict, clean: %d\n%s%s", code, stdout, stderr)
	}
	code, stdout, _ = runCmd(t, ctx, "compose", "hash", out, "--strict", "--json")
	if rep := decodeCompose(t, stdout); code != 0 || !rep.OK || rep.Warnings == nil || len(rep.Warnings) != 0 {
		t.Errorf("compose hash --strict, clean: %d\n%s", code, stdout)
	}
	if entries, _ := os.ReadDir(filepath.Dir(out)); len(entries) != 1 {
		t.Errorf("the output directory holds %d files, want 1", len(entries))
	}
}

func TestComposeHashSimulator(t *testing.T) {
	f := filepath.Join(realworld.Dir(t, "dstack"), "simulator-app-compose.json")
	code, stdout, _ := runCmd(t, context.Background(), "compose", "hash", f, "--json", "--strict")
	rep := decodeCompose(t, stdout)
	if code != 1 || rep.OK || rep.ComposeHash != "65b4e574f16973956908b6359920593c3b7d9f36f38e81a47f996a0c0d5435bb" {
		t.Errorf("exit %d, %+v", code, rep)
	}
	for _, want := range []string{"pre-launch-script", "host-network", "insecure-time", "image-tag", "ssh", "host-root"} {
		if !slices.ContainsFunc(rep.Warnings, func(w compose.Warning) bool { return w.Code == want }) {
			t.Errorf("no %s warning in %v", want, rep.Warnings)
		}
	}
}

func TestComposeBadInput(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	out := filepath.Join(dir, "app-compose.json")
	good := write(t, "good.yaml", []byte("services:\n  app:\n    image: "+pinnedNginx+"\n"))
	badYAML := write(t, "bad.yaml", []byte("services:\n  app:\n  image: x\n bad"))
	noServices := write(t, "none.yaml", []byte("volumes: {}\n"))
	noImage := write(t, "noimage.yaml", []byte("services:\n  app:\n    restart: always\n"))
	notJSON := write(t, "app.json", []byte("services: {}"))
	badEmbedded := write(t, "embedded.json", []byte(`{"manifest_version":2,"name":"x","runner":"docker-compose","docker_compose_file":"services: []"}`))
	missing := filepath.Join(dir, "missing.yaml")
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"compose", "-f", good, "-o", out}, 1, "devproof: error: --name is required"},
		{[]string{"compose", "-f", missing, "-o", out, "--name", "x"}, 1, "devproof: error: docker-compose file: open " + missing},
		{[]string{"compose", "-f", badYAML, "-o", out, "--name", "x"}, 1, `devproof: error: docker-compose file "` + badYAML + `": yaml: line 3`},
		{[]string{"compose", "-f", noServices, "-o", out, "--name", "x"}, 1, `docker-compose file "` + noServices + `": no services`},
		{[]string{"compose", "-f", noImage, "-o", out, "--name", "x"}, 1, `docker-compose file "` + noImage + `": service "app" has neither image nor build`},
		{[]string{"compose", "-f", good, "-o", out, "--name", "x", "--key-provider", "cloud"}, 1, `key provider "cloud" is not kms, local, tpm or none`},
		{[]string{"compose", "-f", good, "-o", out, "--name", "x", "--allowed-envs", "A-B"}, 1, `allowed env "A-B" is not a variable name`},
		{[]string{"compose", "-f", good, "-o", filepath.Join(dir, "no", "such", "dir.json"), "--name", "x"}, 1, "writing " + filepath.Join(dir, "no", "such", "dir.json")},
		{[]string{"compose", "-f", good, "--name", "x", "extra"}, 2, "Usage: devproof compose"},
		{[]string{"compose", "--bogus"}, 2, "bogus"},
		{[]string{"compose", "hash"}, 2, "Usage: devproof compose hash FILE"},
		{[]string{"compose", "hash", notJSON}, 1, `devproof: error: app-compose "` + notJSON + `": not a JSON object`},
		{[]string{"compose", "hash", badEmbedded}, 1, `app-compose "` + badEmbedded + `": docker_compose_file: services is not a mapping`},
		{[]string{"compose", "hash", missing}, 1, "devproof: error: app-compose: open " + missing},
	} {
		code, _, stderr := runCmd(t, ctx, tc.args...)
		if code != tc.code || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tc.args, code, stderr, tc.code, tc.want)
		}
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a refused input left %s behind", out)
	}
}
