# The groups that belong to ENG under the app's space group pattern, e.g. to import them all.
data "csum_space_groups" "eng" {
  space_key = "ENG"
}

output "eng_groups" {
  value = { for g in data.csum_space_groups.eng.groups : g.name => g.id }
}
