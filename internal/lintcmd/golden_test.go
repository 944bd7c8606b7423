package lintcmd

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"qx/internal/golden"
	"qx/internal/report"
)

// TestGoldenCorpus runs qxlint on every corpus file and compares what it prints
// and its exit status with golden/qxlint/<file>.txt.
func TestGoldenCorpus(t *testing.T) {
	t.Chdir("../..")
	var files []string
	filepath.WalkDir("corpus", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() &&
			(strings.HasSuffix(p, ".xml") || strings.HasSuffix(p, ".xml.gz")) {
			files = append(files, p)
		}
		return err
	})
	if len(files) == 0 {
		t.Fatal("no corpus files found")
	}
	for _, f := range files {
		t.Run(f, func(t *testing.T) {
			golden.Check(t, filepath.Join("golden", "qxlint", f+".txt"),
				runTranscript(nil, "--jobs=1", f))
		})
	}
}

// formatCorpus are the corpus directories the format goldens cover: those of
// qxlint's own specimens.
var formatCorpus = []string{"corpus/hostile", "corpus/invalid", "corpus/rules", "corpus/valid"}

// TestGoldenFormats runs qxlint on the corpus in every output format and
// compares stdout with golden/qxlint-formats/corpus.<format>. The consumer
// tests of package report read these files.
func TestGoldenFormats(t *testing.T) {
	t.Chdir("../..")
	for _, format := range report.Formats {
		t.Run(format, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			args := append([]string{"--jobs=2", "--format", format}, formatCorpus...)
			code := Main(args, strings.NewReader(""), &stdout, &stderr)
			if code != ExitFindings {
				t.Errorf("exit %d, want %d: the corpus holds invalid files\n%s", code,
					ExitFindings, stderr.Bytes())
			}
			golden.Check(t, filepath.Join("golden", "qxlint-formats", "corpus."+format),
				stdout.Bytes())
		})
	}
}

// cliCase is a qxlint run whose transcript is a golden file.
type cliCase struct {
	name, reason string
	args         []string // $TMP stands for a fresh directory
	show         []string // files of $TMP appended to the transcript
}

// Paths the CLI cases use.
const (
	td    = "internal/lintcmd/testdata/"
	cr    = "corpus/rules/"
	page1 = "corpus/valid/posture_info_list.page1.xml"
	page2 = "corpus/valid/posture_info_list.page2.xml"
	notes = "corpus/valid/notes.posture_info_list.xml"
)

var cliCases = []cliCase{
	{"list-rules", "every finding id is in one catalog", []string{"--list-rules"}, nil},
	{"explain-semantic", "a semantic rule shows its records and text",
		[]string{"--explain", "auth-duplicate-record"}, nil},
	{"explain-xpath", "an XPath rule shows its assertion",
		[]string{"--explain", "op-scan-by-policy-conflict"}, nil},
	{"explain-content-model", "content-model ids are explained too",
		[]string{"--explain", "bad-value"}, nil},
	{"explain-unknown", "an unknown id is bad usage", []string{"--explain", "no-such-rule"}, nil},
	{"pages-resolved", "a truncated page whose next page is an input is no finding",
		[]string{page2, page1}, nil},
	{"pages-missing", "a truncated page is reported after every file's findings",
		[]string{"--jobs=1", cr + "page-missing.bad.xml", cr + "dates-unpaired.bad.xml"}, nil},
	{"disable-rule", "a disabled rule reports nothing",
		[]string{"--disable", "page-missing", page1}, nil},
	{"disable-severity-enable-rule", "the later flag wins over a severity",
		[]string{"--disable", "error", "--enable", "dates-unpaired", cr + "dates-unpaired.bad.xml",
			cr + "dates-first-after-last.bad.xml", cr + "op-auth-type-repeated.bad.xml"}, nil},
	{"enable-then-disable-all", "a later --disable all silences an earlier --enable",
		[]string{"--enable", "dates-unpaired", "--disable", "all", cr + "dates-unpaired.bad.xml"},
		nil},
	{"disable-unknown", "a misspelt rule id is bad usage, not a no-op",
		[]string{"--disable", "dates-unpiared", cr + "dates-unpaired.bad.xml"}, nil},
	{"strict", "--strict fails a run on warnings",
		[]string{"--strict", cr + "op-auth-type-repeated.bad.xml"}, nil},
	{"max-findings", "findings past --max-findings are counted on stderr",
		[]string{"--max-findings", "1", cr + "dates-after-reply.bad.xml"}, nil},
	{"custom-list", "custom rules are listed with the built-in ones",
		[]string{"--rules", td + "rules.json", "--list-rules"}, nil},
	{"custom-explain", "custom rules are explained like built-in ones",
		[]string{"--rules", td + "rules.json", "--explain", "posture-instance-named"}, nil},
	{"custom-run", "custom rules report like built-in ones",
		[]string{"--rules", td + "rules.json", notes, cr + "auth-duplicate-record.good.xml"}, nil},
	{"custom-bad-xpath", "a rule that does not compile is trouble",
		[]string{"--rules", td + "rules.bad-xpath.json", cr + "page-missing.good.xml"}, nil},
	{"custom-taken-id", "two rules files cannot define one id",
		[]string{"--rules", td + "rules.json", "--rules", td + "rules.json", "--list-rules"}, nil},
	{"config-suppress", "suppressions accept findings; one that matches nothing is reported",
		[]string{"--config", td + "qxlint.json", notes, cr + "dates-unpaired.bad.xml"}, nil},
	{"config-no-reason", "a suppression without a reason is refused",
		[]string{"--config", td + "qxlint.noreason.json", cr + "dates-unpaired.bad.xml"}, nil},
	{"config-unknown-field", "a misspelt field of the configuration is refused",
		[]string{"--config", td + "qxlint.unknown-field.json", cr + "page-missing.good.xml"}, nil},
	{"baseline", "baselined findings are accepted; entries that match nothing are reported",
		[]string{"--baseline", td + "baseline.json", cr + "dates-after-reply.bad.xml",
			cr + "dates-unpaired.bad.xml", cr + "page-missing.bad.xml"}, nil},
	{"baseline-version", "a baseline of another version is refused",
		[]string{"--baseline", td + "baseline.v2.json", cr + "page-missing.good.xml"}, nil},
	{"write-baseline", "--write-baseline writes what the run found, sorted",
		[]string{"--write-baseline", "$TMP/baseline.json", cr + "dates-after-reply.bad.xml",
			cr + "page-missing.bad.xml", "corpus/invalid/posture.bad_status.xml"},
		[]string{"baseline.json"}},
	{"outputs", "--output writes several formats from one run",
		[]string{"--format", "github", "--output", "json=$TMP/out.json",
			"--output", "checkstyle=$TMP/out.xml", cr + "dates-after-reply.bad.xml"},
		[]string{"out.json", "out.xml"}},
	{"output-bad", "an --output that is not FORMAT=PATH is bad usage",
		[]string{"--output", "yaml=x", cr + "page-missing.good.xml"}, nil},
	{"github-limit", "past 10 annotations of a kind, findings stay in the log as text",
		[]string{"--jobs=1", "--format", "github", "corpus/invalid"}, nil},
}

// TestGoldenCLI runs the scenarios of cliCases (rules, selection, custom
// rules, suppressions, baselines, outputs) and compares their transcripts
// with golden/qxlint-cli/<name>.txt.
func TestGoldenCLI(t *testing.T) {
	t.Chdir("../..")
	for _, tt := range cliCases {
		t.Run(tt.name, func(t *testing.T) {
			tmp := t.TempDir()
			args := make([]string, len(tt.args))
			for i, a := range tt.args {
				args[i] = strings.ReplaceAll(a, "$TMP", tmp)
			}
			got := runTranscript(nil, args...)
			for _, name := range tt.show {
				data, err := os.ReadFile(filepath.Join(tmp, name))
				if err != nil {
					t.Fatalf("%s: %v", tt.reason, err)
				}
				got = fmt.Appendf(got, "# file $TMP/%s\n%s", name, data)
			}
			got = bytes.ReplaceAll(got, []byte(tmp), []byte("$TMP"))
			golden.Check(t, filepath.Join("golden", "qxlint-cli", tt.name+".txt"), got)
		})
	}
}

// runTranscript runs qxlint and renders its output and exit status.
func runTranscript(stdin []byte, args ...string) []byte {
	var stdout, stderr bytes.Buffer
	code := Main(args, bytes.NewReader(stdin), &stdout, &stderr)
	var b bytes.Buffer
	fmt.Fprintf(&b, "$ qxlint %s\n%s", strings.Join(args, " "), stdout.Bytes())
	fmt.Fprintf(&b, "# stderr\n%s# exit %d\n", stderr.Bytes(), code)
	return b.Bytes()
}
