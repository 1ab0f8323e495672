# Where the move starts: two groups of ENG with individual permissions.
resource "csum_space_group" "authors" {
  space_key   = "ENG"
  name        = "authors"
  permissions = ["read/space", "create/page", "create/blogpost", "create/comment", "create/attachment"]
}

resource "csum_space_group" "reviewers" {
  space_key   = "ENG"
  name        = "reviewers"
  permissions = ["read/space", "create/comment"]
}
