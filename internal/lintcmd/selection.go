package lintcmd

import (
	"fmt"

	"qx/internal/validate"
	"qx/rules"
)

// selector is one --enable or --disable: a rule id, a severity or "all".
type selector struct {
	enable bool
	what   string
}

// matches tells whether the selector names a finding of rule id and
// severity sev.
func (s selector) matches(id string, sev validate.Severity) bool {
	return s.what == "all" || s.what == id || s.what == sev.String()
}

// selection is the --enable and --disable flags in command-line order. Every
// rule is enabled until a selector says otherwise; the last selector that
// matches a finding decides.
type selection []selector

// enabled tells whether findings of rule id with severity sev are reported.
func (s selection) enabled(id string, sev validate.Severity) bool {
	on := true
	for _, x := range s {
		if x.matches(id, sev) {
			on = x.enable
		}
	}
	return on
}

// ruleEnabled tells whether a rule runs: whether its findings, of its
// default severity, are reported.
func (s selection) ruleEnabled(r *rules.Rule) bool { return s.enabled(r.ID, r.Severity) }

// check makes sure every selector names a rule of the catalog, a severity or
// "all", so a misspelt id is an error rather than a no-op.
func (s selection) check(cat *rules.Catalog) error {
	for _, x := range s {
		switch x.what {
		case "all", validate.Error.String(), validate.Warning.String():
			continue
		}
		if cat.Lookup(x.what) == nil {
			return fmt.Errorf("unknown rule %q (see --list-rules)", x.what)
		}
	}
	return nil
}
