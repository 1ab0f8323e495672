package provider

import (
	"context"

	"github.com/csum-tools/terraform-provider-csum/internal/csumapi"
	"github.com/csum-tools/terraform-provider-csum/internal/csumdoc"
)

// appAPI is what the resources need of the CSUM Admin API. Revisions make writes conditional: 0 means
// unconditional.
type appAPI interface {
	GetSettings(ctx context.Context) (csumdoc.Settings, int64, error)
	PutSettings(ctx context.Context, doc csumdoc.Settings, ifMatch int64) (csumdoc.Settings, int64, error)
	ResetSettings(ctx context.Context, ifMatch int64) (csumdoc.Settings, int64, error)
	GetPermissionSchemes(ctx context.Context) (csumdoc.PermissionSchemes, int64, error)
	PutPermissionSchemes(ctx context.Context, doc csumdoc.PermissionSchemes, ifMatch int64) (csumdoc.PermissionSchemes, int64, error)
	ResetPermissionSchemes(ctx context.Context, ifMatch int64) (csumdoc.PermissionSchemes, int64, error)
	GetPrivilegedUser(ctx context.Context) (csumapi.PrivilegedUser, error)
	PutPrivilegedUser(ctx context.Context, accountID string) (csumapi.PrivilegedUser, error)
	DeletePrivilegedUser(ctx context.Context) error
	SpaceGroups(ctx context.Context, spaceKey string) (csumapi.SpaceGroups, error)
}
