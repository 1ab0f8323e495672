// Package httpx is the HTTP layer shared by the Confluence and CSUM API clients: pacing on a shared rate
// limiter, retries that never repeat a write whose outcome is unknown, readable typed errors parsed from the
// three error bodies the provider meets, pagination, and request logging with secrets masked.
package httpx

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	jsonv1 "github.com/go-json-experiment/json/v1"
	"github.com/hashicorp/go-cleanhttp"
	"github.com/hashicorp/go-retryablehttp"
	"golang.org/x/time/rate"
)

// maxBodyBytes bounds how much of a response is read, so a misbehaving server cannot exhaust memory.
const maxBodyBytes = 64 << 20

// Config describes one API the client talks to.
type Config struct {
	// BaseURL is prefixed to every request path, e.g. "https://example.atlassian.net".
	BaseURL string
	// Auth authenticates every request; the zero value sends no credentials.
	Auth Credentials
	Common
}

// Common is the part of a client's configuration that does not depend on the API it talks to, so that a
// provider builds it once for all its clients.
type Common struct {
	// MaxRetries is how many times one request is retried after the first attempt (0 = never).
	MaxRetries int
	// Limiter paces every attempt, retries included; share one across all clients of a provider. May be nil.
	Limiter *rate.Limiter
	// UserAgent is sent on every request.
	UserAgent string
	// HTTPClient replaces the pooled go-cleanhttp client, for tests; its Transport is wrapped for pacing.
	HTTPClient *http.Client
}

// Client sends JSON requests to one API. It is safe for concurrent use.
type Client struct {
	base       *url.URL
	userAgent  string
	auth       Credentials
	limiter    *rate.Limiter
	retry      *retryablehttp.Client
	backoffMin time.Duration // first exponential backoff step; tests shorten it

	holdMu    sync.Mutex
	holdUntil time.Time // after a 429 with Retry-After, no attempt starts before this instant
	pace      *adaptivePace
}

// New builds a client. It fails only on a malformed BaseURL.
func New(cfg Config) (*Client, error) {
	base, err := url.Parse(strings.TrimRight(cfg.BaseURL, "/"))
	if err != nil || base.Scheme == "" || base.Host == "" {
		return nil, fmt.Errorf("invalid base URL %q: want scheme://host[/path]", cfg.BaseURL)
	}
	c := &Client{
		base:       base,
		userAgent:  cfg.UserAgent,
		auth:       cfg.Auth,
		limiter:    cfg.Limiter,
		backoffMin: time.Second,
		pace:       newAdaptivePace(),
	}

	hc := cfg.HTTPClient
	if hc == nil {
		hc = cleanhttp.DefaultPooledClient()
	} else {
		copied := *hc
		hc = &copied
	}
	inner := hc.Transport
	if inner == nil {
		inner = cleanhttp.DefaultPooledTransport()
	}
	hc.Transport = &pacedTransport{client: c, next: inner}

	rc := retryablehttp.NewClient()
	rc.HTTPClient = hc
	rc.Logger = nil // we log one masked entry per request ourselves
	rc.RetryMax = max(cfg.MaxRetries, 0)
	rc.CheckRetry = c.checkRetry
	rc.Backoff = c.backoff
	rc.ErrorHandler = retryablehttp.PassthroughErrorHandler
	c.retry = rc
	return c, nil
}

// Option adjusts one request.
type Option func(*http.Request)

// WithHeader sets a request header.
func WithHeader(key, value string) Option {
	return func(r *http.Request) { r.Header.Set(key, value) }
}

// AsRead marks a request whose method is not GET but that changes nothing, such as a search sent as POST
// because its filters travel in the body (the Atlassian Admin API's users/search). Such a request is retried
// like a read: on 429, on 500, 502, 503 and 504, and after a lost answer, which for a read cannot leave
// anything half-applied. Never use it on a request that writes.
func AsRead() Option {
	return func(r *http.Request) { attemptStateFrom(r.Context()).read = true }
}

// Do sends one JSON request and decodes a 2xx answer into out (when out is non-nil and there is a body).
// path is relative to the base URL and may carry its own query, which query extends. body is marshalled
// as JSON unless it is nil, []byte or json.RawMessage. Any other status gives an *APIError; the returned
// response (body already consumed) lets callers read headers such as ETag either way.
//
// A write (anything but GET and HEAD, unless marked AsRead) whose answer was lost gives an *OutcomeUnknownError: the caller must
// re-read to learn whether it was applied.
func (c *Client) Do(ctx context.Context, method, path string, query url.Values, body any, out any, opts ...Option) (*http.Response, error) {
	target, err := c.resolve(path, query)
	if err != nil {
		return nil, err
	}
	payload, err := encodeBody(body)
	if err != nil {
		return nil, fmt.Errorf("%s %s: encoding the request body: %w", method, target.Path, err)
	}

	state := &attemptState{method: method}
	req, err := retryablehttp.NewRequestWithContext(withAttemptState(ctx, state), method, target.String(), payload)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", method, target.Path, err)
	}
	req.Header.Set("Accept", "application/json")
	if payload != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.userAgent != "" {
		req.Header.Set("User-Agent", c.userAgent)
	}
	for _, opt := range opts {
		opt(req.Request)
	}
	if c.auth.authorization != "" {
		req.Header.Set("Authorization", c.auth.authorization)
	}

	started := time.Now()
	resp, err := c.retry.Do(req)
	result := c.finish(ctx, state, resp, err, target.Path, out)
	c.logRequest(ctx, state, target.Path, resp, time.Since(started), result)
	return resp, result
}

// finish turns what the retry loop returned into the caller's result: decoded output, a typed API error,
// the context's error, or an outcome-unknown error for a write whose answer was lost.
func (c *Client) finish(ctx context.Context, state *attemptState, resp *http.Response, err error, path string, out any) error {
	if err != nil {
		if !state.safe() && state.inFlight {
			cause := errors.New(c.mask(err.Error()))
			return &OutcomeUnknownError{Method: state.method, Path: path, Err: errors.Join(cause, ctx.Err())}
		}
		if ctxErr := ctx.Err(); ctxErr != nil {
			return ctxErr
		}
		if errors.Is(err, errNotSent) && errors.Is(err, context.DeadlineExceeded) {
			// The pacing would have started it only after the deadline.
			return fmt.Errorf("%s %s: not sent, as the pace allows no start before the deadline: %w", state.method, path, context.DeadlineExceeded)
		}
		return fmt.Errorf("%s %s: %s", state.method, path, c.mask(err.Error()))
	}
	defer resp.Body.Close()
	data, readErr := io.ReadAll(io.LimitReader(resp.Body, maxBodyBytes))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return c.parseError(state.method, path, resp, data)
	}
	if readErr != nil {
		if !state.safe() {
			return &OutcomeUnknownError{Method: state.method, Path: path, Err: errors.New(c.mask(readErr.Error()))}
		}
		return fmt.Errorf("%s %s: reading the response: %w", state.method, path, readErr)
	}
	if out == nil || len(bytes.TrimSpace(data)) == 0 {
		return nil
	}
	if err := decodeBody(data, out); err != nil {
		return fmt.Errorf("%s %s: decoding the response: %w", state.method, path, err)
	}
	return nil
}

// decodeBody decodes a response with encoding/json's rules on the engine of encoding/json/v2, which is faster
// (BenchmarkDecodeMemberPage): a refresh of a group of 20,000 members decodes 11 MB.
func decodeBody(data []byte, out any) error { return jsonv1.Unmarshal(data, out) }

// resolve joins a request path (which may carry a query) to the base URL and adds query.
func (c *Client) resolve(path string, query url.Values) (*url.URL, error) {
	rel, err := url.Parse(path)
	if err != nil {
		return nil, fmt.Errorf("invalid request path %q: %w", path, err)
	}
	u := *c.base
	u.Path = strings.TrimRight(c.base.Path, "/") + "/" + strings.TrimLeft(rel.Path, "/")
	u.RawPath = ""
	q := rel.Query()
	for k, vs := range query {
		for _, v := range vs {
			q.Add(k, v)
		}
	}
	u.RawQuery = q.Encode()
	return &u, nil
}

func encodeBody(body any) (any, error) {
	switch b := body.(type) {
	case nil:
		return nil, nil
	case []byte:
		return b, nil
	case json.RawMessage:
		return []byte(b), nil
	default:
		return json.Marshal(body)
	}
}

// isSafe reports whether a method may be repeated without changing anything.
func isSafe(method string) bool {
	return method == http.MethodGet || method == http.MethodHead
}
