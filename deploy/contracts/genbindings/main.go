// Command genbindings writes bindings/*.go from artifacts/ (run from
// deploy/contracts, or through go generate).
package main

import (
	"log"
	"os"
	"path/filepath"

	"github.com/devproof/devproof/deploy/contracts/bindgen"
)

func main() {
	files, err := bindgen.Bindings("artifacts")
	if err != nil {
		log.Fatal(err)
	}
	for name, code := range files {
		if err := os.WriteFile(filepath.Join("bindings", name), code, 0o644); err != nil {
			log.Fatal(err)
		}
	}
}
