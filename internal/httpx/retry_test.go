package httpx

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/time/rate"
)

func TestRetryPolicyByMethodAndStatus(t *testing.T) {
	tests := []struct {
		name     string
		method   string
		steps    []http.HandlerFunc
		wantHits int64
		wantErr  int // expected APIError status, 0 for success
	}{
		{"GET retried on 429 then 503", http.MethodGet,
			[]http.HandlerFunc{status(429, "0"), status(503, "0"), jsonBody(200, `{"ok":true}`)}, 3, 0},
		{"GET retried on 502 and 504 without Retry-After", http.MethodGet,
			[]http.HandlerFunc{status(502, ""), status(504, ""), jsonBody(200, `{"ok":true}`)}, 3, 0},
		{"GET retried on 500", http.MethodGet,
			[]http.HandlerFunc{jsonBody(500, `{"error":{"code":"INTERNAL","message":"boom"}}`), jsonBody(200, `{"ok":true}`)}, 2, 0},
		{"GET gives the last 500 once retries run out", http.MethodGet,
			[]http.HandlerFunc{status(500, "")}, 6, 500},
		{"POST not retried on 500", http.MethodPost,
			[]http.HandlerFunc{status(500, ""), jsonBody(201, `{}`)}, 1, 500},
		{"PUT not retried on 500", http.MethodPut,
			[]http.HandlerFunc{status(500, ""), jsonBody(200, `{}`)}, 1, 500},
		{"POST retried on 429", http.MethodPost,
			[]http.HandlerFunc{status(429, "0"), jsonBody(201, `{"ok":true}`)}, 2, 0},
		{"POST not retried on 503", http.MethodPost,
			[]http.HandlerFunc{status(503, "0"), jsonBody(201, `{}`)}, 1, 503},
		{"PUT not retried on 502", http.MethodPut,
			[]http.HandlerFunc{status(502, ""), jsonBody(200, `{}`)}, 1, 502},
		{"DELETE not retried on 503", http.MethodDelete,
			[]http.HandlerFunc{status(503, ""), status(204, "")}, 1, 503},
		{"401 never retried", http.MethodGet,
			[]http.HandlerFunc{jsonBody(401, `{"message":"Unauthorized","statusCode":401}`), jsonBody(200, `{}`)}, 1, 401},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newCountingServer(t, sequence(tt.steps...))
			c := newTestClient(t, srv, Config{Common: Common{MaxRetries: 5}})
			var out map[string]any
			_, err := c.Do(context.Background(), tt.method, "/x", nil, map[string]string{"a": "b"}, &out)
			if got := srv.hits.Load(); got != tt.wantHits {
				t.Errorf("server saw %d requests, want %d", got, tt.wantHits)
			}
			if tt.wantErr == 0 {
				if err != nil || out["ok"] != true {
					t.Fatalf("got out=%v err=%v, want decoded success", out, err)
				}
				return
			}
			if !IsStatus(err, tt.wantErr) {
				t.Fatalf("got %v, want an APIError with status %d", err, tt.wantErr)
			}
		})
	}
}

func TestMaxRetriesIsRespected(t *testing.T) {
	for _, maxRetries := range []int{0, 1, 3} {
		srv := newCountingServer(t, status(503, "0"))
		c := newTestClient(t, srv, Config{Common: Common{MaxRetries: maxRetries}})
		_, err := c.Do(context.Background(), http.MethodGet, "/x", nil, nil, nil)
		if !IsStatus(err, 503) {
			t.Fatalf("max_retries=%d: got %v, want the final 503", maxRetries, err)
		}
		if got, want := srv.hits.Load(), int64(maxRetries+1); got != want {
			t.Errorf("max_retries=%d: server saw %d requests, want %d", maxRetries, got, want)
		}
	}
}

func TestLostAnswer(t *testing.T) {
	t.Run("a write is not repeated and its outcome is unknown", func(t *testing.T) {
		srv := newCountingServer(t, dropConnection)
		c := newTestClient(t, srv, Config{Common: Common{MaxRetries: 3}})
		_, err := c.Do(context.Background(), http.MethodPost, "/wiki/rest/api/group", nil, map[string]string{"name": "g"}, nil)
		var unknown *OutcomeUnknownError
		if !errors.As(err, &unknown) {
			t.Fatalf("got %v, want *OutcomeUnknownError", err)
		}
		if unknown.Method != http.MethodPost || unknown.Path != "/wiki/rest/api/group" {
			t.Errorf("error names %s %s", unknown.Method, unknown.Path)
		}
		if got := srv.hits.Load(); got != 1 {
			t.Errorf("server saw %d requests, want exactly 1", got)
		}
	})
	t.Run("a read is retried", func(t *testing.T) {
		srv := newCountingServer(t, sequence(dropConnection, dropConnection, jsonBody(200, `{"ok":true}`)))
		c := newTestClient(t, srv, Config{Common: Common{MaxRetries: 3}})
		var out map[string]any
		if _, err := c.Do(context.Background(), http.MethodGet, "/x", nil, nil, &out); err != nil {
			t.Fatal(err)
		}
		if got := srv.hits.Load(); got != 3 {
			t.Errorf("server saw %d requests, want 3", got)
		}
	})
}

func TestBackoff(t *testing.T) {
	now := time.Now()
	header := func(v string) *http.Response {
		return &http.Response{Header: http.Header{"Retry-After": []string{v}}}
	}
	t.Run("Retry-After", func(t *testing.T) {
		tests := []struct {
			resp   *http.Response
			want   time.Duration
			wantOK bool
		}{
			{header("7"), 7 * time.Second, true},
			{header("0"), 0, true},
			{header(now.Add(90 * time.Second).UTC().Format(http.TimeFormat)), 90 * time.Second, true},
			{header(now.Add(-time.Hour).UTC().Format(http.TimeFormat)), 0, true},
			{header("soon"), 0, false},
			{&http.Response{Header: http.Header{}}, 0, false},
			{nil, 0, false},
		}
		for _, tt := range tests {
			got, ok := retryAfter(tt.resp, now)
			// HTTP-dates have one-second resolution.
			if ok != tt.wantOK || got < tt.want-time.Second || got > tt.want {
				t.Errorf("retryAfter(%v) = %v, %v; want %v, %v", tt.resp, got, ok, tt.want, tt.wantOK)
			}
		}
	})
	t.Run("exponential with jitter, capped", func(t *testing.T) {
		tests := []struct {
			attempt  int
			random   float64
			min, max time.Duration
		}{
			{0, 0, 700 * time.Millisecond, 700 * time.Millisecond},
			{0, 0.999, 1299 * time.Millisecond, 1300 * time.Millisecond},
			{2, 0.5, 4 * time.Second, 4 * time.Second},
			{10, 0.999, maxBackoff, maxBackoff},
			{1000, 0, maxBackoff, maxBackoff},
		}
		for _, tt := range tests {
			if got := exponentialBackoff(time.Second, tt.attempt, tt.random); got < tt.min || got > tt.max {
				t.Errorf("attempt %d, random %v: %v, want within [%v, %v]", tt.attempt, tt.random, got, tt.min, tt.max)
			}
		}
	})
	t.Run("Retry-After wins over exponential backoff", func(t *testing.T) {
		c := &Client{backoffMin: time.Millisecond}
		if got := c.backoff(0, 0, 0, header("12")); got != 12*time.Second {
			t.Errorf("backoff = %v, want 12s", got)
		}
	})
}

func TestRetryAfterHoldsTheWholeClient(t *testing.T) {
	srv := newCountingServer(t, status(429, "120"))
	c := newTestClient(t, srv, Config{Common: Common{MaxRetries: 0}})

	_, err := c.Do(context.Background(), http.MethodGet, "/x", nil, nil, nil)
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.Status != 429 || apiErr.RetryAfter != 120*time.Second {
		t.Fatalf("got %v, want a 429 APIError with RetryAfter 2m0s", err)
	}

	// Another request, as from another resource, must wait out the hold instead of reaching the server.
	done := make(chan error, 1)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		defer cancel()
		_, err := c.Do(ctx, http.MethodGet, "/y", nil, nil, nil)
		done <- err
	}()
	if err := <-done; !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("got %v, want context.DeadlineExceeded while held", err)
	}
	if got := srv.hits.Load(); got != 1 {
		t.Errorf("server saw %d requests, want 1: the held request went out", got)
	}
}

func TestCancelStopsALongRetryAfterWait(t *testing.T) {
	srv := newCountingServer(t, status(429, "120"))
	c := newTestClient(t, srv, Config{Common: Common{MaxRetries: 3}})
	ctx, cancel := context.WithCancel(context.Background())
	result := make(chan error, 1)
	go func() {
		_, err := c.Do(ctx, http.MethodGet, "/x", nil, nil, nil)
		result <- err
	}()
	for srv.hits.Load() == 0 {
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	select {
	case err := <-result:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("got %v, want context.Canceled", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("Do kept waiting after its context was cancelled")
	}
	if got := srv.hits.Load(); got != 1 {
		t.Errorf("server saw %d requests, want 1", got)
	}
}

// A write answered just as its context ends was carried out: the answer stands (or, when it cannot be read,
// the outcome is unknown), never the context's error, which would tell the caller that nothing was done
// (found by the fault soak: an interrupted apply left the space group it had just created out of state).
func TestAnswerAsTheContextEnds(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	answered := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		cancel() // the run is stopped as the answer arrives
		return &http.Response{StatusCode: http.StatusCreated, Header: http.Header{"Content-Type": {"application/json"}},
			Body: io.NopCloser(strings.NewReader(`{"id":"g1"}`)), Request: r}, nil
	})}
	c, err := New(Config{BaseURL: "http://sandbox.test", Common: Common{MaxRetries: 3, HTTPClient: answered}})
	if err != nil {
		t.Fatal(err)
	}
	var out struct {
		ID string `json:"id"`
	}
	_, err = c.Do(ctx, http.MethodPost, "/wiki/rest/api/group", nil, map[string]string{"name": "g"}, &out)
	var unknown *OutcomeUnknownError
	switch {
	case err == nil && out.ID != "g1":
		t.Errorf("the answer was read as %+v", out)
	case err != nil && !errors.As(err, &unknown):
		t.Errorf("got %v, want the answer or *OutcomeUnknownError", err)
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestLimiterIsSharedAcrossClients(t *testing.T) {
	// A limiter that effectively never refills: its tokens count the attempts of every client using it.
	limiter := rate.NewLimiter(rate.Every(24*time.Hour), 10)
	srvA := newCountingServer(t, sequence(status(429, "0"), jsonBody(200, `{}`)))
	srvB := newCountingServer(t, jsonBody(200, `{}`))
	a := newTestClient(t, srvA, Config{Common: Common{MaxRetries: 2, Limiter: limiter}})
	b := newTestClient(t, srvB, Config{Common: Common{MaxRetries: 2, Limiter: limiter}})

	for _, c := range []*Client{a, a, b} {
		if _, err := c.Do(context.Background(), http.MethodGet, "/x", nil, nil, nil); err != nil {
			t.Fatal(err)
		}
	}
	// Four attempts: A's first request was retried once after its 429.
	if got := int(limiter.Tokens()); got != 6 {
		t.Errorf("limiter has %d tokens left, want 6 (one per attempt, retries included)", got)
	}

	// With one token between them, once A has used it B waits for the next one instead of going out.
	single := rate.NewLimiter(rate.Every(24*time.Hour), 1)
	a.limiter, b.limiter = single, single
	if _, err := a.Do(context.Background(), http.MethodGet, "/x", nil, nil, nil); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	before := srvB.hits.Load()
	if _, err := b.Do(ctx, http.MethodGet, "/x", nil, nil, nil); err == nil {
		t.Fatal("B's request went out although A had taken the shared limiter's only token")
	}
	if srvB.hits.Load() != before {
		t.Error("B's server was reached without a limiter token")
	}
}

// A search sent as POST is marked AsRead: it is retried as a GET is, after server errors and lost answers,
// and the same body reaches the server every time.
func TestAsReadRetriesAPostLikeARead(t *testing.T) {
	var (
		mu     sync.Mutex
		bodies []string
	)
	srv := newCountingServer(t, sequence(status(503, ""), dropConnection, status(500, ""), jsonBody(200, `{"ok":true}`)))
	inner := srv.Config.Handler
	srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		bodies = append(bodies, string(b))
		mu.Unlock()
		inner.ServeHTTP(w, r)
	})
	c := newTestClient(t, srv, Config{Common: Common{MaxRetries: 5}})
	var out map[string]any
	if _, err := c.Do(context.Background(), http.MethodPost, "/search", nil, map[string]int{"limit": 100}, &out, AsRead()); err != nil {
		t.Fatalf("a POST marked AsRead failed: %v", err)
	}
	if got := srv.hits.Load(); got != 4 || out["ok"] != true {
		t.Fatalf("server saw %d requests (want 4), out %v", got, out)
	}
	mu.Lock()
	defer mu.Unlock()
	for i, b := range bodies {
		if b != `{"limit":100}` {
			t.Errorf("attempt %d sent body %q", i+1, b)
		}
	}

	t.Run("without AsRead the same POST is not repeated", func(t *testing.T) {
		srv := newCountingServer(t, sequence(status(503, ""), jsonBody(200, `{}`)))
		c := newTestClient(t, srv, Config{Common: Common{MaxRetries: 5}})
		if _, err := c.Do(context.Background(), http.MethodPost, "/search", nil, map[string]int{"limit": 100}, nil); !IsStatus(err, 503) {
			t.Fatalf("got %v, want the 503", err)
		}
		if got := srv.hits.Load(); got != 1 {
			t.Errorf("server saw %d requests, want 1", got)
		}
	})
}
