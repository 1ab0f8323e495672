// Command csum-bench measures the provider at scale: it runs the real Terraform CLI with the provider built
// from this tree against an in-process sandbox, and prints per scenario the requests by route, the minimum
// the API allows, wall time and the provider's peak memory, each against its target (PASS or MISS).
//
//	csum-bench -terraform $(scripts/terraform-cli.sh) -provider bin/terraform-provider-csum [-only a,b]
//
// It exits 1 when a target is missed. "csum-bench wrap-provider PROVIDER RSSLOG ARGS..." is how Terraform
// starts the provider under measurement, and "csum-bench keeper-provider" how it starts the framework
// provider that only keeps a map (package keeper); neither is meant to be typed.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/csum-tools/terraform-provider-csum/internal/bench"
	"github.com/csum-tools/terraform-provider-csum/internal/bench/keeper"
)

func main() {
	if len(os.Args) >= 4 && os.Args[1] == "wrap-provider" {
		os.Exit(bench.WrapProvider(os.Args[2], os.Args[3], os.Args[4:]))
	}
	if len(os.Args) == 2 && os.Args[1] == "keeper-provider" {
		if err := keeper.Serve(context.Background()); err != nil {
			fmt.Fprintln(os.Stderr, "csum-bench keeper-provider:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "csum-bench:", err)
		}
		os.Exit(1)
	}
}

func run() error {
	fs := flag.NewFlagSet("csum-bench", flag.ContinueOnError)
	terraform := fs.String("terraform", "terraform", "Terraform CLI to run")
	provider := fs.String("provider", "bin/terraform-provider-csum", "provider binary built from this tree")
	work := fs.String("work", ".bench", "scratch directory (recreated)")
	query := fs.String("query-terraform", "", "a Terraform 1.14+ CLI for the scenario of terraform query (default: none, no row)")
	examples := fs.String("examples", "examples", "the repository's examples directory (guide configurations)")
	only := fs.String("only", "", "comma-separated scenarios to run; default all: "+scenarioNames())
	out := fs.String("out", "", "also write the results table to this file")
	if err := fs.Parse(os.Args[1:]); err != nil {
		return err
	}
	tools, err := resolveTools(*terraform, *provider, *work, *examples)
	if err != nil {
		return err
	}
	tools.QueryTerraform = *query
	var names []string
	if *only != "" {
		names = strings.Split(*only, ",")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	fmt.Fprintf(os.Stderr, "csum-bench: %d CPUs, %s, Terraform %s\n", runtime.NumCPU(), runtime.Version(), tools.Terraform)
	rows, runErr := bench.RunAll(ctx, tools, names, os.Stderr)
	var table strings.Builder
	bench.WriteTable(&table, rows)
	fmt.Print("\n" + table.String())
	if *out != "" {
		if err := os.WriteFile(*out, []byte(table.String()), 0o644); err != nil {
			return err
		}
	}
	if runErr != nil {
		return runErr
	}
	for _, r := range rows {
		if !r.Pass {
			return errors.New("some targets were missed (MISS above)")
		}
	}
	return nil
}

func resolveTools(terraform, provider, work, examples string) (bench.Tools, error) {
	self, err := os.Executable()
	if err != nil {
		return bench.Tools{}, err
	}
	if provider, err = filepath.Abs(provider); err != nil {
		return bench.Tools{}, err
	}
	if _, err := os.Stat(provider); err != nil {
		return bench.Tools{}, fmt.Errorf("provider binary: %w (run make build)", err)
	}
	if work, err = filepath.Abs(work); err != nil {
		return bench.Tools{}, err
	}
	if err := os.RemoveAll(work); err != nil {
		return bench.Tools{}, err
	}
	if err := os.MkdirAll(work, 0o755); err != nil {
		return bench.Tools{}, err
	}
	if examples, err = filepath.Abs(examples); err != nil {
		return bench.Tools{}, err
	}
	return bench.Tools{Terraform: terraform, Provider: provider, Self: self, WorkDir: work, Examples: examples}, nil
}

func scenarioNames() string {
	names := make([]string, len(bench.Scenarios))
	for i, s := range bench.Scenarios {
		names[i] = s.Name
	}
	return strings.Join(names, ",")
}
