// Command qxlint checks saved Qualys API 8.21.2 XML replies against the content
// models of their formats. Run qxlint --help for its flags.
package main

import (
	"os"

	"qx/internal/lintcmd"
)

func main() {
	os.Exit(lintcmd.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
