// Package bindgen makes the Go bindings of the contracts from their compiled
// artifacts. It is apart from package contracts, which uses the bindings, so
// that bindings that no longer compile can still be regenerated.
package bindgen

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/ethereum/go-ethereum/accounts/abi/abigen"
)

// Contracts are the contracts with Go bindings.
var Contracts = []string{"DevKms", "DevproofAppAuth", "NotaryRegistry", "PredictionMarket"}

// Bindings generates the Go source of the contracts' bindings from the
// artifacts in dir, keyed by file name. They are bound together, in one
// file, so that structs they share (IAppAuth's AppBootInfo) are declared
// once.
func Bindings(dir string) (map[string][]byte, error) {
	var abis, bins []string
	for _, name := range Contracts {
		abi, err := os.ReadFile(filepath.Join(dir, name+".abi"))
		if err != nil {
			return nil, err
		}
		bin, err := os.ReadFile(filepath.Join(dir, name+".bin"))
		if err != nil {
			return nil, err
		}
		abis, bins = append(abis, string(abi)), append(bins, strings.TrimSpace(string(bin)))
	}
	code, err := abigen.Bind(Contracts, abis, bins, nil, "bindings", nil, nil)
	if err != nil {
		return nil, fmt.Errorf("binding %s: %w", strings.Join(Contracts, ", "), err)
	}
	return map[string][]byte{"contracts.go": []byte(code)}, nil
}
