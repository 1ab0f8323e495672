// Package soak is the fault soak: from a seed, a run draws steps against one sandbox, runs the real
// Terraform CLI for each, and checks invariants against the sandbox's own record after every step.
//
// # Steps
//
// A step applies a new configuration of the provider's resources (space groups with permissions or a role as
// the site's space role mode allows, memberships of random sizes, single members, the app's settings and
// permission schemes, the privileged user), destroys everything, changes the site outside Terraform
// (members, permissions, roles, settings, schemes, the privileged user, a group deleted), plans under read
// faults, or probes a safety rule: it sets a trap outside Terraform (a protected account in a managed group,
// a group left the only administrator of its space, a group with members a new membership does not list)
// and applies a configuration that walks into it. Applies and destroys meet random faults (429 with
// Retry-After, 503, a connection dropped before or after the server carried out a write, latency) and
// sometimes SIGINT, sent as a chosen write reaches the sandbox, whose answer is then held back so that the
// interrupt lands while it is on its way. A run ends with a destroy.
//
// # Invariants
//
//   - After a step without faults, a plan proposes exactly the changes the model expects: the outside
//     changes made since the last apply to what the configuration manages, and nothing else; its refreshed
//     values are the site's (expectedPlan).
//   - After a failed or interrupted apply, state records no change that did not happen (checkClaims); the
//     next apply without faults succeeds, the site is then what the configuration asks for, and a plan is
//     empty.
//   - No write changes anything that neither the configuration nor a destroy asked for: the sandbox journals
//     every write with the facts it changed (sandbox.Server.Journal), and every change must move a fact to
//     the value the model expects (writeCheck).
//   - Protected accounts are never removed from a group, and no space loses its last administrator, at any
//     write (writeCheck); the probes' applies are refused with the rule's error and write nothing.
//   - No credential appears in any command's output, trace log (TF_LOG=trace), state or configuration.
//
// The model (facts, expected) is the site as a flat set of facts keyed by group name, so that it compares
// with the sandbox key by key. Where Terraform itself decides, the invariants say so rather than guess: a
// destroyed membership may or may not remove members added outside since the last apply, as Terraform 1.11
// plans the destroy of a resource removed from the configuration before refreshing it (expected's loose
// facts); a tainted group is deleted and made again; and a write the provider gave up on may be carried out
// without state recording it (never the reverse).
//
// # Replay
//
// Everything a run does is drawn from its seed with math/rand/v2's PCG (generator): the site's space role
// mode, every configuration, outside change, fault share and interrupt, from the model alone, never from
// the sandbox. The faults are a function of each request (faults.Random): its method, path, query and body,
// and how often the same request came before in the command, so concurrent requests, which arrive in a
// different order each run, meet the same faults. The sandbox assigns IDs derived from what they identify
// (sandbox.Options.StableIDs), so that requests carry the same IDs in every run. An interrupt comes at the
// same count of writes. What still differs between runs of a seed is timing: which of two concurrent
// identical reads goes first, and what an interrupted command sends before it stops. A failure that depends
// on that may need a few replays (go test -count=N). Runs differ between Terraform releases, which send
// different requests.
//
// Every failure names its seed and step and how to replay it: make soak SEED=n STEPS=n, or
// TF_ACC=1 go test ./internal/soak -run 'TestSoak$' -soak.seed=n -soak.steps=n -v. A seed that found a
// defect is kept in TestSoakRegressions. The generator is part of what a seed means: a change to how steps
// are drawn changes what every seed replays, so after one, each recorded seed must be checked to still find
// its defect with the fix reverted, or be replaced by a seed that does.
//
// The provider runs as Terraform runs it, in a process per command: Terraform's dev_overrides point at the
// test binary, which serves the provider when Terraform starts it (ServeProviderIfAsked).
package soak
