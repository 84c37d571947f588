package contracts

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/ethereum/go-ethereum/accounts/abi/abigen"
)

// Contracts are the contracts with Go bindings.
var Contracts = []string{"NotaryRegistry", "PredictionMarket"}

// Bindings generates the Go source of each contract's bindings from the
// artifacts in dir, keyed by file name.
func Bindings(dir string) (map[string][]byte, error) {
	out := map[string][]byte{}
	for _, name := range Contracts {
		abi, err := os.ReadFile(filepath.Join(dir, name+".abi"))
		if err != nil {
			return nil, err
		}
		bin, err := os.ReadFile(filepath.Join(dir, name+".bin"))
		if err != nil {
			return nil, err
		}
		code, err := abigen.Bind([]string{name}, []string{string(abi)}, []string{strings.TrimSpace(string(bin))}, nil, "bindings", nil, nil)
		if err != nil {
			return nil, fmt.Errorf("binding %s: %w", name, err)
		}
		out[strings.ToLower(name)+".go"] = []byte(code)
	}
	return out, nil
}
