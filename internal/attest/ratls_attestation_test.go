package attest

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"slices"
	"strings"
	"testing"
)

// Test encoders for dstack's VersionedAttestation. They follow dstack's
// source (dstack-attest src/attestation.rs LegacyVersionedAttestation,
// Attestation, AttestationQuote, TdxQuote; cc-eventlog src/tdx.rs TdxEvent
// and src/runtime_events.rs RuntimeEvent, whose version and preimage fields
// are #[codec(skip)]; dstack-attest src/v1.rs for the MessagePack form,
// written by rmp_serde::to_vec_named), not the decoder in this package.

type testAttestation struct {
	quote, reportData []byte
	log, runtime      []Event
	platform          byte   // version 0 AttestationQuote variant
	kind              string // version 1 platform kind; "" is "tdx"
	version           uint64 // version 1 "version" field; 0 is 1
}

func compactLE(b []byte, v uint64) []byte {
	switch {
	case v < 1<<6:
		return append(b, byte(v<<2))
	case v < 1<<14:
		return binary.LittleEndian.AppendUint16(b, uint16(v<<2|1))
	case v < 1<<30:
		return binary.LittleEndian.AppendUint32(b, uint32(v<<2|2))
	}
	n := 8
	for n > 4 && v>>(8*(n-1)) == 0 {
		n--
	}
	b = append(b, byte((n-4)<<2|3))
	var le [8]byte
	binary.LittleEndian.PutUint64(le[:], v)
	return append(b, le[:n]...)
}

func scaleVec(b, p []byte) []byte { return append(compactLE(b, uint64(len(p))), p...) }

func unhex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func (a testAttestation) v0(t testing.TB) []byte {
	b := []byte{0x00, a.platform}
	b = scaleVec(b, a.quote)
	b = compactLE(b, uint64(len(a.log)))
	for _, e := range a.log {
		b = binary.LittleEndian.AppendUint32(b, uint32(e.IMR))
		b = binary.LittleEndian.AppendUint32(b, e.EventType)
		b = scaleVec(b, unhex(t, e.Digest))
		b = scaleVec(b, []byte(e.Event))
		b = scaleVec(b, unhex(t, e.EventPayload))
	}
	b = compactLE(b, uint64(len(a.runtime)))
	for _, e := range a.runtime {
		b = scaleVec(b, []byte(e.Event))
		b = scaleVec(b, unhex(t, e.EventPayload))
	}
	b = append(b, a.reportData...)
	return scaleVec(b, []byte("{}")) // config
}

// MessagePack writers (msgpack spec, "Formats").
func putHead(b []byte, fix, fixMax byte, w16 byte, n int) []byte {
	if n <= int(fixMax) {
		return append(b, fix|byte(n))
	}
	return binary.BigEndian.AppendUint32(append(b, w16+1), uint32(n))
}
func putMap(b []byte, n int) []byte    { return putHead(b, 0x80, 15, 0xde, n) }
func putArr(b []byte, n int) []byte    { return putHead(b, 0x90, 15, 0xdc, n) }
func putStr(b []byte, s string) []byte { return append(putHead(b, 0xa0, 31, 0xda, len(s)), s...) }
func putBin(b, p []byte) []byte {
	return append(binary.BigEndian.AppendUint32(append(b, 0xc6), uint32(len(p))), p...)
}
func putUint(b []byte, v uint64) []byte {
	if v < 0x80 {
		return append(b, byte(v))
	}
	return binary.BigEndian.AppendUint64(append(b, 0xcf), v)
}

// putByteArray writes a plain Vec<u8> as serde does: an array of integers.
func putByteArray(b, p []byte) []byte {
	b = putArr(b, len(p))
	for _, c := range p {
		b = putUint(b, uint64(c))
	}
	return b
}

func (a testAttestation) v1(t testing.TB) []byte {
	version, kind := a.version, a.kind
	if version == 0 {
		version = 1
	}
	if kind == "" {
		kind = "tdx"
	}
	b := putMap(nil, 3)
	b = putUint(putStr(b, "version"), version)
	b = putMap(putStr(b, "platform"), 2)
	b = putStr(putStr(b, "kind"), kind)
	b = putMap(putStr(b, "data"), 2)
	b = putByteArray(putStr(b, "quote"), a.quote)
	b = putArr(putStr(b, "event_log"), len(a.log))
	for _, e := range a.log {
		b = putMap(b, 5+min(e.Version/2, 1))
		b = putUint(putStr(b, "imr"), uint64(e.IMR))
		b = putUint(putStr(b, "event_type"), uint64(e.EventType))
		b = putBin(putStr(b, "digest"), unhex(t, e.Digest))
		b = putStr(putStr(b, "event"), e.Event)
		b = putBin(putStr(b, "event_payload"), unhex(t, e.EventPayload))
		if e.Version == 2 {
			b = putUint(putStr(b, "version"), 2)
		}
	}
	b = putMap(putStr(b, "stack"), 2)
	b = putStr(putStr(b, "kind"), "dstack")
	b = putMap(putStr(b, "data"), 3)
	b = putByteArray(putStr(b, "report_data"), a.reportData)
	b = putArr(putStr(b, "runtime_events"), len(a.runtime))
	for _, e := range a.runtime {
		b = putMap(b, 2+min(e.Version/2, 1))
		b = putStr(putStr(b, "event"), e.Event)
		b = putBin(putStr(b, "payload"), unhex(t, e.EventPayload))
		if e.Version == 2 {
			b = putUint(putStr(b, "version"), 2)
		}
	}
	return putStr(putStr(b, "config"), "{}")
}

// sampleAttestation has an ACPI event in RTMR0 and two runtime events,
// the second in the given digest form.
func sampleAttestation(version int) testAttestation {
	log := []Event{
		{IMR: 0, EventType: 10, Digest: strings.Repeat("ab", 48), Event: "acpi-tables", EventPayload: hex.EncodeToString([]byte("ACPI DATA"))},
		NewRuntimeEvent("app-id", bytes.Repeat([]byte{0x11}, 20), 1),
		NewRuntimeEvent("compose-hash", bytes.Repeat([]byte{0x22}, 32), version),
	}
	return testAttestation{
		quote:      bytes.Repeat([]byte{0x51}, 100),
		reportData: bytes.Repeat([]byte{0x7d}, 64),
		log:        log,
		runtime:    slices.Clone(log[1:]),
	}
}

func TestSCALECompact(t *testing.T) {
	// Values and encodings from the SCALE spec's compact table, plus each
	// mode's bounds, written out by hand.
	for _, tc := range []struct {
		hex  string
		want uint64
	}{
		{"00", 0}, {"04", 1}, {"a8", 42}, {"fc", 63},
		{"0101", 64}, {"1501", 69}, {"fdff", 16383},
		{"02000100", 16384}, {"feff0300", 65535}, {"feffffff", 1<<30 - 1},
		{"0300000040", 1 << 30}, {"03ffffffff", 1<<32 - 1},
		{"070000000001", 1 << 32},
		{"0b00407a10f35a", 100000000000000},
		{"13ffffffffffffffff", 1<<64 - 1},
	} {
		r := &byteReader{b: unhex(t, tc.hex)}
		got, err := r.compact("n")
		if err != nil || got != tc.want || r.left() != 0 {
			t.Errorf("%s: %d, %v, %d left; want %d", tc.hex, got, err, r.left(), tc.want)
		}
		if enc := hex.EncodeToString(compactLE(nil, tc.want)); enc != tc.hex {
			t.Errorf("test encoder writes %d as %s, want %s", tc.want, enc, tc.hex)
		}
	}
	for _, tc := range []struct{ hex, want string }{
		{"", "n at byte 0: needs 1 bytes, 0 left"},
		{"01", "n at byte 1: needs 1 bytes, 0 left"},
		{"020001", "n at byte 1: needs 3 bytes, 2 left"},
		{"03000000", "n at byte 1: needs 4 bytes, 3 left"},
		{"0100", "compact integer 0 is not in its shortest form"},
		{"fd00", "compact integer 63 is not in its shortest form"},
		{"02000000", "compact integer 0 is not in its shortest form"},
		{"03ffffff3f", "compact integer 1073741823 is not in its shortest form"},
		{"07ffffffff00", "compact integer 4294967295 is not in its shortest form"},
		{"17000000000000000001", "compact integer of 9 bytes is over 64 bits"},
	} {
		r := &byteReader{b: unhex(t, tc.hex)}
		if _, err := r.compact("n"); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", tc.hex, err, tc.want)
		}
	}
	// A Vec length is a Compact<u32> and must fit what is left.
	for _, tc := range []struct{ hex, want string }{
		{"070000000001", "4294967296 is over the 32-bit bound"},
		{"03ffffffff", "4294967295 is more than the 0 bytes left can hold"},
		{"0c0102", "3 is more than the 2 bytes left can hold"},
	} {
		r := &byteReader{b: unhex(t, tc.hex)}
		if _, err := r.bytes("v"); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", tc.hex, err, tc.want)
		}
	}
}

// handV0 is a version 0 attestation written byte by byte from the SCALE
// rules: enum variants as one byte, u32 little-endian, Vec<T> and String
// behind a compact length, [u8; 64] as is.
func handV0() []byte {
	var b []byte
	b = append(b, 0x00)       // LegacyVersionedAttestation::V0
	b = append(b, 0x00)       // AttestationQuote::DstackTdx
	b = append(b, 0x91, 0x01) // quote: Vec<u8> of 100 (compact 100<<2|1 = 0x0191)
	b = append(b, bytes.Repeat([]byte{0x51}, 100)...)
	b = append(b, 0x04)                   // event_log: 1 event
	b = append(b, 0x03, 0x00, 0x00, 0x00) // imr 3
	b = append(b, 0x01, 0x00, 0x00, 0x08) // event_type 0x08000001
	b = append(b, 0x00)                   // digest: empty (stripped)
	b = append(b, 0x18, 'a', 'p', 'p', '-', 'i', 'd')
	b = append(b, 0x08, 0xab, 0xcd) // event_payload
	b = append(b, 0x04)             // runtime_events: 1 event
	b = append(b, 0x18, 'a', 'p', 'p', '-', 'i', 'd')
	b = append(b, 0x08, 0xab, 0xcd)
	b = append(b, bytes.Repeat([]byte{0x7d}, 64)...) // report_data
	b = append(b, 0x08, '{', '}')                    // config
	return b
}

// handV1 is a version 1 attestation written byte by byte from the msgpack
// formats, with the field names of dstack-attest src/v1.rs.
func handV1() []byte {
	var b []byte
	b = append(b, 0x83)                 // map of 3
	b = append(b, "\xa7version\x01"...) // fixstr 7, fixint 1
	b = append(b, "\xa8platform\x82\xa4kind\xa3tdx\xa4data\x82"...)
	b = append(b, "\xa5quote\x93\x01\x02\xcc\xff"...) // array [1, 2, uint8 255]
	b = append(b, "\xa9event_log\x91\x85"...)         // 1 event, map of 5
	b = append(b, "\xa3imr\x03"...)
	b = append(b, "\xaaevent_type\xce\x08\x00\x00\x01"...) // uint32
	b = append(b, "\xa6digest\xc4\x00"...)                 // bin8, empty
	b = append(b, "\xa5event\xa6app-id"...)
	b = append(b, "\xadevent_payload\xc4\x02\xab\xcd"...)
	b = append(b, "\xa5stack\x82\xa4kind\xaadstack-pod\xa4data\x84"...)
	b = append(b, "\xabreport_data\xc4\x40"...) // bin8 of 64
	b = append(b, bytes.Repeat([]byte{0x7d}, 64)...)
	b = append(b, "\xaeruntime_events\x91\x83"...)
	b = append(b, "\xa5event\xa6app-id\xa7payload\xc4\x02\xab\xcd\xa7version\x01"...)
	b = append(b, "\xa6config\xa2{}"...)
	b = append(b, "\xb3report_data_payload\xa1x"...) // ignored
	return b
}

func TestAttestationHandWritten(t *testing.T) {
	appID := NewRuntimeEvent("app-id", []byte{0xab, 0xcd}, 1)
	appID.Digest = ""
	for _, tc := range []struct {
		name  string
		in    []byte
		quote []byte
	}{
		{"version 0", handV0(), bytes.Repeat([]byte{0x51}, 100)},
		{"version 1", handV1(), []byte{1, 2, 255}},
	} {
		a, err := decodeAttestation(tc.in)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if !bytes.Equal(a.Quote, tc.quote) || !bytes.Equal(a.ReportData, bytes.Repeat([]byte{0x7d}, 64)) ||
			len(a.EventLog) != 1 || a.EventLog[0] != appID || len(a.Runtime) != 1 || a.Runtime[0].Event != "app-id" {
			t.Fatalf("%s: %+v", tc.name, a)
		}
		ev, err := a.evidence()
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		want := `[{"imr":3,"event_type":134217729,"digest":"","event":"app-id","event_payload":"abcd"}]`
		if string(ev.EventLog) != want {
			t.Errorf("%s: event log %s, want %s", tc.name, ev.EventLog, want)
		}
	}
	// The test encoders write the same bytes for the same content.
	a := testAttestation{quote: bytes.Repeat([]byte{0x51}, 100), reportData: bytes.Repeat([]byte{0x7d}, 64), log: []Event{appID}, runtime: []Event{appID}}
	if got := a.v0(t); !bytes.Equal(got, handV0()) {
		t.Errorf("encoder v0:\n%x\nhand:\n%x", got, handV0())
	}
}

func TestAttestationRoundTrip(t *testing.T) {
	for _, v := range []int{1, 2} {
		s := sampleAttestation(v)
		encs := map[string][]byte{"version 1": s.v1(t)}
		if v == 1 { // version 0 cannot carry V2 runtime events
			encs["version 0"] = s.v0(t)
		}
		for name, b := range encs {
			a, err := decodeAttestation(b)
			if err != nil {
				t.Fatalf("%s, events v%d: %v", name, v, err)
			}
			ev, err := a.evidence()
			if err != nil {
				t.Fatalf("%s, events v%d: %v", name, v, err)
			}
			events, err := ParseEventLog(ev.EventLog)
			if err != nil {
				t.Fatalf("%s, events v%d: %v", name, v, err)
			}
			want, _ := ReplayRTMR(s.log, 3)
			got, _ := ReplayRTMR(events, 3)
			if !bytes.Equal(ev.Quote, s.quote) || !bytes.Equal(ev.ReportData, s.reportData) || !bytes.Equal(got, want) || len(events) != 3 {
				t.Errorf("%s, events v%d: %+v", name, v, events)
			}
		}
	}
}

func TestAttestationRefused(t *testing.T) {
	s := sampleAttestation(1)
	v0, v1 := s.v0(t), s.v1(t)
	mod := func(f func(*testAttestation)) testAttestation {
		c := sampleAttestation(1)
		f(&c)
		return c
	}
	for _, tc := range []struct {
		name string
		in   []byte
		want string
	}{
		{"empty", nil, "attestation is empty"},
		{"too big", make([]byte, maxAttestationBytes+1), "over the 10485760-byte bound"},
		{"unknown version byte", append([]byte{0x01}, v0[1:]...), "attestation version byte 0x01 is unknown"},
		{"MessagePack version 2", mod(func(a *testAttestation) { a.version = 2 }).v1(t), "attestation version 2 is not supported"},
		{"MessagePack without version", []byte("\x81\xa5stack\xc0"), "attestation (MessagePack) has no version field"},
		{"version 0 SEV-SNP", mod(func(a *testAttestation) { a.platform = 3 }).v0(t), "attestation version 0 is for platform variant 3 (dstack-amd-sev-snp), not TDX"},
		{"version 0 unknown platform", mod(func(a *testAttestation) { a.platform = 9 }).v0(t), "platform variant 9 (unknown)"},
		{"version 1 SEV-SNP", mod(func(a *testAttestation) { a.kind = "sev-snp" }).v1(t), `attestation version 1: platform is "sev-snp", not TDX`},
		{"version 0 trailing byte", append(bytes.Clone(v0), 0), "attestation version 0: 1 bytes after the attestation"},
		{"version 1 trailing byte", append(bytes.Clone(v1), 0), "attestation version 1: 1 bytes after the MessagePack value"},
		{"version 0 truncated in report_data", v0[:len(v0)-10], "report_data at byte"},
		{"version 1 truncated", v1[:len(v1)-1], "attestation version 1: MessagePack string at byte"},
		{"version 0 quote length oversize", append([]byte{0, 0, 0x03, 0xff, 0xff, 0xff, 0xff}, v0[3:]...), "TDX quote length at byte 2: 4294967295 is more than the"},
		{"version 0 event count oversize", eventCount(v0, 0xfffffff), "event log length at byte 104: 268435455 is more than the"},
		{"version 1 string length oversize", append([]byte{0x81, 0xdb, 0xff, 0xff, 0xff, 0xff}, 'v'), "MessagePack string at byte 1: length 4294967295 is more than the 1 bytes left"},
		{"version 1 map count oversize", []byte{0xdf, 0x7f, 0xff, 0xff, 0xff, 0xa0}, "MessagePack map at byte 0: 2147483647 entries are more than the 1 bytes left can hold"},
		{"version 1 nested too deep", append(append([]byte{0x81, 0xa1, 'x'}, bytes.Repeat([]byte{0x91}, 40)...), 0xc0), "nested over 32 deep"},
		{"version 1 too many values", append([]byte{0x81, 0xa1, 'x', 0xdd, 0, 4, 0, 0}, make([]byte, 1<<18)...), "MessagePack value at byte 262149 is over the bound of 262144 values"},
		{"version 1 undefined type", []byte{0x81, 0xc1, 0xc0}, "type byte 0xc1 at byte 1 is not defined"},
		{"version 1 duplicate field", []byte("\x82\xa7version\x01\xa7version\x01"), `attestation has the field "version" twice`},
		{"version 0 imr out of range", mod(func(a *testAttestation) { a.log[0].IMR = 4 }).v0(t), "event log entry 0: imr 4 is out of range 0..3"},
		{"version 1 bad event version", replaceFirst(t, mod(func(a *testAttestation) { a.log[2].Version = 2 }).v1(t), "\xa7version\x02", "\xa7version\x07"), "event log entry 2: event log version 7 is not 1 or 2"},
		{"version 0 event name not UTF-8", replaceFirst(t, v0, "app-id", "app-\xff\xfe"), "event log entry 1 event at byte"},
		{"version 1 quote not bytes", replaceFirst(t, v1, "\xa5quote\xdd", "\xa5quote\xdb"), "quote is a MessagePack string, not bytes"},
		{"version 1 quote missing", replaceFirst(t, v1, "\xa5quote", "\xa5quota"), "platform data has no quote field"},
	} {
		_, err := decodeAttestation(tc.in)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", tc.name, err, tc.want)
		}
	}
	for _, tc := range []struct {
		name string
		a    testAttestation
		want string
	}{
		{"report_data short", mod(func(a *testAttestation) { a.reportData = a.reportData[:63] }), "report_data is 63 bytes, want 64"},
		{"runtime event missing", mod(func(a *testAttestation) { a.runtime = a.runtime[:1] }), "runtime events and the event log's RTMR3 events differ: 1 events against 2"},
		{"runtime event payload", mod(func(a *testAttestation) { a.runtime[1] = NewRuntimeEvent("compose-hash", []byte{1}, 1) }), `differ: runtime event 1 is "compose-hash" against "compose-hash"`},
	} {
		a, err := decodeAttestation(tc.a.v1(t))
		if err == nil {
			_, err = a.evidence()
		}
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", tc.name, err, tc.want)
		}
	}
	// Every truncation of either form is refused.
	for name, b := range map[string][]byte{"version 0": v0, "version 1": v1} {
		for n := range len(b) {
			if _, err := decodeAttestation(b[:n]); err == nil {
				t.Errorf("%s truncated to %d bytes: accepted", name, n)
			}
		}
	}
}

// eventCount rewrites the event log count of sampleAttestation's version 0
// encoding: byte 104, after two prefix bytes, the quote's two-byte length
// and the 100-byte quote.
func eventCount(v0 []byte, n uint64) []byte {
	b := compactLE(bytes.Clone(v0[:104]), n)
	return append(b, v0[105:]...)
}

// replaceFirst replaces the first occurrence of old in b.
func replaceFirst(t *testing.T, b []byte, old, new string) []byte {
	t.Helper()
	if !bytes.Contains(b, []byte(old)) {
		t.Fatalf("%q is not in the encoding", old)
	}
	return bytes.Replace(b, []byte(old), []byte(new), 1)
}

func FuzzDecodeAttestation(f *testing.F) {
	f.Add(handV0())
	f.Add(handV1())
	f.Add(sampleAttestation(1).v0(f))
	f.Add(sampleAttestation(2).v1(f))
	f.Add([]byte{0x00, 0x03})
	f.Add([]byte{0xdf, 0xff, 0xff, 0xff, 0xff})
	f.Fuzz(func(t *testing.T, b []byte) {
		a, err := decodeAttestation(b)
		if err != nil {
			return
		}
		ev, err := a.evidence()
		if err != nil {
			return
		}
		if len(ev.ReportData) != 64 || ev.EventLog == nil {
			t.Fatalf("accepted evidence has report_data of %d bytes, event log %q", len(ev.ReportData), ev.EventLog)
		}
		events, err := ParseEventLog(ev.EventLog)
		if err != nil {
			return // a well-formed attestation can still carry bad digests
		}
		if _, err := ReplayRTMR(events, 3); err != nil {
			t.Fatalf("parsed log does not replay: %v", err)
		}
	})
}
