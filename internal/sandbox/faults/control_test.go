package faults

import (
	"encoding/json"
	"maps"
	"strings"
	"testing"
	"time"
)

func TestControlFaultsRoundTrip(t *testing.T) {
	s := newSandbox(t, Config{RateLimitEvery: 9})
	put := `{"latency":"20ms","rateLimitEvery":0,"rateLimitRPS":2.5,"retryAfter":"3s",` +
		`"unavailableEvery":4,"dropEvery":5,"dropWrites":true}`
	status, _, body := s.send(t, "PUT", "/_sandbox/faults", put)
	if status != 200 {
		t.Fatalf("PUT: %d %s", status, body)
	}
	want := Config{Latency: 20 * time.Millisecond, RateLimitRPS: 2.5, RetryAfter: 3 * time.Second,
		UnavailableEvery: 4, DropEvery: 5, DropWrites: true}
	if got := s.injector.Config(); got != want {
		t.Errorf("Config() = %+v, want %+v", got, want)
	}
	status, _, body = s.send(t, "GET", "/_sandbox/faults", "")
	if status != 200 || strings.TrimSpace(body) != put {
		t.Errorf("GET = %d %s\nwant %s", status, body, put)
	}
}

func TestControlFaultsPartialBodyTurnsTheRestOff(t *testing.T) {
	s := newSandbox(t, Config{RateLimitEvery: 9, DropEvery: 3})
	if status, _, body := s.send(t, "PUT", "/_sandbox/faults", `{"unavailableEvery":2}`); status != 200 {
		t.Fatalf("PUT: %d %s", status, body)
	}
	want := Config{UnavailableEvery: 2, RetryAfter: DefaultRetryAfter}
	if got := s.injector.Config(); got != want {
		t.Errorf("Config() = %+v, want %+v", got, want)
	}
}

func TestControlFaultsRejectsBadInput(t *testing.T) {
	tests := map[string]string{
		"unknown field":     `{"rateLimitEvry":2}`,
		"negative counter":  `{"dropEvery":-1}`,
		"negative duration": `{"latency":"-5ms"}`,
		"bad duration":      `{"retryAfter":"soon"}`,
		"number duration":   `{"latency":20}`,
		"not JSON":          `rateLimitEvery=2`,
		"bad only pattern":  `{"only":"(unclosed"}`,
	}
	for name, body := range tests {
		t.Run(name, func(t *testing.T) {
			before := Config{RateLimitEvery: 9}
			s := newSandbox(t, before)
			status, _, answer := s.send(t, "PUT", "/_sandbox/faults", body)
			if status != 400 || !strings.Contains(answer, `"code":"BAD_REQUEST"`) {
				t.Errorf("PUT %s = %d %s, want 400 BAD_REQUEST", body, status, answer)
			}
			if got := s.injector.Config(); got.RateLimitEvery != 9 {
				t.Errorf("config changed by a rejected PUT: %+v", got)
			}
		})
	}
}

func TestControlCounts(t *testing.T) {
	s := newSandbox(t, Config{})
	s.do(t, getMembers.method, getMembers.path)
	status, _, body := s.send(t, "GET", "/_sandbox/counts", "")
	var counts map[string]int64
	if err := json.Unmarshal([]byte(body), &counts); status != 200 || err != nil {
		t.Fatalf("GET counts = %d %s (%v)", status, body, err)
	}
	want := map[string]int64{"GET /wiki/rest/api/group/{groupId}/membersByGroupId": 1}
	if !maps.Equal(counts, want) {
		t.Errorf("counts = %v, want %v", counts, want)
	}
	if status, _, _ := s.send(t, "DELETE", "/_sandbox/counts", ""); status != 204 {
		t.Errorf("DELETE counts = %d, want 204", status)
	}
	if got := s.injector.Counts(); len(got) != 0 {
		t.Errorf("counts after DELETE: %v", got)
	}
}

func TestControlWrongMethod(t *testing.T) {
	s := newSandbox(t, Config{})
	if status, _, _ := s.send(t, "POST", "/_sandbox/faults", "{}"); status != 405 {
		t.Errorf("POST /_sandbox/faults = %d, want 405", status)
	}
}
