package postgen

import (
	"errors"
	"fmt"
	"io"
)

// flushAt is how many bytes are gathered before each write to the
// destination: large enough that writes cost little, small enough to stay
// in cache.
const flushAt = 256 << 10

// Permutation streams: one per side of a pair, so OLD and NEW are shuffled
// independently. A plain export shuffles like the OLD side.
const (
	streamOld uint64 = iota
	streamNew
)

// out gathers bytes and hands them to the destination in large writes,
// remembering the first error.
type out struct {
	w   io.Writer
	b   []byte
	err error
}

// newOut returns an out writing to w.
func newOut(w io.Writer) *out {
	return &out{w: w, b: make([]byte, 0, flushAt+flushAt/4)}
}

// maybeFlush writes the gathered bytes once there are enough of them.
func (o *out) maybeFlush() {
	if len(o.b) >= flushAt {
		o.flush()
	}
}

// flush writes the gathered bytes.
func (o *out) flush() {
	if o.err == nil && len(o.b) > 0 {
		_, o.err = o.w.Write(o.b)
	}
	o.b = o.b[:0]
}

// document is one XML file: the records of the index range [lo, hi), each
// produced by fill (which may leave an index out), in ascending order or
// shuffled by order.
type document struct {
	l      *layout
	dt     int64
	lo, hi int64
	order  *perm
	fill   func(i int64, r *record) bool
	next   int64 // first index of the next page, or -1 on the last page
}

// at returns the index of the record written at position j of the document.
func (d *document) at(j int64) int64 {
	if d.order == nil {
		return j
	}
	return d.lo + int64(d.order.at(uint64(j-d.lo)))
}

// write writes the whole document to w and returns w's first error.
func (d *document) write(w io.Writer) error {
	o := newOut(w)
	o.b = appendHead(o.b, d.l.doctype, d.dt)
	if d.l.summary {
		o.b = d.appendSummary(o.b)
	}
	some := d.writeRecords(o)
	if d.next >= 0 {
		o.b = appendWarning(o.b, d.l.pageSize, d.l.recordID(d.next))
	}
	if some {
		d.l.writeGlossary(o, d.lo, d.hi)
	}
	o.b = appendTail(o.b)
	o.flush()
	return o.err
}

// writeRecords writes the INFO_LIST, if any record is present, and reports
// whether one was.
func (d *document) writeRecords(o *out) bool {
	var r record
	opened := false
	for j := d.lo; j < d.hi && o.err == nil; j++ {
		if !d.fill(d.at(j), &r) {
			continue
		}
		if !opened {
			o.b = append(o.b, "    <INFO_LIST>\n"...)
			opened = true
		}
		o.b = appendRecord(o.b, &r)
		o.maybeFlush()
	}
	if opened {
		o.b = append(o.b, "    </INFO_LIST>\n"...)
	}
	return opened
}

// appendSummary counts the statuses of the document's records in a first
// pass and appends the SUMMARY.
func (d *document) appendSummary(b []byte) []byte {
	var r record
	var totals [len(statusNames)]int64
	var hosts, controls int64
	for i := d.lo; i < d.hi; i++ {
		if d.fill(i, &r) {
			totals[r.status]++
		}
	}
	if totals != [len(statusNames)]int64{} {
		hosts, controls = count(d.l.hostSpan(d.lo, d.hi)), count(d.l.controlSpan(d.lo, d.hi))
	}
	b = appendInt(b, "    <SUMMARY>\n      <TOTAL_ASSETS>", hosts, "</TOTAL_ASSETS>\n")
	b = appendInt(b, "      <TOTAL_CONTROLS>", controls, "</TOTAL_CONTROLS>\n")
	b = appendInt(b, "      <TOTAL_PASSED>", totals[passed], "</TOTAL_PASSED>\n")
	b = appendInt(b, "      <TOTAL_FAILED>", totals[failed], "</TOTAL_FAILED>\n")
	b = appendInt(b, "      <TOTAL_ERROR>", totals[errored], "</TOTAL_ERROR>\n")
	return append(b, "      <TOTAL_EXCEPTIONS>0</TOTAL_EXCEPTIONS>\n    </SUMMARY>\n"...)
}

// Pages returns the number of documents the export described by c is
// written as: 1 unless PageSize is set and smaller than Records.
func (c Config) Pages() int64 {
	if c.PageSize <= 0 || c.Records <= c.PageSize {
		return 1
	}
	return (c.Records + c.PageSize - 1) / c.PageSize
}

// Write writes the export described by cfg to w as one document. Memory use
// does not depend on cfg.Records. A paged export is written with
// [WritePage] or [WritePages] instead.
func Write(w io.Writer, cfg Config) error {
	if cfg.PageSize != 0 {
		return errors.New("postgen: config has a page size: write it with WritePage or WritePages")
	}
	return WritePage(w, cfg, 0)
}

// WritePage writes page p (counted from 0) of the export described by cfg.
// Every page but the last ends with a WARNING of CODE 1980 whose URL names,
// as id_min, the smallest record ID of the next page.
func WritePage(w io.Writer, cfg Config, p int64) error {
	l, err := cfg.resolve()
	if err != nil {
		return err
	}
	if p < 0 || p >= cfg.Pages() {
		return fmt.Errorf("postgen: page %d is outside [0, %d)", p, cfg.Pages())
	}
	if err := l.page(p, cfg.Pages()).write(w); err != nil {
		return fmt.Errorf("postgen: write export: %w", err)
	}
	return nil
}

// page returns the document of page p of a plain export of pages pages.
func (l *layout) page(p, pages int64) *document {
	d := &document{l: l, dt: l.dt, lo: 0, hi: l.n, next: -1}
	if pages > 1 {
		d.lo, d.hi = p*l.pageSize, min(l.n, (p+1)*l.pageSize)
	}
	if p+1 < pages {
		d.next = d.hi
	}
	if l.shuffle {
		d.order = l.order(streamOld, p, d.hi-d.lo)
	}
	d.fill = func(i int64, r *record) bool {
		l.fill(i, l.dt, Unchanged, r)
		return true
	}
	return d
}

// order returns the shuffled order of page p of a stream holding n records.
func (l *layout) order(stream uint64, p, n int64) *perm {
	o := newPerm(uint64(n), hash3(l.seed, tagPerm, stream<<48|uint64(p)))
	return &o
}

// WritePages writes every page of the export described by cfg, each to the
// writer create returns for it, and closes that writer.
func WritePages(cfg Config, create func(page int64) (io.WriteCloser, error)) error {
	for p := range cfg.Pages() {
		w, err := create(p)
		if err != nil {
			return fmt.Errorf("postgen: page %d: %w", p, err)
		}
		err = WritePage(w, cfg, p)
		if cerr := w.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("postgen: page %d: %w", p, cerr)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// counter is a writer that only counts.
type counter int64

// Write counts p.
func (c *counter) Write(p []byte) (int, error) {
	*c += counter(len(p))
	return len(p), nil
}

// sizeSample is the number of records measured to estimate a record's size.
const sizeSample = 10000

// RecordsForSize returns the number of records for which a single-document
// export with the other settings of cfg is about size bytes long. It
// extrapolates from two small exports; a small result, where the glossary
// weighs more, is refined by measuring exports of that size.
func RecordsForSize(cfg Config, size int64) (int64, error) {
	cfg.PageSize, cfg.Shuffle = 0, false
	s1, err := exportSize(cfg, sizeSample)
	if err != nil {
		return 0, err
	}
	s2, err := exportSize(cfg, 2*sizeSample)
	if err != nil {
		return 0, err
	}
	perRecord := float64(s2-s1) / sizeSample
	fixed := float64(s1) - perRecord*sizeSample
	n := max(1, int64((float64(size)-fixed)/perRecord+0.5))
	for range 4 {
		if n > 4*sizeSample {
			break
		}
		got, err := exportSize(cfg, n)
		if err != nil || abs(got-size) <= size/200 {
			return n, err
		}
		n = max(1, int64(float64(n)*float64(size)/float64(got)+0.5))
	}
	return n, nil
}

// exportSize returns the length of the export of cfg with n records.
func exportSize(cfg Config, n int64) (int64, error) {
	cfg.Records = n
	var c counter
	err := Write(&c, cfg)
	return int64(c), err
}

// abs returns the absolute value of v.
func abs(v int64) int64 {
	return max(v, -v)
}
