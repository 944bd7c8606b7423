package postgen_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"testing"
	"time"

	"qx/internal/postgen"
)

// The types below read a posture export back with encoding/xml, so the
// tests check the generator against an independent parser.

type export struct {
	XMLName  xml.Name `xml:"POSTURE_INFO_LIST_OUTPUT"`
	Response struct {
		DateTime string    `xml:"DATETIME"`
		Summary  *summary  `xml:"SUMMARY"`
		Infos    []info    `xml:"INFO_LIST>INFO"`
		Warning  *warning  `xml:"WARNING"`
		Hosts    []ghost   `xml:"GLOSSARY>HOST_LIST>HOST"`
		Controls []control `xml:"GLOSSARY>CONTROL_LIST>CONTROL"`
		Techs    []tech    `xml:"GLOSSARY>TECHNOLOGY_LIST>TECHNOLOGY"`
	} `xml:"RESPONSE"`
}

type summary struct {
	Assets     int64 `xml:"TOTAL_ASSETS"`
	Controls   int64 `xml:"TOTAL_CONTROLS"`
	Passed     int64 `xml:"TOTAL_PASSED"`
	Failed     int64 `xml:"TOTAL_FAILED"`
	Error      int64 `xml:"TOTAL_ERROR"`
	Exceptions int64 `xml:"TOTAL_EXCEPTIONS"`
}

type info struct {
	ID          int64     `xml:"ID"`
	HostID      int64     `xml:"HOST_ID"`
	ControlID   int64     `xml:"CONTROL_ID"`
	TechID      int64     `xml:"TECHNOLOGY_ID"`
	Instance    string    `xml:"INSTANCE"`
	Status      string    `xml:"STATUS"`
	Remediation string    `xml:"REMEDIATION"`
	Modified    string    `xml:"POSTURE_MODIFIED_DATE"`
	Previous    string    `xml:"PREVIOUS_STATUS"`
	FirstFail   string    `xml:"FIRST_FAIL_DATE"`
	LastFail    string    `xml:"LAST_FAIL_DATE"`
	FirstPass   string    `xml:"FIRST_PASS_DATE"`
	LastPass    string    `xml:"LAST_PASS_DATE"`
	Evidence    *evidence `xml:"EVIDENCE"`
}

type evidence struct {
	Expr   string `xml:"BOOLEAN_EXPR"`
	Points []struct {
		Updated string `xml:"lastUpdated,attr"`
		Label   string `xml:"LABEL"`
		Value   string `xml:"V"`
	} `xml:"DPV_LIST>DPV"`
}

type warning struct {
	Code int64  `xml:"CODE"`
	Text string `xml:"TEXT"`
	URL  string `xml:"URL"`
}

type ghost struct {
	ID   int64  `xml:"ID"`
	IP   string `xml:"IP"`
	DNS  string `xml:"DNS"`
	OS   string `xml:"OS"`
	Meth string `xml:"TRACKING_METHOD"`
}

type control struct {
	ID        int64  `xml:"ID"`
	Statement string `xml:"STATEMENT"`
	Label     string `xml:"CRITICALITY>LABEL"`
	Value     int64  `xml:"CRITICALITY>VALUE"`
}

type tech struct {
	ID   int64  `xml:"ID"`
	Name string `xml:"NAME"`
}

// key returns the record key of in.
func (in *info) key() postgen.Key {
	return postgen.Key{
		HostID: in.HostID, ControlID: in.ControlID, TechnologyID: in.TechID, Instance: in.Instance,
	}
}

// parse reads data as an export, failing t if it is not well-formed or does
// not follow the element order of the format.
func parse(t *testing.T, data []byte) *export {
	t.Helper()
	if err := checkOrder(data); err != nil {
		t.Fatal(err)
	}
	var e export
	if err := xml.Unmarshal(data, &e); err != nil {
		t.Fatalf("export is not well-formed: %v", err)
	}
	return &e
}

// contentModels lists, for the elements whose children the generator
// orders, the allowed children in order; a leading '?' marks an optional
// child. Repeated children (INFO, HOST, ...) are not listed.
var contentModels = map[string][]string{
	"POSTURE_INFO_LIST_OUTPUT": {"RESPONSE"},
	"RESPONSE":                 {"DATETIME", "?SUMMARY", "?INFO_LIST", "?WARNING", "?GLOSSARY"},
	"SUMMARY": {"?TOTAL_ASSETS", "?TOTAL_CONTROLS", "TOTAL_PASSED", "TOTAL_FAILED",
		"TOTAL_ERROR", "?TOTAL_EXCEPTIONS"},
	"INFO": {"ID", "HOST_ID", "CONTROL_ID", "TECHNOLOGY_ID", "?INSTANCE", "STATUS",
		"?REMEDIATION", "?POSTURE_MODIFIED_DATE", "?PREVIOUS_STATUS", "?FIRST_FAIL_DATE",
		"?LAST_FAIL_DATE", "?FIRST_PASS_DATE", "?LAST_PASS_DATE", "?EVIDENCE"},
	"EVIDENCE":    {"BOOLEAN_EXPR", "DPV_LIST"},
	"DPV":         {"LABEL", "V"},
	"WARNING":     {"CODE", "TEXT", "URL"},
	"GLOSSARY":    {"HOST_LIST", "CONTROL_LIST", "TECHNOLOGY_LIST"},
	"HOST":        {"ID", "IP", "?TRACKING_METHOD", "?DNS", "?OS"},
	"CONTROL":     {"ID", "STATEMENT", "CRITICALITY"},
	"CRITICALITY": {"LABEL", "VALUE"},
	"TECHNOLOGY":  {"ID", "NAME"},
}

// checkOrder walks the tokens of data and checks the children of every
// element listed in contentModels against its model.
func checkOrder(data []byte) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	var stack [][]string // children seen, per open element
	for {
		tok, err := d.Token()
		if err != nil {
			if len(stack) == 0 && errors.Is(err, io.EOF) {
				return nil
			}
			return fmt.Errorf("export is not well-formed: %w", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if len(stack) > 0 {
				stack[len(stack)-1] = append(stack[len(stack)-1], tok.Name.Local)
			}
			stack = append(stack, nil)
		case xml.EndElement:
			if err := matchModel(tok.Name.Local, stack[len(stack)-1]); err != nil {
				return err
			}
			stack = stack[:len(stack)-1]
		}
	}
}

// matchModel reports whether children follow the model of element name.
func matchModel(name string, children []string) error {
	model, ok := contentModels[name]
	if !ok {
		return nil
	}
	j := 0
	for _, m := range model {
		optional := m[0] == '?'
		if optional {
			m = m[1:]
		}
		if j < len(children) && children[j] == m {
			j++
		} else if !optional {
			return fmt.Errorf("element %q: expected %q, found %v", name, m, children)
		}
	}
	if j != len(children) {
		return fmt.Errorf("element %q: unexpected %q in %v", name, children[j], children)
	}
	return nil
}

// date parses a generated date, failing t on any other form.
func date(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := time.Parse("2006-01-02T15:04:05Z", s)
	if err != nil {
		t.Fatalf("date %q: %v", s, err)
	}
	return d
}
