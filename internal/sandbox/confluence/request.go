package confluence

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
)

// maxBody bounds request bodies; every Confluence body the sandbox reads is a few hundred bytes.
const maxBody = 1 << 20

// decodeBody reads one JSON object. Unknown fields are ignored, as Confluence ignores them; anything that
// is not a single JSON object is an error for a 400.
func decodeBody(r *http.Request, into any) error {
	data, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if err != nil {
		return errors.New("could not read the request body")
	}
	if len(data) > maxBody {
		return errors.New("request body too large")
	}
	if len(data) == 0 {
		return errors.New("request body is required")
	}
	var probe map[string]json.RawMessage
	if err := json.Unmarshal(data, &probe); err != nil || probe == nil {
		return errors.New("request body must be a JSON object")
	}
	if err := json.Unmarshal(data, into); err != nil {
		return errors.New("invalid request body: " + err.Error())
	}
	return nil
}

var errBodyTooLarge = errors.New("request body too large")

// decodeArray reads one JSON array of at most limit bytes (errBodyTooLarge beyond). Unknown fields of its
// elements are ignored, as Confluence ignores them; anything that is not an array is an error for a 400.
func decodeArray(r *http.Request, limit int64, into any) error {
	data, err := io.ReadAll(io.LimitReader(r.Body, limit+1))
	if err != nil {
		return errors.New("could not read the request body")
	}
	if int64(len(data)) > limit {
		return errBodyTooLarge
	}
	var probe []json.RawMessage
	if err := json.Unmarshal(data, &probe); err != nil || probe == nil {
		return errors.New("request body must be a JSON array")
	}
	if err := json.Unmarshal(data, into); err != nil {
		return errors.New("invalid request body: " + err.Error())
	}
	return nil
}
