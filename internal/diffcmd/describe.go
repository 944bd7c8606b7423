package diffcmd

import (
	"fmt"
	"strings"

	"qx/internal/diff"
)

// The phrases below say in words what the engine found; every renderer uses
// them, so the formats agree.

// kindTitles explain each kind in a section heading.
var kindTitles = [diff.NumKinds]string{
	diff.Regressed:     "Passed to Failed",
	diff.ToError:       "Passed or Failed to Error",
	diff.Fixed:         "Failed to Passed",
	diff.FromError:     "Error to Passed or Failed",
	diff.StatusChanged: "other changes of status",
	diff.Added:         "records only in NEW",
	diff.Removed:       "records only in OLD",
	diff.Flapped:       "same status, but it changed and changed back between the exports",
	diff.Inconsistent:  "unchanged records whose dates contradict their export",
	diff.Duplicate:     "keys that occur more than once on a side, not compared",
	diff.Remediation:   "remediation text changed",
	diff.Evidence:      "evidence changed",
	diff.Reevaluated:   "scanned again, nothing else changed",
}

// detail says how the records of a change differ.
func detail(c *diff.Change, f diff.Format) string {
	var o, n *diff.Record
	if len(c.Old) == 1 {
		o = &c.Old[0]
	}
	if len(c.New) == 1 {
		n = &c.New[0]
	}
	var parts []string
	switch c.Kind {
	case diff.Duplicate:
		return fmt.Sprintf("OLD has %s, NEW has %s", plural(len(c.Old), "record"),
			plural(len(c.New), "record"))
	case diff.Added:
		parts = append(parts, "new, "+status(n.Status)+since(n))
	case diff.Removed:
		parts = append(parts, "was "+status(o.Status)+since(o))
	case diff.Flapped:
		parts = append(parts, fmt.Sprintf("%s in both; the streak began again %v, after OLD was "+
			"captured %v", n.Status, streak(n), o.Captured))
	case diff.Reevaluated, diff.Remediation, diff.Evidence, diff.Inconsistent:
		parts = append(parts, status(n.Status)+" in both")
	default:
		parts = append(parts, status(o.Status)+" -> "+status(n.Status)+since(n))
	}
	if n != nil && n.Previous != "" && c.Kind != diff.Removed {
		parts = append(parts, "PREVIOUS_STATUS "+string(n.Previous))
	}
	if c.Kind == diff.Reevaluated || c.Also.Has(diff.DatesMoved) {
		parts = append(parts, moved(o, n, f)...)
	}
	return strings.Join(parts, "; ")
}

// also names the other ways a change's records differ.
func also(c *diff.Change) []string {
	var a []string
	if c.Also.Has(diff.RemediationChanged) {
		a = append(a, "remediation text changed")
	}
	if c.Also.Has(diff.EvidenceChanged) {
		a = append(a, "evidence changed")
	}
	return a
}

func status(s diff.Status) string {
	if s == diff.NoStatus {
		return "no status"
	}
	return string(s)
}

// streak returns the first date of a record's current streak.
func streak(r *diff.Record) diff.Date {
	switch r.Status {
	case diff.Failed:
		return r.FirstFail
	case diff.Passed:
		return r.FirstPass
	}
	return 0
}

// since says since when a record has its status.
func since(r *diff.Record) string {
	if s := streak(r); s.Set() {
		return fmt.Sprintf(" since %v", s)
	}
	if r.Status == diff.Error && r.Modified.Set() {
		return fmt.Sprintf(" at %v", r.Modified)
	}
	return ""
}

// moved lists the dates that differ between two records.
func moved(o, n *diff.Record, f diff.Format) []string {
	if o == nil || n == nil {
		return nil
	}
	modified := "POSTURE_MODIFIED_DATE"
	if f == diff.PolicyReport {
		modified = "EVALUATION_DATE"
	}
	var m []string
	for _, d := range []struct {
		name     string
		old, new diff.Date
	}{{"FIRST_FAIL_DATE", o.FirstFail, n.FirstFail}, {"LAST_FAIL_DATE", o.LastFail, n.LastFail},
		{"FIRST_PASS_DATE", o.FirstPass, n.FirstPass}, {"LAST_PASS_DATE", o.LastPass, n.LastPass},
		{modified, o.Modified, n.Modified}} {
		if d.old != d.new {
			m = append(m, fmt.Sprintf("%s %s -> %s", d.name, dateText(d.old), dateText(d.new)))
		}
	}
	if o.Previous != n.Previous {
		m = append(m, fmt.Sprintf("PREVIOUS_STATUS %s -> %s", status(o.Previous),
			status(n.Previous)))
	}
	return m
}

func dateText(d diff.Date) string {
	if d == 0 {
		return "none"
	}
	return d.String()
}

// hostLabel names a host by its key, IP and DNS name, skipping repeats.
func hostLabel(key string, h diff.HostName) string {
	parts := []string{key}
	if h.IP != "" && h.IP != key {
		parts = append(parts, h.IP)
	}
	if h.DNS != "" {
		parts = append(parts, h.DNS)
	}
	return strings.Join(parts, " ")
}

// technologyLabel names a record's technology and instance.
func technologyLabel(k diff.Key, name string) string {
	s := "technology " + k.Technology
	if name != "" {
		s = name + " (" + k.Technology + ")"
	}
	if k.Instance != "" {
		s += ", instance " + k.Instance
	}
	return s
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// accounts returns the lines that account for every record of each side.
func accounts(s *diff.Summary) [2]string {
	dup := func(n int64) string {
		if s.DuplicateKeys == 0 {
			return ""
		}
		return fmt.Sprintf(" + %d in duplicate keys", n)
	}
	return [2]string{
		fmt.Sprintf("OLD %d records = %d unchanged + %d changed + %d removed%s", s.OldRecords,
			s.Unchanged, s.Changed, s.Removed, dup(s.OldDuplicates)),
		fmt.Sprintf("NEW %d records = %d unchanged + %d changed + %d added%s", s.NewRecords,
			s.Unchanged, s.Changed, s.Added, dup(s.NewDuplicates)),
	}
}

// capturedText says when a side was exported: one date, or the span of its
// pages' dates.
func capturedText(s diff.SideInfo) string {
	first, last := s.Captured()
	switch {
	case first == 0:
		return "unknown"
	case first == last:
		return first.String()
	}
	return fmt.Sprintf("%v to %v", first, last)
}

// filesText names the files of a side.
func filesText(s diff.SideInfo) string {
	if len(s.Pages) == 1 {
		return s.Pages[0].File
	}
	return fmt.Sprintf("%s (%d files)", commonDir(s), len(s.Pages))
}

// commonDir returns the longest directory prefix shared by a side's files.
func commonDir(s diff.SideInfo) string {
	if len(s.Pages) == 0 {
		return ""
	}
	p := s.Pages[0].File
	for _, pg := range s.Pages[1:] {
		for !strings.HasPrefix(pg.File, p) {
			p = p[:len(p)-1]
		}
	}
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[:i+1]
	}
	return p
}
