package validate

import (
	"sync"

	"qx/internal/scan"
)

// A concurrent observer is handed tokens in batches of about batchSize bytes
// of token data or batchEvents tokens, whichever comes first.
const (
	batchSize   = 64 << 10
	batchEvents = 8192
)

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

func (c *concurrent) Token(t *scan.Token, report func(Finding)) {
	if !c.started {
		c.started = true
		c.done.Go(func() {
			var tok scan.Token
			var attrs []scan.Attr
			for b := range c.work {
				b.replay(c.inner, report, &tok, attrs)
				select {
				case c.free <- b:
				default:
				}
			}
		})
	}
	if c.cur == nil {
		c.cur = c.newBatch()
	}
	c.cur.add(t)
	if len(c.cur.data) >= batchSize || len(c.cur.events) >= batchEvents {
		c.flush()
	}
}

// newBatch returns an empty batch, reused when the observer is done with one.
func (c *concurrent) newBatch() *batch {
	select {
	case b := <-c.free:
		b.events, b.attrs, b.data = b.events[:0], b.attrs[:0], b.data[:0]
		return b
	default:
	}
	return &batch{data: make([]byte, 0, batchSize)}
}

// batch is a run of copied tokens. Its events hold offsets into data rather
// than slices, so that copying a token costs no write barriers and the
// collector has no pointers to follow.
type batch struct {
	events []event
	attrs  []attrSpan
	data   []byte
}

type event struct {
	kind                 scan.Kind
	pos                  scan.Pos
	name, data, sys, pub span
	attrStart, attrEnd   uint32
}

type span struct{ start, end uint32 }

type attrSpan struct{ name, value span }

// add copies t into the batch.
func (b *batch) add(t *scan.Token) {
	e := event{kind: t.Kind, pos: t.Pos, name: b.copy(t.Name), data: b.copy(t.Data),
		sys: b.copy(t.SystemID), pub: b.copy(t.PublicID), attrStart: uint32(len(b.attrs))}
	for _, a := range t.Attrs {
		b.attrs = append(b.attrs, attrSpan{b.copy(a.Name), b.copy(a.Value)})
	}
	e.attrEnd = uint32(len(b.attrs))
	b.events = append(b.events, e)
}

func (b *batch) copy(s []byte) span {
	start := len(b.data)
	b.data = append(b.data, s...)
	return span{uint32(start), uint32(len(b.data))}
}

// replay hands the batch's tokens to o, rebuilt in tok and attrs.
func (b *batch) replay(o Observer, report func(Finding), tok *scan.Token, attrs []scan.Attr) {
	bytes := func(s span) []byte { return b.data[s.start:s.end:s.end] }
	for _, e := range b.events {
		attrs = attrs[:0]
		for _, a := range b.attrs[e.attrStart:e.attrEnd] {
			attrs = append(attrs, scan.Attr{Name: bytes(a.name), Value: bytes(a.value)})
		}
		*tok = scan.Token{Kind: e.kind, Pos: e.pos, Name: bytes(e.name), Data: bytes(e.data),
			Attrs: attrs, SystemID: bytes(e.sys), PublicID: bytes(e.pub)}
		o.Token(tok, report)
	}
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
