package confluence

import (
	"net/http"
	"slices"
	"strings"

	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/faults"
)

// confluenceHandler serves one Confluence route for an authenticated, licensed caller.
type confluenceHandler func(w http.ResponseWriter, r *http.Request, caller User)

// router registers Confluence routes per path and dispatches on the method itself, so that a known path with
// an unsupported method gets Confluence's 405 body instead of ServeMux's plain-text one.
type router struct {
	store *Store
	paths map[string]map[string]confluenceHandler
	order []string
}

func newRouter(store *Store) *router {
	return &router{store: store, paths: map[string]map[string]confluenceHandler{}}
}

func (rt *router) handle(method, path string, h confluenceHandler) {
	if rt.paths[path] == nil {
		rt.paths[path] = map[string]confluenceHandler{}
		rt.order = append(rt.order, path)
	}
	rt.paths[path][method] = h
}

// install adds every path to mux, each behind authentication.
func (rt *router) install(mux *http.ServeMux) {
	for _, path := range rt.order {
		methods := rt.paths[path]
		mux.Handle(path, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			faults.SetRoute(r, r.Method+" "+path)
			caller, ok := rt.authorize(w, r)
			if !ok {
				return
			}
			h, ok := methods[r.Method]
			if !ok {
				w.Header().Set("Allow", allowed(methods))
				apiError(w, r, http.StatusMethodNotAllowed, excNotAllowed, "HTTP "+r.Method+" is not supported by this resource")
				return
			}
			h(w, r, caller)
		}))
	}
}

func allowed(methods map[string]confluenceHandler) string {
	var names []string
	for m := range methods {
		names = append(names, m)
	}
	slices.Sort(names)
	return strings.Join(names, ", ")
}

// authorize checks the credentials (see authenticate) and the CAN_USE licence, and answers 401 or 403 as
// Cloud does when either fails; the gateway answers a failed authentication with its own body.
func (rt *router) authorize(w http.ResponseWriter, r *http.Request) (User, bool) {
	caller, ok := rt.authenticate(r)
	if !ok {
		switch {
		case viaGateway(r):
			gatewayError(w, http.StatusUnauthorized, "Unauthorized")
		case isV2(r.URL.Path):
			w.Header().Set("WWW-Authenticate", `Basic realm="Confluence"`)
			v2Error(w, http.StatusUnauthorized, "")
		default:
			w.Header().Set("WWW-Authenticate", `Basic realm="Confluence"`)
			shortError(w, http.StatusUnauthorized, "Client must be authenticated to access this resource.")
		}
		return User{}, false
	}
	if !rt.store.HasGlobalPermission(caller.AccountID, CanUse) {
		shortError(w, http.StatusForbidden, "Current user not permitted to use Confluence")
		return User{}, false
	}
	return caller, true
}

// NotFound answers any path no route claims, in the body style of the API the path belongs to.
func NotFound(w http.ResponseWriter, r *http.Request) {
	switch {
	case isV2(r.URL.Path):
		v2Error(w, http.StatusNotFound, "")
	case strings.HasPrefix(r.URL.Path, "/wiki/rest/api/"):
		v1NotFound(w, "No resource found for "+r.URL.Path)
	default:
		http.NotFound(w, r)
	}
}

// gone answers the by-name group routes Atlassian removed.
func gone(w http.ResponseWriter, _ *http.Request, _ User) {
	v1Error(w, http.StatusGone, excGone, "This deprecated endpoint has been removed.")
}
