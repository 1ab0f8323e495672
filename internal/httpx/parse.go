package httpx

import (
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"time"
)

// maxTextMessage bounds how much of a non-JSON error body ends up in an error message.
const maxTextMessage = 300

// errorBody is the union of the error bodies the provider meets: the CSUM envelope {"error":{...}},
// Confluence v2 {"errors":[...]}, Confluence v1 {statusCode, message, reason, data.errors} and its short
// form {message, statusCode}. "error" is kept raw because Spring-style bodies use a string there.
type errorBody struct {
	Error   json.RawMessage `json:"error"`
	Errors  []v2Error       `json:"errors"`
	Message string          `json:"message"`
	Reason  string          `json:"reason"`
	Data    *struct {
		Errors []struct {
			Message struct {
				Translation string `json:"translation"`
			} `json:"message"`
		} `json:"errors"`
	} `json:"data"`
}

type csumError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Details []struct {
		Path    string `json:"path"`
		Message string `json:"message"`
	} `json:"details"`
}

type v2Error struct {
	Code   string  `json:"code"`
	Title  string  `json:"title"`
	Detail *string `json:"detail"`
}

// javaException matches the exception class Confluence v1 messages often start with, e.g.
// "com.atlassian.confluence.api.service.exceptions.NotFoundException: No space with key : NOPE".
var javaException = regexp.MustCompile(`^(?:[a-z][\w$]*\.)+([A-Z][\w$]*(?:Exception|Error)):\s*`)

// parseError builds the APIError for a non-2xx answer; secrets are masked in everything taken from the body.
func (c *Client) parseError(method, path string, resp *http.Response, data []byte) *APIError {
	e := &APIError{Status: resp.StatusCode, Method: method, Path: path}
	if wait, ok := retryAfter(resp, time.Now()); ok {
		e.RetryAfter = wait
	}
	var body errorBody
	if json.Unmarshal(data, &body) != nil {
		e.Message = trimText(string(data))
	} else {
		fillFromJSON(e, body)
	}
	e.Message = c.mask(e.Message)
	for i := range e.Details {
		e.Details[i].Message = c.mask(e.Details[i].Message)
	}
	return e
}

func fillFromJSON(e *APIError, body errorBody) {
	var envelope csumError
	if len(body.Error) > 0 && body.Error[0] == '{' && json.Unmarshal(body.Error, &envelope) == nil {
		e.Code, e.Message = envelope.Code, envelope.Message
		for _, d := range envelope.Details {
			e.Details = append(e.Details, Detail{Path: d.Path, Message: d.Message})
		}
		return
	}
	if len(body.Errors) > 0 {
		e.Code = body.Errors[0].Code
		var msgs []string
		for _, v := range body.Errors {
			msg := v.Title
			if v.Detail != nil && *v.Detail != "" {
				msg = joinNonEmpty(": ", msg, *v.Detail)
			}
			msgs = append(msgs, msg)
		}
		e.Message = strings.Join(msgs, "; ")
		return
	}
	e.Message = body.Message
	if m := javaException.FindStringSubmatch(body.Message); m != nil {
		e.Code = m[1]
		e.Message = strings.TrimPrefix(body.Message, m[0])
	}
	if e.Message == "" {
		e.Message = body.Reason
	}
	if body.Data != nil {
		for _, d := range body.Data.Errors {
			if d.Message.Translation != "" {
				e.Details = append(e.Details, Detail{Message: d.Message.Translation})
			}
		}
	}
}

func joinNonEmpty(sep string, parts ...string) string {
	var kept []string
	for _, p := range parts {
		if p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, sep)
}

// trimText keeps a short, single-line excerpt of a non-JSON body (an HTML error page, a proxy's text).
func trimText(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > maxTextMessage {
		s = s[:maxTextMessage] + "…"
	}
	return s
}
