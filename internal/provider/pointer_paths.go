package provider

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/csum-tools/terraform-provider-csum/internal/csumdoc"
)

// snakeCase turns a JSON field name of the API (groupNameRegex) into the attribute name (group_name_regex).
func snakeCase(s string) string {
	var b strings.Builder
	for i, r := range s {
		if unicode.IsUpper(r) {
			if i > 0 {
				b.WriteByte('_')
			}
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// settingsPointerPath maps a JSON Pointer into the settings document to the attribute that holds the value.
// Elements of sets have no index in Terraform, so a pointer to a list element stops at the set.
func settingsPointerPath(pointer string) path.Path {
	segs := csumdoc.SplitPointer(pointer)
	if len(segs) == 0 {
		return path.Empty()
	}
	p := path.Root(snakeCase(segs[0]))
	for _, s := range segs[1:] {
		if _, err := strconv.Atoi(s); err == nil {
			break
		}
		p = p.AtName(snakeCase(s))
	}
	return p
}
