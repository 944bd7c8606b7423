package diffcmd

import (
	"bufio"
	"errors"
	"fmt"
	"strings"

	"qx/internal/diff"
)

// mdOut writes the markdown format, for a pull-request comment.
type mdOut struct {
	w     *bufio.Writer
	r     *diff.Result
	v     view
	count int
}

func renderMarkdown(w *bufio.Writer, r *diff.Result, v view) error {
	m := &mdOut{w: w, r: r, v: v}
	m.header()
	m.hosts()
	for _, k := range diff.Kinds() {
		if err := m.kind(k); err != nil {
			return err
		}
	}
	return nil
}

// header names the sides, accounts for their records and counts the kinds.
func (m *mdOut) header() {
	r := m.r
	fmt.Fprintf(m.w, "## Compliance posture changes\n\n")
	fmt.Fprintf(m.w, "| | OLD | NEW |\n|---|---|---|\n")
	fmt.Fprintf(m.w, "| files | %s | %s |\n", mdCode(filesText(r.Old)), mdCode(filesText(r.New)))
	fmt.Fprintf(m.w, "| captured | %s | %s |\n", capturedText(r.Old), capturedText(r.New))
	fmt.Fprintf(m.w, "| records | %d | %d |\n\n", r.Summary.OldRecords, r.Summary.NewRecords)
	acc := accounts(&r.Summary)
	fmt.Fprintf(m.w, "%s  \n%s\n\n", acc[0], acc[1])
	if filtered(m.v.cfg.filter) {
		fmt.Fprintf(m.w, "Shown: %s.\n\n", mdEscape(filterText(m.v.cfg.filter)))
	}
	fmt.Fprintf(m.w, "| change | count | shown |\n|---|---:|---:|\n")
	for _, k := range diff.Kinds() {
		if n := r.Summary.Kinds[k]; n > 0 {
			fmt.Fprintf(m.w, "| %v | %d | %d |\n", k, n, r.Summary.Shown[k])
		}
	}
	fmt.Fprintf(m.w, "\n**Posture worse: %d** (regressed, to_error, added Failed or Error)\n",
		r.Summary.Worse)
}

// hosts tabulates the hosts whose failing records grew.
func (m *mdOut) hosts() {
	hs, all := grown(m.r, m.v.cfg.top)
	if all == 0 {
		return
	}
	fmt.Fprintf(m.w, "\n### Hosts whose failing records grew (%d)\n\n", all)
	fmt.Fprintf(m.w, "| host | failed OLD | failed NEW | growth | changes |\n"+
		"|---|---:|---:|---:|---|\n")
	for _, h := range hs {
		fmt.Fprintf(m.w, "| %s | %d | %d | %+d | %s |\n", mdEscape(hostLabel(h.Host, h.Name)),
			h.OldFailed, h.NewFailed, h.Growth(), countsText(h.Kinds))
	}
	if len(hs) < all {
		fmt.Fprintf(m.w, "\n… and %d more hosts.\n", all-len(hs))
	}
}

// kind tabulates the shown changes of kind k.
func (m *mdOut) kind(k diff.Kind) error {
	n := m.r.Summary.Shown[k]
	if n == 0 {
		return nil
	}
	fmt.Fprintf(m.w, "\n### %v (%d): %s\n\n", k, n, kindTitles[k])
	fmt.Fprintf(m.w, "| host | control | criticality | technology | change |\n"+
		"|---|---|---|---|---|\n")
	m.count = 0
	err := m.r.Each(k, m.change)
	if errors.Is(err, errLimit) {
		fmt.Fprintf(m.w, "\n… and %d more.\n", n-int64(m.count))
		return nil
	}
	return err
}

// change writes one row.
func (m *mdOut) change(c *diff.Change) error {
	if m.v.cfg.limit > 0 && m.count == m.v.cfg.limit {
		return errLimit
	}
	m.count++
	ctl := c.Key.Control
	if c.Control.Statement != "" {
		ctl += " " + c.Control.Statement
	}
	cells := []string{mdEscape(strings.ReplaceAll(detail(c, m.r.Format), " -> ", " → "))}
	if a := also(c); len(a) > 0 {
		cells = append(cells, "also: "+mdEscape(strings.Join(a, ", ")))
	}
	if c.Kind == diff.Duplicate {
		for i, rs := range [][]diff.Record{c.Old, c.New} {
			for _, r := range rs {
				cells = append(cells, fmt.Sprintf("%v %s: %s", diff.Side(i),
					mdCode(r.Pos.String()), mdEscape(status(r.Status))))
			}
		}
	}
	for _, n := range c.Notes {
		cells = append(cells, "⚠️ "+mdEscape(n.Msg))
	}
	cells = mdEdits(cells, "remediation", c.RemediationDiff)
	cells = mdEdits(cells, "evidence", c.EvidenceDiff)
	fmt.Fprintf(m.w, "| %s | %s | %s | %s | %s |\n", mdEscape(hostLabel(c.Key.Host, c.Host)),
		mdEscape(ctl), mdEscape(c.Control.Criticality),
		mdEscape(technologyLabel(c.Key, c.Technology)),
		strings.Join(cells, "<br>"))
	return nil
}

// mdEdits adds a word-level diff, deletions struck through, insertions bold.
func mdEdits(cells []string, name string, es []diff.Edit) []string {
	if len(es) == 0 {
		return cells
	}
	var b strings.Builder
	b.WriteString(name + ": ")
	for _, e := range es {
		text := mdEscape(e.Text)
		switch e.Op {
		case diff.OpDelete:
			b.WriteString("<del>" + text + "</del>")
		case diff.OpInsert:
			b.WriteString("<ins>" + text + "</ins>")
		default:
			b.WriteString(text)
		}
	}
	return append(cells, b.String())
}

// mdReplacer escapes text for a table cell: markdown's punctuation, the
// cell separator, HTML and line breaks (a lone CR ends a line in markdown
// too).
var mdReplacer = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "|", `\|`,
	"~", `\~`, "#", `\#`, "<", "&lt;", ">", "&gt;", "&", "&amp;", "\r\n", "<br>", "\n", "<br>",
	"\r", "<br>",
)

func mdEscape(s string) string { return mdReplacer.Replace(s) }

// mdCode writes s as inline code, which needs no escaping but of backticks;
// a cell separator or a line end in s needs escaping outside code.
func mdCode(s string) string {
	if strings.ContainsAny(s, "`|\r\n") {
		return mdEscape(s)
	}
	return "`" + s + "`"
}
