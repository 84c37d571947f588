//go:build !tee

package main

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/devproof/devproof/ingress"
)

// The repository's docker-compose.yaml warns about the placeholders its
// header lists, each of them, and otherwise only about the DNS token; with
// the placeholders written out, about the token alone, and the ingress
// and notary accept their settings.
func TestRepositoryCompose(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join("..", "..", "docker-compose.yaml")
	text, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	documented := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^#   ([A-Z][A-Z0-9_]*)  +\S`).FindAllStringSubmatch(string(text), -1) {
		documented[m[1]] = true
	}
	if len(documented) == 0 {
		t.Fatal("the header lists no placeholders")
	}
	// The header's prose names ${NAME:?…} too: only the YAML counts.
	body := regexp.MustCompile(`(?m)^\s*#.*$`).ReplaceAllString(string(text), "")
	placeholder := regexp.MustCompile(`\$\{([A-Z][A-Z0-9_]*):\?[^}]*\}`)
	used := map[string]bool{}
	for _, m := range placeholder.FindAllStringSubmatch(body, -1) {
		used[m[1]] = true
	}
	for name := range used {
		if !documented[name] {
			t.Errorf("placeholder %s is not in the header's list", name)
		}
	}

	args := []string{"compose", "-f", path, "--name", "devproof-oracle", "--gateway", "--allowed-envs", "CLOUDFLARE_API_TOKEN", "--json"}
	out := filepath.Join(t.TempDir(), "app-compose.json")
	code, stdout, stderr := runCmd(t, ctx, append(args, "-o", out)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	warned := map[string]bool{}
	for _, w := range decodeCompose(t, stdout).Warnings {
		switch {
		case w.Code == "env-undeclared":
			m := regexp.MustCompile(`^\$\{([A-Z0-9_]+)\} .* compose refuses to start$`).FindStringSubmatch(w.Message)
			if m == nil || !documented[m[1]] {
				t.Errorf("not a documented placeholder: %s", w)
				continue
			}
			warned[m[1]] = true
		case (w.Code == "image-tag" || w.Code == "dstack-socket") && placeholderImage(t, text, w.Service, placeholder):
		case w.Code == "env-secret" && strings.HasPrefix(w.Message, "allowed env CLOUDFLARE_API_TOKEN "):
		default:
			t.Errorf("unexpected warning: %s", w)
		}
	}
	for name := range documented {
		if !warned[name] {
			t.Errorf("placeholder %s is listed but draws no warning", name)
		}
	}

	values := map[string]string{
		"DEVPROOF_IMAGE": "registry.example/devproof@sha256:" + strings.Repeat("ab", 32),
		"APP_IMAGE":      "registry.example/app@sha256:" + strings.Repeat("cd", 32),
		"APP_DOMAIN":     "app.example.com",
		"NOTARY_DOMAIN":  "notary.example.com",
		"GATEWAY_DOMAIN": "gateway.example.net",
		"ACME_EMAIL":     "ops@example.com",
		"RPC_URL":        "https://rpc.example.org",
		"CHAIN_ID":       "8453",
		"MARKET":         "0x" + strings.Repeat("12", 20),
		"FROM_BLOCK":     "21000000",
		"CT_LOG_LIST":    `{"version":"1","log_list_timestamp":"2026-01-01T00:00:00Z","operators":[]}`,
	}
	filled := placeholder.ReplaceAllStringFunc(body, func(s string) string {
		v, ok := values[placeholder.FindStringSubmatch(s)[1]]
		if !ok {
			t.Errorf("no example value for %s", s)
		}
		return v
	})
	in := write(t, "docker-compose.yaml", []byte(filled))
	code, stdout, _ = runCmd(t, ctx, "compose", "-f", in, "-o", out, "--name", "devproof-oracle", "--gateway", "--allowed-envs", "CLOUDFLARE_API_TOKEN", "--json")
	var codes []string
	for _, w := range decodeCompose(t, stdout).Warnings {
		codes = append(codes, w.Code)
	}
	if code != 0 || !slices.Equal(codes, []string{"env-secret"}) {
		t.Errorf("written out: exit %d, warnings %v", code, codes)
	}

	var dc struct {
		Services map[string]struct {
			Command     []string          `yaml:"command"`
			Environment map[string]string `yaml:"environment"`
		} `yaml:"services"`
	}
	if err := yaml.Unmarshal([]byte(filled), &dc); err != nil {
		t.Fatal(err)
	}
	env := dc.Services["ingress"].Environment
	env["CLOUDFLARE_API_TOKEN"] = "token"
	c, err := ingress.ParseConfig(func(k string) string { return env[k] })
	if err != nil {
		t.Fatalf("the ingress refuses its settings: %v", err)
	}
	if !slices.Equal(c.Domains, []string{"app.example.com", "notary.example.com"}) ||
		c.Routes["app.example.com"].String() != "http://app:80" || c.Routes["notary.example.com"].String() != "http://notary:8090" {
		t.Errorf("ingress domains %v, routes %v", c.Domains, c.Routes)
	}
	// The notary's flags parse and check as far as the log list, which is
	// at its path in the container only.
	cmd := dc.Services["notary"].Command
	if len(cmd) < 2 || cmd[0] != "notary" || cmd[1] != "serve" {
		t.Fatalf("notary command %q", cmd)
	}
	code, _, stderr = runCmd(t, ctx, cmd...)
	if code != 1 || !strings.Contains(stderr, "/etc/devproof/ct-log-list.json") {
		t.Errorf("notary %q: exit %d, %s", cmd, code, stderr)
	}
}

// placeholderImage reports whether service svc's image is a placeholder.
func placeholderImage(t *testing.T, text []byte, svc string, placeholder *regexp.Regexp) bool {
	t.Helper()
	var dc struct {
		Services map[string]struct {
			Image string `yaml:"image"`
		} `yaml:"services"`
	}
	if err := yaml.Unmarshal(text, &dc); err != nil {
		t.Fatal(err)
	}
	image := dc.Services[svc].Image
	return placeholder.FindString(image) == image && image != ""
}
