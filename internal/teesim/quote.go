package teesim

import (
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"

	"github.com/devproof/devproof/internal/attest"
)

// intelQEVendorID is the QE vendor id Intel's quoting enclave reports.
var intelQEVendorID = []byte{0x93, 0x9a, 0x72, 0x33, 0xf7, 0x9c, 0x4c, 0xa9, 0x94, 0x0a, 0x0d, 0xb3, 0x95, 0x7f, 0x06, 0x07}

// measurements are the TD report fields a simulated quote carries.
type measurements struct {
	mrtd, mrConfigID []byte
	rtmr             [4][]byte
}

// makeQuote lays out a TDX v4 quote (header, TD 1.0 body, signed data)
// signed by the simulator's own attestation key. The certification data
// names no Intel PCK chain, so it can never verify as real.
func makeQuote(m *measurements, reportData [64]byte, ak *ecdsa.PrivateKey) ([]byte, error) {
	q := make([]byte, 0, 2048)
	q = binary.LittleEndian.AppendUint16(q, 4)    // version
	q = binary.LittleEndian.AppendUint16(q, 2)    // ECDSA-256-with-P-256
	q = binary.LittleEndian.AppendUint32(q, 0x81) // TDX
	q = binary.LittleEndian.AppendUint16(q, 0)    // QE SVN
	q = binary.LittleEndian.AppendUint16(q, 0)    // PCE SVN
	q = append(q, intelQEVendorID...)
	q = append(q, attest.SimulatorMarker[:]...)

	q = append(q, make([]byte, 16)...)   // TEE_TCB_SVN
	q = append(q, make([]byte, 48)...)   // MRSEAM
	q = append(q, make([]byte, 48)...)   // MRSIGNERSEAM
	q = append(q, make([]byte, 8)...)    // SEAMATTRIBUTES
	q = append(q, make([]byte, 8)...)    // TDATTRIBUTES
	q = append(q, make([]byte, 8)...)    // XFAM
	q = append(q, m.mrtd...)             // MRTD
	q = append(q, m.mrConfigID...)       // MRCONFIGID
	q = append(q, make([]byte, 48*2)...) // MROWNER, MROWNERCONFIG
	for _, r := range m.rtmr {
		q = append(q, r...)
	}
	q = append(q, reportData[:]...)

	h := sha256.Sum256(q)
	r, s, err := ecdsa.Sign(rand.Reader, ak, h[:])
	if err != nil {
		return nil, err
	}
	rs := make([]byte, 64)
	r.FillBytes(rs[:32])
	s.FillBytes(rs[32:])
	akBytes, err := ak.PublicKey.Bytes() // 0x04 || X || Y
	if err != nil {
		return nil, err
	}
	pck := []byte("-----BEGIN CERTIFICATE-----\nZGV2cHJvb2Ygc2ltdWxhdG9yOiBubyBJbnRlbCBQQ0s=\n-----END CERTIFICATE-----\n")

	var qe []byte
	qe = append(qe, make([]byte, 384)...) // QE report: empty, nothing vouches for it
	qe = append(qe, make([]byte, 64)...)  // QE report signature
	qe = binary.LittleEndian.AppendUint16(qe, 0)
	qe = binary.LittleEndian.AppendUint16(qe, 5) // PCK chain certification data
	qe = binary.LittleEndian.AppendUint32(qe, uint32(len(pck)))
	qe = append(qe, pck...)

	var sd []byte
	sd = append(sd, rs...)
	sd = append(sd, akBytes[1:]...)
	sd = binary.LittleEndian.AppendUint16(sd, 6) // QE report certification data
	sd = binary.LittleEndian.AppendUint32(sd, uint32(len(qe)))
	sd = append(sd, qe...)

	q = binary.LittleEndian.AppendUint32(q, uint32(len(sd)))
	return append(q, sd...), nil
}
