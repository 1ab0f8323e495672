package httpx

import (
	"context"
	"fmt"
	"net/http"
	"reflect"
	"testing"
	"time"
)

// items is a list the fake servers below page through.
func items(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

func TestCollectOffsetFollowsLinksRelativeToBase(t *testing.T) {
	all := items(450)
	srv := newCountingServer(t, (&offsetList{list: func() []int { return all }}).serve)
	c := newTestClient(t, srv, Config{})
	got, err := CollectOffset[int](context.Background(), c, "/wiki/rest/api/things", map[string][]string{"limit": {"200"}})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, all) {
		t.Errorf("collected %d items, want all %d in order", len(got), len(all))
	}
	if hits := srv.hits.Load(); hits != 3 {
		t.Errorf("server saw %d requests, want 3 (ceil(450/200))", hits)
	}
}

// Concurrent paging reads the pages sequential paging reads, no more, in order, several at once.
func TestCollectOffsetConcurrently(t *testing.T) {
	all := items(2050)
	for _, withTotal := range []bool{true, false} {
		t.Run(fmt.Sprintf("server gives the total: %v", withTotal), func(t *testing.T) {
			list := &offsetList{list: func() []int { return all }, withTotal: withTotal, delay: 5 * time.Millisecond}
			srv := newCountingServer(t, list.serve)
			c := newTestClient(t, srv, Config{})
			got, err := CollectOffsetConcurrently[int](context.Background(), c, "/wiki/rest/api/things", map[string][]string{"limit": {"200"}}, 4)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, all) {
				t.Errorf("collected %d items, want all %d in order", len(got), len(all))
			}
			if hits := srv.hits.Load(); hits != 11 {
				t.Errorf("server saw %d requests, want 11 (ceil(2050/200))", hits)
			}
			if want := map[bool]int{true: 4, false: 1}[withTotal]; list.most != want {
				t.Errorf("at most %d requests at once, want %d", list.most, want)
			}
		})
	}
}

// A list that grows while it is read is read on to its end; one that shrinks ends early.
func TestCollectOffsetConcurrentlyListChanging(t *testing.T) {
	for _, tc := range []struct {
		name        string
		after, want int
	}{{"grows", 1000, 1000}, {"shrinks", 350, 350}} {
		t.Run(tc.name, func(t *testing.T) {
			var served int
			list := &offsetList{withTotal: true, list: func() []int {
				served++
				if served == 1 {
					return items(600)
				}
				return items(tc.after)
			}}
			srv := newCountingServer(t, list.serve)
			c := newTestClient(t, srv, Config{})
			got, err := CollectOffsetConcurrently[int](context.Background(), c, "/wiki/rest/api/things", map[string][]string{"limit": {"200"}}, 1)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, items(tc.want)) {
				t.Errorf("collected %d items, want %d", len(got), tc.want)
			}
		})
	}
}

func TestCollectOffsetConcurrentlyFailsWithAPage(t *testing.T) {
	list := &offsetList{list: func() []int { return items(1000) }, withTotal: true}
	srv := newCountingServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("start") == "600" {
			status(http.StatusBadRequest, "")(w, r)
			return
		}
		list.serve(w, r)
	})
	c := newTestClient(t, srv, Config{})
	if _, err := CollectOffsetConcurrently[int](context.Background(), c, "/wiki/rest/api/things", map[string][]string{"limit": {"200"}}, 4); !IsStatus(err, http.StatusBadRequest) {
		t.Fatalf("err = %v, want the 400 of the failed page", err)
	}
}

func TestCollectCursor(t *testing.T) {
	pages := map[string]struct {
		link, bodyNext string
		results        string
	}{
		"":   {link: `</wiki/api/v2/things?cursor=c1>; rel="next", <http://elsewhere.example/wiki>; rel="base"`, results: `[1,2]`},
		"c1": {bodyNext: "/wiki/api/v2/things?cursor=c2", results: `[3]`}, // no Link header: fall back to _links.next
		"c2": {results: `[4,5]`},
	}
	srv := newCountingServer(t, func(w http.ResponseWriter, r *http.Request) {
		p, ok := pages[r.URL.Query().Get("cursor")]
		if !ok || r.URL.Path != "/wiki/api/v2/things" {
			http.NotFound(w, r)
			return
		}
		if p.link != "" {
			w.Header().Set("Link", p.link)
		}
		jsonBody(200, fmt.Sprintf(`{"results":%s,"_links":{"next":%q,"base":"http://elsewhere.example/wiki"}}`, p.results, p.bodyNext))(w, r)
	})
	c := newTestClient(t, srv, Config{})
	got, err := CollectCursor[int](context.Background(), c, "/wiki/api/v2/things", map[string][]string{"limit": {"250"}})
	if err != nil {
		t.Fatal(err)
	}
	if want := []int{1, 2, 3, 4, 5}; !reflect.DeepEqual(got, want) {
		t.Errorf("collected %v, want %v", got, want)
	}
	if hits := srv.hits.Load(); hits != 3 {
		t.Errorf("server saw %d requests, want 3", hits)
	}
}

func TestPathFromLink(t *testing.T) {
	tests := []struct {
		clientBase, link, base, want string
	}{
		{"https://site.example", "/rest/api/group?start=200&limit=200", "https://site.example/wiki", "/wiki/rest/api/group?start=200&limit=200"},
		{"https://site.example", "/wiki/api/v2/spaces?cursor=XYZ", "https://site.example/wiki", "/wiki/api/v2/spaces?cursor=XYZ"},
		{"https://site.example", "https://other.example/wiki/api/v2/spaces?cursor=XYZ", "", "/wiki/api/v2/spaces?cursor=XYZ"},
		{"https://site.example", "/wiki/api/v2/spaces?cursor=XYZ", "", "/wiki/api/v2/spaces?cursor=XYZ"},
		{"https://api.example/ex/confluence/abc", "/rest/api/group?start=2", "https://api.example/ex/confluence/abc/wiki", "/wiki/rest/api/group?start=2"},
	}
	for _, tt := range tests {
		c, err := New(Config{BaseURL: tt.clientBase})
		if err != nil {
			t.Fatal(err)
		}
		got, err := c.pathFromLink(tt.link, tt.base)
		if err != nil || got != tt.want {
			t.Errorf("pathFromLink(%q, %q) on %s = %q, %v; want %q", tt.link, tt.base, tt.clientBase, got, err, tt.want)
		}
	}
}

func TestParseLinkHeader(t *testing.T) {
	got := parseLinkHeader([]string{`</a?cursor=1>; rel="next", <https://x/wiki>; rel="base"`, `<junk`})
	want := map[string]string{"next": "/a?cursor=1", "base": "https://x/wiki"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("parseLinkHeader = %v, want %v", got, want)
	}
}
