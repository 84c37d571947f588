package attest

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
)

// dstack's VersionedAttestation, the value of the RA-TLS extension
// 1.3.6.1.4.1.62397.1.8, as dstack writes it (dstack-attest
// src/attestation.rs VersionedAttestation::to_bytes, src/v1.rs):
//
//   - version 0: the byte 0x00, then the SCALE encoding of
//     Attestation{quote: AttestationQuote, runtime_events: Vec<RuntimeEvent>,
//     report_data: [u8; 64], config: String}. AttestationQuote variant 0
//     is DstackTdx(TdxQuote{quote: Vec<u8>, event_log: Vec<TdxEvent>}), and
//     TdxEvent is {imr: u32, event_type: u32, digest: Vec<u8>,
//     event: String, event_payload: Vec<u8>}.
//   - version 1: a MessagePack map {version: 1, platform: {kind, data},
//     stack: {kind, data}}, serde's named encoding of v1::Attestation.
//     Platform kind "tdx" carries {quote, event_log}; stack kind "dstack"
//     or "dstack-pod" carries {report_data, runtime_events, config, ...}.
//
// Unknown MessagePack map fields are ignored, as serde does.

// maxAttestationBytes is dstack's bound on an encoded attestation
// (MAX_ATTESTATION_BYTES).
const maxAttestationBytes = 10 << 20

// Least SCALE bytes of one TdxEvent and one RuntimeEvent, for length checks.
const (
	minSCALETdxEvent     = 4 + 4 + 1 + 1 + 1
	minSCALERuntimeEvent = 1 + 1
)

// Other platforms' names, by AttestationQuote variant (version 0).
var v0Platforms = map[byte]string{1: "dstack-gcp-tdx", 2: "dstack-nitro-enclave", 3: "dstack-amd-sev-snp", 4: "dstack-aws-nitro-tpm"}

// dstackAttestation is the TDX content of a VersionedAttestation.
type dstackAttestation struct {
	Version    int
	Quote      []byte
	EventLog   []Event // the platform event log
	Runtime    []Event // the stack's runtime events, as RTMR3 events
	ReportData []byte
}

// decodeAttestation reads a VersionedAttestation and refuses any that is
// not for TDX.
func decodeAttestation(b []byte) (*dstackAttestation, error) {
	switch {
	case len(b) == 0:
		return nil, fmt.Errorf("attestation is empty")
	case len(b) > maxAttestationBytes:
		return nil, fmt.Errorf("attestation is %d bytes, over the %d-byte bound", len(b), maxAttestationBytes)
	case b[0] == 0:
		return decodeAttestationV0(b)
	case b[0]&0xf0 == 0x80 || b[0] == 0xde || b[0] == 0xdf:
		return decodeAttestationV1(b)
	}
	return nil, fmt.Errorf("attestation version byte 0x%02x is unknown: dstack defines 0x00 (version 0, SCALE) and a MessagePack map (version 1)", b[0])
}

func decodeAttestationV0(b []byte) (*dstackAttestation, error) {
	a := &dstackAttestation{Version: 0}
	r := &byteReader{b: b, off: 1}
	v, err := r.u8("platform variant")
	if err != nil {
		return nil, fmt.Errorf("attestation version 0: %w", err)
	}
	if v != 0 {
		name, ok := v0Platforms[v]
		if !ok {
			name = "unknown"
		}
		return nil, fmt.Errorf("attestation version 0 is for platform variant %d (%s), not TDX (variant 0)", v, name)
	}
	if err := a.readV0(r); err != nil {
		return nil, fmt.Errorf("attestation version 0: %w", err)
	}
	if r.left() > 0 {
		return nil, fmt.Errorf("attestation version 0: %d bytes after the attestation", r.left())
	}
	return a, nil
}

func (a *dstackAttestation) readV0(r *byteReader) error {
	var err error
	if a.Quote, err = r.bytes("TDX quote"); err != nil {
		return err
	}
	n, err := r.length("event log", minSCALETdxEvent)
	if err != nil {
		return err
	}
	if n > MaxEventLogEvents {
		return fmt.Errorf("event log has %d events, over the bound of %d", n, MaxEventLogEvents)
	}
	for i := range n {
		what := fmt.Sprintf("event log entry %d", i)
		imr, err := r.u32(what + " imr")
		if err != nil {
			return err
		}
		typ, err := r.u32(what + " event_type")
		if err != nil {
			return err
		}
		digest, err := r.bytes(what + " digest")
		if err != nil {
			return err
		}
		name, err := r.str(what + " event")
		if err != nil {
			return err
		}
		payload, err := r.bytes(what + " event_payload")
		if err != nil {
			return err
		}
		if imr > 3 {
			return fmt.Errorf("%s: imr %d is out of range 0..3", what, imr)
		}
		a.EventLog = append(a.EventLog, Event{IMR: int(imr), EventType: typ, Digest: hex.EncodeToString(digest), Event: name, EventPayload: hex.EncodeToString(payload)})
	}
	if n, err = r.length("runtime events", minSCALERuntimeEvent); err != nil {
		return err
	}
	if n > MaxEventLogEvents {
		return fmt.Errorf("runtime events: %d, over the bound of %d", n, MaxEventLogEvents)
	}
	for i := range n {
		what := fmt.Sprintf("runtime event %d", i)
		name, err := r.str(what + " event")
		if err != nil {
			return err
		}
		payload, err := r.bytes(what + " payload")
		if err != nil {
			return err
		}
		a.Runtime = append(a.Runtime, NewRuntimeEvent(name, payload, 1))
	}
	if a.ReportData, err = r.take(64, "report_data"); err != nil {
		return err
	}
	_, err = r.str("config")
	return err
}

func decodeAttestationV1(b []byte) (*dstackAttestation, error) {
	v, err := decodeMsgpack(b)
	if err != nil {
		return nil, fmt.Errorf("attestation version 1: %w", err)
	}
	top, err := mpFields(v, "attestation")
	if err != nil {
		return nil, fmt.Errorf("attestation version 1: %w", err)
	}
	ver, ok := top["version"]
	if !ok {
		return nil, fmt.Errorf("attestation (MessagePack) has no version field")
	}
	if ver.kind != mpUint || ver.u != 1 {
		return nil, fmt.Errorf("attestation version %s is not supported: dstack defines 0 (SCALE) and 1 (MessagePack)", mpShow(ver))
	}
	a := &dstackAttestation{Version: 1}
	if err := a.readV1(top); err != nil {
		return nil, fmt.Errorf("attestation version 1: %w", err)
	}
	return a, nil
}

func (a *dstackAttestation) readV1(top map[string]mpValue) error {
	kind, data, err := mpTagged(top, "platform")
	if err != nil {
		return err
	}
	if kind != "tdx" {
		return fmt.Errorf("platform is %q, not TDX (\"tdx\")", kind)
	}
	if a.Quote, err = mpBytesField(data, "quote", "platform data"); err != nil {
		return err
	}
	log, ok := data["event_log"]
	if !ok {
		return fmt.Errorf("platform data has no event_log field")
	}
	if log.kind != mpArray {
		return fmt.Errorf("event_log is a MessagePack %s, not an array", log.kind)
	}
	if len(log.arr) > MaxEventLogEvents {
		return fmt.Errorf("event log has %d events, over the bound of %d", len(log.arr), MaxEventLogEvents)
	}
	for i, e := range log.arr {
		ev, err := mpEvent(e, i)
		if err != nil {
			return err
		}
		a.EventLog = append(a.EventLog, ev)
	}

	kind, data, err = mpTagged(top, "stack")
	if err != nil {
		return err
	}
	if kind != "dstack" && kind != "dstack-pod" {
		return fmt.Errorf("stack is %q, not \"dstack\" or \"dstack-pod\"", kind)
	}
	if a.ReportData, err = mpBytesField(data, "report_data", "stack data"); err != nil {
		return err
	}
	rt, ok := data["runtime_events"]
	if !ok {
		return fmt.Errorf("stack data has no runtime_events field")
	}
	if rt.kind != mpArray {
		return fmt.Errorf("runtime_events is a MessagePack %s, not an array", rt.kind)
	}
	if len(rt.arr) > MaxEventLogEvents {
		return fmt.Errorf("runtime events: %d, over the bound of %d", len(rt.arr), MaxEventLogEvents)
	}
	for i, e := range rt.arr {
		what := fmt.Sprintf("runtime event %d", i)
		f, err := mpFields(e, what)
		if err != nil {
			return err
		}
		name, err := mpStringField(f, "event", what)
		if err != nil {
			return err
		}
		payload, err := mpBytesField(f, "payload", what)
		if err != nil {
			return err
		}
		version, err := mpEventVersion(f, what)
		if err != nil {
			return err
		}
		a.Runtime = append(a.Runtime, NewRuntimeEvent(name, payload, version))
	}
	return nil
}

// mpEvent reads one TdxEvent of a version 1 event log.
func mpEvent(v mpValue, i int) (Event, error) {
	what := fmt.Sprintf("event log entry %d", i)
	f, err := mpFields(v, what)
	if err != nil {
		return Event{}, err
	}
	var ev Event
	imr, ok := f["imr"]
	if !ok {
		return ev, fmt.Errorf("%s has no imr field", what)
	}
	n, err := mpUint32(imr, what+" imr")
	if err != nil {
		return ev, err
	}
	if n > 3 {
		return ev, fmt.Errorf("%s: imr %d is out of range 0..3", what, n)
	}
	ev.IMR = int(n)
	typ, ok := f["event_type"]
	if !ok {
		return ev, fmt.Errorf("%s has no event_type field", what)
	}
	if ev.EventType, err = mpUint32(typ, what+" event_type"); err != nil {
		return ev, err
	}
	if d, ok := f["digest"]; ok { // serde default: empty
		b, err := mpBytes(d, what+" digest")
		if err != nil {
			return ev, err
		}
		ev.Digest = hex.EncodeToString(b)
	}
	if ev.Event, err = mpStringField(f, "event", what); err != nil {
		return ev, err
	}
	payload, err := mpBytesField(f, "event_payload", what)
	if err != nil {
		return ev, err
	}
	ev.EventPayload = hex.EncodeToString(payload)
	version, err := mpEventVersion(f, what)
	if err != nil {
		return ev, err
	}
	if version == 2 {
		ev.Version = 2
	}
	if p, ok := f["preimage"]; ok && p.kind != mpNil {
		if ev.Preimage, err = mpString(p, what+" preimage"); err != nil {
			return ev, err
		}
	}
	return ev, nil
}

// mpEventVersion reads an optional EventLogVersion, 1 when absent.
func mpEventVersion(f map[string]mpValue, what string) (int, error) {
	v, ok := f["version"]
	if !ok {
		return 1, nil
	}
	if v.kind != mpUint || v.u != 1 && v.u != 2 {
		return 0, fmt.Errorf("%s: event log version %s is not 1 or 2", what, mpShow(v))
	}
	return int(v.u), nil
}

// mpTagged reads serde's adjacently tagged enum {kind: name, data: {...}}.
func mpTagged(top map[string]mpValue, field string) (string, map[string]mpValue, error) {
	v, ok := top[field]
	if !ok {
		return "", nil, fmt.Errorf("attestation has no %s field", field)
	}
	f, err := mpFields(v, field)
	if err != nil {
		return "", nil, err
	}
	kind, err := mpStringField(f, "kind", field)
	if err != nil {
		return "", nil, err
	}
	d, ok := f["data"]
	if !ok {
		return kind, nil, fmt.Errorf("%s has no data field", field)
	}
	data, err := mpFields(d, field+" data")
	return kind, data, err
}

func mpBytesField(f map[string]mpValue, name, what string) ([]byte, error) {
	v, ok := f[name]
	if !ok {
		return nil, fmt.Errorf("%s has no %s field", what, name)
	}
	return mpBytes(v, name)
}

func mpStringField(f map[string]mpValue, name, what string) (string, error) {
	v, ok := f[name]
	if !ok {
		return "", fmt.Errorf("%s has no %s field", what, name)
	}
	return mpString(v, what+" "+name)
}

// mpShow names a scalar for an error message.
func mpShow(v mpValue) string {
	switch v.kind {
	case mpUint:
		return fmt.Sprint(v.u)
	case mpInt:
		return fmt.Sprint(v.i)
	case mpStr:
		return fmt.Sprintf("%q", v.raw)
	}
	return "(a " + v.kind.String() + ")"
}

// evidence checks that the attestation agrees with itself and returns it
// in the form Check reads: the quote, the event log as JSON, and
// report_data. dstack replays the stack's runtime events into RTMR3
// (verify_tdx_quote_with_events), while Check replays the event log's
// RTMR3 events, so the two lists must be the same.
func (a *dstackAttestation) evidence() (Evidence, error) {
	if len(a.ReportData) != 64 {
		return Evidence{}, fmt.Errorf("report_data is %d bytes, want 64", len(a.ReportData))
	}
	if err := sameRuntimeEvents(a.Runtime, a.EventLog); err != nil {
		return Evidence{}, fmt.Errorf("the stack's runtime events and the event log's RTMR3 events differ: %w", err)
	}
	log, err := json.Marshal(a.EventLog)
	if err != nil {
		return Evidence{}, err
	}
	return Evidence{Quote: a.Quote, EventLog: log, ReportData: a.ReportData}, nil
}

// sameRuntimeEvents compares the dstack runtime events (RTMR3, type
// RuntimeEventType) of two logs by name, payload and digest form.
func sameRuntimeEvents(x, y []Event) error {
	rx, ry := runtimeEvents(x), runtimeEvents(y)
	for i := range max(len(rx), len(ry)) {
		if i >= len(rx) || i >= len(ry) {
			return fmt.Errorf("%d events against %d", len(rx), len(ry))
		}
		a, b := rx[i], ry[i]
		pa, errA := hex.DecodeString(a.EventPayload)
		pb, errB := hex.DecodeString(b.EventPayload)
		if a.Event != b.Event || errA != nil || errB != nil || !bytes.Equal(pa, pb) || (a.Version == 2) != (b.Version == 2) {
			return fmt.Errorf("runtime event %d is %q against %q", i, a.Event, b.Event)
		}
	}
	return nil
}

func runtimeEvents(events []Event) []Event {
	var out []Event
	for _, e := range events {
		if e.IMR == 3 && e.EventType == RuntimeEventType {
			out = append(out, e)
		}
	}
	return out
}
