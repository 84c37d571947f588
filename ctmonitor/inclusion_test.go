package ctmonitor

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/devproof/devproof/internal/ctlog"
	"github.com/devproof/devproof/internal/localca"
)

// A certificate whose embedded SCT carries a leaf_index is proven in the
// log at that index, under a signed head; an SCT pointing at another
// certificate's entry, or at a time the entry was not logged, is refused
// by name, and a certificate with no such SCT has nothing to check.
func TestCheckInclusion(t *testing.T) {
	t.Parallel()
	w := newCTWorld(t)
	ctx := context.Background()
	first, err := w.ca.IssueLogged(ctx, []localca.SCTSource{w.log}, "app.devproof.test")
	if err != nil {
		t.Fatal(err)
	}
	second, err := w.ca.IssueLogged(ctx, []localca.SCTSource{w.log}, "other.devproof.test")
	if err != nil {
		t.Fatal(err)
	}
	idx, err := SCTIndexes(second.Certificate[0])
	if err != nil || len(idx) != 1 || idx[0].LogID != w.log.ID || idx[0].Index != 1 {
		t.Fatalf("SCTIndexes = %+v, %v; want one SCT of the log at index 1", idx, err)
	}
	l, err := LogByID(ctlog.LogList("1", w.log), "list", idx[0].LogID, http.DefaultClient)
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	var head TreeHead
	for head, err = CheckInclusion(ctx, l, second.Certificate[0], idx[0]); err != nil && strings.Contains(err.Error(), "not in its latest tree"); head, err = CheckInclusion(ctx, l, second.Certificate[0], idx[0]) {
		if time.Now().After(deadline) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err != nil || head.Size < 2 {
		t.Fatalf("CheckInclusion: head %d, %v", head.Size, err)
	}

	wrong := idx[0]
	wrong.Index = 0
	if _, err := CheckInclusion(ctx, l, second.Certificate[0], wrong); err == nil || !strings.Contains(err.Error(), "entry 0 is another certificate") {
		t.Errorf("an SCT naming another entry: %v", err)
	}
	late := idx[0]
	late.Timestamp = late.Timestamp.Add(time.Second)
	if _, err := CheckInclusion(ctx, l, second.Certificate[0], late); err == nil || !strings.Contains(err.Error(), "the SCT says") {
		t.Errorf("an SCT with another time: %v", err)
	}
	plain, err := w.ca.Issue("app.devproof.test")
	if err != nil {
		t.Fatal(err)
	}
	if idx, err := SCTIndexes(plain.Certificate[0]); err != nil || len(idx) != 0 {
		t.Errorf("a certificate without SCTs: %+v, %v", idx, err)
	}
	if _, err := LogByID(ctlog.LogList("1", w.log), "list", [32]byte{1}, http.DefaultClient); err == nil || !strings.Contains(err.Error(), "names no log with id") {
		t.Errorf("an unknown log id: %v", err)
	}
	_ = first
}
