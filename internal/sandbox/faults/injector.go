package faults

import (
	"maps"
	"math"
	"regexp"
	"strconv"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Injector applies a Config to the requests passing through Wrap and counts them.
// It is safe for concurrent use.
type Injector struct {
	mu       sync.Mutex
	cfg      Config
	seq      int64          // faultable requests since the last Set
	writeSeq int64          // faultable writes since the last Set (the DropWrites schedule)
	limiter  *rate.Limiter  // nil when RateLimitRPS is 0
	only     *regexp.Regexp // nil when every request takes part
	counts   map[string]int64
	now      func() time.Time // the limiter's clock; tests replace it
	// The random schedule's memory since the last Set: how often each request key was seen, and faulted.
	seen, faulted map[string]int
	watchers      []func(Event) time.Duration
}

// New returns an injector applying cfg.
func New(cfg Config) *Injector {
	i := &Injector{counts: map[string]int64{}, now: time.Now}
	i.Set(cfg)
	return i
}

// Set replaces the configuration and restarts the fault schedule: the next request is
// request 1 again and the RPS limiter starts full. Negative values mean off; a zero
// RetryAfter means DefaultRetryAfter. Counts are kept.
func (i *Injector) Set(cfg Config) {
	cfg = cfg.normalized()
	i.mu.Lock()
	defer i.mu.Unlock()
	i.cfg = cfg
	i.seq, i.writeSeq = 0, 0
	i.seen, i.faulted = map[string]int{}, map[string]int{}
	i.limiter, i.only = nil, nil
	if cfg.Only != "" {
		i.only, _ = regexp.Compile(cfg.Only) // a pattern that does not compile selects nothing
		if i.only == nil {
			i.only = regexp.MustCompile(`$^`)
		}
	}
	if cfg.RateLimitRPS > 0 {
		// A burst of one second's worth lets a client pacing itself at the limit through.
		burst := max(1, int(math.Ceil(cfg.RateLimitRPS)))
		i.limiter = rate.NewLimiter(rate.Limit(cfg.RateLimitRPS), burst)
	}
}

// Config returns the configuration in force, normalized as described at Set.
func (i *Injector) Config() Config {
	i.mu.Lock()
	defer i.mu.Unlock()
	return i.cfg
}

// Counts returns a copy of the request counts, keyed "METHOD route-template" (or
// "METHOD path" when no template is known). Injected faults are counted under the same
// key with SuffixRateLimited, SuffixUnavailable or SuffixDropped appended.
func (i *Injector) Counts() map[string]int64 {
	i.mu.Lock()
	defer i.mu.Unlock()
	return maps.Clone(i.counts)
}

// ResetCounts forgets all counts; the fault schedule goes on.
func (i *Injector) ResetCounts() {
	i.mu.Lock()
	defer i.mu.Unlock()
	clear(i.counts)
}

func (i *Injector) count(key string) {
	i.mu.Lock()
	defer i.mu.Unlock()
	i.counts[key]++
}

// Fault is what happens to one request.
type Fault int

// The faults, as Event reports them.
const (
	None          Fault = iota
	RateLimited         // answered 429 with Retry-After
	Unavailable         // answered 503 with Retry-After
	DroppedBefore       // closed before the handler ran
	DroppedAfter        // closed after the handler applied the write
)

var faultNames = map[Fault]string{None: "none", RateLimited: "429", Unavailable: "503",
	DroppedBefore: "dropped before", DroppedAfter: "dropped after the write"}

func (f Fault) String() string { return faultNames[f] }

// decision is a request's fault plus what the rate-limit headers report.
type decision struct {
	fault      Fault
	retryAfter int
	latency    time.Duration // drawn by the random schedule, on top of Config.Latency
	rate       *rateState    // nil when no RPS limit is set
}

// decide takes the request's place in the fault schedule. Drops win over 503, 503 over
// an every-Nth 429, and that over the RPS limiter, so each schedule stays predictable; the random
// schedule decides the requests these leave unharmed. key is the request's RequestKey, "" without a
// random schedule.
func (i *Injector) decide(method, path, key string, now time.Time) decision {
	i.mu.Lock()
	defer i.mu.Unlock()
	cfg := i.cfg
	if i.only != nil && !i.only.MatchString(method+" "+path) {
		return decision{retryAfter: cfg.retryAfterSeconds()}
	}
	i.seq++
	write := isWrite(method)
	if write {
		i.writeSeq++
	}
	d := decision{retryAfter: cfg.retryAfterSeconds()}
	if i.limiter != nil {
		allowed := i.limiter.AllowN(now, 1)
		remaining := max(0, int(i.limiter.TokensAt(now)))
		d.rate = &rateState{
			limit:     strconv.FormatFloat(cfg.RateLimitRPS, 'f', -1, 64),
			remaining: remaining,
			nearLimit: float64(remaining) < nearLimitShare*float64(i.limiter.Burst()),
		}
		if !allowed {
			d.fault = RateLimited
		}
	}
	switch {
	case cfg.DropEvery > 0 && cfg.DropWrites && write && i.writeSeq%int64(cfg.DropEvery) == 0:
		d.fault = DroppedAfter
	case cfg.DropEvery > 0 && !cfg.DropWrites && i.seq%int64(cfg.DropEvery) == 0:
		d.fault = DroppedBefore
	case cfg.UnavailableEvery > 0 && i.seq%int64(cfg.UnavailableEvery) == 0:
		d.fault = Unavailable
	case cfg.RateLimitEvery > 0 && i.seq%int64(cfg.RateLimitEvery) == 0:
		d.fault = RateLimited
	}
	if r := cfg.Random; r != nil {
		occurrence := i.seen[key]
		i.seen[key]++
		f, latency := r.decide(key, occurrence, write)
		d.latency = latency
		if d.fault == None && (r.MaxPerRequest == 0 || i.faulted[key] < r.MaxPerRequest) {
			d.fault = f
		}
		if d.fault != None {
			i.faulted[key]++
		}
	}
	return d
}
