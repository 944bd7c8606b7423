package diffcmd

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestUsage(t *testing.T) {
	tests := []struct {
		name, reason string
		args         []string
		code         int
		stderr       string // a part of stderr
	}{
		{"help", "--help is no trouble", []string{"--help"}, ExitSame, "Kinds of change:"},
		{"no args", "two sides are needed", nil, ExitTrouble, "want two paths"},
		{"three args", "exactly two positional sides", []string{"a", "b", "c"}, ExitTrouble,
			"got 3"},
		{"one flag side", "--old needs --new", []string{"--old", "a"}, ExitTrouble,
			"give both sides"},
		{"mixed", "flags and positional sides do not mix",
			[]string{"--old", "a", "--new", "b", "c"}, ExitTrouble, `unexpected argument "c"`},
		{"format", "an unknown format", []string{"-f", "xml", "a", "b"}, ExitTrouble,
			`unknown --format "xml"`},
		{"fail-on", "an unknown --fail-on", []string{"--fail-on", "some", "a", "b"},
			ExitTrouble, "--fail-on"},
		{"kind", "an unknown kind", []string{"--kind", "worse", "a", "b"}, ExitTrouble,
			`unknown kind of change "worse"`},
		{"criticality", "an unknown criticality", []string{"--criticality", "HIGH", "a", "b"},
			ExitTrouble, `criticality "HIGH"`},
		{"memory", "a size that is none", []string{"--memory", "lots", "a", "b"}, ExitTrouble,
			"--memory"},
		{"small memory", "below the smallest budget", []string{"--memory", "1KB",
			"../../corpus/diff/kinds/old.xml", "../../corpus/diff/kinds/new.xml"}, ExitTrouble,
			"below"},
		{"two stdins", "stdin is read once", []string{"-", "-"}, ExitTrouble, "once"},
		{"missing file", "a file that cannot be opened is trouble",
			[]string{"../../corpus/diff/kinds/old.xml", "no/such.xml"}, ExitTrouble,
			"no such file"},
		{"color", "an unknown --color", []string{"--color", "blue", "a", "b"}, ExitTrouble,
			"--color"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := Main(tt.args, strings.NewReader(""), &stdout, &stderr)
			if code != tt.code || !strings.Contains(stderr.String(), tt.stderr) {
				t.Errorf("%s: exit %d, stderr %q; want exit %d and %q", tt.reason, code,
					stderr.String(), tt.code, tt.stderr)
			}
		})
	}
}

// TestStdin reads NEW from stdin: the same result as from the file, under
// the name "-".
func TestStdin(t *testing.T) {
	b, err := os.ReadFile("../../corpus/diff/kinds/new.xml")
	if err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	code := Main([]string{"../../corpus/diff/kinds/old.xml", "-"}, bytes.NewReader(b), &stdout,
		&stderr)
	if code != ExitDiffers || !strings.Contains(stdout.String(), "NEW  -  captured") {
		t.Errorf("exit %d, stdout:\n%s\nstderr:\n%s", code, &stdout, &stderr)
	}
}

func TestColor(t *testing.T) {
	var stdout, stderr bytes.Buffer
	Main([]string{"--color", "always", "../../corpus/diff/kinds/old.xml",
		"../../corpus/diff/kinds/new.xml"}, nil, &stdout, &stderr)
	if !strings.Contains(stdout.String(), bold+red+"regressed"+reset) {
		t.Errorf("no colour with --color always:\n%s", &stdout)
	}
	stdout.Reset()
	Main([]string{"../../corpus/diff/kinds/old.xml", "../../corpus/diff/kinds/new.xml"}, nil,
		&stdout, &stderr)
	if strings.Contains(stdout.String(), "\x1b[") {
		t.Error("colour in output that is not a terminal")
	}
}

func TestParseSize(t *testing.T) {
	tests := []struct {
		in, reason string
		want       int64
	}{
		{"128MB", "MB is a power of ten", 128e6},
		{"1GiB", "GiB is a power of two", 1 << 30},
		{"64m", "a bare letter is a power of two, in any case", 64 << 20},
		{"1.5GB", "fractions", 15e8},
		{"1048576", "plain bytes", 1 << 20},
		{"0", "zero is no size", 0},
		{"-1MB", "negative is no size", 0},
	}
	for _, tt := range tests {
		got, err := parseSize(tt.in)
		if got != tt.want || (err != nil) != (tt.want == 0) {
			t.Errorf("parseSize(%q) = %d, %v; want %d (%s)", tt.in, got, err, tt.want, tt.reason)
		}
	}
}

func TestExpandCriticalities(t *testing.T) {
	got := expandCriticalities([]string{"critical+", "MINIMAL"})
	if d := cmp.Diff([]string{"CRITICAL", "URGENT", "MINIMAL"}, got); d != "" {
		t.Errorf("LABEL+ is the label and those above it (-want +got):\n%s", d)
	}
}
