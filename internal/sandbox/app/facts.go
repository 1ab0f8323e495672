package app

import (
	"encoding/json"
	"maps"
)

// Prefixes of the facts of the app's two documents.
const (
	SettingsFacts = "app settings "
	SchemesFacts  = "app permission schemes "
)

// Facts flattens the app's state as confluence.Snapshot.Facts does the site's: one fact per document
// field (lists whole, as JSON), the privileged user and the presence of legacy credentials, keyed
//
//	app settings <field.path>           the field's JSON
//	app permission schemes <field>      the field's JSON
//	app privileged user                 the account ID, absent when none is chosen
//	app legacy credentials              {"email": ...}, absent when none are stored
//
// Revisions, validation times and the audit trail are left out: they record that something happened,
// not what the app holds.
func (a *App) Facts() map[string]string {
	st := a.Snapshot()
	facts := map[string]string{}
	maps.Copy(facts, DocumentFacts(SettingsFacts, st.Settings))
	maps.Copy(facts, DocumentFacts(SchemesFacts, st.PermissionSchemes))
	if st.PrivilegedUser != "" {
		facts["app privileged user"] = st.PrivilegedUser
	}
	if st.LegacyCredentials != nil {
		b, _ := json.Marshal(st.LegacyCredentials) // a struct of strings always encodes
		facts["app legacy credentials"] = string(b)
	}
	return facts
}

// DocumentFacts are the facts of one document under prefix: one per field, lists whole, as Facts keys them.
func DocumentFacts(prefix string, doc any) map[string]string {
	facts := map[string]string{}
	for path, value := range flatten(doc) {
		facts[prefix+path] = value
	}
	return facts
}
