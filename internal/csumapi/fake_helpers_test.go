package csumapi

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"

	"github.com/csum-tools/terraform-provider-csum/internal/contracttest"
	"github.com/csum-tools/terraform-provider-csum/internal/csumdoc"
)

const testKey = "csum-admin-key-do-not-leak"

// fakeApp keeps a settings document and its revision the way the Admin API contract describes.
type fakeApp struct {
	mu       sync.Mutex
	settings csumdoc.Settings
	rev      int64
	lastReq  *http.Request
	lastBody []byte
	srv      *httptest.Server
}

func newFakeApp(t *testing.T, extra func(mux *http.ServeMux)) (*fakeApp, *Client) {
	t.Helper()
	f := &fakeApp{settings: csumdoc.DefaultSettings(), rev: 1}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /admin/v1/settings", func(w http.ResponseWriter, r *http.Request) { f.writeSettings(w) })
	mux.HandleFunc("PUT /admin/v1/settings", func(w http.ResponseWriter, r *http.Request) {
		if !f.revisionMatches(w, r) {
			return
		}
		var doc csumdoc.Settings
		if err := json.Unmarshal(f.lastBody, &doc); err != nil {
			writeJSON(w, 400, `{"error":{"code":"BAD_REQUEST","message":"malformed JSON"}}`)
			return
		}
		if problems := doc.Validate(); len(problems) > 0 {
			details, _ := json.Marshal(problems)
			writeJSON(w, 422, `{"error":{"code":"VALIDATION_FAILED","message":"`+strconv.Itoa(len(problems))+` problems","details":`+string(details)+`}}`)
			return
		}
		f.settings, f.rev = doc, f.rev+1
		f.writeSettings(w)
	})
	mux.HandleFunc("DELETE /admin/v1/settings", func(w http.ResponseWriter, r *http.Request) {
		if !f.revisionMatches(w, r) {
			return
		}
		f.settings, f.rev = csumdoc.DefaultSettings(), f.rev+1
		f.writeSettings(w)
	})
	if extra != nil {
		extra(mux)
	}
	f.srv = httptest.NewServer(contracttest.Middleware(t, "/admin", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		defer f.mu.Unlock()
		f.lastReq = r
		f.lastBody, _ = io.ReadAll(r.Body)
		if r.Header.Get("Authorization") != "Bearer "+testKey {
			writeJSON(w, 401, `{"error":{"code":"UNAUTHORIZED","message":"missing or invalid API key"}}`)
			return
		}
		mux.ServeHTTP(w, r)
	})))
	t.Cleanup(f.srv.Close)
	c, err := New(Config{AppURL: f.srv.URL + "/admin", APIKey: testKey})
	if err != nil {
		t.Fatal(err)
	}
	return f, c
}

func (f *fakeApp) revisionMatches(w http.ResponseWriter, r *http.Request) bool {
	if m := r.Header.Get("If-Match"); m != "" && m != strconv.Quote(strconv.FormatInt(f.rev, 10)) {
		writeJSON(w, 412, `{"error":{"code":"PRECONDITION_FAILED","message":"revision mismatch"}}`)
		return false
	}
	return true
}

func (f *fakeApp) writeSettings(w http.ResponseWriter) {
	w.Header().Set("ETag", strconv.Quote(strconv.FormatInt(f.rev, 10)))
	body, _ := json.Marshal(f.settings)
	writeJSON(w, 200, string(body))
}

func writeJSON(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}
