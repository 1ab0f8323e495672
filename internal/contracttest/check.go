package contracttest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
)

// uuidFormat asserts the contract's format "uuid" (group IDs), which the library leaves unchecked by
// default. It checks the text form only: the contract names no UUID version, and test fixtures use
// readable IDs such as 11111111-0000-0000-0000-000000000001.
var uuidFormat = openapi3.WithStringFormatValidator("uuid",
	openapi3.NewRegexpFormatValidator(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`))

// checker judges exchanges against one copy of the contract.
type checker struct {
	doc     *openapi3.T
	router  routers.Router
	options *openapi3filter.Options
	// unrouted holds, per routing error, the answers the contract allows to a request for a path it does
	// not define (404) or a method the path does not offer (405). 401 comes first for a request without a
	// key, and 429 or 503 may come before the app looks at the request at all.
	unrouted map[error]*openapi3.Operation
}

func newChecker(doc *openapi3.T, router routers.Router) *checker {
	options := &openapi3filter.Options{
		MultiError:              true,
		IncludeResponseStatus:   true,
		SkipSettingDefaults:     true,
		AuthenticationFunc:      bearerKeyPresented,
		SchemaValidationOptions: []openapi3.SchemaValidationOption{uuidFormat},
	}
	// The library's messages embed the whole schema; the path and the reason are what a reader needs.
	options.WithCustomSchemaErrorFunc(func(err *openapi3.SchemaError) string {
		if path := err.JSONPointer(); len(path) > 0 {
			return "/" + strings.Join(path, "/") + ": " + err.Reason
		}
		return err.Reason
	})
	answering := func(statuses map[int]string) *openapi3.Operation {
		op := openapi3.NewOperation()
		op.Responses = openapi3.NewResponses()
		for status, name := range statuses {
			op.Responses.Set(strconv.Itoa(status), doc.Components.Responses[name])
		}
		return op
	}
	return &checker{
		doc:     doc,
		router:  router,
		options: options,
		unrouted: map[error]*openapi3.Operation{
			routers.ErrPathNotFound: answering(map[int]string{
				http.StatusUnauthorized: "Unauthorized", http.StatusNotFound: "NotFound",
				http.StatusTooManyRequests: "RateLimited", http.StatusServiceUnavailable: "Unavailable",
			}),
			routers.ErrMethodNotAllowed: answering(map[int]string{
				http.StatusUnauthorized: "Unauthorized", http.StatusMethodNotAllowed: "MethodNotAllowed",
				http.StatusTooManyRequests: "RateLimited", http.StatusServiceUnavailable: "Unavailable",
			}),
		},
	}
}

// bearerKeyPresented accepts a request that presents a bearer key at all; whether it is the right key is
// the server's to say (401), and the contract allows that answer to every operation.
func bearerKeyPresented(_ context.Context, in *openapi3filter.AuthenticationInput) error {
	scheme, key, _ := strings.Cut(in.RequestValidationInput.Request.Header.Get("Authorization"), " ")
	if !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(key) == "" {
		return errors.New("no bearer key in Authorization")
	}
	return nil
}

// exchange is one request and the answer to it, both bodies read in full.
type exchange struct {
	request *http.Request // its Body is ignored: body holds it
	body    []byte
	status  int
	header  http.Header
	answer  []byte
}

// check returns how the exchange breaks the contract, or nil. A request that breaks it is fine as long as
// it is refused (4xx or 5xx): tests send such requests on purpose to see the refusal, whose answer must
// then follow the contract too. A request that breaks the contract and succeeds is a failure, of the
// client that sent it or of the server that took it.
func (c *checker) check(ex exchange) error {
	ctx := context.Background()
	req := ex.request.Clone(ctx)
	req.Body = io.NopCloser(bytes.NewReader(ex.body))
	route, params, routeErr := c.router.FindRoute(req)
	if routeErr != nil {
		op, ok := c.unrouted[routeErr]
		if !ok {
			return fmt.Errorf("finding the operation: %w", routeErr)
		}
		route = &routers.Route{Spec: c.doc, Path: req.URL.Path, Method: req.Method, Operation: op}
	}
	input := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route, Options: c.options}
	var problems []error
	if routeErr == nil {
		if err := openapi3filter.ValidateRequest(ctx, input); err != nil && ex.status < http.StatusBadRequest {
			problems = append(problems, fmt.Errorf("the request breaks the contract, yet was answered %d: %w", ex.status, err))
		}
	}
	answer := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: input, Status: ex.status, Header: ex.header, Options: c.options,
	}
	answer.SetBodyBytes(ex.answer)
	if err := openapi3filter.ValidateResponse(ctx, answer); err != nil {
		problems = append(problems, fmt.Errorf("the answer %d breaks the contract: %w", ex.status, err))
	}
	return errors.Join(problems...)
}

// report checks an exchange and fails the test when it breaks the contract.
func report(t Reporter, c *checker, ex exchange) {
	t.Helper()
	if err := c.check(ex); err != nil {
		t.Errorf("%s %s: %v\nrequest body: %s\nanswer: %s", ex.request.Method, ex.request.URL.RequestURI(), err, ex.body, ex.answer)
	}
}
