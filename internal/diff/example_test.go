package diff_test

import (
	"context"
	"fmt"

	"qx/internal/diff"
	"qx/internal/lint"
)

// Compare two single-file posture exports and list what regressed.
func Example() {
	old := lint.Expand([]string{"../../corpus/diff/kinds/old.xml"}, nil)
	new := lint.Expand([]string{"../../corpus/diff/kinds/new.xml"}, nil)
	sides, err := diff.Read(context.Background(), old, new, diff.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer sides.Close()
	if err := sides.Err(); err != nil {
		fmt.Println(err)
		return
	}
	res, err := sides.Compare()
	if err != nil {
		fmt.Println(err)
		return
	}
	defer res.Close()
	fmt.Println("regressed:", res.Summary.Kinds[diff.Regressed], "added:",
		res.Summary.Kinds[diff.Added])
	res.Each(diff.Regressed, func(c *diff.Change) error {
		fmt.Printf("%s %s: %s -> %s\n", c.Host.IP, c.Control.Statement, c.Old[0].Status,
			c.New[0].Status)
		return nil
	})
	fmt.Println("differs:", res.Differs(diff.FailRegressed))
	// Output:
	// regressed: 1 added: 2
	// 10.10.30.46 Status of the 'Clipbook' service: Passed -> Failed
	// differs: true
}
