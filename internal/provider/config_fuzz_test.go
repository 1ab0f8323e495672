package provider

import (
	"net"
	"net/url"
	"strings"
	"testing"
)

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
