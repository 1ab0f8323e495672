package faults

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"
)

const (
	// nominalLimit is reported in X-RateLimit-Limit when only RateLimitEvery is set and
	// no real limit exists; it is Atlassian's documented default burst rate for GET/POST.
	nominalLimit = "100"
	// rateLimitReason is the RateLimit-Reason Confluence sends for per-tenant burst limits.
	rateLimitReason = "confluence-quota-tenant-based"
	// resetLayout is the X-RateLimit-Reset format Atlassian documents (yyyy-MM-ddTHH:mmZ).
	resetLayout = "2006-01-02T15:04Z"
	// nearLimitShare is the share of capacity below which X-RateLimit-NearLimit is true.
	nearLimitShare = 0.2
)

// rateState is what the response headers report about the RPS limiter.
type rateState struct {
	limit     string // X-RateLimit-Limit
	remaining int    // X-RateLimit-Remaining
	nearLimit bool   // X-RateLimit-NearLimit
}

// setRateHeaders adds the headers Confluence sends on every response while a limit applies.
func setRateHeaders(h http.Header, s rateState) {
	h.Set("X-RateLimit-Limit", s.limit)
	h.Set("X-RateLimit-Remaining", strconv.Itoa(s.remaining))
	h.Set("X-RateLimit-NearLimit", strconv.FormatBool(s.nearLimit))
}

// writeRateLimited answers 429 like Confluence (or the app) does.
func writeRateLimited(w http.ResponseWriter, family api, limit string, retryAfter int, now time.Time) {
	h := w.Header()
	h.Set("Retry-After", strconv.Itoa(retryAfter))
	h.Set("X-RateLimit-Limit", limit)
	h.Set("X-RateLimit-Remaining", "0")
	// Rounded up to the next minute so the documented minute-precision reset never lies in the past.
	reset := now.Add(time.Duration(retryAfter) * time.Second).UTC().Truncate(time.Minute).Add(time.Minute)
	h.Set("X-RateLimit-Reset", reset.Format(resetLayout))
	if family != apiAdmin { // the Admin API documents only the X-RateLimit-* headers
		h.Set("RateLimit-Reason", rateLimitReason)
	}
	writeFault(w, family, http.StatusTooManyRequests, retryAfter)
}

// writeUnavailable answers 503 with Retry-After.
func writeUnavailable(w http.ResponseWriter, family api, retryAfter int) {
	w.Header().Set("Retry-After", strconv.Itoa(retryAfter))
	writeFault(w, family, http.StatusServiceUnavailable, retryAfter)
}

// faultBodies holds, per status, the wording each API family uses.
var faultBodies = map[int]struct{ v2Code, v1Message, appCode, appMessage, adminCode string }{
	http.StatusTooManyRequests: {
		v2Code: "TOO_MANY_REQUESTS", v1Message: "Rate limit exceeded",
		appCode: "RATE_LIMITED", appMessage: "rate limit exceeded; retry after %d s",
		adminCode: "ADMIN-UAM-429-1",
	},
	http.StatusServiceUnavailable: {
		v2Code: "SERVICE_UNAVAILABLE", v1Message: "Service Unavailable",
		appCode: "UNAVAILABLE", appMessage: "temporarily unavailable; retry after %d s",
		adminCode: "ADMIN-UAM-503-1",
	},
}

type v2Error struct {
	Status int     `json:"status"`
	Code   string  `json:"code"`
	Title  string  `json:"title"`
	Detail *string `json:"detail"`
}

type v2Errors struct {
	Errors []v2Error `json:"errors"`
}

// adminError is one entry of the Admin API's error list, whose status is a string.
type adminError struct {
	Status string `json:"status"`
	Code   string `json:"code"`
	Title  string `json:"title"`
	Detail string `json:"detail"`
}

type adminErrors struct {
	Errors []adminError `json:"errors"`
}

type v1Error struct {
	StatusCode int    `json:"statusCode"`
	Message    string `json:"message"`
}

type appError struct {
	Error appErrorBody `json:"error"`
}

type appErrorBody struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Details []any  `json:"details"`
}

// writeFault writes the error body in the shape of the API the path belongs to.
func writeFault(w http.ResponseWriter, family api, status, retryAfter int) {
	words := faultBodies[status]
	var body any
	switch family {
	case apiConfluence2:
		body = v2Errors{Errors: []v2Error{{Status: status, Code: words.v2Code, Title: http.StatusText(status)}}}
	case apiConfluence:
		body = v1Error{StatusCode: status, Message: words.v1Message}
	case apiAdmin:
		body = adminErrors{Errors: []adminError{{Status: strconv.Itoa(status), Code: words.adminCode,
			Title: http.StatusText(status), Detail: fmt.Sprintf(words.appMessage, retryAfter)}}}
	default:
		body = appError{Error: appErrorBody{
			Code: words.appCode, Message: fmt.Sprintf(words.appMessage, retryAfter), Details: []any{},
		}}
	}
	writeJSON(w, status, body)
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body) // the client may be gone; nothing useful to do about it
}
