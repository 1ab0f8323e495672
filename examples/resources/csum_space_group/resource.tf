# A group for ENG's reviewers, named eng-reviewers under the app's default pattern SPACEKEY-.
resource "csum_space_group" "reviewers" {
  space_key   = "ENG"
  name        = "reviewers"
  permissions = ["read/space", "create/comment"]
}

output "reviewers_group_id" {
  value = csum_space_group.reviewers.group_id
}
