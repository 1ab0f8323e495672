package contracttest

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestMiddlewarePassesTheAnswerOn: the handler's status, headers and body reach the client unchanged.
func TestMiddlewarePassesTheAnswerOn(t *testing.T) {
	h := Middleware(t, "", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("ETag", `"3"`)
		w.WriteHeader(http.StatusOK)
		_, _ = io.WriteString(w, settingsBody)
	}))
	req := httptest.NewRequest(http.MethodGet, "/v1/settings", nil)
	req.Header.Set("Authorization", "Bearer key")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK || rec.Header().Get("ETag") != `"3"` || rec.Body.String() != settingsBody {
		t.Fatalf("answer %d, ETag %q, body %s", rec.Code, rec.Header().Get("ETag"), rec.Body)
	}
}
