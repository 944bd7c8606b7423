package diff

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
)

// A spool keeps the changes of one kind, in key order, as the entries of
// their records: in memory while the spools of a comparison stay within
// their share of the budget, then in a temporary file.
type spool struct {
	mem  []byte
	file *os.File
	n    int64
}

// group is the entries of one key on each side.
type group struct {
	old, new []entry
}

// add appends a group.
func (sp *spool) add(g *group) {
	sp.mem = binary.AppendUvarint(sp.mem, uint64(len(g.old)))
	sp.mem = binary.AppendUvarint(sp.mem, uint64(len(g.new)))
	for _, es := range [][]entry{g.old, g.new} {
		for _, e := range es {
			sp.mem = appendBytes(sp.mem, e)
		}
	}
	sp.n++
}

// spill moves the groups held in memory to the spool's file.
func (sp *spool) spill(tmp *tempDir) error {
	if len(sp.mem) == 0 {
		return nil
	}
	if sp.file == nil {
		f, err := tmp.create()
		if err != nil {
			return err
		}
		sp.file = f
	}
	if _, err := sp.file.Write(sp.mem); err != nil {
		return fmt.Errorf("writing changes to a temporary file: %w", err)
	}
	sp.mem = sp.mem[:0]
	return nil
}

// each calls fn with every group, in the order added. The group is valid
// until fn returns.
func (sp *spool) each(fn func(*group) error) error {
	if sp.file != nil {
		if _, err := sp.file.Seek(0, io.SeekStart); err != nil {
			return fmt.Errorf("reading back changes: %w", err)
		}
		r := bufio.NewReaderSize(sp.file, 256<<10)
		if err := readGroups(r, fn); err != nil {
			return err
		}
		if _, err := sp.file.Seek(0, io.SeekEnd); err != nil {
			return fmt.Errorf("reading back changes: %w", err)
		}
	}
	return readGroups(bufio.NewReader(bytes.NewReader(sp.mem)), fn)
}

// readGroups decodes groups from r until its end.
func readGroups(r *bufio.Reader, fn func(*group) error) error {
	var g group
	var buf []byte
	var ends []int
	for {
		no, err := binary.ReadUvarint(r)
		if errors.Is(err, io.EOF) {
			return nil
		}
		nn, err2 := binary.ReadUvarint(r)
		if err = errors.Join(err, err2); err != nil {
			return fmt.Errorf("reading back changes: %w", err)
		}
		if buf, ends, err = readEntries(r, int(no+nn), buf[:0], ends[:0]); err != nil {
			return err
		}
		g.old, g.new = g.old[:0], g.new[:0]
		start := 0
		for i, end := range ends {
			if uint64(i) < no {
				g.old = append(g.old, entry(buf[start:end]))
			} else {
				g.new = append(g.new, entry(buf[start:end]))
			}
			start = end
		}
		if err := fn(&g); err != nil {
			return err
		}
	}
}

// readEntries appends n length-prefixed entries from r to buf, and where each
// ends to ends.
func readEntries(r *bufio.Reader, n int, buf []byte, ends []int) ([]byte, []int, error) {
	for range n {
		size, err := binary.ReadUvarint(r)
		if err == nil && size > maxArena {
			err = errBadEntry
		}
		if err == nil {
			start := len(buf)
			buf = slices.Grow(buf, int(size))[:start+int(size)]
			_, err = io.ReadFull(r, buf[start:])
		}
		if err != nil {
			return nil, nil, fmt.Errorf("reading back changes: %w", err)
		}
		ends = append(ends, len(buf))
	}
	return buf, ends, nil
}

func (sp *spool) close() {
	if sp.file != nil {
		sp.file.Close()
		sp.file = nil
	}
}
