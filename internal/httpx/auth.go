package httpx

import (
	"encoding/base64"
	"slices"
)

// Credentials are the Authorization header every request of a client carries. The secrets in it are
// masked wherever they could appear in logs or error messages.
type Credentials struct {
	authorization string
	secrets       []string
}

// BasicAuth authenticates as user with password (Confluence: an email and an API token). The password
// is masked, and so is its encoded form, which a server may echo back.
func BasicAuth(user, password string) Credentials {
	encoded := base64.StdEncoding.EncodeToString([]byte(user + ":" + password))
	return Credentials{authorization: "Basic " + encoded, secrets: masked(password, encoded)}
}

// BearerToken authenticates with a token (the CSUM Admin API key), which is masked.
func BearerToken(token string) Credentials {
	return Credentials{authorization: "Bearer " + token, secrets: masked(token)}
}

// masked drops empty secrets: masking "" would mangle every message.
func masked(secrets ...string) []string {
	return slices.DeleteFunc(secrets, func(s string) bool { return s == "" })
}
