package compose

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"github.com/devproof/devproof/internal/jcs"
)

// AppCompose is dstack's app-compose.json, as dstack-types' AppCompose
// defines it at dstack commit 312dc605ebaaf93372534ffb135ea011533d28e9
// (dstack/dstack-types/src/lib.rs), plus the fields the guest's boot script
// reads beside it (pre_launch_script, bash_script; os/common/rootfs/
// app-compose.sh). Fields dstack adds later land in Extra, so reading and
// re-encoding a file loses no member.
type AppCompose struct {
	// ManifestVersion is "2" for what Generate writes ("3" with several
	// init scripts); "3" and later must be strings in the file.
	ManifestVersion ManifestVersion `json:"manifest_version"`
	Name            string          `json:"name"`
	// Features is deprecated in dstack; "tproxy-net" once meant the gateway.
	Features []string `json:"features,omitempty"`
	// Runner is "docker-compose", "nerdctl-compose" or "bash".
	Runner            string `json:"runner"`
	Snapshotter       string `json:"snapshotter,omitempty"`
	DockerComposeFile string `json:"docker_compose_file,omitempty"`
	// InitScript runs as root before dockerd, on every boot.
	InitScript Scripts `json:"init_script,omitempty"`
	// PreLaunchScript is sourced by the boot script after dockerd started.
	PreLaunchScript string `json:"pre_launch_script,omitempty"`
	// BashScript is the whole app when Runner is "bash".
	BashScript    string `json:"bash_script,omitempty"`
	PublicLogs    bool   `json:"public_logs"`
	PublicSysinfo bool   `json:"public_sysinfo"`
	// PublicTCBInfo defaults to true when the field is absent, as in dstack.
	PublicTCBInfo  bool `json:"public_tcbinfo"`
	KMSEnabled     bool `json:"kms_enabled"`
	GatewayEnabled bool `json:"gateway_enabled"`
	// TProxyEnabled is the gateway's old name; dstack reads either.
	TProxyEnabled           bool `json:"tproxy_enabled,omitempty"`
	LocalKeyProviderEnabled bool `json:"local_key_provider_enabled"`
	// KeyProvider is "none", "kms", "local" or "tpm"; empty means the one
	// the legacy booleans name (see KeyProviderKind).
	KeyProvider string `json:"key_provider,omitempty"`
	// KeyProviderID pins the key provider (hex; for kms the KMS CA public
	// key). Empty pins nothing.
	KeyProviderID string `json:"key_provider_id"`
	// AllowedEnvs are the only encrypted environment variables the guest
	// keeps; it drops every other one the deployer sends.
	AllowedEnvs  []string `json:"allowed_envs"`
	NoInstanceID bool     `json:"no_instance_id"`
	// SecureTime defaults to true when the field is absent, as in dstack.
	SecureTime bool   `json:"secure_time"`
	StorageFS  string `json:"storage_fs,omitempty"`
	// SwapSize is bytes as a number, or a size such as "1G", as written.
	SwapSize json.RawMessage `json:"swap_size,omitempty"`
	// EventLogVersion 2 selects JCS event digests; 0 and 1 are omitted.
	EventLogVersion int             `json:"event_log_version,omitempty"`
	PortPolicy      json.RawMessage `json:"port_policy,omitempty"`
	Requirements    json.RawMessage `json:"requirements,omitempty"`
	VerityVolumes   json.RawMessage `json:"verity_volumes,omitempty"`

	// Extra holds every member this version does not know, as written.
	Extra map[string]json.RawMessage `json:"-"`
}

// appCompose has AppCompose's fields without its methods.
type appCompose AppCompose

// knownFields are the JSON names of AppCompose's fields.
var knownFields = func() map[string]bool {
	known := map[string]bool{}
	t := reflect.TypeFor[appCompose]()
	for i := range t.NumField() {
		if name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ","); name != "-" {
			known[name] = true
		}
	}
	return known
}()

// UnmarshalJSON reads an app-compose object, keeping unknown members in
// Extra and dstack's defaults for absent ones.
func (a *AppCompose) UnmarshalJSON(data []byte) error {
	v := appCompose{PublicTCBInfo: true, SecureTime: true}
	if err := json.Unmarshal(data, &v); err != nil {
		return err
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(data, &all); err != nil {
		return err
	}
	for k, raw := range all {
		if !knownFields[k] {
			if v.Extra == nil {
				v.Extra = map[string]json.RawMessage{}
			}
			v.Extra[k] = raw
		}
	}
	*a = AppCompose(v)
	return nil
}

// MarshalJSON writes the known fields and Extra; Encode gives the bytes
// to hash.
func (a AppCompose) MarshalJSON() ([]byte, error) {
	v := appCompose(a)
	if v.AllowedEnvs == nil {
		v.AllowedEnvs = []string{}
	}
	b, err := json.Marshal(v)
	if err != nil || len(a.Extra) == 0 {
		return b, err
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(b, &all); err != nil {
		return nil, err
	}
	for k, raw := range a.Extra {
		if _, dup := all[k]; dup || knownFields[k] {
			return nil, fmt.Errorf("extra member %q is a known field", k)
		}
		all[k] = raw
	}
	return json.Marshal(all)
}

// KeyProviderKind is the key provider the guest uses: key_provider, else
// kms if kms_enabled, else local if local_key_provider_enabled, else none
// (dstack-types, AppCompose::key_provider).
func (a *AppCompose) KeyProviderKind() string {
	switch {
	case a.KeyProvider != "":
		return a.KeyProvider
	case a.KMSEnabled:
		return "kms"
	case a.LocalKeyProviderEnabled:
		return "local"
	}
	return "none"
}

// ManifestVersion is manifest_version. dstack accepts the numbers 1 and 2
// and canonical decimal strings; 1 and 2 are written as numbers, which
// every guest reads, and later versions as strings, which dstack requires
// so that older guests refuse them.
type ManifestVersion string

func (m *ManifestVersion) UnmarshalJSON(data []byte) error {
	var n json.Number
	if err := json.Unmarshal(data, &n); err == nil && !bytes.HasPrefix(data, []byte(`"`)) {
		if n != "1" && n != "2" {
			return fmt.Errorf("manifest_version %s: a number must be 1 or 2; later versions are strings", n)
		}
		*m = ManifestVersion(n)
		return nil
	}
	var s string
	if err := json.Unmarshal(data, &s); err != nil {
		return fmt.Errorf("manifest_version %s is neither a number nor a string", data)
	}
	if v, err := strconv.ParseUint(s, 10, 32); err != nil || v == 0 || strconv.FormatUint(v, 10) != s {
		return fmt.Errorf("manifest_version %q is not a positive integer written canonically", s)
	}
	*m = ManifestVersion(s)
	return nil
}

func (m ManifestVersion) MarshalJSON() ([]byte, error) {
	if m == "1" || m == "2" {
		return []byte(m), nil
	}
	return json.Marshal(string(m))
}

// Scripts is init_script: one script is written as a string, several as
// an array, as dstack does; null reads as none.
type Scripts []string

func (s *Scripts) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		*s = nil
		return nil
	}
	var one string
	if err := json.Unmarshal(data, &one); err == nil {
		*s = Scripts{one}
		return nil
	}
	var many []string
	if err := json.Unmarshal(data, &many); err != nil {
		return fmt.Errorf("init_script is neither a string nor an array of strings")
	}
	*s = many
	return nil
}

func (s Scripts) MarshalJSON() ([]byte, error) {
	if len(s) == 1 {
		return json.Marshal(s[0])
	}
	return json.Marshal([]string(s))
}

// Parse reads an app-compose.json file's bytes; name is the file, for
// errors. It refuses what dstack's guest refuses before booting: a value
// that is not a JSON object or repeats a member, a missing or malformed
// manifest_version, name or runner, an unknown key_provider, and for the
// compose runners a docker_compose_file that is missing or does not parse.
func Parse(name string, data []byte) (*AppCompose, error) {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("app-compose %q: %s", name, fmt.Sprintf(format, args...))
	}
	var members map[string]json.RawMessage
	if err := json.Unmarshal(data, &members); err != nil {
		return nil, bad("not a JSON object: %v", err)
	}
	// serde, which dstack reads the file with, refuses repeated members;
	// encoding/json would keep the last.
	if _, err := jcs.Canonicalize(data); err != nil {
		return nil, bad("%v", err)
	}
	for _, k := range []string{"manifest_version", "name", "runner"} {
		if _, ok := members[k]; !ok {
			return nil, bad("no %s", k)
		}
	}
	var a AppCompose
	if err := json.Unmarshal(data, &a); err != nil {
		return nil, bad("%v", err)
	}
	switch a.KeyProvider {
	case "", "none", "kms", "local", "tpm":
	default:
		return nil, bad("key_provider %q is not none, kms, local or tpm", a.KeyProvider)
	}
	if a.Runner == "docker-compose" || a.Runner == "nerdctl-compose" {
		if a.DockerComposeFile == "" {
			return nil, bad("runner %s needs a docker_compose_file", a.Runner)
		}
		if _, err := parseDockerCompose([]byte(a.DockerComposeFile)); err != nil {
			return nil, bad("docker_compose_file: %v", err)
		}
	}
	return &a, nil
}

// Encode returns the bytes of app-compose.json for a: RFC 8785 canonical
// JSON (members sorted, no white space, no trailing newline). This is the
// serialization dstack's SDKs (getComposeHash in JavaScript,
// get_compose_hash in Python) use to compute a compose hash from an
// app-compose's fields, so anyone holding the fields can recompute the
// hash, in any language, without these bytes. Numbers must fit a double
// exactly, as RFC 8785 requires. For an app-compose that was read, these
// are its bytes only if it was written this way: its compose hash is Hash
// of the bytes read.
func Encode(a *AppCompose) ([]byte, error) {
	b, err := jcs.Marshal(a)
	if err != nil {
		return nil, fmt.Errorf("encoding app-compose %q: %w", a.Name, err)
	}
	return b, nil
}

// Hash is the compose hash of an app-compose.json: hex sha256 of its
// exact bytes, trailing newline and all, which dstack extends into RTMR3
// as the compose-hash event.
func Hash(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
