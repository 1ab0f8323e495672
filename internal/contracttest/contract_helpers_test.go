package contracttest

// Documents that follow the contract, for building exchanges.
const (
	settingsBody = `{"groupSettings":{"spaceGroupPattern":{"prefix":"SPACEKEY-","suffix":""},"groupNameRegex":".*",` +
		`"allowSpaceGroupActions":true,"allowSpaceGroupMemberChanges":true,"maxUsersPerAction":100,"maxGroupsPerAction":10,` +
		`"groupBlocklist":[],"allowRemoveSelfFromGlobalPermissionGroup":false},"userSettings":{"disabledUserVisibility":"FLAG",` +
		`"userSearchEnabled":true,"personalSpaceAdministrationAllowed":false,"autoJoinGroupIds":[],"userGroupFilterGroupId":null},` +
		`"generalSettings":{"showGroupInformation":true,"auditRetentionDays":90}}`
	statusBody = `{"app":"csum-cloud","version":"5.2.0","siteUrl":"https://example.atlassian.net","settingsRevision":7,"permissionSchemesRevision":3}`
)

// errorBody is an error envelope with code.
func errorBody(code string) string {
	return `{"error":{"code":"` + code + `","message":"refused"}}`
}
