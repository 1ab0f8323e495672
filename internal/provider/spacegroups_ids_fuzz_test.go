package provider

import (
	"net"
	"net/url"
	"strings"
	"testing"

	"github.com/csum-tools/terraform-provider-csum/internal/csumdoc"
)

// FuzzParseSpaceGroupID checks that import IDs never panic the parser, and that whatever it accepts is
// complete (a space key without blanks, a group, a valid account ID when one is asked for) and joins back
// into the very ID it came from, so that no part of an ID is silently dropped.
func FuzzParseSpaceGroupID(f *testing.F) {
	for _, seed := range []string{"ENG/eng-writers", "ENG/5f2c1e6a-0b7d-4c1e-9a51-2f0e9c3d7a10", "ENG/team/a",
		"OPS/ops-oncall/557058:abc-1", "OPS/a/b/557058:abc", "ENG", "/x", "ENG/", "OPS//557058:abc", "E G/x", "A/\t", ""} {
		f.Add(seed, false)
		f.Add(seed, true)
	}
	f.Fuzz(func(t *testing.T, id string, withAccount bool) {
		ref, err := parseSpaceGroupID(id, withAccount)
		if err != nil {
			if ref != (spaceGroupRef{}) {
				t.Fatalf("an error came with a result: %+v", ref)
			}
			if !strings.Contains(err.Error(), "must look like SPACEKEY/") {
				t.Fatalf("the error does not show the expected form: %v", err)
			}
			return
		}
		if ref.SpaceKey == "" || strings.ContainsAny(ref.SpaceKey, "/ \t") {
			t.Fatalf("space key %q accepted", ref.SpaceKey)
		}
		if strings.TrimSpace(ref.Group) == "" {
			t.Fatalf("blank group accepted from %q", id)
		}
		joined := ref.SpaceKey + "/" + ref.Group
		if withAccount {
			if !csumdoc.ValidAccountID(ref.AccountID) {
				t.Fatalf("account ID %q accepted", ref.AccountID)
			}
			joined += "/" + ref.AccountID
		} else if ref.AccountID != "" {
			t.Fatalf("an account ID %q without asking for one", ref.AccountID)
		}
		if joined != id {
			t.Fatalf("%q parsed into %+v, which joins back into %q", id, ref, joined)
		}
	})
}

// FuzzCheckURL checks that the URL rule never panics and never lets credentials travel in clear text: an
// accepted URL is absolute http(s) with a host, carries no user info, query or fragment, and uses http only
// for a loopback host.
func FuzzCheckURL(f *testing.F) {
	for _, seed := range []string{"https://example.atlassian.net", "http://127.0.0.1:8899", "http://localhost/x",
		"http://[::1]:8080", "http://example.net", "https://u:p@example.net", "ftp://x", "https://x/?q=1", "http://127.0.0.1.example.net",
		"http://LOCALHOST", "http://0x7f.1", "http://[::ffff:127.0.0.1]/", "https://%zz", ""} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		if checkURL(raw) != "" {
			return
		}
		u, err := url.Parse(raw)
		if err != nil || u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" {
			t.Fatalf("accepted %q: %+v (%v)", raw, u, err)
		}
		switch u.Scheme {
		case "https":
		case "http":
			if !loopbackHost(u.Hostname()) {
				t.Fatalf("accepted clear-text http to %q", u.Hostname())
			}
		default:
			t.Fatalf("accepted scheme %q", u.Scheme)
		}
	})
}

// loopbackHost restates the loopback rule independently of isLoopback: localhost, 127.0.0.0/8 or ::1.
func loopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	if ip4 := ip.To4(); ip4 != nil {
		return ip4[0] == 127
	}
	return ip != nil && ip.Equal(net.IPv6loopback)
}
