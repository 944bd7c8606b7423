package main

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// sizeUnits are the suffixes --size accepts, longest first so that "GiB"
// is not read as "B".
var sizeUnits = []struct {
	suffix string
	factor float64
}{
	{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"TiB", 1 << 40},
	{"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"TB", 1e12},
	{"K", 1e3}, {"M", 1e6}, {"G", 1e9}, {"T", 1e12},
	{"B", 1},
}

// parseSize reads a size such as 20MB, 1.5GB or 1GiB (case does not
// matter; a plain number is bytes).
func parseSize(s string) (int64, error) {
	num, factor := strings.TrimSpace(s), 1.0
	for _, u := range sizeUnits {
		if len(num) > len(u.suffix) && strings.EqualFold(num[len(num)-len(u.suffix):], u.suffix) {
			num, factor = strings.TrimSpace(num[:len(num)-len(u.suffix)]), u.factor
			break
		}
	}
	v, err := strconv.ParseFloat(num, 64)
	if err != nil || v < 0 || math.IsInf(v, 0) || math.IsNaN(v) || v*factor >= math.MaxInt64 {
		return 0, fmt.Errorf("size %q is not a number of bytes with an optional unit "+
			"(KB, MB, GB, MiB, ...)", s)
	}
	return int64(v * factor), nil
}
