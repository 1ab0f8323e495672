package faults

import (
	"encoding/json"
	"io"
	"net/http"
)

// maxControlBody bounds a PUT /_sandbox/faults body; a Config is a few hundred bytes.
const maxControlBody = 64 << 10

// ControlHandler serves the sandbox endpoints that drive the injector:
//
//	GET    /_sandbox/faults  the Config in force (JSON, durations as "20ms")
//	PUT    /_sandbox/faults  replace it whole (absent fields are off) and restart the
//	                         fault schedule; answers the Config now in force
//	GET    /_sandbox/counts  the request counts, as Counts returns them
//	DELETE /_sandbox/counts  reset them (204)
//
// Bad input answers 400 in the app's error envelope.
func (i *Injector) ControlHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /_sandbox/faults", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, i.Config())
	})
	mux.HandleFunc("PUT /_sandbox/faults", func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxControlBody))
		if err != nil {
			WriteBadRequest(w, "reading the body: "+err.Error())
			return
		}
		var cfg Config
		if err := json.Unmarshal(body, &cfg); err != nil {
			WriteBadRequest(w, "invalid fault configuration: "+err.Error())
			return
		}
		i.Set(cfg)
		writeJSON(w, http.StatusOK, i.Config())
	})
	mux.HandleFunc("GET /_sandbox/counts", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, i.Counts())
	})
	mux.HandleFunc("DELETE /_sandbox/counts", func(w http.ResponseWriter, _ *http.Request) {
		i.ResetCounts()
		w.WriteHeader(http.StatusNoContent)
	})
	return mux
}

// WriteBadRequest answers bad input to a /_sandbox/ control endpoint: 400 in the app's error envelope.
func WriteBadRequest(w http.ResponseWriter, message string) {
	writeJSON(w, http.StatusBadRequest, appError{Error: appErrorBody{
		Code: "BAD_REQUEST", Message: message, Details: []any{},
	}})
}
