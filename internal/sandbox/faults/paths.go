package faults

import "strings"

// api is the family of API a path belongs to; it decides the error body shape.
type api int

const (
	apiNone        api = iota // not faultable: sandbox control or anything else
	apiConfluence             // /wiki/rest/api/... (v1) and any other /wiki/ path
	apiConfluence2            // /wiki/api/v2/...
	apiApp                    // /csum-admin/...
	apiAdmin                  // /admin/... (the Atlassian organization Admin API)
)

// gatewayPrefix is how OAuth and scoped-token clients reach Confluence
// (https://api.atlassian.com/ex/confluence/{cloudId}/wiki/...).
const gatewayPrefix = "/ex/confluence/"

func classify(path string) api {
	if rest, ok := strings.CutPrefix(path, gatewayPrefix); ok {
		if slash := strings.IndexByte(rest, '/'); slash >= 0 {
			path = rest[slash:]
		}
	}
	switch {
	case strings.HasPrefix(path, "/wiki/api/v2/"):
		return apiConfluence2
	case strings.HasPrefix(path, "/wiki/"):
		return apiConfluence
	case strings.HasPrefix(path, "/csum-admin/"):
		return apiApp
	case strings.HasPrefix(path, "/admin/"):
		return apiAdmin
	}
	return apiNone
}

// isControl reports the sandbox's own endpoints, which are neither faulted nor counted.
func isControl(path string) bool {
	return strings.HasPrefix(path, "/_sandbox/")
}

// isWrite reports the methods that change state, the ones DropWrites drops after applying.
func isWrite(method string) bool {
	switch method {
	case "POST", "PUT", "PATCH", "DELETE":
		return true
	}
	return false
}
