package sandbox

import (
	"encoding/json"
	"io"
	"net/http"

	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/faults"
)

// maxModeBody bounds a PUT /_sandbox/space-role-mode body, {"mode": "ROLES_TRANSITION"}.
const maxModeBody = 4 << 10

type spaceRoleMode struct {
	Mode string `json:"mode"`
}

// spaceRoleModeControl serves the control endpoint of the site's space role mode, beside the fault ones:
//
//	GET /_sandbox/space-role-mode  {"mode": "ROLES"}
//	PUT /_sandbox/space-role-mode  move the site to the body's mode and save the model; answers the mode
//
// Like every /_sandbox/ endpoint it needs no credentials and is neither faulted nor counted.
func (s *Server) spaceRoleModeControl() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /_sandbox/space-role-mode", func(w http.ResponseWriter, _ *http.Request) {
		writeControlJSON(w, spaceRoleMode{Mode: s.store.SpaceRoleMode()})
	})
	mux.HandleFunc("PUT /_sandbox/space-role-mode", func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxModeBody))
		var want spaceRoleMode
		if err == nil {
			err = json.Unmarshal(body, &want)
		}
		if err == nil {
			err = s.store.SetSpaceRoleMode(want.Mode)
		}
		if err != nil {
			faults.WriteBadRequest(w, "invalid space role mode: "+err.Error())
			return
		}
		s.persist()
		writeControlJSON(w, spaceRoleMode{Mode: s.store.SpaceRoleMode()})
	})
	return mux
}

func writeControlJSON(w http.ResponseWriter, body any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(body) // the client may be gone; nothing useful to do about it
}
