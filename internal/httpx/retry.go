package httpx

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

const (
	// maxBackoff caps the exponential backoff used when the server gives no Retry-After.
	maxBackoff = 30 * time.Second
	// maxRetryAfter is the longest Retry-After the client waits out by itself. A longer one (an hourly
	// quota, say) is returned to the caller as an error carrying RetryAfter rather than silently stalling
	// a Terraform run.
	maxRetryAfter = 5 * time.Minute
)

// checkRetry decides whether an attempt is repeated. Safe requests (GET, HEAD and those marked AsRead) are retried on 429, on the transient
// server errors 500, 502, 503 and 504 (the Admin API contract says to retry idempotent requests on 500 and
// 503; Atlassian treats 5xx with Retry-After like 429) and on transport errors. Writes are retried only on
// 429, which means the server rejected them unapplied; a write that met a server error or whose answer was
// lost may have been applied, so it is never repeated blindly.
func (c *Client) checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctxErr := ctx.Err(); ctxErr != nil {
		if resp != nil {
			// The answer came as the context ended (Terraform stopping the provider, say): nothing is retried,
			// but the answer stands. Turning it into the context's error would tell the caller that a write
			// the server carried out was not done, and the caller would leave what it made out of state.
			return false, nil
		}
		return false, ctxErr
	}
	if errors.Is(err, errNotSent) {
		return false, err
	}
	safe := attemptStateFrom(ctx).safe()
	if err != nil {
		if !safe {
			return false, err
		}
		// The library's policy knows which transport errors are permanent (bad scheme, bad certificate).
		return retryablehttp.DefaultRetryPolicy(ctx, nil, err)
	}
	switch resp.StatusCode {
	case http.StatusTooManyRequests:
		wait, _ := retryAfter(resp, time.Now())
		return wait <= maxRetryAfter, nil
	case http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return safe, nil
	}
	return false, nil
}

// backoff is how long to wait before retry attemptNum+1: the server's Retry-After when it sent one,
// otherwise exponential backoff with jitter, capped.
func (c *Client) backoff(_, _ time.Duration, attemptNum int, resp *http.Response) time.Duration {
	if wait, ok := retryAfter(resp, time.Now()); ok {
		return wait
	}
	return exponentialBackoff(c.backoffMin, attemptNum, rand.Float64())
}

// exponentialBackoff doubles from base with each attempt, scales by a jitter factor between 0.7 and 1.3
// (random01 is uniform in [0,1)) so that concurrent clients spread out, and never exceeds maxBackoff.
func exponentialBackoff(base time.Duration, attemptNum int, random01 float64) time.Duration {
	d := float64(base) * math.Pow(2, float64(min(attemptNum, 30)))
	d *= 0.7 + 0.6*random01
	return time.Duration(min(d, float64(maxBackoff)))
}

// retryAfter reads a Retry-After header given as delta-seconds or as an HTTP-date.
func retryAfter(resp *http.Response, now time.Time) (time.Duration, bool) {
	if resp == nil {
		return 0, false
	}
	value := strings.TrimSpace(resp.Header.Get("Retry-After"))
	if value == "" {
		return 0, false
	}
	if secs, err := strconv.ParseInt(value, 10, 64); err == nil {
		if secs < 0 {
			return 0, true
		}
		return time.Duration(min(secs, math.MaxInt64/int64(time.Second))) * time.Second, true
	}
	if at, err := http.ParseTime(value); err == nil {
		return max(at.Sub(now), 0), true
	}
	return 0, false
}
