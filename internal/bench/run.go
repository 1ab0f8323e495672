package bench

import (
	"context"
	"fmt"
	"io"
	"slices"
	"time"
)

// RunAll runs the named scenarios (all when names is empty) in order, logging progress to log, and returns
// their rows. A scenario that cannot run at all stops the suite with its error.
func RunAll(ctx context.Context, tools Tools, names []string, log io.Writer) ([]Row, error) {
	for _, name := range names {
		if !slices.ContainsFunc(Scenarios, func(s Scenario) bool { return s.Name == name }) {
			return nil, fmt.Errorf("no scenario %q", name)
		}
	}
	var rows []Row
	for _, s := range Scenarios {
		if len(names) > 0 && !slices.Contains(names, s.Name) {
			continue
		}
		fmt.Fprintf(log, "== %s ...\n", s.Name)
		started := time.Now()
		got, err := s.Run(ctx, tools)
		if err != nil {
			return rows, fmt.Errorf("scenario %s: %w", s.Name, err)
		}
		for _, r := range got {
			fmt.Fprintf(log, "   %s: %s [%s]\n", r.Scenario, r.Measured, r.result())
		}
		fmt.Fprintf(log, "   (scenario took %s)\n", time.Since(started).Round(time.Second))
		rows = append(rows, got...)
	}
	return rows, nil
}
