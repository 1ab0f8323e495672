package faults

import (
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// randomRequests are distinct requests, reads and writes, with bodies that tell writes apart.
func randomRequests(n int) []*http.Request {
	reqs := make([]*http.Request, 0, n)
	for k := range n {
		if k%2 == 0 {
			reqs = append(reqs, httptest.NewRequest("GET", fmt.Sprintf("/wiki/rest/api/group/g%d/membersByGroupId?start=0", k), nil))
			continue
		}
		body := fmt.Sprintf(`{"accountId":"a%d"}`, k)
		reqs = append(reqs, httptest.NewRequest("POST", "/wiki/rest/api/group/userByGroupId?groupId=g1", strings.NewReader(body)))
	}
	return reqs
}

// faultsByKey serves reqs through an injector configured with r, in the given order, and returns each
// request's fault by key.
func faultsByKey(t *testing.T, r Random, reqs []*http.Request, order []int) map[string]Fault {
	t.Helper()
	i := New(Config{Random: &r})
	var mu sync.Mutex
	got := map[string]Fault{}
	i.Watch(func(e Event) time.Duration {
		mu.Lock()
		defer mu.Unlock()
		got[e.Key] = e.Fault
		return 0
	})
	handler := i.Wrap(http.NotFoundHandler())
	for _, k := range order {
		func() {
			defer func() { _ = recover() }() // a recorder cannot be hijacked: a drop aborts the handler
			handler.ServeHTTP(httptest.NewRecorder(), reqs[k])
		}()
	}
	return got
}

// The same seed and stream give every request the same fault, whatever order the requests arrive in.
func TestRandomScheduleIgnoresArrivalOrder(t *testing.T) {
	r := Random{Seed: 42, Stream: 7, RateLimited: 0.1, Unavailable: 0.1, DropBefore: 0.1, DropAfter: 0.1}
	const n = 200
	forward := make([]int, n)
	for k := range forward {
		forward[k] = k
	}
	shuffled := rand.New(rand.NewPCG(1, 2)).Perm(n)
	a, b := faultsByKey(t, r, randomRequests(n), forward), faultsByKey(t, r, randomRequests(n), shuffled)
	if len(a) != n || !maps.Equal(a, b) {
		t.Fatal("the same requests in another order met other faults")
	}
	kinds := map[Fault]int{}
	for _, f := range a {
		kinds[f]++
	}
	for _, f := range []Fault{None, RateLimited, Unavailable, DroppedBefore, DroppedAfter} {
		if kinds[f] == 0 {
			t.Errorf("no request met %v in %d: %v", f, n, kinds)
		}
	}
	r.Stream++
	if c := faultsByKey(t, r, randomRequests(n), forward); maps.Equal(a, c) {
		t.Error("another stream gave the same schedule")
	}
}

func TestRandomScheduleShares(t *testing.T) {
	tests := []struct {
		name  string
		r     Random
		write bool
		want  map[Fault]float64 // expected share of each fault
	}{
		{"nothing", Random{Seed: 1}, true, map[Fault]float64{None: 1}},
		{"every request 429", Random{Seed: 1, RateLimited: 1}, false, map[Fault]float64{RateLimited: 1}},
		{"a quarter each", Random{Seed: 1, RateLimited: 0.25, Unavailable: 0.25, DropBefore: 0.25, DropAfter: 0.25}, true,
			map[Fault]float64{RateLimited: 0.25, Unavailable: 0.25, DroppedBefore: 0.25, DroppedAfter: 0.25}},
		{"reads are never dropped after a write", Random{Seed: 1, DropAfter: 0.5}, false, map[Fault]float64{None: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			const n = 4000
			got := map[Fault]int{}
			for k := range n {
				f, _ := tt.r.decide(fmt.Sprintf("GET /wiki/x%d", k), 0, tt.write)
				got[f]++
			}
			for f, share := range tt.want {
				if diff := float64(got[f])/n - share; diff < -0.03 || diff > 0.03 {
					t.Errorf("%v: %d of %d, want a share of %.2f", f, got[f], n, share)
				}
			}
		})
	}
}

// A retry is the same request again: drawn afresh, and never faulted more often than MaxPerRequest.
func TestRandomScheduleBoundsFaultsPerRequest(t *testing.T) {
	s := newSandbox(t, Config{Random: &Random{Seed: 3, Unavailable: 1, MaxPerRequest: 2}})
	var got []int
	for range 4 {
		status, _, _ := s.do(t, getMembers.method, getMembers.path)
		got = append(got, status)
	}
	if want := []int{503, 503, 200, 200}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("statuses = %v, want %v", got, want)
	}
	s.injector.Set(Config{Random: &Random{Seed: 3, Unavailable: 1, MaxPerRequest: 2}})
	if status, _, _ := s.do(t, getMembers.method, getMembers.path); status != 503 {
		t.Errorf("after Set: %d, want 503 (the bound starts again)", status)
	}
}

// The schedule reads a body to key the request and gives it back whole to the handler.
func TestRandomScheduleKeepsTheBody(t *testing.T) {
	var seen string
	i := New(Config{Random: &Random{Seed: 5}})
	handler := i.Wrap(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		seen = string(b)
	}))
	var key string
	i.Watch(func(e Event) time.Duration { key = e.Key; return 0 })
	body := `{"accountId":"557058:abc"}`
	handler.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("POST", "/wiki/rest/api/group/userByGroupId?groupId=g1", strings.NewReader(body)))
	if seen != body {
		t.Errorf("the handler read %q, want %q", seen, body)
	}
	if want := RequestKey("POST", "/wiki/rest/api/group/userByGroupId", "groupId=g1", []byte(body)); key != want {
		t.Errorf("key = %q, want %q", key, want)
	}
}

func TestRandomScheduleLatency(t *testing.T) {
	r := Random{Seed: 9, MaxLatency: 30 * time.Millisecond}
	var longest time.Duration
	for k := range 200 {
		_, d := r.decide(fmt.Sprintf("GET /wiki/x%d", k), 0, false)
		if d < 0 || d > r.MaxLatency {
			t.Fatalf("latency %v outside [0, %v]", d, r.MaxLatency)
		}
		longest = max(longest, d)
	}
	if longest < r.MaxLatency/2 {
		t.Errorf("the longest of 200 latencies is %v, far below %v", longest, r.MaxLatency)
	}
}

// The counters' faults win, and the random schedule decides the requests they leave alone.
func TestRandomScheduleAfterTheCounters(t *testing.T) {
	s := newSandbox(t, Config{RateLimitEvery: 2, Random: &Random{Seed: 1, Unavailable: 1}})
	var got []int
	for range 4 {
		status, _, _ := s.do(t, getOther.method, "/wiki/api/v2/spaces")
		got = append(got, status)
	}
	if want := []int{503, 429, 503, 429}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("statuses = %v, want %v", got, want)
	}
}

func TestWatchReportsEveryFaultableRequest(t *testing.T) {
	s := newSandbox(t, Config{DropEvery: 2, DropWrites: true})
	var mu sync.Mutex
	var events []Event
	s.injector.Watch(func(e Event) time.Duration {
		mu.Lock()
		defer mu.Unlock()
		events = append(events, e)
		return 0
	})
	for _, c := range []call{getMembers, postGroup, postGroup, getCounts} {
		s.do(t, c.method, c.path)
	}
	want := []Event{
		{Method: "GET", Path: getMembers.path, Fault: None},
		{Method: "POST", Path: postGroup.path, Write: true, Fault: None},
		{Method: "POST", Path: postGroup.path, Write: true, Fault: DroppedAfter},
	}
	if fmt.Sprint(events) != fmt.Sprint(want) {
		t.Errorf("events = %v\nwant %v", events, want)
	}
}

func TestControlRandomRoundTrip(t *testing.T) {
	s := newSandbox(t, Config{})
	put := `{"latency":"0s","rateLimitEvery":0,"rateLimitRPS":0,"retryAfter":"1s","unavailableEvery":0,"dropEvery":0,` +
		`"dropWrites":false,"random":{"seed":18446744073709551615,"stream":3,"rateLimited":0.1,"unavailable":0.2,` +
		`"dropBefore":0.05,"dropAfter":0.05,"maxLatency":"20ms","maxPerRequest":2}}`
	if status, _, body := s.send(t, "PUT", "/_sandbox/faults", put); status != 200 || strings.TrimSpace(body) != put {
		t.Fatalf("PUT = %d %s\nwant %s", status, body, put)
	}
	want := Random{Seed: 1<<64 - 1, Stream: 3, RateLimited: 0.1, Unavailable: 0.2, DropBefore: 0.05, DropAfter: 0.05,
		MaxLatency: 20 * time.Millisecond, MaxPerRequest: 2}
	if got := s.injector.Config().Random; got == nil || *got != want {
		t.Errorf("Random = %+v, want %+v", got, want)
	}
	for name, body := range map[string]string{
		"share above 1":      `{"random":{"rateLimited":1.5}}`,
		"negative share":     `{"random":{"dropAfter":-0.1}}`,
		"shares above 1":     `{"random":{"rateLimited":0.6,"unavailable":0.6}}`,
		"negative latency":   `{"random":{"maxLatency":"-1ms"}}`,
		"negative bound":     `{"random":{"maxPerRequest":-1}}`,
		"unknown field":      `{"random":{"sed":1}}`,
		"latency not a text": `{"random":{"maxLatency":5}}`,
	} {
		if status, _, answer := s.send(t, "PUT", "/_sandbox/faults", body); status != 400 {
			t.Errorf("%s: PUT %s = %d %s, want 400", name, body, status, answer)
		}
	}
}

// A watcher can hold an answer back: the write is carried out at once, and the answer comes later.
func TestWatchHoldsAnAnswer(t *testing.T) {
	s := newSandbox(t, Config{})
	s.injector.Watch(func(e Event) time.Duration {
		if e.Write {
			return 200 * time.Millisecond
		}
		return 0
	})
	done := make(chan int, 1)
	go func() {
		status, _, _ := s.do(t, postGroup.method, postGroup.path)
		done <- status
	}()
	deadline := time.Now().Add(5 * time.Second)
	for s.applied.Load() == 0 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	select {
	case status := <-done:
		t.Fatalf("answered %d before the hold ended", status)
	default:
	}
	if s.applied.Load() != 1 {
		t.Fatal("the write was not carried out while its answer was held")
	}
	if status := <-done; status != 201 {
		t.Errorf("the held answer is %d, want 201", status)
	}
}
