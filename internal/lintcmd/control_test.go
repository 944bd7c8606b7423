package lintcmd

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"qx/internal/postgen"
	"qx/internal/scan"
	"qx/internal/validate"
	"qx/rules"
)

func TestSelection(t *testing.T) {
	tests := []struct {
		name, reason string
		sel          selection
		id           string
		sev          validate.Severity
		want         bool
	}{
		{"default", "every rule is on until a flag says otherwise", nil, "bad-value",
			validate.Error, true},
		{"by id", "--disable ID turns one rule off", selection{{false, "bad-value"}},
			"bad-value", validate.Error, false},
		{"other id", "and leaves the others on", selection{{false, "bad-value"}},
			"content-model", validate.Error, true},
		{"by severity", "--disable warning turns every warning off",
			selection{{false, "warning"}}, "op-auth-type-repeated", validate.Warning, false},
		{"later wins", "a later --enable of an id beats an earlier --disable of its severity",
			selection{{false, "warning"}, {true, "stale-baseline"}}, "stale-baseline",
			validate.Warning, true},
		{"later wins back", "and a later --disable beats an earlier --enable",
			selection{{true, "stale-baseline"}, {false, "all"}}, "stale-baseline",
			validate.Warning, false},
		{"finding severity", "severity selectors see the finding's severity, which for " +
			"content-model findings of inferred models is warning",
			selection{{false, "error"}}, "content-model", validate.Warning, true},
	}
	for _, tt := range tests {
		if got := tt.sel.enabled(tt.id, tt.sev); got != tt.want {
			t.Errorf("%s: enabled(%s, %s) = %v: %s", tt.name, tt.id, tt.sev, got, tt.reason)
		}
	}
	if err := (selection{{false, "bad-valeu"}}).check(rules.Builtin()); err == nil {
		t.Error("a misspelt id must be refused, not ignored")
	}
}

func TestElementPositions(t *testing.T) {
	data := []byte("{\"other\": [1, 2],\r\n \"list\": [ {\"a\": \"é\"},\r\n\t{\"b\": [{}]} ,{} ]}")
	got, err := elementPositions(data, "list")
	if err != nil {
		t.Fatal(err)
	}
	want := []scan.Pos{{Line: 2, Col: 12}, {Line: 3, Col: 2}, {Line: 3, Col: 15}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("each element is found where it starts, after commas and white space, "+
			"other arrays aside (-want +got):\n%s", diff)
	}
}

func TestSuppressionMatches(t *testing.T) {
	f := validate.Finding{ID: "dates-unpaired", Path: "/A/INFO[ID='1']/X", Value: "v"}
	tests := []struct {
		name, reason string
		s            suppressionSpec
		file         string
		want         bool
	}{
		{"rule only", "a suppression of a rule covers every file", suppressionSpec{
			Rule: "dates-unpaired"}, "a/b.xml", true},
		{"other rule", "it covers no other rule", suppressionSpec{Rule: "bad-value"},
			"a/b.xml", false},
		{"glob", "file patterns use path.Match", suppressionSpec{Rule: "dates-unpaired",
			File: "a/*.xml"}, "a/b.xml", true},
		{"glob depth", "* does not cross a slash", suppressionSpec{Rule: "dates-unpaired",
			File: "*.xml"}, "a/b.xml", false},
		{"path", "a path must match exactly", suppressionSpec{Rule: "dates-unpaired",
			Path: "/A/INFO[ID='2']/X"}, "a/b.xml", false},
		{"value", "as must a value", suppressionSpec{Rule: "dates-unpaired", Value: "v"},
			"a/b.xml", true},
	}
	for _, tt := range tests {
		s := &suppression{suppressionSpec: tt.s}
		if got := s.matches(tt.file, f); got != tt.want {
			t.Errorf("%s: matches = %v: %s", tt.name, got, tt.reason)
		}
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name, reason, file, data, err string
	}{
		{"config syntax", "a broken configuration names the place", "c.json",
			"{\n\"suppressions\": [,]}", "c.json: 2:18"},
		{"config glob", "a broken file pattern is refused", "c.json",
			`{"suppressions": [{"rule": "x", "file": "[", "reason": "r"}]}`,
			"syntax error in pattern"},
		{"config rule", "a suppression names a rule", "c.json",
			`{"suppressions": [{"reason": "r"}]}`, `"rule" is required`},
		{"baseline count", "counts are positive", "b.json",
			`{"version": 1, "findings": [{"file": "f", "rule": "r", "count": -1}]}`, "entry 1"},
		{"baseline file", "an entry names its file", "b.json",
			`{"version": 1, "findings": [{"rule": "r"}]}`, "file and rule are required"},
		{"baseline field", "unknown fields are refused", "b.json",
			`{"version": 1, "findings": [{"file": "f", "rule": "r", "line": 3}]}`,
			`unknown field "line"`},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		name := filepath.Join(dir, tt.file)
		os.WriteFile(name, []byte(tt.data), 0o644)
		var err error
		if strings.HasPrefix(tt.file, "c") {
			_, err = loadConfig(name)
		} else {
			_, err = loadBaseline(name)
		}
		if err == nil || !strings.Contains(err.Error(), tt.err) {
			t.Errorf("%s: error %v, want one containing %q: %s", tt.name, err, tt.err, tt.reason)
		}
	}
}

func TestBaselineMergesDuplicates(t *testing.T) {
	name := filepath.Join(t.TempDir(), "b.json")
	os.WriteFile(name, []byte(`{"version": 1, "findings": [
		{"file": "f", "rule": "r", "path": "/p", "value": "v"},
		{"file": "f", "rule": "r", "path": "/p", "value": "v", "count": 2}]}`), 0o644)
	b, err := loadBaseline(name)
	if err != nil {
		t.Fatal(err)
	}
	f := validate.Finding{ID: "r", Path: "/p", Value: "v"}
	n := 0
	for b.accept("f", f) {
		n++
	}
	if n != 3 || len(b.slots) != 1 {
		t.Errorf("accepted %d findings with %d slots; two entries of one key add up to 3",
			n, len(b.slots))
	}
}

// TestBaselineRoundTrip writes a baseline of a run and checks the same files
// with it: nothing is new, nothing is stale, the run passes.
func TestBaselineRoundTrip(t *testing.T) {
	t.Chdir("../..")
	base := filepath.Join(t.TempDir(), "baseline.json")
	inputs := []string{"corpus/invalid", "corpus/rules", "corpus/valid/posture_info_list.page1.xml"}
	var out, errOut bytes.Buffer
	if code := Main(append([]string{"--write-baseline", base}, inputs...), nil, &out,
		&errOut); code != ExitFindings {
		t.Fatalf("first run: exit %d, want %d\n%s", code, ExitFindings, errOut.String())
	}
	out.Reset()
	errOut.Reset()
	code := Main(append([]string{"--baseline", base}, inputs...), nil, &out, &errOut)
	if code != ExitClean || out.Len() != 0 || !strings.Contains(errOut.String(),
		"0 errors, 0 warnings") {
		t.Errorf("with its own baseline a run finds nothing new: exit %d\n%s%s", code,
			out.String(), errOut.String())
	}
}

// TestOutputsAgree checks that --output writes the same bytes as --format
// does for each format, all from one run.
func TestOutputsAgree(t *testing.T) {
	t.Chdir("../..")
	dir := t.TempDir()
	args := []string{"--jobs=2"}
	formats := []string{"text", "json", "sarif", "github", "junit", "checkstyle"}
	for _, f := range formats {
		args = append(args, "--output", f+"="+filepath.Join(dir, f))
	}
	inputs := []string{"corpus/rules", "corpus/valid/posture_info_list.page1.xml"}
	Main(append(args, inputs...), nil, &bytes.Buffer{}, &bytes.Buffer{})
	for _, f := range formats {
		var want bytes.Buffer
		Main(append([]string{"--format", f}, inputs...), nil, &want, &bytes.Buffer{})
		got, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil || !bytes.Equal(got, want.Bytes()) {
			t.Errorf("--output %s= differs from --format %s (%v)", f, f, err)
		}
	}
}

func TestOutputTrouble(t *testing.T) {
	t.Chdir("../..")
	var errOut bytes.Buffer
	code := Main([]string{"--output", "json=no/such/dir/out.json", "corpus/rules"}, nil,
		&bytes.Buffer{}, &errOut)
	if code != ExitTrouble || !strings.Contains(errOut.String(), "--output") {
		t.Errorf("an output that cannot be created is trouble: exit %d\n%s", code,
			errOut.String())
	}
}

// TestParallelRules runs custom XPath rules on two generated exports at
// once: checkers share no evaluation state (go test -race watches), and the
// output is the same bytes on every run.
func TestParallelRules(t *testing.T) {
	dir := t.TempDir()
	var inputs []string
	for i := range 2 {
		name := filepath.Join(dir, fmt.Sprintf("export%d.xml", i))
		var b bytes.Buffer
		if err := postgen.Write(&b, postgen.Config{Seed: uint64(i), Records: 2000}); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(name, b.Bytes(), 0o644)
		inputs = append(inputs, name)
	}
	args := append([]string{"--jobs=2", "--rules", "testdata/rules.json", "--format", "json"},
		inputs...)
	var first bytes.Buffer
	Main(args, nil, &first, &bytes.Buffer{})
	if !bytes.Contains(first.Bytes(), []byte("posture-instance-named")) {
		t.Fatalf("the custom rule did not run:\n%.2000s", first.Bytes())
	}
	for range 2 {
		var again bytes.Buffer
		Main(args, nil, &again, &bytes.Buffer{})
		if !bytes.Equal(first.Bytes(), again.Bytes()) {
			t.Fatal("output differs between runs")
		}
	}
}

// TestMaxFindingsKeepsWhereReadingStopped checks that --max-findings, like
// the validator's own cap, never hides the finding that says a file is cut.
func TestMaxFindingsKeepsWhereReadingStopped(t *testing.T) {
	name := filepath.Join(t.TempDir(), "cut.xml")
	os.WriteFile(name, []byte("<BATCH_RETURN><RESPONSE><DATETIME>soon</DATETIME>\n"+
		"<DATETIME>later</DATETIME>\n<BATCH_LIST><BATCH><TEXT>Successfully"), 0o644)
	var out, errOut bytes.Buffer
	Main([]string{"--max-findings", "1", name}, nil, &out, &errOut)
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 2 || !strings.HasSuffix(lines[0], "[content-model]") ||
		!strings.HasSuffix(lines[1], "[truncated]") ||
		!strings.Contains(errOut.String(), "2 more findings not shown") {
		t.Errorf("want the first finding and the truncation, the others counted:\n%s%s",
			out.String(), errOut.String())
	}
}
