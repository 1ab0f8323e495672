package legacy

import (
	"fmt"

	"github.com/csum-tools/terraform-provider-csum/internal/csumdoc"
)

// MaxSize is the largest export file the reader accepts, in bytes.
const MaxSize = 10 << 20

// Result is what an export file holds, in the current documents' terms.
type Result struct {
	Format                    int // 1 (legacy CSUMCloud) or 2 (current app)
	Settings                  csumdoc.Settings
	PermissionSchemes         csumdoc.PermissionSchemes
	LegacyPrivilegedUserEmail string // "" when the file names none
	Warnings                  []Warning
}

// Warning is something the reader did not carry over as it was, at a JSON Pointer into the file.
type Warning struct {
	Path    string
	Message string
}

func (w Warning) String() string { return pathed(w.Path, w.Message) }

// Error says why a file cannot be read. Line and Column (1-based) are set for JSON syntax errors, Path (a
// JSON Pointer into the file) for values the reader refuses.
type Error struct {
	Path    string
	Line    int
	Column  int
	Message string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("line %d, column %d: %s", e.Line, e.Column, e.Message)
	}
	return pathed(e.Path, e.Message)
}

func pathed(path, msg string) string {
	if path == "" {
		return msg
	}
	return path + ": " + msg
}

func failAt(path, format string, args ...any) *Error {
	return &Error{Path: path, Message: fmt.Sprintf(format, args...)}
}
