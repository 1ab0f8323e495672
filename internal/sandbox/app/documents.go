package app

import (
	"net/http"

	"github.com/csum-tools/terraform-provider-csum/internal/csumdoc"
)

// document describes one revisioned singleton (settings, permission schemes): where it lives in the state,
// its reset value and its rules. Both share one implementation of GET, PUT and DELETE.
type document[T any] struct {
	target        string // API path, also the audit target
	what          string // "settings document", for messages
	slot          func(*State) (*T, *int64)
	reset         func() T
	normalize     func(T) T
	validate      func(a *App, doc T) csumdoc.Problems
	updatedAction string
	resetAction   string
}

var settingsDoc = document[csumdoc.Settings]{
	target:        "/v1/settings",
	what:          "settings document",
	slot:          func(s *State) (*csumdoc.Settings, *int64) { return &s.Settings, &s.SettingsRevision },
	reset:         csumdoc.DefaultSettings,
	normalize:     normalizeSettings,
	validate:      (*App).settingsProblems,
	updatedAction: actionSettingsUpdated,
	resetAction:   actionSettingsReset,
}

var schemesDoc = document[csumdoc.PermissionSchemes]{
	target: "/v1/permission-schemes",
	what:   "permission schemes document",
	slot: func(s *State) (*csumdoc.PermissionSchemes, *int64) {
		return &s.PermissionSchemes, &s.PermissionSchemesRevision
	},
	reset:         csumdoc.DefaultPermissionSchemes,
	normalize:     normalizeSchemes,
	validate:      (*App).schemesProblems,
	updatedAction: actionSchemesUpdated,
	resetAction:   actionSchemesReset,
}

func (d document[T]) methods(a *App) methods {
	return methods{
		http.MethodGet:    func(w http.ResponseWriter, r *http.Request) { d.get(a, w) },
		http.MethodPut:    func(w http.ResponseWriter, r *http.Request) { d.put(a, w, r) },
		http.MethodDelete: func(w http.ResponseWriter, r *http.Request) { d.delete(a, w, r) },
	}
}

func (d document[T]) get(a *App, w http.ResponseWriter) {
	a.mu.RLock()
	doc, rev := d.slot(&a.state)
	out, outRev := cloneJSON(*doc), *rev
	a.mu.RUnlock()
	writeDocument(w, out, outRev)
}

// put replaces the document whole: the revision check and the rules run under the lock, so that what was
// checked is what gets stored.
func (d document[T]) put(a *App, w http.ResponseWriter, r *http.Request) {
	var doc T
	if !decodeBody(w, r, &doc, d.what) {
		return
	}
	var rev int64
	ok := a.write(func() bool {
		_, current := d.slot(&a.state)
		if !checkIfMatch(w, r, *current) {
			return false
		}
		if problems := d.validate(a, doc); len(problems) > 0 {
			writeProblems(w, codeValidationFailed, d.what, problems)
			return false
		}
		rev = d.replace(a, doc, channelAPI, d.updatedAction)
		return true
	})
	if ok {
		writeDocument(w, doc, rev)
	}
}

// delete resets the document to its defaults and answers the new document.
func (d document[T]) delete(a *App, w http.ResponseWriter, r *http.Request) {
	doc := d.reset()
	var rev int64
	ok := a.write(func() bool {
		_, current := d.slot(&a.state)
		if !checkIfMatch(w, r, *current) {
			return false
		}
		rev = d.replace(a, doc, channelAPI, d.resetAction)
		return true
	})
	if ok {
		writeDocument(w, doc, rev)
	}
}

// replace stores doc as the new revision and audits the change. The caller holds the write lock.
func (d document[T]) replace(a *App, doc T, channel, action string) int64 {
	slot, rev := d.slot(&a.state)
	before := *slot
	*slot = d.normalize(doc)
	*rev++
	a.audit(channel, action, d.target, describeChanges(before, *slot))
	return *rev
}

// settingsProblems lists every broken rule of a settings document, including references to groups that do
// not exist. The caller holds the lock.
func (a *App) settingsProblems(s csumdoc.Settings) csumdoc.Problems {
	return append(s.Validate(), missingProblems(a.missingSettingsRefs(s))...)
}

// schemesProblems does the same for a permission schemes document.
func (a *App) schemesProblems(p csumdoc.PermissionSchemes) csumdoc.Problems {
	return append(p.Validate(), missingProblems(a.missingSchemeRefs(p))...)
}
