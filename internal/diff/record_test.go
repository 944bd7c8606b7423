package diff

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in, reason string
		want       Date
	}{
		{"2019-07-10T08:20:59Z", "the form Qualys writes", 1562746859},
		{"  1970-01-01T00:00:00Z\n", "white space around is trimmed; the epoch is a date", 0},
		{"", "an empty element is an absent date", 0},
		{"2016-02-29T23:59:59Z", "a leap day", 1456790399},
		{"2019-02-29T00:00:00Z", "no leap day in 2019", BadDate},
		{"2019-07-10 08:20:59Z", "a space for the T", BadDate},
		{"2019-07-10T08:20:59+02:00", "only UTC", BadDate},
		{"2019-07-10T24:00:00Z", "hour 24", BadDate},
		{"2019-07-10T08:20:5xZ", "a letter for a digit", BadDate},
	}
	for _, tt := range tests {
		if got := parseDate([]byte(tt.in)); got != tt.want {
			t.Errorf("parseDate(%q) = %d, want %d (%s)", tt.in, got, tt.want, tt.reason)
		}
	}
}

func TestEntryRoundTrip(t *testing.T) {
	tests := []struct {
		name, reason string
		status, prev string
		keep         bool
	}{
		{"known", "statuses of the three are codes", "Failed", "Passed", false},
		{"absent", "a missing PREVIOUS_STATUS stays missing", "Error", "", false},
		{"other", "a status outside the three keeps its text", "Unknown", "Pending", false},
		{"texts", "kept texts come back with their truncation", "Passed", "Passed", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var f fields
			f.key = Key{"686176", "1045", "12", "os"}.append(nil)
			f.status, f.prev, f.id = []byte(tt.status), []byte(tt.prev), []byte("41769")
			f.dates = [5]Date{1, 2, 3, 4, BadDate}
			f.captured, f.file, f.line, f.col = 99, 1, 12, 7
			f.rem.reset(tt.keep)
			f.rem.write([]byte("  Set   it\n to 14  "))
			f.ev.reset(tt.keep)
			key, rec, err := entry(f.appendEntry(nil, tt.keep)).decode([]string{"a", "b.xml"})
			if err != nil {
				t.Fatal(err)
			}
			want := Record{Pos: Pos{"b.xml", 12, 7}, ID: "41769", Status: Status(tt.status),
				Previous: Status(tt.prev), Modified: 1, FirstFail: 2, LastFail: 3, FirstPass: 4,
				LastPass: BadDate, Captured: 99, Remediation: Text{Hash: f.rem.sum()}}
			if tt.keep {
				want.Remediation.Value, want.Remediation.Kept = "Set it to 14", true
				want.Evidence.Kept = true
			}
			if d := cmp.Diff(want, rec); d != "" || key.Host != "686176" {
				t.Errorf("decode (-want +got):\n%s", d)
			}
		})
	}
}
