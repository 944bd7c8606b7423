package lintcmd

import (
	"fmt"
	"slices"

	"qx/internal/report"
	"qx/internal/validate"
	"qx/rules"
)

// finish makes the findings that need the whole run, hands the run to the
// outputs, writes the baseline and prints the summary.
func (r *runner) finish() {
	// Truncated pages whose next page is not among the inputs are findings
	// of the files they are in, under the same control as the rest.
	for _, x := range rules.ResolvePages(r.pages) {
		f := r.fileNamed(x.File)
		if shown := r.control(f, []validate.Finding{x.Finding}); len(shown) > 0 {
			r.addLate(f, x)
		}
	}

	// Suppressions and baseline entries that matched nothing are findings
	// of the configuration and the baseline; only --disable silences them.
	ran := func(id string) bool {
		rule := r.s.cat.Lookup(id)
		return rule != nil && r.o.selection.ruleEnabled(rule)
	}
	full := map[string]bool{}
	for _, name := range r.full {
		full[name] = true
	}
	for _, x := range append(r.s.conf.stale(ran, r.full), r.base.stale(full)...) {
		if r.o.selection.enabled(x.ID, x.Severity) {
			r.addLate(r.fileNamed(x.File), x)
		}
	}

	r.run.Failed = slices.ContainsFunc(r.run.Files, func(f *report.File) bool {
		return f.Failed
	})
	r.each(func(w report.Writer) error { return w.Finish(&r.run) })
	r.closeOutputs()
	if r.counts != nil {
		if err := r.counts.write(r.o.writeBaseline); err != nil {
			r.trouble = true
			fmt.Fprintf(r.stderr, "qxlint: %v\n", err)
		}
	}
	fmt.Fprintln(r.stderr, r.sum)
}

// fileNamed returns the file of the run called name, adding one for a file
// that is not an input (a configuration or a baseline).
func (r *runner) fileNamed(name string) *report.File {
	for _, f := range r.run.Files {
		if f.Name == name {
			return f
		}
	}
	f := &report.File{Name: name}
	r.run.Files = append(r.run.Files, f)
	return f
}

// addLate adds a run-level finding to its file.
func (r *runner) addLate(f *report.File, x rules.FileFinding) {
	r.run.Late = append(r.run.Late, x)
	f.Findings = append(f.Findings, x.Finding)
	slices.SortStableFunc(f.Findings, func(a, b validate.Finding) int {
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line - b.Pos.Line
		}
		return a.Pos.Col - b.Pos.Col
	})
	f.Failed = f.Failed || r.fails([]validate.Finding{x.Finding})
	r.sum.add([]validate.Finding{x.Finding})
}

// exitStatus decides how the run ends.
func (r *runner) exitStatus() int {
	switch {
	case r.trouble:
		return ExitTrouble
	case r.run.Failed:
		return ExitFindings
	}
	return ExitClean
}

// summary counts what a run found, for the closing line on stderr.
type summary struct {
	files, unreadable, errors, warnings, suppressed, baselined int
}

func (s *summary) add(findings []validate.Finding) {
	for _, x := range findings {
		if x.Severity == validate.Error {
			s.errors++
		} else {
			s.warnings++
		}
	}
}

func (s summary) String() string {
	msg := fmt.Sprintf("qxlint: %s checked: %s, %s", plural(s.files, "file"),
		plural(s.errors, "error"), plural(s.warnings, "warning"))
	if s.suppressed > 0 {
		msg += fmt.Sprintf("; %d suppressed", s.suppressed)
	}
	if s.baselined > 0 {
		msg += fmt.Sprintf("; %d accepted by the baseline", s.baselined)
	}
	if s.unreadable > 0 {
		msg += fmt.Sprintf("; %s could not be read", plural(s.unreadable, "file"))
	}
	return msg
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
