package httpx

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// ErrNotFound matches (errors.Is) every error that means the thing asked for does not exist: an
// APIError with status 404, and the typed not-found errors of the clients built on this package.
var ErrNotFound = errors.New("not found")

// Detail is one problem the server reported, at a JSON Pointer into the request document when it gave one.
type Detail struct {
	Path    string
	Message string
}

// APIError is a non-2xx answer, parsed from whichever error body the server used.
type APIError struct {
	Status       int
	Method, Path string
	// Code is the machine-readable code when the body has one (CSUM "VALIDATION_FAILED", Confluence v2
	// "NOT_FOUND", or the short Java exception name a Confluence v1 message starts with).
	Code    string
	Message string
	Details []Detail
	// RetryAfter is the server's Retry-After, when it sent one.
	RetryAfter time.Duration
}

// Error reads like "POST /wiki/rest/api/group: 403 Forbidden: <server's message>", followed by any details.
func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: %d %s", e.Method, e.Path, e.Status, http.StatusText(e.Status))
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	for _, d := range e.Details {
		b.WriteString("; ")
		if d.Path != "" {
			b.WriteString(d.Path)
			b.WriteString(": ")
		}
		b.WriteString(d.Message)
	}
	if e.Status == http.StatusUnauthorized {
		b.WriteString(" (check the configured credentials)")
	}
	if e.RetryAfter > 0 {
		fmt.Fprintf(&b, " (retry after %s)", e.RetryAfter)
	}
	return b.String()
}

// Is lets errors.Is(err, ErrNotFound) match a 404.
func (e *APIError) Is(target error) bool {
	return target == ErrNotFound && e.Status == http.StatusNotFound
}

// IsNotFound reports whether err means the requested thing does not exist.
func IsNotFound(err error) bool { return errors.Is(err, ErrNotFound) }

// IsStatus reports whether err is, or wraps, an APIError with the given HTTP status.
func IsStatus(err error, status int) bool {
	var apiErr *APIError
	return errors.As(err, &apiErr) && apiErr.Status == status
}

// OutcomeUnknownError means a write was sent but its answer was lost (connection reset, timeout,
// cancellation): it may or may not have been applied. It is never retried; re-read to find out.
type OutcomeUnknownError struct {
	Method, Path string
	Err          error
}

func (e *OutcomeUnknownError) Error() string {
	return fmt.Sprintf("%s %s: the answer was lost, so it is unknown whether the change was applied; read the current state before trying again: %v",
		e.Method, e.Path, e.Err)
}

func (e *OutcomeUnknownError) Unwrap() error { return e.Err }
