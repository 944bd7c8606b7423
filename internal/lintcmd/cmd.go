// Package lintcmd is the qxlint command: it parses the command line, checks the
// files it names and decides the exit status.
package lintcmd

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"

	"qx/internal/lint"
	"qx/internal/scan"
	"qx/internal/validate"
	"qx/schema"
)

// Exit statuses of qxlint.
const (
	ExitClean    = 0 // nothing found (warnings allowed unless --strict)
	ExitFindings = 1 // findings that fail the run
	ExitTrouble  = 2 // bad usage, or an input that could not be opened or read
)

const usage = `usage: qxlint [flags] PATH...

Checks saved Qualys API 8.21.2 XML replies against the content models of their
formats. PATH is a file, a directory (every *.xml and *.xml.gz below it) or - for
stdin; gzip input is recognised by its first bytes.

Flags:
`

type config struct {
	schema      string
	maxFindings int
	strict      bool
	jobs        int
	listSchemas bool
	printDTD    string
	limits      scan.Limits
}

// Main runs qxlint with args (without the program name) and returns its exit
// status.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cfg, paths, err := parseFlags(args, stderr)
	if errors.Is(err, pflag.ErrHelp) {
		return ExitClean
	}
	if err != nil {
		fmt.Fprintf(stderr, "qxlint: %v\n", err)
		return ExitTrouble
	}
	switch {
	case cfg.listSchemas:
		for _, s := range schema.All() {
			fmt.Fprintf(stdout, "%-32s %-32s %s\n", s.Name, s.Root, s.Path)
		}
		return ExitClean
	case cfg.printDTD != "":
		s := schema.ByName(strings.TrimSuffix(cfg.printDTD, ".dtd"))
		if s == nil {
			fmt.Fprintf(stderr, "qxlint: no schema %q (see --list-schemas)\n", cfg.printDTD)
			return ExitTrouble
		}
		if err := s.WriteDTD(stdout); err != nil {
			fmt.Fprintf(stderr, "qxlint: %v\n", err)
			return ExitTrouble
		}
		return ExitClean
	case len(paths) == 0:
		fmt.Fprintf(stderr, "qxlint: no PATH given\n%s", usage)
		return ExitTrouble
	}
	return run(cfg, paths, stdin, stdout, stderr)
}

func parseFlags(args []string, stderr io.Writer) (config, []string, error) {
	var cfg config
	fs := pflag.NewFlagSet("qxlint", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, usage+fs.FlagUsages()) }
	fs.StringVar(&cfg.schema, "schema", "", "check every file against schema `NAME` (see --list-schemas)")
	fs.IntVar(&cfg.maxFindings, "max-findings", 100, "findings shown per file; 0 shows all")
	fs.BoolVar(&cfg.strict, "strict", false, "exit 1 on warnings too")
	fs.IntVarP(&cfg.jobs, "jobs", "j", 0, "files checked at once; 0 means one per CPU")
	fs.BoolVar(&cfg.listSchemas, "list-schemas", false, "list the known formats and exit")
	fs.StringVar(&cfg.printDTD, "print-dtd", "", "print the content model `NAME` as a DTD and exit")
	d := scan.DefaultLimits
	fs.IntVar(&cfg.limits.MaxDepth, "max-depth", d.MaxDepth, "deepest element nesting accepted")
	fs.IntVar(&cfg.limits.MaxNameLen, "max-name-len", d.MaxNameLen, "longest name accepted, in bytes")
	fs.IntVar(&cfg.limits.MaxAttrLen, "max-attr-len", d.MaxAttrLen,
		"longest attribute value checked, in bytes")
	fs.IntVar(&cfg.limits.MaxAttrs, "max-attrs", d.MaxAttrs, "most attributes on one element")
	if err := fs.Parse(args); err != nil {
		return cfg, nil, err
	}
	if cfg.maxFindings < 0 || cfg.limits.MaxDepth < 1 || cfg.limits.MaxNameLen < 1 ||
		cfg.limits.MaxAttrLen < 1 || cfg.limits.MaxAttrs < 1 {
		return cfg, nil, errors.New("limits must be positive")
	}
	return cfg, fs.Args(), nil
}

// run checks the inputs and prints their findings.
func run(cfg config, paths []string, stdin io.Reader, stdout, stderr io.Writer) int {
	opt := validate.Options{MaxFindings: cfg.maxFindings, Limits: cfg.limits}
	if cfg.schema != "" {
		if opt.Schema = schema.ByName(strings.TrimSuffix(cfg.schema, ".dtd")); opt.Schema == nil {
			fmt.Fprintf(stderr, "qxlint: no schema %q (see --list-schemas)\n", cfg.schema)
			return ExitTrouble
		}
	}
	var sum summary
	lint.Check(lint.Expand(paths, stdin), opt, cfg.jobs, func(fr lint.FileResult) {
		sum.add(fr)
		if fr.Err != nil {
			fmt.Fprintf(stderr, "qxlint: %v\n", fr.Err)
			return
		}
		writeText(stdout, fr)
		if fr.Result.Dropped > 0 {
			fmt.Fprintf(stderr, "qxlint: %s: %d more findings not shown (--max-findings)\n",
				fr.Name, fr.Result.Dropped)
		}
	})
	fmt.Fprintln(stderr, sum)
	switch {
	case sum.troubled > 0:
		return ExitTrouble
	case sum.errors > 0 || cfg.strict && sum.warnings > 0:
		return ExitFindings
	}
	return ExitClean
}

// writeText prints findings as path:line:col: severity: message [id].
func writeText(w io.Writer, fr lint.FileResult) {
	for _, f := range fr.Result.Findings {
		fmt.Fprintf(w, "%s:%d:%d: %s: %s [%s]\n", fr.Name, f.Pos.Line, f.Pos.Col, f.Severity,
			f.Msg, f.ID)
	}
}

// summary counts what a run found, for the closing line on stderr.
type summary struct {
	files, troubled, errors, warnings int
}

func (s *summary) add(fr lint.FileResult) {
	s.files++
	if fr.Err != nil {
		s.troubled++
		return
	}
	s.errors += fr.Result.Errors
	s.warnings += fr.Result.Warnings
}

func (s summary) String() string {
	msg := fmt.Sprintf("qxlint: %s checked: %s, %s", plural(s.files, "file"),
		plural(s.errors, "error"), plural(s.warnings, "warning"))
	if s.troubled > 0 {
		msg += fmt.Sprintf("; %s could not be read", plural(s.troubled, "file"))
	}
	return msg
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
