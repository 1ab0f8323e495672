package bench

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
)

// WrapProvider runs the real provider binary as a child with this process's standard streams and
// arguments, so that Terraform talks to it unchanged, and when it exits appends the child's peak resident
// memory (from the kernel's rusage, in KiB) to rssLog. Only the provider is measured: not Terraform, not
// the sandbox, not this wrapper. It returns the child's exit code.
func WrapProvider(provider, rssLog string, args []string) int {
	cmd := exec.Command(provider, args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	if err := cmd.Start(); err != nil {
		fmt.Fprintln(os.Stderr, "csum-bench: starting the provider:", err)
		return 1
	}
	// Terraform stops a provider through its gRPC Shutdown; a signal sent to the wrapper is passed on.
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGINT, syscall.SIGTERM)
	go func() {
		for s := range signals {
			_ = cmd.Process.Signal(s)
		}
	}()
	_ = cmd.Wait()
	if usage, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		appendLine(rssLog, strconv.FormatInt(usage.Maxrss, 10))
	}
	return cmd.ProcessState.ExitCode()
}

// appendLine adds one line to a file several provider processes may write at once; a single short
// O_APPEND write is atomic.
func appendLine(path, line string) {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		fmt.Fprintln(os.Stderr, "csum-bench: recording provider memory:", err)
		return
	}
	defer f.Close()
	_, _ = f.WriteString(line + "\n")
}

// peakRSS reads an rssLog: the largest peak of the provider processes recorded, in bytes, and how many
// processes there were.
func peakRSS(path string) (peak int64, processes int, err error) {
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return 0, 0, nil
	}
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	scanner := bufio.NewScanner(f)
	for scanner.Scan() {
		kib, err := strconv.ParseInt(strings.TrimSpace(scanner.Text()), 10, 64)
		if err != nil {
			return 0, 0, fmt.Errorf("%s: %w", path, err)
		}
		peak = max(peak, kib*1024)
		processes++
	}
	return peak, processes, scanner.Err()
}
