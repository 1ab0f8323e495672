package adminapi

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/csum-tools/terraform-provider-csum/internal/httpx"
)

const fakeKey = "fake-org-key-0123456789"

// fakeAPI answers each request with the next of its answers (the last repeats) and records the bodies.
type fakeAPI struct {
	mu      sync.Mutex
	answers []string
	status  int
	bodies  []string
	queries []string
}

func newFake(t *testing.T, status int, answers ...string) (*fakeAPI, *Client) {
	t.Helper()
	f := &fakeAPI{answers: answers, status: status}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		f.mu.Lock()
		i := min(len(f.bodies), len(f.answers)-1)
		f.bodies = append(f.bodies, string(body))
		f.queries = append(f.queries, r.URL.RawQuery)
		answer := f.answers[i]
		f.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(f.status)
		_, _ = w.Write([]byte(answer))
	}))
	t.Cleanup(srv.Close)
	c, err := New(Config{BaseURL: srv.URL, OrgID: "org-1", APIKey: fakeKey, Common: httpx.Common{MaxRetries: 0}})
	if err != nil {
		t.Fatal(err)
	}
	return f, c
}

// sent decodes the i-th request body.
func (f *fakeAPI) sent(t *testing.T, i int) map[string]any {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	var m map[string]any
	if err := json.Unmarshal([]byte(f.bodies[i]), &m); err != nil {
		t.Fatalf("request %d body %q: %v", i, f.bodies[i], err)
	}
	return m
}
