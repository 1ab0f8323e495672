package legacy

import (
	"fmt"
	"slices"
	"sort"

	"github.com/csum-tools/terraform-provider-csum/internal/csumdoc"
)

// warnFunc records a warning at a JSON Pointer into the file.
type warnFunc func(path, format string, args ...any)

// warnings collects a file's warnings.
type warnings []Warning

func (w *warnings) add(path, format string, args ...any) {
	*w = append(*w, Warning{Path: path, Message: fmt.Sprintf(format, args...)})
}

// warnUnknownKeys reports, in key order, every key of obj the reader does not understand.
func warnUnknownKeys(obj object, path string, warn warnFunc, known ...string) {
	warnUnknownKeysAt(obj, func() string { return path }, warn, known)
}

// warnUnknownKeysAt is warnUnknownKeys for a path built only when there is something to report.
func warnUnknownKeysAt(obj object, path func() string, warn warnFunc, known []string) {
	for _, m := range obj {
		if !slices.Contains(known, m.name) {
			warn(pointerJoin(path(), m.name), "not understood: the current app has no equivalent, so it was ignored")
		}
	}
}

// pointerJoin appends one escaped segment to a JSON Pointer.
func pointerJoin(path, segment string) string { return path + csumdoc.Pointer(segment) }

// sortWarnings orders warnings by path, keeping the order of those at the same path.
func sortWarnings(ws []Warning) {
	sort.SliceStable(ws, func(i, j int) bool { return ws[i].Path < ws[j].Path })
}

// warnBrokenRules reports every csumdoc static rule the documents break. The reader keeps the value, the app
// will not; settingsAt and schemesAt map a path in either document to the place in the file it came from.
func warnBrokenRules(s csumdoc.Settings, p csumdoc.PermissionSchemes, settingsAt, schemesAt func(string) string, warn warnFunc) {
	const advice = "; the current app refuses this, so fix it before applying"
	for _, problem := range s.Validate() {
		warn(settingsAt(problem.Path), "%s: %s%s", dottedName(problem.Path), problem.Message, advice)
	}
	for _, problem := range p.Validate() {
		warn(schemesAt(problem.Path), "permission schemes %s: %s%s", dottedName(problem.Path), problem.Message, advice)
	}
}
