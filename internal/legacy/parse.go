package legacy

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"unicode/utf8"
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

const understoodFormats = `the reader understands "exportVersion": 1 (the deprecated CSUMCloud listing) and "formatVersion": 2 (the current app)`

// Parse reads an export file of either format. Errors are *Error.
func Parse(data []byte) (*Result, error) {
	if len(data) > MaxSize {
		return nil, failAt("", "the file has %d bytes; export files of at most %d bytes (10 MiB) are read", len(data), MaxSize)
	}
	data = bytes.TrimPrefix(data, utf8BOM)
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, failAt("", "the file is empty; expected an export document")
	}
	tree, err := decodeJSON(data)
	if err != nil {
		return nil, err
	}
	root, ok := tree.(object)
	if !ok {
		return nil, failAt("", "the file is %s, not an export document; %s", describe(tree), understoodFormats)
	}
	format, err := formatOf(root)
	if err != nil {
		return nil, err
	}
	var res *Result
	if format == 1 {
		res, err = readLegacy(root)
	} else {
		res, err = readCurrent(root)
	}
	if err != nil {
		return nil, err
	}
	sortWarnings(res.Warnings)
	return res, nil
}

// formatOf tells the two formats apart by their version keys.
func formatOf(root object) (int, *Error) {
	legacyVersion, isLegacy := root.get("exportVersion")
	currentVersion, isCurrent := root.get("formatVersion")
	switch {
	case isLegacy && isCurrent:
		return 0, failAt("", "the file has both exportVersion and formatVersion; %s", understoodFormats)
	case isLegacy:
		if n, ok := toInt(legacyVersion); !ok || n != 1 {
			return 0, failAt("/exportVersion", "unknown export version %s; %s", describe(legacyVersion), understoodFormats)
		}
		return 1, nil
	case isCurrent:
		if n, ok := currentVersion.(json.Number); !ok || n.String() != "2" {
			return 0, failAt("/formatVersion", "unknown format version %s; %s", describe(currentVersion), understoodFormats)
		}
		return 2, nil
	}
	return 0, failAt("", "no exportVersion or formatVersion key, so this is not an export file; %s", understoodFormats)
}

// decodeJSON decodes one JSON value, numbers kept as text, and places syntax errors by line and column.
// The fast decoder reads nearly every file; encoding/json reads the rest, and says what is wrong with them.
func decodeJSON(data []byte) (any, *Error) {
	if tree, ok := decodeTree(data); ok {
		return tree, nil
	}
	tree, err := decodeWithEncodingJSON(data)
	if err != nil {
		return nil, err
	}
	return withObjects(tree), nil
}

// decodeWithEncodingJSON decodes what the fast decoder gives up on, with maps for objects; its errors are
// those of encoding/json, placed in the file.
func decodeWithEncodingJSON(data []byte) (any, *Error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var tree any
	if err := dec.Decode(&tree); err != nil {
		var syntax *json.SyntaxError
		switch {
		case errors.As(err, &syntax):
			return nil, syntaxError(data, syntax.Offset-1, "not valid JSON: "+syntax.Error())
		case errors.Is(err, io.ErrUnexpectedEOF):
			return nil, syntaxError(data, int64(len(data)), "not valid JSON: the file ends in the middle of a value")
		default:
			return nil, syntaxError(data, dec.InputOffset(), "not valid JSON: "+err.Error())
		}
	}
	end := dec.InputOffset()
	if rest := bytes.TrimLeft(data[end:], " \t\r\n"); len(rest) > 0 {
		return nil, syntaxError(data, int64(len(data)-len(rest)), "not valid JSON: more data after the end of the document")
	}
	return tree, nil
}

// syntaxError places a message at a byte offset: 1-based line and column, the column counted in characters.
func syntaxError(data []byte, offset int64, msg string) *Error {
	offset = max(0, min(offset, int64(len(data))))
	before := data[:offset]
	lineStart := bytes.LastIndexByte(before, '\n') + 1
	return &Error{
		Line:    bytes.Count(before, []byte{'\n'}) + 1,
		Column:  utf8.RuneCount(before[lineStart:]) + 1,
		Message: msg,
	}
}
