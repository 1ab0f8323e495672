package provider

import (
	"fmt"
	"io"
	"os"

	"github.com/csum-tools/terraform-provider-csum/internal/legacy"
)

// readExportFile reads an export file, refusing one larger than the reader accepts before loading it whole
// into memory.
func readExportFile(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, legacy.MaxSize+1))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	if len(data) > legacy.MaxSize {
		return nil, fmt.Errorf("%s is larger than 10 MiB; export files of at most %d bytes are read", name, legacy.MaxSize)
	}
	return data, nil
}
