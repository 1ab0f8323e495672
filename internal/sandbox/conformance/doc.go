// Package conformance checks the sandbox with Confluence Cloud clients written outside this project, whose
// expectations come from Atlassian's published API specs rather than from the sandbox's own reading of them.
// The checks are tests: confluencejs/ holds a Node.js project that drives confluence.js, which validates every
// response against schemas derived from Atlassian's OpenAPI specs, and TestConfluenceJS runs it against a
// sandbox with the demo seed.
package conformance
