// Package report renders what a qxlint run found for the people and the CI
// systems that read it: plain text, a JSON document, SARIF 2.1.0 for GitHub
// code scanning, GitHub Actions workflow annotations, JUnit XML and Checkstyle
// XML.
//
// Renderers never decide verdicts: whether a file or the run failed is part
// of the [Run] they are given. Streaming formats (text, github) print each
// file as soon as it is checked and the run-level findings at the end;
// document formats (json, sarif, junit, checkstyle) are written whole once
// the run is over.
package report

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"slices"

	"qx/internal/validate"
	"qx/rules"
)

// File is one file of a run and what is reported in it.
type File struct {
	Name string
	// Format is the name of the content model the file was checked against,
	// "" when it is of no known format.
	Format string
	// Input tells that the file was an input of the run; run-level findings
	// can also be about qxlint's own files (a configuration, a baseline).
	Input bool
	// Findings are the findings reported, sorted by position.
	Findings []validate.Finding
	// Err is set when the file could not be opened or read, which is
	// trouble of the run, not a finding.
	Err error
	// Dropped counts findings not shown because of --max-findings.
	Dropped int
	// Suppressed and Baselined count findings the configuration's
	// suppressions and the baseline accepted.
	Suppressed, Baselined int
	// Failed is the run's verdict on the file.
	Failed bool
}

// Run is a whole qxlint run.
type Run struct {
	Rules []*rules.Rule // every rule a finding may name, in catalog order
	Files []*File       // inputs in the order given, then qxlint's own files
	// Late are the findings made once every input was read (run-level
	// rules); they are also in the Findings of their File.
	Late   []rules.FileFinding
	Failed bool // the run's verdict
}

// Writer renders a run in one format.
type Writer interface {
	// File is called with each input, in order, as soon as it is checked.
	File(f *File) error
	// Finish is called once, after the run, with all of it.
	Finish(r *Run) error
}

// Formats are the names of the output formats, for --format and --output.
var Formats = []string{"text", "json", "sarif", "github", "junit", "checkstyle"}

// New returns a writer of format to w. The rules give titles and
// descriptions where a format shows them.
func New(format string, w io.Writer, rs []*rules.Rule) (Writer, error) {
	byID := map[string]*rules.Rule{}
	for _, r := range rs {
		byID[r.ID] = r
	}
	switch format {
	case "text":
		return &textWriter{w: w}, nil
	case "github":
		return &githubWriter{w: w, rules: byID, shown: map[validate.Severity]int{},
			left: map[validate.Severity]int{}}, nil
	case "json":
		return document(w, writeJSON), nil
	case "sarif":
		return document(w, writeSARIF), nil
	case "junit":
		return document(w, writeJUnit), nil
	case "checkstyle":
		return document(w, writeCheckstyle), nil
	}
	return nil, fmt.Errorf("unknown format %q (one of %v)", format, Formats)
}

// docWriter writes a format that is one document, at the end of the run.
type docWriter struct {
	w     io.Writer
	write func(w io.Writer, r *Run) error
}

func document(w io.Writer, write func(io.Writer, *Run) error) Writer {
	return &docWriter{w: w, write: write}
}

func (d *docWriter) File(*File) error    { return nil }
func (d *docWriter) Finish(r *Run) error { return d.write(d.w, r) }

// rule returns the rule called id, or nil.
func (r *Run) rule(id string) *rules.Rule { return findRule(r.Rules, id) }

func findRule(rs []*rules.Rule, id string) *rules.Rule {
	i := slices.IndexFunc(rs, func(r *rules.Rule) bool { return r.ID == id })
	if i < 0 {
		return nil
	}
	return rs[i]
}

// Totals counts what a run reported.
type Totals struct {
	Files, Unreadable, Errors, Warnings, Dropped, Suppressed, Baselined int
}

// Totals counts the run's inputs and findings.
func (r *Run) Totals() Totals {
	var t Totals
	for _, f := range r.Files {
		if f.Input {
			t.Files++
		}
		if f.Err != nil {
			t.Unreadable++
		}
		for _, x := range f.Findings {
			if x.Severity == validate.Error {
				t.Errors++
			} else {
				t.Warnings++
			}
		}
		t.Dropped += f.Dropped
		t.Suppressed += f.Suppressed
		t.Baselined += f.Baselined
	}
	return t
}

// Fingerprints returns a stable fingerprint of each finding of f: a hash of
// the file name, the rule, the element path and the value, and of how many
// findings before it in the file share all four. Lines and columns are left
// out, so a reformatted capture keeps its fingerprints.
func Fingerprints(f *File) []string {
	seen := map[string]int{}
	fps := make([]string, len(f.Findings))
	for i, x := range f.Findings {
		key := f.Name + "\x00" + x.ID + "\x00" + x.Path + "\x00" + x.Value
		n := seen[key]
		seen[key] = n + 1
		sum := sha256.Sum256(fmt.Appendf(nil, "%s\x00%d", key, n))
		fps[i] = hex.EncodeToString(sum[:16])
	}
	return fps
}
