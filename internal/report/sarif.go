package report

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"slices"
	"strings"

	"qx/internal/validate"
	"qx/rules"
)

// MaxSARIFResults is how many results one SARIF run keeps: GitHub code
// scanning stores at most 5,000 results of a run (and rejects a run of more
// than 25,000). Past it, errors are kept before warnings and the run carries a
// notification saying how many were left out.
const MaxSARIFResults = 5000

// FingerprintKey is the partialFingerprints key of qxlint's fingerprints.
const FingerprintKey = "qxlintFinding/v1"

const sarifSchema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/" +
	"sarif-schema-2.1.0.json"

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool        sarifTool         `json:"tool"`
	Invocations []sarifInvocation `json:"invocations"`
	Results     []sarifResult     `json:"results"`
	ColumnKind  string            `json:"columnKind"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name  string      `json:"name"`
	Rules []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string          `json:"id"`
	Name                 string          `json:"name"`
	ShortDescription     sarifMessage    `json:"shortDescription"`
	FullDescription      sarifMessage    `json:"fullDescription"`
	Help                 sarifMessage    `json:"help"`
	DefaultConfiguration sarifConfig     `json:"defaultConfiguration"`
	Properties           sarifProperties `json:"properties"`
}

type sarifMessage struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifConfig struct {
	Level string `json:"level"`
}

type sarifProperties struct {
	Tags []string `json:"tags"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications"`
}

type sarifNotification struct {
	Level     string          `json:"level"`
	Message   sarifMessage    `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifMessage      `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
}

// writeSARIF writes the run as a SARIF 2.1.0 log of one run.
func writeSARIF(w io.Writer, r *Run) error {
	run := sarifRun{Tool: sarifTool{Driver: sarifDriver{Name: "qxlint",
		Rules: sarifRules(r.Rules)}}, ColumnKind: "unicodeCodePoints"}
	inv := sarifInvocation{ExecutionSuccessful: true,
		ToolExecutionNotifications: []sarifNotification{}}
	for _, f := range r.Files {
		if f.Err != nil {
			inv.ExecutionSuccessful = false
			inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications,
				sarifNotification{Level: "error", Message: sarifMessage{
					Text: "could not read " + f.Name + ": " + f.Err.Error()},
					Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{
						ArtifactLocation: sarifArtifact{URI: fileURI(f.Name)}}}}})
		}
	}
	results, left := sarifResults(r)
	if left > 0 {
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications,
			sarifNotification{Level: "warning", Message: sarifMessage{Text: fmt.Sprintf(
				"%d results were left out: GitHub code scanning keeps at most %d "+
					"results per run, so errors were kept first", left, MaxSARIFResults)}})
	}
	run.Results, run.Invocations = results, []sarifInvocation{inv}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(sarifLog{Schema: sarifSchema, Version: "2.1.0", Runs: []sarifRun{run}})
}

// sarifRules describes every rule of the catalog.
func sarifRules(rs []*rules.Rule) []sarifRule {
	out := make([]sarifRule, 0, len(rs))
	for _, r := range rs {
		first, _, _ := strings.Cut(r.Text, "\n\n")
		name := pascal(r.ID)
		if strings.EqualFold(name, r.ID) {
			// SARIF tools want a name that differs from the id.
			name = pascal(strings.ReplaceAll(r.Kind.String(), " ", "-")) + name
		}
		out = append(out, sarifRule{ID: r.ID, Name: name,
			ShortDescription: sarifMessage{Text: r.Title},
			FullDescription:  sarifMessage{Text: first},
			Help: sarifMessage{Text: r.Text,
				Markdown: "**" + r.Title + "**\n\n" + r.Text},
			DefaultConfiguration: sarifConfig{Level: r.Severity.String()},
			Properties:           sarifProperties{Tags: []string{"qualys", r.Kind.String()}}})
	}
	return out
}

// pascal turns a rule id into the PascalCase name SARIF tools show.
func pascal(id string) string {
	var b strings.Builder
	for part := range strings.SplitSeq(id, "-") {
		if part != "" {
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	return b.String()
}

// sarifResults returns the results of the run, at most MaxSARIFResults of
// them, and how many were left out.
func sarifResults(r *Run) ([]sarifResult, int) {
	type ranked struct {
		order int
		sev   validate.Severity
		res   sarifResult
	}
	var all []ranked
	for _, f := range r.Files {
		fps := Fingerprints(f)
		for i, x := range f.Findings {
			all = append(all, ranked{len(all), x.Severity, sarifResultOf(r, f, x, fps[i])})
		}
	}
	left := max(0, len(all)-MaxSARIFResults)
	if left > 0 {
		slices.SortStableFunc(all, func(a, b ranked) int { return cmp.Compare(b.sev, a.sev) })
		all = all[:MaxSARIFResults]
		slices.SortFunc(all, func(a, b ranked) int { return cmp.Compare(a.order, b.order) })
	}
	out := make([]sarifResult, len(all))
	for i, a := range all {
		out[i] = a.res
	}
	return out, left
}

// sarifResultOf converts one finding.
func sarifResultOf(r *Run, f *File, x validate.Finding, fp string) sarifResult {
	idx := slices.IndexFunc(r.Rules, func(rule *rules.Rule) bool { return rule.ID == x.ID })
	return sarifResult{RuleID: x.ID, RuleIndex: idx, Level: x.Severity.String(),
		Message: sarifMessage{Text: x.Msg},
		Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{
			ArtifactLocation: sarifArtifact{URI: fileURI(f.Name)},
			Region: &sarifRegion{StartLine: max(1, x.Pos.Line),
				StartColumn: max(1, x.Pos.Col)}}}},
		PartialFingerprints: map[string]string{FingerprintKey: fp}}
}

// fileURI turns a file name as given on the command line into a URI
// reference: relative names stay relative (GitHub resolves them against the
// repository root), absolute ones become file URIs.
func fileURI(name string) string {
	slashed := filepath.ToSlash(name)
	u := url.URL{Path: slashed}
	if filepath.IsAbs(name) {
		u = url.URL{Scheme: "file", Path: slashed}
	}
	return u.String()
}
