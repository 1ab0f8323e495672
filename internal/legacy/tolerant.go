package legacy

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/csum-tools/terraform-provider-csum/internal/csumdoc"
)

// The deprecated app stored form values as the browser sent them; these readers accept every form
// FORMAT.md lists for format 1, and nothing else.

// toBool accepts a JSON boolean or yes/no, true/false, on/off in any letter case.
func toBool(v any) (bool, bool) {
	switch b := v.(type) {
	case bool:
		return b, true
	case string:
		switch lowerWord(strings.TrimSpace(b)) {
		case "yes", "true", "on":
			return true, true
		case "no", "false", "off":
			return false, true
		}
	}
	return false, false
}

// lowerWord is strings.ToLower(s), without the allocation ToLower makes for a word in capitals ("Yes"). A
// string of a word's length that folds to it is ASCII, so it lowers to that word.
func lowerWord(s string) string {
	for _, word := range [...]string{"yes", "true", "on", "no", "false", "off"} {
		if len(s) == len(word) && strings.EqualFold(s, word) {
			return word
		}
	}
	return strings.ToLower(s)
}

// toInt accepts a whole JSON number or a decimal string, spaces around it allowed.
func toInt(v any) (int64, bool) {
	var text string
	switch n := v.(type) {
	case json.Number:
		text = n.String()
	case string:
		text = strings.TrimSpace(n)
	default:
		return 0, false
	}
	i, err := strconv.ParseInt(text, 10, 64)
	if err != nil {
		return 0, false
	}
	return i, true
}

// toIDs accepts a JSON array of IDs or of {groupId, groupName} objects, or a comma-separated string.
// Blank items are dropped. On failure it returns the path of the offending value and why.
func toIDs(v any, path string, warn warnFunc) ([]string, *Error) {
	switch list := v.(type) {
	case string:
		return splitIDs(list), nil
	case []any:
		ids := make([]string, 0, len(list))
		for i, item := range list {
			id, err := toID(item, path+"/"+strconv.Itoa(i), warn)
			if err != nil {
				return nil, err
			}
			if id != "" {
				ids = append(ids, id)
			}
		}
		return ids, nil
	}
	return nil, failAt(path, "must be a list of group IDs (an array, or IDs separated by commas), not %s", describe(v))
}

func splitIDs(s string) []string {
	var ids []string
	for _, part := range strings.Split(s, ",") {
		if id := strings.TrimSpace(part); id != "" {
			ids = append(ids, id)
		}
	}
	return ids
}

// toID reads one list item: an ID string or a {groupId, groupName} object, whose name is informational.
func toID(v any, path string, warn warnFunc) (string, *Error) {
	switch item := v.(type) {
	case string:
		return strings.TrimSpace(item), nil
	case object:
		return groupRef(item, path, warn)
	}
	return "", failAt(path, "must be a group ID or a {\"groupId\", \"groupName\"} object, not %s", describe(v))
}

func groupRef(obj object, path string, warn warnFunc) (string, *Error) {
	warnUnknownKeys(obj, path, warn, "groupId", "groupName")
	value, _ := obj.get("groupId")
	id, ok := value.(string)
	if !ok {
		return "", failAt(path+"/groupId", "must be a group ID string, not %s", describe(value))
	}
	return strings.TrimSpace(id), nil
}

// spaceKeyToken matches the ways the deprecated app let admins write the space key placeholder.
var spaceKeyToken = regexp.MustCompile(`(?i)\$?\{spacekey\}|spacekey`)

// normalisePatternPart rewrites {SPACEKEY}, ${SPACEKEY} and spacekey (any case) to csumdoc.SpaceKeyToken.
func normalisePatternPart(s string) string {
	return spaceKeyToken.ReplaceAllLiteralString(s, csumdoc.SpaceKeyToken)
}

// describe names a value of the wrong kind for an error message; strings are quoted and shortened.
func describe(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return strconv.FormatBool(x)
	case json.Number:
		return shorten(x.String())
	case string:
		return strconv.Quote(shorten(x))
	case []any:
		return "an array"
	case object:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}

func shorten(s string) string {
	const limit = 40
	if len(s) <= limit {
		return s
	}
	cut := limit
	for cut > 0 && !isRuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }
