// Package fuzz holds the fuzz targets of qx: the scanner, the validator with
// every format, and file handling, each checked against properties rather than
// for panics alone.
//
// The package has no code outside its tests; README.md in this directory says
// how to run each target and what it checks.
package fuzz
