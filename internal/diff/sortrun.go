package diff

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
)

// Records of a side are sorted by key in runs: a sorter gathers entries in
// memory up to its share of the memory budget, sorts them and, when the next
// entry would not fit, writes them to a temporary file. The runs of a side
// are then merged, by key, into one stream.

// slot locates an entry in a sorter's arena; p0 and p1 hold the first 16
// bytes of its key, so most comparisons need not look at the arena.
type slot struct {
	p0, p1 uint64
	off, n uint32
}

const slotSize = 24

// maxArena keeps arena offsets within a slot's 32 bits.
const maxArena = 1 << 31

// sorter turns entries into sorted runs.
type sorter struct {
	arena []byte
	idx   []slot
	limit int
	tmp   *tempDir
	runs  []run
}

func newSorter(limit int, tmp *tempDir) *sorter {
	return &sorter{limit: min(limit, maxArena), tmp: tmp}
}

// size returns the memory the sorter holds.
func (s *sorter) size() int { return len(s.arena) + len(s.idx)*slotSize }

// add adds a copy of e, first spilling what the sorter holds if e would not fit.
func (s *sorter) add(e entry) error {
	if len(s.idx) > 0 && s.size()+len(e)+slotSize > s.limit {
		if err := s.spill(); err != nil {
			return err
		}
	}
	if need := len(s.arena) + len(e); need > cap(s.arena) {
		grown := make([]byte, len(s.arena), max(need, min(2*cap(s.arena), s.limit)))
		copy(grown, s.arena)
		s.arena = grown
	}
	p0, p1 := prefix(e.key())
	s.idx = append(s.idx, slot{p0: p0, p1: p1, off: uint32(len(s.arena)), n: uint32(len(e))})
	s.arena = append(s.arena, e...)
	return nil
}

// prefix returns the first 16 bytes of k, zero-padded, as two numbers.
func prefix(k []byte) (uint64, uint64) {
	var b [16]byte
	copy(b[:], k)
	return binary.BigEndian.Uint64(b[:8]), binary.BigEndian.Uint64(b[8:])
}

// sort orders the slots by key; entries with equal keys by their bytes, so
// the order never depends on the order of the input.
func (s *sorter) sort() {
	slices.SortFunc(s.idx, func(a, b slot) int {
		switch {
		case a.p0 != b.p0:
			return cmpUint(a.p0, b.p0)
		case a.p1 != b.p1:
			return cmpUint(a.p1, b.p1)
		}
		return compareEntries(s.entry(a), s.entry(b))
	})
}

func cmpUint(a, b uint64) int {
	if a < b {
		return -1
	}
	return 1
}

// compareEntries orders entries by key, then by their bytes.
func compareEntries(a, b entry) int {
	if c := bytes.Compare(a.key(), b.key()); c != 0 {
		return c
	}
	return bytes.Compare(a, b)
}

func (s *sorter) entry(sl slot) entry { return entry(s.arena[sl.off : sl.off+sl.n]) }

// spill writes the entries held, sorted, to a run file and forgets them.
func (s *sorter) spill() error {
	s.sort()
	f, err := s.tmp.create()
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	var lenBuf [binary.MaxVarintLen64]byte
	for _, sl := range s.idx {
		w.Write(lenBuf[:binary.PutUvarint(lenBuf[:], uint64(sl.n))])
		w.Write(s.entry(sl))
	}
	err = w.Flush()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("writing a sorted run: %w", err)
	}
	s.runs = append(s.runs, fileRun(f.Name()))
	s.arena, s.idx = s.arena[:0], s.idx[:0]
	return nil
}

// finish returns the runs, the last one kept in memory.
func (s *sorter) finish() []run {
	if len(s.idx) > 0 {
		s.sort()
		s.runs = append(s.runs, &memRun{arena: s.arena, idx: s.idx})
	}
	runs := s.runs
	*s = sorter{limit: s.limit, tmp: s.tmp}
	return runs
}

// run is a sorted sequence of entries.
type run interface {
	open() (runReader, error)
}

// runReader reads a run; the entry next returns is valid until the next call.
type runReader interface {
	next() (entry, error) // io.EOF after the last entry
	close() error
}

type memRun struct {
	arena []byte
	idx   []slot
}

func (m *memRun) open() (runReader, error) { return &memReader{m: m}, nil }

type memReader struct {
	m *memRun
	i int
}

func (r *memReader) next() (entry, error) {
	if r.i >= len(r.m.idx) {
		return nil, io.EOF
	}
	sl := r.m.idx[r.i]
	r.i++
	return entry(r.m.arena[sl.off : sl.off+sl.n]), nil
}

func (r *memReader) close() error { return nil }

type fileRun string

func (f fileRun) open() (runReader, error) {
	fh, err := os.Open(string(f))
	if err != nil {
		return nil, fmt.Errorf("opening a sorted run: %w", err)
	}
	return &fileReader{f: fh, r: bufio.NewReaderSize(fh, 128<<10)}, nil
}

type fileReader struct {
	f   *os.File
	r   *bufio.Reader
	buf []byte
}

func (r *fileReader) next() (entry, error) {
	n, err := binary.ReadUvarint(r.r)
	if errors.Is(err, io.EOF) {
		return nil, io.EOF
	}
	if err == nil && n > maxArena {
		err = errBadEntry
	}
	if err == nil {
		r.buf = slices.Grow(r.buf[:0], int(n))[:n]
		_, err = io.ReadFull(r.r, r.buf)
	}
	if err != nil {
		return nil, fmt.Errorf("reading a sorted run: %w", err)
	}
	return entry(r.buf), nil
}

func (r *fileReader) close() error { return r.f.Close() }

// tempDir creates run and spool files in one directory, made on first use.
type tempDir struct {
	parent string
	once   sync.Once
	dir    string
	err    error
	n      atomic.Int64
}

func (t *tempDir) create() (*os.File, error) {
	t.once.Do(func() {
		t.dir, t.err = os.MkdirTemp(t.parent, "qxdiff-")
	})
	if t.err != nil {
		return nil, fmt.Errorf("creating a temporary directory: %w", t.err)
	}
	name := filepath.Join(t.dir, fmt.Sprintf("%06d", t.n.Add(1)))
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, fmt.Errorf("creating a temporary file: %w", err)
	}
	return f, nil
}

// remove deletes the directory and everything in it.
func (t *tempDir) remove() error {
	if t.dir == "" {
		return nil
	}
	err := os.RemoveAll(t.dir)
	t.dir = ""
	return err
}

// files returns how many files were created.
func (t *tempDir) files() int64 { return t.n.Load() }

// maxFanIn is the most runs merged at once; more are first merged in groups,
// which bounds open files and read buffers.
const maxFanIn = 64

// merger merges sorted runs into one sorted stream.
type merger struct {
	heap []head
}

type head struct {
	e   entry
	r   runReader
	src int
}

// mergeRuns opens a merged stream of runs, merging groups of them into
// longer runs first while there are more than maxFanIn.
func mergeRuns(runs []run, tmp *tempDir) (*merger, error) {
	for len(runs) > maxFanIn {
		var next []run
		for i := 0; i < len(runs); i += maxFanIn {
			r, err := mergeToFile(runs[i:min(i+maxFanIn, len(runs))], tmp)
			if err != nil {
				return nil, err
			}
			next = append(next, r)
		}
		runs = next
	}
	return openMerger(runs)
}

func openMerger(runs []run) (*merger, error) {
	m := &merger{}
	for i, r := range runs {
		rr, err := r.open()
		if err != nil {
			m.close()
			return nil, err
		}
		e, err := rr.next()
		if errors.Is(err, io.EOF) {
			rr.close()
			continue
		}
		if err != nil {
			rr.close()
			m.close()
			return nil, err
		}
		m.heap = append(m.heap, head{e: e, r: rr, src: i})
	}
	for i := len(m.heap)/2 - 1; i >= 0; i-- {
		m.down(i)
	}
	return m, nil
}

// mergeToFile merges runs into one run file.
func mergeToFile(runs []run, tmp *tempDir) (run, error) {
	m, err := openMerger(runs)
	if err != nil {
		return nil, err
	}
	defer m.close()
	f, err := tmp.create()
	if err != nil {
		return nil, err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	var lenBuf [binary.MaxVarintLen64]byte
	for {
		e, err := m.peek()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			f.Close()
			return nil, err
		}
		w.Write(lenBuf[:binary.PutUvarint(lenBuf[:], uint64(len(e)))])
		w.Write(e)
		if err := m.advance(); err != nil {
			f.Close()
			return nil, err
		}
	}
	err = w.Flush()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, fmt.Errorf("writing a merged run: %w", err)
	}
	return fileRun(f.Name()), nil
}

// peek returns the smallest entry, valid until the next advance.
func (m *merger) peek() (entry, error) {
	if len(m.heap) == 0 {
		return nil, io.EOF
	}
	return m.heap[0].e, nil
}

// advance drops the smallest entry.
func (m *merger) advance() error {
	h := &m.heap[0]
	e, err := h.r.next()
	switch {
	case errors.Is(err, io.EOF):
		h.r.close()
		last := len(m.heap) - 1
		m.heap[0] = m.heap[last]
		m.heap = m.heap[:last]
	case err != nil:
		return err
	default:
		h.e = e
	}
	if len(m.heap) > 0 {
		m.down(0)
	}
	return nil
}

func (m *merger) less(i, j int) bool {
	a, b := &m.heap[i], &m.heap[j]
	if c := compareEntries(a.e, b.e); c != 0 {
		return c < 0
	}
	return a.src < b.src
}

func (m *merger) down(i int) {
	n := len(m.heap)
	for {
		l := 2*i + 1
		if l >= n {
			return
		}
		c := l
		if r := l + 1; r < n && m.less(r, l) {
			c = r
		}
		if !m.less(c, i) {
			return
		}
		m.heap[i], m.heap[c] = m.heap[c], m.heap[i]
		i = c
	}
}

func (m *merger) close() {
	for _, h := range m.heap {
		h.r.close()
	}
	m.heap = nil
}
