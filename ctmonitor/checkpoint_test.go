package ctmonitor

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/cryptobyte"
	"golang.org/x/mod/sumdb/note"
)

// testLogKey signs checkpoints as a static-ct-api log does, written from
// the specification, to make the ones a real log never would.
type testLogKey struct {
	priv   *ecdsa.PrivateKey
	der    []byte
	origin string
	// hash overrides the key id when not zero.
	hash uint32
}

func newTestLogKey(t *testing.T, origin string) *testLogKey {
	t.Helper()
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	der, _ := x509.MarshalPKIXPublicKey(&priv.PublicKey)
	return &testLogKey{priv: priv, der: der, origin: origin}
}

func (k *testLogKey) Name() string { return k.origin }

func (k *testLogKey) KeyHash() uint32 {
	if k.hash != 0 {
		return k.hash
	}
	id := sha256.Sum256(k.der)
	h := sha256.Sum256(append(append([]byte(k.origin), '\n', 5), id[:]...))
	return binary.BigEndian.Uint32(h[:])
}

func (k *testLogKey) Sign(msg []byte) ([]byte, error) {
	lines := strings.Split(string(msg), "\n")
	var size uint64
	fmt.Sscan(lines[1], &size)
	root, _ := base64.StdEncoding.DecodeString(lines[2])
	ts := uint64(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC).UnixMilli())
	var in cryptobyte.Builder
	in.AddUint8(0)
	in.AddUint8(1)
	in.AddUint64(ts)
	in.AddUint64(size)
	in.AddBytes(root)
	d := sha256.Sum256(in.BytesOrPanic())
	sig, err := ecdsa.SignASN1(rand.Reader, k.priv, d[:])
	if err != nil {
		return nil, err
	}
	var b cryptobyte.Builder
	b.AddUint64(ts)
	b.AddUint8(4)
	b.AddUint8(3)
	b.AddUint16LengthPrefixed(func(b *cryptobyte.Builder) { b.AddBytes(sig) })
	return b.Bytes()
}

func signCheckpoint(t *testing.T, text string, signers ...note.Signer) []byte {
	t.Helper()
	b, err := note.Sign(&note.Note{Text: text}, signers...)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

const testRoot = "HYq7xNGw/CwomJDROtI8rdSiNxSac4ColJHyHzKpGgw="

// Each way a checkpoint can be wrong is refused with its own reason.
func TestCheckpointRefusals(t *testing.T) {
	origin := "ct.devproof.test/cp"
	key := newTestLogKey(t, origin)
	v, err := newCheckpointVerifier(origin, key.der)
	if err != nil {
		t.Fatal(err)
	}
	good := origin + "\n3\n" + testRoot + "\n"
	head, err := verifyCheckpoint("L", v, signCheckpoint(t, good, key))
	if err != nil {
		t.Fatal(err)
	}
	if head.Size != 3 || base64.StdEncoding.EncodeToString(head.Root[:]) != testRoot || !head.Timestamp.Equal(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)) {
		t.Fatalf("head %+v", head)
	}
	// A witness's cosignature does not get in the way.
	witness := newTestLogKey(t, "witness.devproof.test")
	if _, err := verifyCheckpoint("L", v, signCheckpoint(t, good, witness, key)); err != nil {
		t.Fatalf("another signer: %v", err)
	}

	other := newTestLogKey(t, origin)
	wrongID := newTestLogKey(t, origin)
	wrongID.priv, wrongID.der, wrongID.hash = key.priv, key.der, key.KeyHash()+1
	sameID := newTestLogKey(t, origin)
	sameID.hash = key.KeyHash() // another key claiming the log's key id
	otherOrigin := newTestLogKey(t, "ct.devproof.test/other")
	otherOrigin.priv, otherOrigin.der = key.priv, key.der
	flipped := flipSignature(t, signCheckpoint(t, good, key))
	relabelled := bytes.Replace(signCheckpoint(t, good, key), []byte(origin+"\n3\n"), []byte("ct.devproof.test/forged\n3\n"), 1)
	for _, c := range []struct {
		name string
		raw  []byte
		want string
	}{
		{"another key", signCheckpoint(t, good, other), "no signature by the log's key"},
		{"another key id", signCheckpoint(t, good, wrongID), "no signature by the log's key"},
		{"another key, the log's key id", signCheckpoint(t, good, sameID), "signature by the log's key does not verify"},
		{"altered signature", flipped, "does not verify"},
		{"other origin", signCheckpoint(t, "ct.devproof.test/other\n3\n"+testRoot+"\n", otherOrigin), `checkpoint origin "ct.devproof.test/other", want "ct.devproof.test/cp"`},
		{"origin line changed under the signature", relabelled, `checkpoint origin "ct.devproof.test/forged"`},
		{"other size, same signature", bytes.Replace(signCheckpoint(t, good, key), []byte("\n3\n"), []byte("\n4\n"), 1), "does not verify"},
		{"size not a number", signCheckpoint(t, origin+"\nthree\n"+testRoot+"\n", key), `tree size "three" is not a decimal number`},
		{"size with a leading zero", signCheckpoint(t, origin+"\n03\n"+testRoot+"\n", key), `tree size "03"`},
		{"short root", signCheckpoint(t, origin+"\n3\nAAAA\n", key), `root hash "AAAA" is not 32 bytes of base64`},
		{"extension line", signCheckpoint(t, good+"ext\n", key), "checkpoint has 1 extension lines; static-ct-api allows none"},
		{"two lines", signCheckpoint(t, origin+"\n3\n", key), "fewer than 3 lines"},
		{"not a note", []byte(good), "not a signed note"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := verifyCheckpoint("L", v, c.raw)
			if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "log L: ") {
				t.Fatalf("err = %v, want %q", err, c.want)
			}
		})
	}
}

// flipSignature changes the last byte of the first signature of a note.
func flipSignature(t *testing.T, raw []byte) []byte {
	t.Helper()
	text, sigs, _ := strings.Cut(string(raw), "\n\n")
	f := strings.Fields(strings.SplitN(sigs, "\n", 2)[0])
	b, err := base64.StdEncoding.DecodeString(f[2])
	if err != nil {
		t.Fatal(err)
	}
	b[len(b)-1] ^= 1
	return []byte(text + "\n\n" + f[0] + " " + f[1] + " " + base64.StdEncoding.EncodeToString(b) + "\n")
}

// Keys a log cannot have, and origins a note cannot name, are refused.
func TestCheckpointVerifierRefusesBadKeys(t *testing.T) {
	key := newTestLogKey(t, "o")
	for _, c := range []struct {
		origin string
		der    []byte
		want   string
	}{
		{"o", []byte("not a key"), "public key"},
		{"", key.der, "not a valid note name"},
		{"a b", key.der, "not a valid note name"},
	} {
		if _, err := newCheckpointVerifier(c.origin, c.der); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want %q", c.origin, err, c.want)
		}
	}
}

// FuzzCheckpoint: no input makes the checkpoint verifier panic, and
// whatever it accepts is a checkpoint of the log's origin whose text is
// what it returns as signed.
func FuzzCheckpoint(f *testing.F) {
	f.Add([]byte("ct.devproof.test/log\n3\n" + testRoot + "\n\n— ct.devproof.test/log AAAA\n"))
	raw, err := os.ReadFile(goldenDir + "/checkpoint")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(raw)
	f.Add(bytes.Replace(raw, []byte("\n3\n"), []byte("\n2\n"), 1))
	origin, _ := os.ReadFile(goldenDir + "/origin")
	keyDER, _ := os.ReadFile(goldenDir + "/key.der")
	v, err := newCheckpointVerifier(strings.TrimSpace(string(origin)), keyDER)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		head, err := verifyCheckpoint("fuzz", v, raw)
		if err != nil {
			return
		}
		if !bytes.HasPrefix(raw, []byte(v.origin+"\n")) || !bytes.Equal(head.Signed, raw) {
			t.Fatalf("accepted %q as %+v", raw, head)
		}
	})
}
