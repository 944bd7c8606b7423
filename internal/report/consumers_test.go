package report_test

// The consumer tests feed qxlint's outputs (the format goldens of the corpus,
// and a run too large for GitHub) to the programs CI systems read them with:
// Microsoft's SARIF Multitool with GitHub's rules, reviewdog for Checkstyle,
// junitparser (what GitHub's test-result actions use) for JUnit, and Ajv for
// the JSON schema. They run where the programs are installed;
// testdata/consumers.sh installs them and runs these tests with
// QX_CONSUMERS=require, under which a missing program fails the test instead
// of skipping it.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"qx/internal/report"
	"qx/internal/scan"
	"qx/internal/validate"
	"qx/rules"
)

const goldenDir = "../../golden/qxlint-formats/"

// consumer returns the path of a consumer program: $env, else name on PATH.
// Without it the test is skipped, or fails under QX_CONSUMERS=require.
func consumer(t *testing.T, env, name string) string {
	t.Helper()
	p := os.Getenv(env)
	if p == "" {
		p, _ = exec.LookPath(name)
	}
	if p == "" {
		missing(t, fmt.Sprintf("%s not found (set %s)", name, env))
	}
	return p
}

// missing skips a test whose consumer is not installed, or fails it under
// QX_CONSUMERS=require.
func missing(t *testing.T, what string) {
	t.Helper()
	msg := what + "; internal/report/testdata/consumers.sh installs the consumers"
	if os.Getenv("QX_CONSUMERS") == "require" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

// jsonReport is the part of the JSON golden the consumers are compared with.
type jsonReport struct {
	Files []struct {
		Name     string `json:"name"`
		Input    bool   `json:"input"`
		Error    string `json:"error"`
		Failed   bool   `json:"failed"`
		Findings []struct {
			Line     int    `json:"line"`
			Column   int    `json:"column"`
			Severity string `json:"severity"`
			Rule     string `json:"rule"`
			Message  string `json:"message"`
		} `json:"findings"`
	} `json:"files"`
}

func readJSONGolden(t *testing.T) jsonReport {
	t.Helper()
	data, err := os.ReadFile(goldenDir + "corpus.json")
	if err != nil {
		t.Fatal(err)
	}
	var r jsonReport
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatal(err)
	}
	return r
}

// bigRun is a run of more results than GitHub code scanning keeps, with
// messages that need escaping.
func bigRun() *report.Run {
	f := &report.File{Name: "captures/big export.xml", Input: true, Failed: true}
	for i := range report.MaxSARIFResults + 100 {
		sev := validate.Warning
		if i%7 == 0 {
			sev = validate.Error
		}
		f.Findings = append(f.Findings, validate.Finding{Pos: scan.Pos{Line: i + 1, Col: 2},
			Severity: sev, ID: rules.IDAfterReply, Msg: fmt.Sprintf(`date "%d" <&> is late`, i),
			Path: "/A/B", Value: fmt.Sprint(i)})
	}
	return &report.Run{Rules: rules.Builtin().All(), Files: []*report.File{f}, Failed: true}
}

func writeRun(t *testing.T, format string, r *report.Run) string {
	t.Helper()
	var b bytes.Buffer
	w, err := report.New(format, &b, r.Rules)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Finish(r); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "run."+format)
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// multitoolErrors validates a SARIF file with GitHub's rules and returns the
// error-level results' messages.
func multitoolErrors(t *testing.T, tool, sarif string) []string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "validation.sarif")
	cmd := exec.Command(tool, "validate", "--rule-kind", "Gh", "--output", out, sarif)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, b)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID  string          `json:"ruleId"`
				Level   string          `json:"level"`
				Message json.RawMessage `json:"message"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatal(err)
	}
	var errs []string
	for _, r := range log.Runs[0].Results {
		if r.Level == "error" {
			errs = append(errs, r.RuleID+" "+string(r.Message))
		}
	}
	return errs
}

func TestConsumerSARIFMultitool(t *testing.T) {
	tool := consumer(t, "QX_SARIF_MULTITOOL", "Sarif.Multitool")
	for _, sarif := range []string{goldenDir + "corpus.sarif", writeRun(t, "sarif", bigRun())} {
		if errs := multitoolErrors(t, tool, sarif); len(errs) > 0 {
			t.Errorf("%s: SARIF Multitool (GitHub rules) reports %d errors:\n%s", sarif,
				len(errs), strings.Join(errs, "\n"))
		}
	}

	// A result without message text breaks GitHub's rules: the validator
	// must say so, or its silence above proves nothing.
	data, _ := os.ReadFile(goldenDir + "corpus.sarif")
	broken := filepath.Join(t.TempDir(), "broken.sarif")
	os.WriteFile(broken, bytes.Replace(data, []byte(`"message": {`),
		[]byte(`"message": {"id": "x", "_": {`), 1), 0o644)
	if errs := multitoolErrors(t, tool, broken); len(errs) == 0 {
		t.Error("SARIF Multitool finds no error in a result without message text")
	}
}

func TestConsumerReviewdogCheckstyle(t *testing.T) {
	tool := consumer(t, "QX_REVIEWDOG", "reviewdog")
	in, err := os.Open(goldenDir + "corpus.checkstyle")
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	cmd := exec.Command(tool, "-f=checkstyle", "-reporter=rdjsonl", "-filter-mode=nofilter")
	cmd.Stdin, cmd.Dir = in, t.TempDir()
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("reviewdog: %v", err)
	}
	var got []string
	for line := range bytes.Lines(out) {
		var d struct {
			Message  string
			Severity string
			Location struct {
				Path  string
				Range struct{ Start struct{ Line, Column int } }
			}
			Code struct{ Value string }
		}
		if err := json.Unmarshal(line, &d); err != nil {
			t.Fatalf("%v: %s", err, line)
		}
		got = append(got, fmt.Sprintf("%s:%d:%d %s %s %s", d.Location.Path,
			d.Location.Range.Start.Line, d.Location.Range.Start.Column, d.Severity,
			d.Code.Value, d.Message))
	}
	var want []string
	for _, f := range readJSONGolden(t).Files {
		for _, x := range f.Findings {
			want = append(want, fmt.Sprintf("%s:%d:%d %s qxlint.%s %s", f.Name, x.Line,
				x.Column, strings.ToUpper(x.Severity), x.Rule, x.Message))
		}
	}
	slices.Sort(got)
	slices.Sort(want)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("reviewdog reads the Checkstyle report otherwise than qxlint's findings "+
			"(-want +got):\n%s", diff)
	}
}

// junitScript loads a JUnit file with junitparser and prints each test case
// with its outcome.
const junitScript = `
import json, sys
from junitparser import JUnitXml, Failure, Error
xml = JUnitXml.fromfile(sys.argv[1])
cases = []
for suite in xml:
    for case in suite:
        kinds = [type(r).__name__ for r in case.result]
        cases.append([case.name, "failure" if "Failure" in kinds else
                      "error" if "Error" in kinds else "passed"])
print(json.dumps({"tests": xml.tests, "failures": xml.failures, "errors": xml.errors,
                  "cases": cases}))
`

func TestConsumerJUnitParser(t *testing.T) {
	python := consumer(t, "QX_PYTHON", "python3")
	if err := exec.Command(python, "-c", "import junitparser").Run(); err != nil {
		missing(t, python+" has no junitparser module (Debian package python3-junitparser)")
	}
	out, err := exec.Command(python, "-c", junitScript, goldenDir+"corpus.junit").Output()
	if err != nil {
		t.Fatalf("junitparser: %v", err)
	}
	var got struct {
		Tests, Failures, Errors int
		Cases                   [][2]string
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	var want [][2]string
	failures := 0
	for _, f := range readJSONGolden(t).Files {
		state := "passed"
		switch {
		case f.Error != "":
			state = "error"
		case f.Failed:
			state = "failure"
			failures++
		}
		want = append(want, [2]string{f.Name, state})
	}
	if diff := cmp.Diff(want, got.Cases); diff != "" || got.Tests != len(want) ||
		got.Failures != failures || got.Errors != 0 {
		t.Errorf("junitparser reads %d tests, %d failures, %d errors, want %d, %d, 0; "+
			"cases (-want +got):\n%s", got.Tests, got.Failures, got.Errors, len(want),
			failures, diff)
	}
}

func TestConsumerAjvJSONSchema(t *testing.T) {
	ajv := consumer(t, "QX_AJV", "ajv")
	validate := func(data string) error {
		return exec.Command(ajv, "validate", "--spec=draft7", "-s",
			"qxlint-report.schema.json", "-d", data).Run()
	}
	for _, data := range []string{goldenDir + "corpus.json", writeRun(t, "json", bigRun())} {
		if err := validate(data); err != nil {
			t.Errorf("%s does not follow qxlint-report.schema.json: %v", data, err)
		}
	}
	extra := filepath.Join(t.TempDir(), "extra.json")
	os.WriteFile(extra, []byte(`{"version": 1, "tool": "qxlint", "failed": false, "files": [],
		"summary": {"files": 0, "unreadable": 0, "errors": 0, "warnings": 0, "dropped": 0,
		"suppressed": 0, "baselined": 0}, "undocumented": true}`), 0o644)
	if validate(extra) == nil {
		t.Error("the schema accepts an undocumented field; it must describe every field")
	}
}
