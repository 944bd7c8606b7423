package rules

import (
	"fmt"
	"time"

	"github.com/antchfx/xmlquery"

	"qx/internal/validate"
)

// statusRecords are the records that carry a control's status and its
// pass/fail dates: posture records and policy-report controls.
var statusRecords = []string{PostureRecord, PolicyRecord}

// datePairs are the first/last date pairs of a status record.
var datePairs = [2][2]string{
	{"FIRST_FAIL_DATE", "LAST_FAIL_DATE"},
	{"FIRST_PASS_DATE", "LAST_PASS_DATE"},
}

// recordDates are the dates of a record that cannot lie after the reply was
// made, by record path.
var recordDates = map[string][]string{
	PostureRecord: {"POSTURE_MODIFIED_DATE", "FIRST_FAIL_DATE", "LAST_FAIL_DATE",
		"FIRST_PASS_DATE", "LAST_PASS_DATE"},
	PolicyRecord: {"EVALUATION_DATE", "FIRST_FAIL_DATE", "LAST_FAIL_DATE",
		"FIRST_PASS_DATE", "LAST_PASS_DATE"},
	JBossRecord:     {"CREATED/DATETIME", "LAST_MODIFIED/DATETIME"},
	WebSphereRecord: {"CREATED/DATETIME", "LAST_MODIFIED/DATETIME"},
	UnixRecord:      {"CREATED/DATETIME", "LAST_MODIFIED/DATETIME"},
}

const noDatesNote = "\n\nExports fetched without dates are normal: a record with no " +
	"dates at all is no finding."

// dateRules returns the rules on the pass/fail dates of controls.
func dateRules() []*Rule {
	stateless := func(c recordCheck) func() recordCheck { return func() recordCheck { return c } }
	return []*Rule{
		{ID: IDFirstAfterLast, Severity: validate.Error, Kind: Semantic,
			Title: "a first pass or fail date after the last one", Records: statusRecords,
			newCheck: stateless(checkFirstAfterLast),
			Text: "FIRST_FAIL_DATE is the first scan that reported the control as " +
				"failed (in its current streak) and LAST_FAIL_DATE the latest; the " +
				"same holds for the pass dates. The first is never after the last. " +
				"The reverse shows dates from two records, or two exports, mixed."},
		{ID: IDUnpairedDate, Severity: validate.Error, Kind: Semantic,
			Title:   "a first date without its last date, or the reverse",
			Records: statusRecords, newCheck: stateless(checkUnpaired),
			Text: "The fail dates come as a pair, and so do the pass dates: a control " +
				"that has failed has a first and a last failing scan, even if they " +
				"are the same scan. A record that carries one of a pair and not the " +
				"other was cut or edited." + noDatesNote},
		{ID: IDStreakOrder, Severity: validate.Error, Kind: Semantic,
			Title:   "the current streak does not start after the other status ended",
			Records: statusRecords, newCheck: stateless(checkStreak),
			Text: "When a control changes from Pass to Fail, FIRST_FAIL_DATE is the " +
				"date of the change, so for a Failed control the current fail streak " +
				"starts after its LAST_PASS_DATE; for a Passed control FIRST_PASS_DATE " +
				"is after LAST_FAIL_DATE. Otherwise the record claims the control " +
				"passed during its current failure, or the reverse, and trend reports " +
				"built on it are wrong."},
		{ID: IDStatusDates, Severity: validate.Error, Kind: Semantic,
			Title:   "a control without the dates of its own status",
			Records: statusRecords, newCheck: stateless(checkStatusDates),
			Text: "A record that carries dates carries those of its current status: a " +
				"Failed control that has pass dates has fail dates too (it failed at " +
				"least once: now), and a Passed control that has fail dates has pass " +
				"dates." + noDatesNote},
		{ID: IDAfterReply, Severity: validate.Error, Kind: Semantic,
			Title: "a date after the reply itself was made",
			Records: []string{PostureRecord, PolicyRecord, JBossRecord, WebSphereRecord,
				UnixRecord},
			newCheck: stateless(checkAfterReply),
			Text: "No scan, evaluation or change can postdate the reply that reports " +
				"it: RESPONSE/DATETIME for list replies, HEADER/GENERATION_DATETIME " +
				"for policy reports. A later date comes from a clock that is wrong, " +
				"a file edited after the download, or a reply whose date was " +
				"replaced. Exception expiry dates, which lie in the future by design, " +
				"are not checked."},
	}
}

// dateOf returns a record's child at path, its text and its time; ok is false
// when the child is absent or its text is not a date-time (the content
// model's finding).
func dateOf(rec *xmlquery.Node, path string) (n *xmlquery.Node, v string, t time.Time,
	ok bool) {
	n = childPath(rec, path)
	v = text(n)
	t, ok = parseTime(v)
	return n, v, t, ok
}

// checkFirstAfterLast compares the first and last date of each pair.
func checkFirstAfterLast(r *Record, emit emitFunc) {
	for _, pair := range datePairs {
		first, fv, ft, ok1 := dateOf(r.Node, pair[0])
		_, lv, lt, ok2 := dateOf(r.Node, pair[1])
		if ok1 && ok2 && ft.After(lt) {
			emit(first, fv, fmt.Sprintf("%s %s is after %s %s", pair[0], fv, pair[1], lv))
		}
	}
}

// checkUnpaired reports a date whose partner is absent.
func checkUnpaired(r *Record, emit emitFunc) {
	for _, pair := range datePairs {
		first, last := child(r.Node, pair[0]), child(r.Node, pair[1])
		switch {
		case first != nil && last == nil:
			emit(first, text(first), fmt.Sprintf("%s without %s", pair[0], pair[1]))
		case first == nil && last != nil:
			emit(last, text(last), fmt.Sprintf("%s without %s", pair[1], pair[0]))
		}
	}
}

// checkStreak checks that the current status began after the other one last
// held.
func checkStreak(r *Record, emit emitFunc) {
	start, other := "FIRST_FAIL_DATE", "LAST_PASS_DATE"
	switch text(child(r.Node, "STATUS")) {
	case "Passed":
		start, other = "FIRST_PASS_DATE", "LAST_FAIL_DATE"
	case "Failed":
	default:
		return
	}
	n, sv, st, ok1 := dateOf(r.Node, start)
	_, ov, ot, ok2 := dateOf(r.Node, other)
	if ok1 && ok2 && !st.After(ot) {
		emit(n, sv, fmt.Sprintf("%s control: its current streak starts at %s %s, "+
			"not after %s %s", text(child(r.Node, "STATUS")), start, sv, other, ov))
	}
}

// checkStatusDates checks that a record with the other status's dates has
// the dates of its own status.
func checkStatusDates(r *Record, emit emitFunc) {
	status := child(r.Node, "STATUS")
	own, other := datePairs[0], datePairs[1]
	switch text(status) {
	case "Passed":
		own, other = datePairs[1], datePairs[0]
	case "Failed":
	default:
		return
	}
	hasOwn := child(r.Node, own[0]) != nil || child(r.Node, own[1]) != nil
	hasOther := child(r.Node, other[0]) != nil || child(r.Node, other[1]) != nil
	if hasOther && !hasOwn {
		emit(status, text(status), fmt.Sprintf("%s control with %s/%s but no %s/%s",
			text(status), other[0], other[1], own[0], own[1]))
	}
}

// checkAfterReply reports record dates after the reply's own date.
func checkAfterReply(r *Record, emit emitFunc) {
	if !r.hasReply {
		return
	}
	for _, path := range recordDates[r.Path] {
		n, v, t, ok := dateOf(r.Node, path)
		if ok && t.After(r.reply) {
			emit(n, v, fmt.Sprintf("%s %s is after the reply's own date %s", path, v,
				r.reply.Format(qualysTime)))
		}
	}
}
