package diffcmd

import (
	"bytes"
	"encoding/xml"
	"os"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"qx/schema"
)

// exportPair is a pair of small posture exports built from fuzzed fields,
// written as a spec: a header and records apart at \x01 bytes, their
// fields apart at NUL bytes. Neither byte can stand in XML text, so no value
// is lost to them. The header holds the DATETIME of OLD and NEW and the base
// names of their files.
type exportPair struct {
	captured [2]string
	names    [2]string
	records  []record
}

// record is an INFO record, with the glossary names of its host, control and
// technology.
type record struct {
	side string // "o": on OLD only, "n": on NEW only, anything else: on both
	f    [numFields]string
}

// The fields of a record in a spec, after its side.
const (
	fHost = iota
	fControl
	fTech
	fInstance
	fStatus
	fPrevious
	fModified
	fFirstFail
	fLastFail
	fFirstPass
	fLastPass
	fRemediation
	fEvidence
	fIP
	fDNS
	fStatement
	fCriticality
	fTechName
	numFields
)

// Bounds on a spec: records are few, and fields short enough that no field's
// text reaches the 4 KiB qxdiff keeps of a key or a date.
const (
	maxRecords  = 40
	maxFieldLen = 200
)

// parsePair reads a spec.
func parsePair(spec string) exportPair {
	parts := strings.Split(spec, "\x01")
	head := fieldsOf(parts[0], 4)
	p := exportPair{captured: [2]string{head[0], head[1]}, names: [2]string{head[2], head[3]}}
	for _, part := range parts[1:min(len(parts), maxRecords+1)] {
		f := fieldsOf(part, numFields+1)
		r := record{side: f[0]}
		copy(r.f[:], f[1:])
		p.records = append(p.records, r)
	}
	return p
}

// fieldsOf splits s at NUL bytes into n fields, each cut to maxFieldLen bytes.
func fieldsOf(s string, n int) []string {
	f := make([]string, n)
	for i, v := range strings.SplitN(s, "\x00", n) {
		f[i] = v[:min(len(v), maxFieldLen)]
	}
	return f
}

// spec writes p as a spec.
func (p exportPair) spec() string {
	parts := []string{strings.Join(append(p.captured[:], p.names[:]...), "\x00")}
	for _, r := range p.records {
		parts = append(parts, strings.Join(append([]string{r.side}, r.f[:]...), "\x00"))
	}
	return strings.Join(parts, "\x01")
}

// on returns the records of a side: 0 for OLD, 1 for NEW.
func (p exportPair) on(side int) []record {
	var rs []record
	for _, r := range p.records {
		if r.side != [2]string{"n", "o"}[side] {
			rs = append(rs, r)
		}
	}
	return rs
}

// infoFields are the optional and required children of INFO written from a
// record, in the order of the content model.
var infoFields = []struct {
	name     string
	field    int
	required bool
}{
	{"HOST_ID", fHost, true}, {"CONTROL_ID", fControl, true},
	{"TECHNOLOGY_ID", fTech, true}, {"INSTANCE", fInstance, false},
	{"STATUS", fStatus, true}, {"REMEDIATION", fRemediation, false},
	{"POSTURE_MODIFIED_DATE", fModified, false}, {"PREVIOUS_STATUS", fPrevious, false},
	{"FIRST_FAIL_DATE", fFirstFail, false}, {"LAST_FAIL_DATE", fLastFail, false},
	{"FIRST_PASS_DATE", fFirstPass, false}, {"LAST_PASS_DATE", fLastPass, false},
}

// document writes the export of one side.
func (p exportPair) document(side int) []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header + "<POSTURE_INFO_LIST_OUTPUT>\n<RESPONSE>\n")
	element(&b, "DATETIME", p.captured[side])
	b.WriteString("<INFO_LIST>\n")
	for i, r := range p.on(side) {
		b.WriteString("<INFO>")
		element(&b, "ID", strconv.Itoa(i+1))
		for _, f := range infoFields {
			if f.required || r.f[f.field] != "" {
				element(&b, f.name, r.f[f.field])
			}
		}
		if r.f[fEvidence] != "" {
			b.WriteString("<EVIDENCE>")
			element(&b, "BOOLEAN_EXPR", r.f[fEvidence])
			b.WriteString("</EVIDENCE>")
		}
		b.WriteString("</INFO>\n")
	}
	b.WriteString("</INFO_LIST>\n")
	glossary(&b, p.on(side))
	b.WriteString("</RESPONSE>\n</POSTURE_INFO_LIST_OUTPUT>\n")
	return b.Bytes()
}

// glossary writes the names of the records' hosts, controls and
// technologies, the first record's for each.
func glossary(b *bytes.Buffer, rs []record) {
	b.WriteString("<GLOSSARY>\n<HOST_LIST>")
	seen := map[string]bool{}
	for _, r := range rs {
		if id := "h" + r.f[fHost]; !seen[id] {
			seen[id] = true
			b.WriteString("<HOST>")
			elements(b, "ID", r.f[fHost], "IP", r.f[fIP], "DNS", r.f[fDNS])
			b.WriteString("</HOST>")
		}
	}
	b.WriteString("</HOST_LIST>\n<CONTROL_LIST>")
	for _, r := range rs {
		if id := "c" + r.f[fControl]; !seen[id] {
			seen[id] = true
			b.WriteString("<CONTROL>")
			elements(b, "ID", r.f[fControl], "STATEMENT", r.f[fStatement])
			b.WriteString("<CRITICALITY>")
			elements(b, "LABEL", r.f[fCriticality], "VALUE", "3")
			b.WriteString("</CRITICALITY></CONTROL>")
		}
	}
	b.WriteString("</CONTROL_LIST>\n<TECHNOLOGY_LIST>")
	for _, r := range rs {
		if id := "t" + r.f[fTech]; !seen[id] {
			seen[id] = true
			b.WriteString("<TECHNOLOGY>")
			elements(b, "ID", r.f[fTech], "NAME", r.f[fTechName])
			b.WriteString("</TECHNOLOGY>")
		}
	}
	b.WriteString("</TECHNOLOGY_LIST>\n</GLOSSARY>\n")
}

// element writes an element holding text, escaped as encoding/xml does:
// a character XML does not allow becomes U+FFFD, line ends and tabs are
// character references, so they reach the reader as they were.
func element(b *bytes.Buffer, name, text string) {
	b.WriteString("<" + name + ">")
	xml.EscapeText(b, []byte(text))
	b.WriteString("</" + name + ">")
}

// elements writes elements given as name, text pairs.
func elements(b *bytes.Buffer, pairs ...string) {
	for i := 0; i < len(pairs); i += 2 {
		element(b, pairs[i], pairs[i+1])
	}
}

// fileName turns a fuzzed name into the base name of a file: "/" and NUL
// cannot stand in one.
func fileName(s, fallback string) string {
	s = strings.NewReplacer("/", "_", "\x00", "_").Replace(s)
	if s == "" || s == "." || s == ".." {
		return fallback
	}
	return s
}

// value returns a field as qxdiff reads it: written by [element], read back
// and trimmed of XML white space.
func value(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r <= 0xD7FF ||
			r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= utf8.MaxRune {
			return r
		}
		return utf8.RuneError
	}, s)
	return strings.Trim(s, " \t\n\r")
}

// keyOf returns the key of a record as qxdiff reports it.
func keyOf(r record) string {
	return strings.Join([]string{value(r.f[fHost]), value(r.f[fControl]), value(r.f[fTech]),
		value(r.f[fInstance])}, "\x00")
}

// dateOf returns a date field in Unix seconds, and whether it holds a date.
// A date at the Unix epoch stands for none, as in qxdiff.
func dateOf(s string) (int64, bool) {
	t, ok := schema.ParseTime([]byte(value(s)))
	return t.Unix(), ok && t.Unix() != 0
}

// expectSelf returns the keys a comparison of one side with itself reports:
// those on the side more than once (duplicate), and, of the others, those
// with a date later than the export's DATETIME (inconsistent).
func (p exportPair) expectSelf(side int) (dups, late map[string]bool) {
	count := map[string]int{}
	for _, r := range p.on(side) {
		count[keyOf(r)]++
	}
	dups, late = map[string]bool{}, map[string]bool{}
	captured, ok := dateOf(p.captured[side])
	for _, r := range p.on(side) {
		k := keyOf(r)
		if count[k] > 1 {
			dups[k] = true
			continue
		}
		for _, f := range []int{fModified, fFirstFail, fLastFail, fFirstPass, fLastPass} {
			if d, set := dateOf(r.f[f]); ok && set && d > captured {
				late[k] = true
			}
		}
	}
	return dups, late
}

// postureXML is the part of a posture export a spec keeps.
type postureXML struct {
	XMLName  xml.Name
	Captured string    `xml:"RESPONSE>DATETIME"`
	Infos    []infoXML `xml:"RESPONSE>INFO_LIST>INFO"`
	Hosts    []struct {
		ID, IP, DNS string
	} `xml:"RESPONSE>GLOSSARY>HOST_LIST>HOST"`
	Controls []struct {
		ID, Statement string
		Label         string `xml:"CRITICALITY>LABEL"`
	} `xml:"RESPONSE>GLOSSARY>CONTROL_LIST>CONTROL"`
	Techs []struct {
		ID, Name string
	} `xml:"RESPONSE>GLOSSARY>TECHNOLOGY_LIST>TECHNOLOGY"`
}

type infoXML struct {
	Host        string `xml:"HOST_ID"`
	Control     string `xml:"CONTROL_ID"`
	Tech        string `xml:"TECHNOLOGY_ID"`
	Instance    string `xml:"INSTANCE"`
	Status      string `xml:"STATUS"`
	Previous    string `xml:"PREVIOUS_STATUS"`
	Modified    string `xml:"POSTURE_MODIFIED_DATE"`
	FirstFail   string `xml:"FIRST_FAIL_DATE"`
	LastFail    string `xml:"LAST_FAIL_DATE"`
	FirstPass   string `xml:"FIRST_PASS_DATE"`
	LastPass    string `xml:"LAST_PASS_DATE"`
	Remediation string `xml:"REMEDIATION"`
	Evidence    string `xml:"EVIDENCE>BOOLEAN_EXPR"`
}

// pairOfFiles turns two posture exports into an export pair: a record on
// both sides, the same, is one record of the pair. ok is false when either
// file is no posture export.
func pairOfFiles(oldPath, newPath string) (p exportPair, ok bool) {
	var sides [2][]record
	for side, path := range []string{oldPath, newPath} {
		data, err := os.ReadFile(path)
		var x postureXML
		if err != nil || xml.Unmarshal(data, &x) != nil ||
			x.XMLName.Local != "POSTURE_INFO_LIST_OUTPUT" {
			return p, false
		}
		p.captured[side] = x.Captured
		p.names[side] = [2]string{"old.xml", "new.xml"}[side]
		for _, in := range x.Infos {
			sides[side] = append(sides[side], recordOf(in, &x))
		}
	}
	for _, r := range sides[0] {
		if i := slices.Index(sides[1], r); i >= 0 {
			sides[1] = slices.Delete(sides[1], i, i+1)
			r.side = "b"
		}
		p.records = append(p.records, r)
	}
	for _, r := range sides[1] {
		r.side = "n"
		p.records = append(p.records, r)
	}
	return p, true
}

// recordOf makes a record of an INFO and the glossary of its export; its side
// is "o" until it is found on NEW too.
func recordOf(in infoXML, x *postureXML) record {
	r := record{side: "o"}
	r.f = [numFields]string{fHost: in.Host, fControl: in.Control, fTech: in.Tech,
		fInstance: in.Instance, fStatus: in.Status, fPrevious: in.Previous,
		fModified: in.Modified, fFirstFail: in.FirstFail, fLastFail: in.LastFail,
		fFirstPass: in.FirstPass, fLastPass: in.LastPass, fRemediation: in.Remediation,
		fEvidence: in.Evidence}
	for _, h := range x.Hosts {
		if h.ID == in.Host {
			r.f[fIP], r.f[fDNS] = h.IP, h.DNS
		}
	}
	for _, c := range x.Controls {
		if c.ID == in.Control {
			r.f[fStatement], r.f[fCriticality] = c.Statement, c.Label
		}
	}
	for _, t := range x.Techs {
		if t.ID == in.Tech {
			r.f[fTechName] = t.Name
		}
	}
	return r
}
