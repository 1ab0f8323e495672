package httpx

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// IfMatch makes a write conditional on the document still being at revision rev; 0 means unconditional.
func IfMatch(rev int64) Option {
	return func(r *http.Request) {
		if rev != 0 {
			r.Header.Set("If-Match", strconv.Quote(strconv.FormatInt(rev, 10)))
		}
	}
}

// Revision reads the decimal revision from a response's ETag (`"7"`, or weak `W/"7"`).
func Revision(resp *http.Response) (int64, error) {
	if resp == nil {
		return 0, fmt.Errorf("no response to read an ETag from")
	}
	tag := strings.TrimSpace(resp.Header.Get("ETag"))
	tag = strings.Trim(strings.TrimPrefix(tag, "W/"), `"`)
	rev, err := strconv.ParseInt(tag, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("the answer's ETag %q is not a revision number", resp.Header.Get("ETag"))
	}
	return rev, nil
}
