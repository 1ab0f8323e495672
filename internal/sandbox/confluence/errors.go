package confluence

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
)

// Java exception classes Confluence names in v1 error messages.
const (
	excBadRequest = "com.atlassian.confluence.api.service.exceptions.BadRequestException"
	excNotFound   = "com.atlassian.confluence.api.service.exceptions.NotFoundException"
	excPermission = "com.atlassian.confluence.api.service.exceptions.PermissionException"
	excGone       = "com.atlassian.confluence.api.service.exceptions.GoneException"
	excNotAllowed = "com.atlassian.confluence.api.service.exceptions.MethodNotAllowedException"
	excRbac       = "com.atlassian.confluence.api.service.exceptions.InvalidRbacOperationException"
)

func writeJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body) // the client hanging up is not our error to report
}

type v1ErrorData struct {
	Authorized            bool  `json:"authorized"`
	Valid                 bool  `json:"valid"`
	AllowedInReadOnlyMode bool  `json:"allowedInReadOnlyMode"`
	Errors                []any `json:"errors"`
	Successful            bool  `json:"successful"`
}

type v1ErrorBody struct {
	StatusCode int         `json:"statusCode"`
	Data       v1ErrorData `json:"data"`
	Message    string      `json:"message"`
	Reason     string      `json:"reason"`
}

// v1Error writes Confluence's full v1 error body, message prefixed with the exception class as Cloud does.
func v1Error(w http.ResponseWriter, status int, exception, message string) {
	writeJSON(w, status, v1ErrorBody{
		StatusCode: status,
		Data: v1ErrorData{Authorized: status != http.StatusUnauthorized && status != http.StatusForbidden,
			Valid: status != http.StatusBadRequest, AllowedInReadOnlyMode: true, Errors: []any{}},
		Message: exception + ": " + message,
		Reason:  http.StatusText(status),
	})
}

func v1BadRequest(w http.ResponseWriter, message string) {
	v1Error(w, http.StatusBadRequest, excBadRequest, message)
}

func v1NotFound(w http.ResponseWriter, message string) {
	v1Error(w, http.StatusNotFound, excNotFound, message)
}

func v1Forbidden(w http.ResponseWriter, message string) {
	v1Error(w, http.StatusForbidden, excPermission, message)
}

// shortError is the short body Cloud uses for authentication and licence failures.
func shortError(w http.ResponseWriter, status int, message string) {
	writeJSON(w, status, map[string]any{"statusCode": status, "message": message})
}

type v2ErrorItem struct {
	Status int     `json:"status"`
	Code   string  `json:"code"`
	Title  string  `json:"title"`
	Detail *string `json:"detail"`
}

// v2Error writes the v2 error list body; an empty detail is sent as null, as Cloud does.
func v2Error(w http.ResponseWriter, status int, detail string) {
	item := v2ErrorItem{Status: status, Code: v2Code(status), Title: http.StatusText(status)}
	if detail != "" {
		item.Detail = &detail
	}
	writeJSON(w, status, map[string]any{"errors": []v2ErrorItem{item}})
}

func v2Code(status int) string {
	switch status {
	case http.StatusBadRequest:
		return "INVALID_REQUEST_PARAMETER"
	case http.StatusUnauthorized:
		return "UNAUTHORIZED"
	case http.StatusForbidden:
		return "FORBIDDEN"
	case http.StatusNotFound:
		return "NOT_FOUND"
	}
	return strings.ToUpper(strings.ReplaceAll(http.StatusText(status), " ", "_"))
}

func isV2(path string) bool { return strings.HasPrefix(path, "/wiki/api/v2/") }

// apiError writes the error body of whichever API generation the path belongs to.
func apiError(w http.ResponseWriter, r *http.Request, status int, exception, message string) {
	if isV2(r.URL.Path) {
		v2Error(w, status, message)
		return
	}
	v1Error(w, status, exception, message)
}

// errMessage is a store error's text without its sentinel prefix ("invalid: ", "not found: ", ...).
func errMessage(err error) string {
	msg := err.Error()
	for _, sentinel := range []error{ErrInvalid, ErrDuplicate, ErrNotFound, ErrLastAdmin, ErrNotPermitted} {
		if errors.Is(err, sentinel) {
			msg = strings.TrimPrefix(msg, sentinel.Error()+": ")
		}
	}
	return msg
}
