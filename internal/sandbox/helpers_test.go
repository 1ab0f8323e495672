package sandbox

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

// Demo seed accounts used throughout the tests.
const (
	adminEmail  = "admin@example.com"
	adminToken  = "sandbox-admin-token"
	viewerEmail = "viewer@example.com" // licensed, not a site admin, not a space admin
	viewerToken = "sandbox-viewer-token"
)

type creds struct{ email, token string }

var (
	asAdmin  = creds{adminEmail, adminToken}
	asViewer = creds{viewerEmail, viewerToken}
	asNobody = creds{}
)

func startSandbox(t testing.TB, opts Options) *Server {
	t.Helper()
	s, err := Start(opts)
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s
}

type response struct {
	status int
	header http.Header
	body   []byte
}

func (r response) json(t testing.TB) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.body, &m); err != nil {
		t.Fatalf("body is not a JSON object (%v): %s", err, r.body)
	}
	return m
}

func call(t testing.TB, s *Server, c creds, method, path string, body any) response {
	t.Helper()
	return send(t, s, func(req *http.Request) {
		if c != asNobody {
			req.SetBasicAuth(c.email, c.token)
		}
	}, method, path, body)
}

// bearer authenticates a request with an OAuth access token.
func bearer(token string) func(*http.Request) {
	return func(req *http.Request) { req.Header.Set("Authorization", "Bearer "+token) }
}

// send makes one request, authenticated by auth, and reads the whole answer.
func send(t testing.TB, s *Server, auth func(*http.Request), method, path string, body any) response {
	t.Helper()
	var reader io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		reader = strings.NewReader(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		reader = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, s.URL()+path, reader)
	if err != nil {
		t.Fatal(err)
	}
	if reader != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	auth(req)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{status: resp.StatusCode, header: resp.Header, body: data}
}

func groupID(t testing.TB, s *Server, name string) string {
	t.Helper()
	g, ok := s.Store().GroupByName(name)
	if !ok {
		t.Fatalf("no group %s", name)
	}
	return g.ID
}

func accountOf(t testing.TB, s *Server, email string) string {
	t.Helper()
	for _, u := range s.Store().Users() {
		if u.Email == email {
			return u.AccountID
		}
	}
	t.Fatalf("no user %s", email)
	return ""
}

func names(results any) []string {
	var out []string
	for _, r := range results.([]any) {
		out = append(out, r.(map[string]any)["name"].(string))
	}
	return out
}
