package confluence

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/csum-tools/terraform-provider-csum/internal/httpx"
)

func TestSpaceRoleModeAndCatalogue(t *testing.T) {
	f := newFakeSite(t)
	f.mux.HandleFunc("GET /wiki/api/v2/space-role-mode", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, 200, `{"mode":"ROLES_TRANSITION"}`)
	})
	f.mux.HandleFunc("GET /wiki/api/v2/space-roles", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("cursor") == "" {
			w.Header().Set("Link", `</wiki/api/v2/space-roles?cursor=next&limit=250>; rel="next"`)
			writeJSON(w, 200, `{"results":[{"id":"r1","type":"SYSTEM","name":"Admin","description":"d","spacePermissions":["read/space","administer/space"]}],"_links":{}}`)
			return
		}
		writeJSON(w, 200, `{"results":[{"id":"r2","type":"CUSTOM","name":"Reviewer","description":"","spacePermissions":null}],"_links":{}}`)
	})
	c := f.client(t)
	if mode, err := c.SpaceRoleMode(context.Background()); err != nil || mode != ModeRolesTransition {
		t.Fatalf("mode = %q, %v", mode, err)
	}
	roles, err := c.SpaceRoles(context.Background())
	if err != nil || len(roles) != 2 || roles[0].SpacePermissions[1] != "administer/space" || roles[1].Type != "CUSTOM" {
		t.Fatalf("roles = %+v, %v", roles, err)
	}
	if got := f.hits("/wiki/api/v2/space-roles"); got != 2 {
		t.Errorf("%d catalogue requests, want 2 pages", got)
	}
}

// The assignment write is a JSON array with one entry per principal; an entry without roleId removes the
// principal's role, so roleId must be left out, not sent empty.
func TestSetSpaceRoleAssignmentsSendsAnArray(t *testing.T) {
	f := newFakeSite(t)
	var bodies []string
	f.mux.HandleFunc("POST /wiki/api/v2/spaces/{id}/role-assignments", func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		bodies = append(bodies, string(b))
		writeJSON(w, 200, `{"results":`+string(b)+`,"_links":{}}`)
	})
	c := f.client(t)
	ctx := context.Background()
	group := Principal{Type: PrincipalGroup, ID: "g1"}
	if err := c.SetSpaceRoleAssignments(ctx, "98306", []RoleAssignment{{Principal: group, RoleID: "r1"}}); err != nil {
		t.Fatal(err)
	}
	if err := c.SetSpaceRoleAssignments(ctx, "98306", []RoleAssignment{{Principal: group}}); err != nil {
		t.Fatal(err)
	}
	var sent [][]map[string]any
	for _, b := range bodies {
		var entries []map[string]any
		if err := json.Unmarshal([]byte(b), &entries); err != nil {
			t.Fatalf("body %s is not an array: %v", b, err)
		}
		sent = append(sent, entries)
	}
	if sent[0][0]["roleId"] != "r1" || fmt.Sprint(sent[0][0]["principal"]) != "map[principalId:g1 principalType:GROUP]" {
		t.Errorf("assignment sent as %s", bodies[0])
	}
	if _, has := sent[1][0]["roleId"]; has {
		t.Errorf("removal sent a roleId: %s", bodies[1])
	}
}

func TestSpaceRoleAssignmentsOfAMissingSpace(t *testing.T) {
	f := newFakeSite(t)
	f.mux.HandleFunc("GET /wiki/api/v2/spaces/{id}/role-assignments", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, 404, `{"errors":[{"status":404,"code":"NOT_FOUND","title":"Not Found","detail":null}]}`)
	})
	_, err := f.client(t).SpaceRoleAssignments(context.Background(), "1")
	var nf *NotFoundError
	if !errors.As(err, &nf) || !strings.Contains(err.Error(), "space") {
		t.Fatalf("got %v, want a space NotFoundError", err)
	}
	if !httpx.IsNotFound(err) {
		t.Fatalf("httpx.IsNotFound(%v) = false", err)
	}
}
