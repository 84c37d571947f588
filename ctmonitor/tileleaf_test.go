package ctmonitor

import (
	"bytes"
	"compress/gzip"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/crypto/cryptobyte"
	"golang.org/x/mod/sumdb/tlog"
)

// encodeTileLeaf writes l as a TileLeaf, following C2SP static-ct-api.
func encodeTileLeaf(l tileLeaf) []byte {
	var b cryptobyte.Builder
	b.AddUint64(l.Timestamp)
	if l.Precert {
		b.AddUint16(precertEntry)
		b.AddBytes(l.IssuerKeyHash[:])
	} else {
		b.AddUint16(x509Entry)
	}
	b.AddUint24LengthPrefixed(func(b *cryptobyte.Builder) { b.AddBytes(l.Cert) })
	b.AddUint16LengthPrefixed(func(b *cryptobyte.Builder) { b.AddBytes(l.Extensions) })
	if l.Precert {
		b.AddUint24LengthPrefixed(func(b *cryptobyte.Builder) { b.AddBytes(l.PreCertificate) })
	}
	b.AddUint16LengthPrefixed(func(b *cryptobyte.Builder) {
		for _, fp := range l.Chain {
			b.AddBytes(fp[:])
		}
	})
	return b.BytesOrPanic()
}

// leafIndexExt is a CtExtensions holding one leaf_index.
func leafIndexExt(i uint64) []byte {
	return []byte{0, 0, 5, byte(i >> 32), byte(i >> 24), byte(i >> 16), byte(i >> 8), byte(i)}
}

func testLeaf(i uint64, precert bool) tileLeaf {
	l := tileLeaf{Timestamp: 1767000000000 + i, Precert: precert, Cert: []byte("cert " + fmt.Sprint(i)), Extensions: leafIndexExt(i), Index: i, Chain: [][32]byte{{1}, {2}}}
	if precert {
		l.IssuerKeyHash = [32]byte{9}
		l.PreCertificate = []byte("precert")
	}
	return l
}

func goldenTile(t testing.TB) []byte {
	b, err := os.ReadFile(goldenDir + "/data-000.p.3")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// The real tile from the local log parses and encodes back to itself; so
// does its gzip form.
func TestDataTileRoundTrip(t *testing.T) {
	raw := goldenTile(t)
	for _, in := range [][]byte{raw, gzipped(raw)} {
		leaves, err := parseDataTile(in, 0, 3)
		if err != nil {
			t.Fatal(err)
		}
		var out []byte
		for _, l := range leaves {
			out = append(out, encodeTileLeaf(l)...)
		}
		if !bytes.Equal(out, raw) {
			t.Fatal("re-encoded tile differs")
		}
	}
}

func gzipped(b []byte) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

// Each malformed leaf is refused, naming the entry and what is wrong.
func TestDataTileRefusals(t *testing.T) {
	tile := func(ls ...tileLeaf) []byte {
		var b []byte
		for _, l := range ls {
			b = append(b, encodeTileLeaf(l)...)
		}
		return b
	}
	with := func(l tileLeaf, f func(*tileLeaf)) tileLeaf { f(&l); return l }
	ok0, ok1 := testLeaf(256, false), testLeaf(257, true)
	if _, err := parseDataTile(tile(ok0, ok1), 256, 2); err != nil {
		t.Fatal(err)
	}
	twoExts := append(append([]byte{7, 0, 1, 0xff}, leafIndexExt(257)...), leafIndexExt(257)...)
	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"index off by one", tile(ok0, with(ok1, func(l *tileLeaf) { l.Extensions = leafIndexExt(7) })), "entry 257: leaf_index extension says 7"},
		{"no leaf_index", tile(ok0, with(ok1, func(l *tileLeaf) { l.Extensions = nil })), "entry 257: no leaf_index extension"},
		{"two leaf_index", tile(ok0, with(ok1, func(l *tileLeaf) { l.Extensions = twoExts })), "entry 257: extension type 0 twice"},
		{"short leaf_index", tile(ok0, with(ok1, func(l *tileLeaf) { l.Extensions = []byte{0, 0, 4, 0, 0, 1, 1} })), "leaf_index extension of 4 bytes, want 5"},
		{"bad extensions", tile(ok0, with(ok1, func(l *tileLeaf) { l.Extensions = []byte{0, 0, 9} })), "entry 257: malformed CtExtensions"},
		{"empty certificate", tile(with(ok0, func(l *tileLeaf) { l.Cert = nil }), ok1), "entry 256: empty certificate"},
		{"empty precertificate", tile(ok0, with(ok1, func(l *tileLeaf) { l.PreCertificate = nil })), "entry 257: empty pre_certificate"},
		{"unknown type", append(tile(ok0), 0, 0, 0, 0, 0, 0, 0, 0, 0, 2), "entry 257: unknown entry type 2"},
		{"fewer entries", tile(ok0), "entry 257: truncated"},
		{"more entries", tile(ok0, ok1, testLeaf(258, false)), "bytes after the last of 2 entries"},
		{"odd chain", append(tile(ok0), encodeTileLeaf(ok1)[:len(encodeTileLeaf(ok1))-1]...), "entry 257: truncated"},
		{"cut gzip", gzipped(tile(ok0, ok1))[:20], "gzip: unexpected EOF"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := parseDataTile(c.data, 256, 2)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want %q", err, c.want)
			}
		})
	}
}

// The MerkleTreeLeaf of a precertificate carries the issuer key hash and
// TBSCertificate, and no extra data.
func TestMerkleTreeLeafOfPrecert(t *testing.T) {
	l := testLeaf(1, true)
	want := append([]byte{0, 0, 0, 0, 0x01, 0x9b, 0x69, 0x68, 0x46, 0x01, 0, 1}, l.IssuerKeyHash[:]...)
	want = append(want, 0, 0, 6)
	want = append(want, "cert 1"...)
	want = append(want, 0, 8)
	want = append(want, leafIndexExt(1)...)
	if got := l.merkleTreeLeaf(); !bytes.Equal(got, want) {
		t.Fatalf("MerkleTreeLeaf\n got %x\nwant %x", got, want)
	}
}

// FuzzTileLeaf: no input makes the tile parser panic, and what it accepts
// encodes back to the (decompressed) input, with consecutive indexes.
func FuzzTileLeaf(f *testing.F) {
	raw := goldenTile(f)
	f.Add(raw, uint64(0), uint16(3))
	f.Add(gzipped(raw), uint64(0), uint16(3))
	f.Add(raw[:len(raw)-7], uint64(0), uint16(3))
	f.Add(encodeTileLeaf(testLeaf(257, true)), uint64(257), uint16(1))
	f.Fuzz(func(t *testing.T, data []byte, first uint64, count uint16) {
		count %= 257
		leaves, err := parseDataTile(data, first, int(count))
		if err != nil {
			return
		}
		plain := data
		if len(data) >= 2 && data[0] == 0x1f && data[1] == 0x8b {
			zr, err := gzip.NewReader(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			plain, _ = io.ReadAll(zr)
		}
		var out []byte
		for i, l := range leaves {
			if l.Index != first+uint64(i) {
				t.Fatalf("leaf %d has index %d", i, l.Index)
			}
			l.leafHash()
			out = append(out, encodeTileLeaf(l)...)
		}
		if !bytes.Equal(out, plain) {
			t.Fatalf("accepted tile does not encode back")
		}
	})
}

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
