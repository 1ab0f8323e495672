# discover.tfquery.hcl (Terraform 1.14+), beside the provider block of the configuration:
#   terraform query                                 lists every space group of the site
#   terraform query -generate-config-out=groups.tf  writes a csum_space_group and an import block for each
list "csum_space_group" "all" {
  provider = csum
  limit    = 1000 # at most this many results; the default is 100
}
