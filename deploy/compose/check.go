package compose

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
)

// Warning is one thing in an app-compose that lets the developer in.
type Warning struct {
	// Code is one of Codes; it does not change between versions.
	Code string `json:"code"`
	// Service is the docker-compose service concerned, "" for the app.
	Service string `json:"service,omitempty"`
	Message string `json:"message"`
}

func (w Warning) String() string {
	if w.Service == "" {
		return w.Code + ": " + w.Message
	}
	return fmt.Sprintf("%s [%s]: %s", w.Code, w.Service, w.Message)
}

// Code is a warning code and why what it flags lets the developer in.
type Code struct {
	Code, Why string
}

// Codes are every warning Check gives, in the README's order.
var Codes = []Code{
	{"image-tag", "an image named by tag, or by no tag, is whatever the registry serves under that name at boot: whoever can push to it changes the code, and the compose hash stays the same"},
	{"build", "an image built at boot comes from a build context and base images the compose hash does not pin"},
	{"include", "include, and extends from another file, bring in compose text the compose hash does not cover"},
	{"env-in-definition", "an allowed env var in an image, command, mount or any other definition lets the deployer choose the code at each deployment"},
	{"env-switch", "an allowed env var named like a switch or an endpoint (DEBUG, MODE, URL, RPC…) that reaches a container lets the deployer change its behaviour or its data source at each deployment"},
	{"env-secret", "a secret in allowed_envs is supplied by the deployer, who therefore knows it, and anyone can encrypt a replacement to the app's public env key; keys that must be dev-proof come from GetKey"},
	{"env-runtime", "an allowed env var that dstack's boot script, docker compose or the shell reads (COMPOSE_FILE, DOCKER_HOST, PATH…) lets the deployer redirect what starts"},
	{"env-undeclared", "a variable outside allowed_envs is never set in the guest: compose substitutes an empty string, or with :? refuses to start, so the compose does not run as it reads"},
	{"env-file", "env_file loads values from a file the compose hash does not cover"},
	{"public-logs", "public_logs publishes every container's output: with secrets in the environment, one logged configuration publishes them to everyone, developer included"},
	{"ssh", "an SSH server (an image, a service, a command, port 22, or a script installing one) is a shell in the CVM for whoever holds the key"},
	{"debug", "a service named or built for debugging usually exposes a shell or the app's state"},
	{"host-network", "network_mode: host puts the container on the CVM's own network: every port it opens is reachable, declared or not, and so is every local service"},
	{"host-namespace", "pid, ipc, uts, userns_mode or cgroup: host lets the container see, signal or trace the CVM's other processes"},
	{"privileged", "a privileged container is root over the CVM: it can change the other containers, their disks and the kernel after boot, so the measured compose no longer says what runs"},
	{"cap-add", "capabilities such as ALL, SYS_ADMIN, SYS_PTRACE or SYS_MODULE give most of what privileged gives"},
	{"unconfined", "seccomp or apparmor unconfined, or label disable, lifts the container's confinement"},
	{"docker-socket", "the docker socket lets a container start any image, or exec into any container, none of it measured"},
	{"dstack-socket", "the guest-agent socket gives every key of the app (GetKey) and quotes over any data: in an image not pinned by digest, or forwarded to the network, it gives them to whoever controls that image or network"},
	{"host-root", "mounting / gives a container the CVM's whole filesystem: the decrypted env, the app's data and the other containers' code"},
	{"host-path", "mounting /dstack, docker's or containerd's storage, /etc, /proc, /sys, /dev, /root or /boot exposes keys, the decrypted env or other containers' code"},
	{"pre-launch-script", "the pre-launch script runs as root outside any container, after dockerd has already restarted containers, so a check in it is advisory; it is code to audit with the compose"},
	{"init-script", "init scripts run as root before dockerd, with the app's keys and decrypted env at hand; they are code to audit with the compose"},
	{"bash-runner", "the bash runner runs bash_script as root instead of containers; no container check applies to it"},
	{"insecure-time", "secure_time: false boots on the host's clock, which the developer sets: certificate validity, deadlines and the notary's timestamps move with it"},
	{"tcbinfo-hidden", "public_tcbinfo: false stops the guest publishing its app-compose, so users cannot see what the compose hash stands for"},
	{"unknown-field", "a field this version does not know may change what the guest does; check it against dstack's documentation"},
}

// Check returns the warnings for a, sorted by service (the app's own
// first), then code. It parses a's docker_compose_file, so a from Parse
// or Generate never fails here.
func Check(a *AppCompose) ([]Warning, error) {
	c := &checker{a: a, allowed: map[string]bool{}, seen: map[Warning]bool{}}
	for _, e := range a.AllowedEnvs {
		c.allowed[e] = true
	}
	c.app()
	if a.Runner == "docker-compose" || a.Runner == "nerdctl-compose" {
		dc, err := parseDockerCompose([]byte(a.DockerComposeFile))
		if err != nil {
			return nil, fmt.Errorf("docker_compose_file: %w", err)
		}
		c.dockerCompose(dc)
	}
	if a.PublicLogs && len(c.secrets) > 0 {
		slices.Sort(c.secrets)
		c.warn("public-logs", "", "public_logs is true and the environment carries %s", strings.Join(slices.Compact(c.secrets), ", "))
	}
	slices.SortFunc(c.out, func(x, y Warning) int {
		return strings.Compare(x.Service+"\x00"+x.Code+"\x00"+x.Message, y.Service+"\x00"+y.Code+"\x00"+y.Message)
	})
	return c.out, nil
}

type checker struct {
	a       *AppCompose
	allowed map[string]bool
	seen    map[Warning]bool
	out     []Warning
	// secrets are the secret-like variable names in any environment.
	secrets []string
}

func (c *checker) warn(code, svc, format string, args ...any) {
	w := Warning{code, svc, fmt.Sprintf(format, args...)}
	if !c.seen[w] {
		c.seen[w] = true
		c.out = append(c.out, w)
	}
}

var (
	sshWords   = regexp.MustCompile(`(?i)(open)?sshd?|dropbear|authorized_keys`)
	sshCommand = regexp.MustCompile(`\b(sshd|dropbear)\b`)
	sha256Hex  = regexp.MustCompile(`^[0-9a-f]{64}$`)
)

func (c *checker) app() {
	a := c.a
	if strings.TrimSpace(a.PreLaunchScript) != "" {
		c.warn("pre-launch-script", "", "pre_launch_script runs as root after dockerd has restarted the containers; anything it checks is advisory")
	}
	for i, s := range a.InitScript {
		if strings.TrimSpace(s) != "" {
			c.warn("init-script", "", "init_script %d runs as root before dockerd, with the app's keys and decrypted env", i+1)
		}
	}
	if a.Runner == "bash" {
		c.warn("bash-runner", "", "the bash runner runs bash_script as root; no container check applies")
	}
	for _, s := range []struct{ field, text string }{
		{"pre_launch_script", a.PreLaunchScript}, {"bash_script", a.BashScript}, {"init_script", strings.Join(a.InitScript, "\n")},
	} {
		var found []string
		for _, m := range sshWords.FindAllString(s.text, -1) {
			if m = strings.ToLower(m); !slices.Contains(found, m) {
				found = append(found, m)
			}
		}
		if len(found) > 0 {
			c.warn("ssh", "", "%s mentions %s: it may install or start an SSH server", s.field, strings.Join(found, ", "))
		}
	}
	if !a.SecureTime {
		c.warn("insecure-time", "", "secure_time is false: the app boots on the host's clock")
	}
	if !a.PublicTCBInfo {
		c.warn("tcbinfo-hidden", "", "public_tcbinfo is false: the guest does not publish this app-compose")
	}
	for _, k := range slices.Sorted(maps.Keys(a.Extra)) {
		c.warn("unknown-field", "", "field %q is not in dstack's AppCompose as this version knows it", k)
	}
	for _, e := range a.AllowedEnvs {
		if secretName(e) {
			c.secrets = append(c.secrets, e)
		}
		switch {
		case runtimeEnv(e):
			c.warn("env-runtime", "", "allowed env %s is read by dstack's boot script, docker compose or the shell that runs them", e)
		case secretName(e):
			c.warn("env-secret", "", "allowed env %s looks like a secret, which the deployer supplies and so knows", e)
		}
	}
}

func (c *checker) dockerCompose(dc *dockerCompose) {
	if _, ok := dc.doc["include"]; ok {
		c.warn("include", "", "the compose includes other files, which the compose hash does not cover")
	}
	for k, v := range dc.doc {
		if k != "services" {
			c.refs(v, "", false)
		}
	}
	for _, s := range dc.services {
		c.service(s)
	}
}

// refs checks the variables compose substitutes in v; inEnv is whether v
// is a value in a service's environment.
func (c *checker) refs(v any, svc string, inEnv bool) {
	stringsIn(v, func(s string) {
		for _, r := range varRefs(s) {
			c.ref(r, svc, inEnv)
		}
	})
}

func (c *checker) ref(r varRef, svc string, inEnv bool) {
	where := "the compose's top level"
	if svc != "" {
		where = "the service's definition"
	}
	switch {
	case c.allowed[r.name] && !inEnv:
		c.warn("env-in-definition", svc, "allowed env %s is substituted into %s, not an environment: the deployer picks that part at each deployment", r.name, where)
	case c.allowed[r.name] && switchName(r.name):
		c.warn("env-switch", svc, "allowed env %s reaches the container; its name suggests a switch or an endpoint", r.name)
	case c.allowed[r.name], r.fallback():
	case r.required():
		c.warn("env-undeclared", svc, "${%s} is not in allowed_envs, so it is never set and compose refuses to start", r.name)
	default:
		c.warn("env-undeclared", svc, "${%s} is not in allowed_envs, so it is never set and compose substitutes an empty string (write $$%s if a shell in the container should expand it)", r.name, r.name)
	}
}

func (c *checker) service(s service) {
	def, name := s.def, s.name
	for k, v := range def {
		if k != "environment" {
			c.refs(v, name, false)
		}
	}
	for _, e := range s.environment() {
		if e.passed {
			if !c.allowed[e.name] {
				c.warn("env-undeclared", name, "environment passes %s through, but it is not in allowed_envs, so the container never gets it", e.name)
			} else if switchName(e.name) {
				c.warn("env-switch", name, "allowed env %s reaches the container; its name suggests a switch or an endpoint", e.name)
			}
		} else {
			c.refs(e.value, name, true)
		}
		if secretName(e.name) {
			c.secrets = append(c.secrets, e.name)
		}
	}
	if _, ok := def["env_file"]; ok {
		c.warn("env-file", name, "env_file loads values from a file the compose hash does not cover")
	}

	image := scalar(def["image"])
	pinned := pinnedImage(image)
	if _, ok := def["build"]; ok {
		pinned = false
		c.warn("build", name, "the image is built at boot from a context the compose hash does not pin")
	} else if !pinned && image != "" {
		c.warn("image-tag", name, "image %q is not pinned by digest (name@sha256:…)", image)
	}
	if ext, ok := def["extends"].(map[string]any); ok && ext["file"] != nil {
		c.warn("include", name, "extends a service from %q, which the compose hash does not cover", scalar(ext["file"]))
	}

	cmd := words(def["entrypoint"]) + " " + words(def["command"])
	for _, t := range []struct{ what, text string }{{"service name", name}, {"image", image}} {
		if sshWords.MatchString(t.text) {
			c.warn("ssh", name, "the %s %q suggests an SSH server", t.what, t.text)
		}
		if strings.Contains(strings.ToLower(t.text), "debug") {
			c.warn("debug", name, "the %s %q suggests a debugging service", t.what, t.text)
		}
	}
	if m := sshCommand.FindString(cmd); m != "" {
		c.warn("ssh", name, "the command runs %s", m)
	}
	for _, p := range s.ports() {
		if inRange(p.container, 22) || inRange(p.host, 22) {
			c.warn("ssh", name, "port %s:%s is SSH's port", p.host, p.container)
		}
	}

	if scalar(def["network_mode"]) == "host" {
		c.warn("host-network", name, "network_mode is host")
	}
	for _, ns := range []string{"pid", "ipc", "uts", "userns_mode", "cgroup"} {
		if scalar(def[ns]) == "host" {
			c.warn("host-namespace", name, "%s is host", ns)
		}
	}
	if p := scalar(def["privileged"]); p == "true" {
		c.warn("privileged", name, "privileged is true")
	}
	for _, v := range list(def["cap_add"]) {
		capName := strings.TrimPrefix(strings.ToUpper(scalar(v)), "CAP_")
		if slices.Contains(riskyCaps, capName) {
			c.warn("cap-add", name, "cap_add %s", capName)
		}
	}
	for _, v := range list(def["security_opt"]) {
		o := strings.ReplaceAll(strings.ToLower(scalar(v)), "=", ":")
		if strings.HasSuffix(o, ":unconfined") || o == "label:disable" {
			c.warn("unconfined", name, "security_opt %s", scalar(v))
		}
	}

	var sockets []string
	for _, m := range s.mounts() {
		switch {
		case m.source == "":
		case m.source == "/":
			c.warn("host-root", name, "mounts the CVM's root filesystem / at %s", m.target)
		case slices.Contains(dockerSockets, m.source):
			c.warn("docker-socket", name, "mounts %s, the docker socket", m.source)
		default:
			for _, p := range sensitivePaths {
				if m.source == p || strings.HasPrefix(m.source, p+"/") && (p == "/dstack" || strings.HasPrefix(p, "/var/lib/")) {
					c.warn("host-path", name, "mounts %s from the CVM", m.source)
				}
			}
		}
		if slices.Contains(agentSockets, m.source) {
			sockets = append(sockets, m.source)
		}
	}
	if len(sockets) > 0 {
		paths := strings.Join(sockets, ", ")
		if !pinned {
			c.warn("dstack-socket", name, "mounts the guest-agent socket (%s), and its image is not pinned by digest", paths)
		}
		if strings.Contains(cmd, "UNIX-CONNECT") || strings.Contains(cmd, "socat") {
			c.warn("dstack-socket", name, "mounts the guest-agent socket (%s), and its command forwards sockets with socat", paths)
		}
	}
}

// pinnedImage reports whether an image reference ends in a sha256 digest.
func pinnedImage(ref string) bool {
	_, digest, ok := strings.Cut(ref, "@sha256:")
	return ok && sha256Hex.MatchString(digest)
}

var riskyCaps = []string{"ALL", "SYS_ADMIN", "SYS_MODULE", "SYS_PTRACE", "SYS_RAWIO", "DAC_READ_SEARCH", "NET_ADMIN", "BPF"}

// dockerSockets and agentSockets include /run and /var/run, which hold them.
var dockerSockets = []string{"/var/run/docker.sock", "/run/docker.sock", "/var/run", "/run"}

var agentSockets = []string{
	"/var/run/dstack.sock", "/run/dstack.sock", "/var/run/dstack", "/run/dstack",
	"/var/run/tappd.sock", "/run/tappd.sock", "/var/run", "/run",
}

// sensitivePaths: the first three also below them; the rest as a whole,
// so /etc/localtime or /dev/shm stay quiet.
var sensitivePaths = []string{"/dstack", "/var/lib/docker", "/var/lib/containerd", "/etc", "/proc", "/sys", "/dev", "/root", "/boot"}

// runtimeEnv: variables that app-compose.sh (APP_COMPOSE_FILE,
// COMPOSE_FILE, NERDCTL_NAMESPACE, PCCS_URL), docker compose, the docker
// client, the dynamic linker or bash read from app-compose.service's
// environment, which is the decrypted env.
func runtimeEnv(name string) bool {
	for _, p := range []string{"COMPOSE_", "DOCKER_", "BUILDKIT_", "LD_"} {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	switch name {
	case "APP_COMPOSE_FILE", "NERDCTL_NAMESPACE", "PCCS_URL", "PATH", "HOME", "TMPDIR",
		"BASH_ENV", "ENV", "SHELLOPTS", "BASHOPTS", "IFS", "PS4":
		return true
	}
	return false
}

// secretName: KEY, TOKEN, SECRET, PASSWORD and the like anywhere in the
// name; a NAME_FILE variable holds a path, not the secret.
func secretName(name string) bool {
	u := strings.ToUpper(name)
	if strings.HasSuffix(u, "_FILE") {
		return false
	}
	for _, w := range []string{"KEY", "TOKEN", "SECRET", "PASSWORD", "PASSWD", "MNEMONIC", "PRIVATE", "CREDENTIAL"} {
		if strings.Contains(u, w) {
			return true
		}
	}
	return false
}

// switchName: a word of the name (split at "_") that usually selects a
// behaviour or where data comes from.
func switchName(name string) bool {
	for _, w := range strings.Split(strings.ToUpper(name), "_") {
		switch w {
		case "DEBUG", "DEV", "DEVELOPMENT", "TEST", "TESTING", "MODE", "SKIP", "DISABLE", "DISABLED", "ENABLE", "ENABLED",
			"INSECURE", "UNSAFE", "VERIFY", "NOVERIFY", "ALLOW", "BYPASS", "OVERRIDE", "ADMIN", "FLAG", "FLAGS", "FEATURE", "FEATURES",
			"URL", "URLS", "URI", "ENDPOINT", "ENDPOINTS", "HOST", "HOSTS", "ADDR", "ADDRESS", "RPC", "PROXY", "UPSTREAM", "SOURCE", "SERVER",
			"IMAGE", "SCRIPT", "CMD", "COMMAND", "EXEC":
			return true
		}
	}
	return false
}
