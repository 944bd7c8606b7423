// Command qxgen writes generated compliance posture exports, single or as
// a pair with known changes, for tests and benchmarks.
//
// Usage:
//
//	qxgen (--records N | --size SIZE) [--seed S] [--shuffle] [--page-size N]
//	      [--doctype-system PATH] [-o FILE]
//	qxgen pair (--records N | --size SIZE) --old FILE --new FILE
//	      [--changes FILE] [--every N] [--interval D] [--shuffle-old] [--shuffle-new]
//
// Run qxgen --help or qxgen pair --help for every option.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
