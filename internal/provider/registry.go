package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

var resourceConstructors = []func() resource.Resource{
	newGlobalSettingsResource,
	newPermissionSchemesResource,
	newPrivilegedUserResource,
	newSpaceGroupResource,
	newSpaceGroupMembershipResource,
	newSpaceGroupMemberResource,
}

var dataSourceConstructors = []func() datasource.DataSource{
	newUserDataSource,
	newSpaceDataSource,
	newSpaceGroupsDataSource,
	newSpaceRolesDataSource,
	newSpaceRoleDataSource,
	newLegacyExportDataSource,
	newOrgUsersDataSource,
}

var functionConstructors = []func() function.Function{
	newLegacyExportFunction,
}
