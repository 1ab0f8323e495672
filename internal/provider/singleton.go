package provider

import (
	"fmt"
	"sync"
)

// singletonClaims detects a second resource of a singleton type in one configuration. Terraform plans each
// resource instance once per run of the provider, so a second claim of a type within one run means two
// resources would overwrite each other's document on every apply.
type singletonClaims struct {
	mu      sync.Mutex
	claimed map[string]bool
}

func (c *singletonClaims) claim(typeName string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.claimed == nil {
		c.claimed = map[string]bool{}
	}
	if c.claimed[typeName] {
		return fmt.Errorf("%s manages a single document of the app, and this configuration declares it more than once "+
			"(two resources, or count/for_each). Two declarations would overwrite each other on every apply: keep exactly one", typeName)
	}
	c.claimed[typeName] = true
	return nil
}
