package faults

import (
	"bytes"
	"io"
	"net/http"
	"time"
)

// Event is what the injector decided for one faultable request, reported to watchers before the request
// is answered or served.
type Event struct {
	Method, Path string
	Key          string        // the request's RequestKey when a random schedule is set, else ""
	Write        bool          // POST, PUT, PATCH or DELETE
	Fault        Fault         // None when the request is served as usual
	Latency      time.Duration // the random schedule's added latency, already waited
}

// Watch adds fn to the functions called with every faultable request's Event. fn runs synchronously in
// the request's goroutine before the fault is applied or the handler runs, so a test can act at a
// precise point of a client's run (interrupt it while a given write is on its way, say) and count what
// was injected. fn must be safe for concurrent use. Watchers stay until the injector is dropped.
func (i *Injector) Watch(fn func(Event)) {
	i.mu.Lock()
	defer i.mu.Unlock()
	i.watchers = append(i.watchers, fn)
}

func (i *Injector) notify(e Event) {
	i.mu.Lock()
	watchers := i.watchers
	i.mu.Unlock()
	for _, fn := range watchers {
		fn(e)
	}
}

// maxKeyedBody bounds how much of a body the random schedule reads to key a request; the sandbox's
// bodies are far smaller.
const maxKeyedBody = 8 << 20

// requestKey reads the body (putting it back for the handler) and returns the request's RequestKey. It is
// called only when a random schedule is set, so that other configurations never touch a body.
func requestKey(r *http.Request) string {
	var body []byte
	if r.Body != nil && r.Body != http.NoBody {
		body, _ = io.ReadAll(io.LimitReader(r.Body, maxKeyedBody)) // a body cut short is keyed as read
		_ = r.Body.Close()
		r.Body = io.NopCloser(bytes.NewReader(body))
	}
	return RequestKey(r.Method, r.URL.Path, r.URL.RawQuery, body)
}
