package faults

import "net/http"

// dropConnection closes the client's connection without writing a byte, so the client
// sees EOF or a reset instead of a response. Writers that cannot be hijacked (HTTP/2)
// get the stream aborted by panicking with http.ErrAbortHandler, which net/http
// recovers from silently.
func dropConnection(w http.ResponseWriter) {
	if hijacker, ok := w.(http.Hijacker); ok {
		if conn, _, err := hijacker.Hijack(); err == nil {
			_ = conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler)
}

// discardWriter lets a handler apply a write whose answer is then thrown away.
type discardWriter struct{ header http.Header }

func (d *discardWriter) Header() http.Header {
	if d.header == nil {
		d.header = http.Header{}
	}
	return d.header
}

func (d *discardWriter) Write(b []byte) (int, error) { return len(b), nil }

func (d *discardWriter) WriteHeader(int) {}
