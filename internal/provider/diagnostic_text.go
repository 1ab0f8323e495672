package provider

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// bulletList renders lines for a diagnostic, cutting long lists so that a 10,000-member change stays readable.
func bulletList(lines []string) string {
	const shown = 50
	var b strings.Builder
	for i, l := range lines {
		if i == shown {
			fmt.Fprintf(&b, "\n- ... and %d more", len(lines)-shown)
			break
		}
		b.WriteString("\n- ")
		b.WriteString(l)
	}
	return b.String()
}

// sentence turns an error message, which Go writes in lower case without a full stop, into a diagnostic's
// sentence.
func sentence(msg string) string {
	r, size := utf8.DecodeRuneInString(msg)
	return string(unicode.ToUpper(r)) + msg[size:] + "."
}
