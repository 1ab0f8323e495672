package app

import (
	"crypto/subtle"
	"net/http"
	"sort"
	"strings"
)

// access is what a presented API key may do.
type access int

const (
	accessNone access = iota
	accessRead
	accessFull
)

// methods maps an HTTP method to its handler for one path.
type methods map[string]http.HandlerFunc

func (a *App) serve(w http.ResponseWriter, r *http.Request) {
	granted := a.authorize(r)
	if granted == accessNone {
		// The message never repeats what was presented: a key must not travel back into logs.
		writeError(w, http.StatusUnauthorized, codeUnauthorized, "missing or invalid API key; send Authorization: Bearer <admin API key>")
		return
	}
	route := a.route(r.URL.Path)
	if route == nil {
		writeError(w, http.StatusNotFound, codeNotFound, "no such endpoint: "+r.URL.Path)
		return
	}
	handler, ok := route[r.Method]
	if !ok {
		w.Header().Set("Allow", allowed(route))
		writeError(w, http.StatusMethodNotAllowed, codeMethodNotAllowed, r.Method+" is not allowed here; use "+allowed(route))
		return
	}
	if r.Method != http.MethodGet && granted != accessFull {
		writeError(w, http.StatusForbidden, codeForbidden, "this API key may read but has been revoked for writes")
		return
	}
	if r.Method != http.MethodGet {
		a.hooks.runNext()
	}
	handler(w, r)
}

// authorize compares the bearer key in constant time with the full key and the read-only one.
func (a *App) authorize(r *http.Request) access {
	scheme, key, found := strings.Cut(r.Header.Get("Authorization"), " ")
	key = strings.TrimSpace(key)
	if !found || !strings.EqualFold(scheme, "Bearer") || key == "" {
		return accessNone
	}
	switch {
	case subtle.ConstantTimeCompare([]byte(key), []byte(a.apiKey)) == 1:
		return accessFull
	case a.writeRevokedKey != "" && subtle.ConstantTimeCompare([]byte(key), []byte(a.writeRevokedKey)) == 1:
		return accessRead
	}
	return accessNone
}

// route finds the handlers of a path, or nil for an unknown path.
func (a *App) route(path string) methods {
	switch path {
	case "/v1/status":
		return methods{http.MethodGet: a.getStatus}
	case "/v1/settings":
		return settingsDoc.methods(a)
	case "/v1/permission-schemes":
		return schemesDoc.methods(a)
	case "/v1/config/export":
		return methods{http.MethodGet: a.getExport}
	case "/v1/config/import":
		return methods{http.MethodPost: a.postImport}
	case privilegedTarget:
		return methods{http.MethodGet: a.getPrivilegedUser, http.MethodPut: a.putPrivilegedUser, http.MethodDelete: a.deletePrivilegedUser}
	case "/v1/audit":
		return methods{http.MethodGet: a.getAudit}
	}
	if key, ok := spaceGroupsKey(path); ok {
		return methods{http.MethodGet: func(w http.ResponseWriter, r *http.Request) { a.getSpaceGroups(w, key) }}
	}
	return nil
}

// RouteTemplate names the endpoint a path is for, with the space key as a placeholder
// ("/v1/spaces/{spaceKey}/groups"), so that request counts group by endpoint.
func RouteTemplate(path string) string {
	if _, ok := spaceGroupsKey(path); ok {
		return "/v1/spaces/{spaceKey}/groups"
	}
	return path
}

func allowed(m methods) string {
	names := make([]string, 0, len(m))
	for name := range m {
		names = append(names, name)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

type status struct {
	App                       string `json:"app"`
	Version                   string `json:"version"`
	SiteURL                   string `json:"siteUrl"`
	SettingsRevision          int64  `json:"settingsRevision"`
	PermissionSchemesRevision int64  `json:"permissionSchemesRevision"`
}

// getStatus answers GET /v1/status. The sandbox serves Confluence and the app from one host, so the site
// URL is the host the request came to.
func (a *App) getStatus(w http.ResponseWriter, r *http.Request) {
	a.mu.RLock()
	s := status{App: AppKey, Version: AppVersion, SiteURL: siteURL(r),
		SettingsRevision: a.state.SettingsRevision, PermissionSchemesRevision: a.state.PermissionSchemesRevision}
	a.mu.RUnlock()
	writeJSON(w, http.StatusOK, s)
}

func siteURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}
