package contracttest

import (
	"bytes"
	"io"
	"net/http"
	"testing"
)

// Transport sends requests through next (http.DefaultTransport when nil) and checks every request and
// answer against the contract; one that breaks it fails t. appURL is the base URL the client is
// configured with.
func Transport(t testing.TB, appURL string, next http.RoundTripper) http.RoundTripper {
	t.Helper()
	if next == nil {
		next = http.DefaultTransport
	}
	return &transport{t: t, checker: mustChecker(t, appURL), next: next}
}

type transport struct {
	t       testing.TB
	checker *checker
	next    http.RoundTripper
}

func (rt *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	var body []byte
	if req.Body != nil {
		var err error
		body, err = io.ReadAll(req.Body)
		_ = req.Body.Close()
		if err != nil {
			return nil, err
		}
		req = req.Clone(req.Context())
		req.Body = io.NopCloser(bytes.NewReader(body))
	}
	resp, err := rt.next.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	answer, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	resp.Body = replay(answer, err)
	// An answer that broke off, as on a dropped connection, has nothing whole to check.
	if err == nil {
		report(rt.t, rt.checker, exchange{request: req, body: body, status: resp.StatusCode, header: resp.Header, answer: answer})
	}
	return resp, nil
}

// replay gives the client the answer as it was read: the bytes, then the error reading stopped at, if any,
// so that a broken answer fails in the client as it would have without the check.
func replay(answer []byte, err error) io.ReadCloser {
	if err == nil {
		return io.NopCloser(bytes.NewReader(answer))
	}
	return io.NopCloser(io.MultiReader(bytes.NewReader(answer), failingReader{err}))
}

// failingReader fails every read with err.
type failingReader struct{ err error }

func (r failingReader) Read([]byte) (int, error) { return 0, r.err }
