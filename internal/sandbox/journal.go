package sandbox

import (
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/faults"
)

// Facts flattens the whole model into comparable facts, one per thing that can change on its own: the
// site's (confluence.Snapshot.Facts) and the app's (app.App.Facts). Comparing two of them shows every
// change between; no value is empty, so "" stands for a fact that does not hold.
func (s *Server) Facts() map[string]string {
	facts := s.store.Snapshot().Facts()
	maps.Copy(facts, s.app.Facts())
	return facts
}

// Change is one fact a write changed; Before or After is "" when the fact did not or no longer holds.
type Change struct {
	Key    string `json:"key"`
	Before string `json:"before"`
	After  string `json:"after"`
}

// Write is one request that changed the model, with what it changed.
type Write struct {
	Seq     int      `json:"seq"` // 1 for the first write journaled
	Method  string   `json:"method"`
	Path    string   `json:"path"`
	Status  int      `json:"status"` // the answer, even when the client never received it
	Changes []Change `json:"changes"`
}

// journal records every write served over HTTP that changed a fact. To attribute each change to one
// request it serializes writes while it records (reads still run alongside): a linearisation of the
// concurrent writes that a real server might have carried out in the same order. It is off unless
// Options.Journal asks for it, because it takes two snapshots per write.
type journal struct {
	mu     sync.Mutex
	facts  func() map[string]string
	writes []Write
}

// record serves one write and journals what it changed. serve returns the status it answered.
func (j *journal) record(r *http.Request, serve func() int) {
	j.mu.Lock()
	defer j.mu.Unlock()
	before := j.facts()
	status := serve()
	if changes := diffFacts(before, j.facts()); len(changes) > 0 {
		j.writes = append(j.writes, Write{Seq: len(j.writes) + 1, Method: r.Method, Path: r.URL.Path, Status: status, Changes: changes})
	}
}

// since returns the writes after the first n, and the number journaled so far.
func (j *journal) since(n int) ([]Write, int) {
	j.mu.Lock()
	defer j.mu.Unlock()
	n = min(max(n, 0), len(j.writes))
	return slices.Clone(j.writes[n:]), len(j.writes)
}

// diffFacts lists the facts that differ, by key.
func diffFacts(before, after map[string]string) []Change {
	var changes []Change
	for k, v := range after {
		if before[k] != v {
			changes = append(changes, Change{Key: k, Before: before[k], After: v})
		}
	}
	for k, v := range before {
		if _, kept := after[k]; !kept {
			changes = append(changes, Change{Key: k, Before: v})
		}
	}
	slices.SortFunc(changes, func(a, b Change) int { return strings.Compare(a.Key, b.Key) })
	return changes
}

// Journal returns the writes journaled after the first n (0 for all), and how many there are in all, so
// that the next call can ask for what came since. Without Options.Journal there are none.
func (s *Server) Journal(n int) ([]Write, int) {
	if s.journal == nil {
		return nil, 0
	}
	return s.journal.since(n)
}

type journalPage struct {
	Writes []Write `json:"writes"`
	Next   int     `json:"next"`
}

// journalControl serves GET /_sandbox/journal?since=N: the writes after the first N and, as next, the N to
// ask with next time. Without Options.Journal it answers an empty list.
func (s *Server) journalControl() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /_sandbox/journal", func(w http.ResponseWriter, r *http.Request) {
		since := 0
		if v := r.URL.Query().Get("since"); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				faults.WriteBadRequest(w, "since must be a whole number of writes, not "+strconv.Quote(v))
				return
			}
			since = n
		}
		writes, next := s.Journal(since)
		if writes == nil {
			writes = []Write{}
		}
		writeControlJSON(w, journalPage{Writes: writes, Next: next})
	})
	return mux
}
