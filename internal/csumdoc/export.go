package csumdoc

// CurrentFormatVersion is the formatVersion of export files written by the current app.
const CurrentFormatVersion = 2

// ExportApp names the app and version that wrote an export file.
type ExportApp struct {
	Key     string `json:"key"`
	Version string `json:"version"`
}

// Export is the format-2 export document (GET /v1/config/export, POST /v1/config/import).
type Export struct {
	FormatVersion     int               `json:"formatVersion"`
	ExportedAt        string            `json:"exportedAt,omitempty"`
	App               *ExportApp        `json:"app,omitempty"`
	Settings          Settings          `json:"settings"`
	PermissionSchemes PermissionSchemes `json:"permissionSchemes"`
}
