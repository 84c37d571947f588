package attest

import (
	"bytes"
	"crypto/sha512"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/devproof/devproof/internal/jcs"
)

// RuntimeEventType is the TCG event type dstack uses for the events it
// extends into RTMR3 (dstack cc-eventlog DSTACK_RUNTIME_EVENT_TYPE).
const RuntimeEventType = 0x08000001

// Bounds on an event log. A real dstack log, boot events included, is tens
// of kilobytes.
const (
	MaxEventLogBytes  = 4 << 20
	MaxEventLogEvents = 8192
)

// Event is one entry of a dstack event log as GetQuote and Info return it.
// Field names follow the dstack SDK.
type Event struct {
	IMR          int    `json:"imr"`
	EventType    uint32 `json:"event_type"`
	Digest       string `json:"digest"`
	Event        string `json:"event"`
	EventPayload string `json:"event_payload"`
	// Version is the runtime-event digest form: 0 or 1 for V1, 2 for V2.
	Version int `json:"version,omitempty"`
	// Preimage is the hex of the bytes hashed into Digest (V2 runtime events).
	Preimage string `json:"preimage,omitempty"`
}

// NewRuntimeEvent builds an RTMR3 event with its digest and, for V2, its
// preimage filled in.
func NewRuntimeEvent(name string, payload []byte, version int) Event {
	e := Event{IMR: 3, EventType: RuntimeEventType, Event: name, EventPayload: hex.EncodeToString(payload)}
	if version == 2 {
		e.Version = 2
	}
	pre := runtimePreimage(name, payload, e.Version)
	if e.Version == 2 {
		e.Preimage = hex.EncodeToString(pre)
	}
	d := sha512.Sum384(pre)
	e.Digest = hex.EncodeToString(d[:])
	return e
}

// runtimePreimage is the digest input of a dstack runtime event.
//   - V1: le32(type) || ":" || name || ":" || payload
//   - V2: JCS canonical JSON {"name":…,"payload":hex,"type":134217729}
func runtimePreimage(name string, payload []byte, version int) []byte {
	if version == 2 {
		b := []byte(`{"name":`)
		b = jcs.AppendString(b, name)
		b = append(b, `,"payload":"`...)
		b = hex.AppendEncode(b, payload)
		b = append(b, `","type":`...)
		b = strconv.AppendInt(b, RuntimeEventType, 10)
		return append(b, '}')
	}
	t := uint32(RuntimeEventType)
	b := []byte{byte(t), byte(t >> 8), byte(t >> 16), byte(t >> 24), ':'}
	b = append(b, name...)
	b = append(b, ':')
	return append(b, payload...)
}

// ParseEventLog decodes a JSON event log and checks each entry's form:
// hex fields, IMR range, and for runtime events that the digest and preimage
// match the payload. It does not replay; see ReplayRTMR.
func ParseEventLog(data []byte) ([]Event, error) {
	if len(data) > MaxEventLogBytes {
		return nil, fmt.Errorf("event log is %d bytes, over the %d-byte bound", len(data), MaxEventLogBytes)
	}
	var events []Event
	if err := json.Unmarshal(data, &events); err != nil {
		return nil, fmt.Errorf("event log is not a JSON array of events: %w", err)
	}
	if len(events) > MaxEventLogEvents {
		return nil, fmt.Errorf("event log has %d events, over the bound of %d", len(events), MaxEventLogEvents)
	}
	for i := range events {
		if _, err := events[i].digest(); err != nil {
			return nil, fmt.Errorf("event %d (%q): %w", i, events[i].Event, err)
		}
	}
	return events, nil
}

// digest returns the 48-byte digest that this event extends into its IMR.
// Runtime events are recomputed from their payload, as dstack does; a
// digest or preimage that disagrees with the payload is an error.
func (e *Event) digest() ([]byte, error) {
	if e.IMR < 0 || e.IMR > 3 {
		return nil, fmt.Errorf("imr %d is out of range 0..3", e.IMR)
	}
	given, err := hex.DecodeString(e.Digest)
	if err != nil {
		return nil, fmt.Errorf("digest is not hex: %w", err)
	}
	if e.EventType != RuntimeEventType {
		if len(given) != sha512.Size384 {
			return nil, fmt.Errorf("digest is %d bytes, want %d", len(given), sha512.Size384)
		}
		return given, nil
	}
	if e.Version != 0 && e.Version != 1 && e.Version != 2 {
		return nil, fmt.Errorf("unknown runtime event version %d", e.Version)
	}
	payload, err := hex.DecodeString(e.EventPayload)
	if err != nil {
		return nil, fmt.Errorf("event_payload is not hex: %w", err)
	}
	pre := runtimePreimage(e.Event, payload, e.Version)
	if e.Preimage != "" {
		p, err := hex.DecodeString(e.Preimage)
		if err != nil {
			return nil, fmt.Errorf("preimage is not hex: %w", err)
		}
		if !bytes.Equal(p, pre) {
			return nil, fmt.Errorf("preimage does not match the event's name and payload")
		}
	}
	sum := sha512.Sum384(pre)
	if len(given) != 0 && !bytes.Equal(given, sum[:]) {
		return nil, fmt.Errorf("digest does not match the event's name and payload")
	}
	return sum[:], nil
}

// ReplayRTMR extends, from 48 zero bytes, every event of the given IMR:
// mr = sha384(mr || digest).
func ReplayRTMR(events []Event, imr int) ([]byte, error) {
	mr := make([]byte, sha512.Size384)
	for i := range events {
		if events[i].IMR != imr {
			continue
		}
		d, err := events[i].digest()
		if err != nil {
			return nil, fmt.Errorf("event %d (%q): %w", i, events[i].Event, err)
		}
		h := sha512.New384()
		h.Write(mr)
		h.Write(d)
		mr = h.Sum(nil)
	}
	return mr, nil
}

// AppIdentity is what dstack measures about the app into RTMR3.
type AppIdentity struct {
	AppID       string `json:"app_id"`
	ComposeHash string `json:"compose_hash"`
	InstanceID  string `json:"instance_id"`
	OSImageHash string `json:"os_image_hash,omitempty"`
	KeyProvider string `json:"key_provider,omitempty"`
}

// Identity reads the app identity from the RTMR3 runtime events. It trusts
// the events as given: replay them against a verified RTMR3 first.
func Identity(events []Event) (AppIdentity, error) {
	var id AppIdentity
	for i := range events {
		e := &events[i]
		if e.IMR != 3 || e.EventType != RuntimeEventType {
			continue
		}
		payload, err := hex.DecodeString(e.EventPayload)
		if err != nil {
			return id, fmt.Errorf("event %d (%q): event_payload is not hex: %w", i, e.Event, err)
		}
		switch e.Event {
		case "app-id":
			id.AppID = hex.EncodeToString(payload)
		case "compose-hash":
			id.ComposeHash = hex.EncodeToString(payload)
		case "instance-id":
			id.InstanceID = hex.EncodeToString(payload)
		case "os-image-hash":
			id.OSImageHash = hex.EncodeToString(payload)
		case "key-provider":
			id.KeyProvider = string(payload)
		}
	}
	if id.AppID == "" || id.ComposeHash == "" {
		return id, fmt.Errorf("event log has no app-id or compose-hash event in RTMR3")
	}
	return id, nil
}
