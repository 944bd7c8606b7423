package postgen_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"qx/internal/postgen"
)

// exportCases are the configurations most tests run on.
var exportCases = []struct {
	name   string
	cfg    postgen.Config
	reason string
}{
	{"plain", postgen.Config{Seed: 1, Records: 3000},
		"the default layout: one instance level, all technologies"},
	{"shuffled", postgen.Config{Seed: 2, Records: 3000, Shuffle: true},
		"shuffling changes the order only"},
	{"instances", postgen.Config{Seed: 3, Records: 2500, Hosts: 7, Controls: 50},
		"more records than hosts times controls need named application instances"},
	{"one technology",
		postgen.Config{Seed: 4, Records: 500, Hosts: 3, Controls: 20, Technologies: 1},
		"with no application technology, instances are named on the operating system"},
	{"summary", postgen.Config{Seed: 5, Records: 1000, Summary: true, Shuffle: true},
		"SUMMARY totals must match the records"},
	{"one record", postgen.Config{Seed: 6, Records: 1},
		"the smallest export with an INFO_LIST"},
	{"empty", postgen.Config{Seed: 7, Records: 0, Summary: true},
		"an export without records has no INFO_LIST and no GLOSSARY"},
	{"own datetime", postgen.Config{Seed: 8, Records: 800,
		DateTime: time.Date(2024, 2, 29, 23, 0, 0, 0, time.UTC)},
		"every date follows a DATETIME other than the default"},
}

// write returns the export cfg describes, failing t on error.
func write(t testing.TB, cfg postgen.Config) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := postgen.Write(&b, cfg); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestWriteIsDeterministic(t *testing.T) {
	for _, tt := range exportCases {
		t.Run(tt.name, func(t *testing.T) {
			a, b := write(t, tt.cfg), write(t, tt.cfg)
			if !bytes.Equal(a, b) {
				t.Fatal("two writes of one config differ")
			}
			other := tt.cfg
			other.Seed++
			if tt.cfg.Records > 0 && bytes.Equal(a, write(t, other)) {
				t.Error("another seed gave the same bytes")
			}
		})
	}
}

func TestWriteIsConsistent(t *testing.T) {
	for _, tt := range exportCases {
		t.Run(tt.name, func(t *testing.T) {
			e := parse(t, write(t, tt.cfg))
			checkExport(t, e)
			if got := int64(len(e.Response.Infos)); got != tt.cfg.Records {
				t.Errorf("%d records, want %d", got, tt.cfg.Records)
			}
			want := tt.cfg.DateTime.Format(time.RFC3339)
			if !tt.cfg.DateTime.IsZero() && e.Response.DateTime != want {
				t.Errorf("DATETIME %s, want %s", e.Response.DateTime, want)
			}
			checkGlossaryUsed(t, e)
			checkSummary(t, e, tt.cfg.Summary)
		})
	}
}

// checkGlossaryUsed fails t if the glossary lists what no record uses.
func checkGlossaryUsed(t *testing.T, e *export) {
	t.Helper()
	hosts, controls, techs := glossary(e)
	for _, in := range e.Response.Infos {
		delete(hosts, in.HostID)
		delete(controls, in.ControlID)
		delete(techs, in.TechID)
	}
	if len(hosts)+len(controls)+len(techs) > 0 {
		t.Errorf("unused glossary entries: hosts %v, controls %v, technologies %v",
			hosts, controls, techs)
	}
}

// checkSummary fails t unless e has a SUMMARY exactly when want is set, with
// the totals of its records.
func checkSummary(t *testing.T, e *export, want bool) {
	t.Helper()
	s := e.Response.Summary
	if (s != nil) != want {
		t.Fatalf("SUMMARY present: %v, want %v", s != nil, want)
	}
	if s == nil {
		return
	}
	var got summary
	hosts, controls, _ := glossary(e)
	got.Assets, got.Controls = int64(len(hosts)), int64(len(controls))
	for _, in := range e.Response.Infos {
		switch in.Status {
		case "Passed":
			got.Passed++
		case "Failed":
			got.Failed++
		default:
			got.Error++
		}
	}
	if diff := cmp.Diff(got, *s); diff != "" {
		t.Errorf("SUMMARY mismatch (-counted +written):\n%s", diff)
	}
}

func TestShuffleKeepsRecords(t *testing.T) {
	tests := []struct {
		name   string
		cfg    postgen.Config
		reason string
	}{
		{"single document", postgen.Config{Seed: 9, Records: 2000},
			"the whole export is one permutation"},
		{"instances", postgen.Config{Seed: 9, Records: 900, Hosts: 4, Controls: 30},
			"records of every instance level are moved too"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			shuffled := tt.cfg
			shuffled.Shuffle = true
			a, b := parse(t, write(t, tt.cfg)), parse(t, write(t, shuffled))
			if cmp.Equal(a.Response.Infos, b.Response.Infos) {
				t.Error("shuffled export is in the same order")
			}
			if diff := cmp.Diff(checkExport(t, a), checkExport(t, b)); diff != "" {
				t.Errorf("shuffling changed records (-ordered +shuffled):\n%s", diff)
			}
		})
	}
}

func TestPagesChain(t *testing.T) {
	tests := []struct {
		name   string
		cfg    postgen.Config
		pages  int64
		reason string
	}{
		{"uneven", postgen.Config{Seed: 1, Records: 10, PageSize: 3}, 4,
			"the last page holds the remainder"},
		{"even", postgen.Config{Seed: 1, Records: 9, PageSize: 3}, 3,
			"the last page is full and still has no WARNING"},
		{"shuffled", postgen.Config{Seed: 2, Records: 1000, PageSize: 128, Shuffle: true}, 8,
			"pages are shuffled within themselves, so ID ranges still chain"},
		{"one page", postgen.Config{Seed: 3, Records: 5, PageSize: 10}, 1,
			"a page size above the record count gives one page without WARNING"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.cfg.Pages(); got != tt.pages {
				t.Fatalf("Pages() = %d, want %d", got, tt.pages)
			}
			all := map[string]*info{}
			var idMin int64 = -1
			for p := range tt.pages {
				e := parsePage(t, tt.cfg, p)
				checkIDs(t, e, idMin)
				idMin = nextIDMin(t, e, p+1 < tt.pages)
				for k, in := range checkExport(t, e) {
					all[k] = in
				}
			}
			single := tt.cfg
			single.PageSize = 0
			if diff := cmp.Diff(checkExport(t, parse(t, write(t, single))), all); diff != "" {
				t.Errorf("pages differ from the single document (-single +pages):\n%s", diff)
			}
		})
	}
}

// parsePage writes and parses page p of cfg.
func parsePage(t *testing.T, cfg postgen.Config, p int64) *export {
	t.Helper()
	var b bytes.Buffer
	if err := postgen.WritePage(&b, cfg, p); err != nil {
		t.Fatal(err)
	}
	return parse(t, b.Bytes())
}

// checkIDs fails t unless the smallest ID of e is idMin (when not -1).
func checkIDs(t *testing.T, e *export, idMin int64) {
	t.Helper()
	if idMin < 0 {
		return
	}
	least := e.Response.Infos[0].ID
	for _, in := range e.Response.Infos {
		least = min(least, in.ID)
	}
	if least != idMin {
		t.Errorf("smallest ID %d, but the previous page named id_min=%d", least, idMin)
	}
}

// nextIDMin checks the WARNING of e, which a page followed by another must
// have, and returns its id_min (-1 without WARNING). Every ID of e must be
// below it.
func nextIDMin(t *testing.T, e *export, more bool) int64 {
	t.Helper()
	w := e.Response.Warning
	if (w != nil) != more {
		t.Fatalf("WARNING present: %v, want %v", w != nil, more)
	}
	if w == nil {
		return -1
	}
	u, err := url.Parse(strings.TrimSpace(w.URL))
	if w.Code != 1980 || err != nil {
		t.Fatalf("WARNING code %d, URL %q (%v); want 1980 and a URL", w.Code, w.URL, err)
	}
	idMin, err := strconv.ParseInt(u.Query().Get("id_min"), 10, 64)
	if err != nil {
		t.Fatalf("WARNING URL %q: id_min: %v", w.URL, err)
	}
	for _, in := range e.Response.Infos {
		if in.ID >= idMin {
			t.Errorf("record %d on a page that sends on to id_min=%d", in.ID, idMin)
		}
	}
	return idMin
}

func TestWritePagesNamesEveryPage(t *testing.T) {
	cfg := postgen.Config{Seed: 1, Records: 25, PageSize: 10}
	var got []string
	err := postgen.WritePages(cfg, func(p int64) (io.WriteCloser, error) {
		got = append(got, fmt.Sprint(p))
		return nopCloser{io.Discard}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"0", "1", "2"}, got); diff != "" {
		t.Errorf("pages created (-want +got):\n%s", diff)
	}
}

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }

// errWriter fails every write.
type errWriter struct{}

var errDiskFull = errors.New("disk full")

func (errWriter) Write([]byte) (int, error) { return 0, errDiskFull }

func TestWriteErrors(t *testing.T) {
	const whole = -1 // page: write with Write, not WritePage
	tests := []struct {
		name   string
		cfg    postgen.Config
		page   int64
		w      io.Writer
		want   error // matched with errors.Is when set
		reason string
	}{
		{"negative records", postgen.Config{Records: -1}, whole, io.Discard, nil,
			"a record count cannot be negative"},
		{"too many hosts", postgen.Config{Hosts: 1 << 25}, whole, io.Discard, nil,
			"hosts must fit in 10.0.0.0/8"},
		{"technologies", postgen.Config{Technologies: 11}, whole, io.Discard, nil,
			"only ten technologies are known"},
		{"quote in doctype", postgen.Config{DocTypeSystem: `a"b`}, whole, io.Discard, nil,
			"the system id is written between double quotes"},
		{"early datetime", postgen.Config{DateTime: time.Unix(86400, 0)}, whole, io.Discard, nil,
			"dates before 1970 cannot be written"},
		{"paged", postgen.Config{Records: 5, PageSize: 2}, whole, io.Discard, nil,
			"Write writes one document; a paged export needs WritePage"},
		{"page out of range", postgen.Config{Records: 5, PageSize: 2}, 3, io.Discard, nil,
			"there are pages 0 to 2 only"},
		{"writer fails", postgen.Config{Records: 5}, whole, errWriter{}, errDiskFull,
			"the destination's error must be wrapped, not replaced"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			if tt.page == whole {
				err = postgen.Write(tt.w, tt.cfg)
			} else {
				err = postgen.WritePage(tt.w, tt.cfg, tt.page)
			}
			if err == nil || tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("error %v, want one wrapping %v", err, tt.want)
			}
		})
	}
}

func TestRecordsForSize(t *testing.T) {
	tests := []struct {
		name   string
		cfg    postgen.Config
		size   int64
		reason string
	}{
		{"default layout", postgen.Config{Seed: 1}, 8 << 20, "the glossary grows with the records"},
		{"fixed hosts", postgen.Config{Seed: 1, Hosts: 50, Summary: true}, 3 << 20,
			"a fixed glossary is a constant overhead"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := postgen.RecordsForSize(tt.cfg, tt.size)
			if err != nil {
				t.Fatal(err)
			}
			tt.cfg.Records = n
			got := int64(len(write(t, tt.cfg)))
			if got < tt.size*98/100 || got > tt.size*102/100 {
				t.Errorf("%d records give %d bytes, want %d within 2%%", n, got, tt.size)
			}
		})
	}
}
