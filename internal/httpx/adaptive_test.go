package httpx

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"golang.org/x/time/rate"
)

func TestAdaptivePaceFollowsWhatTheSiteLetsThrough(t *testing.T) {
	p := newAdaptivePace()
	start := time.Unix(1_700_000_000, 0)
	at := func(d time.Duration) time.Time { return start.Add(d) }

	// Unpaced until a 429: answers alone change nothing.
	for i := range 30 {
		p.answer(at(time.Duration(i) * 20 * time.Millisecond))
	}
	if p.limiter.Limit() != rate.Inf {
		t.Fatalf("pace %v before any 429, want none", p.limiter.Limit())
	}
	// 30 answers in the last 600 ms, then a 429: the pace drops to 30 a second, what got through.
	p.throttled(at(600 * time.Millisecond))
	if p.limiter.Limit() != 30 {
		t.Fatalf("pace after the first 429 = %v, want 30 (the answers of the last second)", p.limiter.Limit())
	}
	// The other 429s of the same burst change nothing.
	p.throttled(at(700 * time.Millisecond))
	p.throttled(at(1500 * time.Millisecond))
	if p.limiter.Limit() != 30 {
		t.Fatalf("pace after more 429s of one burst = %v, want 30", p.limiter.Limit())
	}
	// A 429 a second later with as many answers in the last second: down by a quarter.
	for i := range 30 {
		p.answer(at(900*time.Millisecond + time.Duration(i)*time.Millisecond))
	}
	p.throttled(at(1650 * time.Millisecond))
	if p.limiter.Limit() != 22.5 {
		t.Fatalf("pace after a later 429 = %v, want 22.5", p.limiter.Limit())
	}
	// Answers within a second of the change do not raise it; one after a second raises it by a quarter.
	p.answer(at(2500 * time.Millisecond))
	if p.limiter.Limit() != 22.5 {
		t.Fatalf("pace raised to %v less than a second after a 429", p.limiter.Limit())
	}
	p.answer(at(2800 * time.Millisecond))
	if want := rate.Limit(22.5 * 5 / 4); p.limiter.Limit() != want {
		t.Fatalf("pace a second after the 429 = %v, want %v", p.limiter.Limit(), want)
	}
	// Long quiet: raised second by second until unpaced.
	now := at(2800 * time.Millisecond)
	for range 40 {
		now = now.Add(1100 * time.Millisecond)
		p.answer(now)
	}
	if p.limiter.Limit() != rate.Inf {
		t.Fatalf("pace %v after 40 seconds without a 429, want none", p.limiter.Limit())
	}
	// A 429 with nothing answered in the last second: the slowest pace, not zero.
	p.throttled(now.Add(5 * time.Second))
	if p.limiter.Limit() != minPace {
		t.Fatalf("pace %v after a 429 with no recent answer, want %v", p.limiter.Limit(), minPace)
	}
	p.throttled(now.Add(7 * time.Second))
	if p.limiter.Limit() != minPace {
		t.Fatalf("pace fell to %v, below the slowest", p.limiter.Limit())
	}
}

// A wait longer than the deadline allows is refused at once by rate.Limiter; callers must see it as the
// deadline passing.
func TestLimiterWaitPastTheDeadlineIsADeadline(t *testing.T) {
	slow := rate.NewLimiter(0.1, 1) // one attempt now, the next in ten seconds
	slow.Allow()
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if err := limiterWait(ctx, slow); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("limiterWait = %v, want context.DeadlineExceeded", err)
	}
	if err := limiterWait(context.Background(), rate.NewLimiter(rate.Inf, 1)); err != nil {
		t.Fatalf("an unpaced wait failed: %v", err)
	}
}

// A request the pacing could not start before the deadline fails as a timeout, and is never sent.
func TestRequestPacedPastTheDeadlineFailsAsATimeout(t *testing.T) {
	srv := newCountingServer(t, status(http.StatusOK, ""))
	slow := rate.NewLimiter(0.1, 1)
	c := newTestClient(t, srv, Config{Common: Common{Limiter: slow}})
	if _, err := c.Do(context.Background(), http.MethodPost, "/things", nil, nil, nil); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	_, err := c.Do(ctx, http.MethodPost, "/things", nil, nil, nil)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("paced past the deadline: %v, want context.DeadlineExceeded", err)
	}
	var unknown *OutcomeUnknownError
	if errors.As(err, &unknown) || srv.hits.Load() != 1 {
		t.Fatalf("a write that was never sent: %v after %d requests; want a plain timeout after 1", err, srv.hits.Load())
	}
}
