package contracts

import (
	"embed"
	"encoding/json"
	"fmt"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"
)

//go:embed artifacts/*.json
var artifacts embed.FS

// RuntimeCodeHash is the keccak256 of a contract's deployed code as the
// pinned compiler builds it from src/: the code hash of every address that
// holds that contract. It is not fixed for NotaryRegistry and
// PredictionMarket, whose immutables embed their constructor arguments in
// the deployed code.
func RuntimeCodeHash(name string) (common.Hash, error) {
	b, err := artifacts.ReadFile("artifacts/" + name + ".json")
	if err != nil {
		return common.Hash{}, fmt.Errorf("no artifact for contract %q", name)
	}
	var a struct {
		DeployedBytecode hexutil.Bytes `json:"deployedBytecode"`
	}
	if err := json.Unmarshal(b, &a); err != nil || len(a.DeployedBytecode) == 0 {
		return common.Hash{}, fmt.Errorf("artifact %s.json has no deployedBytecode (%v)", name, err)
	}
	return crypto.Keccak256Hash(a.DeployedBytecode), nil
}
