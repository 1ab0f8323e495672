// Command csum-sandbox runs the CSUM sandbox: a local Confluence Cloud emulator with the CSUM Admin API,
// for trying the provider and running its acceptance tests without a real site.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/csum-tools/terraform-provider-csum/internal/sandbox"
	sandboxconfluence "github.com/csum-tools/terraform-provider-csum/internal/sandbox/confluence"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/faults"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "csum-sandbox:", err)
		}
		os.Exit(2)
	}
}

type config struct {
	addr        string
	allowRemote bool
	seedPath    string
	statePath   string
	roleMode    string
	journal     bool
	stableIDs   bool
	faults      faults.Config
	generate    string
	gen         sandbox.GenerateOptions
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	var c config
	fs := flag.NewFlagSet("csum-sandbox", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.addr, "addr", "127.0.0.1:8899", "listen address; must be loopback unless -allow-remote")
	fs.BoolVar(&c.allowRemote, "allow-remote", false, "allow a non-loopback -addr (the sandbox has no real security)")
	fs.StringVar(&c.seedPath, "seed", "", "seed file (see internal/sandbox/SEED.md); default: the embedded demo seed")
	fs.StringVar(&c.statePath, "state", "", "state file: loaded at start if it exists, rewritten after every write")
	fs.StringVar(&c.roleMode, "space-role-mode", "", "start the site in this space role mode, PRE_ROLES, ROLES_TRANSITION or ROLES (default: the seed's or the state file's)")
	fs.BoolVar(&c.journal, "journal", false, "journal every write with the facts it changed (GET /_sandbox/journal?since=N)")
	fs.BoolVar(&c.stableIDs, "stable-ids", false, "assign IDs derived from what they identify, the same in every run")
	fs.DurationVar(&c.faults.Latency, "latency", 0, "added latency per request, e.g. 50ms")
	fs.IntVar(&c.faults.RateLimitEvery, "rate-limit-every", 0, "answer every Nth request with 429 (0 = off)")
	fs.Float64Var(&c.faults.RateLimitRPS, "rate-limit-rps", 0, "answer 429 above this many requests per second (0 = off)")
	fs.DurationVar(&c.faults.RetryAfter, "retry-after", 0, "Retry-After sent with 429 and 503 (0 = the injector's default)")
	fs.IntVar(&c.faults.UnavailableEvery, "unavailable-every", 0, "answer every Nth request with 503 (0 = off)")
	fs.IntVar(&c.faults.DropEvery, "drop-every", 0, "close the connection on every Nth request without answering (0 = off)")
	fs.BoolVar(&c.faults.DropWrites, "drop-writes", false, "with -drop-every: drop only writes, after applying them")
	fs.StringVar(&c.generate, "generate", "", "write a generated seed to this file and exit (sizes below)")
	fs.IntVar(&c.gen.Users, "users", 1000, "with -generate: number of users")
	fs.IntVar(&c.gen.Spaces, "spaces", 200, "with -generate: number of spaces")
	fs.IntVar(&c.gen.GroupsPerSpace, "groups-per-space", 3, "with -generate: space groups per space")
	fs.IntVar(&c.gen.MembersPerGroup, "members-per-group", 25, "with -generate: members per space group")
	fs.IntVar(&c.gen.BigGroupMembers, "big-group-members", 0, "with -generate: members of one extra big group (0 = none)")
	fs.IntVar(&c.gen.UsersPerSpace, "users-per-space", 0, "with -generate: users given each space's access one by one")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected arguments: %v", fs.Args())
	}
	return c, nil
}

func run(args []string, stdout, stderr io.Writer) error {
	c, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	if c.generate != "" {
		return writeGenerated(c.generate, c.gen, stdout)
	}
	if !c.allowRemote && !isLoopback(c.addr) {
		return fmt.Errorf("-addr %s is not a loopback address; add -allow-remote to serve it anyway", c.addr)
	}
	seed := sandbox.DemoSeed()
	if c.seedPath != "" {
		if seed, err = sandbox.LoadSeed(c.seedPath); err != nil {
			return err
		}
	}
	srv, err := sandbox.Start(sandbox.Options{Seed: seed, StatePath: c.statePath, Faults: c.faults, SpaceRoleMode: c.roleMode,
		Addr: c.addr, Journal: c.journal, StableIDs: c.stableIDs})
	if err != nil {
		return err
	}
	creds := srv.Credentials()
	// These are sandbox-only values; printing them is the point.
	fmt.Fprintf(stdout, "CSUM sandbox serving\n  site_url:    %s\n  app_url:     %s\n  email:       %s\n  api_token:   %s\n  app_api_key: %s\n  gateway:     %s (OAuth and scoped tokens from the seed)\n  roles:       %s (switch with PUT /_sandbox/space-role-mode)\n",
		srv.URL(), srv.AppURL(), creds.Email, creds.APIToken, srv.AppAPIKey(), srv.URL()+sandboxconfluence.GatewayPrefix+srv.CloudID(),
		srv.Store().SpaceRoleMode())
	if srv.OrgID() != "" {
		fmt.Fprintf(stdout, "  admin_api_url: %s\n  org_id:        %s\n  admin_api_key: %s\n", srv.AdminURL(), srv.OrgID(), srv.AdminAPIKey())
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	<-ctx.Done()
	fmt.Fprintln(stdout, "stopping")
	return srv.Close()
}

func isLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func writeGenerated(path string, o sandbox.GenerateOptions, stdout io.Writer) error {
	start := time.Now()
	data, err := json.MarshalIndent(sandbox.GenerateSeed(o), "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, append(data, '\n'), 0o600); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s (%d bytes) in %s\n", path, len(data), time.Since(start).Round(time.Millisecond))
	return nil
}
