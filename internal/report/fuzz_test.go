package report_test

// The fuzz targets render runs made from fuzzed input in every format and
// read each output back with a standard parser for that format (readers_test.go
// holds the readers): whatever the file names, messages, paths and values, a
// consumer must read the findings qxlint meant, and the same run must give
// the same bytes.

import (
	"bytes"
	"cmp"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"qx/internal/report"
	"qx/internal/scan"
	"qx/internal/validate"
	"qx/rules"
)

// catalog is the built-in rule catalog, built once.
var catalog = sync.OnceValue(func() []*rules.Rule { return rules.Builtin().All() })

// recordRules are the built-in record rules, ready to check documents.
var recordRules = sync.OnceValue(func() *rules.Set {
	return rules.NewSet(rules.Builtin().RecordRules())
})

// runCase is a run as qxlint builds it: each file with the findings it had
// when it was checked, and the run-level findings added once every file was.
type runCase struct {
	files []*report.File
	late  []lateFinding
}

// lateFinding is a run-level finding of files[file].
type lateFinding struct {
	file    int
	finding validate.Finding
}

// render writes the run in format as qxlint drives a writer: each file as
// soon as it is checked, then the run-level findings, sorted into their
// files, and the whole run. It returns the output and the finished run.
func (c runCase) render(t *testing.T, format string) ([]byte, *report.Run) {
	t.Helper()
	run := &report.Run{Rules: catalog()}
	var b bytes.Buffer
	w, err := report.New(format, &b, run.Rules)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range c.files {
		cp := *f
		cp.Findings = slices.Clone(f.Findings)
		run.Files = append(run.Files, &cp)
		if err := w.File(&cp); err != nil {
			t.Fatal(err)
		}
	}
	for _, x := range c.late {
		f := run.Files[x.file]
		f.Findings = append(f.Findings, x.finding)
		slices.SortStableFunc(f.Findings, byPosition)
		f.Failed = f.Failed || x.finding.Severity == validate.Error
		run.Late = append(run.Late, rules.FileFinding{File: f.Name, Finding: x.finding})
	}
	run.Failed = slices.ContainsFunc(run.Files, func(f *report.File) bool { return f.Failed })
	if err := w.Finish(run); err != nil {
		t.Fatal(err)
	}
	return b.Bytes(), run
}

func byPosition(a, b validate.Finding) int {
	return cmp.Or(cmp.Compare(a.Pos.Line, b.Pos.Line), cmp.Compare(a.Pos.Col, b.Pos.Col))
}

// checks reads back the output of each format; every format must have one.
var checks = map[string]func(t *testing.T, c runCase, r *report.Run, out []byte){
	"text":       checkText,
	"json":       checkJSON,
	"sarif":      checkSARIF,
	"github":     checkGitHub,
	"junit":      checkJUnit,
	"checkstyle": checkCheckstyle,
}

// checkFormats renders c in every format, twice, and reads each output back.
func checkFormats(t *testing.T, c runCase) {
	for _, format := range report.Formats {
		check := checks[format]
		if check == nil {
			t.Fatalf("format %q has no check", format)
		}
		out, run := c.render(t, format)
		if again, _ := c.render(t, format); !bytes.Equal(out, again) {
			t.Errorf("%s: rendering the same run twice gave other bytes:\n%q\n%q", format, out,
				again)
		}
		check(t, c, run, out)
	}
}

// FuzzFormats renders runs built from fuzzed file names, messages, element
// paths and values (any bytes: control characters, invalid UTF-8, "]]>",
// "%", "::", line ends) in every format and reads every output back.
func FuzzFormats(f *testing.F) {
	strs := tableStrings(f)
	for i, s := range strs {
		f.Add(s, strs[(i+1)%len(strs)], "/A/B[ID='1']", s, []byte{byte(i), 0x85, 0x42, 0x13})
	}
	for _, s := range hostileStrings {
		f.Add("dir/"+s+".xml\x00"+s, s+"\x00plain message", s, s, bytes.Repeat([]byte{0x31,
			0x93, 0x4e, 0xfd}, 9))
	}
	f.Fuzz(func(t *testing.T, names, msgs, path, value string, shape []byte) {
		checkFormats(t, fieldsCase(names, msgs, path, value, shape))
	})
}

// hostileStrings are what file names, messages and values must survive in
// every format.
var hostileStrings = []string{
	"a\nb", "a\r\nb", "a\rb", "100%", "%0A%25%3A", "x::y", "::error::forged", "##[error]forged",
	"##[set-output name=x;]y", "]]>", "<![CDATA[", "&amp;<>\"'", "\x00\x01\x1b[31m", "\xff\xfe",
	"a\u2028b\u0085c", "\ufffe", "=x", " lead", "trail ", "a,b:c", "a|b`c", "c:d.xml",
	"/abs/x.xml", "é ünïcode",
}

// fieldsCase builds a run from fuzzed strings. names and msgs hold up to
// four file names and eight messages, apart at NUL bytes. The first byte of
// shape says which files could not be read and what was dropped, suppressed
// and baselined; each other byte makes a finding: its file, message, rule,
// severity and column, and whether it is found at the end of the run.
// Positions are 1-based and in order, as the validator makes them; a fourth
// file stands for one of qxlint's own (a configuration, a baseline).
func fieldsCase(names, msgs, path, value string, shape []byte) runCase {
	ns := first(strings.Split(names, "\x00"), 4)
	ms := first(strings.Split(msgs, "\x00"), 8)
	var head byte
	if len(shape) > 0 {
		head, shape = shape[0], shape[1:]
	}
	var c runCase
	for i, n := range ns {
		f := &report.File{Name: n, Input: i < 3, Dropped: int(head >> 4 & 3),
			Suppressed: int(head >> 6 & 1), Baselined: int(head >> 7)}
		if head>>i&1 == 1 {
			f.Err = fmt.Errorf("open %s: %s", n, ms[0])
		}
		c.files = append(c.files, f)
	}
	rs := catalog()
	for i, b := range first(shape, 64) {
		fi := int(b) % len(c.files)
		x := validate.Finding{Pos: scan.Pos{Line: 1 + i, Col: 1 + int(b>>5)},
			Severity: validate.Warning, ID: rs[(int(b)+i)%len(rs)].ID,
			Msg: ms[int(b>>2)%len(ms)], Path: path, Value: value}
		if b&1 == 1 {
			x.Severity = validate.Error
		}
		switch f := c.files[fi]; {
		case f.Err != nil:
			// An unreadable file has no findings.
		case b&0x80 != 0 && i%3 == 0:
			c.late = append(c.late, lateFinding{fi, x})
		default:
			f.Findings = append(f.Findings, x)
			f.Failed = f.Failed || x.Severity == validate.Error
		}
	}
	return c
}

// first returns the first n elements of s, or all if it has fewer.
func first[S ~[]E, E any](s S, n int) S { return s[:min(len(s), n)] }

// FuzzDocumentFormats checks fuzzed documents as qxlint does (content model,
// built-in record rules, the run-level page rule), under a fuzzed file name
// and beside a file that could not be read, and renders and reads back the
// run in every format. Seeds: every corpus document under its own name, and
// the table tests' strings as names.
func FuzzDocumentFormats(f *testing.F) {
	docs := corpusDocuments(f)
	for _, d := range docs {
		f.Add(d.data, d.name)
	}
	for i, s := range append(tableStrings(f), hostileStrings...) {
		f.Add(docs[i%len(docs)].data, s)
	}
	f.Fuzz(func(t *testing.T, doc []byte, name string) {
		checkFormats(t, documentCase(t, name, doc))
	})
}

// documentCase checks doc as qxlint checks a file called name, and adds a
// file that could not be read.
func documentCase(t *testing.T, name string, doc []byte) runCase {
	c := recordRules().NewChecker()
	res, err := validate.Validate(bytes.NewReader(doc),
		validate.Options{Observers: []validate.Observer{c}})
	if err != nil {
		t.Fatal(err)
	}
	f := &report.File{Name: name, Input: true, Findings: res.Findings, Dropped: res.Dropped,
		Failed: res.Errors > 0}
	if res.Schema != nil {
		f.Format = res.Schema.Name
	}
	gone := &report.File{Name: name + ".gz", Input: true,
		Err: fmt.Errorf("open %s.gz: no such file or directory", name)}
	rc := runCase{files: []*report.File{f, gone}}
	for _, x := range rules.ResolvePages([]rules.PageOf{{File: name, Page: c.Page()}}) {
		rc.late = append(rc.late, lateFinding{0, x.Finding})
	}
	return rc
}

// document is a corpus file.
type document struct {
	name string
	data []byte
}

// corpusDocuments returns every *.xml file below corpus/.
func corpusDocuments(t testing.TB) []document {
	var docs []document
	err := filepath.WalkDir("../../corpus", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".xml" {
			return err
		}
		data, err := os.ReadFile(p)
		docs = append(docs, document{strings.TrimPrefix(p, "../../"), data})
		return err
	})
	if err != nil || len(docs) == 0 {
		t.Fatalf("reading the corpus: %v (%d documents)", err, len(docs))
	}
	return docs
}

// tableStrings returns the string literals of report_test.go: the names,
// messages and escapes its table tests were written against.
func tableStrings(t testing.TB) []string {
	file, err := parser.ParseFile(token.NewFileSet(), "report_test.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var strs []string
	ast.Inspect(file, func(n ast.Node) bool {
		if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
			if s, err := strconv.Unquote(lit.Value); err == nil {
				strs = append(strs, s)
			}
		}
		return true
	})
	if len(strs) < 50 {
		t.Fatalf("report_test.go yields %d strings; did its tables move?", len(strs))
	}
	return strs
}
