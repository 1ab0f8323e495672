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

// pointer builds a JSON Pointer from its segments, escaping '~' and '/' as RFC 6901 asks.
func pointer(segments ...any) string {
	var b strings.Builder
	for _, s := range segments {
		b.WriteByte('/')
		switch v := s.(type) {
		case int:
			b.WriteString(strconv.Itoa(v))
		case string:
			b.WriteString(strings.NewReplacer("~", "~0", "/", "~1").Replace(v))
		default:
			b.WriteString(fmt.Sprint(v))
		}
	}
	return b.String()
}

// Pointer is the exported form of pointer, for callers that report problems of their own.
func Pointer(segments ...any) string { return pointer(segments...) }

// SplitPointer returns the unescaped segments of a JSON Pointer.
func SplitPointer(p string) []string {
	if p == "" || p == "/" {
		return nil
	}
	parts := strings.Split(strings.TrimPrefix(p, "/"), "/")
	for i, s := range parts {
		parts[i] = strings.NewReplacer("~1", "/", "~0", "~").Replace(s)
	}
	return parts
}
