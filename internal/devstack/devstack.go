package devstack

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/devproof/devproof/deploy/contracts"
	"github.com/devproof/devproof/internal/acmeca"
	"github.com/devproof/devproof/internal/attest"
	"github.com/devproof/devproof/internal/ctlog"
	"github.com/devproof/devproof/internal/evidence"
	"github.com/devproof/devproof/internal/tee"
	"github.com/devproof/devproof/internal/teesim"
	"github.com/devproof/devproof/notary"
)

// Config is what `devproof dev` can be told.
type Config struct {
	// Dir holds the stack's sockets and state; empty means a fresh
	// temporary directory, removed on exit.
	Dir string
	// Seed makes the simulated app's keys deterministic; empty means
	// "devproof-dev".
	Seed string
	// Out receives progress and the summary; nil means os.Stderr.
	Out io.Writer
	// Target, when set, is the backend the ingress serves (host:port or
	// URL) instead of the built-in demo page.
	Target string
	// HTTPSPort is where the ingress listens on 127.0.0.1; 0 picks a free
	// port.
	HTTPSPort int
	// Ready, if set, is called once every service is up and checked.
	Ready func(*Stack)
}

// Stack is the running set of local services.
type Stack struct {
	// Endpoint is the simulator's unix socket, for DSTACK_SIMULATOR_ENDPOINT.
	Endpoint    string
	AppID       string
	ComposeHash string
	// Signer is the address of the notary key GetKey derives.
	Signer string
	// URL is the demo app behind the ingress; RootPEM is the file with the
	// local CA root that its certificate chains to; Curl fetches URL.
	URL     string
	RootPEM string
	Curl    string
	// DNS is the local DNS server's address.
	DNS string
	// SecondIngressEnv is the environment, NAME=value, that runs another
	// `devproof ingress` for SecondDomain against this stack's Pebble, DNS
	// server and simulator; the TSIG secret is in the file that
	// RFC2136_KEY_SECRET_FILE names.
	SecondIngressEnv []string
	// AppAuth is the app's DevproofAppAuth (the app id as an address), KMS
	// the KMS stand-in that asks it; the compose hash took effect at
	// PolicyEffective (chain time), PolicyDelay after it was proposed.
	AppAuth, KMS    string
	PolicyDelay     time.Duration
	PolicyEffective time.Time
	// Market is how the demo market settled; LogList is the local CT
	// logs' list, for `devproof notary`.
	Market  *Settlement
	LogList string
	// Watch is what the CT monitor found on the local logs.
	Watch *Watch
	// Tunnel is the ingress's tunnel port and the client that reaches it.
	Tunnel *Tunnel
	// RPC is the simulated chain's HTTP JSON-RPC endpoint on 127.0.0.1;
	// VerifyCommand audits the running app against it, every check
	// passing.
	RPC           string
	VerifyCommand string

	pebble      *acmeca.CA
	ingressAddr string
	ctLogs      []*ctlog.Log
}

// DemoDomain is the name the dev ingress serves.
const DemoDomain = "app.devproof.test"

// Run starts the stack, checks it end to end, prints what runs where, and
// serves until ctx is done. It returns nil on a clean shutdown.
func Run(ctx context.Context, cfg Config) error {
	out := cfg.Out
	if out == nil {
		out = os.Stderr
	}
	if cfg.Seed == "" {
		cfg.Seed = "devproof-dev"
	}
	dir := cfg.Dir
	if dir == "" {
		d, err := os.MkdirTemp("", "devproof-dev-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(d)
		dir = d
	} else {
		var err error
		if dir, err = absDir(dir); err != nil {
			return err
		}
	}
	start := time.Now()
	const steps = 12
	step := func(n int, format string, args ...any) {
		fmt.Fprintf(out, "[%d/%d] %s\n", n, steps, fmt.Sprintf(format, args...))
	}
	var stops []func()
	defer func() {
		for i := len(stops) - 1; i >= 0; i-- {
			stops[i]()
		}
	}()

	step(1, "starting a simulated chain: KMS stand-in, the app's DevproofAppAuth, its compose hash through the pending period")
	dc, err := startChain(ctx, []byte(teesim.DefaultAppCompose), cfg.HTTPSPort, &stops)
	if err != nil {
		return err
	}
	step(2, "DevproofAppAuth %s is the app id; compose hash allowed after a %s pending period (simulated time moved on), effective %s",
		dc.appAuth.Hex(), PolicyDelay, dc.effective.Format(time.RFC3339))
	// The simulator boots only if the KMS, asking the app's contract,
	// allows it, as dstack's KMS decides before it releases app keys.
	sim, err := teesim.New(teesim.Config{Seed: []byte(cfg.Seed), AppID: dc.appAuth.Bytes(), Authorize: contracts.Authorizer(ctx, dc.client, dc.kms)})
	if err != nil {
		return err
	}
	if err := dc.publishKMSInfo(ctx, sim); err != nil {
		return err
	}
	sock := filepath.Join(dir, "dstack.sock")
	agent, stopSim, err := sim.Start(sock)
	if err != nil {
		return err
	}
	stops = append(stops, stopSim)
	st, err := check(ctx, agent, step)
	if err != nil {
		return err
	}
	st.Endpoint = sock

	if err := startIngress(ctx, st, cfg, dir, agent, step, &stops); err != nil {
		return err
	}
	st.AppAuth, st.KMS, st.PolicyDelay, st.PolicyEffective = dc.appAuth.Hex(), dc.kms.Hex(), PolicyDelay, dc.effective
	if err := runMarket(ctx, st, dir, dc, sim, agent, step, &stops); err != nil {
		return err
	}
	if err := runMonitor(ctx, st, dir, st.pebble, st.ingressAddr, st.ctLogs, step, &stops); err != nil {
		return err
	}
	if err := checkTunnel(ctx, st, step, &stops); err != nil {
		return err
	}
	st.RPC = dc.rpc
	st.VerifyCommand = verifyCommand(st)

	if err := writeEnv(dir, st); err != nil {
		return err
	}

	fmt.Fprintf(out, "\ndevproof dev is up (%s):\n", time.Since(start).Round(time.Millisecond))
	row := func(k, v string) { fmt.Fprintf(out, "  %-18s %s\n", k, v) }
	row("app", st.URL)
	row("evidence", st.URL+"evidences/")
	row("CA root", st.RootPEM)
	row("dstack simulator", "unix:"+sock)
	row("DNS server", st.DNS+" (zone devproof.test)")
	row("app id", st.AppID+" (its DevproofAppAuth's address)")
	row("app policy", fmt.Sprintf("pending period %s; dev compose hash effective %s; KMS stand-in %s", st.PolicyDelay, st.PolicyEffective.Format(time.RFC3339), st.KMS))
	row("notary signer", st.Signer)
	m := st.Market
	row("market", fmt.Sprintf("%q resolved %s (price %s >= 100000), winner paid %s ETH", DemoMarket, map[bool]string{true: "YES", false: "NO"}[m.Outcome], m.Value, new(big.Float).Quo(new(big.Float).SetInt(m.Payout), big.NewFloat(1e18)).Text('f', 5)))
	row("CT log list", st.LogList+" (two local TesseraCT logs)")
	row("contracts", "NotaryRegistry "+m.Registry+", PredictionMarket "+m.Market+" (simulated chain 1337)")
	row("chain JSON-RPC", st.RPC)
	row("CT monitor", "state "+st.Watch.StateDir+"; every finding in "+st.Watch.Alerts)
	row("", "authorized: "+st.Watch.Authorized.Summary)
	row("", "ROGUE: "+st.Watch.Rogue.Summary+" ("+st.Watch.Rogue.CertFile+")")
	row("tunnel", st.Tunnel.Addr+" (TLS with the ingress's attested certificate) to the TCP echo at "+st.Tunnel.Echo)
	fmt.Fprintf(out, "\nTry it from another shell (. %s sets the variables docs/tutorial.md uses):\n  %s\n", shellQuote(filepath.Join(dir, EnvFile)), st.Curl)
	fmt.Fprintf(out, "  DSTACK_SIMULATOR_ENDPOINT=%s go run ./cmd/devproof agent quote --report-data 00 > quote.json\n", sock)
	fmt.Fprintf(out, "  go run ./cmd/devproof verify quote quote.json --allow-simulated\n")
	fmt.Fprintf(out, "  %s   # exits 1: a rogue certificate is logged\n", st.Watch.Command)
	fmt.Fprintf(out, "  %s\n", st.Tunnel.Command)
	fmt.Fprintf(out, "  %s\n", st.VerifyCommand)
	fmt.Fprintf(out, "  nc %s %s   # with the client running: what you type comes back through the tunnel\n", "127.0.0.1", portOf(st.Tunnel.ClientListen))
	fmt.Fprintf(out, "\nA second ingress for %s against this Pebble, DNS server and simulator:\n  env", SecondDomain)
	for _, kv := range st.SecondIngressEnv {
		k, v, _ := strings.Cut(kv, "=")
		fmt.Fprintf(out, " \\\n    %s=%s", k, shellQuote(v))
	}
	fmt.Fprintf(out, " \\\n    go run ./cmd/devproof ingress\n")
	fmt.Fprintf(out, "\nPress Ctrl-C to stop.\n")
	if cfg.Ready != nil {
		cfg.Ready(st)
	}
	<-ctx.Done()
	fmt.Fprintf(out, "\nstopping…\n")
	for i := len(stops) - 1; i >= 0; i-- {
		stops[i]()
	}
	stops = nil
	fmt.Fprintf(out, "stopped cleanly after %s\n", time.Since(start).Round(time.Second))
	return nil
}

// check drives the agent through the client and verifier that production
// uses, so a broken simulator or verifier stops `dev` before it claims to
// be up.
func check(ctx context.Context, agent tee.Agent, step func(int, string, ...any)) (*Stack, error) {
	cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	info, err := agent.Info(cctx)
	if err != nil {
		return nil, err
	}
	step(3, "simulator booted, the KMS allowing it; Info: app_id %s, compose_hash %s", info.AppID, info.ComposeHash)

	key, err := agent.GetKey(cctx, notary.SignerPath, notary.SignerPurpose, "secp256k1")
	if err != nil {
		return nil, err
	}
	raw, err := key.DecodeKey()
	if err != nil {
		return nil, err
	}
	chain, err := key.DecodeSignatureChain()
	if err != nil {
		return nil, err
	}
	priv, err := crypto.ToECDSA(raw)
	if err != nil {
		return nil, fmt.Errorf("GetKey returned an invalid secp256k1 key: %w", err)
	}
	appID, err := hex.DecodeString(info.AppID)
	if err != nil {
		return nil, fmt.Errorf("Info app_id %q: %w", info.AppID, err)
	}
	kc, err := attest.RecoverKeyChain(notary.SignerPurpose, crypto.CompressPubkey(&priv.PublicKey), chain, appID)
	if err != nil {
		return nil, fmt.Errorf("notary key chain: %w", err)
	}
	signer := crypto.PubkeyToAddress(priv.PublicKey).Hex()
	step(4, "GetKey: notary signer %s, chain recovers to app key %x and KMS root %x", signer, kc.AppKey, kc.KMSRoot)

	want := evidence.SignerReportData(signer)
	q, err := agent.GetQuote(cctx, want[:])
	if err != nil {
		return nil, err
	}
	evJSON, err := json.Marshal(q)
	if err != nil {
		return nil, err
	}
	ev, err := attest.ParseEvidence(evJSON)
	if err != nil {
		return nil, err
	}
	rep, err := attest.Check(ev, attest.CheckOptions{ReportData: &want})
	if err != nil {
		return nil, err
	}
	if !rep.OK(true) {
		return nil, fmt.Errorf("simulator quote failed verification: %s %v", rep.Reason, rep.Problems)
	}
	if rep.AppID != info.AppID || rep.ComposeHash != info.ComposeHash {
		return nil, errors.New("quote's event log names another app than Info")
	}
	step(5, "GetQuote: %s (%s), RTMR3 replay %s, report_data binds the signer", rep.Status, rep.Reason, rep.RTMR3Replay)
	return &Stack{AppID: info.AppID, ComposeHash: info.ComposeHash, Signer: signer}, nil
}
