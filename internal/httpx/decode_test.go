package httpx

import (
	"context"
	"encoding/json"
	"net/http"
	"reflect"
	"strings"
	"testing"
)

// decodedUser has the kinds of fields the API clients decode responses into.
type decodedUser struct {
	AccountID   string            `json:"accountId"`
	DisplayName string            `json:"displayName"`
	Size        int64             `json:"size"`
	TotalSize   *int              `json:"totalSize"`
	Active      bool              `json:"active"`
	Groups      []string          `json:"groups"`
	Links       map[string]string `json:"_links"`
}

// Responses decode as encoding/json decodes them, whose semantics the client keeps on a faster engine: field
// names matched without regard to case, unknown fields and nulls skipped, the last of duplicate names kept,
// invalid UTF-8 replaced, and a value of the wrong kind an error that says which response it was.
func TestResponsesDecodeAsEncodingJSONDoes(t *testing.T) {
	bodies := []string{
		`{"accountId":"a1","displayName":"Ann","size":3,"totalSize":7,"active":true,"groups":["g"],"_links":{"next":"/n"}}`,
		`{"AccountId":"a2","DISPLAYNAME":"Bob","extra":{"deep":[1,2,{"x":null}]}}`,
		`{"accountId":null,"displayName":"Cy","totalSize":null,"groups":null}`,
		`{"accountId":"first","accountId":"last"}`,
		"{\"displayName\":\"D\xffan \\u00e9\\ud83d\\ude00\"}",
		`{"size":1e2}`,
		`{"size":"3"}`,
		`{"accountId":`,
		`[1,2]`,
	}
	for _, body := range bodies {
		srv := newCountingServer(t, func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(body))
		})
		c := newTestClient(t, srv, Config{})
		var got, want decodedUser
		_, gotErr := c.Do(context.Background(), http.MethodGet, "/user", nil, nil, &got)
		wantErr := json.Unmarshal([]byte(body), &want)
		if (gotErr != nil) != (wantErr != nil) {
			t.Errorf("%s: error %v, encoding/json's %v", body, gotErr, wantErr)
			continue
		}
		if gotErr != nil {
			if !strings.Contains(gotErr.Error(), "GET /user: decoding the response") {
				t.Errorf("%s: error %q does not say which response", body, gotErr)
			}
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: decoded %+v, encoding/json %+v", body, got, want)
		}
	}
}
