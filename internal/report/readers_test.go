package report_test

// Readers of each output format, as its consumers read it: encoding/json and
// the JSON schema, the SARIF 2.1.0 structure, encoding/xml for JUnit and
// Checkstyle, line by line for text, and the GitHub Actions runner's own
// parsing of workflow commands. Each compares what it reads with the run.

import (
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"

	"qx/internal/report"
	"qx/internal/validate"
	"qx/rules"
)

// item is a finding, or a file that could not be read (x nil), in the order
// the streaming formats print them.
type item struct {
	file *report.File
	x    *validate.Finding
}

// streamOrder lists the findings and read errors of a run as the streaming
// formats print them: each file's when it is checked, then the run-level
// findings.
func streamOrder(c runCase, r *report.Run) []item {
	var items []item
	for i, f := range c.files {
		if f.Err != nil {
			items = append(items, item{file: r.Files[i]})
		}
		for j := range f.Findings {
			items = append(items, item{r.Files[i], &f.Findings[j]})
		}
	}
	for _, x := range c.late {
		items = append(items, item{r.Files[x.file], &x.finding})
	}
	return items
}

// checkText reads one line per finding, each with its position, severity
// and rule.
func checkText(t *testing.T, c runCase, r *report.Run, out []byte) {
	s := string(out)
	if strings.ContainsRune(s, '\r') {
		t.Errorf("text: a carriage return splits a line for many readers:\n%q", s)
	}
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] != "" {
		t.Errorf("text: the output does not end with a line end:\n%q", s)
	}
	var want []*validate.Finding
	for _, it := range streamOrder(c, r) {
		if it.x != nil {
			want = append(want, it.x)
		}
	}
	if len(lines)-1 != len(want) {
		t.Fatalf("text: %d lines for %d findings:\n%q", len(lines)-1, len(want), s)
	}
	for i, x := range want {
		pos := fmt.Sprintf(":%d:%d: %s: ", x.Pos.Line, x.Pos.Col, x.Severity)
		if !strings.Contains(lines[i], pos) || !strings.HasSuffix(lines[i], " ["+x.ID+"]\n") {
			t.Errorf("text: line %d %q is not the finding %q ... [%s]", i+1, lines[i], pos, x.ID)
		}
	}
}

// jsonDoc is the JSON report as a consumer reads it.
type jsonDoc struct {
	Files []struct {
		Name     string
		Error    string
		Failed   bool
		Findings []struct {
			Line, Column            int
			Severity, Rule, Message string
		}
	}
}

// reportSchema is qxlint-report.schema.json, read once.
var reportSchema = sync.OnceValues(func() (map[string]any, error) {
	data, err := os.ReadFile("qxlint-report.schema.json")
	if err != nil {
		return nil, err
	}
	var s map[string]any
	return s, json.Unmarshal(data, &s)
})

// checkJSON reads the document with encoding/json, checks it against the
// schema, and compares its files and findings with the run's.
func checkJSON(t *testing.T, c runCase, r *report.Run, out []byte) {
	var v any
	if err := json.Unmarshal(out, &v); err != nil {
		t.Fatalf("json: %v\n%s", err, out)
	}
	schema, err := reportSchema()
	if err != nil {
		t.Fatal(err)
	}
	if errs := schemaErrors(schema, schema, v, "$"); len(errs) > 0 {
		t.Errorf("json: the document breaks qxlint-report.schema.json:\n%s\n%s",
			strings.Join(errs, "\n"), out)
	}
	var doc jsonDoc
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Files) != len(r.Files) {
		t.Fatalf("json: %d files, the run has %d", len(doc.Files), len(r.Files))
	}
	for i, f := range r.Files {
		jf := doc.Files[i]
		if jf.Name != valid(f.Name) || jf.Failed != f.Failed ||
			(jf.Error != "") != (f.Err != nil) || len(jf.Findings) != len(f.Findings) {
			t.Errorf("json: file %d reads as %+v, the run has %+v", i, jf, f)
			continue
		}
		for j, x := range f.Findings {
			got := jf.Findings[j]
			if got.Line != x.Pos.Line || got.Column != x.Pos.Col || got.Rule != x.ID ||
				got.Severity != x.Severity.String() || got.Message != valid(x.Msg) {
				t.Errorf("json: finding %+v, the run has %+v", got, x)
			}
		}
	}
}

// valid returns s as a UTF-8 decoder reads it: each byte that is not part of
// a UTF-8 sequence becomes U+FFFD, as encoding/json writes it.
func valid(s string) string { return string([]rune(s)) }

// schemaErrors checks v, at path at, against s, a part of the JSON schema
// root (draft 7, the keywords qxlint-report.schema.json uses), and returns
// where v breaks it. A keyword it does not know is an error, so a schema
// grown beyond this check cannot pass unchecked.
func schemaErrors(root, s map[string]any, v any, at string) []string {
	if ref, ok := s["$ref"].(string); ok {
		name, _ := strings.CutPrefix(ref, "#/definitions/")
		s, _ = root["definitions"].(map[string]any)[name].(map[string]any)
		if s == nil {
			return []string{at + ": unresolved $ref " + ref}
		}
	}
	var errs []string
	for k, kv := range s {
		if msg := valueKeyword(k, kv, v); msg != "" {
			errs = append(errs, at+": "+msg)
		}
		errs = append(errs, nestedKeyword(root, s, k, kv, v, at)...)
	}
	return errs
}

// valueKeyword checks keyword k, of value kv, on v itself, and returns what
// is wrong.
func valueKeyword(k string, kv, v any) string {
	switch k {
	case "type":
		if !hasType(v, kv.(string)) {
			return fmt.Sprintf("%v is not of type %v", v, kv)
		}
	case "const", "enum":
		allowed := []any{kv}
		if k == "enum" {
			allowed = kv.([]any)
		}
		if !slices.ContainsFunc(allowed, func(a any) bool { return reflect.DeepEqual(a, v) }) {
			return fmt.Sprintf("%v is not one of %v", v, allowed)
		}
	case "minimum":
		if n, ok := v.(float64); ok && n < kv.(float64) {
			return fmt.Sprintf("%v is below %v", n, kv)
		}
	case "pattern":
		if str, ok := v.(string); ok && !regexp.MustCompile(kv.(string)).MatchString(str) {
			return fmt.Sprintf("%q does not match %v", str, kv)
		}
	case "required", "properties", "additionalProperties", "items", "description", "title",
		"$schema", "$id", "$ref", "definitions":
	default:
		return fmt.Sprintf("schema keyword %q is not checked by this test", k)
	}
	return ""
}

// nestedKeyword checks keyword k, of value kv, of schema s on the fields
// and items of v, and returns what is wrong.
func nestedKeyword(root, s map[string]any, k string, kv, v any, at string) []string {
	obj, _ := v.(map[string]any)
	var errs []string
	switch k {
	case "required":
		for _, name := range kv.([]any) {
			if _, ok := obj[name.(string)]; !ok {
				errs = append(errs, fmt.Sprintf("%s: no field %q", at, name))
			}
		}
	case "properties":
		for name, sub := range kv.(map[string]any) {
			if fv, ok := obj[name]; ok {
				errs = append(errs, schemaErrors(root, sub.(map[string]any), fv, at+"."+name)...)
			}
		}
	case "additionalProperties":
		props, _ := s["properties"].(map[string]any)
		for name := range obj {
			if _, ok := props[name]; !ok && kv == false {
				errs = append(errs, fmt.Sprintf("%s: undocumented field %q", at, name))
			}
		}
	case "items":
		arr, _ := v.([]any)
		for i, e := range arr {
			errs = append(errs, schemaErrors(root, kv.(map[string]any), e,
				fmt.Sprintf("%s[%d]", at, i))...)
		}
	}
	return errs
}

// hasType tells whether v, decoded by encoding/json, is of JSON schema type
// typ.
func hasType(v any, typ string) bool {
	switch v := v.(type) {
	case map[string]any:
		return typ == "object"
	case []any:
		return typ == "array"
	case string:
		return typ == "string"
	case bool:
		return typ == "boolean"
	case float64:
		return typ == "number" || typ == "integer" && v == float64(int64(v))
	}
	return typ == "null" && v == nil
}

// sarifDoc is a SARIF log as a consumer reads it.
type sarifDoc struct {
	Version string
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name  string
				Rules []struct{ ID string }
			}
		}
		Results []sarifResult
	}
}

// sarifResult is a result of a SARIF log as a consumer reads it.
type sarifResult struct {
	RuleID    string
	RuleIndex *int
	Level     string
	Message   struct{ Text *string }
	Locations []struct {
		PhysicalLocation struct {
			ArtifactLocation struct{ URI *string }
			Region           *struct{ StartLine, StartColumn int }
		}
	}
}

// checkSARIF reads the log with encoding/json and checks the SARIF 2.1.0
// structure of its results against the run's findings.
func checkSARIF(t *testing.T, c runCase, r *report.Run, out []byte) {
	var doc sarifDoc
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatalf("sarif: %v\n%s", err, out)
	}
	if doc.Version != "2.1.0" || len(doc.Runs) != 1 {
		t.Fatalf("sarif: version %q with %d runs, want 2.1.0 with one", doc.Version,
			len(doc.Runs))
	}
	var all []item
	for _, f := range r.Files {
		for j := range f.Findings {
			all = append(all, item{f, &f.Findings[j]})
		}
	}
	run := doc.Runs[0]
	if len(run.Results) != min(len(all), report.MaxSARIFResults) {
		t.Fatalf("sarif: %d results for %d findings", len(run.Results), len(all))
	}
	var ruleIDs []string
	for _, rule := range run.Tool.Driver.Rules {
		ruleIDs = append(ruleIDs, rule.ID)
	}
	for i, res := range run.Results {
		var want *item // which findings are kept past the cap is another test's
		if len(all) <= report.MaxSARIFResults {
			want = &all[i]
		}
		checkSARIFResult(t, fmt.Sprintf("sarif: result %d", i), res, ruleIDs, want)
	}
}

// checkSARIFResult checks the structure of one result: a rule that its
// ruleIndex points at, a level, a message and one location with a 1-based
// region; and, when want is not nil, that it reads as that finding.
func checkSARIFResult(t *testing.T, loc string, res sarifResult, ruleIDs []string, want *item) {
	if !slices.Contains([]string{"error", "warning", "note", "none"}, res.Level) ||
		res.RuleID == "" || res.Message.Text == nil || len(res.Locations) != 1 {
		t.Errorf("%s lacks a rule, a level, a message or its location: %+v", loc, res)
		return
	}
	if i := res.RuleIndex; i != nil && *i >= 0 &&
		(*i >= len(ruleIDs) || ruleIDs[*i] != res.RuleID) {
		t.Errorf("%s: ruleIndex %d does not point at rule %q", loc, *i, res.RuleID)
	}
	pl := res.Locations[0].PhysicalLocation
	if pl.Region == nil || pl.Region.StartLine < 1 || pl.Region.StartColumn < 1 {
		t.Errorf("%s: region %+v is not 1-based", loc, pl.Region)
		return
	}
	if want == nil {
		return
	}
	x := want.x
	if res.RuleID != x.ID || res.Level != x.Severity.String() ||
		*res.Message.Text != valid(x.Msg) || pl.Region.StartLine != x.Pos.Line ||
		pl.Region.StartColumn != x.Pos.Col {
		t.Errorf("%s reads as %+v, the finding is %+v", loc, res, *x)
	}
	checkURI(t, loc, pl.ArtifactLocation.URI, want.file.Name)
}

// checkURI checks that uri is a URI reference to the file called name:
// relative for a relative name, so that no part of a name reads as a scheme.
func checkURI(t *testing.T, loc string, uri *string, name string) {
	if uri == nil {
		t.Errorf("%s: no artifactLocation.uri", loc)
		return
	}
	u, err := url.Parse(*uri)
	if err != nil {
		t.Errorf("%s: uri %q of %q: %v", loc, *uri, name, err)
		return
	}
	scheme := ""
	if filepath.IsAbs(name) {
		scheme = "file"
	}
	strip := func(p string) string { return strings.TrimPrefix(p, "./") }
	if u.Scheme != scheme || strip(u.Path) != strip(filepath.ToSlash(name)) {
		t.Errorf("%s: uri %q reads as scheme %q, path %q; the file is %q", loc, *uri,
			u.Scheme, u.Path, name)
	}
}

// wellFormed reads an XML document to its end with encoding/xml, which
// refuses what is not well-formed: characters XML does not allow, invalid
// UTF-8, a CDATA section that ends early.
func wellFormed(t *testing.T, format string, out []byte) bool {
	d := xml.NewDecoder(strings.NewReader(string(out)))
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return true
		}
		if err != nil {
			t.Errorf("%s: not well-formed: %v\n%q", format, err, out)
			return false
		}
	}
}

// xmlChars returns s as encoding/xml writes it in text and attributes:
// characters XML does not allow, and bytes that are not UTF-8, become U+FFFD.
func xmlChars(s string) string {
	return strings.Map(func(r rune) rune {
		if r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF ||
			r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= utf8.MaxRune {
			return r
		}
		return utf8.RuneError
	}, valid(s))
}

// junitDoc is a JUnit report as a consumer reads it.
type junitDoc struct {
	Tests    int `xml:"tests,attr"`
	Failures int `xml:"failures,attr"`
	Errors   int `xml:"errors,attr"`
	Suites   []struct {
		Tests    int         `xml:"tests,attr"`
		Failures int         `xml:"failures,attr"`
		Errors   int         `xml:"errors,attr"`
		Cases    []junitCase `xml:"testcase"`
	} `xml:"testsuite"`
}

// junitCase is a test case of a JUnit report as a consumer reads it.
type junitCase struct {
	Name      string     `xml:"name,attr"`
	Failure   *junitText `xml:"failure"`
	Error     *junitText `xml:"error"`
	SystemOut *junitText `xml:"system-out"`
}

type junitText struct {
	Text string `xml:",chardata"`
}

// checkJUnit parses the report with encoding/xml and compares its test
// cases, one per file, and their counts with the run.
func checkJUnit(t *testing.T, c runCase, r *report.Run, out []byte) {
	var doc junitDoc
	if !wellFormed(t, "junit", out) {
		return
	}
	if err := xml.Unmarshal(out, &doc); err != nil || len(doc.Suites) != 1 {
		t.Fatalf("junit: %v, %d suites\n%s", err, len(doc.Suites), out)
	}
	s := doc.Suites[0]
	var failures, errs int
	for _, f := range r.Files {
		switch {
		case f.Err != nil:
			errs++
		case f.Failed:
			failures++
		}
	}
	if len(s.Cases) != len(r.Files) || s.Tests != len(r.Files) || doc.Tests != s.Tests ||
		s.Failures != failures || doc.Failures != failures || s.Errors != errs ||
		doc.Errors != errs {
		t.Fatalf("junit: %d cases, tests %d/%d, failures %d/%d, errors %d/%d; the run has "+
			"%d files, %d failed, %d unreadable", len(s.Cases), doc.Tests, s.Tests,
			doc.Failures, s.Failures, doc.Errors, s.Errors, len(r.Files), failures, errs)
	}
	for i, f := range r.Files {
		checkJUnitCase(t, i, s.Cases[i], f)
	}
}

// checkJUnitCase checks the test case of file f: its name, its outcome, and
// a line for each finding (and one for those dropped) in its failure or, for
// a file that passes, in its system-out.
func checkJUnitCase(t *testing.T, i int, tc junitCase, f *report.File) {
	text := tc.SystemOut
	if tc.Failure != nil {
		text = tc.Failure
	}
	lines := len(f.Findings)
	if f.Dropped > 0 {
		lines++
	}
	if tc.Name != xmlChars(f.Name) || (tc.Error != nil) != (f.Err != nil) ||
		(tc.Failure != nil) != (f.Failed && f.Err == nil) ||
		f.Err == nil && lines > 0 && (text == nil || strings.Count(text.Text, "\n") != lines) {
		t.Errorf("junit: case %d reads as %+v; the file is %q with %d findings", i, tc,
			f.Name, len(f.Findings))
	}
}

// checkstyleDoc is a Checkstyle report as a consumer reads it.
type checkstyleDoc struct {
	Files []struct {
		Name   string `xml:"name,attr"`
		Errors []struct {
			Line     int    `xml:"line,attr"`
			Column   int    `xml:"column,attr"`
			Severity string `xml:"severity,attr"`
			Message  string `xml:"message,attr"`
			Source   string `xml:"source,attr"`
		} `xml:"error"`
		Exception *string `xml:"exception"`
	} `xml:"file"`
}

// checkCheckstyle parses the report with encoding/xml and compares its files
// and errors with the run's files and findings.
func checkCheckstyle(t *testing.T, c runCase, r *report.Run, out []byte) {
	var doc checkstyleDoc
	if !wellFormed(t, "checkstyle", out) {
		return
	}
	if err := xml.Unmarshal(out, &doc); err != nil || len(doc.Files) != len(r.Files) {
		t.Fatalf("checkstyle: %v, %d files for %d\n%s", err, len(doc.Files), len(r.Files), out)
	}
	for i, f := range r.Files {
		cf := doc.Files[i]
		if cf.Name != xmlChars(f.Name) || len(cf.Errors) != len(f.Findings) ||
			(cf.Exception != nil) != (f.Err != nil) {
			t.Errorf("checkstyle: file %d reads as %+v; the file is %+v", i, cf, f)
			continue
		}
		for j, x := range f.Findings {
			e := cf.Errors[j]
			if e.Line != x.Pos.Line || e.Column != x.Pos.Col || e.Severity != x.Severity.String() ||
				e.Source != "qxlint."+x.ID || e.Message != xmlChars(x.Msg) {
				t.Errorf("checkstyle: error %+v; the finding is %+v", e, x)
			}
		}
	}
}

// runnerCommands are the workflow commands the GitHub Actions runner knows,
// in any case; a line of a step's output that names one runs it.
var runnerCommands = []string{"add-mask", "add-matcher", "add-path", "debug", "echo",
	"endgroup", "error", "group", "notice", "remove-matcher", "save-state", "set-env",
	"set-output", "stop-commands", "warning"}

// runnerCommand is a workflow command as the runner parses it.
type runnerCommand struct {
	name  string
	props map[string]string // keys in lower case
	data  string
}

// The runner's unescaping, replacement by replacement in its order.
var (
	dataUnescapes     = []string{"%0D", "\r", "%0A", "\n", "%25", "%"}
	propertyUnescapes = []string{"%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",", "%25", "%"}
	v1Unescapes       = []string{"%3B", ";", "%0D", "\r", "%0A", "\n", "%5D", "]", "%25", "%"}
)

func unescape(s string, pairs []string) string {
	for i := 0; i < len(pairs); i += 2 {
		s = strings.ReplaceAll(s, pairs[i], pairs[i+1])
	}
	return s
}

// runnerLines splits output into lines as the runner reads a step's output:
// at LF, CR LF and a lone CR.
func runnerLines(out string) []string {
	lines := strings.Split(strings.ReplaceAll(strings.ReplaceAll(out, "\r\n", "\n"), "\r",
		"\n"), "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// parseV2 parses "::name k=v,k=v::data" as the runner does: after leading
// white space, properties split at "," and then at the first run of "=".
func parseV2(line string, known func(string) bool) (runnerCommand, bool) {
	rest, ok := strings.CutPrefix(strings.TrimLeftFunc(line, unicode.IsSpace), "::")
	info, data, found := strings.Cut(rest, "::")
	name, props, _ := strings.Cut(info, " ")
	if !ok || !found || !known(name) {
		return runnerCommand{}, false
	}
	c := runnerCommand{name: name, props: map[string]string{},
		data: unescape(data, dataUnescapes)}
	for p := range strings.SplitSeq(strings.TrimFunc(props, unicode.IsSpace), ",") {
		if k, v, ok := splitPair(p); ok {
			c.props[strings.ToLower(k)] = unescape(v, propertyUnescapes)
		}
	}
	return c, true
}

// parseV1 parses "##[name k=v;k=v]data" anywhere in a line, as the runner
// still does.
func parseV1(line string, known func(string) bool) (runnerCommand, bool) {
	i := strings.Index(line, "##[")
	if i < 0 {
		return runnerCommand{}, false
	}
	info, data, found := strings.Cut(line[i+3:], "]")
	name, props, _ := strings.Cut(info, " ")
	if !found || !known(name) {
		return runnerCommand{}, false
	}
	c := runnerCommand{name: name, props: map[string]string{}, data: unescape(data, v1Unescapes)}
	for p := range strings.SplitSeq(props, ";") {
		if k, v, ok := splitPair(p); ok {
			c.props[strings.ToLower(k)] = unescape(v, v1Unescapes)
		}
	}
	return c, true
}

// splitPair splits a property as .NET's Split('=', 2, RemoveEmptyEntries)
// does: empty entries, and so the "=" that open a value, are dropped.
func splitPair(p string) (k, v string, ok bool) {
	k, v, found := strings.Cut(strings.TrimLeft(p, "="), "=")
	v = strings.TrimLeft(v, "=")
	return k, v, found && k != "" && v != ""
}

// runnerLog is what the runner makes of a step's output.
type runnerLog struct {
	commands []runnerCommand // the commands it runs, but stop-commands and its end
	plain    int             // lines it prints as they are
	stopped  string          // the token commands are stopped until, at the end
}

// readAsRunner reads output as the runner does, honouring stop-commands.
func readAsRunner(out string) runnerLog {
	var log runnerLog
	for _, line := range runnerLines(out) {
		known := func(name string) bool {
			return slices.ContainsFunc(runnerCommands, func(c string) bool {
				return strings.EqualFold(c, name)
			}) || log.stopped != "" && strings.EqualFold(name, log.stopped)
		}
		c, ok := parseV2(line, known)
		if !ok {
			c, ok = parseV1(line, known)
		}
		switch {
		case log.stopped != "" && ok && strings.EqualFold(c.name, log.stopped):
			log.stopped = ""
		case !ok || log.stopped != "":
			log.plain++
		case strings.EqualFold(c.name, "stop-commands"):
			log.stopped = c.data
			if c.data == "" {
				log.stopped = "\x00never" // the runner never resumes
			}
		default:
			log.commands = append(log.commands, c)
		}
	}
	return log
}

// checkGitHub reads the output as the Actions runner does: the first
// AnnotationsPerStep findings of each severity (read errors count as
// errors) are annotations that read back as the finding, the others plain
// lines, one each, and a notice counts what was not annotated; no line runs
// another command.
func checkGitHub(t *testing.T, c runCase, r *report.Run, out []byte) {
	log := readAsRunner(string(out))
	if log.stopped != "" {
		t.Errorf("github: commands are left stopped at the end of the output:\n%q", out)
	}
	var want []runnerCommand
	shown := map[validate.Severity]int{}
	plain := 0
	for _, it := range streamOrder(c, r) {
		sev := validate.Error
		if it.x != nil {
			sev = it.x.Severity
		}
		if shown[sev] >= report.AnnotationsPerStep {
			plain++
			continue
		}
		shown[sev]++
		want = append(want, annotation(it))
	}
	if plain > 0 {
		want = append(want, runnerCommand{name: "notice", props: map[string]string{
			"title": "qxlint"}})
	}
	if len(log.commands) != len(want) || log.plain != plain {
		t.Fatalf("github: %d commands and %d plain lines, want %d and %d:\n%s",
			len(log.commands), log.plain, len(want), plain, out)
	}
	for i, w := range want {
		got := log.commands[i]
		if !sameCommand(got, w) {
			t.Errorf("github: command %d reads as %+v, want %+v", i, got, w)
		}
	}
}

// annotation is the command that annotates a finding or a read error.
func annotation(it item) runnerCommand {
	c := runnerCommand{name: "error", props: map[string]string{"file": it.file.Name}}
	if it.x == nil {
		c.props["title"] = "qxlint"
		c.data = "could not read the file: " + it.file.Err.Error()
		return c
	}
	c.name = it.x.Severity.String()
	c.props["line"] = fmt.Sprint(it.x.Pos.Line)
	c.props["col"] = fmt.Sprint(it.x.Pos.Col)
	c.props["title"] = it.x.ID
	if rule := slices.IndexFunc(catalog(), func(r *rules.Rule) bool {
		return r.ID == it.x.ID
	}); rule >= 0 {
		c.props["title"] += ": " + catalog()[rule].Title
	}
	c.data = it.x.Msg + " [" + it.x.ID + "]"
	return c
}

// sameCommand compares a command read back with the one meant. The data of
// a notice is not compared; a file name that starts with "=" or is empty
// cannot be carried by a property at all, and is not compared either.
func sameCommand(got, want runnerCommand) bool {
	if got.name != want.name || want.name != "notice" && valid(got.data) != valid(want.data) {
		return false
	}
	for k, v := range want.props {
		if k == "file" && (v == "" || v[0] == '=') {
			continue
		}
		if valid(got.props[k]) != valid(v) {
			return false
		}
	}
	return true
}
