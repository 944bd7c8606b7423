package lintcmd

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"unicode/utf8"

	"qx/internal/scan"
)

// decodeStrict decodes one JSON object from data into v, refusing unknown
// fields, so a misspelt field is an error and not a silent no-op.
func decodeStrict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return fmt.Errorf("%v: %w", posAt(data, int(se.Offset)-1), err)
		}
		return err
	}
	if dec.More() {
		return errors.New("data after the top-level object")
	}
	return nil
}

// elementPositions returns the position of each element of the array that is
// the value of key in the top-level object of data, so findings about the
// elements (a stale suppression, a stale baseline entry) point at them.
func elementPositions(data []byte, key string) ([]scan.Pos, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, errors.New("not a JSON object")
	}
	var pos []scan.Pos
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			return nil, err
		}
		if k != key {
			if err := dec.Decode(new(json.RawMessage)); err != nil {
				return nil, err
			}
			continue
		}
		if pos, err = arrayPositions(dec, data); err != nil {
			return nil, err
		}
	}
	return pos, nil
}

// arrayPositions reads an array from dec and returns where each element
// starts.
func arrayPositions(dec *json.Decoder, data []byte) ([]scan.Pos, error) {
	if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
		return nil, errors.New("not a JSON array")
	}
	var pos []scan.Pos
	for dec.More() {
		off := int(dec.InputOffset())
		for off < len(data) && bytes.IndexByte([]byte(" \t\r\n,"), data[off]) >= 0 {
			off++
		}
		pos = append(pos, posAt(data, off))
		if err := dec.Decode(new(json.RawMessage)); err != nil {
			return nil, err
		}
	}
	_, err := dec.Token()
	return pos, err
}

// posAt returns the line and column (in characters) of byte offset off.
func posAt(data []byte, off int) scan.Pos {
	off = min(off, len(data))
	line := bytes.Count(data[:off], []byte{'\n'}) + 1
	start := bytes.LastIndexByte(data[:off], '\n') + 1
	return scan.Pos{Line: line, Col: utf8.RuneCount(data[start:off]) + 1}
}
