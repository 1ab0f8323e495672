# On a site that does not use space roles yet (PRE_ROLES), or that is moving to them (ROLES_TRANSITION), the
# group can get individual permissions instead. A roles-only site (ROLES) refuses them at plan time.
resource "csum_space_group" "reviewers" {
  space_key   = "ENG"
  name        = "reviewers"
  permissions = ["read/space", "create/comment"]
}
