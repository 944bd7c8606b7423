package postgen_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"qx/internal/postgen"
)

// pairCases are the pair configurations the tests run on.
var pairCases = []struct {
	name   string
	cfg    postgen.PairConfig
	reason string
}{
	{"ordered", postgen.PairConfig{Config: postgen.Config{Seed: 1, Records: 3000}, Every: 100},
		"thirty records of each kind, both sides in ID order"},
	{"shuffled", postgen.PairConfig{
		Config: postgen.Config{Seed: 2, Records: 3000, Shuffle: true}, ShuffleNew: true, Every: 50},
		"both sides shuffled, each in its own order"},
	{"new shuffled", postgen.PairConfig{
		Config: postgen.Config{Seed: 3, Records: 2000, Hosts: 5, Controls: 40}, ShuffleNew: true,
		Every: 10, Interval: time.Hour},
		"the densest plan, instance levels, and the shortest interval leave dates little room"},
	{"partial block",
		postgen.PairConfig{Config: postgen.Config{Seed: 4, Records: 1999}, Every: 1000},
		"the trailing partial block carries no change"},
	{"tiny",
		postgen.PairConfig{Config: postgen.Config{Seed: 5, Records: 10, Summary: true}, Every: 10},
		"one block of exactly one record per kind"},
}

// writePair returns both exports of cfg and their changes.
func writePair(t *testing.T, cfg postgen.PairConfig) (old, new []byte, cs postgen.Changes) {
	t.Helper()
	var o, n bytes.Buffer
	cs, err := postgen.WritePair(&o, &n, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return o.Bytes(), n.Bytes(), cs
}

func TestPairChangesMatchNaiveDiff(t *testing.T) {
	for _, tt := range pairCases {
		t.Run(tt.name, func(t *testing.T) {
			oldXML, newXML, got := writePair(t, tt.cfg)
			old, new := parse(t, oldXML), parse(t, newXML)
			if date(t, new.Response.DateTime).Compare(date(t, old.Response.DateTime)) <= 0 {
				t.Errorf("NEW DATETIME %s is not after OLD's %s",
					new.Response.DateTime, old.Response.DateTime)
			}
			want := naiveDiff(t, old, new)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("changes (-naive +generated):\n%s", diff)
			}
			for _, k := range postgen.Kinds() {
				if n := tt.cfg.Records / tt.cfg.Every; want.Counts[k] != n {
					t.Errorf("naive diff finds %d %s, want one per full block: %d",
						want.Counts[k], k, n)
				}
			}
		})
	}
}

// naiveDiff compares two parsed exports record by record.
func naiveDiff(t *testing.T, old, new *export) postgen.Changes {
	t.Helper()
	oldDT := date(t, old.Response.DateTime)
	cs := postgen.Changes{
		OldDateTime: oldDT,
		NewDateTime: date(t, new.Response.DateTime),
		OldRecords:  int64(len(old.Response.Infos)),
		NewRecords:  int64(len(new.Response.Infos)),
		Counts:      map[postgen.Kind]int64{},
		List:        []postgen.Change{},
	}
	for _, k := range postgen.Kinds() {
		cs.Counts[k] = 0
	}
	olds, news := checkExport(t, old), checkExport(t, new)
	for key, o := range olds {
		addChange(&cs, o.key(), classify(t, oldDT, o, news[key]))
	}
	for key, n := range news {
		if olds[key] == nil {
			addChange(&cs, n.key(), postgen.Added)
		}
	}
	slices.SortFunc(cs.List, func(a, b postgen.Change) int { return a.Key.Compare(b.Key) })
	return cs
}

// classify returns the kind of change from o to n (nil when removed): the
// first kind, in declaration order, whose description fits.
func classify(t *testing.T, oldDT time.Time, o, n *info) postgen.Kind {
	t.Helper()
	switch {
	case n == nil:
		return postgen.Removed
	case o.Status == "Passed" && n.Status == "Failed":
		return postgen.Regressed
	case o.Status == "Failed" && n.Status == "Passed":
		return postgen.Fixed
	case o.Status != "Error" && n.Status == "Error":
		return postgen.ToError
	case o.Status == "Error" && n.Status != "Error":
		return postgen.FromError
	case streakStart(n) != "" && date(t, streakStart(n)).After(oldDT):
		return postgen.Flapped
	case o.LastFail != n.LastFail || o.LastPass != n.LastPass || o.Modified != n.Modified:
		return postgen.Reevaluated
	case o.Remediation != n.Remediation:
		return postgen.RemediationChanged
	case !cmp.Equal(o.Evidence, n.Evidence):
		return postgen.EvidenceChanged
	case !cmp.Equal(o, n):
		t.Errorf("record %d changed in no known way:\n%s", o.ID, cmp.Diff(o, n))
	}
	return postgen.Unchanged
}

// streakStart returns the first date of the current streak of a Passed or
// Failed record, "" for an Error record.
func streakStart(in *info) string {
	switch in.Status {
	case "Passed":
		return in.FirstPass
	case "Failed":
		return in.FirstFail
	}
	return ""
}

// addChange counts the record of key as a change of kind k.
func addChange(cs *postgen.Changes, key postgen.Key, k postgen.Kind) {
	if k == postgen.Unchanged {
		cs.Unchanged++
		return
	}
	cs.Counts[k]++
	cs.List = append(cs.List, postgen.Change{Key: key, Kind: k})
}

func TestPairIsDeterministic(t *testing.T) {
	for _, tt := range pairCases {
		t.Run(tt.name, func(t *testing.T) {
			o1, n1, c1 := writePair(t, tt.cfg)
			o2, n2, c2 := writePair(t, tt.cfg)
			if !bytes.Equal(o1, o2) || !bytes.Equal(n1, n2) {
				t.Error("two writes of one pair config differ")
			}
			if diff := cmp.Diff(c1, c2); diff != "" {
				t.Errorf("changes differ between runs (-first +second):\n%s", diff)
			}
		})
	}
}

func TestPairOldSideIsPlainExport(t *testing.T) {
	// Records unchanged in a pair are the records of a plain export, so an
	// unchanged record reads the same whichever way it was generated.
	cfg := postgen.PairConfig{Config: postgen.Config{Seed: 11, Records: 500}, Every: 25}
	oldXML, _, cs := writePair(t, cfg)
	plain := checkExport(t, parse(t, write(t, cfg.Config)))
	changed := map[postgen.Key]bool{}
	for _, c := range cs.List {
		changed[c.Key] = true
	}
	for k, in := range checkExport(t, parse(t, oldXML)) {
		if !changed[in.key()] && !cmp.Equal(in, plain[k]) {
			t.Errorf("unchanged record %s differs from the plain export (-plain +pair):\n%s",
				k, cmp.Diff(plain[k], in))
		}
	}
}

func TestChangesStaySmall(t *testing.T) {
	cfg := postgen.PairConfig{Config: postgen.Config{Seed: 1, Records: 200000}}
	cs, err := postgen.WritePair(io.Discard, io.Discard, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if want := 200 * len(postgen.Kinds()); len(cs.List) != want {
		t.Errorf("%d changes, want one per kind per 1000 records: %d", len(cs.List), want)
	}
	if cs.Unchanged+int64(len(cs.List)) != cfg.Records {
		t.Errorf("unchanged %d + changed %d != records %d", cs.Unchanged, len(cs.List), cfg.Records)
	}
}

func TestChangesJSONRoundTrip(t *testing.T) {
	_, _, cs := writePair(t, pairCases[0].cfg)
	data, err := json.Marshal(cs)
	if err != nil {
		t.Fatal(err)
	}
	var back postgen.Changes
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(cs, back); diff != "" {
		t.Errorf("JSON round trip (-before +after):\n%s", diff)
	}
	byName := bytes.Contains(data, []byte(`"kind":"regressed"`)) &&
		bytes.Contains(data, []byte(`"to_error":`))
	if !byName {
		t.Errorf("kinds are not written by name: %.200s", data)
	}
}

func TestKindText(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		want   postgen.Kind
		ok     bool
		reason string
	}{
		{"known", "flapped", postgen.Flapped, true, "names read back to their kind"},
		{"unchanged", "unchanged", postgen.Unchanged, true, "the zero kind has a name too"},
		{"unknown", "moved", 0, false, "a name no kind has is an error"},
		{"case", "Fixed", 0, false, "names are matched exactly"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var k postgen.Kind
			err := k.UnmarshalText([]byte(tt.text))
			if (err == nil) != tt.ok || k != tt.want {
				t.Errorf("UnmarshalText(%q) = %v, %v; want %v, ok %v",
					tt.text, k, err, tt.want, tt.ok)
			}
		})
	}
}

func TestPairConfigErrors(t *testing.T) {
	tests := []struct {
		name   string
		cfg    postgen.PairConfig
		reason string
	}{
		{"paged", postgen.PairConfig{Config: postgen.Config{Records: 10, PageSize: 5}},
			"pairs are written as two single documents"},
		{"every too small", postgen.PairConfig{Config: postgen.Config{Records: 10}, Every: 5},
			"a block must hold one record of each kind"},
		{"short interval",
			postgen.PairConfig{Config: postgen.Config{Records: 10}, Interval: time.Minute},
			"new streaks need room between the two DATETIMEs"},
		{"bad config", postgen.PairConfig{Config: postgen.Config{Records: -1}},
			"the embedded config is checked too"},
		{"new datetime too late", postgen.PairConfig{Config: postgen.Config{Records: 10,
			DateTime: time.Date(9998, 12, 31, 0, 0, 0, 0, time.UTC)}, Interval: 48 * time.Hour},
			"NEW's DATETIME must still have a four-digit year"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if _, err := postgen.WritePair(&b, &b, tt.cfg); err == nil {
				t.Error("no error")
			}
		})
	}
}

func TestPairWriterErrors(t *testing.T) {
	cfg := postgen.PairConfig{Config: postgen.Config{Records: 100}, Every: 10}
	var b bytes.Buffer
	if _, err := postgen.WritePair(errWriter{}, &b, cfg); !errors.Is(err, errDiskFull) {
		t.Errorf("OLD failing: error %v, want one wrapping %v", err, errDiskFull)
	}
	if _, err := postgen.WritePair(&b, errWriter{}, cfg); !errors.Is(err, errDiskFull) {
		t.Errorf("NEW failing: error %v, want one wrapping %v", err, errDiskFull)
	}
}
