# Lists every space group of the site, and each group's membership, for terraform query (Terraform 1.14+).
# Beside versions.tf (the provider block), in an empty state:
#   terraform query -generate-config-out=adopted.tf
# writes a resource block and an import block for each, numbered site_0, site_1, ... in the order listed.

list "csum_space_group" "site" {
  provider = csum
  limit    = 10000 # the default is 100; a listing cut short by its limit says so
  # config {
  #   space_keys = ["ENG", "OPS"] # every space the caller can see when left out
  # }
}

list "csum_space_group_membership" "site" {
  provider = csum
  limit    = 10000
}
