package attest

import (
	"encoding/binary"
	"fmt"
	"math"
	"unicode/utf8"
)

// byteReader reads untrusted bytes: here the parts of the SCALE codec
// (parity-scale-codec, specified in the Polkadot spec's "SCALE Codec"
// appendix) that dstack's legacy attestation uses, and in msgpack.go
// MessagePack. Errors carry the byte offset; lengths are checked against
// the bytes left before anything is allocated.
type byteReader struct {
	b      []byte
	off    int
	budget int // MessagePack values still allowed
}

func (r *byteReader) left() int { return len(r.b) - r.off }

func (r *byteReader) take(n int, what string) ([]byte, error) {
	if n < 0 || n > r.left() {
		return nil, fmt.Errorf("%s at byte %d: needs %d bytes, %d left", what, r.off, n, r.left())
	}
	p := r.b[r.off : r.off+n]
	r.off += n
	return p, nil
}

func (r *byteReader) u8(what string) (byte, error) {
	p, err := r.take(1, what)
	if err != nil {
		return 0, err
	}
	return p[0], nil
}

func (r *byteReader) u32(what string) (uint32, error) {
	p, err := r.take(4, what)
	if err != nil {
		return 0, err
	}
	return binary.LittleEndian.Uint32(p), nil
}

// compact reads a compact (variable-width) unsigned integer of at most 64
// bits. As parity-scale-codec does, it refuses a value written in a wider
// mode than it needs.
func (r *byteReader) compact(what string) (uint64, error) {
	start := r.off
	b0, err := r.u8(what)
	if err != nil {
		return 0, err
	}
	var v, min uint64
	switch b0 & 3 {
	case 0:
		return uint64(b0 >> 2), nil
	case 1:
		p, err := r.take(1, what)
		if err != nil {
			return 0, err
		}
		v, min = uint64(binary.LittleEndian.Uint16([]byte{b0, p[0]})>>2), 1<<6
	case 2:
		p, err := r.take(3, what)
		if err != nil {
			return 0, err
		}
		v, min = uint64(binary.LittleEndian.Uint32([]byte{b0, p[0], p[1], p[2]})>>2), 1<<14
	default:
		n := int(b0>>2) + 4
		if n > 8 {
			return 0, fmt.Errorf("%s at byte %d: compact integer of %d bytes is over 64 bits", what, start, n)
		}
		p, err := r.take(n, what)
		if err != nil {
			return 0, err
		}
		var buf [8]byte
		copy(buf[:], p)
		v = binary.LittleEndian.Uint64(buf[:])
		if n == 4 {
			min = 1 << 30
		} else {
			min = 1 << (8 * (n - 1))
		}
	}
	if v < min {
		return 0, fmt.Errorf("%s at byte %d: compact integer %d is not in its shortest form", what, start, v)
	}
	return v, nil
}

// length reads a compact length prefix (a Compact<u32>) of items that take
// at least minItem bytes each, and refuses one the remaining bytes cannot
// hold.
func (r *byteReader) length(what string, minItem int) (int, error) {
	start := r.off
	n, err := r.compact(what + " length")
	if err != nil {
		return 0, err
	}
	if n > math.MaxUint32 {
		return 0, fmt.Errorf("%s length at byte %d: %d is over the 32-bit bound", what, start, n)
	}
	if n > uint64(r.left()/max(minItem, 1)) {
		return 0, fmt.Errorf("%s length at byte %d: %d is more than the %d bytes left can hold", what, start, n, r.left())
	}
	return int(n), nil
}

// bytes reads a Vec<u8>: compact length, then the bytes.
func (r *byteReader) bytes(what string) ([]byte, error) {
	n, err := r.length(what, 1)
	if err != nil {
		return nil, err
	}
	return r.take(n, what)
}

// str reads a String: a Vec<u8> that must be UTF-8.
func (r *byteReader) str(what string) (string, error) {
	start := r.off
	p, err := r.bytes(what)
	if err != nil {
		return "", err
	}
	if !utf8.Valid(p) {
		return "", fmt.Errorf("%s at byte %d is not UTF-8", what, start)
	}
	return string(p), nil
}
