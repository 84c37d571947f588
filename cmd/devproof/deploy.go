package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/ethereum/go-ethereum/common"

	"github.com/devproof/devproof/deploy"
)

func init() { commands["deploy"] = runDeploy }

const deploySynopsis = `deploy --rpc URL [flags]     (key from DEPLOY_KEY or DEPLOY_KEY_FILE)

Examples:
  DEPLOY_KEY_FILE=./deployer.key devproof deploy --rpc https://rpc.example --chain-id 8453 \
      --kms 0x… --app-compose app-compose.json --allow-any-device
  devproof deploy --rpc URL --app-auth 0x… --signer signer.json --market
  devproof deploy --rpc URL --app-auth 0x… --activate 0

Deploys the app's DevproofAppAuth (its address is the dstack app id) or
attaches to one, registers it with dstack's KMS, proposes or activates
compose hashes, deploys a NotaryRegistry and registers the notary signer,
and deploys a PredictionMarket; then prints what exists on chain and what
users should check. Steps already done on chain are skipped.`

// deployOnly are the flags that describe a new DevproofAppAuth or
// NotaryRegistry, refused when attaching to an existing one.
var deployOnly = map[string]string{"delay": "app-auth", "owner": "app-auth", "require-tcb": "app-auth", "allow-any-device": "app-auth", "device": "app-auth", "min-delay": "registry"}

func runDeploy(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("deploy", deploySynopsis, stderr)
	rpc := fs.String("rpc", "", "the node's JSON-RPC endpoint: http(s)://, ws(s):// or an IPC socket path (required)")
	chainID := fs.Uint64("chain-id", 0, "refuse a node that serves another chain (default: any)")
	timeout := fs.Duration("timeout", deploy.DefaultTimeout, "bound on each receipt wait")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	appAuth := fs.String("app-auth", "", "attach to this DevproofAppAuth instead of deploying one")
	owner := fs.String("owner", "", "new DevproofAppAuth: its owner (default: the deployer)")
	delay := fs.Duration("delay", deploy.DefaultDelay, "new DevproofAppAuth: pending period of every loosening change, whole seconds, at least 1s")
	requireTCB := fs.Bool("require-tcb", false, "new DevproofAppAuth: refuse instances whose TCB is not UpToDate")
	anyDevice := fs.Bool("allow-any-device", false, "new DevproofAppAuth: let any machine run the app")
	device := fs.String("device", "", "new DevproofAppAuth: a device id (32-byte hex) allowed from the start")
	kms := fs.String("kms", "", "dstack's DstackKms: register the app with it (registerApp)")
	composeHash := fs.String("compose-hash", "", "propose this compose hash (32-byte hex)")
	appCompose := fs.String("app-compose", "", "propose the compose hash of this app-compose.json (sha256 of its bytes)")
	var activate []uint64
	fs.Func("activate", "activate pending change `ID` once its delay is over (anyone may; repeatable)", func(v string) error {
		id, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			return fmt.Errorf("not a change id: %q", v)
		}
		activate = append(activate, id)
		return nil
	})
	signerFile := fs.String("signer", "", "register this notary signer (the \"signer\" JSON devproof notary returns)")
	registry := fs.String("registry", "", "attach to this NotaryRegistry instead of deploying one")
	kmsRoot := fs.String("kms-root", "", "new NotaryRegistry: the dstack KMS root address (default: from the signer's key chain, which must agree)")
	minDelay := fs.Duration("min-delay", deploy.DefaultMinDelay, "new NotaryRegistry: the shortest app delay it accepts")
	market := fs.Bool("market", false, "deploy a PredictionMarket on the registry")
	challenge := fs.Duration("challenge", deploy.DefaultChallengePeriod, "new PredictionMarket: how long after a market's window an earlier observation can still be submitted")
	usage := fs.Usage
	fs.Usage = func() {
		usage()
		fmt.Fprint(stderr, "\nThe deployer key (hex secp256k1) is read only from DEPLOY_KEY, or from the file\n"+
			"DEPLOY_KEY_FILE names, never from a flag, which any local user sees in ps.\n")
	}
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 || *rpc == "" {
		fs.Usage()
		return errUsage
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	for name, with := range deployOnly {
		if set[name] && set[with] {
			return fmt.Errorf("--%s applies only to a new contract, not with --%s", name, with)
		}
	}
	if set["compose-hash"] && set["app-compose"] {
		return errors.New("--compose-hash and --app-compose both name a compose hash; give one")
	}

	key, err := deploy.KeyFromEnv(os.Getenv)
	if err != nil {
		return err
	}
	cfg := deploy.Config{RPC: *rpc, ChainID: *chainID, Key: key, Timeout: *timeout, Activate: activate, MinDelay: *minDelay, Market: *market, ChallengePeriod: *challenge}
	var errs []error
	addr := func(name, v string) common.Address {
		if v == "" {
			return common.Address{}
		}
		if !common.IsHexAddress(v) {
			errs = append(errs, fmt.Errorf("--%s %q is not a 20-byte hex address", name, v))
		}
		return common.HexToAddress(v)
	}
	hash := func(name, v string) common.Hash {
		b, err := hexFlag("--"+name, strings.TrimPrefix(v, "0x"))
		if err == nil && b != nil && len(b) != 32 {
			err = fmt.Errorf("--%s %q is %d bytes, want 32", name, v, len(b))
		}
		if err != nil {
			errs = append(errs, err)
		}
		return common.BytesToHash(b)
	}
	cfg.AppAuth = addr("app-auth", *appAuth)
	if *appAuth == "" {
		cfg.NewApp = &deploy.AppPolicy{Owner: addr("owner", *owner), Delay: *delay, RequireTCBUpToDate: *requireTCB, AllowAnyDevice: *anyDevice, Device: hash("device", *device)}
	}
	cfg.KMS = addr("kms", *kms)
	cfg.Registry = addr("registry", *registry)
	cfg.KMSRoot = addr("kms-root", *kmsRoot)
	cfg.ComposeHash = hash("compose-hash", *composeHash)
	if *appCompose != "" {
		cfg.ComposeHash, err = deploy.ReadAppCompose(*appCompose)
		errs = append(errs, err)
	}
	if *signerFile != "" {
		cfg.Signer, err = deploy.ReadSigner(*signerFile)
		errs = append(errs, err)
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}

	report, err := deploy.Run(ctx, cfg)
	if report != nil && (err == nil || report.Transacted()) {
		if *asJSON {
			if perr := printJSON(stdout, report); perr != nil {
				return errors.Join(err, perr)
			}
		} else {
			report.WriteText(stdout)
		}
	}
	return err
}
