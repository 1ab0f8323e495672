package sandbox_test

import "encoding/json"

// permBody is the body of a v1 space permission write.
func permBody(subjectType, id, op, target string) map[string]any {
	return map[string]any{"subject": map[string]string{"type": subjectType, "identifier": id},
		"operation": map[string]string{"key": op, "target": target}}
}

func jsonNumber(n int64) string { b, _ := json.Marshal(n); return string(b) }
