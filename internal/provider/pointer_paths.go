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

// schemesPointerPath maps a JSON Pointer into doc to the attribute that holds the value: /default/2 is
// default_operations, /users/3/operations/1 is user_schemes["<account of the fourth user scheme>"].
func schemesPointerPath(doc csumdoc.PermissionSchemes) func(string) path.Path {
	return func(pointer string) path.Path {
		segs := csumdoc.SplitPointer(pointer)
		if len(segs) == 0 {
			return path.Empty()
		}
		idx := -1
		if len(segs) > 1 {
			idx = atoiOr(segs[1], -1)
		}
		switch segs[0] {
		case "default":
			return path.Root("default_operations")
		case "users":
			if idx >= 0 && idx < len(doc.Users) {
				return path.Root("user_schemes").AtMapKey(doc.Users[idx].AccountID)
			}
			return path.Root("user_schemes")
		case "groups":
			if idx >= 0 && idx < len(doc.Groups) {
				return path.Root("group_schemes").AtMapKey(doc.Groups[idx].GroupID)
			}
			return path.Root("group_schemes")
		}
		return path.Root(strings.ToLower(segs[0]))
	}
}

func atoiOr(s string, fallback int) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return fallback
	}
	return n
}
