package retry

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestWaitGrowsWithJitterUpToMax(t *testing.T) {
	b := Backoff{Base: 100 * time.Millisecond, Max: time.Second}
	for n, want := range map[int]time.Duration{1: 100 * time.Millisecond, 2: 200 * time.Millisecond, 3: 400 * time.Millisecond, 4: 800 * time.Millisecond, 5: time.Second, 60: time.Second} {
		seen := map[time.Duration]bool{}
		for range 200 {
			w := b.Wait(n)
			if w < want/2 || w > want {
				t.Fatalf("Wait(%d) = %v, want within [%v, %v]", n, w, want/2, want)
			}
			seen[w] = true
		}
		if len(seen) < 2 {
			t.Errorf("Wait(%d) has no jitter: always %v", n, b.Wait(n))
		}
	}
	if w := (Backoff{}).Wait(1); w < 500*time.Millisecond || w > time.Second {
		t.Errorf("default first wait %v, want within [0.5s, 1s]", w)
	}
	if w := (Backoff{}).Wait(1000); w > 5*time.Minute || w < 150*time.Second {
		t.Errorf("default capped wait %v", w)
	}
}

func TestDoRetriesUntilSuccess(t *testing.T) {
	calls := 0
	var fails []int
	err := Do(context.Background(), Backoff{Base: time.Millisecond, Max: 2 * time.Millisecond}, func(context.Context) error {
		calls++
		if calls < 3 {
			return errors.New("not yet")
		}
		return nil
	}, func(n int, err error, _ time.Duration) { fails = append(fails, n) })
	if err != nil || calls != 3 || len(fails) != 2 || fails[0] != 1 || fails[1] != 2 {
		t.Errorf("err %v, calls %d, failures reported %v", err, calls, fails)
	}
}

func TestDoStopsOnPermanentError(t *testing.T) {
	bad := errors.New("refused for good")
	calls := 0
	err := Do(context.Background(), Backoff{Base: time.Millisecond}, func(context.Context) error {
		calls++
		return Permanent(bad)
	}, nil)
	if err != bad || calls != 1 {
		t.Errorf("err %v after %d calls, want the permanent error after 1", err, calls)
	}
}

func TestDoEndsWithContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	last := errors.New("still down")
	err := Do(ctx, Backoff{Base: time.Hour}, func(context.Context) error { return last }, func(int, error, time.Duration) { cancel() })
	if !errors.Is(err, context.Canceled) || !errors.Is(err, last) {
		t.Errorf("err = %v, want the cancellation and the last error", err)
	}
}
