package legacy

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// recordedResults holds what Parse made of each generated untidy file, recorded with -update. The files
// themselves come from the generator's fixed seed; a digest of each says when the generator has changed.
var recordedResults = filepath.Join("testdata", "recorded-results.jsonl.gz")

const (
	recordedSeed  = 20251130
	recordedFiles = 2000
)

type recordedCase struct {
	InputSHA256 string          `json:"inputSha256"`
	View        json.RawMessage `json:"view"`
}

func digest(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:12])
}

// parseView is Parse's answer in a form that compares to the byte: the whole result with its warnings in
// order, or the whole error.
func parseView(t testing.TB, data []byte) []byte {
	t.Helper()
	var view goldenView
	res, err := Parse(data)
	if err != nil && !errors.As(err, &view.Error) {
		t.Fatalf("Parse returned %T, want *Error", err)
	}
	view.Result = res
	out, err := json.Marshal(view)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestParseMatchesRecordedResults guards the reader's behaviour on many files at once: every result, warning
// (text, path, order) and error (message, path, line, column) must be what was recorded. The recording was
// made with the first reader, which decoded the file into encoding/json maps.
func TestParseMatchesRecordedResults(t *testing.T) {
	if *update {
		recordResults(t)
	}
	f, err := os.Open(recordedResults)
	if err != nil {
		t.Fatalf("no recording (run with -update, then review it): %v", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewScanner(zr)
	lines.Buffer(nil, 1<<20)
	g := newUntidyGen(recordedSeed)
	var cases, read, refused, syntax int
	for lines.Scan() {
		var c recordedCase
		if err := json.Unmarshal(lines.Bytes(), &c); err != nil {
			t.Fatal(err)
		}
		cases++
		input := g.file()
		if digest(input) != c.InputSHA256 {
			t.Fatalf("file %d is not the one recorded: the generator changed; record again with -update, from a reader you trust", cases)
		}
		got := parseView(t, input)
		if !bytes.Equal(got, c.View) {
			t.Errorf("file %d: Parse(%q)\n got %s\nwant %s", cases, input, got, c.View)
			continue
		}
		switch {
		case bytes.HasPrefix(c.View, []byte(`{"Result"`)):
			read++
		case bytes.Contains(c.View, []byte(`"Line":0`)):
			refused++
		default:
			syntax++
		}
	}
	if err := lines.Err(); err != nil {
		t.Fatal(err)
	}
	// The recording must exercise all three outcomes, or it guards less than it seems to.
	if cases != recordedFiles || read < cases/4 || refused < cases/10 || syntax < cases/20 {
		t.Fatalf("recording has %d files: %d read, %d refused, %d syntax errors; want %d with a spread of all three",
			cases, read, refused, syntax, recordedFiles)
	}
}

func recordResults(t *testing.T) {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	enc := json.NewEncoder(zw)
	g := newUntidyGen(recordedSeed)
	for range recordedFiles {
		input := g.file()
		if err := enc.Encode(recordedCase{InputSHA256: digest(input), View: parseView(t, input)}); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(recordedResults, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestTenMiBFileResultAsRecorded checks the benchmark's 10 MiB file reads to the very result recorded from
// the first reader (its 91,000 schemes and every warning), by a digest of parseView's output.
func TestTenMiBFileResultAsRecorded(t *testing.T) {
	const recorded = "f16697394eab1dacdf8cd073"
	if got := digest(parseView(t, untidyLegacyFile(MaxSize-1024))); got != recorded {
		t.Fatalf("the 10 MiB file reads to a result with digest %s; the recorded one is %s", got, recorded)
	}
}
