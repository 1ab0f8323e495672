package httpx

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

func jsonMarshal(v any) ([]byte, error) { return json.Marshal(v) }

func TestSecretsNeverLoggedOrReturned(t *testing.T) {
	const secret = "s3cr3t-token-value"
	srv := newCountingServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer "+secret {
			w.WriteHeader(500)
			return
		}
		// A server that echoes the credential back must not leak it through us.
		jsonBody(401, `{"message":"token `+secret+` is not valid","statusCode":401}`)(w, r)
	})
	c := newTestClient(t, srv, Config{Auth: BearerToken(secret), Common: Common{MaxRetries: 3}})
	var logs bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &logs)
	_, err := c.Do(ctx, http.MethodGet, "/v1/status", map[string][]string{"q": {"x"}}, nil, nil)
	if !IsStatus(err, 401) {
		t.Fatalf("got %v, want a 401", err)
	}
	if srv.hits.Load() != 1 {
		t.Errorf("a 401 was sent %d times, want once", srv.hits.Load())
	}
	if strings.Contains(err.Error(), secret) || strings.Contains(logs.String(), secret) {
		t.Errorf("secret leaked:\nerror: %s\nlogs: %s", err, logs.String())
	}
	var entry map[string]any
	if err := json.Unmarshal(bytes.Split(logs.Bytes(), []byte("\n"))[0], &entry); err != nil {
		t.Fatalf("no log entry: %v (%q)", err, logs.String())
	}
	if entry["method"] != "GET" || entry["path"] != "/v1/status" || entry["status"] != float64(401) || entry["attempts"] != float64(1) {
		t.Errorf("log entry = %v", entry)
	}
	if strings.Contains(logs.String(), "Authorization") || strings.Contains(logs.String(), "q=x") {
		t.Errorf("log has headers or the query: %s", logs.String())
	}
}

func TestRevisionAndIfMatch(t *testing.T) {
	var gotIfMatch []string
	srv := newCountingServer(t, func(w http.ResponseWriter, r *http.Request) {
		gotIfMatch = append(gotIfMatch, r.Header.Get("If-Match"))
		w.Header().Set("ETag", `"42"`)
		jsonBody(200, `{}`)(w, r)
	})
	c := newTestClient(t, srv, Config{})
	for _, rev := range []int64{7, 0} {
		resp, err := c.Do(context.Background(), http.MethodPut, "/v1/settings", nil, map[string]int{}, nil, IfMatch(rev))
		if err != nil {
			t.Fatal(err)
		}
		if got, err := Revision(resp); err != nil || got != 42 {
			t.Errorf("Revision = %d, %v; want 42", got, err)
		}
	}
	if gotIfMatch[0] != `"7"` || gotIfMatch[1] != "" {
		t.Errorf("If-Match headers = %q, want [\"7\" none]", gotIfMatch)
	}
	for _, tag := range []string{`W/"5"`, `"x"`, ``} {
		resp := &http.Response{Header: http.Header{"Etag": []string{tag}}}
		rev, err := Revision(resp)
		if (tag == `W/"5"`) != (err == nil && rev == 5) {
			t.Errorf("Revision(%q) = %d, %v", tag, rev, err)
		}
	}
}

func TestRequestShape(t *testing.T) {
	var got *http.Request
	var gotBody []byte
	srv := newCountingServer(t, func(w http.ResponseWriter, r *http.Request) {
		got = r
		gotBody, _ = readAll(r)
		w.WriteHeader(204)
	})
	c := newTestClient(t, srv, Config{Common: Common{UserAgent: "csum-test/1"}})
	_, err := c.Do(context.Background(), http.MethodPost, "/wiki/rest/api/group/userByGroupId?groupId=g1",
		map[string][]string{"extra": {"1"}}, map[string]string{"accountId": "a1"}, nil, WithHeader("X-Atlassian-Token", "no-check"))
	if err != nil {
		t.Fatal(err)
	}
	checks := map[string]string{
		"path":              got.URL.Path,
		"groupId":           got.URL.Query().Get("groupId"),
		"extra":             got.URL.Query().Get("extra"),
		"Content-Type":      got.Header.Get("Content-Type"),
		"Accept":            got.Header.Get("Accept"),
		"User-Agent":        got.Header.Get("User-Agent"),
		"X-Atlassian-Token": got.Header.Get("X-Atlassian-Token"),
		"body":              string(gotBody),
	}
	want := map[string]string{
		"path": "/wiki/rest/api/group/userByGroupId", "groupId": "g1", "extra": "1",
		"Content-Type": "application/json", "Accept": "application/json", "User-Agent": "csum-test/1",
		"X-Atlassian-Token": "no-check", "body": `{"accountId":"a1"}`,
	}
	for k, v := range want {
		if checks[k] != v {
			t.Errorf("%s = %q, want %q", k, checks[k], v)
		}
	}
}

func readAll(r *http.Request) ([]byte, error) {
	var b bytes.Buffer
	_, err := b.ReadFrom(r.Body)
	return b.Bytes(), err
}

func TestNewRejectsBadBaseURL(t *testing.T) {
	for _, u := range []string{"", "example.net", "://x"} {
		if _, err := New(Config{BaseURL: u}); err == nil {
			t.Errorf("New accepted base URL %q", u)
		}
	}
}
