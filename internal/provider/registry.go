package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/list"
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

// listResourceConstructors are the list resources of `terraform query` (Terraform 1.14+); each has the type
// name of the managed resource whose instances it lists. Older CLIs and OpenTofu never ask for them.
var listResourceConstructors = []func() list.ListResource{
	newSpaceGroupList,
	newSpaceGroupMembershipList,
}

var functionConstructors = []func() function.Function{
	newLegacyExportFunction,
}
