package compose

import (
	"encoding/hex"
	"fmt"
	"regexp"
	"slices"
)

// Options are the app-compose fields Generate sets. The zero value of each
// is dstack's default, except where a field says otherwise.
type Options struct {
	// Name is the app's name (name); required.
	Name string
	// KeyProvider is "kms" (the default: keys from the KMS, the same in
	// every instance of the app), "local", "tpm" or "none". kms_enabled and
	// local_key_provider_enabled are written to match, for older guests.
	KeyProvider string
	// KeyProviderID pins the key provider, hex (for kms, the KMS CA public
	// key); empty pins nothing.
	KeyProviderID string
	// Gateway sets gateway_enabled: the app is reachable through
	// dstack-gateway.
	Gateway bool
	// PublicLogs and PublicSysinfo let the guest publish the containers'
	// output and the system information.
	PublicLogs, PublicSysinfo bool
	// HideTCBInfo writes public_tcbinfo false, so the guest does not publish
	// this app-compose; by default it does.
	HideTCBInfo bool
	// AllowedEnvs are the encrypted environment variables the guest keeps.
	// They are written sorted and without repeats, so the order they were
	// given in does not change the compose hash.
	AllowedEnvs []string
	// NoInstanceID sets no_instance_id.
	NoInstanceID bool
	// InsecureTime writes secure_time false: the guest then boots without
	// waiting for a trusted clock. By default secure_time is true.
	InsecureTime bool
	// PreLaunchScript is pre_launch_script; empty leaves it out, as dstack's
	// SDKs do before hashing.
	PreLaunchScript string
	// InitScripts are init_script (at most 5). More than one needs
	// manifest_version "3", which Generate then writes.
	InitScripts []string
	// StorageFS is storage_fs, "ext4" or "zfs"; empty leaves dstack's
	// default (zfs).
	StorageFS string
	// SwapSize is swap_size in bytes; 0 leaves it out (no swap).
	SwapSize uint64
}

var envName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// Generate builds the app-compose for a docker-compose file: name is the
// file, for errors, and dockerCompose its bytes, embedded exactly. Encode
// gives the bytes to write.
func Generate(name string, dockerCompose []byte, o Options) (*AppCompose, error) {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("docker-compose file %q: %s", name, fmt.Sprintf(format, args...))
	}
	if _, err := parseDockerCompose(dockerCompose); err != nil {
		return nil, bad("%v", err)
	}
	if o.Name == "" {
		return nil, fmt.Errorf("the app needs a name")
	}
	a := &AppCompose{
		ManifestVersion:   "2",
		Name:              o.Name,
		Runner:            "docker-compose",
		DockerComposeFile: string(dockerCompose),
		PublicLogs:        o.PublicLogs,
		PublicSysinfo:     o.PublicSysinfo,
		PublicTCBInfo:     !o.HideTCBInfo,
		GatewayEnabled:    o.Gateway,
		KeyProvider:       o.KeyProvider,
		KeyProviderID:     o.KeyProviderID,
		AllowedEnvs:       []string{},
		NoInstanceID:      o.NoInstanceID,
		SecureTime:        !o.InsecureTime,
		PreLaunchScript:   o.PreLaunchScript,
		InitScript:        Scripts(o.InitScripts),
		StorageFS:         o.StorageFS,
	}
	switch a.KeyProvider {
	case "":
		a.KeyProvider = "kms"
	case "kms", "local", "tpm", "none":
	default:
		return nil, fmt.Errorf("key provider %q is not kms, local, tpm or none", o.KeyProvider)
	}
	a.KMSEnabled = a.KeyProvider == "kms"
	a.LocalKeyProviderEnabled = a.KeyProvider == "local"
	if _, err := hex.DecodeString(o.KeyProviderID); err != nil {
		return nil, fmt.Errorf("key provider id %q is not hex: %w", o.KeyProviderID, err)
	}
	if o.KeyProviderID != "" && (a.KeyProvider == "tpm" || a.KeyProvider == "none") {
		return nil, fmt.Errorf("key provider %s takes no key provider id", a.KeyProvider)
	}
	for _, e := range o.AllowedEnvs {
		if !envName.MatchString(e) {
			return nil, fmt.Errorf("allowed env %q is not a variable name (letters, digits, _; not starting with a digit)", e)
		}
		a.AllowedEnvs = append(a.AllowedEnvs, e)
	}
	slices.Sort(a.AllowedEnvs)
	a.AllowedEnvs = slices.Compact(a.AllowedEnvs)
	switch n := len(o.InitScripts); {
	case n > 5:
		return nil, fmt.Errorf("%d init scripts; dstack runs at most 5", n)
	case n > 1:
		a.ManifestVersion = "3"
	}
	switch o.StorageFS {
	case "", "ext4", "zfs":
	default:
		return nil, fmt.Errorf("storage fs %q is not ext4 or zfs", o.StorageFS)
	}
	if o.SwapSize > 1<<53 {
		return nil, fmt.Errorf("swap size %d is beyond what JSON numbers hold exactly (2^53)", o.SwapSize)
	}
	if o.SwapSize > 0 {
		a.SwapSize = fmt.Appendf(nil, "%d", o.SwapSize)
	}
	return a, nil
}
