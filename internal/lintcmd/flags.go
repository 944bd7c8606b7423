package lintcmd

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/pflag"

	"qx/internal/report"
	"qx/internal/scan"
)

// options are the command line of one qxlint run.
type options struct {
	schema        string
	maxFindings   int
	strict        bool
	jobs          int
	listSchemas   bool
	printDTD      string
	listRules     bool
	explain       string
	limits        scan.Limits
	format        string
	outputs       outputList
	selection     selection
	rulesFiles    []string
	config        string
	noConfig      bool
	baseline      string
	writeBaseline string
}

// outputList is the --output flag: FORMAT=PATH, repeatable.
type outputList []output

type output struct{ format, path string }

func (o *outputList) String() string { return "" }
func (o *outputList) Type() string   { return "FORMAT=PATH" }

func (o *outputList) Set(v string) error {
	format, path, ok := strings.Cut(v, "=")
	if !ok || path == "" {
		return fmt.Errorf("%q is not FORMAT=PATH", v)
	}
	if !slices.Contains(report.Formats, format) {
		return fmt.Errorf("unknown format %q (one of %s)", format,
			strings.Join(report.Formats, ", "))
	}
	*o = append(*o, output{format, path})
	return nil
}

// selectFlag is --enable or --disable: both append to one selection, so the
// later flag wins.
type selectFlag struct {
	sel    *selection
	enable bool
}

func (s selectFlag) String() string { return "" }
func (s selectFlag) Type() string   { return "ID|SEVERITY" }

func (s selectFlag) Set(v string) error {
	for item := range strings.SplitSeq(v, ",") {
		if item = strings.TrimSpace(item); item == "" {
			return errors.New("empty rule id or severity")
		}
		*s.sel = append(*s.sel, selector{enable: s.enable, what: item})
	}
	return nil
}

// parseFlags reads the command line.
func parseFlags(args []string, stderr io.Writer) (*options, []string, error) {
	o := &options{}
	fs := pflag.NewFlagSet("qxlint", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, usage+fs.FlagUsages()) }
	fs.SortFlags = false
	addCheckFlags(fs, o)
	addRuleFlags(fs, o)
	addOutputFlags(fs, o)
	addLimitFlags(fs, o)
	if err := fs.Parse(args); err != nil {
		return nil, nil, err
	}
	if o.maxFindings < 0 || o.jobs < 0 || o.limits.MaxDepth < 1 || o.limits.MaxNameLen < 1 ||
		o.limits.MaxAttrLen < 1 || o.limits.MaxAttrs < 1 {
		return nil, nil, errors.New(
			"--jobs and --max-findings must not be negative, the limits must be positive")
	}
	if n := slices.Index(fs.Args(), "-"); n >= 0 && slices.Index(fs.Args()[n+1:], "-") >= 0 {
		return nil, nil, errors.New("stdin (-) can be read once only")
	}
	if !slices.Contains(report.Formats, o.format) {
		return nil, nil, fmt.Errorf("unknown --format %q (one of %s)", o.format,
			strings.Join(report.Formats, ", "))
	}
	return o, fs.Args(), nil
}

func addCheckFlags(fs *pflag.FlagSet, o *options) {
	fs.StringVar(&o.schema, "schema", "",
		"check every file against schema `NAME` (see --list-schemas)")
	fs.BoolVar(&o.strict, "strict", false, "exit 1 on warnings too")
	fs.IntVarP(&o.jobs, "jobs", "j", 0, "files checked at once; 0 means one per CPU")
	fs.BoolVar(&o.listSchemas, "list-schemas", false, "list the known formats and exit")
	fs.StringVar(&o.printDTD, "print-dtd", "",
		"print the content model `NAME` as a DTD and exit")
}

func addRuleFlags(fs *pflag.FlagSet, o *options) {
	fs.BoolVar(&o.listRules, "list-rules", false, "list every finding id and exit")
	fs.StringVar(&o.explain, "explain", "", "explain the finding `ID` and exit")
	fs.Var(selectFlag{&o.selection, true}, "enable",
		"report findings of rule ID, or of a severity (error, warning, all); repeatable")
	fs.Var(selectFlag{&o.selection, false}, "disable",
		"do not report them; of --enable and --disable the later flag wins")
	fs.StringArrayVar(&o.rulesFiles, "rules", nil, "add the custom XPath rules of `FILE`")
	fs.StringVar(&o.config, "config", "",
		"read suppressions and rules files from `FILE` (default ./"+defaultConfig+" if present)")
	fs.BoolVar(&o.noConfig, "no-config", false, "read no configuration file")
	fs.StringVar(&o.baseline, "baseline", "",
		"accept the findings listed in `FILE`: only new ones are reported")
	fs.StringVar(&o.writeBaseline, "write-baseline", "",
		"write the findings of this run to `FILE` as a baseline")
}

func addOutputFlags(fs *pflag.FlagSet, o *options) {
	fs.StringVar(&o.format, "format", "text",
		"write findings to stdout as `FORMAT`: "+strings.Join(report.Formats, ", "))
	fs.Var(&o.outputs, "output", "also write findings as FORMAT to PATH; repeatable")
	fs.IntVar(&o.maxFindings, "max-findings", 100, "findings shown per file; 0 shows all")
}

func addLimitFlags(fs *pflag.FlagSet, o *options) {
	d := scan.DefaultLimits
	fs.IntVar(&o.limits.MaxDepth, "max-depth", d.MaxDepth, "deepest element nesting accepted")
	fs.IntVar(&o.limits.MaxNameLen, "max-name-len", d.MaxNameLen,
		"longest name accepted, in bytes")
	fs.IntVar(&o.limits.MaxAttrLen, "max-attr-len", d.MaxAttrLen,
		"longest attribute value checked, in bytes")
	fs.IntVar(&o.limits.MaxAttrs, "max-attrs", d.MaxAttrs, "most attributes on one element")
}
