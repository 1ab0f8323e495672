package httpx

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// countingServer answers with handler and counts the requests it receives.
type countingServer struct {
	*httptest.Server
	hits atomic.Int64
}

func newCountingServer(t *testing.T, handler http.HandlerFunc) *countingServer {
	t.Helper()
	s := &countingServer{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.hits.Add(1)
		handler(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

// newTestClient builds a client for srv with a tiny exponential backoff, so tests without Retry-After
// stay quick; cfg's BaseURL is filled in.
func newTestClient(t *testing.T, srv *countingServer, cfg Config) *Client {
	t.Helper()
	cfg.BaseURL = srv.URL
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	c.backoffMin = time.Millisecond
	return c
}

// sequence answers the i-th request with steps[i] (the last step repeats).
func sequence(steps ...http.HandlerFunc) http.HandlerFunc {
	var n atomic.Int64
	return func(w http.ResponseWriter, r *http.Request) {
		i := int(n.Add(1)) - 1
		steps[min(i, len(steps)-1)](w, r)
	}
}

func status(code int, retryAfter string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if retryAfter != "" {
			w.Header().Set("Retry-After", retryAfter)
		}
		w.WriteHeader(code)
	}
}

func jsonBody(code int, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		_, _ = w.Write([]byte(body))
	}
}

// dropConnection closes the connection without answering, as a lost answer looks to the client.
func dropConnection(w http.ResponseWriter, r *http.Request) {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err == nil {
		_ = conn.Close()
	}
}

// offsetList serves a Confluence v1 list at /wiki/rest/api/things from list(), which a test may change
// between requests, with _links.next relative to a _links.base on another host, and totalSize when asked
// for (and withTotal). Each request takes delay, and inFlight records the most requests served at once.
type offsetList struct {
	list      func() []int
	withTotal bool
	delay     time.Duration
	mu        sync.Mutex
	now, most int
}

func (o *offsetList) serve(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/wiki/rest/api/things" {
		http.NotFound(w, r)
		return
	}
	o.mu.Lock()
	o.now++
	o.most = max(o.most, o.now)
	o.mu.Unlock()
	time.Sleep(o.delay)
	defer func() {
		o.mu.Lock()
		o.now--
		o.mu.Unlock()
	}()
	all := o.list()
	start, _ := strconv.Atoi(r.URL.Query().Get("start"))
	limit, _ := strconv.Atoi(r.URL.Query().Get("limit"))
	start = min(start, len(all))
	end := min(start+limit, len(all))
	next, total := "", ""
	if end < len(all) {
		next = fmt.Sprintf(`,"next":"/rest/api/things?start=%d&limit=%d"`, end, limit)
	}
	if o.withTotal && r.URL.Query().Get("shouldReturnTotalSize") == "true" {
		total = fmt.Sprintf(`,"totalSize":%d`, len(all))
	}
	body, _ := jsonMarshal(all[start:end])
	jsonBody(200, fmt.Sprintf(`{"results":%s,"start":%d,"limit":%d,"size":%d%s,"_links":{"base":"http://elsewhere.example/wiki","context":"/wiki"%s}}`,
		body, start, limit, end-start, total, next))(w, r)
}
