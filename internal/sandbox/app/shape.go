package app

import (
	"encoding/json"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/csum-tools/terraform-provider-csum/internal/csumdoc"
)

// shapeProblems compares a JSON value (decoded with UseNumber) with the shape of the Go type t, read from
// its json tags, and lists every unknown field, every missing field and every value of the wrong kind with
// its JSON Pointer. Decoding straight into the struct cannot do this: it stops at the first unknown field
// and silently defaults missing ones, while a PUT replaces a document whole and must name every mistake.
// A field tagged omitempty is optional; a pointer field also accepts null.
func shapeProblems(v any, t reflect.Type) csumdoc.Problems {
	var p csumdoc.Problems
	checkShape(&p, "", v, t)
	return p
}

func checkShape(p *csumdoc.Problems, path string, v any, t reflect.Type) {
	if t.Kind() == reflect.Pointer {
		if v == nil {
			return
		}
		t = t.Elem()
	}
	want, ok := kindMatches(v, t)
	if !ok {
		*p = append(*p, csumdoc.Problem{Path: path, Message: "must be " + want + ", not " + jsonKind(v)})
		return
	}
	switch value := v.(type) {
	case map[string]any:
		checkObject(p, path, value, t)
	case []any:
		for i, item := range value {
			checkShape(p, path+csumdoc.Pointer(i), item, t.Elem())
		}
	}
}

// kindMatches reports whether v is the JSON kind that t decodes from, and names that kind.
func kindMatches(v any, t reflect.Type) (string, bool) {
	switch t.Kind() {
	case reflect.Struct:
		_, ok := v.(map[string]any)
		return "an object", ok
	case reflect.Slice:
		_, ok := v.([]any)
		return "an array", ok
	case reflect.String:
		_, ok := v.(string)
		return "a string", ok
	case reflect.Bool:
		_, ok := v.(bool)
		return "a boolean", ok
	case reflect.Int, reflect.Int32, reflect.Int64:
		n, ok := v.(json.Number)
		if !ok {
			return "an integer", false
		}
		_, err := strconv.ParseInt(string(n), 10, t.Bits())
		return "an integer", err == nil
	}
	return t.Kind().String(), false
}

func checkObject(p *csumdoc.Problems, path string, obj map[string]any, t reflect.Type) {
	known := map[string]bool{}
	for i := range t.NumField() {
		f := t.Field(i)
		name, optional := jsonName(f)
		if name == "" {
			continue
		}
		known[name] = true
		fieldPath := path + csumdoc.Pointer(name)
		value, present := obj[name]
		switch {
		case present:
			checkShape(p, fieldPath, value, f.Type)
		case !optional:
			*p = append(*p, csumdoc.Problem{Path: fieldPath, Message: "is required"})
		}
	}
	var unknown []string
	for name := range obj {
		if !known[name] {
			unknown = append(unknown, name)
		}
	}
	sort.Strings(unknown)
	for _, name := range unknown {
		*p = append(*p, csumdoc.Problem{Path: path + csumdoc.Pointer(name), Message: "unknown field"})
	}
}

// jsonName returns a field's JSON name ("" when it is not serialised) and whether it is optional.
func jsonName(f reflect.StructField) (string, bool) {
	if !f.IsExported() {
		return "", false
	}
	tag := f.Tag.Get("json")
	if tag == "-" {
		return "", false
	}
	name, opts, _ := strings.Cut(tag, ",")
	if name == "" {
		name = f.Name
	}
	return name, strings.Contains(","+opts+",", ",omitempty,")
}

func jsonKind(v any) string {
	switch value := v.(type) {
	case nil:
		return "null"
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case json.Number:
		return "the number " + value.String()
	}
	return "an unexpected value"
}
