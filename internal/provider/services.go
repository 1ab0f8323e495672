package provider

import (
	"context"

	"github.com/csum-tools/terraform-provider-csum/internal/confluence"
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

// confluenceAPI is what the resources and data sources need of Confluence Cloud.
type confluenceAPI interface {
	GetUser(ctx context.Context, accountID string) (confluence.User, error)
	UsersByName(ctx context.Context, query string) ([]confluence.User, error)
	GetGroup(ctx context.Context, groupID string) (confluence.Group, error)
	FindGroupByName(ctx context.Context, name string) (confluence.Group, error)
	CreateGroup(ctx context.Context, name string) (confluence.Group, error)
	DeleteGroup(ctx context.Context, groupID string) error
	Members(ctx context.Context, groupID string) ([]confluence.User, error)
	AddMember(ctx context.Context, groupID, accountID string) error
	RemoveMember(ctx context.Context, groupID, accountID string) error
	IsMember(ctx context.Context, groupID, accountID string) (bool, error)
	BulkUsers(ctx context.Context, accountIDs []string) ([]confluence.User, error)
	ListGroups(ctx context.Context) ([]confluence.Group, error)
	SpaceByKey(ctx context.Context, key string) (confluence.Space, error)
	SpacePermissions(ctx context.Context, spaceID string) ([]confluence.SpacePermission, error)
	AddSpacePermission(ctx context.Context, spaceKey, subjectType, subjectID, operation, target string) (int64, error)
	RemoveSpacePermission(ctx context.Context, spaceKey string, permissionID int64) error
}
