package validate

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"qx/internal/scan"
)

// recorder reports a finding for every token it sees, so the findings show
// which tokens reached it and in what order.
type recorder struct{ finished bool }

func (r *recorder) Token(t *scan.Token, report func(Finding)) {
	report(Finding{Pos: t.Pos, Severity: Warning, ID: "seen",
		Msg: fmt.Sprintf("%d %s %s %v", t.Kind, t.Name, t.Data, t.Attrs)})
}

func (r *recorder) Finish(complete bool, report func(Finding)) { r.finished = complete }

// TestConcurrent checks that an observer behind Concurrent sees the same tokens,
// in the same order, as one called directly, across many batches.
func TestConcurrent(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<R>`)
	for i := range 20000 {
		fmt.Fprintf(&b, `<ITEM kind="a" n="%d"><ID>%d</ID><NOTE>%s</NOTE></ITEM>`, i, i,
			strings.Repeat("x", i%300))
	}
	b.WriteString(`</R>`)
	doc := b.String()
	run := func(wrap func(Observer) Observer) (Result, *recorder) {
		rec := &recorder{}
		res, err := Validate(strings.NewReader(doc), Options{Observers: []Observer{wrap(rec)}})
		if err != nil {
			t.Fatal(err)
		}
		return res, rec
	}
	direct, rec1 := run(func(o Observer) Observer { return o })
	conc, rec2 := run(Concurrent)
	if diff := cmp.Diff(direct.Findings, conc.Findings); diff != "" {
		t.Errorf("findings differ (-direct +concurrent):\n%.3000s", diff)
	}
	if len(direct.Findings) < 20000*6 || !rec1.finished || !rec2.finished {
		t.Errorf("got %d findings, finished %v %v: the observer missed tokens",
			len(direct.Findings), rec1.finished, rec2.finished)
	}
	if Unwrap(Concurrent(rec1)) != Observer(rec1) || Unwrap(rec1) != Observer(rec1) {
		t.Error("Unwrap must return the wrapped observer")
	}
}
