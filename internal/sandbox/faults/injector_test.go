package faults

import (
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
)

type call struct{ method, path string }

var (
	getMembers  = call{"GET", "/wiki/rest/api/group/g1/membersByGroupId"}
	postGroup   = call{"POST", "/wiki/rest/api/group"}
	getSettings = call{"GET", "/csum-admin/v1/settings"}
	getCounts   = call{"GET", "/_sandbox/counts"}
	getOther    = call{"GET", "/other"}
)

func repeat(c call, n int) []call {
	calls := make([]call, n)
	for i := range calls {
		calls[i] = c
	}
	return calls
}

func TestFaultSchedule(t *testing.T) {
	tests := []struct {
		name    string
		cfg     Config
		calls   []call
		want    []int
		applied int64
	}{
		{"no faults", Config{}, repeat(getMembers, 3), []int{200, 200, 200}, 0},
		{"every third answers 429", Config{RateLimitEvery: 3}, repeat(getMembers, 6),
			[]int{200, 200, 429, 200, 200, 429}, 0},
		{"every second answers 503", Config{UnavailableEvery: 2}, repeat(getSettings, 4),
			[]int{200, 503, 200, 503}, 0},
		{"503 wins over 429 on a shared request", Config{UnavailableEvery: 2, RateLimitEvery: 3}, repeat(getMembers, 6),
			[]int{200, 503, 429, 503, 200, 503}, 0},
		{"drop wins over 503", Config{DropEvery: 2, UnavailableEvery: 2}, repeat(getMembers, 2),
			[]int{200, dropped}, 0},
		{"dropped writes are not applied", Config{DropEvery: 2}, repeat(postGroup, 4),
			[]int{201, dropped, 201, dropped}, 2},
		{"DropWrites drops every second write after applying it", Config{DropEvery: 2, DropWrites: true},
			[]call{getMembers, postGroup, getMembers, postGroup, getMembers, postGroup, postGroup},
			[]int{200, 201, 200, dropped, 200, 201, dropped}, 4},
		{"RPS limit answers 429 once the burst is spent", Config{RateLimitRPS: 0.001}, repeat(getMembers, 3),
			[]int{200, 429, 429}, 0},
		{"Only limits the schedule to the requests it matches", Config{UnavailableEvery: 1, Only: `^POST /wiki/rest/api/group$`},
			[]call{getMembers, postGroup, getMembers, postGroup}, []int{200, 503, 200, 503}, 0},
		{"only Confluence and app paths are faulted", Config{RateLimitEvery: 1},
			[]call{getMembers, getSettings, getCounts, getOther}, []int{429, 429, 200, 200}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSandbox(t, tt.cfg)
			var got []int
			for _, c := range tt.calls {
				status, _, _ := s.do(t, c.method, c.path)
				got = append(got, status)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("statuses = %v, want %v", got, tt.want)
			}
			if n := s.applied.Load(); n != tt.applied {
				t.Errorf("writes applied = %d, want %d", n, tt.applied)
			}
		})
	}
}

func TestSetRestartsTheSchedule(t *testing.T) {
	s := newSandbox(t, Config{RateLimitEvery: 2})
	if status, _, _ := s.do(t, getMembers.method, getMembers.path); status != 200 {
		t.Fatalf("first request: %d", status)
	}
	s.injector.Set(Config{RateLimitEvery: 2})
	if status, _, _ := s.do(t, getMembers.method, getMembers.path); status != 200 {
		t.Errorf("first request after Set = %d, want 200 (schedule restarted)", status)
	}
	if status, _, _ := s.do(t, getMembers.method, getMembers.path); status != 429 {
		t.Errorf("second request after Set = %d, want 429", status)
	}
}

func TestSetNormalizes(t *testing.T) {
	i := New(Config{Latency: -1, RateLimitEvery: -2, RateLimitRPS: -3, UnavailableEvery: -4, DropEvery: -5})
	want := Config{RetryAfter: DefaultRetryAfter}
	if got := i.Config(); got != want {
		t.Errorf("Config() = %+v, want %+v", got, want)
	}
}

// The schedule is exact under concurrency: every 4th of 200 parallel requests is refused.
func TestScheduleUnderConcurrency(t *testing.T) {
	i := New(Config{RateLimitEvery: 4})
	handler := i.Wrap(http.NotFoundHandler())
	var wg sync.WaitGroup
	for range 200 {
		wg.Go(func() {
			handler.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/wiki/rest/api/group", nil))
		})
	}
	wg.Wait()
	want := map[string]int64{"GET /wiki/rest/api/group": 150, "GET /wiki/rest/api/group [429]": 50}
	if got := i.Counts(); !maps.Equal(got, want) {
		t.Errorf("Counts() = %v, want %v", got, want)
	}
}

// Without a hijackable connection (HTTP/2) a drop aborts the handler the way net/http
// understands: by panicking with http.ErrAbortHandler.
func TestDropWithoutHijacker(t *testing.T) {
	handler := New(Config{DropEvery: 1}).Wrap(http.NotFoundHandler())
	defer func() {
		if got := recover(); got != http.ErrAbortHandler {
			t.Errorf("recovered %v, want http.ErrAbortHandler", got)
		}
	}()
	handler.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/wiki/rest/api/group", nil))
}
