package diff

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"
	"sync/atomic"

	"qx/internal/lint"
	"qx/internal/validate"
)

// DefaultMemory is the memory budget of a comparison whose options leave it
// unset.
const DefaultMemory = 128 << 20

// minMemory is the smallest budget accepted: below it every run would hold a
// handful of records.
const minMemory = 1 << 20

// Options says how to read and compare two exports.
type Options struct {
	// Memory is the budget, in bytes, for records held in memory; beyond it
	// they are spilled to temporary files. 0 means DefaultMemory. Names from
	// the glossaries are held besides it.
	Memory int64
	// TempDir is where temporary files go; "" means the system's default.
	TempDir string
	// Jobs is how many files are read at once; 0 means one per CPU.
	Jobs int
	// KeepText keeps remediation and evidence texts, up to MaxKeptText bytes
	// each, so changed ones can be shown as word-level diffs.
	KeepText bool
	// AllowPartial compares sides whose pages do not chain, with a warning.
	AllowPartial bool
	// MaxFindings is how many content-model findings are kept per file; 0
	// keeps every one.
	MaxFindings int
	// Filter selects the changes reported and counted.
	Filter Filter
}

// Side names one of the two exports compared.
type Side uint8

// The two sides of a comparison.
const (
	Old Side = iota
	New
)

// String returns OLD or NEW.
func (s Side) String() string { return [...]string{"OLD", "NEW"}[s] }

// FileReport is what reading one file of a side found.
type FileReport struct {
	Side   Side
	Name   string
	Page   Page
	Result validate.Result // the content-model findings
	// Complete tells that the file was read to its end and is well-formed.
	Complete bool
	// Stopped tells that reading stopped early because of a problem
	// elsewhere; the findings then say nothing about the file.
	Stopped bool
}

// Problem is a reason two sides cannot be compared or, when not Fatal, a
// warning about them.
type Problem struct {
	Side  Side
	File  string // "" when the problem is the side's, not one file's
	Msg   string
	Fatal bool
	Chain bool // the pages of the side do not link up
}

// Error describes the problem, naming its side and file.
func (p Problem) Error() string {
	if p.File == "" {
		return fmt.Sprintf("%v: %s", p.Side, p.Msg)
	}
	return fmt.Sprintf("%v: %s: %s", p.Side, p.File, p.Msg)
}

// SideInfo describes one side as read.
type SideInfo struct {
	Format  Format
	Pages   []Page // one per file, in the order given
	Records int64
}

// Captured returns the earliest and the latest capture date of the side's
// pages.
func (s SideInfo) Captured() (first, last Date) {
	for _, p := range s.Pages {
		if !p.Captured.Set() {
			continue
		}
		if first == 0 || p.Captured < first {
			first = p.Captured
		}
		last = max(last, p.Captured)
	}
	return first, last
}

// Sides holds two exports read, checked and sorted, ready to [Sides.Compare].
type Sides struct {
	Old, New SideInfo
	Files    []FileReport // OLD's files, then NEW's, in the order given
	Problems []Problem
	Names    *Names

	opt   Options
	tmp   *tempDir
	files []string
	runs  [2][]run
}

// Err returns the first fatal problem, or nil when the sides can be compared.
func (s *Sides) Err() error {
	for _, p := range s.Problems {
		if p.Fatal {
			return p
		}
	}
	return nil
}

// Close removes the temporary files.
func (s *Sides) Close() error { return s.tmp.remove() }

var errStopped = errors.New("reading stopped")

// Read reads both sides, each a list of files, checks every file against its
// content model and sorts the records of each side by key, in one pass over
// each file. A side that cannot be compared (not a posture export, a broken
// document, pages that do not chain) is a fatal [Problem] in the result; the
// error is for trouble that is not the documents' fault, like a file that
// cannot be opened or a full disk. The caller must Close the result.
func Read(ctx context.Context, old, new []lint.Input, opt Options) (*Sides, error) {
	if opt.Memory == 0 {
		opt.Memory = DefaultMemory
	}
	if opt.Memory < minMemory {
		return nil, fmt.Errorf("memory budget %d is below %d bytes", opt.Memory, minMemory)
	}
	s := &Sides{opt: opt, tmp: &tempDir{parent: opt.TempDir}}
	inputs := make([]sideInput, 0, len(old)+len(new))
	for _, in := range old {
		inputs = append(inputs, sideInput{Input: in, side: Old})
	}
	for _, in := range new {
		inputs = append(inputs, sideInput{Input: in, side: New})
	}
	for _, in := range inputs {
		s.files = append(s.files, in.Name)
	}
	if err := s.readAll(ctx, inputs); err != nil {
		s.Close()
		return nil, err
	}
	s.check(len(old), len(new))
	return s, nil
}

type sideInput struct {
	lint.Input
	side Side
}

// reading is the state shared by the workers of a Read.
type reading struct {
	ctx     context.Context
	s       *Sides
	inputs  []sideInput
	reports []FileReport
	names   []*Names
	stop    atomic.Bool
	mu      sync.Mutex
	err     error // the first machine trouble
}

func (rd *reading) fail(err error) {
	rd.mu.Lock()
	if rd.err == nil {
		rd.err = err
	}
	rd.mu.Unlock()
	rd.stop.Store(true)
}

// readAll reads every input with a pool of workers, then gathers their runs
// and names.
func (s *Sides) readAll(ctx context.Context, inputs []sideInput) error {
	rd := &reading{ctx: ctx, s: s, inputs: inputs, reports: make([]FileReport, len(inputs)),
		names: make([]*Names, len(inputs))}
	jobs := s.opt.Jobs
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	workers := rd.run(max(1, min(jobs, len(inputs))))
	if rd.err != nil {
		return rd.err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	for _, wk := range workers {
		for side, so := range wk.sorters {
			s.runs[side] = append(s.runs[side], so.finish()...)
		}
	}
	s.Files = rd.reports
	s.Names = newNames()
	for _, side := range []Side{New, Old} {
		for i, in := range inputs {
			if in.side == side && rd.names[i] != nil {
				s.Names.add(rd.names[i])
			}
		}
	}
	return nil
}

// run reads the inputs with jobs workers, each taking the next input left.
func (rd *reading) run(jobs int) []*worker {
	var next atomic.Int64
	workers := make([]*worker, jobs)
	var wg sync.WaitGroup
	for w := range workers {
		limit := int(rd.s.opt.Memory / 2 / int64(jobs))
		wk := &worker{rd: rd, limit: limit}
		wk.sorters[Old], wk.sorters[New] = newSorter(limit, rd.s.tmp), newSorter(limit, rd.s.tmp)
		workers[w] = wk
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(rd.inputs); i = int(next.Add(1) - 1) {
				wk.read(i)
			}
		})
	}
	wg.Wait()
	return workers
}

// worker reads files one at a time into its two sorters, which share one
// part of the memory budget.
type worker struct {
	rd      *reading
	limit   int
	sorters [2]*sorter
}

// add sorts e into the side's sorter, spilling the fuller sorter first if
// the two together would outgrow the worker's budget.
func (w *worker) add(side Side, e entry) {
	if w.rd.stop.Load() {
		return
	}
	a, b := w.sorters[side], w.sorters[1-side]
	if a.size()+b.size()+len(e)+slotSize > w.limit && b.size() > a.size() {
		if err := b.spill(); err != nil {
			w.rd.fail(err)
			return
		}
	}
	if err := a.add(e); err != nil {
		w.rd.fail(err)
	}
}

// read reads input i.
func (w *worker) read(i int) {
	rd := w.rd
	in := rd.inputs[i]
	rep := FileReport{Side: in.side, Name: in.Name}
	defer func() { rd.reports[i] = rep }()
	if rd.stop.Load() || rd.ctx.Err() != nil {
		rep.Stopped = true
		return
	}
	rc, err := in.Open()
	if err != nil {
		rd.fail(fmt.Errorf("%v: %w", in.side, err))
		return
	}
	defer rc.Close()
	src := &stopReader{r: rc, rd: rd}
	obs := newObserver(i, in.Name, rd.s.opt.KeepText, func(e entry) { w.add(in.side, e) })
	obs.onFmt = func(f Format) {
		if f == FormatOther {
			rd.stop.Store(true) // this file is read on, for its findings
			src.keepOn = true
		}
	}
	doc, _ := lint.Decompress(src)
	res, err := validate.Validate(doc, validate.Options{MaxFindings: rd.s.opt.MaxFindings,
		Observers: []validate.Observer{obs}})
	switch {
	case src.err != nil:
		rd.fail(fmt.Errorf("%v: reading %s: %w", in.side, in.Name, src.err))
	case err != nil:
		rd.fail(fmt.Errorf("%v: %s: %w", in.side, in.Name, err))
	}
	rep.Page, rep.Result, rep.Complete, rep.Stopped = obs.page, res, obs.complete, src.stopped
	rd.names[i] = obs.names
	if !rep.Complete {
		rd.stop.Store(true) // a broken document stops the comparison anyway
	}
}

// stopReader reads a file until the reading stops, and tells a failure to
// read the file, which is the machine's trouble, from a broken document.
type stopReader struct {
	r       io.Reader
	rd      *reading
	keepOn  bool // read to the end even when the reading stops
	stopped bool
	err     error
}

// Read reads from the file unless the reading has stopped.
func (s *stopReader) Read(p []byte) (int, error) {
	if !s.keepOn && (s.rd.stop.Load() || s.rd.ctx.Err() != nil) {
		s.stopped = true
		return 0, errStopped
	}
	n, err := s.r.Read(p)
	if err != nil && !errors.Is(err, io.EOF) {
		s.err = err
	}
	return n, err
}

// TempFiles reports how many temporary files reading and comparing needed:
// 0 when everything fitted in the memory budget.
func (s *Sides) TempFiles() int64 { return s.tmp.files() }
