package app

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"

	"github.com/csum-tools/terraform-provider-csum/internal/csumdoc"
)

// Error codes of the contract's error envelope.
const (
	codeBadRequest           = "BAD_REQUEST"
	codeUnauthorized         = "UNAUTHORIZED"
	codeForbidden            = "FORBIDDEN"
	codeNotFound             = "NOT_FOUND"
	codeMethodNotAllowed     = "METHOD_NOT_ALLOWED"
	codePreconditionFailed   = "PRECONDITION_FAILED"
	codeUnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE"
	codeValidationFailed     = "VALIDATION_FAILED"
	codePrivilegedUserBad    = "PRIVILEGED_USER_INVALID"
)

type errorEnvelope struct {
	Error errorBody `json:"error"`
}

type errorBody struct {
	Code    string           `json:"code"`
	Message string           `json:"message"`
	Details csumdoc.Problems `json:"details,omitempty"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// writeDocument answers a revisioned document with its ETag.
func writeDocument(w http.ResponseWriter, doc any, revision int64) {
	w.Header().Set("ETag", etag(revision))
	writeJSON(w, http.StatusOK, doc)
}

func etag(revision int64) string { return `"` + strconv.FormatInt(revision, 10) + `"` }

func writeError(w http.ResponseWriter, status int, code, message string) {
	writeJSON(w, status, errorEnvelope{Error: errorBody{Code: code, Message: message}})
}

// writeProblems answers 422 with every problem found, so a caller can fix them all in one go.
func writeProblems(w http.ResponseWriter, code, what string, problems csumdoc.Problems) {
	message := fmt.Sprintf("%d problems in the %s", len(problems), what)
	if len(problems) == 1 {
		message = "1 problem in the " + what
	}
	writeJSON(w, http.StatusUnprocessableEntity, errorEnvelope{Error: errorBody{Code: code, Message: message, Details: problems}})
}

// prefixed moves problems found in a sub-document under its place in the enclosing document.
func prefixed(prefix string, problems csumdoc.Problems) csumdoc.Problems {
	out := make(csumdoc.Problems, len(problems))
	for i, p := range problems {
		out[i] = csumdoc.Problem{Path: prefix + p.Path, Message: p.Message}
	}
	return out
}
