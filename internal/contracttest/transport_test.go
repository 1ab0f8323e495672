package contracttest

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestTransportHandsOnABrokenAnswer: an answer cut short reaches the client as the same failure, unchecked.
func TestTransportHandsOnABrokenAnswer(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", "100")
		_, _ = io.WriteString(w, `{"app":`)
	}))
	defer srv.Close()
	client := &http.Client{Transport: Transport(t, srv.URL, nil)}
	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/v1/status", nil)
	req.Header.Set("Authorization", "Bearer key")
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err == nil || string(body) != `{"app":` {
		t.Fatalf("read %q, %v; want the partial answer and an error", body, err)
	}
}
