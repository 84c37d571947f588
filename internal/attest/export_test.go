package attest

import "testing"

// EncodeAttestationForTest writes evidence as dstack's versioned attestation
// (0: SCALE, 1: MessagePack) with the test encoders.
func EncodeAttestationForTest(t testing.TB, ev Evidence, version int) []byte {
	t.Helper()
	events, err := ParseEventLog(ev.EventLog)
	if err != nil {
		t.Fatal(err)
	}
	a := testAttestation{quote: ev.Quote, reportData: ev.ReportData, log: events, runtime: runtimeEvents(events)}
	if version == 0 {
		return a.v0(t)
	}
	return a.v1(t)
}
