package main

import (
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/csum-tools/terraform-provider-csum/internal/sandbox"
)

func TestIsLoopback(t *testing.T) {
	tests := map[string]bool{
		"127.0.0.1:8899": true, "localhost:1": true, "[::1]:80": true, "127.1.2.3:0": true,
		"0.0.0.0:8899": false, ":8899": false, "10.0.0.5:80": false, "example.com:80": false, "nonsense": false,
	}
	for addr, want := range tests {
		if got := isLoopback(addr); got != want {
			t.Errorf("isLoopback(%q) = %v, want %v", addr, got, want)
		}
	}
}

func TestRefusesRemoteAddress(t *testing.T) {
	err := run([]string{"-addr", "0.0.0.0:0"}, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "-allow-remote") {
		t.Errorf("run = %v", err)
	}
}

func TestGenerateWritesALoadableSeed(t *testing.T) {
	path := filepath.Join(t.TempDir(), "big.json")
	if err := run([]string{"-generate", path, "-users", "50", "-spaces", "4", "-groups-per-space", "2", "-members-per-group", "5"}, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	seed, err := sandbox.LoadSeed(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(seed.Users) != 51 || len(seed.Spaces) != 4 {
		t.Errorf("generated %d users, %d spaces", len(seed.Users), len(seed.Spaces))
	}
}

func TestHelpDocumentsEveryFlag(t *testing.T) {
	var out strings.Builder
	_, err := parseFlags([]string{"-help"}, &out)
	if err == nil {
		t.Fatal("-help did not stop")
	}
	for _, flag := range []string{"-addr", "-allow-remote", "-seed", "-state", "-space-role-mode", "-latency", "-rate-limit-every", "-rate-limit-rps",
		"-retry-after", "-unavailable-every", "-drop-every", "-generate", "-users", "-spaces", "-big-group-members", "-users-per-space",
		"-journal", "-stable-ids"} {
		if !strings.Contains(out.String(), flag) {
			t.Errorf("help lacks %s", flag)
		}
	}
}

func TestRefusesUnknownSpaceRoleMode(t *testing.T) {
	err := run([]string{"-addr", "127.0.0.1:0", "-space-role-mode", "SOMETIMES"}, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "SOMETIMES") {
		t.Errorf("run = %v", err)
	}
}
