package main

import (
	"os/exec"
	"strings"
	"testing"
)

// The TEE build must not link the simulator or the dev stack.
func TestTEEBuildHasNoStandIns(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "-tags", "tee", ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, pkg := range []string{"internal/teesim", "internal/devstack", "internal/acmeca", "internal/dnsserver", "internal/cfapi", "internal/localca", "internal/ctlog", "transparency-dev/tesseract", "letsencrypt/pebble"} {
		if strings.Contains(string(out), "/"+pkg+"\n") || strings.Contains(string(out), "/"+pkg+"/") {
			t.Errorf("the -tags tee build depends on %s", pkg)
		}
	}
	out, err = exec.Command("go", "list", "-deps", ".").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "/internal/teesim\n") {
		t.Errorf("the default build should include the simulator (%v)", err)
	}
}
