package provider

import (
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// accountIDRegexp is the form of an Atlassian account ID as the app accepts it (csumdoc.ValidAccountID).
var accountIDRegexp = regexp.MustCompile(`^[A-Za-z0-9:-]{1,128}$`)

// accountIDValidator refuses, at plan time, a value that is not an Atlassian account ID.
func accountIDValidator() validator.String {
	return stringvalidator.RegexMatches(accountIDRegexp, "must be an Atlassian account ID (1 to 128 characters of A-Z a-z 0-9 : -)")
}
