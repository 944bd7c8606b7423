// Command qxdiff reports what changed in compliance posture between two saved
// Qualys exports. Run qxdiff --help for its flags.
package main

import (
	"os"

	"qx/internal/diffcmd"
)

func main() {
	os.Exit(diffcmd.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
