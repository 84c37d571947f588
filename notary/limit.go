package notary

import (
	"container/list"
	"encoding/json"
	"net"
	"net/http"
	"net/netip"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

// limiter is a token bucket per client, in a table of at most max
// clients ordered by when each was last seen. A client idle long enough
// to have a full bucket is the same as a new one, so it is dropped; when
// the table is full the least recently seen client is dropped.
type limiter struct {
	mu     sync.Mutex
	rate   float64
	burst  float64
	max    int
	order  *list.List // *bucket, least recently seen first
	byName map[string]*list.Element
}

type bucket struct {
	client string
	tokens float64
	last   time.Time
}

func newLimiter(rate float64, burst, max int) *limiter {
	return &limiter{rate: rate, burst: float64(burst), max: max, order: list.New(), byName: map[string]*list.Element{}}
}

// allow takes a token from client's bucket, or says how long until one.
func (l *limiter) allow(client string, now time.Time) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	full := time.Duration(l.burst / l.rate * float64(time.Second))
	for e := l.order.Front(); e != nil && now.Sub(e.Value.(*bucket).last) >= full; e = l.order.Front() {
		l.drop(e)
	}
	e, ok := l.byName[client]
	if ok {
		l.order.MoveToBack(e)
	} else {
		if len(l.byName) >= l.max {
			l.drop(l.order.Front())
		}
		e = l.order.PushBack(&bucket{client: client, tokens: l.burst, last: now})
		l.byName[client] = e
	}
	b := e.Value.(*bucket)
	if dt := now.Sub(b.last); dt > 0 {
		b.tokens = min(l.burst, b.tokens+dt.Seconds()*l.rate)
		b.last = now
	}
	if b.tokens < 1 {
		return false, time.Duration((1 - b.tokens) / l.rate * float64(time.Second))
	}
	b.tokens--
	return true, 0
}

func (l *limiter) drop(e *list.Element) {
	delete(l.byName, e.Value.(*bucket).client)
	l.order.Remove(e)
}

func (l *limiter) len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.byName)
}

// clientKey names the client a request counts against: its IPv4 address,
// or its IPv6 /64, since one host commonly holds a whole /64. Behind a
// proxy every client is the proxy.
func clientKey(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return host
	}
	ip = ip.Unmap()
	if ip.Is6() {
		p, _ := ip.Prefix(64)
		return p.String()
	}
	return ip.String()
}

// cache keeps observations by market, at most maxEntries and maxBytes of
// their JSON, dropping the least recently used first. It answers again;
// it decides nothing.
type cache struct {
	mu         sync.Mutex
	maxEntries int
	maxBytes   int64
	bytes      int64
	order      *list.List // *cached, least recently used first
	byID       map[common.Hash]*list.Element
}

type cached struct {
	id   common.Hash
	n    *Notarization
	size int64
}

func newCache(entries int, bytes int64) *cache {
	return &cache{maxEntries: entries, maxBytes: bytes, order: list.New(), byID: map[common.Hash]*list.Element{}}
}

func (c *cache) get(id common.Hash) (*Notarization, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.byID[id]
	if !ok {
		return nil, false
	}
	c.order.MoveToBack(e)
	return e.Value.(*cached).n, true
}

func (c *cache) put(id common.Hash, n *Notarization) {
	b, err := json.Marshal(n)
	size := int64(len(b))
	if err != nil || size > c.maxBytes {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.byID[id]; ok {
		c.remove(e)
	}
	c.byID[id] = c.order.PushBack(&cached{id: id, n: n, size: size})
	c.bytes += size
	for len(c.byID) > c.maxEntries || c.bytes > c.maxBytes {
		c.remove(c.order.Front())
	}
}

func (c *cache) remove(e *list.Element) {
	v := e.Value.(*cached)
	delete(c.byID, v.id)
	c.bytes -= v.size
	c.order.Remove(e)
}

func (c *cache) len() (entries int, bytes int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.byID), c.bytes
}
