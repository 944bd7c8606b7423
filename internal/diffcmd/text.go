package diffcmd

import (
	"bufio"
	"errors"
	"fmt"
	"strings"

	"qx/internal/diff"
)

// ANSI colours of the text output.
const (
	red    = "\x1b[31m"
	green  = "\x1b[32m"
	yellow = "\x1b[33m"
	bold   = "\x1b[1m"
	reset  = "\x1b[0m"
)

// kindColors colour the section headings of kinds that need attention.
var kindColors = map[diff.Kind]string{
	diff.Regressed: red, diff.ToError: red, diff.Fixed: green, diff.FromError: green,
	diff.Flapped: yellow, diff.Inconsistent: yellow, diff.Duplicate: yellow,
}

// errLimit stops listing a kind at --limit.
var errLimit = errors.New("limit reached")

// textOut writes the text format.
type textOut struct {
	w     *bufio.Writer
	r     *diff.Result
	v     view
	host  string // the host of the last change listed
	ctl   string // the control of the last change listed
	count int
}

func renderText(w *bufio.Writer, r *diff.Result, v view) error {
	t := &textOut{w: w, r: r, v: v}
	t.header()
	t.hosts()
	for _, k := range diff.Kinds() {
		if err := t.kind(k); err != nil {
			return err
		}
	}
	return nil
}

// paint colours s when colour is on.
func (t *textOut) paint(color, s string) string {
	if !t.v.color || color == "" {
		return s
	}
	return color + s + reset
}

// header names the sides and accounts for their records.
func (t *textOut) header() {
	r := t.r
	for i, s := range []diff.SideInfo{r.Old, r.New} {
		fmt.Fprintf(t.w, "%s  %s  captured %s  (%v)\n", diff.Side(i), filesText(s),
			capturedText(s), r.Format)
	}
	for _, line := range accounts(&r.Summary) {
		fmt.Fprintln(t.w, line)
	}
	fmt.Fprintf(t.w, "changes: %s\n", countsText(r.Summary.Kinds))
	if filtered(t.v.cfg.filter) {
		fmt.Fprintf(t.w, "shown (%s): %s\n", filterText(t.v.cfg.filter),
			countsText(r.Summary.Shown))
	}
	fmt.Fprintf(t.w, "posture worse: %d (regressed, to_error, added Failed or Error)\n",
		r.Summary.Worse)
}

// countsText lists the non-zero counts of kinds.
func countsText(counts [diff.NumKinds]int64) string {
	var parts []string
	for _, k := range diff.Kinds() {
		if counts[k] > 0 {
			parts = append(parts, fmt.Sprintf("%v %d", k, counts[k]))
		}
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}

func filtered(f diff.Filter) bool {
	return len(f.Kinds)+len(f.Hosts)+len(f.Controls)+len(f.Criticalities) > 0
}

// filterText describes a filter.
func filterText(f diff.Filter) string {
	var parts []string
	if len(f.Kinds) > 0 {
		var ks []string
		for _, k := range f.Kinds {
			ks = append(ks, k.String())
		}
		parts = append(parts, "kind "+strings.Join(ks, ","))
	}
	for _, p := range []struct {
		name string
		list []string
	}{{"host", f.Hosts}, {"control", f.Controls}, {"criticality", f.Criticalities}} {
		if len(p.list) > 0 {
			parts = append(parts, p.name+" "+strings.Join(p.list, ","))
		}
	}
	return strings.Join(parts, "; ")
}

// grown returns the hosts whose failing records grew, at most top of them.
func grown(r *diff.Result, top int) (shown []diff.HostDelta, all int) {
	for i := range r.Hosts {
		if r.Hosts[i].Growth() <= 0 {
			break
		}
		all++
		if top == 0 || len(shown) < top {
			shown = append(shown, r.Hosts[i])
		}
	}
	return shown, all
}

// hosts lists the hosts whose failing records grew, most first.
func (t *textOut) hosts() {
	hs, all := grown(t.r, t.v.cfg.top)
	if all == 0 {
		return
	}
	fmt.Fprintf(t.w, "\nhosts whose failing records grew: %d\n", all)
	for _, h := range hs {
		fmt.Fprintf(t.w, "  %s  %s  failed %d -> %d  (%s)\n", t.paint(red, fmt.Sprintf("%+d",
			h.Growth())), hostLabel(h.Host, h.Name), h.OldFailed, h.NewFailed,
			countsText(h.Kinds))
	}
	if len(hs) < all {
		fmt.Fprintf(t.w, "  ... and %d more (--top)\n", all-len(hs))
	}
}

// kind lists the shown changes of kind k, grouped by host and control.
func (t *textOut) kind(k diff.Kind) error {
	n := t.r.Summary.Shown[k]
	if n == 0 {
		return nil
	}
	fmt.Fprintf(t.w, "\n%s (%d): %s\n", t.paint(bold+kindColors[k], k.String()), n,
		kindTitles[k])
	t.host, t.ctl, t.count = "", "", 0
	err := t.r.Each(k, t.change)
	if errors.Is(err, errLimit) {
		fmt.Fprintf(t.w, "  ... and %d more (--limit)\n", n-int64(t.count))
		return nil
	}
	return err
}

// change lists one change.
func (t *textOut) change(c *diff.Change) error {
	if t.v.cfg.limit > 0 && t.count == t.v.cfg.limit {
		return errLimit
	}
	t.count++
	if c.Key.Host != t.host {
		t.host, t.ctl = c.Key.Host, ""
		fmt.Fprintf(t.w, "  %s\n", hostLabel(c.Key.Host, c.Host))
	}
	if c.Key.Control != t.ctl {
		t.ctl = c.Key.Control
		fmt.Fprintf(t.w, "    %s\n", controlLabel(c.Key.Control, c.Control))
	}
	fmt.Fprintf(t.w, "      %s: %s\n", technologyLabel(c.Key, c.Technology),
		detail(c, t.r.Format))
	if a := also(c); len(a) > 0 {
		fmt.Fprintf(t.w, "        also: %s\n", strings.Join(a, ", "))
	}
	if c.Kind == diff.Duplicate {
		t.records(c)
	}
	for _, n := range c.Notes {
		fmt.Fprintf(t.w, "        %s %s [%s]\n", t.paint(yellow, "!"), n.Msg, n.ID)
	}
	t.edits("remediation", c.RemediationDiff)
	t.edits("evidence", c.EvidenceDiff)
	return nil
}

// controlLabel names a control by its ID, criticality and statement.
func controlLabel(id string, c diff.ControlName) string {
	parts := []string{id}
	if c.Criticality != "" {
		parts = append(parts, c.Criticality)
	}
	if c.Statement != "" {
		parts = append(parts, c.Statement)
	}
	return strings.Join(parts, " ")
}

// records lists every record of a duplicate key with its place.
func (t *textOut) records(c *diff.Change) {
	for i, rs := range [][]diff.Record{c.Old, c.New} {
		for _, r := range rs {
			fmt.Fprintf(t.w, "        %v %v: %s%s\n", diff.Side(i), r.Pos, status(r.Status),
				since(&r))
		}
	}
}

// edits writes a word-level diff as [-deleted-]{+inserted+}.
func (t *textOut) edits(name string, es []diff.Edit) {
	if len(es) == 0 {
		return
	}
	var b strings.Builder
	for _, e := range es {
		switch e.Op {
		case diff.OpDelete:
			b.WriteString(t.paint(red, "[-"+e.Text+"-]"))
		case diff.OpInsert:
			b.WriteString(t.paint(green, "{+"+e.Text+"+}"))
		default:
			b.WriteString(e.Text)
		}
	}
	text := strings.ReplaceAll(strings.TrimRight(b.String(), "\n"), "\n", "\n          ")
	fmt.Fprintf(t.w, "        %s: %s\n", name, text)
}
