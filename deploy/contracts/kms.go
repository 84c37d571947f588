package contracts

import (
	"context"
	"errors"
	"fmt"

	"github.com/ethereum/go-ethereum/accounts/abi/bind"
	"github.com/ethereum/go-ethereum/common"

	"github.com/devproof/devproof/deploy/contracts/bindings"
	"github.com/devproof/devproof/internal/attest"
)

// BootInfo lays out an instance's boot information as IAppAuth takes it.
func BootInfo(b attest.BootInfo) bindings.IAppAuthAppBootInfo {
	return bindings.IAppAuthAppBootInfo{
		AppId: common.Address(b.AppID), ComposeHash: b.ComposeHash, InstanceId: common.Address(b.InstanceID),
		DeviceId: b.DeviceID, MrAggregated: b.MRAggregated, MrSystem: b.MRSystem, OsImageHash: b.OSImageHash,
		TcbStatus: b.TCBStatus, AdvisoryIds: append([]string{}, b.AdvisoryIDs...),
	}
}

// ErrNotAllowed is the error Authorizer returns for a refused boot; its
// message is the contract's reason.
var ErrNotAllowed = errors.New("not allowed")

// AppAllowed asks an IAppAuth contract (a KMS, which forwards to the app's
// own contract, or the app's DevproofAppAuth directly) whether an instance
// may boot.
func AppAllowed(ctx context.Context, backend bind.ContractCaller, auth common.Address, b attest.BootInfo) (bool, string, error) {
	c, err := bindings.NewDevKmsCaller(auth, backend) // any IAppAuth: the call is the same
	if err != nil {
		return false, "", err
	}
	r, err := c.IsAppAllowed(&bind.CallOpts{Context: ctx}, BootInfo(b))
	if err != nil {
		return false, "", fmt.Errorf("isAppAllowed at %s: %w", auth, err)
	}
	return r.IsAllowed, r.Reason, nil
}

// Authorizer decides boots as the KMS at kms does, for a simulator.
func Authorizer(ctx context.Context, backend bind.ContractCaller, kms common.Address) func(attest.BootInfo) error {
	return func(b attest.BootInfo) error {
		ok, reason, err := AppAllowed(ctx, backend, kms, b)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("%w: %s", ErrNotAllowed, reason)
		}
		return nil
	}
}
