package diff

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// d parses a date for the tables below.
func d(s string) Date { return parseDate([]byte(s)) }

const (
	oldDT = "2019-09-20T10:00:00Z"
	newDT = "2019-09-27T10:00:00Z"
)

func passed(first, last string) Record {
	return Record{Status: Passed, Previous: Passed, FirstPass: d(first), LastPass: d(last),
		Modified: d(first), Captured: d(oldDT)}
}

func failed(first, last string) Record {
	return Record{Status: Failed, Previous: Failed, FirstFail: d(first), LastFail: d(last),
		Modified: d(first), Captured: d(oldDT)}
}

// later returns r as NEW captures it, with changes applied.
func later(r Record, change func(*Record)) Record {
	r.Captured = d(newDT)
	if change != nil {
		change(&r)
	}
	return r
}

func TestClassify(t *testing.T) {
	p := passed("2019-06-01T00:00:00Z", "2019-09-18T00:00:00Z")
	f := failed("2019-06-01T00:00:00Z", "2019-09-18T00:00:00Z")
	errRec := Record{Status: Error, Previous: Passed, Modified: d("2019-09-18T00:00:00Z"),
		Captured: d(oldDT)}
	tests := []struct {
		name, reason string
		old, new     Record
		kind         Kind
		also         Aspect
		ok           bool
	}{
		{"same", "identical records are no change", p, later(p, nil), 0, 0, false},
		{"regressed", "Passed to Failed", p, later(p, func(r *Record) {
			r.Status, r.FirstFail = Failed, d("2019-09-22T00:00:00Z")
		}), Regressed, 0, true},
		{"fixed", "Failed to Passed", f, later(f, func(r *Record) {
			r.Status, r.FirstPass = Passed, d("2019-09-22T00:00:00Z")
		}), Fixed, 0, true},
		{"to error", "Passed to Error", p, later(p, func(r *Record) { r.Status = Error }),
			ToError, 0, true},
		{"from error", "Error to Failed", errRec, later(errRec, func(r *Record) {
			r.Status = Failed
		}), FromError, 0, true},
		{"odd status", "a status outside the three is another change of status", p,
			later(p, func(r *Record) { r.Status = "Unknown" }), StatusChanged, 0, true},
		{"flapped", "the failing streak began again after OLD was captured", f,
			later(f, func(r *Record) { r.FirstFail = d("2019-09-25T00:00:00Z") }), Flapped, 0,
			true},
		{"streak before capture", "a new streak start before OLD's capture is no flap", f,
			later(f, func(r *Record) { r.FirstFail = d("2019-09-19T00:00:00Z") }), Reevaluated,
			0, true},
		{"reevaluated", "only the last date moved", p,
			later(p, func(r *Record) { r.LastPass = d("2019-09-26T00:00:00Z") }), Reevaluated,
			0, true},
		{"previous status", "PREVIOUS_STATUS alone moved: a re-evaluation", p,
			later(p, func(r *Record) { r.Previous = Failed }), Reevaluated, 0, true},
		{"remediation", "remediation text changed, dates too", p, later(p, func(r *Record) {
			r.Remediation.Hash, r.LastPass = 7, d("2019-09-26T00:00:00Z")
		}), Remediation, DatesMoved, true},
		{"evidence", "evidence changed", p, later(p, func(r *Record) { r.Evidence.Hash = 7 }),
			Evidence, 0, true},
		{"regressed with evidence", "a transition keeps text changes as aspects", p,
			later(p, func(r *Record) { r.Status, r.Evidence.Hash = Failed, 9 }), Regressed,
			EvidenceChanged, true},
		{"flap with remediation", "a flap outranks a text change", f, later(f, func(r *Record) {
			r.FirstFail, r.Remediation.Hash = d("2019-09-25T00:00:00Z"), 3
		}), Flapped, RemediationChanged, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kind, also, ok := classify(&tt.old, &tt.new)
			if kind != tt.kind || also != tt.also || ok != tt.ok {
				t.Errorf("classify = %v, %v, %v; want %v, %v, %v (%s)", kind, also, ok, tt.kind,
					tt.also, tt.ok, tt.reason)
			}
		})
	}
}

func TestNotes(t *testing.T) {
	p := passed("2019-06-01T00:00:00Z", "2019-09-18T00:00:00Z")
	f := failed("2019-08-01T00:00:00Z", "2019-09-18T00:00:00Z")
	tests := []struct {
		name, reason string
		old, new     *Record
		want         []string
	}{
		{"consistent", "a regression after OLD's capture is consistent", &p,
			ptr(later(p, func(r *Record) {
				r.Status, r.FirstFail = Failed, d("2019-09-22T00:00:00Z")
			})),
			nil},
		{"streak before old", "NEW failed since before OLD, which shows Passed", &p,
			ptr(later(p, func(r *Record) {
				r.Status, r.FirstFail = Failed, d("2019-09-10T00:00:00Z")
			})),
			[]string{NoteStreakBeforeOld}},
		{"first date back", "a first date moved backwards", &f,
			ptr(later(f, func(r *Record) { r.FirstFail = d("2019-07-01T00:00:00Z") })),
			[]string{NoteFirstDateBack}},
		{"after capture", "an added record with a date after its export", nil,
			ptr(later(p, func(r *Record) { r.LastPass = d("2019-09-28T00:00:00Z") })),
			[]string{NoteAfterCapture}},
		{"old after capture", "OLD's own date after OLD's export",
			ptr(later(p, func(r *Record) {
				r.Captured, r.LastPass = d(oldDT), d("2019-09-21T00:00:00Z")
			})), nil, []string{NoteAfterCapture}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, n := range notes(tt.old, tt.new, PostureInfoList) {
				got = append(got, n.ID)
			}
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("%s (-want +got):\n%s", tt.reason, d)
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }
