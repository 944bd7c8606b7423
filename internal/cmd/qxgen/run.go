package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"qx/internal/postgen"
)

// Exit codes: qxgen either did its job or could not.
const (
	exitOK      = 0
	exitTrouble = 2
)

// run runs qxgen with args (without the program name) and returns its exit
// code.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "pair" {
		return runPair(args[1:], stdout, stderr)
	}
	return runExport(args, stdout, stderr)
}

// common holds the options of both commands.
type common struct {
	cfg      postgen.Config
	records  int64
	size     string
	datetime string
}

// register adds the common options to fs.
func (c *common) register(fs *pflag.FlagSet) {
	fs.Int64Var(&c.records, "records", 0, "number of records")
	fs.StringVar(&c.size, "size", "",
		"pick the number of records to reach about this size (e.g. 20MB, 1GB, 1GiB)")
	fs.Uint64Var(&c.cfg.Seed, "seed", 1, "seed selecting the data")
	fs.Int64Var(&c.cfg.Hosts, "hosts", 0, "number of hosts (0: about one per --controls records)")
	fs.Int64Var(&c.cfg.Controls, "controls", 0, "number of controls (0: 300)")
	fs.IntVar(&c.cfg.Technologies, "technologies", 0,
		"number of technologies used, 1 to 10 (0: all)")
	fs.StringVar(&c.cfg.DocTypeSystem, "doctype-system", "",
		"DOCTYPE system id, e.g. a local DTD file")
	fs.StringVar(&c.datetime, "datetime", "",
		"RESPONSE/DATETIME as YYYY-MM-DDTHH:MM:SSZ (default 2019-08-12T06:00:00Z)")
	fs.BoolVar(&c.cfg.Summary, "summary", false, "add a SUMMARY with the totals")
}

// resolve turns the options parsed by fs into c.cfg.
func (c *common) resolve(fs *pflag.FlagSet) error {
	if c.datetime != "" {
		t, err := time.Parse(time.RFC3339, c.datetime)
		if err != nil {
			return fmt.Errorf("--datetime: %w", err)
		}
		c.cfg.DateTime = t.UTC()
	}
	switch {
	case fs.Changed("records") == fs.Changed("size"):
		return errors.New("give exactly one of --records and --size")
	case fs.Changed("records"):
		c.cfg.Records = c.records
		return nil
	}
	size, err := parseSize(c.size)
	if err != nil {
		return fmt.Errorf("--size: %w", err)
	}
	c.cfg.Records, err = postgen.RecordsForSize(c.cfg, size)
	return err
}

// newFlagSet returns a flag set that reports to stderr under name.
func newFlagSet(name, synopsis string, stderr io.Writer) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.SortFlags = false
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: %s\n\noptions:\n%s", synopsis, fs.FlagUsages())
	}
	return fs
}

// parse parses args into fs; done reports that qxgen should stop with code.
func parse(fs *pflag.FlagSet, args []string, stderr io.Writer) (code int, done bool) {
	err := fs.Parse(args)
	switch {
	case errors.Is(err, pflag.ErrHelp):
		return exitOK, true
	case err != nil:
		return exitTrouble, true
	case fs.NArg() > 0:
		fmt.Fprintf(stderr, "%s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		return exitTrouble, true
	}
	return exitOK, false
}

// fail reports err and returns the exit code for trouble.
func fail(stderr io.Writer, err error) int {
	fmt.Fprintf(stderr, "qxgen: %v\n", err)
	return exitTrouble
}

// runExport writes one export, single or paged.
func runExport(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("qxgen", "qxgen (--records N | --size SIZE) [options] [-o FILE]", stderr)
	var c common
	c.register(fs)
	fs.BoolVar(&c.cfg.Shuffle, "shuffle", false,
		"write records in a seeded order instead of ascending ID")
	fs.Int64Var(&c.cfg.PageSize, "page-size", 0,
		"records per page; page n goes to FILE with .n before its extension")
	out := fs.StringP("output", "o", "-", "file to write, - for stdout")
	if code, done := parse(fs, args, stderr); done {
		return code
	}
	if err := c.resolve(fs); err != nil {
		return fail(stderr, err)
	}
	if err := writeExport(c.cfg, *out, stdout); err != nil {
		return fail(stderr, err)
	}
	return exitOK
}

// writeExport writes the export of cfg to path, or its pages to numbered
// files next to path.
func writeExport(cfg postgen.Config, path string, stdout io.Writer) error {
	if cfg.PageSize == 0 {
		return writeTo(path, stdout, func(w io.Writer) error { return postgen.Write(w, cfg) })
	}
	if path == "-" {
		return errors.New("a paged export needs -o FILE")
	}
	pages := cfg.Pages()
	return postgen.WritePages(cfg, func(p int64) (io.WriteCloser, error) {
		return os.Create(pageName(path, p, pages))
	})
}

// pageName returns the file of page p (from 0) of pages: path with the page
// number, from 1 and zero-padded, before its extension.
func pageName(path string, p, pages int64) string {
	ext := filepath.Ext(path)
	width := len(strconv.FormatInt(pages, 10))
	return fmt.Sprintf("%s.%0*d%s", strings.TrimSuffix(path, ext), width, p+1, ext)
}

// writeTo runs write on the file path ("-": stdout). A file left incomplete
// by an error is removed.
func writeTo(path string, stdout io.Writer, write func(io.Writer) error) error {
	if path == "-" {
		return write(stdout)
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	err = write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
	}
	return err
}

// runPair writes a pair of exports and the changes between them.
func runPair(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("qxgen pair", "qxgen pair (--records N | --size SIZE) "+
		"--old FILE --new FILE [--changes FILE] [options]", stderr)
	var c common
	var pc postgen.PairConfig
	c.register(fs)
	fs.BoolVar(&c.cfg.Shuffle, "shuffle-old", false, "write OLD's records in a seeded order")
	fs.BoolVar(&pc.ShuffleNew, "shuffle-new", false, "write NEW's records in another seeded order")
	fs.Int64Var(&pc.Every, "every", 1000, "one change of each kind per this many records")
	fs.DurationVar(&pc.Interval, "interval", 7*24*time.Hour, "NEW's DATETIME minus OLD's")
	oldPath := fs.String("old", "", "file to write OLD to")
	newPath := fs.String("new", "", "file to write NEW to")
	changesPath := fs.String("changes", "-", "file to write the changes to, as JSON; - for stdout")
	if code, done := parse(fs, args, stderr); done {
		return code
	}
	if *oldPath == "" || *newPath == "" {
		return fail(stderr, errors.New("pair needs --old FILE and --new FILE"))
	}
	if err := c.resolve(fs); err != nil {
		return fail(stderr, err)
	}
	pc.Config = c.cfg
	if err := writePair(pc, *oldPath, *newPath, *changesPath, stdout); err != nil {
		return fail(stderr, err)
	}
	return exitOK
}

// writePair writes the pair of cfg and its changes to the three paths.
func writePair(cfg postgen.PairConfig, oldPath, newPath, changesPath string,
	stdout io.Writer) error {
	var cs postgen.Changes
	err := writeTo(oldPath, stdout, func(old io.Writer) error {
		return writeTo(newPath, stdout, func(new io.Writer) error {
			var err error
			cs, err = postgen.WritePair(old, new, cfg)
			return err
		})
	})
	if err != nil {
		return err
	}
	data, err := json.MarshalIndent(cs, "", "  ")
	if err != nil {
		return fmt.Errorf("changes: %w", err)
	}
	return writeTo(changesPath, stdout, func(w io.Writer) error {
		_, err := w.Write(append(data, '\n'))
		return err
	})
}
