// Package diffcmd is the qxdiff command: it parses the command line, reads
// and compares two compliance posture exports with package diff, renders what
// changed and decides the exit status.
package diffcmd

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"github.com/spf13/pflag"

	"qx/internal/diff"
	"qx/internal/lint"
)

// Exit statuses of qxdiff, as diff(1).
const (
	ExitSame    = 0 // no difference (by --fail-on)
	ExitDiffers = 1 // differences
	ExitTrouble = 2 // bad usage, an input that is no posture export, or I/O trouble
)

const usage = `usage: qxdiff [flags] OLD NEW
       qxdiff [flags] --old PATH [--old PATH...] --new PATH [--new PATH...]

Compares two Qualys compliance posture exports (POSTURE_INFO_LIST_OUTPUT, one
file or the pages of a truncated export, or COMPLIANCE_POLICY_REPORT) and
reports which controls changed on which hosts. A PATH is a file, a directory
(every *.xml and *.xml.gz below it) or - for stdin; gzip is recognised by its
first bytes. Exit status: 0 no difference, 1 differences (see --fail-on),
2 trouble.

Flags:
`

// config is the parsed command line.
type config struct {
	old, new     []string
	format       string
	failOn       diff.FailOn
	filter       diff.Filter
	textDiff     bool
	allowPartial bool
	memory       int64
	tempDir      string
	maxFindings  int
	color        string
	top          int
	limit        int
	jobs         int
}

// Main runs qxdiff with args (without the program name) and returns its exit
// status.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cfg, err := parseArgs(args, stderr)
	if errors.Is(err, pflag.ErrHelp) {
		return ExitSame
	}
	if err != nil {
		fmt.Fprintf(stderr, "qxdiff: %v\n", err)
		return ExitTrouble
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	return run(ctx, cfg, stdin, stdout, stderr)
}

// run compares the two sides and renders the result.
func run(ctx context.Context, cfg config, stdin io.Reader, stdout, stderr io.Writer) int {
	opt := diff.Options{Memory: cfg.memory, TempDir: cfg.tempDir, Jobs: cfg.jobs,
		KeepText: cfg.textDiff, AllowPartial: cfg.allowPartial, MaxFindings: cfg.maxFindings,
		Filter: cfg.filter}
	sides, err := diff.Read(ctx, lint.Expand(cfg.old, stdin), lint.Expand(cfg.new, stdin), opt)
	if err != nil {
		fmt.Fprintf(stderr, "qxdiff: %v\n", err)
		return ExitTrouble
	}
	defer sides.Close()
	reportFiles(stderr, sides)
	if sides.Err() != nil {
		return ExitTrouble
	}
	res, err := sides.Compare()
	if err != nil {
		fmt.Fprintf(stderr, "qxdiff: %v\n", err)
		return ExitTrouble
	}
	defer res.Close()
	w := bufio.NewWriterSize(stdout, 64<<10)
	v := view{cfg: cfg, color: useColor(cfg.color, stdout)}
	err = renderers[cfg.format](w, res, v)
	if ferr := w.Flush(); err == nil {
		err = ferr
	}
	if err != nil {
		fmt.Fprintf(stderr, "qxdiff: %v\n", err)
		return ExitTrouble
	}
	if res.Differs(cfg.failOn) {
		return ExitDiffers
	}
	return ExitSame
}

// reportFiles prints the content-model findings of every file read, then the
// problems of the sides.
func reportFiles(stderr io.Writer, s *diff.Sides) {
	for _, f := range s.Files {
		if f.Stopped {
			continue
		}
		for _, fd := range f.Result.Findings {
			fmt.Fprintf(stderr, "%s:%d:%d: %s: %s [%s]\n", f.Name, fd.Pos.Line, fd.Pos.Col,
				fd.Severity, fd.Msg, fd.ID)
		}
		if f.Result.Dropped > 0 {
			fmt.Fprintf(stderr, "qxdiff: %s: %d more findings not shown (--max-findings)\n",
				f.Name, f.Result.Dropped)
		}
	}
	for _, p := range s.Problems {
		msg := p.Error()
		switch {
		case p.Chain && p.Fatal:
			msg += " (--allow-partial compares it anyway)"
		case p.Chain:
			msg += " (compared anyway: --allow-partial)"
		}
		if !p.Fatal {
			msg = "warning: " + msg
		}
		fmt.Fprintf(stderr, "qxdiff: %s\n", msg)
	}
}

// parseArgs parses the command line into a config.
func parseArgs(args []string, stderr io.Writer) (config, error) {
	var cfg config
	fs := pflag.NewFlagSet("qxdiff", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.SortFlags = false
	fs.Usage = func() { fmt.Fprint(stderr, usage+fs.FlagUsages()+kindsHelp()) }
	var failOn, memory string
	var kinds []string
	fs.StringArrayVar(&cfg.old, "old", nil, "a file or directory of OLD (repeatable)")
	fs.StringArrayVar(&cfg.new, "new", nil, "a file or directory of NEW (repeatable)")
	fs.StringVarP(&cfg.format, "format", "f", "text", "output `FORMAT`: text, markdown or json")
	fs.StringVar(&failOn, "fail-on", "regressed", "`WHAT` makes the exit status 1: "+
		"regressed (the posture got worse),\nchanged (any change but re-evaluations), any, none")
	fs.StringSliceVar(&kinds, "kind", nil, "report only these `KINDS` of change (comma-separated)")
	fs.StringSliceVar(&cfg.filter.Hosts, "host", nil,
		"report only hosts matching `PATTERN` (host ID, IP or DNS name; * and ? wildcards)")
	fs.StringSliceVar(&cfg.filter.Controls, "control", nil, "report only these control `IDS`")
	fs.StringSliceVar(&cfg.filter.Criticalities, "criticality", nil,
		"report only controls of these criticality `LABELS`; LABEL+ means LABEL and above")
	fs.BoolVar(&cfg.textDiff, "text-diff", false,
		"show changed remediation and evidence texts as word-level diffs")
	fs.BoolVar(&cfg.allowPartial, "allow-partial", false,
		"compare a side whose pages do not chain (a page is missing)")
	fs.StringVar(&memory, "memory", "128MB",
		"`SIZE` of the memory budget for records, e.g. 128MB or 1GiB;\n"+
			"beyond it they spill to temporary files")
	fs.StringVar(&cfg.tempDir, "temp-dir", "", "`DIR` for temporary files (default: the system's)")
	fs.IntVar(&cfg.maxFindings, "max-findings", 100,
		"content-model findings shown per file; 0 shows all")
	fs.StringVar(&cfg.color, "color", "auto", "colour the text output: auto, always or never")
	fs.IntVar(&cfg.top, "top", 20, "hosts shown in the roll-up of text and markdown; 0 shows all")
	fs.IntVar(&cfg.limit, "limit", 0,
		"changes listed per kind in text and markdown; 0 lists all")
	fs.IntVarP(&cfg.jobs, "jobs", "j", 0, "files read at once; 0 means one per CPU")
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if err := cfg.resolve(fs.Args(), failOn, memory, kinds); err != nil {
		return cfg, err
	}
	return cfg, nil
}

// resolve checks the parsed flags and fills in what they imply.
func (c *config) resolve(args []string, failOn, memory string, kinds []string) error {
	if err := c.resolveSides(args); err != nil {
		return err
	}
	if _, ok := renderers[c.format]; !ok {
		return fmt.Errorf("unknown --format %q: want text, markdown or json", c.format)
	}
	if c.color != "auto" && c.color != "always" && c.color != "never" {
		return fmt.Errorf("unknown --color %q: want auto, always or never", c.color)
	}
	if c.maxFindings < 0 || c.top < 0 || c.limit < 0 {
		return errors.New("--max-findings, --top and --limit must not be negative")
	}
	var err error
	if c.failOn, err = diff.ParseFailOn(failOn); err != nil {
		return fmt.Errorf("--fail-on: %w", err)
	}
	if c.memory, err = parseSize(memory); err != nil {
		return fmt.Errorf("--memory: %w", err)
	}
	for _, k := range kinds {
		kind, err := diff.ParseKind(k)
		if err != nil {
			return fmt.Errorf("--kind: %w", err)
		}
		c.filter.Kinds = append(c.filter.Kinds, kind)
	}
	c.filter.Criticalities = expandCriticalities(c.filter.Criticalities)
	return c.filter.Check()
}

// resolveSides takes OLD and NEW from the arguments or from --old and --new.
func (c *config) resolveSides(args []string) error {
	switch {
	case len(c.old) > 0 || len(c.new) > 0:
		if len(args) > 0 {
			return fmt.Errorf("unexpected argument %q: with --old and --new, "+
				"give every path with them", args[0])
		}
		if len(c.old) == 0 || len(c.new) == 0 {
			return errors.New("give both sides: --old PATH and --new PATH")
		}
	case len(args) != 2:
		return fmt.Errorf("want two paths, OLD and NEW, got %d\n%s", len(args),
			strings.TrimSuffix(usage, "\nFlags:\n"))
	default:
		c.old, c.new = args[:1], args[1:]
	}
	stdin := 0
	for _, p := range append(append([]string{}, c.old...), c.new...) {
		if p == "-" {
			stdin++
		}
	}
	if stdin > 1 {
		return errors.New("stdin (-) can be read once only")
	}
	return nil
}

// kindsHelp lists the kinds of change for --help.
func kindsHelp() string {
	var names []string
	for _, k := range diff.Kinds() {
		names = append(names, k.String())
	}
	return "\nKinds of change: " + strings.Join(names, ", ") + ".\n"
}

// criticalityOrder lists the labels, least critical first.
var criticalityOrder = []string{"MINIMAL", "MEDIUM", "SERIOUS", "CRITICAL", "URGENT"}

// expandCriticalities turns LABEL+ into LABEL and every label above it.
func expandCriticalities(labels []string) []string {
	var out []string
	for _, l := range labels {
		l = strings.ToUpper(strings.TrimSpace(l))
		base, plus := strings.CutSuffix(l, "+")
		i := indexOf(criticalityOrder, base)
		if !plus || i < 0 {
			out = append(out, l)
			continue
		}
		out = append(out, criticalityOrder[i:]...)
	}
	return out
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}
