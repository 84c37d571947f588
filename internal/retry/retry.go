package retry

import (
	"context"
	"errors"
	"math/rand/v2"
	"time"
)

// Backoff is how long to wait between attempts: Base, doubling after each
// failure up to Max, each wait drawn at random from its upper half ("equal
// jitter"), so that instances restarted together do not retry in step and
// no wait is ever shorter than half the schedule.
type Backoff struct {
	// Base is the first wait; zero means 1 s.
	Base time.Duration
	// Max caps every wait; zero means 5 minutes.
	Max time.Duration
}

// Wait is the wait before retrying after failure number n (from 1).
func (b Backoff) Wait(n int) time.Duration {
	base, ceil := b.Base, b.Max
	if base <= 0 {
		base = time.Second
	}
	if ceil <= 0 {
		ceil = 5 * time.Minute
	}
	d := base
	for i := 1; i < n && d < ceil; i++ {
		d *= 2
	}
	d = min(d, ceil)
	half := d / 2
	return half + rand.N(d-half+1)
}

// permanent marks an error that retrying cannot fix.
type permanent struct{ err error }

func (p permanent) Error() string { return p.err.Error() }
func (p permanent) Unwrap() error { return p.err }

// Permanent wraps err so that Do returns it at once instead of retrying.
func Permanent(err error) error {
	if err == nil {
		return nil
	}
	return permanent{err}
}

// Do calls op until it returns nil, returns an error wrapped by Permanent,
// or ctx ends. After each failed attempt it calls onFail (when not nil) with
// the attempt number (from 1), the error and the wait before the next
// attempt. It returns nil on success, the permanent error unwrapped, or
// ctx's error joined with op's last error.
func Do(ctx context.Context, b Backoff, op func(context.Context) error, onFail func(attempt int, err error, wait time.Duration)) error {
	for n := 1; ; n++ {
		err := op(ctx)
		if err == nil {
			return nil
		}
		var p permanent
		if errors.As(err, &p) {
			return p.err
		}
		if ctx.Err() != nil {
			return errors.Join(ctx.Err(), err)
		}
		wait := b.Wait(n)
		if onFail != nil {
			onFail(n, err, wait)
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return errors.Join(ctx.Err(), err)
		case <-t.C:
		}
	}
}
