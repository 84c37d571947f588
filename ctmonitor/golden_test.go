package ctmonitor

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/mod/sumdb/tlog"
)

var updateGolden = flag.Bool("update-golden", false, "rewrite testdata/tiled from a fresh local log")

// The files under testdata/tiled come from a local TesseraCT log: its
// origin, key (SPKI DER), a checkpoint and the partial data tile of that
// size. They seed the fuzz targets and are a vector for other readers.
const goldenDir = "testdata/tiled"

// TestGoldenTiledLog checks the vector: the checkpoint verifies under the
// origin and key, the tile parses, and its leaf hashes make the signed
// root. With -update-golden it first writes a new one.
func TestGoldenTiledLog(t *testing.T) {
	if *updateGolden {
		writeGolden(t)
	}
	origin := strings.TrimSpace(string(readGolden(t, "origin")))
	v, err := newCheckpointVerifier(origin, readGolden(t, "key.der"))
	if err != nil {
		t.Fatal(err)
	}
	head, err := verifyCheckpoint("testdata", v, readGolden(t, "checkpoint"))
	if err != nil {
		t.Fatal(err)
	}
	tile := readGolden(t, fmt.Sprintf("data-000.p.%d", head.Size))
	leaves, err := parseDataTile(tile, 0, int(head.Size))
	if err != nil {
		t.Fatal(err)
	}
	var stored []tlog.Hash
	kinds := map[bool]bool{}
	for i := range leaves {
		kinds[leaves[i].Precert] = true
		hs, err := tlog.StoredHashes(int64(i), leaves[i].merkleTreeLeaf(), tlog.HashReaderFunc(func(idx []int64) ([]tlog.Hash, error) {
			out := make([]tlog.Hash, len(idx))
			for j, x := range idx {
				out[j] = stored[x]
			}
			return out, nil
		}))
		if err != nil {
			t.Fatal(err)
		}
		stored = append(stored, hs...)
	}
	root, err := tlog.TreeHash(int64(head.Size), tlog.HashReaderFunc(func(idx []int64) ([]tlog.Hash, error) {
		out := make([]tlog.Hash, len(idx))
		for j, x := range idx {
			out[j] = stored[x]
		}
		return out, nil
	}))
	if err != nil {
		t.Fatal(err)
	}
	if root != tlog.Hash(head.Root) {
		t.Fatalf("leaf hashes make root %x, checkpoint says %x", root, head.Root)
	}
	if len(kinds) != 2 {
		t.Errorf("want the vector to hold a final certificate and a precertificate")
	}
}

func readGolden(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(goldenDir, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func writeGolden(t *testing.T) {
	l := startLog(t)
	tl := l.tiled(t)
	l.submit(t, 3, "golden")
	head := waitHead(t, tl, 3)
	tile, err := tl.fetch(context.Background(), fmt.Sprintf("tile/data/000.p/%d", head.Size), maxTileBytes)
	if err != nil {
		t.Fatal(err)
	}
	os.RemoveAll(goldenDir)
	if err := os.MkdirAll(goldenDir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string][]byte{
		"origin": []byte(l.Origin + "\n"), "key.der": l.KeyDER, "checkpoint": head.Signed,
		fmt.Sprintf("data-000.p.%d", head.Size): tile,
	} {
		if err := os.WriteFile(filepath.Join(goldenDir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
