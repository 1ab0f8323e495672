package app

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"reflect"
	"strconv"
	"strings"
)

// maxBodyBytes bounds a request body; the largest legal document is far smaller.
const maxBodyBytes = 4 << 20

// decodeBody reads a JSON request body into doc (a pointer), checking the body's media type, syntax and
// shape first. On failure it has already answered (415, 400 or 422) and returns false.
func decodeBody(w http.ResponseWriter, r *http.Request, doc any, what string) bool {
	mediaType, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mediaType != "application/json" {
		writeError(w, http.StatusUnsupportedMediaType, codeUnsupportedMediaType, "the request body must be sent as Content-Type: application/json")
		return false
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	if err != nil {
		writeError(w, http.StatusBadRequest, codeBadRequest, "the request body could not be read: "+readError(err))
		return false
	}
	raw, err := parseJSON(body)
	if err != nil {
		writeError(w, http.StatusBadRequest, codeBadRequest, "malformed JSON: "+err.Error())
		return false
	}
	if problems := shapeProblems(raw, reflect.TypeOf(doc).Elem()); len(problems) > 0 {
		writeProblems(w, codeValidationFailed, what, problems)
		return false
	}
	if err := json.Unmarshal(body, doc); err != nil {
		// The shape check accepts only what decodes, so this is a gap in that check, reported as the
		// client's problem rather than a 500.
		writeError(w, http.StatusBadRequest, codeBadRequest, "the request body does not fit the "+what)
		return false
	}
	return true
}

func readError(err error) string {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return "larger than " + strconv.Itoa(maxBodyBytes) + " bytes"
	}
	return "transfer failed"
}

// parseJSON decodes exactly one JSON value, keeping numbers exact so that the shape check can tell 1 from 1.5.
func parseJSON(body []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, errors.New("the body is empty")
		}
		return nil, err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("unexpected data after the JSON value")
	}
	return v, nil
}

// errBadIfMatch means an If-Match header that is not a quoted revision.
var errBadIfMatch = errors.New(`If-Match must be a quoted revision such as "7", or *`)

// ifMatchAllows reports whether the request's If-Match header admits the current revision. No header
// means an unconditional write. Weak tags (W/"7") are accepted like strong ones.
func ifMatchAllows(r *http.Request, current int64) (bool, error) {
	header := strings.TrimSpace(r.Header.Get("If-Match"))
	if header == "" || header == "*" {
		return true, nil
	}
	match := false
	for _, tag := range strings.Split(header, ",") {
		tag = strings.TrimPrefix(strings.TrimSpace(tag), "W/")
		if len(tag) < 2 || tag[0] != '"' || tag[len(tag)-1] != '"' {
			return false, errBadIfMatch
		}
		rev, err := strconv.ParseInt(tag[1:len(tag)-1], 10, 64)
		if err != nil {
			return false, errBadIfMatch
		}
		match = match || rev == current
	}
	return match, nil
}

// checkIfMatch answers 400 or 412 when the request may not write over revision current.
func checkIfMatch(w http.ResponseWriter, r *http.Request, current int64) bool {
	ok, err := ifMatchAllows(r, current)
	switch {
	case err != nil:
		writeError(w, http.StatusBadRequest, codeBadRequest, err.Error())
	case !ok:
		writeError(w, http.StatusPreconditionFailed, codePreconditionFailed,
			"If-Match does not match the current revision "+etag(current)+"; read the document again")
	}
	return err == nil && ok
}
