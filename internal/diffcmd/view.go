package diffcmd

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"qx/internal/diff"
)

// view is what a renderer needs besides the result.
type view struct {
	cfg   config
	color bool
}

// A renderer writes a result in one format. Renderers only format: the
// verdict and every classification come from the result.
type renderer func(w *bufio.Writer, r *diff.Result, v view) error

var renderers = map[string]renderer{
	"text":     renderText,
	"markdown": renderMarkdown,
	"json":     renderJSON,
}

// useColor decides whether text output is coloured: always, never, or (auto)
// when stdout is a terminal and NO_COLOR is unset or empty.
func useColor(mode string, stdout io.Writer) bool {
	switch mode {
	case "always":
		return true
	case "never":
		return false
	}
	f, ok := stdout.(*os.File)
	if !ok || os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb" {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// sizeUnits are the suffixes --memory takes, longest first.
var sizeUnits = []struct {
	suffix string
	factor int64
}{
	{"KIB", 1 << 10}, {"MIB", 1 << 20}, {"GIB", 1 << 30},
	{"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9},
	{"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"B", 1},
}

// parseSize reads a size like 128MB, 1GiB or 64m. MB and GB are powers of
// ten, MiB, GiB and the bare letters powers of two.
func parseSize(s string) (int64, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	factor := int64(1)
	for _, u := range sizeUnits {
		if num, ok := strings.CutSuffix(t, u.suffix); ok {
			t, factor = strings.TrimSpace(num), u.factor
			break
		}
	}
	n, err := strconv.ParseFloat(t, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("%q is not a size like 128MB or 1GiB", s)
	}
	if n*float64(factor) > 1<<50 {
		return 0, errors.New("size too large")
	}
	return int64(n * float64(factor)), nil
}
