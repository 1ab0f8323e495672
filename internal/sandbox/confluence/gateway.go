package confluence

import (
	"context"
	"net/http"
	"path"
	"strings"
)

// GatewayPrefix is how OAuth 2.0 (3LO) and scoped-token clients reach Confluence: on Cloud,
// https://api.atlassian.com/ex/confluence/{cloudId}/wiki/...; here the same path on the sandbox's own host.
const GatewayPrefix = "/ex/confluence/"

// DefaultCloudID is the site's cloud ID when the seed names none.
var DefaultCloudID = StableUUID("cloud", "sandbox")

type gatewayKey struct{}

// gatewayBase is "/ex/confluence/{cloudId}" for a request that came through the gateway, else "".
func gatewayBase(r *http.Request) string {
	base, _ := r.Context().Value(gatewayKey{}).(string)
	return base
}

func viaGateway(r *http.Request) bool { return gatewayBase(r) != "" }

// SplitGateway cuts "/ex/confluence/{cloudId}" off a path; ok is false for paths outside the gateway.
func SplitGateway(path string) (cloudID, rest string, ok bool) {
	after, found := strings.CutPrefix(path, GatewayPrefix)
	if !found {
		return "", "", false
	}
	cloudID, rest, _ = strings.Cut(after, "/")
	return cloudID, "/" + rest, true
}

// ThroughGateway turns a gateway request into the site request it stands for, remembering the prefix so
// that links in the answer lead back through the gateway. Only Confluence paths are behind it. A cloud ID
// other than this site's is refused as the gateway refuses a token not granted for that site.
func ThroughGateway(w http.ResponseWriter, r *http.Request, siteCloudID string) (*http.Request, bool) {
	cloudID, rest, ok := SplitGateway(r.URL.Path)
	if !ok {
		return r, true
	}
	// An unclean rest would be redirected by the router to a path outside the gateway.
	if !strings.HasPrefix(rest, "/wiki/") || path.Clean(rest) != strings.TrimSuffix(rest, "/") {
		gatewayError(w, http.StatusNotFound, "Not Found")
		return nil, false
	}
	if cloudID != siteCloudID {
		gatewayError(w, http.StatusUnauthorized, "Unauthorized; scope does not match")
		return nil, false
	}
	inner := r.WithContext(context.WithValue(r.Context(), gatewayKey{}, GatewayPrefix+cloudID))
	u := *r.URL
	u.Path, u.RawPath = rest, ""
	inner.URL = &u
	return inner, true
}

// gatewayError is the api.atlassian.com gateway's own error body, which differs from Confluence's.
func gatewayError(w http.ResponseWriter, status int, message string) {
	writeJSON(w, status, map[string]any{"code": status, "message": message})
}

// authenticate finds the caller. On the site URL only basic auth with a classic API token works; through
// the gateway, an OAuth bearer token or basic auth with a scoped API token. Anything else is nobody.
func (rt *router) authenticate(r *http.Request) (User, bool) {
	gateway := viaGateway(r)
	if token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
		if !gateway {
			return User{}, false
		}
		return rt.store.authenticateBearer(strings.TrimSpace(token))
	}
	email, token, ok := r.BasicAuth()
	if !ok {
		return User{}, false
	}
	kind := ClassicToken
	if gateway {
		kind = ScopedToken
	}
	return rt.store.Authenticate(email, token, kind)
}

// tenantInfo answers GET /_edge/tenant_info: the site's cloud ID, without credentials, as Cloud sites do.
func tenantInfo(cloudID string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"cloudId": cloudID})
	}
}

// accessibleResources answers GET /oauth/token/accessible-resources: the sites an OAuth access token may
// reach, which is where clients learn the cloud ID for the gateway.
func accessibleResources(store *Store, cloudID string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok {
			gatewayError(w, http.StatusUnauthorized, "Unauthorized")
			return
		}
		if _, ok := store.authenticateBearer(strings.TrimSpace(token)); !ok {
			gatewayError(w, http.StatusUnauthorized, "Unauthorized")
			return
		}
		writeJSON(w, http.StatusOK, []map[string]any{{
			"id": cloudID, "name": "sandbox", "url": "http://" + r.Host, "avatarUrl": "",
			"scopes": []string{"read:confluence-user", "read:confluence-groups", "write:confluence-groups",
				"read:space:confluence", "read:space.permission:confluence", "write:space.permission:confluence"},
		}})
	}
}
