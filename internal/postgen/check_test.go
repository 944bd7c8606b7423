package postgen_test

import (
	"fmt"
	"testing"
	"time"
)

// checkExport checks the invariants every generated export keeps: unique
// keys and IDs, a glossary entry for everything referenced, and consistent
// dates in every record. It returns the records by key.
func checkExport(t *testing.T, e *export) map[string]*info {
	t.Helper()
	dt := date(t, e.Response.DateTime)
	hosts, controls, techs := glossary(e)
	byKey := make(map[string]*info, len(e.Response.Infos))
	ids := make(map[int64]bool, len(e.Response.Infos))
	for i := range e.Response.Infos {
		in := &e.Response.Infos[i]
		k := fmt.Sprint(in.key())
		if byKey[k] != nil || ids[in.ID] {
			t.Fatalf("record %d: key %s or ID %d is not unique", i, k, in.ID)
		}
		byKey[k], ids[in.ID] = in, true
		if !hosts[in.HostID] || !controls[in.ControlID] || !techs[in.TechID] {
			t.Errorf("record %d: host, control or technology missing from the glossary", in.ID)
		}
		if err := checkDates(t, dt, in); err != nil {
			t.Errorf("record %d: %v", in.ID, err)
		}
	}
	return byKey
}

// glossary returns the IDs listed in the glossary of e.
func glossary(e *export) (hosts, controls, techs map[int64]bool) {
	hosts, controls, techs = map[int64]bool{}, map[int64]bool{}, map[int64]bool{}
	for _, h := range e.Response.Hosts {
		hosts[h.ID] = true
	}
	for _, c := range e.Response.Controls {
		controls[c.ID] = true
	}
	for _, te := range e.Response.Techs {
		techs[te.ID] = true
	}
	return hosts, controls, techs
}

// checkDates checks the date rules of one record against DATETIME dt.
func checkDates(t *testing.T, dt time.Time, in *info) error {
	t.Helper()
	opt := func(s string) time.Time {
		if s == "" {
			return time.Time{}
		}
		return date(t, s)
	}
	ff, lf, fp, lp := opt(in.FirstFail), opt(in.LastFail), opt(in.FirstPass), opt(in.LastPass)
	all := []time.Time{ff, lf, fp, lp, date(t, in.Modified)}
	if in.Evidence != nil {
		for _, p := range in.Evidence.Points {
			all = append(all, date(t, p.Updated))
		}
	}
	for _, d := range all {
		if d.After(dt) {
			return fmt.Errorf("date %s after DATETIME %s", d, dt)
		}
	}
	switch {
	case ff.IsZero() != lf.IsZero() || fp.IsZero() != lp.IsZero():
		return fmt.Errorf("a first date without its last date, or the reverse")
	case ff.After(lf) || fp.After(lp):
		return fmt.Errorf("a first date after its last date")
	case !isStatus(in.Status) || !isStatus(in.Previous):
		return fmt.Errorf("status %q or previous status %q is unknown", in.Status, in.Previous)
	case in.Status == "Failed" && (ff.IsZero() || !ff.After(lp)):
		return fmt.Errorf("failed record: first fail %s not after last pass %s", ff, lp)
	case in.Status == "Passed" && (fp.IsZero() || !fp.After(lf)):
		return fmt.Errorf("passed record: first pass %s not after last fail %s", fp, lf)
	}
	return nil
}

// isStatus reports whether s is a STATUS value.
func isStatus(s string) bool {
	return s == "Passed" || s == "Failed" || s == "Error"
}
