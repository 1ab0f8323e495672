package app

import (
	"net/http"
	"sort"
	"strings"

	"github.com/csum-tools/terraform-provider-csum/internal/csumdoc"
)

type groupRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type spaceGroups struct {
	SpaceKey string          `json:"spaceKey"`
	Pattern  csumdoc.Pattern `json:"pattern"`
	Results  []groupRef      `json:"results"`
}

// spaceGroupsKey extracts the space key from /v1/spaces/{spaceKey}/groups.
func spaceGroupsKey(path string) (string, bool) {
	rest, ok := strings.CutPrefix(path, "/v1/spaces/")
	if !ok {
		return "", false
	}
	key, ok := strings.CutSuffix(rest, "/groups")
	if !ok || key == "" || strings.Contains(key, "/") {
		return "", false
	}
	return key, true
}

// getSpaceGroups lists the groups that belong to a space under the current pattern. The directory is asked
// on every call, so a group deleted or renamed in Confluence is reflected at once.
func (a *App) getSpaceGroups(w http.ResponseWriter, spaceKey string) {
	if !a.dir.SpaceExists(spaceKey) {
		writeError(w, http.StatusNotFound, codeNotFound, "no space with key "+spaceKey)
		return
	}
	a.mu.RLock()
	pattern := a.state.Settings.GroupSettings.SpaceGroupPattern
	blocked := map[string]bool{}
	for _, id := range a.state.Settings.GroupSettings.GroupBlocklist {
		blocked[id] = true
	}
	a.mu.RUnlock()

	out := spaceGroups{SpaceKey: spaceKey, Pattern: pattern, Results: []groupRef{}}
	for _, g := range a.dir.Groups() {
		if !blocked[g.ID] && !g.GlobalPermission && pattern.Belongs(spaceKey, g.Name) {
			out.Results = append(out.Results, groupRef{ID: g.ID, Name: g.Name})
		}
	}
	sort.SliceStable(out.Results, func(i, j int) bool { return out.Results[i].Name < out.Results[j].Name })
	writeJSON(w, http.StatusOK, out)
}
