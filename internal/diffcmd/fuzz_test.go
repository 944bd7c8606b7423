package diffcmd

// The fuzz targets run qxdiff, as its command line does, on exports built
// from fuzzed fields and on fuzzed documents, and check what must hold
// whatever the input: a file compared with itself shows no change, swapping
// the sides swaps every transition, a side that is no posture export stops
// the diff, and the outputs parse (readback_test.go holds the readers).

import (
	"bytes"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"qx/internal/lint"
	"qx/internal/scan"
	"qx/internal/validate"
)

// qxdiff runs the command and returns its exit status, stdout and stderr.
func qxdiff(args ...string) (int, []byte, string) {
	var out, errOut bytes.Buffer
	code := Main(append([]string{"-j", "1"}, args...), strings.NewReader(""), &out, &errOut)
	return code, out.Bytes(), errOut.String()
}

// FuzzDiffExports builds a pair of exports from a spec of fuzzed fields
// (see [exportPair]) and checks that OLD compared with itself reports only
// its duplicate keys and dates later than its DATETIME, that swapping the
// sides swaps every transition, and that the JSON and markdown outputs parse.
// Seeds: the pairs of the golden runs, and hostile values.
func FuzzDiffExports(f *testing.F) {
	for _, run := range goldenRuns {
		if len(run.args) == 2 {
			if p, ok := pairOfFiles("../../"+run.args[0], "../../"+run.args[1]); ok {
				f.Add(p.spec())
			}
		}
	}
	for _, s := range hostileValues {
		f.Add(hostilePair(s).spec())
	}
	f.Fuzz(func(t *testing.T, spec string) {
		p := parsePair(spec)
		paths := writePair(t, p)
		checkSelfExport(t, p, paths[0])
		checkSwap(t, paths[0], paths[1])
	})
}

// writePair writes the exports of a pair in a temporary directory and
// returns their paths.
func writePair(t *testing.T, p exportPair) [2]string {
	dir := t.TempDir()
	var paths [2]string
	for side, fallback := range []string{"old.xml", "new.xml"} {
		name := fileName(p.names[side], fallback)
		if side == 1 && filepath.Join(dir, name) == paths[0] {
			name = "new-" + name
		}
		paths[side] = filepath.Join(dir, name)
		if err := os.WriteFile(paths[side], p.document(side), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return paths
}

// hostileValues are what fields and file names must survive.
var hostileValues = []string{
	"a|b", "a\\|b", "x`y", "line\nbreak", "cr\rhere", "<b>&amp;</b>", "]]>", "%0A", "::error::x",
	"* _ ~ # [x](y)", "\x01\x7f", "\xff\xfe", "\ufffe", "  686176  ", "", "é",
}

// hostilePair is an export pair whose every field and name is s, beside a
// regression of a plain record.
func hostilePair(s string) exportPair {
	r := record{side: "b"}
	for i := range r.f {
		r.f[i] = s
	}
	before := record{side: "o", f: [numFields]string{fHost: "1", fControl: s, fTech: "2",
		fStatus: "Passed", fFirstPass: "2019-09-01T00:00:00Z", fCriticality: s, fDNS: s}}
	after := before
	after.side, after.f[fStatus] = "n", "Failed"
	return exportPair{captured: [2]string{"2019-09-20T10:15:02Z", "2019-09-27T10:15:02Z"},
		names: [2]string{s, s + ".new"}, records: []record{r, before, after}}
}

// checkSelfExport compares OLD with itself and checks the changes against
// those [exportPair.expectSelf] predicts.
func checkSelfExport(t *testing.T, p exportPair, path string) {
	doc := checkSelf(t, path)
	if doc == nil {
		t.Fatalf("self: a built export cannot be compared with itself:\n%s", p.document(0))
	}
	dups, late := p.expectSelf(0)
	want := map[string]string{}
	for k := range dups {
		want[k] = "duplicate"
	}
	for k := range late {
		want[k] = "inconsistent"
	}
	got := map[string]string{}
	for _, c := range doc.Changes {
		got[c.key()] = c.Kind
	}
	records := int64(len(p.on(0)))
	if !maps.Equal(got, want) || doc.Summary.OldRecords != records ||
		doc.Summary.DuplicateKeys != int64(len(dups)) {
		t.Errorf("self: changes %q, %d records, %d duplicate keys; the export has %d records, "+
			"duplicate keys %v and later dates at %v", got, doc.Summary.OldRecords,
			doc.Summary.DuplicateKeys, records, dups, late)
	}
}

// FuzzDiffDocument compares a fuzzed document with itself, and with a
// posture export on either side: compared with itself it shows no change
// but duplicate keys and dates later than its export; a document that is
// not well-formed, ends early or is no posture export stops every diff with
// exit status 2 and no output; every output parses. Seeds: the files of the
// golden runs, and the exports of FuzzDiffExports's hostile seeds.
func FuzzDiffDocument(f *testing.F) {
	for _, p := range goldenFiles(f) {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range hostileValues {
		f.Add(hostilePair(s).document(1))
	}
	const good = "../../corpus/diff/kinds/old.xml"
	f.Fuzz(func(t *testing.T, doc []byte) {
		path := filepath.Join(t.TempDir(), "doc.xml")
		if err := os.WriteFile(path, doc, 0o644); err != nil {
			t.Fatal(err)
		}
		if broken, why := brokenSide(doc); broken {
			checkRefused(t, why, "--format", "json", good, path)
			checkRefused(t, why, "--format", "markdown", path, good)
			return
		}
		checkSelf(t, path)
		checkParses(t, "--format", "markdown", good, path)
		checkParses(t, "--format", "json", path, good)
	})
}

// goldenFiles returns the files the golden runs read.
func goldenFiles(t testing.TB) []string {
	seen := map[string]bool{}
	var files []string
	for _, run := range goldenRuns {
		for _, arg := range run.args {
			if !strings.HasPrefix(arg, "corpus/") {
				continue
			}
			filepath.WalkDir("../../"+arg, func(p string, d fs.DirEntry, err error) error {
				if err == nil && !d.IsDir() && !seen[p] {
					seen[p] = true
					files = append(files, p)
				}
				return nil
			})
		}
	}
	if len(files) < 10 {
		t.Fatalf("the golden runs read %d files; did their table change shape?", len(files))
	}
	return files
}

// rootObserver remembers a document's root element and whether it was read
// to its end, well-formed.
type rootObserver struct {
	root     string
	complete bool
}

// Token implements [validate.Observer].
func (o *rootObserver) Token(t *scan.Token, _ func(validate.Finding)) {
	if t.Kind == scan.StartElement && o.root == "" {
		o.root = string(t.Name)
	}
}

// Finish implements [validate.Observer].
func (o *rootObserver) Finish(complete bool, _ func(validate.Finding)) { o.complete = complete }

// brokenSide tells whether doc, inflated if it is gzip, cannot be a side of
// a diff: not well-formed, cut short, or of another format; why says which.
func brokenSide(doc []byte) (broken bool, why string) {
	obs := &rootObserver{}
	r, _ := lint.Decompress(bytes.NewReader(doc))
	if _, err := validate.Validate(r, validate.Options{
		Observers: []validate.Observer{obs}}); err != nil || !obs.complete {
		return true, "not well-formed or cut short"
	}
	switch obs.root {
	case "POSTURE_INFO_LIST_OUTPUT", "COMPLIANCE_POLICY_REPORT":
		return false, ""
	}
	return true, "root element " + obs.root
}

// checkRefused runs qxdiff with a side that cannot be compared: exit status
// 2, a reason on stderr and nothing on stdout, never a diff.
func checkRefused(t *testing.T, why string, args ...string) {
	code, out, stderr := qxdiff(args...)
	if code != ExitTrouble || len(out) > 0 || !strings.Contains(stderr, "qxdiff: ") {
		t.Errorf("qxdiff %q with a side that is %s: exit %d, stdout %q, stderr %q; want exit 2, "+
			"a reason and no output", args, why, code, out, stderr)
	}
}

// checkParses runs qxdiff and, unless the sides cannot be compared, reads
// its output.
func checkParses(t *testing.T, args ...string) {
	code, out, stderr := qxdiff(args...)
	switch {
	case code == ExitTrouble:
		if len(out) > 0 {
			t.Errorf("qxdiff %q: exit 2 with output %q", args, out)
		}
	case args[1] == "json":
		readJSON(t, out)
	default:
		checkMarkdown(t, out)
	}
	if code > ExitTrouble {
		t.Errorf("qxdiff %q: exit %d\n%s", args, code, stderr)
	}
}
