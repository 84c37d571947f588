package main

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// The TEE build must not link the simulator or the dev stack.
func TestTEEBuildHasNoStandIns(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "-tags", "tee", ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, pkg := range []string{"internal/teesim", "internal/devstack", "internal/acmeca", "internal/dnsserver", "internal/cfapi", "internal/localca", "internal/ctlog", "internal/simchain", "transparency-dev/tesseract", "letsencrypt/pebble"} {
		if strings.Contains(string(out), "/"+pkg+"\n") || strings.Contains(string(out), "/"+pkg+"/") {
			t.Errorf("the -tags tee build depends on %s", pkg)
		}
	}
	out, err = exec.Command("go", "list", "-deps", ".").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "/internal/teesim\n") {
		t.Errorf("the default build should include the simulator (%v)", err)
	}
}

// Consumers never import the producer they audit: only the command and the
// dev stack import the ingress, and the evidence and attestation code
// import neither producer.
func TestImportBoundaries(t *testing.T) {
	out, err := exec.Command("go", "list", "-test", "-f", "{{.ImportPath}}: {{join .Imports \" \"}}", "github.com/devproof/devproof/...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	const mod = "github.com/devproof/devproof/"
	allowed := map[string][]string{
		mod + "ingress": {"cmd/devproof", "internal/devstack", "ingress"},
		// deploy reads the notary signer's description to register it;
		// simchain makes one for chain tests; the oracle runs the service.
		mod + "notary": {"cmd/devproof", "internal/devstack", "internal/simchain", "deploy/contracts", "deploy", "notary", "notary/oracle"},
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		pkg, imports, _ := strings.Cut(line, ": ")
		// "p [p.test]" and "p_test [p.test]" are p's own tests.
		pkg = strings.TrimSuffix(strings.Fields(pkg)[0], "_test")
		for _, imp := range strings.Fields(imports) {
			who, ok := allowed[imp]
			if !ok {
				continue
			}
			if !slices.Contains(who, strings.TrimPrefix(pkg, mod)) && !strings.HasSuffix(pkg, ".test") {
				t.Errorf("%s imports %s", pkg, imp)
			}
		}
	}
}
