package diff

import (
	"net/url"
	"strconv"
	"strings"

	"qx/internal/scan"
	"qx/internal/validate"
)

// Format is the kind of document a side holds.
type Format uint8

// The formats qxdiff compares, and FormatOther for every other document.
const (
	FormatOther Format = iota
	PostureInfoList
	PolicyReport
)

// String returns the name of the format's content model.
func (f Format) String() string {
	return [...]string{"other", "posture_info_list_output", "compliance_policy_report"}[f]
}

// Page is what one file of a side holds besides its records.
type Page struct {
	File     string
	Format   Format
	Root     string // the root element
	Captured Date   // RESPONSE/DATETIME, or GENERATION_DATETIME
	Records  int64
	MinID    uint64 // the smallest INFO/ID, if HasID
	HasID    bool
	// Code and NextID come from a WARNING of a truncated page: its CODE and
	// the id_min of its URL, if HasNext.
	Warned  bool
	Code    string
	URL     string
	NextID  uint64
	HasNext bool
	// FetchedFrom is the id_min this page was requested with, if the reply
	// echoes its REQUEST.
	FetchedFrom    uint64
	HasFetchedFrom bool
}

// role is what the observer makes of an open element.
type role uint8

// Roles; an element whose role is rOther is ignored with everything in it.
const (
	rOther role = iota
	rDoc
	rPRoot
	rCRoot
	rRequest
	rParamList
	rParam
	rParamKey
	rParamValue
	rResponse
	rCaptured
	rInfoList
	rRecord
	fID
	fHost
	fControl
	fTech
	fInstance
	fStatus
	fPrev
	fRemediation
	fModified
	fFirstFail
	fLastFail
	fFirstPass
	fLastPass
	rEvidence
	rExpr
	rDPVList
	rDPV
	rLabel
	rValue
	rEvidenceText
	rCause
	rCauseList
	rCriteria
	rWarning
	rWarnCode
	rWarnURL
	rGlossary
	rGHostList
	rGHost
	gID
	gIP
	gDNS
	rGCtlList
	rGCtl
	gStatement
	rGCrit
	gCritLabel
	gCritValue
	rGTechList
	rGTech
	gTechName
	rHeader
	rResults
	rRHostList
	rRHost
	rRCtlList
	rRTech
)

// wantText tells the roles whose text the observer keeps in o.text.
var wantText = func() (w [rRTech + 1]bool) {
	for _, r := range []role{rParamKey, rParamValue, rCaptured, fID, fHost, fControl, fTech,
		fInstance, fStatus, fPrev, fModified, fFirstFail, fLastFail, fFirstPass, fLastPass,
		rWarnCode, rWarnURL, gID, gIP, gDNS, gStatement, gCritLabel, gCritValue, gTechName} {
		w[r] = true
	}
	return w
}()

// maxFieldText bounds the text kept of a short field (IDs, dates, names).
const maxFieldText = 4 << 10

// observer extracts the records, pages and names of one file as it is
// validated, in the same pass.
type observer struct {
	file  int
	keep  bool
	emit  func(entry)
	onFmt func(Format) // told the format once the root element is seen

	page  Page
	names *Names
	roles []role
	text  []byte
	rec   fields
	key   [4][]byte // host, control, technology, instance
	gloss glossEntry
	rhost glossEntry // the policy report host being read
	param []byte     // KEY of the PARAM being read
	vals  int        // values of the DPV or cause list being read
	buf   []byte

	complete bool // the document was read to its end, well-formed
}

func newObserver(file int, name string, keep bool, emit func(entry)) *observer {
	o := &observer{file: file, keep: keep, emit: emit, names: newNames()}
	o.page.File = name
	o.roles = append(o.roles, rDoc)
	o.rec.file = file
	return o
}

// Token implements [validate.Observer].
func (o *observer) Token(t *scan.Token, _ func(validate.Finding)) {
	switch t.Kind {
	case scan.StartElement:
		r := o.child(o.roles[len(o.roles)-1], t.Name)
		o.roles = append(o.roles, r)
		o.start(r, t)
	case scan.Text:
		o.chars(o.roles[len(o.roles)-1], t.Data)
	case scan.EndElement:
		r := o.roles[len(o.roles)-1]
		o.roles = o.roles[:len(o.roles)-1]
		o.end(r)
	}
}

// Finish implements [validate.Observer].
func (o *observer) Finish(complete bool, _ func(validate.Finding)) { o.complete = complete }

// child returns the role of an element named name inside one of role parent.
func (o *observer) child(parent role, name []byte) role {
	switch parent {
	case rOther:
		return rOther
	case rDoc:
		return o.root(name)
	case rRecord:
		return recordChild(name)
	}
	if r, ok := evidenceChild(parent, name); ok {
		return r
	}
	r, _ := envelopeChild(parent, name)
	return r
}

// root recognises the format by the root element.
func (o *observer) root(name []byte) role {
	o.page.Root = string(name)
	r := rOther
	switch string(name) {
	case "POSTURE_INFO_LIST_OUTPUT":
		o.page.Format, r = PostureInfoList, rPRoot
	case "COMPLIANCE_POLICY_REPORT":
		o.page.Format, r = PolicyReport, rCRoot
	}
	if o.onFmt != nil {
		o.onFmt(o.page.Format)
	}
	return r
}

// envelopeChild places the elements outside the records: the envelope and
// the glossary.
func envelopeChild(parent role, name []byte) (role, bool) {
	pairs := envelope[parent]
	for _, p := range pairs {
		if p.name == string(name) {
			return p.role, true
		}
	}
	return rOther, len(pairs) > 0
}

type named struct {
	name string
	role role
}

// envelope lists, per role, the children the observer reads outside records.
var envelope = map[role][]named{
	rPRoot:     {{"REQUEST", rRequest}, {"RESPONSE", rResponse}},
	rRequest:   {{"PARAM_LIST", rParamList}},
	rParamList: {{"PARAM", rParam}},
	rParam:     {{"KEY", rParamKey}, {"VALUE", rParamValue}},
	rResponse: {{"DATETIME", rCaptured}, {"INFO_LIST", rInfoList}, {"WARNING", rWarning},
		{"GLOSSARY", rGlossary}},
	rInfoList:  {{"INFO", rRecord}},
	rWarning:   {{"CODE", rWarnCode}, {"URL", rWarnURL}},
	rCRoot:     {{"HEADER", rHeader}, {"RESULTS", rResults}},
	rHeader:    {{"GENERATION_DATETIME", rCaptured}},
	rResults:   {{"HOST_LIST", rRHostList}},
	rRHostList: {{"HOST", rRHost}},
	rRHost:     {{"IP", gIP}, {"DNS", gDNS}, {"CONTROL_LIST", rRCtlList}},
	rRCtlList:  {{"CONTROL", rRecord}},
	rRTech:     {{"ID", fTech}, {"NAME", gTechName}},
	rRCtlCrit:  {{"LABEL", gCritLabel}, {"VALUE", gCritValue}},
	rGlossary: {{"HOST_LIST", rGHostList}, {"CONTROL_LIST", rGCtlList},
		{"TECHNOLOGY_LIST", rGTechList}},
	rGHostList: {{"HOST", rGHost}},
	rGCtlList:  {{"CONTROL", rGCtl}},
	rGTechList: {{"TECHNOLOGY", rGTech}},
	rGHost:     {{"ID", gID}, {"IP", gIP}, {"DNS", gDNS}},
	rGCtl:      {{"ID", gID}, {"STATEMENT", gStatement}, {"CRITICALITY", rGCrit}},
	rGTech:     {{"ID", gID}, {"NAME", gTechName}},
}

// rRCtlCrit is the role of a policy report CONTROL's CRITICALITY, which
// reads like a glossary CRITICALITY.
const rRCtlCrit = rGCrit

// recordChild places the children of an INFO or a policy report CONTROL.
func recordChild(name []byte) role {
	switch string(name) {
	case "ID":
		return fID
	case "HOST_ID":
		return fHost
	case "CONTROL_ID", "CID":
		return fControl
	case "TECHNOLOGY_ID":
		return fTech
	case "TECHNOLOGY":
		return rRTech
	case "INSTANCE":
		return fInstance
	case "STATUS":
		return fStatus
	case "PREVIOUS_STATUS":
		return fPrev
	case "REMEDIATION":
		return fRemediation
	case "POSTURE_MODIFIED_DATE", "EVALUATION_DATE":
		return fModified
	case "FIRST_FAIL_DATE":
		return fFirstFail
	case "LAST_FAIL_DATE":
		return fLastFail
	case "FIRST_PASS_DATE":
		return fFirstPass
	case "LAST_PASS_DATE":
		return fLastPass
	case "EVIDENCE":
		return rEvidence
	case "CAUSE_OF_FAILURE":
		return rCause
	case "STATEMENT":
		return gStatement
	case "CRITICALITY":
		return rRCtlCrit
	}
	return rOther
}

// evidenceChild places the elements of EVIDENCE and CAUSE_OF_FAILURE.
func evidenceChild(parent role, name []byte) (role, bool) {
	switch parent {
	case rEvidence:
		switch string(name) {
		case "BOOLEAN_EXPR":
			return rExpr, true
		case "DPV_LIST":
			return rDPVList, true
		}
		return rOther, true
	case rDPVList:
		return pick(string(name) == "DPV", rDPV), true
	case rDPV:
		switch string(name) {
		case "LABEL":
			return rLabel, true
		case "V":
			return rValue, true
		}
		return rOther, true
	case rCause, rCriteria:
		switch string(name) {
		case "UNEXPECTED", "MISSING":
			return rCauseList, true
		case "CRITERIA":
			return pick(parent == rCause, rCriteria), true
		}
		return rOther, true
	case rCauseList:
		return pick(string(name) == "V", rValue), true
	}
	return rOther, false
}

func pick(ok bool, r role) role {
	if ok {
		return r
	}
	return rOther
}

// start prepares for the content of an element.
func (o *observer) start(r role, t *scan.Token) {
	o.text = o.text[:0]
	switch r {
	case rRecord:
		o.startRecord(t.Pos)
	case rGHost, rGCtl, rGTech:
		o.gloss.reset()
	case rRHost:
		o.rhost.reset()
	case rDPV:
		o.vals = 0
	case rCause:
		o.rec.ev.sep("\ncause of failure:")
	case rCauseList:
		o.vals = 0
		o.rec.ev.sep("\n" + strings.ToLower(string(t.Name)) + ":")
	case rCriteria:
		o.rec.ev.sep("\ncriteria")
	case rValue:
		o.startValue()
	}
}

func (o *observer) startRecord(pos scan.Pos) {
	o.rec.line, o.rec.col = pos.Line, pos.Col
	o.rec.status, o.rec.prev, o.rec.id = o.rec.status[:0], o.rec.prev[:0], o.rec.id[:0]
	o.rec.dates = [5]Date{}
	o.rec.rem.reset(o.keep)
	o.rec.ev.reset(o.keep)
	for i := range o.key {
		o.key[i] = o.key[i][:0]
	}
	if o.page.Format == PolicyReport {
		o.key[0] = append(o.key[0], o.rhost.ip...)
		o.gloss.reset()
	}
}

// startValue separates a value from the label or value before it.
func (o *observer) startValue() {
	switch {
	case o.vals == 0 && o.roles[len(o.roles)-2] == rDPV:
		o.rec.ev.sep(" = ")
	case o.vals == 0:
		o.rec.ev.sep(" ")
	default:
		o.rec.ev.sep(" | ")
	}
	o.vals++
}

// chars takes a chunk of text of an element.
func (o *observer) chars(r role, data []byte) {
	switch r {
	case fRemediation:
		o.rec.rem.write(data)
	case rExpr, rLabel, rValue:
		o.rec.ev.write(data)
	case rEvidence:
		if o.page.Format == PolicyReport {
			o.rec.ev.write(data)
		}
	default:
		if wantText[r] && len(o.text) < maxFieldText {
			o.text = append(o.text, data[:min(len(data), maxFieldText-len(o.text))]...)
		}
	}
}

// end takes what an element held.
func (o *observer) end(r role) {
	v := trimSpace(o.text)
	switch {
	case r == rRecord:
		o.endRecord()
	case r >= fID && r <= fLastPass:
		o.endField(r, v)
	case r == rExpr || r == rDPV:
		o.rec.ev.sep("\n")
	default:
		o.endEnvelope(r, v)
	}
}

func (o *observer) endField(r role, v []byte) {
	switch r {
	case fID:
		o.rec.id = append(o.rec.id[:0], v...)
		if n, ok := number(v); ok && (!o.page.HasID || n < o.page.MinID) {
			o.page.MinID, o.page.HasID = n, true
		}
	case fHost, fControl, fTech, fInstance:
		o.key[r-fHost] = append(o.key[r-fHost][:0], v...)
	case fStatus:
		o.rec.status = append(o.rec.status[:0], v...)
	case fPrev:
		o.rec.prev = append(o.rec.prev[:0], v...)
	case fModified, fFirstFail, fLastFail, fFirstPass, fLastPass:
		o.rec.dates[r-fModified] = parseDate(v)
	}
}

// endRecord encodes the record just read and hands it on.
func (o *observer) endRecord() {
	o.page.Records++
	k := o.rec.key[:0]
	k = appendField(k, o.key[0], true)
	for _, f := range o.key[1:] {
		k = appendField(k, f, false)
	}
	o.rec.key = k
	o.rec.captured = o.page.Captured
	o.buf = o.rec.appendEntry(o.buf[:0], o.keep)
	o.emit(o.buf)
	if o.page.Format == PolicyReport {
		o.names.addControl(o.key[1], &o.gloss)
		if len(o.gloss.name) > 0 {
			o.names.addTechnology(o.key[2], o.gloss.name)
		}
	}
}

// endEnvelope takes the text of the page's and the glossary's elements.
func (o *observer) endEnvelope(r role, v []byte) {
	g := &o.gloss
	if o.roles[len(o.roles)-1] == rRHost {
		g = &o.rhost
	}
	switch r {
	case rCaptured:
		o.page.Captured = parseDate(v)
	case rParamKey:
		o.param = append(o.param[:0], v...)
	case rParamValue:
		if n, ok := number(v); ok && string(o.param) == "id_min" {
			o.page.FetchedFrom, o.page.HasFetchedFrom = n, true
		}
	case rWarning:
		o.page.Warned = true
	case rWarnCode:
		o.page.Code = string(v)
	case rWarnURL:
		o.page.URL = string(v)
		o.page.NextID, o.page.HasNext = idMin(o.page.URL)
	case gID:
		g.id = append(g.id[:0], v...)
	case gIP:
		g.ip = append(g.ip[:0], v...)
	case gDNS:
		g.dns = append(g.dns[:0], v...)
	case gStatement:
		g.statement = append(g.statement[:0], v...)
	case gCritLabel:
		g.label = append(g.label[:0], v...)
	case gCritValue:
		g.value = append(g.value[:0], v...)
	case gTechName:
		g.name = append(g.name[:0], v...)
	default:
		o.endEntry(r)
	}
}

// endEntry files a finished glossary entry.
func (o *observer) endEntry(r role) {
	g := &o.gloss
	switch r {
	case rGHost:
		o.names.addHost(g.id, HostName{IP: string(g.ip), DNS: string(g.dns)})
	case rGCtl:
		o.names.addControl(g.id, g)
	case rGTech:
		o.names.addTechnology(g.id, g.name)
	case rRHost:
		h := &o.rhost
		o.names.addHost(h.ip, HostName{IP: string(h.ip), DNS: string(h.dns)})
	}
}

// idMin returns the id_min parameter of a WARNING's URL.
func idMin(u string) (uint64, bool) {
	_, query, _ := strings.Cut(u, "?")
	q, err := url.ParseQuery(query)
	if err != nil {
		return 0, false
	}
	n, err := strconv.ParseUint(strings.TrimSpace(q.Get("id_min")), 10, 64)
	return n, err == nil
}
