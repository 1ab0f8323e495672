data "csum_space" "eng" {
  key = "ENG"
}

output "eng_space_id" {
  value = data.csum_space.eng.id
}
