package contracttest

import (
	"bytes"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
)

// Middleware serves next and checks every request and answer against the contract; one that breaks it
// fails t. base is where next serves the contract's paths: "" when at the root, or a base URL or path such
// as "/admin".
func Middleware(t testing.TB, base string, next http.Handler) http.Handler {
	t.Helper()
	c := mustChecker(t, base)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			t.Errorf("%s %s: reading the request body: %v", r.Method, r.URL.RequestURI(), err)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		rec := httptest.NewRecorder()
		next.ServeHTTP(rec, r)
		report(t, c, exchange{request: r, body: body, status: rec.Code, header: rec.Header(), answer: rec.Body.Bytes()})
		maps.Copy(w.Header(), rec.Header())
		w.WriteHeader(rec.Code)
		_, _ = w.Write(rec.Body.Bytes())
	})
}

// mustChecker returns the checker for base, the path of a base URL, or ends the test.
func mustChecker(t testing.TB, base string) *checker {
	t.Helper()
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("contract base %q: %v", base, err)
	}
	c, err := checkerFor(u.Path)
	if err != nil {
		t.Fatal(err)
	}
	return c
}
