package httpx

import (
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Confluence publishes no fixed rate limits, so a client cannot be configured to stay under them. A 429
// tells what the site lets through right now: adaptivePace then slows the client to the rate of requests
// the site answered over the last second, and speeds it up again by a quarter for each second without a
// 429. Without it, every request held by a Retry-After would start again at once when the hold ends, most
// would meet another 429, and the unlucky ones would run out of retries.
const (
	// paceWindow is how far back answered requests count towards the rate a site lets through.
	paceWindow = time.Second
	// minPace is the slowest the client goes after 429s: a request a second still finishes a large change.
	minPace rate.Limit = 1
	// maxPace is where pacing ends: faster than any site limit seen, so the client runs unpaced again.
	maxPace rate.Limit = 1000
)

type adaptivePace struct {
	mu       sync.Mutex
	limiter  *rate.Limiter // rate.Inf while unpaced
	answered []time.Time   // answers other than 429 within paceWindow, oldest first
	changed  time.Time     // when the rate was last lowered or raised
	lowered  time.Time     // when the rate was last lowered
}

func newAdaptivePace() *adaptivePace {
	return &adaptivePace{limiter: rate.NewLimiter(rate.Inf, 1)}
}

// answer records an answer other than 429 at now, and raises the pace when a second has passed since it
// last changed.
func (p *adaptivePace) answer(now time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.answered = append(p.answered, now)
	p.trim(now)
	current := p.limiter.Limit()
	if current == rate.Inf || now.Sub(p.changed) < paceWindow {
		return
	}
	raised := current * 5 / 4
	if raised >= maxPace {
		raised = rate.Inf
	}
	p.limiter.SetLimitAt(now, raised)
	p.changed = now
}

// throttled records a 429 at now: the pace drops to the rate of answers within paceWindow, or by a quarter
// when that would not slow it down, never below minPace. The requests in flight when a site starts to
// refuse come back 429 together; only the first of a paceWindow lowers the pace.
func (p *adaptivePace) throttled(now time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.trim(now)
	if !p.lowered.IsZero() && now.Sub(p.lowered) < paceWindow {
		return
	}
	current := p.limiter.Limit()
	next := max(rate.Limit(len(p.answered))/rate.Limit(paceWindow.Seconds()), minPace)
	if next >= current {
		next = max(current*3/4, minPace)
	}
	p.limiter.SetLimitAt(now, next)
	p.changed, p.lowered = now, now
}

// trim drops the answers older than paceWindow.
func (p *adaptivePace) trim(now time.Time) {
	i := 0
	for i < len(p.answered) && now.Sub(p.answered[i]) > paceWindow {
		i++
	}
	p.answered = append(p.answered[:0], p.answered[i:]...)
}
