package faults

import (
	"bytes"
	"cmp"
	"io"
	"maps"
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
// precise point of a client's run and count what was injected. fn may return how long to hold back the
// answer of a request served as usual: the handler runs at once, and its answer leaves that much later, as
// an answer slow on its way back does. A test can thus interrupt a client while the answer to a write it
// knows was carried out is still on its way. fn must be safe for concurrent use. Watchers stay until the
// injector is dropped.
func (i *Injector) Watch(fn func(Event) (holdAnswer time.Duration)) {
	i.mu.Lock()
	defer i.mu.Unlock()
	i.watchers = append(i.watchers, fn)
}

// notify calls the watchers and returns the longest hold they asked for.
func (i *Injector) notify(e Event) time.Duration {
	i.mu.Lock()
	watchers := i.watchers
	i.mu.Unlock()
	var hold time.Duration
	for _, fn := range watchers {
		hold = max(hold, fn(e))
	}
	return hold
}

// heldAnswer keeps a handler's answer so that it can be sent later.
type heldAnswer struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (h *heldAnswer) Header() http.Header { return h.header }

func (h *heldAnswer) Write(b []byte) (int, error) {
	if h.status == 0 {
		h.status = http.StatusOK
	}
	return h.body.Write(b)
}

func (h *heldAnswer) WriteHeader(status int) {
	if h.status == 0 {
		h.status = status
	}
}

// serveHeld serves r at once and sends the answer after hold, unless the client left meanwhile.
func (i *Injector) serveHeld(w http.ResponseWriter, r *http.Request, next http.Handler, hold time.Duration) {
	held := &heldAnswer{header: http.Header{}}
	i.serve(held, r, next)
	if !sleep(r.Context(), hold) {
		return
	}
	maps.Copy(w.Header(), held.header)
	w.WriteHeader(cmp.Or(held.status, http.StatusOK))
	_, _ = w.Write(held.body.Bytes()) // the client may have left; nothing useful to do about it
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
