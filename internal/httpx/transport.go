package httpx

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"golang.org/x/time/rate"
)

// attemptState follows one logical request through its attempts. The retry loop calls the transport from
// the caller's goroutine, one attempt at a time, so the fields need no lock.
type attemptState struct {
	method string
	// read marks a request sent with a method that writes but that changes nothing (AsRead), so that it is
	// retried like a GET.
	read     bool
	attempts int
	// inFlight is true while an attempt has been handed to the network and no answer has come back; if
	// the request ends in that state, a write's outcome is unknown.
	inFlight bool
}

type attemptStateKey struct{}

func withAttemptState(ctx context.Context, s *attemptState) context.Context {
	return context.WithValue(ctx, attemptStateKey{}, s)
}

// safe reports whether the request may be repeated without changing anything.
func (s *attemptState) safe() bool { return s.read || isSafe(s.method) }

func attemptStateFrom(ctx context.Context) *attemptState {
	if s, ok := ctx.Value(attemptStateKey{}).(*attemptState); ok {
		return s
	}
	return &attemptState{}
}

// errNotSent marks an attempt that never left the client because its context ended while it waited for
// its turn; nothing can have been applied.
var errNotSent = errors.New("request not sent")

// pacedTransport makes every attempt, retries included, wait for any client-wide hold, then for the shared
// rate limiter and the client's adaptive pace; it records a server's Retry-After on 429 as a hold for the
// whole client, and every answer for the pace.
type pacedTransport struct {
	client *Client
	next   http.RoundTripper
}

func (t *pacedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	state := attemptStateFrom(ctx)
	if err := t.client.waitTurn(ctx); err != nil {
		return nil, errors.Join(errNotSent, err)
	}
	state.attempts++
	state.inFlight = true
	resp, err := t.next.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	state.inFlight = false
	if resp.StatusCode == http.StatusTooManyRequests {
		t.client.pace.throttled(time.Now())
		if wait, ok := retryAfter(resp, time.Now()); ok && wait <= maxRetryAfter {
			t.client.holdFor(wait)
		}
	} else {
		t.client.pace.answer(time.Now())
	}
	return resp, nil
}

// waitTurn blocks until the client-wide hold has passed and the limiter and the pace let the attempt
// start, or ctx ends.
func (c *Client) waitTurn(ctx context.Context) error {
	for {
		c.holdMu.Lock()
		wait := time.Until(c.holdUntil)
		c.holdMu.Unlock()
		if wait <= 0 {
			break
		}
		if err := Sleep(ctx, wait); err != nil {
			return err
		}
	}
	if c.limiter != nil {
		if err := limiterWait(ctx, c.limiter); err != nil {
			return err
		}
	}
	return limiterWait(ctx, c.pace.limiter)
}

// limiterWait is l.Wait, except that a wait longer than the context's deadline allows counts as that
// deadline passing: rate.Limiter refuses such a wait at once, with an error of its own, and callers tell a
// timeout by context.DeadlineExceeded.
func limiterWait(ctx context.Context, l *rate.Limiter) error {
	err := l.Wait(ctx)
	if err != nil && ctx.Err() == nil {
		if _, ok := ctx.Deadline(); ok {
			return fmt.Errorf("%w (%v)", context.DeadlineExceeded, err)
		}
	}
	return err
}

// holdFor stops every attempt of this client from starting before now+d; a shorter hold never shortens
// a longer one.
func (c *Client) holdFor(d time.Duration) {
	until := time.Now().Add(d)
	c.holdMu.Lock()
	defer c.holdMu.Unlock()
	if until.After(c.holdUntil) {
		c.holdUntil = until
	}
}

// Sleep waits d or until ctx ends, whichever comes first, and returns ctx's error if it ended.
func Sleep(ctx context.Context, d time.Duration) error {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-timer.C:
		return nil
	}
}
