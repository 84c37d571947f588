package attest

import (
	"bytes"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	testcases "github.com/google/go-tdx-guest/testing"
	"github.com/google/go-tdx-guest/testing/testdata"

	"github.com/devproof/devproof/internal/realworld"
)

// collateralTime is inside the validity of go-tdx-guest's sample collateral.
var collateralTime = time.Date(2023, time.July, 1, 1, 0, 0, 0, time.UTC)

// writeCollateral records go-tdx-guest's real sample PCS responses into a
// collateral directory, as an online run with SaveCollateralDir would.
func writeCollateral(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	g := RecordCollateral(dir, testcases.TestGetter)
	for u := range testcases.TestGetter.Responses {
		if _, _, err := g.Get(u); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestRealQuoteV4(t *testing.T) {
	q, err := ParseQuote(testdata.RawQuote)
	if err != nil {
		t.Fatal(err)
	}
	if q.Version != 4 || q.Simulated() {
		t.Fatalf("version %d simulated %v", q.Version, q.Simulated())
	}
	dir := writeCollateral(t)

	// The sample collateral's TCB levels are all above this platform's
	// SVNs (go-tdx-guest's own tests expect "no matching TCB level"), so the
	// quote is authentic but its TCB is not rated UpToDate.
	r := VerifyQuote(q, VerifyOptions{CollateralDir: dir, Now: collateralTime, AllowOutdatedTCB: true})
	if r.Status != Verified || !strings.Contains(r.TCB, "no matching TCB level") {
		t.Fatalf("with collateral: %+v", r)
	}
	r = VerifyQuote(q, VerifyOptions{CollateralDir: dir, Now: collateralTime})
	if r.Status != Failed || !strings.HasPrefix(r.Reason, "TCB: ") {
		t.Errorf("strict TCB: %+v", r)
	}
	r = VerifyQuote(q, VerifyOptions{Now: collateralTime})
	if r.Status != Verified || r.TCB != "not checked" {
		t.Errorf("signature only: %+v", r)
	}
	r = VerifyQuote(q, VerifyOptions{CollateralDir: dir, Now: time.Date(2053, 1, 1, 0, 0, 0, 0, time.UTC)})
	if r.Status != Failed || !strings.Contains(r.Reason, "expired") {
		t.Errorf("after expiry: %+v", r)
	}
	r = VerifyQuote(q, VerifyOptions{CollateralDir: t.TempDir(), Now: collateralTime})
	if r.Status != Failed || !strings.Contains(r.Reason, CollateralTCBInfo) && !strings.Contains(r.Reason, CollateralPCKCRL) && !strings.Contains(r.Reason, CollateralQEIdentity) {
		t.Errorf("empty collateral dir: %+v", r)
	}
}

// Flipping one byte of the signed part of a real quote must fail its
// signature check, and the reason must say so.
func TestRealQuoteByteFlip(t *testing.T) {
	dir := writeCollateral(t)
	for _, tc := range []struct {
		name string
		off  int
	}{
		{"mrtd", headerSize + 136},
		{"rtmr3", headerSize + 328 + 3*48},
		{"report_data", headerSize + 520},
		{"header user data", 40},
	} {
		raw := bytes.Clone(testdata.RawQuote)
		raw[tc.off] ^= 0x01
		q, err := ParseQuote(raw)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		r := VerifyQuote(q, VerifyOptions{CollateralDir: dir, Now: collateralTime, AllowOutdatedTCB: true})
		if r.Status != Failed || !strings.Contains(r.Reason, "signature") {
			t.Errorf("%s flipped: %+v", tc.name, r)
		}
	}
}

// The report_data a GetQuote response claims must be the quote's.
func TestReportDataFieldFlip(t *testing.T) {
	q, _ := ParseQuote(testdata.RawQuote)
	rd := bytes.Clone(q.ReportData)
	resp := func(rd []byte) []byte {
		b, _ := json.Marshal(map[string]string{"quote": hex.EncodeToString(testdata.RawQuote), "report_data": hex.EncodeToString(rd)})
		return b
	}
	opts := CheckOptions{VerifyOptions: VerifyOptions{CollateralDir: writeCollateral(t), Now: collateralTime, AllowOutdatedTCB: true}}
	ev, err := ParseEvidence(resp(rd))
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Check(ev, opts)
	if err != nil || !rep.OK(false) {
		t.Fatalf("untouched: %+v %v", rep, err)
	}
	rd[5] ^= 0x80
	ev, _ = ParseEvidence(resp(rd))
	rep, _ = Check(ev, opts)
	if rep.OK(false) || !strings.Contains(strings.Join(rep.Problems, ";"), "report_data") {
		t.Errorf("flipped report_data field: %+v", rep)
	}
	var want [64]byte
	copy(want[:], q.ReportData)
	want[0] ^= 1
	opts.ReportData = &want
	ev, _ = ParseEvidence(resp(q.ReportData))
	rep, _ = Check(ev, opts)
	if rep.OK(false) || !strings.Contains(strings.Join(rep.Problems, ";"), "report_data mismatch") {
		t.Errorf("expected report_data: %+v", rep)
	}
}

// Test vectors from dstack's cc-eventlog runtime_events.rs.
func TestRuntimeEventDigests(t *testing.T) {
	v1 := NewRuntimeEvent("app-id", []byte{0xde, 0xad, 0xbe, 0xef}, 1)
	pre := append([]byte{0x01, 0x00, 0x00, 0x08}, []byte(":app-id:\xde\xad\xbe\xef")...)
	if want := sha512.Sum384(pre); v1.Digest != hex.EncodeToString(want[:]) {
		t.Errorf("v1 digest = %s", v1.Digest)
	}
	if v1.Version != 0 || v1.Preimage != "" {
		t.Errorf("v1 event carries version/preimage: %+v", v1)
	}
	v2 := NewRuntimeEvent("compose-hash", []byte{0xab, 0xcd}, 2)
	canon := `{"name":"compose-hash","payload":"abcd","type":134217729}`
	if want := sha512.Sum384([]byte(canon)); v2.Digest != hex.EncodeToString(want[:]) {
		t.Errorf("v2 digest = %s", v2.Digest)
	}
	if v2.Preimage != hex.EncodeToString([]byte(canon)) {
		t.Errorf("v2 preimage = %s", v2.Preimage)
	}
}

func TestReplayBothForms(t *testing.T) {
	for _, v := range []int{1, 2} {
		events := []Event{
			NewRuntimeEvent("app-id", bytes.Repeat([]byte{1}, 20), v),
			NewRuntimeEvent("compose-hash", bytes.Repeat([]byte{2}, 32), v),
			{IMR: 1, EventType: 4, Digest: strings.Repeat("ab", 48)}, // other IMRs are skipped
			NewRuntimeEvent("instance-id", bytes.Repeat([]byte{3}, 20), v),
		}
		mr := make([]byte, 48)
		for _, e := range []Event{events[0], events[1], events[3]} {
			d, _ := hex.DecodeString(e.Digest)
			h := sha512.Sum384(append(mr, d...))
			mr = h[:]
		}
		log, _ := json.Marshal(events)
		parsed, err := ParseEventLog(log)
		if err != nil {
			t.Fatal(err)
		}
		got, err := ReplayRTMR(parsed, 3)
		if err != nil || !bytes.Equal(got, mr) {
			t.Errorf("v%d replay = %x, %v; want %x", v, got, err, mr)
		}
		id, err := Identity(parsed)
		if err != nil || id.AppID != strings.Repeat("01", 20) || id.ComposeHash != strings.Repeat("02", 32) || id.InstanceID != strings.Repeat("03", 20) {
			t.Errorf("identity = %+v, %v", id, err)
		}
		// An event whose digest field disagrees with its payload is refused.
		events[1].EventPayload = strings.Repeat("02", 31) + "03"
		log, _ = json.Marshal(events)
		_, err = ParseEventLog(log)
		if err == nil || !strings.Contains(err.Error(), `event 1 ("compose-hash")`) {
			t.Errorf("v%d tampered payload: %v", v, err)
		}
		// Without a digest the payload is taken as is; the replay then differs.
		events[1].Digest, events[1].Preimage = "", ""
		log, _ = json.Marshal(events)
		parsed, err = ParseEventLog(log)
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := ReplayRTMR(parsed, 3); bytes.Equal(got, mr) {
			t.Errorf("v%d: replay unchanged after payload change", v)
		}
	}
}

func TestComposeHashOfOfficialSimulatorCompose(t *testing.T) {
	dir := realworld.Dir(t, "dstack")
	b, err := os.ReadFile(filepath.Join(dir, "simulator-app-compose.json"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := ComposeHash(b)
	if err != nil {
		t.Fatal(err)
	}
	if got != "65b4e574f16973956908b6359920593c3b7d9f36f38e81a47f996a0c0d5435bb" {
		t.Errorf("compose hash = %s", got)
	}
}

func TestBadInput(t *testing.T) {
	real := testdata.RawQuote
	for _, tc := range []struct {
		name string
		in   []byte
		want string
	}{
		{"empty", nil, "shorter than its 48-byte header"},
		{"truncated header", real[:20], "shorter than its 48-byte header"},
		{"truncated body", real[:300], "quote v4"},
		{"truncated signature", real[:len(real)-100], "quote v4"},
		{"garbage", bytes.Repeat([]byte{0xee}, 2000), "not TDX"},
		{"version 3", append([]byte{3, 0, 2, 0, 0x81, 0, 0, 0}, make([]byte, 1000)...), "version 3 is not supported"},
		{"huge", make([]byte, MaxQuoteBytes+1), "over the"},
	} {
		_, err := ParseQuote(tc.in)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", tc.name, err, tc.want)
		}
	}
	for _, tc := range []struct {
		name string
		in   string
		want string
	}{
		{"odd hex json", `{"quote":"abc"}`, "quote: hex has odd length 3"},
		{"bad hex json", `{"quote":"zz"}`, "quote: encoding/hex"},
		{"odd report_data", `{"quote":"00","report_data":"0"}`, "report_data: hex has odd length"},
		{"no quote", `{"event_log":"[]"}`, "no quote field"},
		{"broken json", `{"quote":`, "not valid JSON"},
		{"odd hex text", strings.Repeat("a", 201), "quote: hex has odd length 201"},
	} {
		_, err := ParseEvidence([]byte(tc.in))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", tc.name, err, tc.want)
		}
	}
	big := []byte("[" + strings.Repeat(" ", MaxEventLogBytes) + "]")
	if _, err := ParseEventLog(big); err == nil || !strings.Contains(err.Error(), "over the") {
		t.Errorf("oversized event log: %v", err)
	}
	for _, tc := range []struct{ in, want string }{
		{`{}`, "not a JSON array"},
		{`[{"imr":7}]`, "imr 7 is out of range"},
		{`[{"imr":0,"event_type":1,"digest":"00"}]`, "digest is 1 bytes"},
		{`[{"imr":3,"event_type":134217729,"event":"x","event_payload":"0"}]`, "event_payload is not hex"},
		{`[{"imr":3,"event_type":134217729,"event":"x","event_payload":"","version":9}]`, "unknown runtime event version 9"},
		{`[{"imr":3,"event_type":134217729,"event":"x","event_payload":"","version":2,"preimage":"00"}]`, "preimage does not match"},
	} {
		if _, err := ParseEventLog([]byte(tc.in)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", tc.in, err, tc.want)
		}
	}
}

// A v5 quote laid out from the real v4 one parses with the same fields,
// and reports that its signature cannot be verified rather than passing.
func TestQuoteV5Layout(t *testing.T) {
	v4 := testdata.RawQuote
	var v5 []byte
	v5 = append(v5, v4[:headerSize]...)
	v5[0] = 5
	v5 = append(v5, 2, 0, byte(td10BodySize&0xff), byte(td10BodySize>>8), 0, 0)
	v5 = append(v5, v4[headerSize:]...)
	q, err := ParseQuote(v5)
	if err != nil {
		t.Fatal(err)
	}
	q4, _ := ParseQuote(v4)
	if q.Version != 5 || !bytes.Equal(q.RTMR[3], q4.RTMR[3]) || !bytes.Equal(q.ReportData, q4.ReportData) || !bytes.Equal(q.MRTD, q4.MRTD) {
		t.Errorf("v5 fields differ from v4")
	}
	if r := VerifyQuote(q, VerifyOptions{}); r.Status != Failed || !strings.Contains(r.Reason, "not supported") {
		t.Errorf("v5 verify: %+v", r)
	}
	// TD 1.5 body with a wrong size is refused.
	bad := bytes.Clone(v5)
	bad[48] = 3
	if _, err := ParseQuote(bad); err == nil || !strings.Contains(err.Error(), "has size 584, want 648") {
		t.Errorf("bad v5 body size: %v", err)
	}
}

// The embedded trust anchor is the root that real PCK chains end at.
func TestEmbeddedIntelRootMatchesRealChain(t *testing.T) {
	q, err := ParseQuote(testdata.RawQuote)
	if err != nil {
		t.Fatal(err)
	}
	pemChain := q.v4.GetSignedData().GetCertificationData().GetQeReportCertificationData().GetPckCertificateChainData().GetPckCertChain()
	root, _ := pem.Decode(intelRootPEM)
	found := false
	for rest := pemChain; ; {
		var b *pem.Block
		if b, rest = pem.Decode(rest); b == nil {
			break
		}
		found = found || bytes.Equal(b.Bytes, root.Bytes)
	}
	if !found {
		t.Error("the real quote's PCK chain does not end at the embedded Intel root")
	}
}

// A PCCS on loopback serves go-tdx-guest's real collateral; verification
// fetches through it, saves what it fetched, and the saved directory then
// verifies offline with the same result.
func TestPCCSAndSavedCollateral(t *testing.T) {
	byPath := map[string]testcases.HTTPResponse{}
	for u, r := range testcases.TestGetter.Responses {
		p := strings.TrimPrefix(u, intelPCSBase)
		if strings.HasPrefix(u, intelRootCRLHost) {
			p = "/sgx/certification/v4/rootcacrl"
			r.Body = []byte(hex.EncodeToString(r.Body)) // as some PCCS versions send it
		}
		byPath[p] = r
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		resp, ok := byPath[r.URL.RequestURI()]
		if !ok {
			http.NotFound(w, r)
			return
		}
		for k, v := range resp.Header {
			w.Header()[k] = v
		}
		w.Write(resp.Body)
	}))
	defer srv.Close()

	q, err := ParseQuote(testdata.RawQuote)
	if err != nil {
		t.Fatal(err)
	}
	saved := filepath.Join(t.TempDir(), "coll")
	online := VerifyQuote(q, VerifyOptions{PCCSURL: srv.URL, SaveCollateralDir: saved, Now: collateralTime, AllowOutdatedTCB: true})
	if online.Status != Verified {
		t.Fatalf("through PCCS: %+v", online)
	}
	offline := VerifyQuote(q, VerifyOptions{CollateralDir: saved, Now: collateralTime, AllowOutdatedTCB: true})
	if offline != online {
		t.Errorf("saved collateral gives %+v, PCCS gave %+v", offline, online)
	}
	for _, f := range []string{CollateralTCBInfo, CollateralTCBInfoChain, CollateralQEIdentity, CollateralQEIdentityChain, CollateralPCKCRL, CollateralPCKCRLChain, CollateralRootCRL} {
		if _, err := os.Stat(filepath.Join(saved, f)); err != nil {
			t.Errorf("not saved: %v", err)
		}
	}
	srv.Close()
	down := VerifyQuote(q, VerifyOptions{PCCSURL: srv.URL, Now: collateralTime, AllowOutdatedTCB: true})
	if down.Status != Failed || !strings.Contains(down.Reason, "127.0.0.1") {
		t.Errorf("PCCS down: %+v", down)
	}
}

func TestIngressReportData(t *testing.T) {
	sums := []byte("3b5d... acme-account.json\n")
	rd := IngressReportData(sums)
	h := sha256.Sum256(sums)
	if !bytes.Equal(rd[:32], h[:]) || !bytes.Equal(rd[32:], make([]byte, 32)) {
		t.Errorf("ingress report_data = %x", rd)
	}
	tagged := TaggedReportData("devproof-spki", []byte("ab"))
	if want := sha512.Sum512([]byte("devproof-spki:ab")); !bytes.Equal(tagged[:], want[:]) {
		t.Errorf("tagged report_data = %x", tagged)
	}
}
