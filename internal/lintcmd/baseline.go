package lintcmd

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"os"
	"slices"

	"qx/internal/scan"
	"qx/internal/validate"
	"qx/rules"
)

// baselineVersion is the version of the baseline file format.
const baselineVersion = 1

// baselineFile is the JSON form of a baseline.
type baselineFile struct {
	Version  int             `json:"version"`
	Findings []baselineEntry `json:"findings"`
}

// baselineEntry accepts Count findings of one rule at one element path with
// one value in one file. Lines and columns are not part of it, so a baseline
// survives a reformatted capture.
type baselineEntry struct {
	File  string `json:"file"`
	Rule  string `json:"rule"`
	Path  string `json:"path"`
	Value string `json:"value"`
	Count int    `json:"count,omitempty"`
}

// baselineKey is what a finding must share with an entry to be accepted.
type baselineKey struct{ file, rule, path, value string }

func keyOf(file string, f validate.Finding) baselineKey {
	return baselineKey{file, f.ID, f.Path, f.Value}
}

// baseline is a loaded baseline and what the run made of it.
type baseline struct {
	name  string
	slots []*baselineSlot
	byKey map[baselineKey]*baselineSlot
}

type baselineSlot struct {
	baselineEntry
	index int      // place in the file
	pos   scan.Pos // where the entry is written
	left  int      // findings it may still accept
}

// loadBaseline reads a baseline file.
func loadBaseline(name string) (*baseline, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("reading baseline: %w", err)
	}
	var bf baselineFile
	if err := decodeStrict(data, &bf); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if bf.Version != baselineVersion {
		return nil, fmt.Errorf("%s: version %d, want %d", name, bf.Version, baselineVersion)
	}
	pos, err := elementPositions(data, "findings")
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	b := &baseline{name: name, byKey: map[baselineKey]*baselineSlot{}}
	for i, e := range bf.Findings {
		if e.File == "" || e.Rule == "" || e.Count < 0 {
			return nil, fmt.Errorf("%s:%v: entry %d: file and rule are required, count "+
				"is positive", name, pos[i], i+1)
		}
		e.Count = max(e.Count, 1)
		k := baselineKey{e.File, e.Rule, e.Path, e.Value}
		if s := b.byKey[k]; s != nil {
			s.Count += e.Count
			s.left += e.Count
			continue
		}
		s := &baselineSlot{baselineEntry: e, index: i, pos: pos[i], left: e.Count}
		b.slots = append(b.slots, s)
		b.byKey[k] = s
	}
	return b, nil
}

// accept tells whether the baseline accepts a finding of file name, and
// counts it.
func (b *baseline) accept(name string, f validate.Finding) bool {
	if b == nil {
		return false
	}
	s := b.byKey[keyOf(name, f)]
	if s == nil || s.left == 0 {
		return false
	}
	s.left--
	return true
}

// stale returns a finding for every entry that accepted fewer findings than
// it counts, among the entries of files checked in full.
func (b *baseline) stale(full map[string]bool) []rules.FileFinding {
	if b == nil {
		return nil
	}
	var out []rules.FileFinding
	for _, s := range b.slots {
		if s.left == 0 || !full[s.File] {
			continue
		}
		out = append(out, rules.FileFinding{File: b.name, Finding: validate.Finding{
			Pos: s.pos, Severity: validate.Warning, ID: rules.IDStaleBaseline,
			Path: fmt.Sprintf("/findings/%d", s.index), Value: s.Rule,
			Msg: fmt.Sprintf("baseline entry accepts %d %q findings in %s, %d of them "+
				"no longer found", s.Count, s.Rule, s.File, s.left)}})
	}
	return out
}

// baselineCounts counts the findings of a run for --write-baseline.
type baselineCounts map[baselineKey]int

func (c baselineCounts) add(name string, f validate.Finding) { c[keyOf(name, f)]++ }

// write writes the counted findings as a baseline file, sorted, so the same
// findings always give the same bytes.
func (c baselineCounts) write(name string) error {
	bf := baselineFile{Version: baselineVersion, Findings: []baselineEntry{}}
	for k, n := range c {
		bf.Findings = append(bf.Findings, baselineEntry{File: k.file, Rule: k.rule,
			Path: k.path, Value: k.value, Count: n})
	}
	slices.SortFunc(bf.Findings, func(a, b baselineEntry) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Rule, b.Rule),
			cmp.Compare(a.Path, b.Path), cmp.Compare(a.Value, b.Value))
	})
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(bf); err != nil {
		return err
	}
	if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("writing baseline: %w", err)
	}
	return nil
}
