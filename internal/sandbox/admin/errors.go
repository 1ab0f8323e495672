package admin

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strconv"
	"time"
)

// Error codes of the Admin API's v2 error list (ADMIN-UAM-<status>-<n>).
const (
	codeBadRequest         = "ADMIN-UAM-400-1"
	codeUnauthenticated    = "ADMIN-UAM-401-1"
	codeForbidden          = "ADMIN-UAM-403-1"
	codeUnknownResource    = "ADMIN-UAM-404-1"
	codeOrgNotFound        = "ADMIN-UAM-404-2"
	codeMethodNotSupported = "ADMIN-UAM-405-1"
	codeUnsupportedMedia   = "ADMIN-UAM-415-1"
)

// apiError is one entry of the v2 error list. Its status is a string, as the Admin API's schema has it.
type apiError struct {
	ID     string `json:"id"`
	Status string `json:"status"`
	Code   string `json:"code"`
	Title  string `json:"title"`
	Detail string `json:"detail"`
}

type apiErrors struct {
	Errors []apiError `json:"errors"`
}

// springError is the body the v1 endpoints answer errors with (a Spring Boot error page as JSON).
type springError struct {
	Timestamp string `json:"timestamp"`
	Path      string `json:"path"`
	Status    int    `json:"status"`
	Error     string `json:"error"`
	Message   string `json:"message"`
	RequestID string `json:"requestId"`
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body) // the client may be gone; nothing useful to do about it
}

// writeError answers an error in the body of the API version the path belongs to.
func writeError(w http.ResponseWriter, r *http.Request, v1 bool, status int, code, title, detail string) {
	if v1 {
		writeJSON(w, status, springError{Timestamp: time.Now().UTC().Format("2006-01-02T15:04:05.000+00:00"),
			Path: "/admin" + r.URL.Path, Status: status, Error: http.StatusText(status), Message: detail, RequestID: requestID()})
		return
	}
	writeJSON(w, status, apiErrors{Errors: []apiError{{ID: requestID(), Status: strconv.Itoa(status), Code: code,
		Title: title, Detail: detail}}})
}

func badRequest(w http.ResponseWriter, r *http.Request, detail string) {
	writeError(w, r, false, http.StatusBadRequest, codeBadRequest, "Bad Request", detail)
}

func requestID() string {
	var b [8]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails on supported platforms
	return hex.EncodeToString(b[:])
}
