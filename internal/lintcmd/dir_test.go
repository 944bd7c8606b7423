package lintcmd

import (
	"bytes"
	"strings"
	"testing"
)

// TestDirectoryOfMixedFiles checks a directory of broken, compressed and foreign
// files in parallel: every file is judged, none makes qxlint fail as a tool, and
// the output is the same bytes on every run.
func TestDirectoryOfMixedFiles(t *testing.T) {
	t.Chdir("../..")
	run := func() (string, string, int) {
		var stdout, stderr bytes.Buffer
		args := []string{"--jobs=2", "corpus/hostile"}
		code := Main(args, strings.NewReader(""), &stdout, &stderr)
		return stdout.String(), stderr.String(), code
	}
	out, errOut, code := run()
	if code != ExitFindings {
		t.Errorf("exit %d, want %d: broken files are findings, not trouble\n%s",
			code, ExitFindings, errOut)
	}
	if !strings.Contains(errOut, "16 files checked") {
		t.Errorf("summary %q does not count all 16 files", errOut)
	}
	for range 5 {
		if again, _, _ := run(); again != out {
			t.Fatalf("output differs between runs:\n%s\n---\n%s", out, again)
		}
	}
}

// TestTrouble checks that only a failure to do the job exits 2.
func TestTrouble(t *testing.T) {
	empty := t.TempDir()
	tests := []struct {
		name, reason string
		args         []string
		want         int
	}{
		{"missing file", "a path that cannot be opened is trouble",
			[]string{"no/such/file.xml"}, ExitTrouble},
		{"no paths", "nothing to check is bad usage", nil, ExitTrouble},
		{"empty directory", "a directory without captures is a failed download, not a pass",
			[]string{empty}, ExitTrouble},
		{"bad flag", "an unknown flag is bad usage", []string{"--frobnicate", "x"}, ExitTrouble},
		{"unknown schema", "a schema name that does not exist is bad usage",
			[]string{"--schema", "nope", "x"}, ExitTrouble},
		{"stdin", "- reads stdin, here an empty document, which is a finding",
			[]string{"-"}, ExitFindings},
		{"stdin twice", "stdin can be read once only", []string{"-", "-"}, ExitTrouble},
		{"negative jobs", "-j takes a count", []string{"-j", "-1", "x"}, ExitTrouble},
		{"print dtd", "printing a model succeeds",
			[]string{"--print-dtd", "batch_return"}, ExitClean},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		if got := Main(tt.args, strings.NewReader(""), &stdout, &stderr); got != tt.want {
			t.Errorf("%s: exit %d, want %d: %s\n%s",
				tt.name, got, tt.want, tt.reason, stderr.String())
		}
	}
}
