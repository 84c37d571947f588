package tunnel

// apart runs f on a goroutine of its own and returns its results. A TLS
// handshake grows the stack it runs on to several times what a waiting
// copy needs, and the runtime keeps a grown stack while its goroutine
// lives; run apart, the handshake's stack is freed for the next one when
// it ends instead of staying with a long-lived connection.
func apart[T any](f func() (T, error)) (T, error) {
	type result struct {
		v   T
		err error
	}
	c := make(chan result, 1)
	go func() {
		v, err := f()
		c <- result{v, err}
	}()
	r := <-c
	return r.v, r.err
}
