package report

import (
	"encoding/json"
	"io"
)

// JSONVersion is the version of the JSON document's schema. It changes only
// when a field is removed or changes meaning; new fields may appear in any
// version.
const JSONVersion = 1

// jsonRun is the JSON document of a run; README-section.md documents it.
type jsonRun struct {
	Version int        `json:"version"`
	Tool    string     `json:"tool"`
	Failed  bool       `json:"failed"`
	Summary jsonTotals `json:"summary"`
	Files   []jsonFile `json:"files"`
}

type jsonTotals struct {
	Files      int `json:"files"`
	Unreadable int `json:"unreadable"`
	Errors     int `json:"errors"`
	Warnings   int `json:"warnings"`
	Dropped    int `json:"dropped"`
	Suppressed int `json:"suppressed"`
	Baselined  int `json:"baselined"`
}

type jsonFile struct {
	Name       string        `json:"name"`
	Input      bool          `json:"input"`
	Format     string        `json:"format,omitempty"`
	Error      string        `json:"error,omitempty"`
	Failed     bool          `json:"failed"`
	Dropped    int           `json:"dropped"`
	Suppressed int           `json:"suppressed"`
	Baselined  int           `json:"baselined"`
	Findings   []jsonFinding `json:"findings"`
}

type jsonFinding struct {
	Line        int    `json:"line"`
	Column      int    `json:"column"`
	Severity    string `json:"severity"`
	Rule        string `json:"rule"`
	Message     string `json:"message"`
	Path        string `json:"path"`
	Value       string `json:"value"`
	Fingerprint string `json:"fingerprint"`
}

// writeJSON writes the run as one JSON document.
func writeJSON(w io.Writer, r *Run) error {
	t := r.Totals()
	doc := jsonRun{Version: JSONVersion, Tool: "qxlint", Failed: r.Failed,
		Summary: jsonTotals(t), Files: []jsonFile{}}
	for _, f := range r.Files {
		jf := jsonFile{Name: f.Name, Input: f.Input, Format: f.Format, Failed: f.Failed,
			Dropped: f.Dropped, Suppressed: f.Suppressed, Baselined: f.Baselined,
			Findings: []jsonFinding{}}
		if f.Err != nil {
			jf.Error = f.Err.Error()
		}
		fps := Fingerprints(f)
		for i, x := range f.Findings {
			jf.Findings = append(jf.Findings, jsonFinding{Line: x.Pos.Line, Column: x.Pos.Col,
				Severity: x.Severity.String(), Rule: x.ID, Message: x.Msg, Path: x.Path,
				Value: x.Value, Fingerprint: fps[i]})
		}
		doc.Files = append(doc.Files, jf)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(doc)
}
