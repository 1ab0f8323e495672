package app

import "sync"

// writeHooks lets a test act between a client's read and its write, as a person saving the System Admin
// page at that moment would, to show that a stale revision is refused.
type writeHooks struct {
	mu   sync.Mutex
	next []func()
}

// BeforeNextWrite runs fn once, just before the next write request (PUT, POST or DELETE) is handled.
func (a *App) BeforeNextWrite(fn func()) {
	a.hooks.mu.Lock()
	defer a.hooks.mu.Unlock()
	a.hooks.next = append(a.hooks.next, fn)
}

func (h *writeHooks) runNext() {
	h.mu.Lock()
	if len(h.next) == 0 {
		h.mu.Unlock()
		return
	}
	fn := h.next[0]
	h.next = h.next[1:]
	h.mu.Unlock()
	fn()
}
