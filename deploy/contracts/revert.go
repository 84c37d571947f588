package contracts

import (
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind"
	"github.com/ethereum/go-ethereum/common/hexutil"

	"github.com/devproof/devproof/deploy/contracts/bindings"
)

var contractABIs = sync.OnceValue(func() []*abi.ABI {
	var out []*abi.ABI
	for _, md := range []*bind.MetaData{bindings.DevKmsMetaData, bindings.DevproofAppAuthMetaData, bindings.NotaryRegistryMetaData, bindings.PredictionMarketMetaData} {
		if a, err := md.GetAbi(); err == nil {
			out = append(out, a)
		}
	}
	return out
})

// Revert names why a call or transaction to one of the contracts reverted:
// a custom error with its arguments ("OutlivesDelay(1700000000, 1699990000)"),
// a require message, or "" when err carries no revert data.
func Revert(err error) string {
	var de interface{ ErrorData() interface{} }
	if !errors.As(err, &de) {
		return ""
	}
	s, _ := de.ErrorData().(string)
	data, derr := hexutil.Decode(s)
	if derr != nil || len(data) < 4 {
		return ""
	}
	if msg, uerr := abi.UnpackRevert(data); uerr == nil {
		return msg
	}
	for _, a := range contractABIs() {
		for name, e := range a.Errors {
			if string(e.ID[:4]) != string(data[:4]) {
				continue
			}
			args, uerr := e.Inputs.Unpack(data[4:])
			if uerr != nil {
				return name
			}
			parts := make([]string, len(args))
			for i, v := range args {
				parts[i] = fmt.Sprint(v)
			}
			return name + "(" + strings.Join(parts, ", ") + ")"
		}
	}
	return fmt.Sprintf("unknown error %x", data[:4])
}
