package bench

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"time"
)

// Row is one line of the results table: what a scenario (or one variant of it) cost, and whether it met
// its target.
type Row struct {
	Scenario string
	Requests map[string]int64 // by route, as the sandbox counted them
	Minimum  string           // the fewest requests (or least time) the API allows
	Wall     time.Duration
	PeakRSS  int64  // bytes; 0 when no provider process ran
	Measured string // the figure the target is about
	Target   string
	Pass     bool
}

func (r Row) total() int64 {
	var n int64
	for _, c := range r.Requests {
		n += c
	}
	return n
}

func (r Row) result() string {
	if r.Pass {
		return "PASS"
	}
	return "MISS"
}

// WriteTable prints the rows as a Markdown table, then the requests of each row by route.
func WriteTable(w io.Writer, rows []Row) {
	fmt.Fprintln(w, "| scenario | requests | API minimum | wall | provider peak RSS | measured | target | result |")
	fmt.Fprintln(w, "| --- | ---: | --- | ---: | ---: | --- | --- | --- |")
	for _, r := range rows {
		requests := "-"
		if r.Requests != nil {
			requests = fmt.Sprint(r.total())
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | %s | %s |\n", r.Scenario, requests, r.Minimum,
			formatDuration(r.Wall), formatBytes(r.PeakRSS), r.Measured, r.Target, r.result())
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Requests by route:")
	fmt.Fprintln(w)
	for _, r := range rows {
		if len(r.Requests) == 0 {
			continue
		}
		fmt.Fprintf(w, "- %s: %s\n", r.Scenario, formatRoutes(r.Requests))
	}
}

// formatRoutes lists routes by falling count, then by name: "GET /a 100, GET /b 2".
func formatRoutes(counts map[string]int64) string {
	routes := slices.SortedFunc(maps.Keys(counts), func(a, b string) int {
		if counts[a] != counts[b] {
			return int(counts[b] - counts[a])
		}
		return strings.Compare(a, b)
	})
	parts := make([]string, len(routes))
	for i, route := range routes {
		parts[i] = fmt.Sprintf("`%s` %d", route, counts[route])
	}
	return strings.Join(parts, ", ")
}

func formatDuration(d time.Duration) string {
	switch {
	case d == 0:
		return "-"
	case d < time.Second:
		return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond))
	default:
		return fmt.Sprintf("%.2f s", d.Seconds())
	}
}

func formatBytes(n int64) string {
	if n == 0 {
		return "-"
	}
	return fmt.Sprintf("%.0f MiB", float64(n)/(1<<20))
}
