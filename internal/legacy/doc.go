// Package legacy reads CSUM export files, both the deprecated CSUMCloud listing's legacy format 1
// ("exportVersion": 1) and the current app's format 2 ("formatVersion": 2), and turns them into the current
// settings and permission-scheme documents of package csumdoc. It does no I/O: it takes bytes.
//
// FORMAT.md in this directory describes both formats, every field, how each maps to the app's settings and
// permission schemes documents (api/csum-admin-v1.yaml) and to the provider's attributes, and what the
// reader must warn about or refuse.
//
// Decisions FORMAT.md leaves open:
//
//   - Format 1 is read with every tolerance FORMAT.md lists; JSON null is accepted only for
//     userGroupFilter (no filter) and privilegedUser.email (no email), anywhere else it is a value of the
//     wrong kind. A missing setting takes the current default with a warning that names it. The envelope
//     keys exportVersion, appKey and exportedAt are understood and not reported; any other unknown key is
//     a warning. Repeated IDs in a list are merged without a warning: nothing is lost.
//   - Format 2 is read as strictly as the admin API reads it: exact JSON kinds, every field of the settings
//     and schemes documents present (a missing one is an error, because the API would refuse the document
//     and a default would hide a typo). Unknown fields are warnings, not errors: the file is only read, the
//     field is dropped and said so, and a newer app's export still reads.
//   - Both formats are then checked with csumdoc's static rules. A broken rule is a warning, not an error:
//     the reader shows the whole file, and csum_global_settings / csum_permission_schemes refuse the plan
//     with the same message. For format 1 the warning's path points at the legacy key it came from.
//   - Lists are sets: ID lists and operations are deduplicated and sorted (IDs lexically, operations in
//     the app's order), schemes are sorted by account or group ID and a repeated one is merged, so the same
//     file always gives the same Result.
//   - A privilegedUser.apiToken is never decoded into anything the reader keeps; only its presence is
//     reported. Error messages quote values of the wrong kind, shortened, and never the token.
package legacy
