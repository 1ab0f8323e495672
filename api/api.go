// Package api holds the HTTP API contracts the project publishes, as OpenAPI documents, so that tests can
// check both sides of every exchange against them. Nothing in the provider or the sandbox reads them at run
// time.
package api

import _ "embed"

// CSUMAdminV1 is the CSUM Admin API v1 contract (csum-admin-v1.yaml), OpenAPI 3.1.
//
//go:embed csum-admin-v1.yaml
var CSUMAdminV1 []byte
