# A group for ENG's writers, named eng-writers under the app's default pattern SPACEKEY-.
resource "csum_space_group" "writers" {
  space_key   = "ENG"
  name        = "writers"
  permissions = ["read/space", "create/page", "create/blogpost", "create/comment", "create/attachment"]
}

output "writers_group_id" {
  value = csum_space_group.writers.group_id
}
