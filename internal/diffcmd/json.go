package diffcmd

import (
	"bufio"
	"bytes"
	"encoding/json"
	"strings"

	"qx/internal/diff"
)

// jsonSchema names the version of the JSON output; it changes only when a
// field changes meaning or goes away.
const jsonSchema = "qxdiff/1"

// The JSON output is one object; README-section.md documents every field.
type jsonReport struct {
	Schema  string      `json:"schema"`
	Format  string      `json:"format"`
	FailOn  string      `json:"fail_on"`
	Differs bool        `json:"differs"`
	Old     jsonSide    `json:"old"`
	New     jsonSide    `json:"new"`
	Filter  jsonFilter  `json:"filter"`
	Summary jsonSummary `json:"summary"`
	Hosts   []jsonHost  `json:"hosts"`
}

type jsonSide struct {
	Records int64      `json:"records"`
	Files   []jsonFile `json:"files"`
}

type jsonFile struct {
	Path     string `json:"path"`
	Captured string `json:"captured,omitempty"`
	Records  int64  `json:"records"`
}

type jsonFilter struct {
	Kinds         []string `json:"kinds"`
	Hosts         []string `json:"hosts"`
	Controls      []string `json:"controls"`
	Criticalities []string `json:"criticalities"`
}

type jsonSummary struct {
	OldRecords    int64      `json:"old_records"`
	NewRecords    int64      `json:"new_records"`
	Unchanged     int64      `json:"unchanged"`
	Changed       int64      `json:"changed"`
	Added         int64      `json:"added"`
	Removed       int64      `json:"removed"`
	DuplicateKeys int64      `json:"duplicate_keys"`
	OldDuplicates int64      `json:"old_duplicates"`
	NewDuplicates int64      `json:"new_duplicates"`
	Kinds         kindCounts `json:"kinds"`
	Shown         kindCounts `json:"shown"`
	Worse         int64      `json:"worse"`
	Noted         int64      `json:"noted"`
}

type jsonHost struct {
	Host      string     `json:"host"`
	IP        string     `json:"ip,omitempty"`
	DNS       string     `json:"dns,omitempty"`
	OldFailed int64      `json:"old_failed"`
	NewFailed int64      `json:"new_failed"`
	Growth    int64      `json:"growth"`
	Kinds     kindCounts `json:"kinds"`
}

type jsonChange struct {
	Kind             string       `json:"kind"`
	Host             string       `json:"host"`
	Control          string       `json:"control"`
	Technology       string       `json:"technology"`
	Instance         string       `json:"instance"`
	HostIP           string       `json:"host_ip,omitempty"`
	HostDNS          string       `json:"host_dns,omitempty"`
	Statement        string       `json:"statement,omitempty"`
	Criticality      string       `json:"criticality,omitempty"`
	CriticalityValue int          `json:"criticality_value,omitempty"`
	TechnologyName   string       `json:"technology_name,omitempty"`
	Worse            bool         `json:"worse"`
	Old              []jsonRecord `json:"old"`
	New              []jsonRecord `json:"new"`
	Also             []string     `json:"also,omitempty"`
	Notes            []jsonNote   `json:"notes,omitempty"`
	RemediationDiff  []jsonEdit   `json:"remediation_diff,omitempty"`
	EvidenceDiff     []jsonEdit   `json:"evidence_diff,omitempty"`
}

type jsonRecord struct {
	File                 string `json:"file"`
	Line                 int    `json:"line"`
	Col                  int    `json:"col"`
	ID                   string `json:"id,omitempty"`
	Status               string `json:"status"`
	PreviousStatus       string `json:"previous_status,omitempty"`
	Modified             string `json:"modified,omitempty"`
	FirstFail            string `json:"first_fail,omitempty"`
	LastFail             string `json:"last_fail,omitempty"`
	FirstPass            string `json:"first_pass,omitempty"`
	LastPass             string `json:"last_pass,omitempty"`
	Captured             string `json:"captured,omitempty"`
	Remediation          string `json:"remediation,omitempty"`
	RemediationTruncated bool   `json:"remediation_truncated,omitempty"`
	Evidence             string `json:"evidence,omitempty"`
	EvidenceTruncated    bool   `json:"evidence_truncated,omitempty"`
}

type jsonNote struct {
	ID      string `json:"id"`
	Side    string `json:"side"`
	Message string `json:"message"`
}

type jsonEdit struct {
	Op   string `json:"op"`
	Text string `json:"text"`
}

// kindCounts writes a count for every kind, in the order of the kinds.
type kindCounts [diff.NumKinds]int64

// MarshalJSON writes the counts as an object keyed by kind name.
func (k kindCounts) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, n := range k {
		if i > 0 {
			b.WriteByte(',')
		}
		name, _ := json.Marshal(diff.Kind(i).String())
		b.Write(name)
		b.WriteByte(':')
		b.Write(mustJSON(n))
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func mustJSON(v any) []byte {
	b, _ := json.Marshal(v)
	return b
}

// renderJSON writes the report object, its changes streamed one by one.
func renderJSON(w *bufio.Writer, r *diff.Result, v view) error {
	head, err := json.MarshalIndent(jsonHead(r, v), "", "  ")
	if err != nil {
		return err
	}
	w.Write(bytes.TrimSuffix(head, []byte("\n}")))
	w.WriteString(",\n  \"changes\": [")
	first := true
	for _, k := range diff.Kinds() {
		err := r.Each(k, func(c *diff.Change) error {
			b, err := json.MarshalIndent(jsonChangeOf(c), "    ", "  ")
			if err != nil {
				return err
			}
			if !first {
				w.WriteByte(',')
			}
			first = false
			w.WriteString("\n    ")
			w.Write(b)
			return nil
		})
		if err != nil {
			return err
		}
	}
	if !first {
		w.WriteString("\n  ")
	}
	w.WriteString("]\n}\n")
	return nil
}

// jsonHead builds everything but the changes.
func jsonHead(r *diff.Result, v view) jsonReport {
	f := v.cfg.filter
	rep := jsonReport{Schema: jsonSchema, Format: r.Format.String(), FailOn: v.cfg.failOn.String(),
		Differs: r.Differs(v.cfg.failOn), Old: jsonSideOf(r.Old), New: jsonSideOf(r.New),
		Filter: jsonFilter{Kinds: []string{}, Hosts: nonNil(f.Hosts),
			Controls: nonNil(f.Controls), Criticalities: nonNil(f.Criticalities)},
		Hosts: []jsonHost{}}
	for _, k := range f.Kinds {
		rep.Filter.Kinds = append(rep.Filter.Kinds, k.String())
	}
	s := &r.Summary
	rep.Summary = jsonSummary{OldRecords: s.OldRecords, NewRecords: s.NewRecords,
		Unchanged: s.Unchanged, Changed: s.Changed, Added: s.Added, Removed: s.Removed,
		DuplicateKeys: s.DuplicateKeys, OldDuplicates: s.OldDuplicates,
		NewDuplicates: s.NewDuplicates, Kinds: s.Kinds, Shown: s.Shown, Worse: s.Worse,
		Noted: s.Noted}
	for _, h := range r.Hosts {
		rep.Hosts = append(rep.Hosts, jsonHost{Host: h.Host, IP: h.Name.IP, DNS: h.Name.DNS,
			OldFailed: h.OldFailed, NewFailed: h.NewFailed, Growth: h.Growth(), Kinds: h.Kinds})
	}
	return rep
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func jsonSideOf(s diff.SideInfo) jsonSide {
	js := jsonSide{Records: s.Records, Files: []jsonFile{}}
	for _, p := range s.Pages {
		js.Files = append(js.Files, jsonFile{Path: p.File, Captured: p.Captured.String(),
			Records: p.Records})
	}
	return js
}

func jsonChangeOf(c *diff.Change) jsonChange {
	jc := jsonChange{Kind: c.Kind.String(), Host: c.Key.Host, Control: c.Key.Control,
		Technology: c.Key.Technology, Instance: c.Key.Instance, HostIP: c.Host.IP,
		HostDNS: c.Host.DNS, Statement: c.Control.Statement, Criticality: c.Control.Criticality,
		CriticalityValue: c.Control.Value, TechnologyName: c.Technology, Worse: c.Worse(),
		Old: jsonRecords(c.Old), New: jsonRecords(c.New),
		RemediationDiff: jsonEdits(c.RemediationDiff), EvidenceDiff: jsonEdits(c.EvidenceDiff)}
	for _, a := range also(c) {
		jc.Also = append(jc.Also, strings.Fields(a)[0])
	}
	for _, n := range c.Notes {
		jc.Notes = append(jc.Notes, jsonNote{ID: n.ID, Side: strings.ToLower(n.Side.String()),
			Message: n.Msg})
	}
	return jc
}

func jsonRecords(rs []diff.Record) []jsonRecord {
	out := []jsonRecord{}
	for _, r := range rs {
		out = append(out, jsonRecord{File: r.Pos.File, Line: r.Pos.Line, Col: r.Pos.Col, ID: r.ID,
			Status: string(r.Status), PreviousStatus: string(r.Previous),
			Modified: r.Modified.String(), FirstFail: r.FirstFail.String(),
			LastFail: r.LastFail.String(), FirstPass: r.FirstPass.String(),
			LastPass: r.LastPass.String(), Captured: r.Captured.String(),
			Remediation: r.Remediation.Value, RemediationTruncated: r.Remediation.Truncated,
			Evidence: r.Evidence.Value, EvidenceTruncated: r.Evidence.Truncated})
	}
	return out
}

func jsonEdits(es []diff.Edit) []jsonEdit {
	var out []jsonEdit
	for _, e := range es {
		out = append(out, jsonEdit{Op: e.Op.String(), Text: e.Text})
	}
	return out
}
