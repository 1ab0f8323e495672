package faults

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"time"
)

// Random is a seeded fault schedule that decides each request's fault from the request itself (its
// method, path, query and body) and from how many times the same request came before since the schedule
// was set, never from the order or the moment requests arrive. A client sends concurrent requests in an
// order that changes from run to run; keyed by content, the same seed and stream give every request the
// same fault in every run, so a run that failed can be replayed with the faults it met. A retry is the same
// request again, so its decision is drawn afresh (its occurrence differs) yet just as reproducibly.
//
// The shares are probabilities per attempt, drawn independently for each. DropAfter applies to writes
// only: for a read, its share passes unharmed.
type Random struct {
	Seed          uint64
	Stream        uint64        // one independent schedule per stream under one seed, e.g. one per command
	RateLimited   float64       // share of requests answered 429 with Retry-After
	Unavailable   float64       // share answered 503 with Retry-After
	DropBefore    float64       // share whose connection is closed before the handler runs
	DropAfter     float64       // share of writes whose connection is closed after the handler applied them
	MaxLatency    time.Duration // each request waits a drawn time from 0 to this, on top of Config.Latency
	MaxPerRequest int           // a request (same key) is faulted at most this many times, then passes; 0 = no bound
}

// randomJSON is the wire form of Random; MaxLatency is a Go duration string.
type randomJSON struct {
	Seed          uint64  `json:"seed"`
	Stream        uint64  `json:"stream"`
	RateLimited   float64 `json:"rateLimited"`
	Unavailable   float64 `json:"unavailable"`
	DropBefore    float64 `json:"dropBefore"`
	DropAfter     float64 `json:"dropAfter"`
	MaxLatency    string  `json:"maxLatency"`
	MaxPerRequest int     `json:"maxPerRequest"`
}

func (r *Random) toJSON() *randomJSON {
	if r == nil {
		return nil
	}
	return &randomJSON{Seed: r.Seed, Stream: r.Stream, RateLimited: r.RateLimited, Unavailable: r.Unavailable,
		DropBefore: r.DropBefore, DropAfter: r.DropAfter, MaxLatency: r.MaxLatency.String(), MaxPerRequest: r.MaxPerRequest}
}

func (w *randomJSON) parse() (*Random, error) {
	if w == nil {
		return nil, nil
	}
	latency, err := parseDuration("random.maxLatency", w.MaxLatency)
	if err != nil {
		return nil, err
	}
	return &Random{Seed: w.Seed, Stream: w.Stream, RateLimited: w.RateLimited, Unavailable: w.Unavailable,
		DropBefore: w.DropBefore, DropAfter: w.DropAfter, MaxLatency: latency, MaxPerRequest: w.MaxPerRequest}, nil
}

func (r *Random) validate() error {
	if r == nil {
		return nil
	}
	var errs []error
	shares := []struct {
		name string
		p    float64
	}{{"rateLimited", r.RateLimited}, {"unavailable", r.Unavailable}, {"dropBefore", r.DropBefore}, {"dropAfter", r.DropAfter}}
	sum := 0.0
	for _, s := range shares {
		if s.p < 0 || s.p > 1 {
			errs = append(errs, fmt.Errorf("random.%s must be between 0 and 1", s.name))
		}
		sum += s.p
	}
	if sum > 1 {
		errs = append(errs, errors.New("random: the shares add up to more than 1"))
	}
	if r.MaxLatency < 0 {
		errs = append(errs, errors.New("random.maxLatency must not be negative"))
	}
	if r.MaxPerRequest < 0 {
		errs = append(errs, errors.New("random.maxPerRequest must not be negative"))
	}
	return errors.Join(errs...)
}

// decide draws the fault and added latency of the occurrence-th sending (0 first) of the request key.
func (r *Random) decide(key string, occurrence int, write bool) (Fault, time.Duration) {
	h := fnv.New64a()
	_, _ = h.Write([]byte(key)) // a hash.Hash never fails to write
	rng := rand.New(rand.NewPCG(r.Seed, mix(r.Stream, h.Sum64(), uint64(occurrence))))
	u := rng.Float64()
	var latency time.Duration
	if r.MaxLatency > 0 {
		latency = time.Duration(rng.Int64N(int64(r.MaxLatency) + 1))
	}
	for _, c := range []struct {
		share float64
		fault Fault
	}{{r.RateLimited, RateLimited}, {r.Unavailable, Unavailable}, {r.DropBefore, DroppedBefore}, {r.DropAfter, DroppedAfter}} {
		if u < c.share {
			if c.fault == DroppedAfter && !write {
				return None, latency
			}
			return c.fault, latency
		}
		u -= c.share
	}
	return None, latency
}

// mix folds values into one well-spread 64-bit number (SplitMix64's finaliser after each), so that
// neighbouring streams and occurrences seed unrelated generators.
func mix(values ...uint64) uint64 {
	h := uint64(0x9e3779b97f4a7c15)
	for _, v := range values {
		z := h ^ v
		z += 0x9e3779b97f4a7c15
		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
		z = (z ^ (z >> 27)) * 0x94d049bb133111eb
		h = z ^ (z >> 31)
	}
	return h
}

// RequestKey is what the random schedule decides on: the method, the path and query as sent, and a digest
// of the body. Headers are left out: they carry credentials, revisions and user agents, not what is asked.
func RequestKey(method, path, rawQuery string, body []byte) string {
	key := method + " " + path
	if rawQuery != "" {
		key += "?" + rawQuery
	}
	if len(body) > 0 {
		sum := sha256.Sum256(body)
		key += " #" + hex.EncodeToString(sum[:6])
	}
	return key
}
