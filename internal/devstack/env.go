package devstack

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"

	"github.com/devproof/devproof/internal/atomicfile"
	"github.com/devproof/devproof/internal/teesim"
)

// EnvFile is the file in the dev directory that a shell sources to get the
// stack's addresses and identities (`. <dir>/env`), so that commands
// written once, as in the tutorial, work on every run.
const EnvFile = "env"

// writeEnv writes EnvFile, and the app-compose.json the simulator
// measures, into dir. It holds no secret: only addresses, identities and
// file names.
func writeEnv(dir string, st *Stack) error {
	compose := filepath.Join(dir, "app-compose.json")
	if err := atomicfile.Write(compose, []byte(teesim.DefaultAppCompose), 0o644); err != nil {
		return err
	}
	_, port, _ := net.SplitHostPort(st.ingressAddr)
	vars := [][2]string{
		{"DEVPROOF_DIR", dir},
		{"DSTACK_SIMULATOR_ENDPOINT", st.Endpoint},
		{"APP_DOMAIN", DemoDomain},
		{"APP_PORT", port},
		{"APP_URL", st.URL},
		{"APP_ID", st.AppID},
		{"COMPOSE_HASH", st.ComposeHash},
		{"APP_COMPOSE", compose},
		{"CA_ROOT", st.RootPEM},
		{"DNS_SERVER", st.DNS},
		{"APP_AUTH", st.AppAuth},
		{"KMS", st.KMS},
		{"NOTARY_SIGNER", st.Signer},
		{"LOG_LIST", st.LogList},
		{"RPC", st.RPC},
	}
	if m := st.Market; m != nil {
		vars = append(vars, [2]string{"REGISTRY", m.Registry}, [2]string{"MARKET", m.Market})
	}
	if st.Tunnel != nil {
		vars = append(vars, [2]string{"TUNNEL_ADDR", st.Tunnel.Addr}, [2]string{"TUNNEL_CLIENT_LISTEN", st.Tunnel.ClientListen})
	}
	if st.Watch != nil {
		vars = append(vars, [2]string{"WATCHLIST", st.Watch.Watchlist})
	}
	var b strings.Builder
	b.WriteString("# devproof dev: source this file (. ./env) for the tutorial's commands.\n")
	for _, v := range vars {
		fmt.Fprintf(&b, "export %s=%s\n", v[0], shellQuote(v[1]))
	}
	return atomicfile.Write(filepath.Join(dir, EnvFile), []byte(b.String()), 0o644)
}

// absDir makes dir absolute, so the env file's paths work from anywhere.
func absDir(dir string) (string, error) {
	a, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("dev directory %q: %w", dir, err)
	}
	return a, os.MkdirAll(a, 0o700)
}
