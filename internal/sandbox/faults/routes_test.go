package faults

import (
	"maps"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestCountsByRouteTemplate(t *testing.T) {
	s := newSandbox(t, Config{RateLimitEvery: 3})
	calls := []call{
		{"GET", "/wiki/rest/api/group/g1/membersByGroupId"},
		{"GET", "/wiki/rest/api/group/g2/membersByGroupId"},
		{"GET", "/wiki/rest/api/group/g3/membersByGroupId"}, // 429
		{"GET", "/wiki/rest/api/user/memberof"},             // template from SetRoute
		{"GET", "/wiki/rest/api/user/current"},
		{"GET", "/wiki/rest/api/nope"}, // 429, no route: counted by path
		{"GET", "/wiki/rest/api/nope"}, // 404, no route
		{"GET", "/_sandbox/counts"},    // control: not counted
		{"GET", "/other"},              // not faultable, still counted
	}
	for _, c := range calls {
		s.do(t, c.method, c.path)
	}
	want := map[string]int64{
		"GET /wiki/rest/api/group/{groupId}/membersByGroupId":       2,
		"GET /wiki/rest/api/group/{groupId}/membersByGroupId [429]": 1,
		"GET /wiki/rest/api/user/{rest...}":                         2,
		"GET /wiki/rest/api/nope [429]":                             1,
		"GET /wiki/rest/api/nope":                                   1,
		"GET /other":                                                1,
	}
	if got := s.injector.Counts(); !maps.Equal(got, want) {
		t.Errorf("Counts() = %v\nwant %v", got, want)
	}
	s.injector.ResetCounts()
	if got := s.injector.Counts(); len(got) != 0 {
		t.Errorf("after ResetCounts: %v", got)
	}
}

func TestFaultedCounts(t *testing.T) {
	tests := []struct {
		name  string
		cfg   Config
		calls []call
		want  map[string]int64
	}{
		{"503", Config{UnavailableEvery: 2}, repeat(getSettings, 2), map[string]int64{
			"GET /csum-admin/v1/settings": 1, "GET /csum-admin/v1/settings [503]": 1,
		}},
		{"dropped before the handler", Config{DropEvery: 1}, repeat(postGroup, 2), map[string]int64{
			"POST /wiki/rest/api/group [dropped]": 2,
		}},
		{"dropped after the handler applied the write", Config{DropEvery: 1, DropWrites: true},
			[]call{postGroup, getMembers}, map[string]int64{
				"POST /wiki/rest/api/group":                           1,
				"POST /wiki/rest/api/group [dropped]":                 1,
				"GET /wiki/rest/api/group/{groupId}/membersByGroupId": 1,
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSandbox(t, tt.cfg)
			for _, c := range tt.calls {
				s.do(t, c.method, c.path)
			}
			if got := s.injector.Counts(); !maps.Equal(got, tt.want) {
				t.Errorf("Counts() = %v\nwant %v", got, tt.want)
			}
		})
	}
}

// A middleware between Wrap and the router copies the request, so the router's
// r.Pattern never reaches Wrap; SetRoute still does, through the context.
func TestSetRouteThroughMiddleware(t *testing.T) {
	i := New(Config{})
	mux := http.NewServeMux()
	mux.HandleFunc("GET /wiki/rest/api/space/{key}", func(w http.ResponseWriter, r *http.Request) {
		SetRoute(r, r.Pattern)
	})
	copying := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mux.ServeHTTP(w, r.WithContext(r.Context()))
	})
	i.Wrap(copying).ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/wiki/rest/api/space/DEV", nil))
	want := map[string]int64{"GET /wiki/rest/api/space/{key}": 1}
	if got := i.Counts(); !maps.Equal(got, want) {
		t.Errorf("Counts() = %v, want %v", got, want)
	}
}

func TestTemplatePath(t *testing.T) {
	tests := map[string]string{
		"":                               "",
		"/wiki/rest/api/group":           "/wiki/rest/api/group",
		"GET /wiki/rest/api/group/{id}":  "/wiki/rest/api/group/{id}",
		"POST example.com/csum-admin/v1": "/csum-admin/v1",
	}
	for template, want := range tests {
		if got := templatePath(template); got != want {
			t.Errorf("templatePath(%q) = %q, want %q", template, got, want)
		}
	}
}
