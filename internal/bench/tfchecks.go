package bench

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Terraform checks a provider's answers against its plan: before applying a resource it compares the plan
// made moments before with the first plan, and after the apply it compares the plan with the new state.
// For a set attribute that comparison tries every pair of elements and formats a message for each pair
// that differs (n² for n elements, whatever the provider does); for a map it looks each key up once. With
// no log line in between, each comparison shows in Terraform's trace log as one gap, which the benchmark
// measures to show what Terraform's own checks cost.
const (
	beforeApplyCheck = "checkPlannedChange: Verifying"
	applyAnswer      = "tf_rpc=ApplyResourceChange"
	stateWritten     = "writeResourceInstanceState"
)

// terraformChecks takes the managed group's members away out of band, applies the configuration again
// (so the provider adds them all back) with Terraform's trace log on, and returns how long Terraform spent
// in its two comparisons. The trace log slows the provider, not those comparisons.
func terraformChecks(ctx context.Context, w *workspace, groupName string) (time.Duration, error) {
	g, ok := w.sandbox.Store().GroupByName(groupName)
	if !ok {
		return 0, fmt.Errorf("the sandbox has no group %s", groupName)
	}
	for _, id := range w.sandbox.Store().Members(g.ID) {
		if err := w.sandbox.Store().RemoveMember(g.ID, id); err != nil {
			return 0, err
		}
	}
	logPath := filepath.Join(w.dir, "terraform-trace.log")
	saved := w.env
	w.env = append(slices.Clip(saved), "TF_LOG=trace", "TF_LOG_PATH="+logPath)
	defer func() { w.env = saved }()
	if _, err := w.apply(ctx); err != nil {
		return 0, err
	}
	f, err := os.Open(logPath)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	return checkGaps(f)
}

// checkGaps reads a trace log and adds up the two gaps: from the check before the apply to the next
// line, and from the provider's last line about the apply to Terraform writing the new state.
func checkGaps(log io.Reader) (time.Duration, error) {
	var before, after time.Duration
	var checkStarted, lastAnswer time.Time
	sc := bufio.NewScanner(log)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		line := sc.Text()
		at, ok := logTime(line)
		if !ok {
			continue // a continuation of a multi-line entry
		}
		if !checkStarted.IsZero() {
			before += at.Sub(checkStarted)
			checkStarted = time.Time{}
		}
		switch {
		case strings.Contains(line, beforeApplyCheck):
			checkStarted = at
		case strings.Contains(line, applyAnswer):
			lastAnswer = at
		case strings.Contains(line, stateWritten) && !lastAnswer.IsZero():
			after += at.Sub(lastAnswer)
			lastAnswer = time.Time{}
		}
	}
	if err := sc.Err(); err != nil {
		return 0, err
	}
	if before == 0 || after == 0 {
		return 0, fmt.Errorf("the trace log does not show both of Terraform's checks (format changed?)")
	}
	return before + after, nil
}

// logTime reads the timestamp that starts each entry of Terraform's log.
func logTime(line string) (time.Time, bool) {
	stamp, _, ok := strings.Cut(line, " ")
	if !ok {
		return time.Time{}, false
	}
	t, err := time.Parse("2006-01-02T15:04:05.000Z0700", stamp)
	return t, err == nil
}
