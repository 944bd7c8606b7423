package validate

import (
	"sync"

	"qx/internal/scan"
)

// batchSize is the bytes of token data a concurrent observer is handed at once.
const batchSize = 32 << 10

// Concurrent wraps an observer so that it runs on a goroutine of its own, fed
// copies of the tokens in batches, while validation goes on: a costly observer
// and the validator then use two CPUs. At most a few batches are in flight, so
// memory stays bounded. Findings it reports reach the result like any other
// observer's. Its Finish returns once the observer has seen every token.
func Concurrent(o Observer) Observer {
	return &concurrent{inner: o, work: make(chan *batch, 4), free: make(chan *batch, 6)}
}

// Unwrap returns the observer that [Concurrent] wrapped, or o itself.
func Unwrap(o Observer) Observer {
	if c, ok := o.(*concurrent); ok {
		return c.inner
	}
	return o
}

type concurrent struct {
	inner   Observer
	work    chan *batch
	free    chan *batch
	cur     *batch
	started bool
	done    sync.WaitGroup
}

// batch is a run of copied tokens whose slices point into data.
type batch struct {
	toks  []scan.Token
	attrs []scan.Attr
	data  []byte
}

func (c *concurrent) Token(t *scan.Token, report func(Finding)) {
	if !c.started {
		c.started = true
		c.done.Go(func() {
			for b := range c.work {
				for i := range b.toks {
					c.inner.Token(&b.toks[i], report)
				}
				select {
				case c.free <- b:
				default:
				}
			}
		})
	}
	size := len(t.Name) + len(t.Data) + len(t.SystemID) + len(t.PublicID)
	for _, a := range t.Attrs {
		size += len(a.Name) + len(a.Value)
	}
	if c.cur != nil && len(c.cur.data)+size > cap(c.cur.data) {
		c.flush()
	}
	if c.cur == nil {
		c.cur = c.newBatch(size)
	}
	c.cur.add(t)
}

// newBatch returns an empty batch with room for at least size bytes.
func (c *concurrent) newBatch(size int) *batch {
	select {
	case b := <-c.free:
		if cap(b.data) >= size {
			b.toks, b.attrs, b.data = b.toks[:0], b.attrs[:0], b.data[:0]
			return b
		}
	default:
	}
	return &batch{data: make([]byte, 0, max(size, batchSize))}
}

// add copies t into the batch, which has room for its bytes: appending never
// moves data, so earlier tokens' slices stay valid.
func (b *batch) add(t *scan.Token) {
	c := *t
	c.Name, c.Data = b.copy(t.Name), b.copy(t.Data)
	c.SystemID, c.PublicID = b.copy(t.SystemID), b.copy(t.PublicID)
	if len(t.Attrs) > 0 {
		start := len(b.attrs)
		for _, a := range t.Attrs {
			b.attrs = append(b.attrs, scan.Attr{Name: b.copy(a.Name), Value: b.copy(a.Value)})
		}
		c.Attrs = b.attrs[start:len(b.attrs):len(b.attrs)]
	}
	b.toks = append(b.toks, c)
}

func (b *batch) copy(s []byte) []byte {
	if s == nil {
		return nil
	}
	start := len(b.data)
	b.data = append(b.data, s...)
	return b.data[start:len(b.data):len(b.data)]
}

func (c *concurrent) flush() {
	if c.cur != nil {
		c.work <- c.cur
		c.cur = nil
	}
}

func (c *concurrent) Finish(complete bool, report func(Finding)) {
	c.flush()
	close(c.work)
	c.done.Wait()
	c.inner.Finish(complete, report)
}
