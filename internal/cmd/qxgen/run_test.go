package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"qx/internal/postgen"
)

func TestRunExitCodes(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "x.xml")
	tests := []struct {
		name   string
		args   []string
		want   int
		reason string
	}{
		{"help", []string{"--help"}, exitOK, "asking for help is not trouble"},
		{"pair help", []string{"pair", "-h"}, exitOK, "each command has its help"},
		{"no size", []string{"-o", out}, exitTrouble, "the export needs --records or --size"},
		{"both sizes", []string{"--records", "5", "--size", "1MB"}, exitTrouble,
			"--records and --size contradict each other"},
		{"bad size", []string{"--size", "lots"}, exitTrouble, "a size must be a number"},
		{"bad datetime", []string{"--records", "1", "--datetime", "2019-08-12"}, exitTrouble,
			"DATETIME is written with its time"},
		{"bad config", []string{"--records", "1", "--technologies", "99"}, exitTrouble,
			"the generator's own checks reach the exit code"},
		{"stray argument", []string{"--records", "1", "extra"}, exitTrouble,
			"an argument qxgen does not read is a mistake"},
		{"paged to stdout", []string{"--records", "10", "--page-size", "3"}, exitTrouble,
			"pages need a file name to number"},
		{"unwritable", []string{"--records", "1", "-o", filepath.Join(dir, "no", "x.xml")},
			exitTrouble, "an I/O error is trouble"},
		{"pair without files", []string{"pair", "--records", "10"}, exitTrouble,
			"a pair needs both file names"},
		{"export", []string{"--records", "10", "-o", out}, exitOK, "a plain export"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if got := run(tt.args, &stdout, &stderr); got != tt.want {
				t.Errorf("exit code %d, want %d; stderr:\n%s", got, tt.want, stderr.String())
			}
			if stdout.Len() > 0 {
				t.Errorf("unexpected output on stdout: %.100s", stdout.String())
			}
		})
	}
}

func TestRunExportMatchesLibrary(t *testing.T) {
	var stdout, stderr bytes.Buffer
	args := []string{"--records", "50", "--seed", "9", "--shuffle"}
	if code := run(args, &stdout, &stderr); code != exitOK {
		t.Fatalf("exit code %d: %s", code, stderr.String())
	}
	var want bytes.Buffer
	cfg := postgen.Config{Seed: 9, Records: 50, Shuffle: true}
	if err := postgen.Write(&want, cfg); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(stdout.Bytes(), want.Bytes()) {
		t.Error("qxgen output differs from postgen.Write with the same settings")
	}
}

func TestRunPages(t *testing.T) {
	dir := t.TempDir()
	var stderr bytes.Buffer
	args := []string{"--records", "25", "--page-size", "10", "-o", filepath.Join(dir, "p.xml")}
	if code := run(args, &bytes.Buffer{}, &stderr); code != exitOK {
		t.Fatalf("exit code %d: %s", code, stderr.String())
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if want := "p.1.xml p.2.xml p.3.xml"; strings.Join(got, " ") != want {
		t.Errorf("files %v, want %s", got, want)
	}
}

func TestRunPair(t *testing.T) {
	dir := t.TempDir()
	path := func(name string) string { return filepath.Join(dir, name) }
	var stderr bytes.Buffer
	args := []string{"pair", "--records", "2000", "--every", "100", "--shuffle-new",
		"--old", path("old.xml"), "--new", path("new.xml"), "--changes", path("c.json")}
	if code := run(args, &bytes.Buffer{}, &stderr); code != exitOK {
		t.Fatalf("exit code %d: %s", code, stderr.String())
	}
	data, err := os.ReadFile(path("c.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cs postgen.Changes
	if err := json.Unmarshal(data, &cs); err != nil {
		t.Fatal(err)
	}
	if len(cs.List) != 20*len(postgen.Kinds()) || cs.Counts[postgen.Flapped] != 20 {
		t.Errorf("%d changes, %d flapped; want %d and 20", len(cs.List), cs.Counts[postgen.Flapped],
			20*len(postgen.Kinds()))
	}
}

func TestParseSize(t *testing.T) {
	tests := []struct {
		in     string
		want   int64
		ok     bool
		reason string
	}{
		{"1GB", 1e9, true, "decimal units, as disks are sold"},
		{"20MB", 20e6, true, "the size of a quick benchmark run"},
		{"1GiB", 1 << 30, true, "binary units are read before their decimal look-alikes"},
		{"1.5gb", 1.5e9, true, "units ignore case and numbers may have a fraction"},
		{"512", 512, true, "a plain number is bytes"},
		{"300 KB", 300e3, true, "a space before the unit is allowed"},
		{"2M", 2e6, true, "a bare prefix is a decimal unit"},
		{"GB", 0, false, "a unit needs a number"},
		{"-1MB", 0, false, "a size cannot be negative"},
		{"1PB", 0, false, "unknown units are not guessed"},
		{"1e30", 0, false, "sizes must fit in int64"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := parseSize(tt.in)
			if (err == nil) != tt.ok || got != tt.want {
				t.Errorf("parseSize(%q) = %d, %v; want %d, ok %v", tt.in, got, err, tt.want, tt.ok)
			}
		})
	}
}

func TestPageName(t *testing.T) {
	tests := []struct {
		path   string
		p      int64
		pages  int64
		want   string
		reason string
	}{
		{"out.xml", 0, 3, "out.1.xml", "pages count from 1"},
		{"out.xml", 8, 12, "out.09.xml", "numbers are padded so names sort"},
		{"dir.v2/out", 0, 1, "dir.v2/out.1", "a dot in a directory is not an extension"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := pageName(tt.path, tt.p, tt.pages); got != tt.want {
				t.Errorf("pageName(%q, %d, %d) = %q, want %q",
					tt.path, tt.p, tt.pages, got, tt.want)
			}
		})
	}
}
