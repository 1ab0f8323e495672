# On a site that manages space access with roles (every site created since November 2025, and sites that
# opted in), the group gets one space role. Role IDs differ from site to site: look the role up by name.
data "csum_space_role" "viewer" {
  name = "Viewer"
}

# A group for ENG's reviewers, named eng-reviewers under the app's default pattern SPACEKEY-.
resource "csum_space_group" "reviewers" {
  space_key = "ENG"
  name      = "reviewers" # the part a space admin would type
  role_id   = data.csum_space_role.viewer.id
}

output "reviewers_group_id" {
  value = csum_space_group.reviewers.group_id
}
