package httpx

import (
	"context"
	"errors"
	"net/http"
	"reflect"
	"strings"
	"testing"
)

func TestErrorBodiesAreParsed(t *testing.T) {
	tests := []struct {
		name        string
		status      int
		body        string
		wantCode    string
		wantMessage string
		wantDetails []Detail
		wantText    string // substring of Error()
	}{
		{
			name:   "CSUM envelope",
			status: 422,
			body: `{"error":{"code":"VALIDATION_FAILED","message":"2 problems in the settings document","details":[
				{"path":"/groupSettings/spaceGroupPattern","message":"prefix or suffix must contain the SPACEKEY token"},
				{"path":"/userSettings/autoJoinGroupIds/3","message":"no group with id 9d1e"}]}}`,
			wantCode:    "VALIDATION_FAILED",
			wantMessage: "2 problems in the settings document",
			wantDetails: []Detail{
				{Path: "/groupSettings/spaceGroupPattern", Message: "prefix or suffix must contain the SPACEKEY token"},
				{Path: "/userSettings/autoJoinGroupIds/3", Message: "no group with id 9d1e"},
			},
			wantText: "PUT /x: 422 Unprocessable Entity: 2 problems in the settings document; /groupSettings/spaceGroupPattern: prefix",
		},
		{
			name:   "Confluence v1 full",
			status: 404,
			body: `{"statusCode":404,"data":{"authorized":true,"valid":true,"errors":[{"message":{"translation":"space is gone","args":[]}}],"successful":false},
				"message":"com.atlassian.confluence.api.service.exceptions.NotFoundException: No space with key : NOPE","reason":"Not Found"}`,
			wantCode:    "NotFoundException",
			wantMessage: "No space with key : NOPE",
			wantDetails: []Detail{{Message: "space is gone"}},
			wantText:    "PUT /x: 404 Not Found: No space with key : NOPE; space is gone",
		},
		{
			name:        "Confluence v1 short",
			status:      403,
			body:        `{"message":"Current user not permitted to use Confluence","statusCode":403}`,
			wantMessage: "Current user not permitted to use Confluence",
			wantText:    "PUT /x: 403 Forbidden: Current user not permitted to use Confluence",
		},
		{
			name:        "Confluence v1 reason only",
			status:      400,
			body:        `{"statusCode":400,"reason":"Bad Request"}`,
			wantMessage: "Bad Request",
		},
		{
			name:        "Confluence v2",
			status:      404,
			body:        `{"errors":[{"status":404,"code":"NOT_FOUND","title":"Not Found","detail":null}]}`,
			wantCode:    "NOT_FOUND",
			wantMessage: "Not Found",
		},
		{
			name:        "Confluence v2 with detail, several errors",
			status:      400,
			body:        `{"errors":[{"status":400,"code":"INVALID_REQUEST_PARAMETER","title":"Bad limit","detail":"limit must be at most 250"},{"status":400,"code":"BAD_REQUEST","title":"Bad cursor","detail":""}]}`,
			wantCode:    "INVALID_REQUEST_PARAMETER",
			wantMessage: "Bad limit: limit must be at most 250; Bad cursor",
		},
		{
			name:        "gateway body with a numeric code",
			status:      401,
			body:        `{"code":401,"message":"Unauthorized; scope does not match"}`,
			wantMessage: "Unauthorized; scope does not match",
			wantText:    "401 Unauthorized: Unauthorized; scope does not match (check the configured credentials)",
		},
		{
			name:        "Spring-style body with a string error",
			status:      403,
			body:        `{"status":403,"error":"Forbidden","message":"User has no permission to access resource."}`,
			wantMessage: "User has no permission to access resource.",
		},
		{
			name:        "non-JSON body",
			status:      502,
			body:        "<html>\n  <body>Bad   gateway</body>\n</html>",
			wantMessage: "<html> <body>Bad gateway</body> </html>",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newCountingServer(t, jsonBody(tt.status, tt.body))
			c := newTestClient(t, srv, Config{})
			_, err := c.Do(context.Background(), http.MethodPut, "/x", nil, map[string]int{"a": 1}, nil)
			var apiErr *APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("got %T %v, want *APIError", err, err)
			}
			if apiErr.Status != tt.status || apiErr.Method != http.MethodPut || apiErr.Path != "/x" {
				t.Errorf("status/method/path = %d %s %s", apiErr.Status, apiErr.Method, apiErr.Path)
			}
			if apiErr.Code != tt.wantCode || apiErr.Message != tt.wantMessage {
				t.Errorf("code, message = %q, %q; want %q, %q", apiErr.Code, apiErr.Message, tt.wantCode, tt.wantMessage)
			}
			if !reflect.DeepEqual(apiErr.Details, tt.wantDetails) {
				t.Errorf("details = %#v, want %#v", apiErr.Details, tt.wantDetails)
			}
			if tt.wantText != "" && !strings.Contains(err.Error(), tt.wantText) {
				t.Errorf("Error() = %q, want it to contain %q", err.Error(), tt.wantText)
			}
		})
	}
}

func TestLongTextBodiesAreTrimmed(t *testing.T) {
	srv := newCountingServer(t, status(500, ""))
	srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(500)
		_, _ = w.Write([]byte(strings.Repeat("x", 5000)))
	})
	c := newTestClient(t, srv, Config{})
	_, err := c.Do(context.Background(), http.MethodGet, "/x", nil, nil, nil)
	var apiErr *APIError
	if !errors.As(err, &apiErr) || len(apiErr.Message) > maxTextMessage+len("…") {
		t.Fatalf("got %v, want a trimmed message", err)
	}
}

func TestNotFoundHelpers(t *testing.T) {
	notFound := &APIError{Status: 404}
	wrapped := errors.Join(errors.New("reading group"), notFound)
	tests := []struct {
		err      error
		notFound bool
		is403    bool
	}{
		{notFound, true, false},
		{wrapped, true, false},
		{&APIError{Status: 403}, false, true},
		{errors.New("plain"), false, false},
		{nil, false, false},
	}
	for _, tt := range tests {
		if got := IsNotFound(tt.err); got != tt.notFound {
			t.Errorf("IsNotFound(%v) = %v", tt.err, got)
		}
		if got := IsStatus(tt.err, 403); got != tt.is403 {
			t.Errorf("IsStatus(%v, 403) = %v", tt.err, got)
		}
	}
}
