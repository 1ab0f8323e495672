package provider_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// badInput is one wrong configuration: a block (resource, data source or aliased provider) with one wrong
// value, and the attribute an error diagnostic must name. attr "" accepts an error on the block itself.
type badInput struct {
	what  string // what is wrong, for failure messages
	attr  string
	block string
}

// cliDiagnostic is a diagnostic of `terraform plan -json`.
type cliDiagnostic struct {
	Severity, Summary, Detail string
	Range                     *struct {
		Filename string
		Start    struct{ Line int }
	}
	Snippet *struct{ Code string }
}

// badInputConfig joins the blocks after the header and returns, per case, the lines its block spans.
func badInputConfig(header string, cases []badInput) (string, [][2]int) {
	var b strings.Builder
	// The CLI harness puts a five-line required_providers block before the configuration.
	line := 6 + strings.Count(header, "\n")
	b.WriteString(header)
	spans := make([][2]int, len(cases))
	for i, c := range cases {
		block := strings.TrimSpace(c.block) + "\n\n"
		spans[i] = [2]int{line, line + strings.Count(block, "\n") - 1}
		line += strings.Count(block, "\n")
		b.WriteString(block)
	}
	return b.String(), spans
}

// planDiagnostics runs `terraform plan -json` (or the command given) and returns its error diagnostics.
func planDiagnostics(t *testing.T, cli *tfCLI, command ...string) []cliDiagnostic {
	t.Helper()
	if len(command) == 0 {
		command = []string{"plan"}
	}
	out, _ := cli.run(append(command, "-json", "-input=false", "-no-color")...)
	var diags []cliDiagnostic
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var msg struct {
			Type       string
			Diagnostic cliDiagnostic
		}
		if json.Unmarshal(sc.Bytes(), &msg) == nil && msg.Type == "diagnostic" && msg.Diagnostic.Severity == "error" {
			diags = append(diags, msg.Diagnostic)
		}
	}
	if len(diags) == 0 {
		t.Fatalf("terraform %s reported no errors:\n%s", command[0], out)
	}
	return diags
}

// expectDiagnosticPerCase checks that each case got an error inside its block that names its attribute
// (in the source line it points at, its summary or its detail), and returns how many did.
func expectDiagnosticPerCase(t *testing.T, cases []badInput, spans [][2]int, diags []cliDiagnostic) int {
	t.Helper()
	found := 0
	var missing []string
	for i, c := range cases {
		names := regexp.MustCompile(`\b` + regexp.QuoteMeta(c.attr) + `\b`)
		ok := false
		for _, d := range diags {
			if d.Range == nil || d.Range.Filename != "main.tf" || d.Range.Start.Line < spans[i][0] || d.Range.Start.Line > spans[i][1] {
				continue
			}
			code := ""
			if d.Snippet != nil {
				code = d.Snippet.Code
			}
			if c.attr == "" || names.MatchString(code) || names.MatchString(d.Summary+" "+d.Detail) {
				ok = true
				break
			}
		}
		if ok {
			found++
		} else {
			missing = append(missing, fmt.Sprintf("  %s (lines %d-%d): no error naming %q", c.what, spans[i][0], spans[i][1], c.attr))
		}
	}
	if len(missing) > 0 {
		t.Errorf("wrong values without a diagnostic on their attribute:\n%s\nthe errors were:\n%s", strings.Join(missing, "\n"), describeDiagnostics(diags))
	}
	return found
}

func describeDiagnostics(diags []cliDiagnostic) string {
	var b strings.Builder
	for _, d := range diags {
		line := 0
		if d.Range != nil {
			line = d.Range.Start.Line
		}
		fmt.Fprintf(&b, "  line %d: %s: %.160s\n", line, d.Summary, d.Detail)
	}
	return b.String()
}
