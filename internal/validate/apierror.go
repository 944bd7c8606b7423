package validate

import (
	"bytes"
	"fmt"

	"qx/internal/scan"
)

// apiError collects the CODE and TEXT of a SIMPLE_RETURN reply. A reply with a
// CODE is an API error saved where data was expected.
type apiError struct {
	code, text []byte
	pos        scan.Pos
	seen       bool
}

// wants tells whether the text of the innermost open element is one apiError keeps.
func (a *apiError) wants(stack []frame) bool {
	n := len(stack)
	if n != 3 || stack[0].name != "SIMPLE_RETURN" || stack[1].name != "RESPONSE" {
		return false
	}
	return stack[2].name == "CODE" || stack[2].name == "TEXT"
}

// take keeps the text of a closing element if it is the reply's CODE or TEXT.
func (a *apiError) take(stack []frame, text []byte) {
	if !a.wants(stack) {
		return
	}
	v := bytes.Clone(bytes.TrimSpace(text))
	if stack[2].name == "CODE" {
		a.code, a.pos, a.seen = v, stack[2].pos, true
	} else {
		a.text = v
	}
}

// finding returns the finding of an error reply.
func (a *apiError) finding() (Finding, bool) {
	if !a.seen {
		return Finding{}, false
	}
	return Finding{Pos: a.pos, Severity: Error, ID: IDAPIError, Value: string(a.code),
		Path: "/SIMPLE_RETURN/RESPONSE/CODE",
		Msg: fmt.Sprintf("the reply is an API error, not data: code %s: %q",
			a.code, truncate(a.text, 200))}, true
}
