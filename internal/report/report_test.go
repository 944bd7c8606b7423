package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"qx/internal/scan"
	"qx/internal/validate"
	"qx/rules"
)

// finding makes a finding for tests.
func finding(line int, sev validate.Severity, id, msg string) validate.Finding {
	return validate.Finding{Pos: scan.Pos{Line: line, Col: 3}, Severity: sev, ID: id, Msg: msg,
		Path: fmt.Sprintf("/A/B[ID='%d']", line), Value: fmt.Sprint(line)}
}

// render writes a run in one format, streaming its files first.
func render(t *testing.T, format string, r *Run) string {
	t.Helper()
	var b bytes.Buffer
	w, err := New(format, &b, r.Rules)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range r.Files {
		if err := w.File(f); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Finish(r); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestEscapeWorkflowCommands(t *testing.T) {
	tests := []struct {
		name, reason, in, data, prop string
	}{
		{"plain", "ordinary text passes", "a.xml", "a.xml", "a.xml"},
		{"percent", "% is the escape character itself", "100%", "100%25", "100%25"},
		{"newlines", "a message may not break the command's line", "a\r\nb", "a%0D%0Ab",
			"a%0D%0Ab"},
		{"separators", ": and , separate properties, not data", "x:1,2", "x:1,2", "x%3A1%2C2"},
		{"order", "escaping % first keeps the others intact", "%3A", "%253A", "%253A"},
	}
	for _, tt := range tests {
		if got := escapeData(tt.in); got != tt.data {
			t.Errorf("%s: escapeData(%q) = %q, want %q: %s", tt.name, tt.in, got, tt.data,
				tt.reason)
		}
		if got := escapeProperty(tt.in); got != tt.prop {
			t.Errorf("%s: escapeProperty(%q) = %q, want %q: %s", tt.name, tt.in, got, tt.prop,
				tt.reason)
		}
	}
}

// command is a workflow command read back as the Actions runner reads it.
type command struct {
	Name  string
	Props map[string]string
	Data  string
}

// parseCommand reads "::name k=v,k=v::data", undoing the runner's escapes.
func parseCommand(line string) (command, bool) {
	rest, ok := strings.CutPrefix(line, "::")
	if !ok {
		return command{}, false
	}
	head, data, ok := strings.Cut(rest, "::")
	if !ok {
		return command{}, false
	}
	unescape := strings.NewReplacer("%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",", "%25", "%")
	c := command{Props: map[string]string{},
		Data: strings.NewReplacer("%0D", "\r", "%0A", "\n", "%25", "%").Replace(data)}
	name, props, _ := strings.Cut(head, " ")
	c.Name = name
	for kv := range strings.SplitSeq(props, ",") {
		if k, v, ok := strings.Cut(kv, "="); ok {
			c.Props[k] = unescape.Replace(v)
		}
	}
	return c, true
}

func TestGitHubAnnotationLimit(t *testing.T) {
	f := &File{Name: "dir/a,b:c.xml", Input: true}
	for i := range 12 {
		f.Findings = append(f.Findings, finding(i+1, validate.Error, "bad-value", "x\ny"))
	}
	for i := range 11 {
		f.Findings = append(f.Findings, finding(100+i, validate.Warning, "content-model", "w"))
	}
	r := &Run{Rules: rules.Builtin().All(), Files: []*File{f}}
	var counts = map[string]int{}
	stop := "" // the token that ends stop-commands, while commands are stopped
	for line := range strings.Lines(render(t, "github", r)) {
		c, ok := parseCommand(strings.TrimSuffix(line, "\n"))
		switch {
		case ok && stop == "" && c.Name == "stop-commands":
			stop = c.Data
			continue
		case ok && stop != "" && c.Name == stop:
			stop = ""
			continue
		case !ok && stop == "":
			t.Errorf("text line %q is not between stop-commands and its end", line)
			fallthrough
		case !ok || stop != "":
			counts["text"]++
			continue
		}
		counts[c.Name]++
		if c.Name == "notice" {
			want := "2 errors and 1 warning were not annotated"
			if !strings.HasPrefix(c.Data, want) {
				t.Errorf("notice %q does not start with %q", c.Data, want)
			}
			continue
		}
		if c.Props["file"] != f.Name || c.Props["line"] == "" || c.Props["col"] != "3" {
			t.Errorf("annotation %+v does not read back as file %q with a position", c, f.Name)
		}
		if c.Name == "error" && !strings.HasPrefix(c.Data, "x\ny") {
			t.Errorf("message %q does not read back as written", c.Data)
		}
	}
	want := map[string]int{"error": AnnotationsPerStep, "warning": AnnotationsPerStep,
		"text": 3, "notice": 1}
	if diff := cmp.Diff(want, counts); diff != "" {
		t.Errorf("commands by kind (-want +got):\n%s", diff)
	}
}

func TestSARIFKeepsErrorsWhenCapped(t *testing.T) {
	f := &File{Name: "big.xml", Input: true}
	for i := range MaxSARIFResults {
		f.Findings = append(f.Findings, finding(i+1, validate.Warning, "content-model", "w"))
	}
	for i := range 10 {
		f.Findings = append(f.Findings, finding(MaxSARIFResults+i+1, validate.Error,
			"bad-value", "e"))
	}
	r := &Run{Rules: rules.Builtin().All(), Files: []*File{f}}
	var log sarifLog
	if err := json.Unmarshal([]byte(render(t, "sarif", r)), &log); err != nil {
		t.Fatal(err)
	}
	res := log.Runs[0].Results
	errs := 0
	for _, x := range res {
		if x.Level == "error" {
			errs++
		}
	}
	notes := log.Runs[0].Invocations[0].ToolExecutionNotifications
	if len(res) != MaxSARIFResults || errs != 10 || len(notes) != 1 ||
		!strings.HasPrefix(notes[0].Message.Text, "10 results were left out") {
		t.Errorf("got %d results, %d errors, notifications %+v; want %d results, every error "+
			"kept, and a note on the 10 left out", len(res), errs, notes, MaxSARIFResults)
	}
}

func TestFingerprints(t *testing.T) {
	base := finding(3, validate.Error, "bad-value", "m")
	moved := base
	moved.Pos = scan.Pos{Line: 40, Col: 1}
	other := base
	other.Value = "other"
	tests := []struct {
		name, reason string
		a, b         []validate.Finding
		same         []bool // per finding of a and b
	}{
		{"moved", "a reformatted capture keeps its fingerprints",
			[]validate.Finding{base}, []validate.Finding{moved}, []bool{true}},
		{"value", "another value is another finding",
			[]validate.Finding{base}, []validate.Finding{other}, []bool{false}},
		{"repeated", "identical findings are told apart by occurrence, in order",
			[]validate.Finding{base, base}, []validate.Finding{base, moved}, []bool{true, true}},
	}
	for _, tt := range tests {
		fa := Fingerprints(&File{Name: "f.xml", Findings: tt.a})
		fb := Fingerprints(&File{Name: "f.xml", Findings: tt.b})
		for i := range tt.same {
			if (fa[i] == fb[i]) != tt.same[i] {
				t.Errorf("%s: finding %d: fingerprints %s and %s, same = %v wanted: %s",
					tt.name, i, fa[i], fb[i], tt.same[i], tt.reason)
			}
		}
		if len(fa) == 2 && fa[0] == fa[1] {
			t.Errorf("%s: two findings share fingerprint %s", tt.name, fa[0])
		}
	}
}

func TestFileURI(t *testing.T) {
	tests := []struct{ name, reason, in, want string }{
		{"relative", "GitHub resolves relative URIs against the repository", "a/b.xml", "a/b.xml"},
		{"space", "URIs escape what they cannot hold", "a b/c.xml", "a%20b/c.xml"},
		{"colon", "a colon in the first segment must not read as a scheme", "c:d.xml",
			"./c:d.xml"},
		{"absolute", "absolute paths become file URIs", "/tmp/x.xml", "file:///tmp/x.xml"},
	}
	for _, tt := range tests {
		if got := fileURI(tt.in); got != tt.want {
			t.Errorf("%s: fileURI(%q) = %q, want %q: %s", tt.name, tt.in, got, tt.want, tt.reason)
		}
	}
}

// sampleRun is a small run with a failed file, a clean file, a file with
// warnings only and an unreadable file.
func sampleRun() *Run {
	return &Run{Rules: rules.Builtin().All(), Failed: true, Files: []*File{
		{Name: "bad.xml", Input: true, Failed: true, Findings: []validate.Finding{
			finding(2, validate.Error, "bad-value", `value "<&>" is wrong`)}},
		{Name: "clean.xml", Input: true},
		{Name: "warn.xml", Input: true, Findings: []validate.Finding{
			finding(5, validate.Warning, "content-model", "]]> in a message")}},
		{Name: "gone.xml", Input: true, Err: errors.New("open gone.xml: no such file")},
	}}
}

func TestJUnitReadsBack(t *testing.T) {
	var doc junitSuites
	out := render(t, "junit", sampleRun())
	if err := xml.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	s := doc.Suites[0]
	got := []string{}
	for _, c := range s.Cases {
		state := "passed"
		switch {
		case c.Failure != nil:
			state = "failed: " + c.Failure.Message
		case c.Error != nil:
			state = "error: " + c.Error.Text
		}
		got = append(got, c.Name+" "+state)
	}
	want := []string{"bad.xml failed: 1 error, 0 warnings", "clean.xml passed",
		"warn.xml passed", "gone.xml error: open gone.xml: no such file"}
	if diff := cmp.Diff(want, got); diff != "" || s.Tests != 4 || s.Failures != 1 ||
		s.Errors != 1 {
		t.Errorf("test cases (-want +got):\n%s\ncounts %d/%d/%d, want 4/1/1", diff, s.Tests,
			s.Failures, s.Errors)
	}
	if !strings.Contains(s.Cases[2].SystemOut.Text, "]]> in a message") {
		t.Errorf("warnings of a passing file are not kept in system-out:\n%s", out)
	}
}

func TestCheckstyleReadsBack(t *testing.T) {
	var doc checkstyleDoc
	out := render(t, "checkstyle", sampleRun())
	if err := xml.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	want := checkstyleError{Line: 2, Column: 3, Severity: "error",
		Message: `value "<&>" is wrong`, Source: "qxlint.bad-value"}
	if len(doc.Files) != 4 || len(doc.Files[0].Errors) != 1 ||
		doc.Files[0].Errors[0] != want || doc.Files[3].Exception == "" {
		t.Errorf("got %+v, want 4 files, the first with %+v, the last with an exception",
			doc.Files, want)
	}
}

func TestJSONDocument(t *testing.T) {
	var doc jsonRun
	dec := json.NewDecoder(strings.NewReader(render(t, "json", sampleRun())))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	want := jsonTotals{Files: 4, Unreadable: 1, Errors: 1, Warnings: 1}
	if doc.Version != JSONVersion || !doc.Failed || doc.Summary != want ||
		doc.Files[3].Error == "" || len(doc.Files[1].Findings) != 0 {
		t.Errorf("got %+v, want version %d, failed, totals %+v, the read error and an empty "+
			"(not null) findings list", doc, JSONVersion, want)
	}
}

func TestTextStreamsLateFindingsLast(t *testing.T) {
	r := sampleRun()
	late := rules.FileFinding{File: "clean.xml", Finding: finding(1, validate.Error,
		rules.IDPageMissing, "page")}
	var b bytes.Buffer
	w, _ := New("text", &b, r.Rules)
	for _, f := range r.Files {
		w.File(f)
	}
	r.Late = []rules.FileFinding{late}
	r.Files[1].Findings = []validate.Finding{late.Finding}
	w.Finish(r)
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[2], "clean.xml:1:3: error: page") {
		t.Errorf("run-level findings must come after every file's findings:\n%s", b.String())
	}
}

func TestUnknownFormat(t *testing.T) {
	if _, err := New("yaml", &bytes.Buffer{}, nil); err == nil {
		t.Error("New accepted an unknown format")
	}
}
