package acctest

// Accounts of the demo seed; GenerateSeed's admin has the admin's credentials too.
const (
	AdminEmail  = "admin@example.com"
	AdminToken  = "sandbox-admin-token"
	ViewerEmail = "viewer@example.com" // licensed, neither site admin nor space admin
	ViewerToken = "sandbox-viewer-token"
)

// Creds are one account's basic-auth email and API token; Nobody sends none.
type Creds struct{ Email, Token string }

// Credentials for Call.
var (
	Admin  = Creds{AdminEmail, AdminToken}
	Viewer = Creds{ViewerEmail, ViewerToken}
	Nobody = Creds{}
)
