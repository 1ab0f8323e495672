package acctest

import "github.com/csum-tools/terraform-provider-csum/internal/sandbox/faults"

// ReadFault is one kind of fault a safe request must survive by retrying, with the suffix its requests are
// counted under.
type ReadFault struct {
	Name        string
	Config      faults.Config
	CountSuffix string
}

// ReadFaults hits every second request with each kind of fault the clients retry reads on.
func ReadFaults() []ReadFault {
	return []ReadFault{
		{"429 with Retry-After", faults.Config{RateLimitEvery: 2}, faults.SuffixRateLimited},
		{"503 with Retry-After", faults.Config{UnavailableEvery: 2}, faults.SuffixUnavailable},
		{"dropped connection", faults.Config{DropEvery: 2}, faults.SuffixDropped},
	}
}
