package legacy

import (
	"fmt"
	"strings"
	"testing"
)

// TestAPITokenNeverLeaves checks that a token in the file reaches neither the result, its warnings, its
// export nor any error, whether the rest of the file reads or not.
func TestAPITokenNeverLeaves(t *testing.T) {
	const token = "ATATT3xFfGF0-TOKEN-MUST-NOT-LEAK-9fQ"
	files := map[string]string{
		"valid file":             `{"exportVersion": 1, "privilegedUser": {"email": "bot@example.com", "apiToken": "` + token + `"}}`,
		"token only":             `{"exportVersion": 1, "privilegedUser": {"apiToken": "` + token + `"}}`,
		"token in an object":     `{"exportVersion": 1, "privilegedUser": {"apiToken": {"value": "` + token + `"}}}`,
		"token as a number-ish":  `{"exportVersion": 1, "privilegedUser": {"apiToken": ["` + token + `", 5]}}`,
		"later wrong kind":       `{"exportVersion": 1, "privilegedUser": {"apiToken": "` + token + `"}, "globalSettings": {"maxUserIdsPerAction": "lots"}}`,
		"wrong email after it":   `{"exportVersion": 1, "privilegedUser": {"apiToken": "` + token + `", "email": 5}}`,
		"syntax error after it":  `{"exportVersion": 1, "privilegedUser": {"apiToken": "` + token + `" "email": "x"}}`,
		"truncated after it":     `{"exportVersion": 1, "privilegedUser": {"apiToken": "` + token + `"`,
		"unknown version":        `{"exportVersion": 9, "privilegedUser": {"apiToken": "` + token + `"}}`,
		"in a current file":      currentFile(`"formatVersion": 2,`, `"formatVersion": 2, "privilegedUser": {"apiToken": "`+token+`"},`),
		"privileged user string": `{"exportVersion": 1, "privilegedUser": "` + token + `"}`,
	}
	for name, file := range files {
		t.Run(name, func(t *testing.T) {
			res, err := Parse([]byte(file))
			var seen strings.Builder
			if err != nil {
				fmt.Fprintf(&seen, "%v %#v", err, err)
			}
			if res != nil {
				fmt.Fprintf(&seen, "%#v", res)
				out, exportErr := res.ExportJSON()
				if exportErr != nil {
					t.Fatal(exportErr)
				}
				seen.Write(out)
			}
			if strings.Contains(seen.String(), token) || strings.Contains(seen.String(), token[:12]) {
				t.Fatalf("the token leaked: %s", seen.String())
			}
			if seen.Len() == 0 {
				t.Fatal("neither a result nor an error to check")
			}
		})
	}
}
