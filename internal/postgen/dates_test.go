package postgen

import (
	"testing"
	"time"
)

func TestAppendDateTime(t *testing.T) {
	tests := []struct {
		name   string
		when   time.Time
		reason string
	}{
		{"epoch", time.Unix(0, 0), "day 0 is the base of the day count"},
		{"sample", defaultDateTime, "the default DATETIME must print as in the release notes"},
		{"leap day 2000", time.Date(2000, 2, 29, 23, 59, 59, 0, time.UTC), "a 400-year leap day"},
		{"after leap day 2000", time.Date(2000, 3, 1, 0, 0, 0, 0, time.UTC),
			"March starts the algorithm's year"},
		{"leap day 2020", time.Date(2020, 2, 29, 12, 0, 0, 0, time.UTC), "a 4-year leap day"},
		{"not leap 2100", time.Date(2100, 2, 28, 1, 2, 3, 0, time.UTC),
			"a century that skips the leap day"},
		{"new year", time.Date(2019, 12, 31, 23, 59, 59, 0, time.UTC), "the last second of a year"},
		{"far future", time.Date(9998, 12, 31, 23, 59, 59, 0, time.UTC),
			"the last date a Config allows"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := tt.when.UTC().Format(time.RFC3339)
			if got := string(appendDateTime(nil, tt.when.Unix())); got != want {
				t.Errorf("appendDateTime(%d) = %s, want %s", tt.when.Unix(), got, want)
			}
		})
	}
}

func TestAppendDateTimeAgreesWithTime(t *testing.T) {
	g := newRNG(1, 0, 0)
	for range 100000 {
		sec := g.intn(253402300799) // up to 9999-12-31T23:59:59Z
		want := time.Unix(sec, 0).UTC().Format(time.RFC3339)
		if got := string(appendDateTime(nil, sec)); got != want {
			t.Fatalf("appendDateTime(%d) = %s, want %s", sec, got, want)
		}
	}
}
