package diff

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// NumKinds is the number of kinds of change.
const NumKinds = numKinds

// Change is one key whose records differ between OLD and NEW, with the names
// its host and control are known by.
type Change struct {
	Kind Kind
	Key  Key
	// Old and New are the key's records on each side: none when the key is
	// on the other side only, several when it is duplicated.
	Old, New []Record
	Also     Aspect // other ways the records differ
	Notes    []Note // inconsistencies of the records' dates
	Host     HostName
	Control  ControlName
	// Technology is the name of the key's technology, "" if no glossary
	// names it.
	Technology string
	// RemediationDiff and EvidenceDiff are word-level diffs of changed texts,
	// when [Options.KeepText] kept them.
	RemediationDiff []Edit
	EvidenceDiff    []Edit
}

// Summary accounts for every record of both sides: OLD's records are
// Unchanged + Changed + Removed + OldDuplicates, NEW's are Unchanged + Changed
// + Added + NewDuplicates.
type Summary struct {
	OldRecords, NewRecords int64
	Unchanged              int64 // keys with one record on each side, the same
	Changed                int64 // keys with one record on each side that differ
	Added, Removed         int64 // keys on one side only, once
	DuplicateKeys          int64 // keys on a side more than once
	OldDuplicates          int64 // OLD's records of duplicate keys
	NewDuplicates          int64 // NEW's records of duplicate keys
	// Kinds counts every key by kind; Shown only those the filter keeps.
	Kinds, Shown [NumKinds]int64
	// Worse counts the shown changes that make the posture worse.
	Worse int64
	// Noted counts the shown changes with inconsistent dates.
	Noted int64
}

// HostDelta is how one host's posture moved: its failing records on each side
// and its shown changes by kind.
type HostDelta struct {
	Host                 string // the host's key: HOST_ID, or IP in a policy report
	Name                 HostName
	OldFailed, NewFailed int64
	Kinds                [NumKinds]int64
	key                  []byte
}

// Growth returns by how many records the host's failures grew.
func (h *HostDelta) Growth() int64 { return h.NewFailed - h.OldFailed }

// Result is the outcome of a comparison. Its changes are read with
// [Result.Each]; it must be closed.
type Result struct {
	Old, New SideInfo
	Format   Format
	Summary  Summary
	// Hosts lists every host with a shown change or a change in failing
	// records, those whose failures grew most first, then by key.
	Hosts []HostDelta
	Names *Names

	files  []string
	spools [NumKinds]spool
	tmp    *tempDir
}

// Differs reports whether the shown changes hold a difference by f.
func (r *Result) Differs(f FailOn) bool {
	var all int64
	for _, n := range r.Summary.Shown {
		all += n
	}
	switch f {
	case FailRegressed:
		return r.Summary.Worse > 0
	case FailChanged:
		return all-r.Summary.Shown[Reevaluated] > 0
	case FailAny:
		return all > 0
	}
	return false
}

// Close removes the temporary files of the comparison.
func (r *Result) Close() error {
	for i := range r.spools {
		r.spools[i].close()
	}
	return r.tmp.remove()
}

// Compare merges the two sides by key and classifies every key. It reads the
// sorted runs once; only the changes the filter keeps are kept, and those
// beyond the memory budget go to temporary files. The temporary files belong
// to the result from then on.
func (s *Sides) Compare() (*Result, error) {
	if err := s.Err(); err != nil {
		return nil, err
	}
	r := &Result{Old: s.Old, New: s.New, Format: s.Old.Format, Names: s.Names,
		files: s.files, tmp: s.tmp}
	s.tmp = &tempDir{}
	r.Summary.OldRecords, r.Summary.NewRecords = s.Old.Records, s.New.Records
	if r.Format == FormatOther {
		r.Format = s.New.Format
	}
	runs := s.runs
	s.runs = [2][]run{}
	if err := r.compare(runs, s.opt); err != nil {
		r.Close()
		return nil, err
	}
	return r, nil
}

// compare fills r from the sorted runs of both sides.
func (r *Result) compare(runs [2][]run, opt Options) error {
	mo, err := mergeRuns(runs[Old], r.tmp)
	if err != nil {
		return err
	}
	defer mo.close()
	mn, err := mergeRuns(runs[New], r.tmp)
	if err != nil {
		return err
	}
	defer mn.close()
	c := &comparer{r: r, filter: newRecordFilter(opt.Filter, r.Names), kinds: opt.Filter,
		spoolLimit: int(opt.Memory / 8)}
	if err := c.run(mo, mn); err != nil {
		return err
	}
	slices.SortStableFunc(r.Hosts, func(a, b HostDelta) int {
		if ga, gb := a.Growth(), b.Growth(); ga != gb {
			return cmpInt(gb, ga)
		}
		return bytes.Compare(a.key, b.key)
	})
	return nil
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// comparer walks the merged sides key by key.
type comparer struct {
	r          *Result
	filter     *recordFilter
	kinds      Filter
	key        []byte
	g          group
	bufs       [2][]byte
	host       HostDelta
	inHost     bool
	spoolLimit int
	spoolSize  int
	rec        [2]Record
}

// run compares the merged streams of both sides.
func (c *comparer) run(mo, mn *merger) error {
	for {
		eo, erro := mo.peek()
		en, errn := mn.peek()
		switch {
		case erro == nil && errn == nil:
			if bytes.Compare(eo.key(), en.key()) <= 0 {
				c.key = append(c.key[:0], eo.key()...)
			} else {
				c.key = append(c.key[:0], en.key()...)
			}
		case erro == nil:
			c.key = append(c.key[:0], eo.key()...)
		case errn == nil:
			c.key = append(c.key[:0], en.key()...)
		case errors.Is(erro, io.EOF) && errors.Is(errn, io.EOF):
			c.endHost()
			return nil
		default:
			return errors.Join(ignoreEOF(erro), ignoreEOF(errn))
		}
		var err error
		if c.g.old, c.bufs[Old], err = take(mo, c.key, c.g.old, c.bufs[Old]); err != nil {
			return err
		}
		if c.g.new, c.bufs[New], err = take(mn, c.key, c.g.new, c.bufs[New]); err != nil {
			return err
		}
		if err := c.handle(); err != nil {
			return err
		}
	}
}

func ignoreEOF(err error) error {
	if errors.Is(err, io.EOF) {
		return nil
	}
	return err
}

// take copies the entries with the given key from the front of m.
func take(m *merger, key []byte, es []entry, buf []byte) ([]entry, []byte, error) {
	buf = buf[:0]
	var ends [8]int
	cuts := ends[:0]
	for {
		e, err := m.peek()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, nil, err
		}
		if !bytes.Equal(e.key(), key) {
			break
		}
		buf = append(buf, e...)
		cuts = append(cuts, len(buf))
		if err := m.advance(); err != nil {
			return nil, nil, err
		}
	}
	es = es[:0]
	start := 0
	for _, end := range cuts {
		es = append(es, entry(buf[start:end]))
		start = end
	}
	return es, buf, nil
}

// handle classifies the key in c.g and keeps it if it changed.
func (c *comparer) handle() error {
	c.enterHost()
	match := c.filter.match(c.key)
	if match {
		c.countFailed()
	}
	kind, noted, ok, err := c.kindOf()
	if err != nil || !ok {
		return err
	}
	s := &c.r.Summary
	s.Kinds[kind]++
	if !match || !c.kinds.kind(kind) {
		return nil
	}
	s.Shown[kind]++
	c.host.Kinds[kind]++
	if noted {
		s.Noted++
	}
	if c.worse(kind) {
		s.Worse++
	}
	return c.keep(kind)
}

// worse reports whether the change in c.g makes the posture worse.
func (c *comparer) worse(k Kind) bool {
	switch k {
	case Regressed, ToError:
		return true
	case Added:
		code := contentOf(c.g.new[0])[0]
		return code == codeFailed || code == codeError
	}
	return false
}

// contentOf returns the content of an entry known to be well-formed.
func contentOf(e entry) []byte {
	_, content, _, _ := e.split()
	return content
}

// countFailed counts the failing records of the key for its host.
func (c *comparer) countFailed() {
	for _, e := range c.g.old {
		if contentOf(e)[0] == codeFailed {
			c.host.OldFailed++
		}
	}
	for _, e := range c.g.new {
		if contentOf(e)[0] == codeFailed {
			c.host.NewFailed++
		}
	}
}

// kindOf classifies the key in c.g; ok is false for an unchanged key without
// inconsistencies, noted tells that the records have inconsistent dates.
func (c *comparer) kindOf() (k Kind, noted, ok bool, err error) {
	g, s := &c.g, &c.r.Summary
	switch {
	case len(g.old) > 1 || len(g.new) > 1:
		s.DuplicateKeys++
		s.OldDuplicates += int64(len(g.old))
		s.NewDuplicates += int64(len(g.new))
		return Duplicate, rawNoted(g.old) || rawNoted(g.new), true, nil
	case len(g.old) == 0:
		s.Added++
		return Added, rawNoted(g.new), true, nil
	case len(g.new) == 0:
		s.Removed++
		return Removed, rawNoted(g.old), true, nil
	}
	_, co, _, err := g.old[0].split()
	if err != nil {
		return 0, false, false, err
	}
	_, cn, _, err := g.new[0].split()
	if err != nil {
		return 0, false, false, err
	}
	if bytes.Equal(co, cn) {
		s.Unchanged++
		noted := rawNoted(g.old) || rawNoted(g.new)
		return Inconsistent, noted, noted, nil
	}
	s.Changed++
	return c.classifyPair()
}

// classifyPair decodes and classifies the records of a key present once on
// each side.
func (c *comparer) classifyPair() (Kind, bool, bool, error) {
	o, n := &c.rec[Old], &c.rec[New]
	var err error
	if _, *o, err = c.g.old[0].decode(c.r.files); err != nil {
		return 0, false, false, err
	}
	if _, *n, err = c.g.new[0].decode(c.r.files); err != nil {
		return 0, false, false, err
	}
	k, _, ok := classify(o, n)
	if !ok {
		return 0, false, false, fmt.Errorf("diff: records of one key differ in no known way")
	}
	return k, len(notes(o, n, c.r.Format)) > 0, true, nil
}

// rawNoted reports whether a date of an entry is later than its capture.
func rawNoted(es []entry) bool {
	for _, e := range es {
		_, content, tail, err := e.split()
		if err != nil {
			continue
		}
		captured := tailCaptured(tail)
		if !captured.Set() {
			continue
		}
		for i := range 5 {
			if d := contentDate(content, i); d.Set() && d > captured {
				return true
			}
		}
	}
	return false
}

// keep spools the change in c.g, moving every spool to its file when they
// outgrow their share of the budget.
func (c *comparer) keep(k Kind) error {
	sp := &c.r.spools[k]
	before := len(sp.mem)
	sp.add(&c.g)
	c.spoolSize += len(sp.mem) - before
	if c.spoolSize <= c.spoolLimit {
		return nil
	}
	for i := range c.r.spools {
		if err := c.r.spools[i].spill(c.r.tmp); err != nil {
			return err
		}
	}
	c.spoolSize = 0
	return nil
}

// enterHost starts the roll-up of a new host when the key's host changes.
func (c *comparer) enterHost() {
	h := hostPart(c.key)
	if c.inHost && bytes.Equal(h, c.host.key) {
		return
	}
	c.endHost()
	c.host = HostDelta{key: append([]byte(nil), h...)}
	c.inHost = true
}

// endHost files the roll-up of the current host if anything moved on it.
func (c *comparer) endHost() {
	if !c.inHost {
		return
	}
	c.inHost = false
	h := &c.host
	if h.OldFailed == h.NewFailed && h.Kinds == [NumKinds]int64{} {
		return
	}
	h.Host, _, _ = decodeField(h.key)
	h.Name = c.r.Names.Hosts[h.Host]
	c.r.Hosts = append(c.r.Hosts, *h)
}

// Each calls fn with every shown change of kind k, in key order. The change
// is valid until fn returns; an error from fn stops the walk and is returned.
func (r *Result) Each(k Kind, fn func(*Change) error) error {
	return r.spools[k].each(func(g *group) error {
		c, err := r.change(k, g)
		if err != nil {
			return err
		}
		return fn(c)
	})
}

// change decodes a spooled group into a Change.
func (r *Result) change(k Kind, g *group) (*Change, error) {
	c := &Change{Kind: k}
	for side, es := range [][]entry{g.old, g.new} {
		for _, e := range es {
			key, rec, err := e.decode(r.files)
			if err != nil {
				return nil, err
			}
			c.Key = key
			if Side(side) == Old {
				c.Old = append(c.Old, rec)
			} else {
				c.New = append(c.New, rec)
			}
		}
	}
	c.Host = r.Names.Hosts[c.Key.Host]
	c.Control = r.Names.Controls[c.Key.Control]
	c.Technology = r.Names.Technologies[c.Key.Technology]
	r.explain(c)
	return c, nil
}

// explain fills the aspects, notes and text diffs of a change.
func (r *Result) explain(c *Change) {
	if c.Kind == Duplicate {
		for side, rs := range [][]Record{c.Old, c.New} {
			slices.SortStableFunc(rs, func(a, b Record) int {
				return cmp.Or(strings.Compare(a.Pos.File, b.Pos.File),
					cmp.Compare(a.Pos.Line, b.Pos.Line), cmp.Compare(a.Pos.Col, b.Pos.Col))
			})
			for i := range rs {
				c.Notes = afterCapture(c.Notes, Side(side), &rs[i], namesOf(r.Format))
			}
		}
		return
	}
	var o, n *Record
	if len(c.Old) == 1 {
		o = &c.Old[0]
	}
	if len(c.New) == 1 {
		n = &c.New[0]
	}
	c.Notes = notes(o, n, r.Format)
	if o == nil || n == nil {
		return
	}
	_, c.Also, _ = classify(o, n)
	if o.Remediation.Hash != n.Remediation.Hash && o.Remediation.Kept && n.Remediation.Kept {
		c.RemediationDiff = WordDiff(o.Remediation.Value, n.Remediation.Value)
	}
	if o.Evidence.Hash != n.Evidence.Hash && o.Evidence.Kept && n.Evidence.Kept {
		c.EvidenceDiff = WordDiff(o.Evidence.Value, n.Evidence.Value)
	}
}
