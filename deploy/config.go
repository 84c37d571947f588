package deploy

import (
	"crypto/ecdsa"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/devproof/devproof/internal/attest"
	"github.com/devproof/devproof/notary"
)

// Defaults of the command's flags.
const (
	DefaultDelay    = 72 * time.Hour
	DefaultMinDelay = 72 * time.Hour
	// DefaultChallengePeriod is how long after a market's observation
	// window an earlier observation can still be submitted.
	DefaultChallengePeriod = time.Hour
	DefaultTimeout         = 2 * time.Minute
)

// Config is one run: which node, which key, and what to put on chain. A
// zero address or hash leaves its step out.
type Config struct {
	// RPC is the node: an http(s):// or ws(s):// URL, or an IPC socket path.
	RPC string
	// ChainID, when not zero, is the chain id the node must serve.
	ChainID uint64
	// Key signs every transaction; its address is the deployer.
	Key *ecdsa.PrivateKey
	// Timeout bounds the wait for each receipt, and the first contact with
	// the node; zero means DefaultTimeout.
	Timeout time.Duration

	// AppAuth attaches to an existing DevproofAppAuth. Exactly one of
	// AppAuth and NewApp is set.
	AppAuth common.Address
	// NewApp deploys a DevproofAppAuth with this policy.
	NewApp *AppPolicy

	// KMS is dstack's DstackKms to register the app with (registerApp);
	// zero skips the registration.
	KMS common.Address

	// Activate lists pending changes to activate, in order. Activation is
	// permissionless once a change's pending period is over.
	Activate []uint64
	// ComposeHash is proposed unless already allowed or pending; the
	// deployer must be the AppAuth's owner. Zero proposes nothing.
	ComposeHash common.Hash

	// Signer is the app's notary signer to register in the registry; its
	// app id must be the AppAuth's address.
	Signer *notary.Signer
	// Registry attaches to an existing NotaryRegistry; zero deploys one
	// when Signer, KMSRoot or Market asks for a registry.
	Registry common.Address
	// KMSRoot is the dstack KMS root a new registry trusts. Zero takes the
	// root the signer's chain ends at; when both are known they must agree.
	KMSRoot common.Address
	// MinDelay is a new registry's shortest accepted pending period
	// (whole seconds, at most the app's delay). The command's default is
	// DefaultMinDelay; zero accepts any delay.
	MinDelay time.Duration
	// Market deploys a PredictionMarket on the registry, whose markets
	// take earlier observations for ChallengePeriod after their window
	// (zero means DefaultChallengePeriod).
	Market          bool
	ChallengePeriod time.Duration
}

// AppPolicy is a new DevproofAppAuth's constructor arguments.
type AppPolicy struct {
	// Owner may propose changes; zero means the deployer.
	Owner common.Address
	// Delay is the pending period of every loosening change: whole
	// seconds, at least one. It can only grow afterwards.
	Delay time.Duration
	// RequireTCBUpToDate refuses instances whose TCB status is not UpToDate.
	RequireTCBUpToDate bool
	// AllowAnyDevice lets any machine run the app; else only listed devices.
	AllowAnyDevice bool
	// Device is a device id allowed from the start; zero allows none.
	Device common.Hash
}

// The deployer key has no flag: any local user can read a process's
// arguments with ps.
const (
	keyEnv     = "DEPLOY_KEY"
	keyFileEnv = "DEPLOY_KEY_FILE"
)

// KeyFromEnv reads the deployer's secp256k1 key, in hex, from DEPLOY_KEY or
// from the file DEPLOY_KEY_FILE names (as Docker secrets are mounted).
// Errors never echo the key.
func KeyFromEnv(getenv func(string) string) (*ecdsa.PrivateKey, error) {
	k, err := EnvKey(getenv, keyEnv, keyFileEnv)
	if k == nil && err == nil {
		return nil, fmt.Errorf("no deployer key: set %s to the key in hex, or %s to a file holding it (there is no flag for the key)", keyEnv, keyFileEnv)
	}
	return k, err
}

// EnvKey reads a secp256k1 key, in hex, from the variable env or from the
// file the variable fileEnv names; nil and no error when neither is set.
// Errors never echo the key.
func EnvKey(getenv func(string) string, env, fileEnv string) (*ecdsa.PrivateKey, error) {
	v, file := strings.TrimSpace(getenv(env)), strings.TrimSpace(getenv(fileEnv))
	switch {
	case v != "" && file != "":
		return nil, fmt.Errorf("%s and %s are both set; give one", env, fileEnv)
	case v != "":
		return parseKey(env, v)
	case file != "":
		b, err := os.ReadFile(file)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", fileEnv, err)
		}
		return parseKey(fmt.Sprintf("%s %q", fileEnv, file), strings.TrimSpace(string(b)))
	}
	return nil, nil
}

func parseKey(what, s string) (*ecdsa.PrivateKey, error) {
	s = strings.TrimPrefix(strings.TrimPrefix(s, "0x"), "0X")
	if s == "" {
		return nil, fmt.Errorf("%s is empty", what)
	}
	// hex's own errors quote the offending character: say less.
	b, err := hex.DecodeString(s)
	if err != nil {
		return nil, fmt.Errorf("%s is not a hex key", what)
	}
	if len(b) != 32 {
		return nil, fmt.Errorf("%s is %d bytes, want a 32-byte secp256k1 key (64 hex digits)", what, len(b))
	}
	k, err := crypto.ToECDSA(b)
	if err != nil {
		return nil, fmt.Errorf("%s is not a valid secp256k1 key", what)
	}
	return k, nil
}

// ReadSigner reads a notary signer's public description: the "signer"
// object `devproof notary` returns (address, public_key, signature_chain,
// app_id), alone or inside a whole notarization.
func ReadSigner(path string) (*notary.Signer, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("--signer: %w", err)
	}
	var outer struct {
		Signer *notary.Signer `json:"signer"`
	}
	if err := json.Unmarshal(b, &outer); err != nil {
		return nil, fmt.Errorf("--signer %q is not JSON: %w", path, err)
	}
	s := outer.Signer
	if s == nil {
		s = new(notary.Signer)
		if err := json.Unmarshal(b, s); err != nil {
			return nil, fmt.Errorf("--signer %q: %w", path, err)
		}
	}
	var missing []string
	for name, empty := range map[string]bool{"address": s.Address == (common.Address{}), "public_key": len(s.PublicKey) == 0, "signature_chain": len(s.SignatureChain) == 0, "app_id": s.AppID == ""} {
		if empty {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		slices.Sort(missing)
		return nil, fmt.Errorf("--signer %q is not a notary signer: no %s", path, strings.Join(missing, ", "))
	}
	return s, nil
}

// ReadAppCompose returns the compose hash of an app-compose.json: the
// sha256 of its exact bytes, as dstack measures it.
func ReadAppCompose(path string) (common.Hash, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return common.Hash{}, fmt.Errorf("--app-compose: %w", err)
	}
	h, err := attest.ComposeHash(b)
	if err != nil {
		return common.Hash{}, fmt.Errorf("--app-compose %q: %w", path, err)
	}
	return common.HexToHash(h), nil
}

// check refuses a configuration before anything touches the chain.
func (c *Config) check() error {
	var errs []error
	if c.RPC == "" {
		errs = append(errs, errors.New("--rpc is required"))
	}
	if c.Key == nil {
		errs = append(errs, errors.New("no deployer key"))
	}
	switch {
	case c.AppAuth == (common.Address{}) && c.NewApp == nil:
		errs = append(errs, errors.New("neither --app-auth nor a new DevproofAppAuth's policy"))
	case c.AppAuth != (common.Address{}) && c.NewApp != nil:
		errs = append(errs, errors.New("--delay, --owner, --require-tcb, --allow-any-device and --device apply only to a new DevproofAppAuth, not with --app-auth"))
	}
	if p := c.NewApp; p != nil {
		if p.Delay < time.Second || p.Delay%time.Second != 0 {
			errs = append(errs, fmt.Errorf("--delay %s: must be whole seconds, at least 1s", p.Delay))
		}
		// Allowing a machine later waits the whole delay.
		if !p.AllowAnyDevice && p.Device == (common.Hash{}) {
			errs = append(errs, errors.New("a new DevproofAppAuth with neither --allow-any-device nor --device lets no machine run the app until a device proposed later has waited the delay; give one"))
		}
	}
	if c.ChallengePeriod < 0 || c.ChallengePeriod%time.Second != 0 {
		errs = append(errs, fmt.Errorf("--challenge %s: must be whole seconds, not negative", c.ChallengePeriod))
	}
	if c.MinDelay < 0 || c.MinDelay%time.Second != 0 {
		errs = append(errs, fmt.Errorf("--min-delay %s: must be whole seconds, not negative", c.MinDelay))
	}
	if c.Timeout < 0 {
		errs = append(errs, fmt.Errorf("--timeout %s is negative", c.Timeout))
	}
	return errors.Join(errs...)
}

func (c *Config) timeout() time.Duration {
	if c.Timeout == 0 {
		return DefaultTimeout
	}
	return c.Timeout
}

// wantsRegistry says whether the run involves a NotaryRegistry.
func (c *Config) wantsRegistry() bool {
	return c.Signer != nil || c.Registry != (common.Address{}) || c.KMSRoot != (common.Address{}) || c.Market
}

func (c *Config) challenge() time.Duration {
	if c.ChallengePeriod == 0 {
		return DefaultChallengePeriod
	}
	return c.ChallengePeriod
}
