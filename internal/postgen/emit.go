package postgen

import "strconv"

// The append functions below write the document two spaces per level, one
// element per line, the way Qualys pretty-prints its replies. Texts that
// Qualys puts in CDATA sections go in CDATA sections here too.

// truncationCode is the WARNING CODE of a page that continues in another.
const truncationCode = 1980

// apiURL is the posture info endpoint named in WARNING/URL.
const apiURL = "https://qualysapi.qualys.com/api/2.0/fo/compliance/posture/info/"

// appendHead appends everything before the first child of RESPONSE after
// DATETIME.
func appendHead(b []byte, doctype string, dt int64) []byte {
	b = append(b, "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n"...)
	b = append(b, "<!DOCTYPE POSTURE_INFO_LIST_OUTPUT SYSTEM \""...)
	b = append(b, doctype...)
	b = append(b, "\">\n<POSTURE_INFO_LIST_OUTPUT>\n  <RESPONSE>\n    <DATETIME>"...)
	b = appendDateTime(b, dt)
	return append(b, "</DATETIME>\n"...)
}

// appendTail closes RESPONSE and the root.
func appendTail(b []byte) []byte {
	return append(b, "  </RESPONSE>\n</POSTURE_INFO_LIST_OUTPUT>\n"...)
}

// appendInt appends an element holding an integer; open and close carry the
// indentation and the line end.
func appendInt(b []byte, open string, v int64, close string) []byte {
	b = append(b, open...)
	b = strconv.AppendInt(b, v, 10)
	return append(b, close...)
}

// appendDate appends an element holding a date, if the date is set.
func appendDate(b []byte, open string, t int64, close string) []byte {
	if t == 0 {
		return b
	}
	b = append(b, open...)
	b = appendDateTime(b, t)
	return append(b, close...)
}

// appendCDATA appends an element whose text is a CDATA section. The texts
// come from this package's tables and never hold "]]>".
func appendCDATA(b []byte, open, text, close string) []byte {
	b = append(b, open...)
	b = append(b, "<![CDATA["...)
	b = append(b, text...)
	b = append(b, "]]>"...)
	return append(b, close...)
}

// appendRecord appends r as an INFO element.
func appendRecord(b []byte, r *record) []byte {
	b = append(b, "      <INFO>\n"...)
	b = appendInt(b, "        <ID>", r.id, "</ID>\n")
	b = appendInt(b, "        <HOST_ID>", r.hostID, "</HOST_ID>\n")
	b = appendInt(b, "        <CONTROL_ID>", r.controlID, "</CONTROL_ID>\n")
	b = appendInt(b, "        <TECHNOLOGY_ID>", r.techID, "</TECHNOLOGY_ID>\n")
	switch r.instMode {
	case instanceEmpty:
		b = append(b, "        <INSTANCE></INSTANCE>\n"...)
	case instanceText:
		b = append(b, "        <INSTANCE>"...)
		b = append(b, r.inst...)
		b = append(b, "</INSTANCE>\n"...)
	}
	b = appendText(b, "        <STATUS>", statusNames[r.status], "</STATUS>\n")
	if r.remedy >= 0 {
		b = appendCDATA(b, "        <REMEDIATION>", remediations[r.remedy], "</REMEDIATION>\n")
	}
	b = appendDate(b, "        <POSTURE_MODIFIED_DATE>", r.modified, "</POSTURE_MODIFIED_DATE>\n")
	b = appendText(b, "        <PREVIOUS_STATUS>", statusNames[r.prev], "</PREVIOUS_STATUS>\n")
	b = appendDate(b, "        <FIRST_FAIL_DATE>", r.firstFail, "</FIRST_FAIL_DATE>\n")
	b = appendDate(b, "        <LAST_FAIL_DATE>", r.lastFail, "</LAST_FAIL_DATE>\n")
	b = appendDate(b, "        <FIRST_PASS_DATE>", r.firstPass, "</FIRST_PASS_DATE>\n")
	b = appendDate(b, "        <LAST_PASS_DATE>", r.lastPass, "</LAST_PASS_DATE>\n")
	if r.evidence {
		b = appendEvidence(b, r)
	}
	return append(b, "      </INFO>\n"...)
}

// appendText appends an element holding text that needs no escaping.
func appendText(b []byte, open, text, close string) []byte {
	b = append(b, open...)
	b = append(b, text...)
	return append(b, close...)
}

// appendEvidence appends the EVIDENCE of r: its expression and one data
// point value per data point the expression names.
func appendEvidence(b []byte, r *record) []byte {
	e := expressions[r.expr]
	b = append(b, "        <EVIDENCE>\n"...)
	b = appendCDATA(b, "          <BOOLEAN_EXPR>", e.text, "</BOOLEAN_EXPR>\n")
	b = append(b, "          <DPV_LIST>\n"...)
	for j := range e.points {
		b = append(b, "            <DPV lastUpdated=\""...)
		b = appendDateTime(b, r.updated)
		b = append(b, "\">\n              <LABEL>:dp_"...)
		b = strconv.AppendInt(b, int64(j+1), 10)
		b = append(b, "</LABEL>\n"...)
		b = appendCDATA(b, "              <V>", pointValues[r.values[j]], "</V>\n")
		b = append(b, "            </DPV>\n"...)
	}
	return append(b, "          </DPV_LIST>\n        </EVIDENCE>\n"...)
}

// appendWarning appends the WARNING that sends a reader on to the page whose
// smallest record ID is idMin.
func appendWarning(b []byte, pageSize, idMin int64) []byte {
	b = appendInt(b, "    <WARNING>\n      <CODE>", truncationCode, "</CODE>\n")
	b = strconv.AppendInt(append(b, "      <TEXT>"...), pageSize, 10)
	b = append(b, " record limit exceeded. Use URL to get next batch of results.</TEXT>\n"...)
	b = append(b, "      <URL><![CDATA["+apiURL+"?action=list&truncation_limit="...)
	b = strconv.AppendInt(b, pageSize, 10)
	b = strconv.AppendInt(append(b, "&id_min="...), idMin, 10)
	return append(b, "]]></URL>\n    </WARNING>\n"...)
}
