package diff

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"qx/internal/lint"
	"qx/internal/postgen"
)

// memInput is an input read from memory.
func memInput(name string, b []byte) lint.Input {
	return lint.Input{Name: name, Open: func() (io.ReadCloser, error) {
		return io.NopCloser(bytes.NewReader(b)), nil
	}}
}

// genPair writes a generated pair and returns it with its known changes.
func genPair(t testing.TB, cfg postgen.PairConfig) (old, new []byte, cs postgen.Changes) {
	t.Helper()
	var o, n bytes.Buffer
	cs, err := postgen.WritePair(&o, &n, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return o.Bytes(), n.Bytes(), cs
}

// compare reads and compares two sides and returns every shown change, with
// record positions cleared so that a reordered input compares equal.
func compare(t testing.TB, old, new []lint.Input, opt Options) (*Result, []Change) {
	t.Helper()
	s, err := Read(context.Background(), old, new, opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.Err(); err != nil {
		t.Fatal(err)
	}
	r, err := s.Compare()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	var all []Change
	for _, k := range Kinds() {
		err := r.Each(k, func(c *Change) error {
			cc := *c
			for _, rs := range [][]Record{cc.Old, cc.New} {
				for i := range rs {
					rs[i].Pos, rs[i].ID = Pos{}, ""
				}
			}
			all = append(all, cc)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return r, all
}

var smallPair = postgen.PairConfig{Config: postgen.Config{Seed: 7, Records: 3000}, Every: 50}

// TestGeneratedChanges checks that the changes found are exactly those the
// generator made, and that the summary accounts for every record.
func TestGeneratedChanges(t *testing.T) {
	old, new, cs := genPair(t, smallPair)
	r, changes := compare(t, []lint.Input{memInput("old.xml", old)},
		[]lint.Input{memInput("new.xml", new)}, Options{})
	var got, want []string
	for _, c := range changes {
		got = append(got, fmt.Sprintf("%v %s/%s/%s/%s", c.Kind, c.Key.Host, c.Key.Control,
			c.Key.Technology, c.Key.Instance))
	}
	for _, c := range cs.List {
		want = append(want, fmt.Sprintf("%v %d/%d/%d/%s", c.Kind, c.HostID, c.ControlID,
			c.TechnologyID, c.Instance))
	}
	slices.Sort(got)
	slices.Sort(want)
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("changes differ from the generator's (-want +got):\n%s", d)
	}
	s := r.Summary
	if s.OldRecords != cs.OldRecords || s.NewRecords != cs.NewRecords ||
		s.Unchanged != cs.Unchanged {
		t.Errorf("summary %+v, generator %d old, %d new, %d unchanged", s, cs.OldRecords,
			cs.NewRecords, cs.Unchanged)
	}
	checkAccounts(t, s)
}

// checkAccounts checks that the summary accounts for every record.
func checkAccounts(t *testing.T, s Summary) {
	t.Helper()
	if o := s.Unchanged + s.Changed + s.Removed + s.OldDuplicates; o != s.OldRecords {
		t.Errorf("OLD: %d records, accounted %d", s.OldRecords, o)
	}
	if n := s.Unchanged + s.Changed + s.Added + s.NewDuplicates; n != s.NewRecords {
		t.Errorf("NEW: %d records, accounted %d", s.NewRecords, n)
	}
}

// TestShuffleChangesNothing is the property that the order of the records on
// either side, and spilling to disk, change nothing found.
func TestShuffleChangesNothing(t *testing.T) {
	old, new, _ := genPair(t, smallPair)
	_, want := compare(t, []lint.Input{memInput("old.xml", old)},
		[]lint.Input{memInput("new.xml", new)}, Options{})
	tests := []struct {
		name, reason     string
		shuffleOld, shuf bool
		opt              Options
	}{
		{"old", "OLD in another order", true, false, Options{}},
		{"new", "NEW in another order", false, true, Options{}},
		{"both spilled", "both shuffled, sorted through files in a tiny budget", true, true,
			Options{Memory: minMemory, Jobs: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := smallPair
			cfg.Shuffle, cfg.ShuffleNew = tt.shuffleOld, tt.shuf
			o, n, _ := genPair(t, cfg)
			if bytes.Equal(o, old) == tt.shuffleOld || bytes.Equal(n, new) == tt.shuf {
				t.Fatal("the generator did not shuffle as asked")
			}
			_, got := compare(t, []lint.Input{memInput("old.xml", o)},
				[]lint.Input{memInput("new.xml", n)}, tt.opt)
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("%s changed the result (-want +got):\n%s", tt.reason, d)
			}
		})
	}
}

// TestSpill checks that a budget too small for the records spills them to
// temporary files, removed on Close, with the same result.
func TestSpill(t *testing.T) {
	old, new, cs := genPair(t, postgen.PairConfig{Config: postgen.Config{Seed: 3,
		Records: 20000, Shuffle: true}, ShuffleNew: true, Every: 200})
	dir := t.TempDir()
	s, err := Read(context.Background(), []lint.Input{memInput("old.xml", old)},
		[]lint.Input{memInput("new.xml", new)}, Options{Memory: minMemory, TempDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	r, err := s.Compare()
	if err != nil {
		t.Fatal(err)
	}
	if s.TempFiles() == 0 && r.tmp.files() == 0 {
		t.Error("no temporary file written within a 1 MiB budget")
	}
	var n int64
	for _, k := range Kinds() {
		n += r.Summary.Shown[k]
	}
	if n != int64(len(cs.List)) {
		t.Errorf("%d changes found, %d made", n, len(cs.List))
	}
	r.Close()
	s.Close()
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
}

// TestSides checks what makes two sides comparable or not.
func TestSides(t *testing.T) {
	corpus := func(p string) lint.Input {
		return lint.Input{Name: p, Open: func() (io.ReadCloser, error) {
			return os.Open(filepath.Join("../../corpus", p))
		}}
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	b, _ := os.ReadFile("../../corpus/diff/kinds/new.xml")
	zw.Write(b)
	zw.Close()
	tests := []struct {
		name, reason string
		old, new     []lint.Input
		opt          Options
		fatal        []string // the problems, fatal ones first
	}{
		{"pages", "pages that chain", []lint.Input{corpus("diff/pages/old/page1.xml"),
			corpus("diff/pages/old/page2.xml")}, []lint.Input{corpus("diff/pages/new/page2.xml"),
			corpus("diff/pages/new/page3.xml"), corpus("diff/pages/new/page1.xml")}, Options{},
			nil},
		{"missing page", "a page whose next page is missing",
			[]lint.Input{corpus("diff/pages/old/page1.xml")},
			[]lint.Input{corpus("diff/pages/new/page1.xml")}, Options{},
			[]string{"OLD fatal", "NEW fatal"}},
		{"partial", "--allow-partial makes it a warning",
			[]lint.Input{corpus("diff/pages/old/page1.xml")},
			[]lint.Input{corpus("diff/pages/new/page1.xml")}, Options{AllowPartial: true},
			[]string{"OLD warning", "NEW warning"}},
		{"gzip", "a gzip side is read like a plain one",
			[]lint.Input{corpus("diff/kinds/old.xml")},
			[]lint.Input{memInput("new.xml.gz", gz.Bytes())}, Options{}, nil},
		{"error reply", "an API error is not a posture export",
			[]lint.Input{corpus("diff/kinds/old.xml")},
			[]lint.Input{corpus("diff/not_posture/new.xml")}, Options{}, []string{"NEW fatal"}},
		{"empty side", "a side without files", nil,
			[]lint.Input{corpus("diff/kinds/new.xml")}, Options{}, []string{"OLD fatal"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Read(context.Background(), tt.old, tt.new, tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			var got []string
			for _, p := range s.Problems {
				got = append(got, fmt.Sprintf("%v %s", p.Side, map[bool]string{true: "fatal",
					false: "warning"}[p.Fatal]))
			}
			if d := cmp.Diff(tt.fatal, got); d != "" {
				t.Errorf("%s: problems (-want +got):\n%s\n%v", tt.reason, d, s.Problems)
			}
		})
	}
}

// FuzzRead feeds arbitrary documents as NEW against a fixed OLD: reading and
// comparing must not fail but by a problem, and a comparable pair must
// account for every record.
func FuzzRead(f *testing.F) {
	old, err := os.ReadFile("../../corpus/diff/kinds/old.xml")
	if err != nil {
		f.Fatal(err)
	}
	for _, p := range []string{"kinds/new.xml", "duplicates/new.xml", "inconsistent/new.xml",
		"policy_report/new.xml", "not_posture/new.xml", "malformed/new.xml",
		"pages/new/page1.xml"} {
		b, err := os.ReadFile(filepath.Join("../../corpus/diff", p))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		s, err := Read(context.Background(), []lint.Input{memInput("old.xml", old)},
			[]lint.Input{memInput("new.xml", doc)}, Options{KeepText: true})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if s.Err() != nil {
			return
		}
		r, err := s.Compare()
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		checkAccounts(t, r.Summary)
		for _, k := range Kinds() {
			if err := r.Each(k, func(*Change) error { return nil }); err != nil {
				t.Fatal(err)
			}
		}
	})
}
