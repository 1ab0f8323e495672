package faults

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

func TestLatencyIsAdded(t *testing.T) {
	s := newSandbox(t, Config{Latency: 50 * time.Millisecond})
	start := time.Now()
	if status, _, _ := s.do(t, getMembers.method, getMembers.path); status != 200 {
		t.Fatalf("status %d", status)
	}
	if elapsed := time.Since(start); elapsed < 50*time.Millisecond {
		t.Errorf("request took %v, want at least the 50ms latency", elapsed)
	}
}

func TestLatencySkipsControlEndpoints(t *testing.T) {
	s := newSandbox(t, Config{Latency: time.Hour})
	// Would block for an hour (and time the test out) if latency applied here.
	if status, _, _ := s.send(t, "GET", "/_sandbox/faults", ""); status != 200 {
		t.Errorf("status %d", status)
	}
}

func TestCancelledRequestStopsWaiting(t *testing.T) {
	i := New(Config{Latency: time.Hour})
	ran := false
	handler := i.Wrap(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { ran = true }))
	ctx, cancel := context.WithCancel(context.Background())
	req := httptest.NewRequest("GET", "/wiki/rest/api/group", nil).WithContext(ctx)

	done := make(chan struct{})
	go func() {
		defer close(done)
		handler.ServeHTTP(httptest.NewRecorder(), req)
	}()
	cancel()
	select {
	case <-done:
	case <-time.After(30 * time.Second): // a safety net, far beyond any real wait
		t.Fatal("the handler kept waiting after the request was cancelled")
	}
	if ran {
		t.Error("the inner handler ran for a cancelled request")
	}
	if counts := i.Counts(); len(counts) != 0 {
		t.Errorf("a cancelled request was counted: %v", counts)
	}
}
