// Command benchcheck compares the JSON output of qxdiff with the changes file
// qxgen pair wrote for the same pair, for internal/bench/bench.sh. It prints
// one line saying whether they match exactly, and exits 1 when they do not.
//
// Usage:
//
//	benchcheck QXDIFF.json CHANGES.json
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// qxdiffOutput is the part of qxdiff's JSON output compared.
type qxdiffOutput struct {
	Summary struct {
		OldRecords int64 `json:"old_records"`
		NewRecords int64 `json:"new_records"`
		Unchanged  int64 `json:"unchanged"`
	} `json:"summary"`
	Changes []struct {
		Kind, Host, Control, Technology, Instance string
	} `json:"changes"`
}

// generated is the part of qxgen's changes file compared.
type generated struct {
	OldRecords int64 `json:"old_records"`
	NewRecords int64 `json:"new_records"`
	Unchanged  int64 `json:"unchanged"`
	Changes    []struct {
		HostID       int64  `json:"host_id"`
		ControlID    int64  `json:"control_id"`
		TechnologyID int64  `json:"technology_id"`
		Instance     string `json:"instance"`
		Kind         string `json:"kind"`
	} `json:"changes"`
}

// run compares the two files and reports.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) != 2 {
		fmt.Fprintln(stderr, "usage: benchcheck QXDIFF.json CHANGES.json")
		return 2
	}
	var got qxdiffOutput
	var want generated
	if err := load(args[0], &got); err != nil {
		fmt.Fprintf(stderr, "benchcheck: %v\n", err)
		return 2
	}
	if err := load(args[1], &want); err != nil {
		fmt.Fprintf(stderr, "benchcheck: %v\n", err)
		return 2
	}
	var g, w []string
	for _, c := range got.Changes {
		g = append(g, c.Kind+" "+c.Host+"/"+c.Control+"/"+c.Technology+"/"+c.Instance)
	}
	for _, c := range want.Changes {
		w = append(w, c.Kind+" "+strconv.FormatInt(c.HostID, 10)+"/"+
			strconv.FormatInt(c.ControlID, 10)+"/"+strconv.FormatInt(c.TechnologyID, 10)+"/"+
			c.Instance)
	}
	slices.Sort(g)
	slices.Sort(w)
	s := got.Summary
	if slices.Equal(g, w) && s.OldRecords == want.OldRecords && s.NewRecords == want.NewRecords &&
		s.Unchanged == want.Unchanged {
		fmt.Fprintf(stdout, "changes  %d found, %d made: matched exactly\n", len(g), len(w))
		return 0
	}
	fmt.Fprintf(stdout, "changes  %d found, %d made: MISMATCH (first differences below)\n",
		len(g), len(w))
	report(stdout, g, w)
	return 1
}

func load(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// report prints up to ten changes found but not made and made but not found.
func report(w io.Writer, got, want []string) {
	n := 0
	for _, c := range got {
		if _, ok := slices.BinarySearch(want, c); !ok && n < 10 {
			fmt.Fprintf(w, "  found, not made: %s\n", c)
			n++
		}
	}
	for _, c := range want {
		if _, ok := slices.BinarySearch(got, c); !ok && n < 20 {
			fmt.Fprintf(w, "  made, not found: %s\n", c)
			n++
		}
	}
}
