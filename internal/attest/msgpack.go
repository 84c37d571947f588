package attest

import (
	"encoding/binary"
	"fmt"
	"unicode/utf8"
)

// mpKind is the family of a MessagePack value (msgpack spec, "Formats").
type mpKind int

const (
	mpNil mpKind = iota
	mpBool
	mpUint
	mpInt
	mpFloat
	mpStr
	mpBin
	mpArray
	mpMap
	mpExt
)

var mpKindNames = [...]string{"nil", "bool", "unsigned integer", "negative integer", "float", "string", "binary", "array", "map", "extension"}

func (k mpKind) String() string { return mpKindNames[k] }

// mpValue is one decoded MessagePack value. Strings and binaries alias the
// input.
type mpValue struct {
	kind mpKind
	u    uint64 // mpUint, mpBool (0 or 1)
	i    int64  // mpInt
	raw  []byte // mpStr, mpBin, mpExt
	arr  []mpValue
	keys []mpValue // mpMap, in order, with vals
	vals []mpValue
}

// mpMaxDepth bounds nesting, so hostile input cannot exhaust the stack, and
// mpMaxValues bounds the values decoded, as each costs far more memory than
// its one input byte. A dstack attestation has some tens of thousands.
const (
	mpMaxDepth  = 32
	mpMaxValues = 1 << 18
)

// decodeMsgpack reads exactly one MessagePack value from b.
func decodeMsgpack(b []byte) (mpValue, error) {
	r := &byteReader{b: b, budget: mpMaxValues}
	v, err := r.msgpack(0)
	if err != nil {
		return v, err
	}
	if r.left() > 0 {
		return v, fmt.Errorf("%d bytes after the MessagePack value", r.left())
	}
	return v, nil
}

func (r *byteReader) beUint(n int, what string) (uint64, error) {
	p, err := r.take(n, what)
	if err != nil {
		return 0, err
	}
	var buf [8]byte
	copy(buf[8-n:], p)
	return binary.BigEndian.Uint64(buf[:]), nil
}

func (r *byteReader) msgpack(depth int) (mpValue, error) {
	start := r.off
	if depth > mpMaxDepth {
		return mpValue{}, fmt.Errorf("MessagePack value at byte %d is nested over %d deep", start, mpMaxDepth)
	}
	if r.budget--; r.budget < 0 {
		return mpValue{}, fmt.Errorf("MessagePack value at byte %d is over the bound of %d values", start, mpMaxValues)
	}
	t, err := r.u8("MessagePack type")
	if err != nil {
		return mpValue{}, err
	}
	var n uint64
	var kind mpKind
	switch {
	case t <= 0x7f:
		return mpValue{kind: mpUint, u: uint64(t)}, nil
	case t >= 0xe0:
		return mpValue{kind: mpInt, i: int64(int8(t))}, nil
	case t <= 0x8f:
		kind, n = mpMap, uint64(t&0x0f)
	case t <= 0x9f:
		kind, n = mpArray, uint64(t&0x0f)
	case t <= 0xbf:
		kind, n = mpStr, uint64(t&0x1f)
	case t == 0xc0:
		return mpValue{kind: mpNil}, nil
	case t == 0xc2 || t == 0xc3:
		return mpValue{kind: mpBool, u: uint64(t & 1)}, nil
	case t >= 0xcc && t <= 0xcf:
		u, err := r.beUint(1<<(t-0xcc), "MessagePack integer")
		return mpValue{kind: mpUint, u: u}, err
	case t >= 0xd0 && t <= 0xd3:
		w := 1 << (t - 0xd0)
		u, err := r.beUint(w, "MessagePack integer")
		i := int64(u<<(64-8*w)) >> (64 - 8*w)
		if i >= 0 {
			return mpValue{kind: mpUint, u: uint64(i)}, err
		}
		return mpValue{kind: mpInt, i: i}, err
	case t == 0xca || t == 0xcb:
		_, err := r.take(4<<(t-0xca), "MessagePack float")
		return mpValue{kind: mpFloat}, err
	case t >= 0xc4 && t <= 0xc6:
		kind = mpBin
		n, err = r.beUint(1<<(t-0xc4), "MessagePack binary length")
	case t >= 0xd9 && t <= 0xdb:
		kind = mpStr
		n, err = r.beUint(1<<(t-0xd9), "MessagePack string length")
	case t == 0xdc || t == 0xdd:
		kind = mpArray
		n, err = r.beUint(2<<(t-0xdc), "MessagePack array length")
	case t == 0xde || t == 0xdf:
		kind = mpMap
		n, err = r.beUint(2<<(t-0xde), "MessagePack map length")
	case t >= 0xd4 && t <= 0xd8:
		p, err := r.take(1+1<<(t-0xd4), "MessagePack extension")
		return mpValue{kind: mpExt, raw: p}, err
	case t >= 0xc7 && t <= 0xc9:
		n, err = r.beUint(1<<(t-0xc7), "MessagePack extension length")
		if err != nil {
			return mpValue{}, err
		}
		if n >= uint64(r.left()) {
			return mpValue{}, fmt.Errorf("MessagePack extension at byte %d: length %d is more than the %d bytes left", start, n, r.left())
		}
		p, _ := r.take(int(n)+1, "")
		return mpValue{kind: mpExt, raw: p}, nil
	default: // 0xc1 is never used
		return mpValue{}, fmt.Errorf("MessagePack type byte 0x%02x at byte %d is not defined", t, start)
	}
	if err != nil {
		return mpValue{}, err
	}
	v := mpValue{kind: kind}
	switch kind {
	case mpStr, mpBin:
		if n > uint64(r.left()) {
			return v, fmt.Errorf("MessagePack %s at byte %d: length %d is more than the %d bytes left", kind, start, n, r.left())
		}
		v.raw, _ = r.take(int(n), "")
		if kind == mpStr && !utf8.Valid(v.raw) {
			return v, fmt.Errorf("MessagePack string at byte %d is not UTF-8", start)
		}
		return v, nil
	case mpArray, mpMap:
		per := uint64(1)
		if kind == mpMap {
			per = 2
		}
		if n > uint64(r.left())/per {
			return v, fmt.Errorf("MessagePack %s at byte %d: %d entries are more than the %d bytes left can hold", kind, start, n, r.left())
		}
		for range n {
			e, err := r.msgpack(depth + 1)
			if err != nil {
				return v, err
			}
			if kind == mpArray {
				v.arr = append(v.arr, e)
				continue
			}
			val, err := r.msgpack(depth + 1)
			if err != nil {
				return v, err
			}
			v.keys = append(v.keys, e)
			v.vals = append(v.vals, val)
		}
	}
	return v, nil
}

// mpFields reads a map with string keys, as serde writes a struct, and
// refuses a key that appears twice.
func mpFields(v mpValue, what string) (map[string]mpValue, error) {
	if v.kind != mpMap {
		return nil, fmt.Errorf("%s is a MessagePack %s, not a map", what, v.kind)
	}
	m := make(map[string]mpValue, len(v.keys))
	for i, k := range v.keys {
		if k.kind != mpStr {
			return nil, fmt.Errorf("%s has a %s key, not a string", what, k.kind)
		}
		if _, dup := m[string(k.raw)]; dup {
			return nil, fmt.Errorf("%s has the field %q twice", what, k.raw)
		}
		m[string(k.raw)] = v.vals[i]
	}
	return m, nil
}

// mpBytes reads a byte string. serde writes a plain Vec<u8> as an array of
// integers and a serde_human_bytes field as binary; both are accepted.
func mpBytes(v mpValue, what string) ([]byte, error) {
	switch v.kind {
	case mpBin:
		return v.raw, nil
	case mpArray:
		b := make([]byte, len(v.arr))
		for i, e := range v.arr {
			if e.kind != mpUint || e.u > 0xff {
				return nil, fmt.Errorf("%s: item %d is not a byte", what, i)
			}
			b[i] = byte(e.u)
		}
		return b, nil
	}
	return nil, fmt.Errorf("%s is a MessagePack %s, not bytes", what, v.kind)
}

func mpString(v mpValue, what string) (string, error) {
	if v.kind != mpStr {
		return "", fmt.Errorf("%s is a MessagePack %s, not a string", what, v.kind)
	}
	return string(v.raw), nil
}

func mpUint32(v mpValue, what string) (uint32, error) {
	if v.kind != mpUint || v.u > 0xffffffff {
		return 0, fmt.Errorf("%s is not a 32-bit unsigned integer", what)
	}
	return uint32(v.u), nil
}
