package faults

import (
	"strconv"
	"testing"
	"time"
)

func TestFaultBodies(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		path string
		want string
	}{
		{"v2 429", Config{RateLimitEvery: 1}, "/wiki/api/v2/spaces",
			`{"errors":[{"status":429,"code":"TOO_MANY_REQUESTS","title":"Too Many Requests","detail":null}]}`},
		{"v2 503", Config{UnavailableEvery: 1}, "/wiki/api/v2/spaces",
			`{"errors":[{"status":503,"code":"SERVICE_UNAVAILABLE","title":"Service Unavailable","detail":null}]}`},
		{"v1 429", Config{RateLimitEvery: 1}, "/wiki/rest/api/group/g/membersByGroupId",
			`{"statusCode":429,"message":"Rate limit exceeded"}`},
		{"v1 503", Config{UnavailableEvery: 1}, "/wiki/rest/api/group/g/membersByGroupId",
			`{"statusCode":503,"message":"Service Unavailable"}`},
		{"v1 behind the OAuth gateway", Config{RateLimitEvery: 1}, "/ex/confluence/cloud-1/wiki/rest/api/group",
			`{"statusCode":429,"message":"Rate limit exceeded"}`},
		{"v2 behind the OAuth gateway", Config{RateLimitEvery: 1}, "/ex/confluence/cloud-1/wiki/api/v2/spaces",
			`{"errors":[{"status":429,"code":"TOO_MANY_REQUESTS","title":"Too Many Requests","detail":null}]}`},
		{"app 429", Config{RateLimitEvery: 1, RetryAfter: 3 * time.Second}, "/csum-admin/v1/settings",
			`{"error":{"code":"RATE_LIMITED","message":"rate limit exceeded; retry after 3 s","details":[]}}`},
		{"app 503", Config{UnavailableEvery: 1}, "/csum-admin/v1/settings",
			`{"error":{"code":"UNAVAILABLE","message":"temporarily unavailable; retry after 1 s","details":[]}}`},
		{"Admin API 429", Config{RateLimitEvery: 1, RetryAfter: 2 * time.Second}, "/admin/v2/orgs/o/directories",
			`{"errors":[{"status":"429","code":"ADMIN-UAM-429-1","title":"Too Many Requests","detail":"rate limit exceeded; retry after 2 s"}]}`},
		{"Admin API 503", Config{UnavailableEvery: 1}, "/admin/v1/orgs",
			`{"errors":[{"status":"503","code":"ADMIN-UAM-503-1","title":"Service Unavailable","detail":"temporarily unavailable; retry after 1 s"}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSandbox(t, tt.cfg)
			_, header, body := s.do(t, "GET", tt.path)
			if body != tt.want+"\n" {
				t.Errorf("body = %s, want %s", body, tt.want)
			}
			if ct := header.Get("Content-Type"); ct != "application/json" {
				t.Errorf("Content-Type = %q", ct)
			}
		})
	}
}

func TestRetryAfter(t *testing.T) {
	tests := []struct {
		name       string
		cfg        Config
		wantStatus int
		want       string
	}{
		{"default is one second", Config{RateLimitEvery: 1}, 429, "1"},
		{"rounded up to whole seconds", Config{RateLimitEvery: 1, RetryAfter: 2500 * time.Millisecond}, 429, "3"},
		{"at least one second", Config{UnavailableEvery: 1, RetryAfter: time.Millisecond}, 503, "1"},
		{"sent with 503", Config{UnavailableEvery: 1, RetryAfter: 7 * time.Second}, 503, "7"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSandbox(t, tt.cfg)
			status, header, _ := s.do(t, getMembers.method, getMembers.path)
			if status != tt.wantStatus || header.Get("Retry-After") != tt.want {
				t.Errorf("got %d Retry-After %q, want %d %q", status, header.Get("Retry-After"), tt.wantStatus, tt.want)
			}
		})
	}
}

func TestRateLimitedHeaders(t *testing.T) {
	s := newSandbox(t, Config{RateLimitEvery: 1, RetryAfter: 90 * time.Second})
	before := time.Now().UTC()
	status, header, _ := s.do(t, getMembers.method, getMembers.path)
	if status != 429 {
		t.Fatalf("status %d", status)
	}
	want := map[string]string{
		"X-RateLimit-Limit":     nominalLimit,
		"X-RateLimit-Remaining": "0",
		"RateLimit-Reason":      "confluence-quota-tenant-based",
	}
	for name, value := range want {
		if got := header.Get(name); got != value {
			t.Errorf("%s = %q, want %q", name, got, value)
		}
	}
	reset, err := time.Parse(resetLayout, header.Get("X-RateLimit-Reset"))
	if err != nil {
		t.Fatalf("X-RateLimit-Reset: %v", err)
	}
	if earliest := before.Add(90 * time.Second); reset.Before(earliest) {
		t.Errorf("X-RateLimit-Reset %v is before now + Retry-After (%v)", reset, earliest)
	}
}

// The Admin API's 429 carries the X-RateLimit-* headers it documents, and no Confluence quota reason.
func TestAdminRateLimitedHeaders(t *testing.T) {
	s := newSandbox(t, Config{RateLimitEvery: 1})
	status, header, _ := s.do(t, "POST", "/admin/v2/orgs/o/directories/-/users/search")
	if status != 429 || header.Get("Retry-After") != "1" || header.Get("X-RateLimit-Remaining") != "0" ||
		header.Get("X-RateLimit-Limit") == "" || header.Get("X-RateLimit-Reset") == "" {
		t.Fatalf("got %d %v, want 429 with Retry-After and X-RateLimit-*", status, header)
	}
	if reason := header.Get("RateLimit-Reason"); reason != "" {
		t.Errorf("RateLimit-Reason %q on an Admin API answer", reason)
	}
}

// TestRPSLimit drives the limiter with a fake clock, so no assertion depends on speed.
func TestRPSLimit(t *testing.T) {
	s := newSandbox(t, Config{RateLimitRPS: 10})
	clock := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	s.injector.now = func() time.Time { return clock }

	// The burst is one second's worth: 10 requests pass, the last two report NearLimit.
	for n := 1; n <= 10; n++ {
		status, header, _ := s.do(t, getMembers.method, getMembers.path)
		remaining := strconv.Itoa(10 - n)
		near := strconv.FormatBool(10-n < 2)
		if status != 200 || header.Get("X-RateLimit-Limit") != "10" ||
			header.Get("X-RateLimit-Remaining") != remaining || header.Get("X-RateLimit-NearLimit") != near {
			t.Fatalf("request %d: %d limit=%q remaining=%q near=%q, want 200 10 %s %s", n, status,
				header.Get("X-RateLimit-Limit"), header.Get("X-RateLimit-Remaining"),
				header.Get("X-RateLimit-NearLimit"), remaining, near)
		}
	}
	status, header, _ := s.do(t, getMembers.method, getMembers.path)
	if status != 429 || header.Get("X-RateLimit-Limit") != "10" || header.Get("X-RateLimit-Reset") == "" {
		t.Fatalf("over the limit: %d %v", status, header)
	}

	// A client pacing itself at the limit is never refused.
	for n := range 50 {
		clock = clock.Add(100 * time.Millisecond)
		if status, _, _ := s.do(t, getMembers.method, getMembers.path); status != 200 {
			t.Fatalf("paced request %d: %d", n, status)
		}
	}
}
