// Package faults makes the sandbox misbehave the way Atlassian Cloud and the CSUM
// app do under load: added latency, 429 rate limiting (every Nth request or above a
// requests-per-second limit), 503 with Retry-After, and connections closed without an
// answer, optionally after a write was applied. It also counts requests per route
// template so tests can assert how many calls a client made.
//
// Besides the every-Nth counters, a seeded random schedule (Random) faults requests as a
// function of their content, so that a long randomized run meets the same faults on every
// replay of its seed whatever order concurrent requests arrive in; watchers (Watch) learn
// each request's fault as it is decided.
//
// Faults and latency apply only to Confluence paths (/wiki/..., also behind the
// /ex/confluence/{cloudId} gateway prefix), the app (/csum-admin/...) and the
// organization Admin API (/admin/...); the sandbox's own /_sandbox/ endpoints are
// never faulted nor counted.
package faults
