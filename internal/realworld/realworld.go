package realworld

import (
	"os"
	"path/filepath"
	"testing"
)

// Env is the variable that turns a skip into a failure.
const Env = "DEVPROOF_REALWORLD"

// Dir returns the absolute path of shared/testdata/sub.
func Dir(t testing.TB, sub string) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			p := filepath.Join(d, "..", "shared", "testdata", sub)
			if _, err := os.Stat(p); err == nil {
				return p
			}
			break
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	if os.Getenv(Env) == "required" {
		t.Fatalf("real-world test data ../shared/testdata/%s is missing and %s=required", sub, Env)
	}
	t.Skipf("real-world test data ../shared/testdata/%s is absent; set %s=required to fail instead", sub, Env)
	return ""
}
