package faults

import (
	"context"
	"net/http"
	"time"
)

// Wrap returns next with faults applied and requests counted. When next is an
// *http.ServeMux, requests a fault answers before routing are still counted under the
// pattern they would have matched.
func (i *Injector) Wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if isControl(r.URL.Path) {
			next.ServeHTTP(w, r)
			return
		}
		family := classify(r.URL.Path)
		if family == apiNone {
			i.serve(w, r, next)
			return
		}
		if !sleep(r.Context(), i.Config().Latency) {
			return // the client gave up; it is not counted, the handler never saw it
		}
		key := ""
		if i.Config().Random != nil {
			key = requestKey(r)
		}
		now := i.now()
		d := i.decide(r.Method, r.URL.Path, key, now)
		if d.latency > 0 && !sleep(r.Context(), d.latency) {
			return // as for Config.Latency: the client gave up while waiting
		}
		hold := i.notify(Event{Method: r.Method, Path: r.URL.Path, Key: key, Write: isWrite(r.Method), Fault: d.fault, Latency: d.latency})
		switch d.fault {
		case None:
			if d.rate != nil {
				setRateHeaders(w.Header(), *d.rate)
			}
			if hold > 0 {
				i.serveHeld(w, r, next, hold)
				return
			}
			i.serve(w, r, next)
		case DroppedAfter:
			route := i.serve(&discardWriter{}, r, next)
			i.count(route + SuffixDropped)
			dropConnection(w)
		default:
			i.count(countKey(r, resolvePattern(next, r)) + suffixes[d.fault])
			i.answerFault(w, family, d, now)
		}
	})
}

var suffixes = map[Fault]string{
	RateLimited:   SuffixRateLimited,
	Unavailable:   SuffixUnavailable,
	DroppedBefore: SuffixDropped,
}

func (i *Injector) answerFault(w http.ResponseWriter, family api, d decision, now time.Time) {
	switch d.fault {
	case RateLimited:
		limit := nominalLimit
		if d.rate != nil {
			limit = d.rate.limit
		}
		writeRateLimited(w, family, limit, d.retryAfter, now)
	case Unavailable:
		writeUnavailable(w, family, d.retryAfter)
	case DroppedBefore:
		dropConnection(w)
	}
}

// serve runs the handler and counts the request under the route it reports, which is
// returned for callers that count a fault on top.
func (i *Injector) serve(w http.ResponseWriter, r *http.Request, next http.Handler) string {
	inner, holder := withRouteHolder(r)
	next.ServeHTTP(w, inner)
	// SetRoute wins; else the pattern a ServeMux stored on the request it was given.
	key := countKey(r, holder.get(), inner.Pattern)
	i.count(key)
	return key
}

// sleep waits for d unless ctx ends first; it reports whether the full wait elapsed.
func sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return true
	case <-ctx.Done():
		return false
	}
}
