// Package contracttest checks HTTP exchanges with the CSUM Admin API against its contract,
// api/csum-admin-v1.yaml, in tests. Middleware wraps a server's handler and Transport a client's round
// tripper; either fails the test whose request or answer breaks the contract. Only tests import it, so
// neither the provider nor the sandbox carries the OpenAPI library.
package contracttest

import (
	"fmt"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/csum-tools/terraform-provider-csum/api"
)

// Reporter is the part of testing.TB a check failure is reported through.
type Reporter interface {
	Helper()
	Errorf(format string, args ...any)
}

// Load parses the contract and resolves its references.
func Load() (*openapi3.T, error) {
	doc, err := openapi3.NewLoader().LoadFromData(api.CSUMAdminV1)
	if err != nil {
		return nil, fmt.Errorf("loading api/csum-admin-v1.yaml: %w", err)
	}
	return doc, nil
}

// checkers holds one checker per base path: the contract's paths are relative to the app URL, which
// differs between the sandbox (/csum-admin) and a bare handler ("").
var checkers = struct {
	sync.Mutex
	byBase map[string]*checker
}{byBase: map[string]*checker{}}

// checkerFor returns the checker of paths under base, building it on first use.
func checkerFor(base string) (*checker, error) {
	checkers.Lock()
	defer checkers.Unlock()
	if c, ok := checkers.byBase[base]; ok {
		return c, nil
	}
	// Each base gets its own copy of the document, since its routes point back at it.
	doc, err := Load()
	if err != nil {
		return nil, err
	}
	doc.Servers = openapi3.Servers{{URL: base}}
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		return nil, fmt.Errorf("routing api/csum-admin-v1.yaml: %w", err)
	}
	c := newChecker(doc, router)
	checkers.byBase[base] = c
	return c, nil
}
