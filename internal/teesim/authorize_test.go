package teesim_test

import (
	"encoding/hex"
	"errors"
	"strings"
	"testing"

	"github.com/devproof/devproof/internal/attest"
	"github.com/devproof/devproof/internal/teesim"
)

// The KMS hook sees the instance as Info describes it, and a refusal stops
// the boot with the KMS's reason.
func TestAuthorizeAtBoot(t *testing.T) {
	var seen attest.BootInfo
	sim, err := teesim.New(teesim.Config{Seed: []byte("authorize"), Authorize: func(b attest.BootInfo) error { seen = b; return nil }})
	if err != nil {
		t.Fatal(err)
	}
	info, err := sim.Info()
	if err != nil {
		t.Fatal(err)
	}
	for name, pair := range map[string][2]string{
		"app id":        {hex.EncodeToString(seen.AppID[:]), info.AppID},
		"compose hash":  {hex.EncodeToString(seen.ComposeHash[:]), info.ComposeHash},
		"instance id":   {hex.EncodeToString(seen.InstanceID[:]), info.InstanceID},
		"device id":     {hex.EncodeToString(seen.DeviceID[:]), info.DeviceID},
		"mr aggregated": {hex.EncodeToString(seen.MRAggregated[:]), info.MrAggregated},
		"os image hash": {hex.EncodeToString(seen.OSImageHash[:]), info.OsImageHash},
	} {
		if pair[0] != pair[1] {
			t.Errorf("boot info %s %s, Info says %s", name, pair[0], pair[1])
		}
	}
	if seen.TCBStatus != "UpToDate" || seen.MRSystem == ([32]byte{}) {
		t.Errorf("boot info TCB %q, mr_system %x", seen.TCBStatus, seen.MRSystem)
	}

	refusal := errors.New("Compose hash not allowed")
	_, err = teesim.New(teesim.Config{Seed: []byte("authorize"), Authorize: func(attest.BootInfo) error { return refusal }})
	if !errors.Is(err, refusal) || !strings.Contains(err.Error(), "the KMS refused to boot compose hash "+info.ComposeHash) {
		t.Errorf("refused boot: %v", err)
	}
}
