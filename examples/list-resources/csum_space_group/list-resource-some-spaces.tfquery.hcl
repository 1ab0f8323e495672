# The space groups of two spaces.
list "csum_space_group" "eng_ops" {
  provider = csum
  config {
    space_keys = ["ENG", "OPS"]
  }
}
