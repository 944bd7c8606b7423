package diffcmd

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"qx/internal/golden"
)

var formats = []string{"text", "markdown", "json"}

// goldenRuns are the runs of qxdiff on corpus/diff whose output is kept in
// golden/qxdiff/NAME.FORMAT (stdout) and NAME.stderr (stderr and exit status,
// the same for every format).
var goldenRuns = []struct {
	name    string
	reason  string
	args    []string
	formats []string
}{
	{"kinds", "one record of every kind of change between two single-file exports",
		pair("kinds/old.xml", "kinds/new.xml"), formats},
	{"kinds.text-diff", "--text-diff adds word-level diffs of remediation and evidence",
		append(pair("kinds/old.xml", "kinds/new.xml"), "--text-diff"), formats},
	{"reordered", "the same records in reverse order and other white space: no change, exit 0",
		pair("kinds/old.xml", "reordered/new.xml"), formats},
	{"duplicates", "keys twice on a side are listed with every record, not compared",
		pair("duplicates/old.xml", "duplicates/new.xml"), formats},
	{"inconsistent", "dates that contradict the exports, and a status outside the three",
		pair("inconsistent/old.xml", "inconsistent/new.xml"), formats},
	{"pages", "both sides are truncated exports in several pages, given as directories",
		pair("pages/old", "pages/new"), formats},
	{"pages.flags", "pages named one by one with repeated --old and --new",
		[]string{"--old", "corpus/diff/pages/old/page2.xml", "--old",
			"corpus/diff/pages/old/page1.xml", "--new", "corpus/diff/pages/new"}, []string{"text"}},
	{"policy_report", "a pair of compliance policy reports, keyed by host IP",
		pair("policy_report/old.xml", "policy_report/new.xml"), formats},
	{"broken_chain", "a page that leads to a missing page stops the diff with exit 2",
		pair("pages/old", "broken_chain/new"), []string{"text"}},
	{"broken_chain.allow_partial", "--allow-partial compares the pages there are, with a warning",
		append(pair("pages/old", "broken_chain/new"), "--allow-partial"), []string{"text"}},
	{"not_posture", "an API error reply is refused, not read as an empty export",
		pair("kinds/old.xml", "not_posture/new.xml"), []string{"text"}},
	{"malformed", "a document cut off mid-record is refused",
		pair("kinds/old.xml", "malformed/new.xml"), []string{"text"}},
	{"mixed_formats", "a posture info list is not compared with a policy report",
		pair("kinds/old.xml", "policy_report/new.xml"), []string{"text"}},
	{"kinds.kind", "--kind keeps the listed kinds; the summary still counts every record",
		append(pair("kinds/old.xml", "kinds/new.xml"), "--kind", "fixed,added"),
		[]string{"text"}},
	{"kinds.host", "--host matches host IDs, IPs and DNS names with wildcards",
		append(pair("kinds/old.xml", "kinds/new.xml"), "--host", "db01.*"), []string{"text"}},
	{"kinds.criticality", "--criticality CRITICAL+ keeps CRITICAL and URGENT controls",
		append(pair("kinds/old.xml", "kinds/new.xml"), "--criticality", "CRITICAL+"),
		[]string{"text", "json"}},
	{"kinds.control", "--control keeps the listed controls",
		append(pair("kinds/old.xml", "kinds/new.xml"), "--control", "1060,2201"),
		[]string{"text"}},
	{"kinds.fail_on_none", "--fail-on none exits 0 whatever changed",
		append(pair("kinds/old.xml", "kinds/new.xml"), "--fail-on", "none", "--limit", "1"),
		[]string{"text"}},
	{"reevaluated.fail_on_changed", "a re-evaluation alone is no difference for --fail-on changed",
		append(pair("kinds/old.xml", "kinds/new.xml"), "--kind", "reevaluated", "--fail-on",
			"changed"), []string{"text"}},
	{"reevaluated.fail_on_any", "--fail-on any counts re-evaluations too",
		append(pair("kinds/old.xml", "kinds/new.xml"), "--kind", "reevaluated", "--fail-on",
			"any"), []string{"text"}},
}

func pair(old, new string) []string {
	return []string{"corpus/diff/" + old, "corpus/diff/" + new}
}

// TestGolden runs qxdiff on the corpus pairs and compares its output with the
// golden files, or rewrites them with -update.
func TestGolden(t *testing.T) {
	t.Chdir("../..")
	for _, run := range goldenRuns {
		t.Run(run.name, func(t *testing.T) {
			var stderr0 []byte
			for _, f := range run.formats {
				args := append([]string{"--format", f}, run.args...)
				stdout, stderr := runTranscript(args)
				golden.Check(t, filepath.Join("golden", "qxdiff", run.name+"."+f), stdout)
				if stderr0 != nil && !bytes.Equal(stderr, stderr0) {
					t.Errorf("stderr of --format %s differs from that of %s", f, run.formats[0])
				}
				stderr0 = stderr
				if f == "json" && len(stdout) > 0 && !json.Valid(stdout) {
					t.Errorf("--format json wrote invalid JSON:\n%s", stdout)
				}
			}
			golden.Check(t, filepath.Join("golden", "qxdiff", run.name+".stderr"), stderr0)
		})
	}
}

// runTranscript runs qxdiff; stderr ends with the command and its exit status.
func runTranscript(args []string) (stdout, stderr []byte) {
	var out, errOut bytes.Buffer
	code := Main(args, strings.NewReader(""), &out, &errOut)
	fmt.Fprintf(&errOut, "# qxdiff %s\n# exit %d\n", strings.Join(args[2:], " "), code)
	return out.Bytes(), errOut.Bytes()
}
