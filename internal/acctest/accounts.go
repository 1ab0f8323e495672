package acctest

// Accounts of the demo seed; GenerateSeed's admin has the admin's credentials too.
const (
	AdminEmail  = "admin@example.com"
	AdminToken  = "sandbox-admin-token"
	ViewerEmail = "viewer@example.com" // licensed, neither site admin nor space admin
	ViewerToken = "sandbox-viewer-token"
)
