# By name: the search must match exactly one user, otherwise the error lists the candidates.
data "csum_user" "alice" {
  query = "Alice Anders"
}

# By account ID, e.g. to check that an account still exists and is active.
data "csum_user" "bob" {
  account_id = "557058:1e2acc73-a1f7-53a1-b25c-5550e3e538cd"
}

output "alice_account_id" {
  value = data.csum_user.alice.account_id
}

output "bob_status" {
  value = data.csum_user.bob.account_status # active, inactive or closed
}
