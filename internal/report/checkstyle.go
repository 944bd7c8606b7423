package report

import (
	"encoding/xml"
	"io"
)

// Checkstyle XML, as checkstyle writes it and tools such as reviewdog read
// it: one file element per file, one error element per finding; the source
// attribute is "qxlint." and the rule id.

type checkstyleDoc struct {
	XMLName xml.Name         `xml:"checkstyle"`
	Version string           `xml:"version,attr"`
	Files   []checkstyleFile `xml:"file"`
}

type checkstyleFile struct {
	Name      string            `xml:"name,attr"`
	Errors    []checkstyleError `xml:"error"`
	Exception string            `xml:"exception,omitempty"`
}

type checkstyleError struct {
	Line     int    `xml:"line,attr"`
	Column   int    `xml:"column,attr"`
	Severity string `xml:"severity,attr"`
	Message  string `xml:"message,attr"`
	Source   string `xml:"source,attr"`
}

// writeCheckstyle writes the run as a Checkstyle XML report.
func writeCheckstyle(w io.Writer, r *Run) error {
	doc := checkstyleDoc{Version: "4.3"}
	for _, f := range r.Files {
		cf := checkstyleFile{Name: f.Name}
		if f.Err != nil {
			cf.Exception = "could not read the file: " + f.Err.Error()
		}
		for _, x := range f.Findings {
			cf.Errors = append(cf.Errors, checkstyleError{Line: x.Pos.Line,
				Column: x.Pos.Col, Severity: x.Severity.String(), Message: x.Msg,
				Source: "qxlint." + x.ID})
		}
		doc.Files = append(doc.Files, cf)
	}
	return writeXML(w, doc)
}
