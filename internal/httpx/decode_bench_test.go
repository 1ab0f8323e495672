package httpx

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// memberPage is a page of 200 group members as Confluence sends them, about 110 kB.
func memberPage() []byte {
	var b strings.Builder
	b.WriteString(`{"results":[`)
	for i := range 200 {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"type":"known","accountId":"557058:0001c22a-538b-53d1-85d6-3395fb73%04d","accountType":"atlassian",`+
			`"email":"user%06d@example.com","publicName":"User %06d","displayName":"User %06d","timeZone":null,`+
			`"profilePicture":{"path":"/wiki/aa-avatar/default.png","width":48,"height":48,"isDefault":true},`+
			`"isExternalCollaborator":false,"externalCollaborator":false,"isGuest":false,"accountStatus":"active",`+
			`"_expandable":{"operations":"","personalSpace":""},"_links":{"self":"/wiki/rest/api/user?accountId=557058%%3A%04d"}}`,
			i, i, i, i, i)
	}
	b.WriteString(`],"start":0,"limit":200,"size":200,"totalSize":20000,"_links":{"next":"/wiki/rest/api/group/g/membersByGroupId?start=200"}}`)
	return []byte(b.String())
}

type benchMember struct {
	AccountID     string `json:"accountId"`
	AccountType   string `json:"accountType"`
	AccountStatus string `json:"accountStatus,omitempty"`
	DisplayName   string `json:"displayName"`
}

// BenchmarkDecodeMemberPage compares the client's decoding of a member page with encoding/json's: a refresh of a
// group of 20,000 members decodes 100 of them.
func BenchmarkDecodeMemberPage(b *testing.B) {
	data := memberPage()
	for _, d := range []struct {
		name   string
		decode func([]byte, any) error
	}{{"encoding-json", json.Unmarshal}, {"client", decodeBody}} {
		b.Run(d.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				var page offsetPage[benchMember]
				if err := d.decode(data, &page); err != nil || len(page.Results) != 200 {
					b.Fatalf("%d results, %v", len(page.Results), err)
				}
			}
		})
	}
}
