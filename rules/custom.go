package rules

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"qx/internal/validate"
)

// customFile is the JSON form of a rules file.
type customFile struct {
	Rules []customRule `json:"rules"`
}

// customRule is the JSON form of one custom rule.
type customRule struct {
	ID       string   `json:"id"`
	Title    string   `json:"title"`
	Severity string   `json:"severity"`
	Records  []string `json:"records"`
	Context  string   `json:"context"`
	Assert   string   `json:"assert"`
	Value    string   `json:"value"`
	Message  string   `json:"message"`
	Text     string   `json:"text"`
}

// LoadFile reads the custom rules of a rules file; see [Load].
func LoadFile(name string) ([]*Rule, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("reading rules: %w", err)
	}
	return Load(bytes.NewReader(data), name)
}

// Load reads custom rules in JSON from r; name is the file they come from.
// The form is
//
//	{"rules": [{"id": "...", "title": "...", "severity": "error",
//	            "records": ["/ROOT/.../RECORD"], "context": "XPATH",
//	            "assert": "XPATH", "value": "XPATH", "message": "TEMPLATE",
//	            "text": "why it matters"}]}
//
// where context, value and text are optional. See [Assertion] for what the
// expressions mean. Unknown fields are an error, so a misspelt field does not
// silently disable a check.
func Load(r io.Reader, name string) ([]*Rule, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var f customFile
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if dec.More() {
		return nil, fmt.Errorf("%s: data after the rules object", name)
	}
	var rs []*Rule
	for i, cr := range f.Rules {
		r, err := cr.rule(name)
		if err != nil {
			return nil, fmt.Errorf("%s: rule %d (%q): %w", name, i+1, cr.ID, err)
		}
		rs = append(rs, r)
	}
	return rs, nil
}

// rule checks a custom rule and compiles it.
func (cr customRule) rule(origin string) (*Rule, error) {
	sev, err := ParseSeverity(cr.Severity)
	switch {
	case !validID(cr.ID):
		return nil, errors.New("id: use lowercase letters, digits and hyphens, " +
			"starting with a letter")
	case strings.TrimSpace(cr.Title) == "":
		return nil, errors.New("title is required")
	case err != nil:
		return nil, fmt.Errorf("severity: %w", err)
	case len(cr.Records) == 0:
		return nil, errors.New("records: at least one record path is required")
	case strings.TrimSpace(cr.Message) == "":
		return nil, errors.New("message is required")
	}
	for _, p := range cr.Records {
		if !validRecordPath(p) {
			return nil, fmt.Errorf("records: %q is not an element path like "+
				"/ROOT/LIST/RECORD", p)
		}
	}
	a := &Assertion{Context: cr.Context, Assert: cr.Assert, Value: cr.Value,
		Message: cr.Message}
	if err := a.Compile(); err != nil {
		return nil, err
	}
	return &Rule{ID: cr.ID, Title: cr.Title, Severity: sev, Kind: Custom, Text: cr.Text,
		Records: cr.Records, Assert: a, Origin: origin}, nil
}

// ParseSeverity reads "error" or "warning".
func ParseSeverity(s string) (validate.Severity, error) {
	switch s {
	case "error":
		return validate.Error, nil
	case "warning":
		return validate.Warning, nil
	}
	return 0, fmt.Errorf("%q is not error or warning", s)
}

// validRecordPath tells whether p is an absolute path of element names.
func validRecordPath(p string) bool {
	if !strings.HasPrefix(p, "/") {
		return false
	}
	for name := range strings.SplitSeq(p[1:], "/") {
		if !validName(name) {
			return false
		}
	}
	return true
}

// validName tells whether s is an XML name without a prefix, limited to
// ASCII as every Qualys element name is.
func validName(s string) bool {
	if s == "" {
		return false
	}
	for i, c := range s {
		letter := c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_'
		if !letter && (i == 0 || !(c >= '0' && c <= '9' || c == '-' || c == '.')) {
			return false
		}
	}
	return true
}
