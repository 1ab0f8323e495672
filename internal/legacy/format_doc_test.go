package legacy

import (
	"os"
	"regexp"
	"testing"
)

// TestFormatDocExamplesRead keeps the example files in FORMAT.md readable, one of each format.
func TestFormatDocExamplesRead(t *testing.T) {
	doc, err := os.ReadFile("FORMAT.md")
	if err != nil {
		t.Fatal(err)
	}
	examples := regexp.MustCompile("(?s)```json\n(.*?)```").FindAllSubmatch(doc, -1)
	formats := map[int]int{}
	for i, example := range examples {
		res, err := Parse(example[1])
		if err != nil {
			t.Errorf("example %d: %v", i+1, err)
			continue
		}
		formats[res.Format]++
	}
	if formats[1] != 1 || formats[2] != 1 {
		t.Errorf("examples by format %v, want one of format 1 and one of format 2", formats)
	}
}
