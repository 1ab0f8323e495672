package csumdoc

import (
	"fmt"
	"strconv"
	"strings"
)

// Problem is one broken rule, at a JSON Pointer into the document that broke it.
type Problem struct {
	Path    string `json:"path"`
	Message string `json:"message"`
}

// Problems collects every broken rule of a document, so that all are reported at once.
type Problems []Problem

func (p *Problems) add(path, format string, args ...any) {
	*p = append(*p, Problem{Path: path, Message: fmt.Sprintf(format, args...)})
}

// Built once: a Replacer compiles its table on first use, and pointers are built for every scheme of a
// document.
var (
	pointerEscaper   = strings.NewReplacer("~", "~0", "/", "~1")
	pointerUnescaper = strings.NewReplacer("~1", "/", "~0", "~")
)

// pointer builds a JSON Pointer from its segments, escaping '~' and '/' as RFC 6901 asks.
func pointer(segments ...any) string {
	var b strings.Builder
	for _, s := range segments {
		b.WriteByte('/')
		switch v := s.(type) {
		case int:
			b.WriteString(strconv.Itoa(v))
		case string:
			b.WriteString(pointerEscaper.Replace(v))
		default:
			fmt.Fprint(&b, v)
		}
	}
	return b.String()
}

// Pointer is the exported form of pointer, for callers that report problems of their own.
func Pointer(segments ...any) string { return pointer(segments...) }

// SplitPointer returns the unescaped segments of a JSON Pointer. "" is the whole document (no segments);
// "/" is the member named "" (RFC 6901), which Pointer("") builds.
func SplitPointer(p string) []string {
	if p == "" {
		return nil
	}
	parts := strings.Split(strings.TrimPrefix(p, "/"), "/")
	for i, s := range parts {
		parts[i] = pointerUnescaper.Replace(s)
	}
	return parts
}
