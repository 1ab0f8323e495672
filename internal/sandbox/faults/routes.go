package faults

import (
	"context"
	"net/http"
	"strings"
	"sync/atomic"
)

// Suffixes of Counts keys for injected faults. A request answered by a fault is counted
// only under its suffixed key; a write dropped after the handler applied it is counted
// under both its plain key (the handler ran) and the [dropped] key.
const (
	SuffixRateLimited = " [429]"
	SuffixUnavailable = " [503]"
	SuffixDropped     = " [dropped]"
)

// routeHolder is put in the request context by Wrap and filled by SetRoute, because the
// inner handler learns its route template only after routing, deep below Wrap.
type routeHolder struct {
	route atomic.Pointer[string]
}

type routeHolderKey struct{}

// SetRoute records the route template that served r (e.g. "/wiki/rest/api/group/{groupId}"
// or a ServeMux pattern such as r.Pattern, "GET /wiki/..."), so Counts groups requests by
// template instead of by concrete path. Outside Wrap it does nothing.
func SetRoute(r *http.Request, route string) {
	if holder, ok := r.Context().Value(routeHolderKey{}).(*routeHolder); ok {
		holder.route.Store(&route)
	}
}

func withRouteHolder(r *http.Request) (*http.Request, *routeHolder) {
	holder := &routeHolder{}
	return r.WithContext(context.WithValue(r.Context(), routeHolderKey{}, holder)), holder
}

func (h *routeHolder) get() string {
	if route := h.route.Load(); route != nil {
		return *route
	}
	return ""
}

// patternResolver is implemented by *http.ServeMux: it finds the pattern a request would
// match without serving it, which names the route of requests a fault answers.
type patternResolver interface {
	Handler(r *http.Request) (http.Handler, string)
}

func resolvePattern(next http.Handler, r *http.Request) string {
	if resolver, ok := next.(patternResolver); ok {
		_, pattern := resolver.Handler(r)
		return pattern
	}
	return ""
}

// countKey is "METHOD template" for the first non-empty template, else "METHOD path".
// Templates may be ServeMux patterns; their method and host parts are dropped so the
// key always carries the request's own method.
func countKey(r *http.Request, templates ...string) string {
	for _, template := range templates {
		if path := templatePath(template); path != "" {
			return r.Method + " " + path
		}
	}
	return r.Method + " " + r.URL.Path
}

func templatePath(template string) string {
	if _, rest, ok := strings.Cut(template, " "); ok {
		template = strings.TrimSpace(rest)
	}
	if slash := strings.IndexByte(template, '/'); slash > 0 {
		template = template[slash:] // a ServeMux pattern may start with a host
	}
	return template
}
