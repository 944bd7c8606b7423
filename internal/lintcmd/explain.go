package lintcmd

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"qx/rules"
)

// listRules prints every rule of the catalog, one a line.
func listRules(cat *rules.Catalog, stdout io.Writer) int {
	tw := tabwriter.NewWriter(stdout, 0, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSEVERITY\tKIND\tTITLE")
	for _, r := range cat.All() {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.ID, r.Severity, r.Kind, r.Title)
	}
	tw.Flush()
	return ExitClean
}

// explain prints everything the catalog says about one rule.
func explain(cat *rules.Catalog, id string, stdout, stderr io.Writer) int {
	r := cat.Lookup(id)
	if r == nil {
		fmt.Fprintf(stderr, "qxlint: unknown rule %q (see --list-rules)\n", id)
		return ExitTrouble
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s\n\n", r.ID, r.Title)
	field := func(name, value string) {
		if value != "" {
			fmt.Fprintf(&b, "%-9s %s\n", name+":", value)
		}
	}
	field("severity", r.Severity.String())
	field("kind", r.Kind.String())
	field("from", r.Origin)
	field("records", strings.Join(r.Records, "\n"+strings.Repeat(" ", 10)))
	if a := r.Assert; a != nil {
		field("context", a.Context)
		field("assert", a.Assert)
		field("value", a.Value)
		field("message", a.Message)
	}
	if r.Text != "" {
		b.WriteByte('\n')
		for i, para := range strings.Split(r.Text, "\n\n") {
			if i > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(wrap(para, 78))
		}
	}
	fmt.Fprint(stdout, b.String())
	return ExitClean
}

// wrap breaks text into lines of at most width characters, at spaces.
func wrap(text string, width int) string {
	var b strings.Builder
	n := 0
	for i, w := range strings.Fields(text) {
		switch {
		case i == 0:
		case n+1+len(w) > width:
			b.WriteByte('\n')
			n = 0
		default:
			b.WriteByte(' ')
			n++
		}
		b.WriteString(w)
		n += len(w)
	}
	b.WriteByte('\n')
	return b.String()
}
