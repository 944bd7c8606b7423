package lintcmd

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"qx/internal/lint"
	"qx/internal/report"
	"qx/internal/scan"
	"qx/internal/validate"
	"qx/rules"
	"qx/schema"
)

// rawFindings is how many findings per file the validator keeps for qxlint
// to filter, suppress and match against the baseline before --max-findings
// cuts what is shown. Findings past it are counted by severity only: they
// count against the run, and stale suppressions and baseline entries are not
// judged for that file.
const rawFindings = 10000

// runner is one run of qxlint over its inputs.
type runner struct {
	o       *options
	s       *setup
	base    *baseline
	outputs []*outputFile
	run     report.Run
	pages   []rules.PageOf
	full    []string       // inputs checked in full, with every finding seen
	counts  baselineCounts // findings for --write-baseline; nil without it
	sum     summary
	trouble bool
	stderr  io.Writer
}

// outputFile is one output of the run: stdout or an --output file.
type outputFile struct {
	format string
	w      report.Writer
	buf    *bufio.Writer
	file   *os.File // nil for stdout
	err    error    // the first write error
}

// run checks the inputs and reports what it found.
func run(o *options, s *setup, paths []string, stdin io.Reader, stdout, stderr io.Writer) int {
	opt := validate.Options{Limits: o.limits}
	if o.maxFindings > 0 {
		opt.MaxFindings = max(o.maxFindings, rawFindings)
	}
	if o.schema != "" {
		if opt.Schema = schema.ByName(strings.TrimSuffix(o.schema, ".dtd")); opt.Schema == nil {
			fmt.Fprintf(stderr, "qxlint: no schema %q (see --list-schemas)\n", o.schema)
			return ExitTrouble
		}
	}
	r, err := newRunner(o, s, stdout, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "qxlint: %v\n", err)
		return ExitTrouble
	}
	var enabled []*rules.Rule
	for _, rule := range s.cat.RecordRules() {
		if o.selection.ruleEnabled(rule) {
			enabled = append(enabled, rule)
		}
	}
	set := rules.NewSet(enabled)
	lint.CheckWith(lint.Expand(paths, stdin), opt, o.jobs,
		func(lint.Input) []validate.Observer {
			return []validate.Observer{validate.Concurrent(set.NewChecker())}
		},
		r.file)
	r.finish()
	return r.exitStatus()
}

// newRunner opens the outputs and loads the baseline.
func newRunner(o *options, s *setup, stdout, stderr io.Writer) (*runner, error) {
	r := &runner{o: o, s: s, stderr: stderr, run: report.Run{Rules: s.cat.All()}}
	if o.baseline != "" {
		b, err := loadBaseline(o.baseline)
		if err != nil {
			return nil, err
		}
		r.base = b
	}
	if o.writeBaseline != "" {
		r.counts = baselineCounts{}
	}
	if err := r.addOutput(o.format, stdout, nil); err != nil {
		return nil, err
	}
	for _, out := range o.outputs {
		f, err := os.Create(out.path)
		if err != nil {
			r.closeOutputs()
			return nil, fmt.Errorf("--output: %w", err)
		}
		if err := r.addOutput(out.format, f, f); err != nil {
			return nil, err
		}
	}
	return r, nil
}

func (r *runner) addOutput(format string, w io.Writer, f *os.File) error {
	buf := bufio.NewWriter(w)
	rw, err := report.New(format, buf, r.run.Rules)
	if err != nil {
		return err
	}
	r.outputs = append(r.outputs, &outputFile{format: format, w: rw, buf: buf, file: f})
	return nil
}

// each calls write on every output that has not failed yet. Stdout is
// flushed after each call, so text streams as files are checked.
func (r *runner) each(write func(report.Writer) error) {
	for _, out := range r.outputs {
		if out.err != nil {
			continue
		}
		out.err = write(out.w)
		if out.err == nil && out.file == nil {
			out.err = out.buf.Flush()
		}
	}
}

// closeOutputs flushes and closes the outputs, reporting what failed.
func (r *runner) closeOutputs() {
	for _, out := range r.outputs {
		if out.err == nil {
			out.err = out.buf.Flush()
		}
		if out.file != nil {
			if err := out.file.Close(); out.err == nil {
				out.err = err
			}
		}
		if out.err != nil {
			r.trouble = true
			fmt.Fprintf(r.stderr, "qxlint: writing %s output: %v\n", out.format, out.err)
		}
	}
}

// file takes the result of one input, in input order.
func (r *runner) file(fr lint.FileResult) {
	f := &report.File{Name: fr.Name, Input: true, Err: fr.Err}
	r.run.Files = append(r.run.Files, f)
	r.sum.files++
	if fr.Err != nil {
		r.trouble = true
		r.sum.unreadable++
		fmt.Fprintf(r.stderr, "qxlint: %v\n", fr.Err)
	} else {
		r.judge(f, fr.Result)
		for _, obs := range fr.Observers {
			if c, ok := validate.Unwrap(obs).(*rules.Checker); ok {
				r.pages = append(r.pages, rules.PageOf{File: f.Name, Page: c.Page()})
			}
		}
	}
	r.each(func(w report.Writer) error { return w.File(f) })
	if f.Dropped > 0 {
		fmt.Fprintf(r.stderr, "qxlint: %s: %d more findings not shown (--max-findings)\n",
			f.Name, f.Dropped)
	}
}

// judge filters the findings of a file, applies suppressions and the
// baseline, cuts them to --max-findings and gives the file its verdict.
func (r *runner) judge(f *report.File, res validate.Result) {
	if res.Schema != nil {
		f.Format = res.Schema.Name
	}
	shown := r.control(f, res.Findings)
	lostErrors := res.Errors - countSeverity(res.Findings, validate.Error)
	lostWarnings := res.Warnings - countSeverity(res.Findings, validate.Warning)
	if res.Dropped == 0 {
		r.full = append(r.full, f.Name)
	}
	f.Findings = capFindings(shown, r.o.maxFindings)
	f.Dropped = len(shown) - len(f.Findings) + res.Dropped
	f.Failed = r.fails(shown) || lostErrors > 0 || r.o.strict && lostWarnings > 0
	r.sum.add(shown)
	r.sum.errors += lostErrors
	r.sum.warnings += lostWarnings
}

// control returns the findings of file f that are reported: those of enabled
// rules that no suppression and no baseline entry accepts.
func (r *runner) control(f *report.File, findings []validate.Finding) []validate.Finding {
	var shown []validate.Finding
	for _, x := range findings {
		switch {
		case !r.o.selection.enabled(x.ID, x.Severity):
			continue
		case r.s.conf.suppress(f.Name, x):
			f.Suppressed++
			r.sum.suppressed++
			continue
		}
		if r.counts != nil {
			r.counts.add(f.Name, x)
		}
		if r.base.accept(f.Name, x) {
			f.Baselined++
			r.sum.baselined++
			continue
		}
		shown = append(shown, x)
	}
	return shown
}

// capFindings keeps the first n findings (all for n = 0) and, as the
// validator does, the one where reading stopped, which comes last: a reader
// of a capped list most needs to know that the file is cut or broken.
func capFindings(findings []validate.Finding, n int) []validate.Finding {
	if n <= 0 || len(findings) <= n {
		return findings
	}
	kept := findings[:n:n]
	if last := findings[len(findings)-1]; stopsReading(last.ID) {
		kept = append(kept, last)
	}
	return kept
}

// stopsReading tells whether a finding of rule id ends the reading of a
// document: every problem of the scanner but the entities it reads past.
func stopsReading(id string) bool {
	switch id {
	case scan.IDSyntax, scan.IDChar, scan.IDEncoding, scan.IDLimit, scan.IDTruncated,
		scan.IDReadFailure, scan.IDEmptyDocment:
		return true
	}
	return false
}

// fails tells whether findings fail a file: any error, or any warning with
// --strict.
func (r *runner) fails(findings []validate.Finding) bool {
	return slices.ContainsFunc(findings, func(x validate.Finding) bool {
		return x.Severity == validate.Error || r.o.strict
	})
}

func countSeverity(findings []validate.Finding, sev validate.Severity) int {
	n := 0
	for _, x := range findings {
		if x.Severity == sev {
			n++
		}
	}
	return n
}
