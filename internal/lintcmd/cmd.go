// Package lintcmd is the qxlint command: it parses the command line, loads
// the configuration, baseline and custom rules, checks the files it names,
// hands what it found to the renderers of package report and decides the
// exit status.
package lintcmd

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"

	"qx/rules"
	"qx/schema"
)

// Exit statuses of qxlint.
const (
	ExitClean    = 0 // nothing found (warnings allowed unless --strict)
	ExitFindings = 1 // findings that fail the run
	ExitTrouble  = 2 // bad usage, a bad configuration, or an input that could not be read
)

const usage = `usage: qxlint [flags] PATH...

Checks saved Qualys API 8.21.2 XML replies against the content models of their
formats and the semantic rules of their records. PATH is a file, a directory
(every *.xml and *.xml.gz below it) or - for stdin; gzip input is recognised by
its first bytes. qxlint --list-rules lists every finding id; --explain ID says
why one matters.

Flags:
`

// setup is what a run needs besides its flags: the catalog with any custom
// rules, and the configuration.
type setup struct {
	cat  *rules.Catalog
	conf *config
}

// Main runs qxlint with args (without the program name) and returns its exit
// status.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	o, paths, err := parseFlags(args, stderr)
	if errors.Is(err, pflag.ErrHelp) {
		return ExitClean
	}
	if err != nil {
		fmt.Fprintf(stderr, "qxlint: %v\n", err)
		return ExitTrouble
	}
	switch {
	case o.listSchemas:
		for _, s := range schema.All() {
			fmt.Fprintf(stdout, "%-32s %-32s %s\n", s.Name, s.Root, s.Path)
		}
		return ExitClean
	case o.printDTD != "":
		return printDTD(o.printDTD, stdout, stderr)
	}
	s, err := prepare(o)
	if err != nil {
		fmt.Fprintf(stderr, "qxlint: %v\n", err)
		return ExitTrouble
	}
	switch {
	case o.listRules:
		return listRules(s.cat, stdout)
	case o.explain != "":
		return explain(s.cat, o.explain, stdout, stderr)
	case len(paths) == 0:
		fmt.Fprintf(stderr, "qxlint: no PATH given\n%s", usage)
		return ExitTrouble
	}
	return run(o, s, paths, stdin, stdout, stderr)
}

// printDTD prints a content model as a DTD.
func printDTD(name string, stdout, stderr io.Writer) int {
	s := schema.ByName(strings.TrimSuffix(name, ".dtd"))
	if s == nil {
		fmt.Fprintf(stderr, "qxlint: no schema %q (see --list-schemas)\n", name)
		return ExitTrouble
	}
	if err := s.WriteDTD(stdout); err != nil {
		fmt.Fprintf(stderr, "qxlint: %v\n", err)
		return ExitTrouble
	}
	return ExitClean
}

// prepare loads the configuration and the custom rules it and the flags
// name, and checks that every rule id the flags and suppressions use exists.
func prepare(o *options) (*setup, error) {
	var conf *config
	if !o.noConfig {
		c, err := loadConfig(o.config)
		if err != nil {
			return nil, err
		}
		conf = c
	}
	s := &setup{cat: rules.Builtin(), conf: conf}
	var files []string
	if conf != nil {
		files = conf.rules
	}
	for _, name := range append(files, o.rulesFiles...) {
		rs, err := rules.LoadFile(name)
		if err == nil {
			err = s.cat.Add(rs...)
		}
		if err != nil {
			return nil, fmt.Errorf("custom rules: %w", err)
		}
	}
	if conf != nil {
		if err := conf.checkRules(s.cat); err != nil {
			return nil, err
		}
	}
	return s, o.selection.check(s.cat)
}
