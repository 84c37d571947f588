package compose

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/devproof/devproof/internal/attest"
	"github.com/devproof/devproof/internal/realworld"
)

var update = flag.Bool("update", false, "rewrite testdata/app-compose.json")

// dstack's official simulator app-compose: its hash is sha256 of the file
// as it is, and each thing in it that lets its developer in is flagged.
func TestSimulatorAppCompose(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(realworld.Dir(t, "dstack"), "simulator-app-compose.json"))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	got := Hash(b)
	if got != hex.EncodeToString(sum[:]) || got != "65b4e574f16973956908b6359920593c3b7d9f36f38e81a47f996a0c0d5435bb" {
		t.Errorf("Hash = %s", got)
	}
	if h, _ := attest.ComposeHash(b); h != got {
		t.Errorf("attest.ComposeHash = %s, Hash = %s", h, got)
	}
	a, err := Parse("simulator-app-compose.json", b)
	if err != nil {
		t.Fatal(err)
	}
	if a.Name != "guest-agent" || a.ManifestVersion != "2" || a.KeyProviderKind() != "kms" || a.StorageFS != "ext4" || a.SecureTime || !a.PublicTCBInfo {
		t.Errorf("parsed %+v", a)
	}
	ws, err := Check(a)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []Warning{
		{"pre-launch-script", "", ""},
		{"insecure-time", "", ""},
		{"ssh", "", "openssh"},
		{"host-network", "dstack-agent", ""},
		{"image-tag", "dstack-agent", `"ubuntu"`},
		{"image-tag", "dstack-verifier", `"dstacktee/dstack-verifier:0.5.4"`},
		{"host-root", "dstack-agent", ""},
		{"dstack-socket", "dstack-agent", "socat"},
	} {
		if !slices.ContainsFunc(ws, func(w Warning) bool {
			return w.Code == want.Code && w.Service == want.Service && strings.Contains(w.Message, want.Message)
		}) {
			t.Errorf("no warning %s [%s] %q in\n%s", want.Code, want.Service, want.Message, warningLines(ws))
		}
	}
}

func warningLines(ws []Warning) string {
	var lines []string
	for _, w := range ws {
		lines = append(lines, w.String())
	}
	return strings.Join(lines, "\n")
}

const pinned = "nginx@sha256:eee5eae48e79b2e75178328c7c585b89d676eaae616f03f9a1813aaed820745a"

// oneService is a docker-compose file with one service "app" whose
// definition is the pinned image plus extra (indented four spaces).
func oneService(extra string) string {
	return "services:\n  app:\n    image: " + pinned + "\n" + extra
}

// Each warning from an input of its own, and nothing else from it.
func TestWarnings(t *testing.T) {
	cases := []struct {
		name    string
		compose string
		opts    Options
		raw     string // an app-compose.json instead of compose and opts
		want    []string
	}{
		{name: "clean", compose: oneService("    ports: [\"443:443\"]\n    restart: always\n")},
		{name: "clean with the agent socket in a pinned image", compose: oneService("    volumes:\n      - /var/run/dstack.sock:/var/run/dstack.sock\n      - /etc/localtime:/etc/localtime:ro\n      - data:/data\n")},
		{name: "clean defaults and escapes", compose: oneService("    environment:\n      A: ${A:-x}\n      B: ${B-y}\n    command: sh -c 'echo $$HOME'\n")},
		{name: "clean allowed env", compose: oneService("    environment:\n      GREETING: ${GREETING}\n"), opts: Options{AllowedEnvs: []string{"GREETING"}}},

		{name: "tag", compose: "services:\n  app:\n    image: nginx:1.27\n", want: []string{"image-tag"}},
		{name: "no tag", compose: "services:\n  app:\n    image: nginx\n", want: []string{"image-tag"}},
		{name: "short digest", compose: "services:\n  app:\n    image: nginx@sha256:abcd\n", want: []string{"image-tag"}},
		{name: "build", compose: "services:\n  app:\n    build: .\n    image: app:dev\n", want: []string{"build"}},
		{name: "include", compose: "include:\n  - other.yaml\n" + oneService(""), want: []string{"include"}},
		{name: "extends from a file", compose: oneService("    extends:\n      file: base.yaml\n      service: web\n"), want: []string{"include"}},
		{name: "allowed env in command", compose: oneService("    command: [\"serve\", \"${ARGS}\"]\n"), opts: Options{AllowedEnvs: []string{"ARGS"}}, want: []string{"env-in-definition"}},
		{name: "allowed env in a top-level section", compose: oneService("") + "volumes:\n  data:\n    name: ${VOL}\n", opts: Options{AllowedEnvs: []string{"VOL"}}, want: []string{"env-in-definition"}},
		{name: "switch", compose: oneService("    environment:\n      RPC_URL: ${RPC_URL}\n"), opts: Options{AllowedEnvs: []string{"RPC_URL"}}, want: []string{"env-switch"}},
		{name: "switch passed through", compose: oneService("    environment:\n      - DEBUG\n"), opts: Options{AllowedEnvs: []string{"DEBUG"}}, want: []string{"env-switch"}},
		{name: "secret", compose: oneService("    environment:\n      API_TOKEN: ${API_TOKEN}\n"), opts: Options{AllowedEnvs: []string{"API_TOKEN"}}, want: []string{"env-secret"}},
		{name: "runtime", compose: oneService(""), opts: Options{AllowedEnvs: []string{"DOCKER_HOST"}}, want: []string{"env-runtime"}},
		{name: "runtime: the boot script's own", compose: oneService(""), opts: Options{AllowedEnvs: []string{"APP_COMPOSE_FILE"}}, want: []string{"env-runtime"}},
		{name: "undeclared", compose: oneService("    environment:\n      FOO: ${FOO}\n"), want: []string{"env-undeclared"}},
		{name: "undeclared, $VAR", compose: oneService("    command: sh -c 'echo $HOME'\n"), want: []string{"env-undeclared"}},
		{name: "undeclared, required", compose: oneService("    environment:\n      FOO: ${FOO:?set FOO}\n"), want: []string{"env-undeclared"}},
		{name: "undeclared, passed through", compose: oneService("    environment:\n      - FOO\n"), want: []string{"env-undeclared"}},
		{name: "env file", compose: oneService("    env_file: .env\n"), want: []string{"env-file"}},
		{name: "public logs with a secret", compose: oneService("    environment:\n      DB_PASSWORD: hunter2\n"), opts: Options{PublicLogs: true}, want: []string{"public-logs"}},
		{name: "public logs without secrets", compose: oneService("    environment:\n      TOKEN_FILE: /run/secrets/t\n"), opts: Options{PublicLogs: true}},
		{name: "ssh image", compose: "services:\n  app:\n    image: linuxserver/openssh-server@sha256:" + strings.Repeat("ab", 32) + "\n", want: []string{"ssh"}},
		{name: "ssh service", compose: "services:\n  ssh:\n    image: " + pinned + "\n", want: []string{"ssh"}},
		{name: "ssh port", compose: oneService("    ports:\n      - \"127.0.0.1:2222:22/tcp\"\n"), want: []string{"ssh"}},
		{name: "ssh port, long syntax", compose: oneService("    ports:\n      - target: 22\n        published: \"2222\"\n"), want: []string{"ssh"}},
		{name: "sshd command", compose: oneService("    command: [\"/usr/sbin/sshd\", \"-D\"]\n"), want: []string{"ssh"}},
		{name: "ssh in the pre-launch script", compose: oneService(""), opts: Options{PreLaunchScript: "apt-get install -y openssh-server"}, want: []string{"pre-launch-script", "ssh"}},
		{name: "debug", compose: "services:\n  debug-shell:\n    image: " + pinned + "\n", want: []string{"debug"}},
		{name: "host network", compose: oneService("    network_mode: host\n"), want: []string{"host-network"}},
		{name: "host pid", compose: oneService("    pid: host\n"), want: []string{"host-namespace"}},
		{name: "privileged", compose: oneService("    privileged: true\n"), want: []string{"privileged"}},
		{name: "cap_add SYS_ADMIN", compose: oneService("    cap_add: [SYS_ADMIN, NET_BIND_SERVICE]\n"), want: []string{"cap-add"}},
		{name: "cap_add ALL", compose: oneService("    cap_add:\n      - CAP_ALL\n"), want: []string{"cap-add"}},
		{name: "seccomp unconfined", compose: oneService("    security_opt:\n      - seccomp=unconfined\n"), want: []string{"unconfined"}},
		{name: "docker socket", compose: oneService("    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n"), want: []string{"docker-socket"}},
		{name: "docker socket, long syntax", compose: oneService("    volumes:\n      - type: bind\n        source: /run/docker.sock\n        target: /var/run/docker.sock\n"), want: []string{"docker-socket"}},
		{name: "agent socket, unpinned", compose: "services:\n  app:\n    image: ubuntu:24.04\n    volumes:\n      - /var/run/dstack.sock:/var/run/dstack.sock\n", want: []string{"dstack-socket", "image-tag"}},
		{name: "agent socket forwarded", compose: oneService("    volumes:\n      - /var/run/dstack.sock:/s.sock\n    command: socat TCP-LISTEN:3000,fork UNIX-CONNECT:/s.sock\n"), want: []string{"dstack-socket"}},
		{name: "root", compose: oneService("    volumes:\n      - /:/host/\n"), want: []string{"host-root"}},
		{name: "dstack dir", compose: oneService("    volumes:\n      - /dstack/.host-shared:/shared:ro\n"), want: []string{"host-path"}},
		{name: "docker storage", compose: oneService("    volumes:\n      - /var/lib/docker:/d\n"), want: []string{"host-path"}},
		{name: "pre-launch script", compose: oneService(""), opts: Options{PreLaunchScript: "echo hi"}, want: []string{"pre-launch-script"}},
		{name: "init script", compose: oneService(""), opts: Options{InitScripts: []string{"echo hi"}}, want: []string{"init-script"}},
		{name: "insecure time", compose: oneService(""), opts: Options{InsecureTime: true}, want: []string{"insecure-time"}},
		{name: "hidden tcbinfo", compose: oneService(""), opts: Options{HideTCBInfo: true}, want: []string{"tcbinfo-hidden"}},
		{name: "unknown field", raw: `{"manifest_version":2,"name":"x","runner":"docker-compose","docker_compose_file":"services:\n  app:\n    image: ` + pinned + `\n","docker_config":{"registry":"r"}}`, want: []string{"unknown-field"}},
		{name: "bash runner", raw: `{"manifest_version":2,"name":"x","runner":"bash","bash_script":"./run"}`, want: []string{"bash-runner"}},
		{name: "bash runner, public logs, secret", raw: `{"manifest_version":2,"name":"x","runner":"bash","bash_script":"./run","public_logs":true,"allowed_envs":["DB_PASSWORD"]}`, want: []string{"bash-runner", "env-secret", "public-logs"}},
		{name: "absent secure_time and public_tcbinfo are true", raw: `{"manifest_version":"2","name":"x","runner":"docker-compose","docker_compose_file":"services:\n  app:\n    image: ` + pinned + `\n"}`},
	}
	covered := map[string]bool{}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var a *AppCompose
			var err error
			if tc.raw != "" {
				a, err = Parse("app-compose.json", []byte(tc.raw))
			} else {
				tc.opts.Name = "app"
				a, err = Generate("docker-compose.yaml", []byte(tc.compose), tc.opts)
			}
			if err != nil {
				t.Fatal(err)
			}
			ws, err := Check(a)
			if err != nil {
				t.Fatal(err)
			}
			var codes []string
			for _, w := range ws {
				codes = append(codes, w.Code)
				covered[w.Code] = true
				if w.Message == "" {
					t.Errorf("%s has no message", w.Code)
				}
			}
			codes = slices.Compact(codes)
			slices.Sort(codes)
			if !slices.Equal(codes, tc.want) {
				t.Errorf("codes %v, want %v:\n%s", codes, tc.want, warningLines(ws))
			}
		})
	}
	for _, c := range Codes {
		if !covered[c.Code] {
			t.Errorf("no case produces %s", c.Code)
		}
	}
	if len(covered) != len(Codes) {
		t.Errorf("%d codes produced, %d listed in Codes", len(covered), len(Codes))
	}
}

func TestVarRefs(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []varRef
	}{
		{"plain", nil},
		{"$A and ${B}", []varRef{{"A", ""}, {"B", ""}}},
		{"$$A ${B:-x} ${C?e}", []varRef{{"B", ":-"}, {"C", "?"}}},
		{"${A:-${B}} $", []varRef{{"A", ":-"}, {"B", ""}}},
		{"${A:+alt}x${1} $_x9", []varRef{{"A", ":+"}, {"_x9", ""}}},
		{"${unterminated", []varRef{{"unterminated", ""}}},
	} {
		if got := varRefs(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("varRefs(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func fullOptions() Options {
	return Options{
		Name:            "devproof-demo",
		KeyProviderID:   "02ab",
		Gateway:         true,
		PublicSysinfo:   true,
		AllowedEnvs:     []string{"GREETING", "DOMAIN", "GREETING"},
		NoInstanceID:    true,
		PreLaunchScript: "docker pull nginx",
		InitScripts:     []string{"echo one"},
		StorageFS:       "ext4",
		SwapSize:        1 << 30,
	}
}

// Generate's output is RFC 8785 canonical JSON with no trailing newline,
// reads back to the same fields, and re-encodes to the same bytes; the
// golden file pins its exact bytes for other implementations.
func TestGenerateRoundTrip(t *testing.T) {
	dc, err := os.ReadFile("testdata/docker-compose.yaml")
	if err != nil {
		t.Fatal(err)
	}
	a, err := Generate("testdata/docker-compose.yaml", dc, fullOptions())
	if err != nil {
		t.Fatal(err)
	}
	b, err := Encode(a)
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "app-compose.json")
	if *update {
		if err := os.WriteFile(golden, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b, want) {
		t.Errorf("Encode differs from %s (go test -update rewrites it):\n%s", golden, b)
	}
	// dstack's Python SDK, get_compose_hash on this file's JSON (dstack
	// 312dc605), gives the same hash.
	if h := Hash(b); h != "2226b060da4716096044df273aeb0577481b294631863bfa3b633a614a9b3a84" {
		t.Errorf("golden compose hash %s", h)
	}
	if b[len(b)-1] != '}' {
		t.Errorf("output ends in %q", b[len(b)-1])
	}
	// dstack's SDKs hash an app-compose as its members sorted, compact,
	// with '<', '>' and '&' and non-ASCII text unescaped; encoding/json
	// writes the same when told not to escape HTML, for this input.
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	var sdk bytes.Buffer
	enc := json.NewEncoder(&sdk)
	enc.SetEscapeHTML(false)
	enc.Encode(m)
	if !bytes.Equal(bytes.TrimSuffix(sdk.Bytes(), []byte("\n")), b) {
		t.Errorf("not the SDKs' form:\n%s\n%s", sdk.Bytes(), b)
	}
	if m["docker_compose_file"] != string(dc) {
		t.Errorf("docker_compose_file is not the file's text")
	}
	for k, v := range map[string]any{"manifest_version": 2.0, "runner": "docker-compose", "kms_enabled": true, "key_provider": "kms",
		"local_key_provider_enabled": false, "secure_time": true, "public_tcbinfo": true, "public_logs": false, "swap_size": float64(1 << 30),
		"allowed_envs": []any{"DOMAIN", "GREETING"}, "init_script": "echo one", "gateway_enabled": true} {
		if !reflect.DeepEqual(m[k], v) {
			t.Errorf("%s = %#v, want %#v", k, m[k], v)
		}
	}

	back, err := Parse("app-compose.json", b)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, a) {
		t.Errorf("parsed back:\n%+v\nwant\n%+v", back, a)
	}
	again, err := Encode(back)
	if err != nil || !bytes.Equal(again, b) {
		t.Errorf("re-encoded: %v\n%s", err, again)
	}
}

// Members this version does not know survive reading and re-encoding.
func TestUnknownFieldsKept(t *testing.T) {
	in := `{"manifest_version":"3","name":"x","runner":"docker-compose","docker_compose_file":"services:\n  a:\n    image: ` + pinned + `\n",` +
		`"future_policy":{"b":[1,2],"a":true},"requirements":{"os_version":">=0.6.0"},"init_script":["a","b"]}`
	a, err := Parse("app-compose.json", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if string(a.Extra["future_policy"]) != `{"b":[1,2],"a":true}` || len(a.Extra) != 1 || len(a.InitScript) != 2 {
		t.Fatalf("Extra %s, init_script %q", a.Extra, a.InitScript)
	}
	b, err := Encode(a)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"future_policy":{"a":true,"b":[1,2]}`, `"requirements":{"os_version":">=0.6.0"}`, `"manifest_version":"3"`, `"init_script":["a","b"]`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("re-encoded lacks %s:\n%s", want, b)
		}
	}
	back, err := Parse("again.json", b)
	if err != nil || string(back.Extra["future_policy"]) != `{"a":true,"b":[1,2]}` {
		t.Errorf("read again: %v %s", err, back.Extra)
	}
}

// Bad input is refused with an error naming the file and what is wrong.
func TestBadInput(t *testing.T) {
	const app = `"manifest_version":2,"name":"x","runner":"docker-compose"`
	for _, tc := range []struct {
		name, input string
		appCompose  bool
		want        string
	}{
		{"yaml", "services:\n  app:\n  image: x\n bad", false, `docker-compose file "in.yaml": yaml: line`},
		{"no services", "volumes:\n  data:\n", false, `docker-compose file "in.yaml": no services`},
		{"empty", "", false, `docker-compose file "in.yaml": empty: no services`},
		{"services a list", "services:\n  - app\n", false, "services is not a mapping"},
		{"no image", "services:\n  app:\n    restart: always\n", false, `docker-compose file "in.yaml": service "app" has neither image nor build`},
		{"image a list", "services:\n  app:\n    image: [a]\n", false, `service "app": image is not a non-empty string`},
		{"not UTF-8", "services:\n  app:\n    image: \xff\n", false, "not UTF-8 text"},
		{"duplicate key", "services:\n  app:\n    image: a\n  app:\n    image: b\n", false, `mapping key "app" already defined`},

		{"not JSON", "{", true, `app-compose "in.json": not a JSON object`},
		{"array", "[]", true, `app-compose "in.json": not a JSON object`},
		{"repeated member", `{` + app + `,"name":"y"}`, true, `app-compose "in.json": jcs: JSON text at byte`},
		{"no runner", `{"manifest_version":2,"name":"x"}`, true, `app-compose "in.json": no runner`},
		{"manifest 3 as a number", `{"manifest_version":3,"name":"x","runner":"bash"}`, true, "manifest_version 3: a number must be 1 or 2"},
		{"manifest 03", `{"manifest_version":"03","name":"x","runner":"bash"}`, true, `manifest_version "03" is not a positive integer`},
		{"wrong type", `{` + app + `,"docker_compose_file":"services: {a: {image: x}}","public_logs":"yes"}`, true, `app-compose "in.json": json: cannot unmarshal string into Go struct field`},
		{"key provider", `{` + app + `,"docker_compose_file":"services: {a: {image: x}}","key_provider":"cloud"}`, true, `key_provider "cloud" is not none, kms, local or tpm`},
		{"no docker compose", `{` + app + `}`, true, `app-compose "in.json": runner docker-compose needs a docker_compose_file`},
		{"bad docker compose", `{` + app + `,"docker_compose_file":"services:\n  app: {}\n"}`, true, `app-compose "in.json": docker_compose_file: service "app" has neither image nor build`},
	} {
		var err error
		if tc.appCompose {
			_, err = Parse("in.json", []byte(tc.input))
		} else {
			_, err = Generate("in.yaml", []byte(tc.input), Options{Name: "x"})
		}
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %q", tc.name, err, tc.want)
		}
	}

	dc := []byte(oneService(""))
	for _, tc := range []struct {
		opts Options
		want string
	}{
		{Options{}, "the app needs a name"},
		{Options{Name: "x", KeyProvider: "cloud"}, `key provider "cloud"`},
		{Options{Name: "x", KeyProviderID: "xyz"}, `key provider id "xyz" is not hex`},
		{Options{Name: "x", KeyProvider: "none", KeyProviderID: "00"}, "key provider none takes no key provider id"},
		{Options{Name: "x", AllowedEnvs: []string{"A-B"}}, `allowed env "A-B" is not a variable name`},
		{Options{Name: "x", InitScripts: make([]string, 6)}, "6 init scripts"},
		{Options{Name: "x", StorageFS: "btrfs"}, `storage fs "btrfs"`},
		{Options{Name: "x", SwapSize: 1<<53 + 1}, "swap size"},
	} {
		if _, err := Generate("in.yaml", dc, tc.opts); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: error %v, want %q", tc.opts, err, tc.want)
		}
	}
}

// Several init scripts need manifest_version "3", written as a string.
func TestManifestVersion3(t *testing.T) {
	a, err := Generate("in.yaml", []byte(oneService("")), Options{Name: "x", InitScripts: []string{"a", "b"}})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Encode(a)
	if !strings.Contains(string(b), `"manifest_version":"3"`) || !strings.Contains(string(b), `"init_script":["a","b"]`) {
		t.Errorf("%s", b)
	}
}

// The README's table of warnings is Codes.
func TestREADMEListsCodes(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range Codes {
		if row := "| `" + c.Code + "` | " + c.Why + " |\n"; !strings.Contains(string(b), row) {
			t.Errorf("README.md has no row %q", row)
		}
	}
}
