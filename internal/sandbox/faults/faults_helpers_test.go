package faults

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

// sandbox is a miniature of the real sandbox: a few Confluence and app routes behind
// the injector, and the control endpoints beside them.
type sandbox struct {
	injector *Injector
	server   *httptest.Server
	client   *http.Client
	applied  atomic.Int64 // writes the handlers actually carried out
}

func newSandbox(t *testing.T, cfg Config) *sandbox {
	t.Helper()
	s := &sandbox{injector: New(cfg)}
	top := http.NewServeMux()
	top.Handle("/_sandbox/", s.injector.ControlHandler())
	top.Handle("/", s.injector.Wrap(s.routes()))
	s.server = httptest.NewServer(top)
	t.Cleanup(s.server.Close)
	// Without keep-alive every request gets a fresh connection, so net/http never
	// silently replays a GET whose connection was dropped.
	s.client = &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	return s
}

func (s *sandbox) routes() *http.ServeMux {
	mux := http.NewServeMux()
	ok := func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusOK) }
	mux.HandleFunc("GET /wiki/rest/api/group/{groupId}/membersByGroupId", ok)
	mux.HandleFunc("GET /wiki/api/v2/spaces", ok)
	mux.HandleFunc("GET /csum-admin/v1/settings", ok)
	mux.HandleFunc("GET /other", ok)
	mux.HandleFunc("POST /wiki/rest/api/group", func(w http.ResponseWriter, _ *http.Request) {
		s.applied.Add(1)
		w.WriteHeader(http.StatusCreated)
	})
	// A handler that names its own template, as handlers behind a custom router do.
	mux.HandleFunc("GET /wiki/rest/api/user/", func(w http.ResponseWriter, r *http.Request) {
		SetRoute(r, "/wiki/rest/api/user/{rest...}")
		w.WriteHeader(http.StatusOK)
	})
	return mux
}

// dropped stands for "no answer at all" where a status code is expected.
const dropped = -1

// do sends one request, with a small JSON body unless it is a GET.
func (s *sandbox) do(t *testing.T, method, path string) (int, http.Header, string) {
	t.Helper()
	body := ""
	if method != http.MethodGet {
		body = `{"name":"g"}`
	}
	return s.send(t, method, path, body)
}

// send returns the answer's status, headers and body, or the status dropped when the
// connection closed without an answer.
func (s *sandbox) send(t *testing.T, method, path, body string) (int, http.Header, string) {
	t.Helper()
	req, err := http.NewRequest(method, s.server.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := s.client.Do(req)
	if err != nil {
		return dropped, nil, ""
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: reading body: %v", method, path, err)
	}
	return resp.StatusCode, resp.Header, string(raw)
}
