package attest

import (
	"bytes"
	"encoding/binary"
	"fmt"

	"github.com/google/go-tdx-guest/abi"
	pb "github.com/google/go-tdx-guest/proto/tdx"
)

// Layout of the Intel TDX DCAP quote (Intel TDX DCAP Quoting Library API,
// appendix "Quote Format"). v4 carries a TD 1.0 body; v5 names its body type.
const (
	headerSize     = 48
	td10BodySize   = 584
	td15BodySize   = 648
	teeTypeTDX     = 0x81
	v5BodyTypeTD10 = 2
	v5BodyTypeTD15 = 3
	// MaxQuoteBytes bounds what ParseQuote accepts; real quotes are ~5 KB.
	MaxQuoteBytes = 64 << 10
)

// SimulatorMarker fills the user-data field of every quote devproof's
// simulator makes. Intel's quoting enclave puts its own identity there, so a
// real quote never carries it; a quote that does is reported as simulated
// whatever else it claims.
var SimulatorMarker = [20]byte{'d', 'e', 'v', 'p', 'r', 'o', 'o', 'f', '-', 's', 'i', 'm', 'u', 'l', 'a', 't', 'e', 'd', 0, 0}

// Quote is a parsed TDX quote: the header and the measured fields of its TD
// report body. Parsing checks layout only; see VerifyQuote for trust.
type Quote struct {
	Version    int
	TeeType    uint32
	UserData   []byte
	MRTD       []byte
	RTMR       [4][]byte
	ReportData []byte
	MRConfigID []byte
	MROwner    []byte
	TeeTCBSVN  []byte

	// SignedPart is header||body, the bytes the attestation key signs.
	SignedPart []byte
	// Signature and AttestationKey are the quote's ECDSA P-256 signature
	// (r||s) and the key it claims, from the signed data.
	Signature      []byte
	AttestationKey []byte

	Raw []byte
	v4  *pb.QuoteV4
}

// Simulated reports whether the quote carries the simulator's marker.
func (q *Quote) Simulated() bool { return bytes.Equal(q.UserData, SimulatorMarker[:]) }

// ParseQuote parses a raw TDX quote of version 4 (with go-tdx-guest) or 5.
func ParseQuote(raw []byte) (*Quote, error) {
	if len(raw) > MaxQuoteBytes {
		return nil, fmt.Errorf("quote is %d bytes, over the %d-byte bound", len(raw), MaxQuoteBytes)
	}
	if len(raw) < headerSize {
		return nil, fmt.Errorf("quote is %d bytes, shorter than its %d-byte header", len(raw), headerSize)
	}
	q := &Quote{
		Version:  int(binary.LittleEndian.Uint16(raw[0:2])),
		TeeType:  binary.LittleEndian.Uint32(raw[4:8]),
		UserData: bytes.Clone(raw[28:48]),
		Raw:      bytes.Clone(raw),
	}
	if q.TeeType != teeTypeTDX {
		return nil, fmt.Errorf("quote tee type is 0x%x, not TDX (0x81)", q.TeeType)
	}
	var body []byte
	var rest []byte
	switch q.Version {
	case 4:
		p, err := quoteV4ToProto(raw)
		if err != nil {
			return nil, fmt.Errorf("quote v4: %w", err)
		}
		v4, ok := p.(*pb.QuoteV4)
		if !ok {
			return nil, fmt.Errorf("quote v4: go-tdx-guest returned %T", p)
		}
		q.v4 = v4
		body = raw[headerSize : headerSize+td10BodySize]
		rest = raw[headerSize+td10BodySize:]
	case 5:
		if len(raw) < headerSize+6 {
			return nil, fmt.Errorf("quote v5 is %d bytes, too short for its body descriptor", len(raw))
		}
		bodyType := binary.LittleEndian.Uint16(raw[48:50])
		bodySize := binary.LittleEndian.Uint32(raw[50:54])
		want := map[uint16]uint32{v5BodyTypeTD10: td10BodySize, v5BodyTypeTD15: td15BodySize}[bodyType]
		if want == 0 {
			return nil, fmt.Errorf("quote v5 body type %d is not a TD report (2 or 3)", bodyType)
		}
		if bodySize != want {
			return nil, fmt.Errorf("quote v5 body type %d has size %d, want %d", bodyType, bodySize, want)
		}
		end := headerSize + 6 + int(bodySize)
		if len(raw) < end {
			return nil, fmt.Errorf("quote v5 is %d bytes, truncated inside its %d-byte body", len(raw), bodySize)
		}
		body = raw[headerSize+6 : end]
		rest = raw[end:]
	default:
		return nil, fmt.Errorf("quote version %d is not supported (want 4 or 5)", q.Version)
	}
	q.SignedPart = raw[:len(raw)-len(rest)]
	if err := q.parseSignedData(rest); err != nil {
		return nil, fmt.Errorf("quote v%d: %w", q.Version, err)
	}
	q.TeeTCBSVN = bytes.Clone(body[0:16])
	q.MRTD = bytes.Clone(body[136:184])
	q.MRConfigID = bytes.Clone(body[184:232])
	q.MROwner = bytes.Clone(body[232:280])
	for i := range q.RTMR {
		off := 328 + 48*i
		q.RTMR[i] = bytes.Clone(body[off : off+48])
	}
	q.ReportData = bytes.Clone(body[520:584])
	return q, nil
}

// parseSignedData reads the length-prefixed signed data that follows the
// body: signature (64) and attestation key (64) come first in both versions.
func (q *Quote) parseSignedData(rest []byte) error {
	if len(rest) < 4 {
		return fmt.Errorf("truncated before the signed-data length")
	}
	n := binary.LittleEndian.Uint32(rest[:4])
	if uint64(n) > uint64(len(rest)-4) {
		return fmt.Errorf("signed data claims %d bytes, only %d present", n, len(rest)-4)
	}
	if n < 128 {
		return fmt.Errorf("signed data is %d bytes, too short for signature and attestation key", n)
	}
	q.Signature = bytes.Clone(rest[4:68])
	q.AttestationKey = bytes.Clone(rest[68:132])
	return nil
}

// quoteV4ToProto checks the nested lengths of a v4 quote's signed data, then
// hands it to go-tdx-guest. Its parser slices without bounds checks, so a
// malformed length would panic there; the recover is the last line.
func quoteV4ToProto(raw []byte) (p any, err error) {
	if len(raw) < headerSize+td10BodySize+4 {
		return nil, fmt.Errorf("quote is %d bytes, too short for a v4 header and body", len(raw))
	}
	rest := raw[headerSize+td10BodySize:]
	n := binary.LittleEndian.Uint32(rest[:4])
	if uint64(n) > uint64(len(rest)-4) {
		return nil, fmt.Errorf("signed data claims %d bytes, only %d present", n, len(rest)-4)
	}
	if err := checkSignedDataV4(rest[4 : 4+n]); err != nil {
		return nil, err
	}
	defer func() {
		if r := recover(); r != nil {
			p, err = nil, fmt.Errorf("malformed signed data: %v", r)
		}
	}()
	return abi.QuoteToProto(raw)
}

// checkSignedDataV4 walks the v4 signed data: signature (64), attestation
// key (64), certification data {type u16, size u32, QE report (384), QE
// report signature (64), QE auth data {size u16, data}, PCK certification
// data {type u16, size u32, data}}.
func checkSignedDataV4(sd []byte) error {
	const fixed = 64 + 64 + 6
	if len(sd) < fixed {
		return fmt.Errorf("signed data is %d bytes, shorter than %d", len(sd), fixed)
	}
	certSize := binary.LittleEndian.Uint32(sd[130:134])
	cert := sd[134:]
	if uint64(certSize) != uint64(len(cert)) {
		return fmt.Errorf("certification data claims %d bytes, %d present", certSize, len(cert))
	}
	const qeFixed = 384 + 64 + 2
	if len(cert) < qeFixed {
		return fmt.Errorf("QE report certification data is %d bytes, shorter than %d", len(cert), qeFixed)
	}
	auth := int(binary.LittleEndian.Uint16(cert[448:450]))
	if len(cert) < qeFixed+auth+6 {
		return fmt.Errorf("QE auth data claims %d bytes, leaving no room for the PCK chain", auth)
	}
	pck := cert[qeFixed+auth:]
	if pckSize := binary.LittleEndian.Uint32(pck[2:6]); uint64(pckSize) > uint64(len(pck)-6) {
		return fmt.Errorf("PCK certification data claims %d bytes, %d present", pckSize, len(pck)-6)
	}
	return nil
}
