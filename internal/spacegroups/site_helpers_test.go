package spacegroups

// newTestSite is a Site with no APIs behind it, for tests that pass their fakes to each call.
func newTestSite() *Site { return NewSite(nil, nil, nil) }
