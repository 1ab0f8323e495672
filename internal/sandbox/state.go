package sandbox

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/app"
)

const stateVersion = 1

// stateFile is the whole model on disk: the Confluence half as a seed document with every ID filled in
// (credentials and the app's seed included, so a restart needs no other file), the IDs the seed format has
// no place for, and the app's snapshot.
type stateFile struct {
	Version          int   `json:"sandboxStateVersion"`
	Confluence       Seed  `json:"confluence"`
	NextPermissionID int64 `json:"nextPermissionId"`
	// SystemRoleIDs maps each SYSTEM role's name to its ID: random per sandbox, kept across restarts.
	SystemRoleIDs map[string]string `json:"systemRoleIds,omitempty"`
	App           app.State         `json:"app"`
}

// readState loads a state file; found is false when there is none yet.
func readState(path string) (st stateFile, found bool, err error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return stateFile{}, false, nil
	}
	if err != nil {
		return stateFile{}, false, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&st); err != nil {
		return stateFile{}, false, fmt.Errorf("state file %s: %w", path, err)
	}
	if st.Version != stateVersion {
		return stateFile{}, false, fmt.Errorf("state file %s: sandboxStateVersion %d, want %d", path, st.Version, stateVersion)
	}
	return st, true, nil
}

// stateWriter replaces the state file atomically: a temporary file in the same directory, then a rename,
// so a crash never leaves a half-written state behind. Writes are serialised.
type stateWriter struct {
	mu   sync.Mutex
	path string
}

func (w *stateWriter) write(st stateFile) error {
	data, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	tmp, err := os.CreateTemp(filepath.Dir(w.path), "."+filepath.Base(w.path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("writing state: %w", err)
	}
	_, err = tmp.Write(append(data, '\n'))
	err = errors.Join(err, tmp.Sync(), tmp.Close())
	if err == nil {
		err = os.Rename(tmp.Name(), w.path)
	}
	if err != nil {
		_ = os.Remove(tmp.Name())
		return fmt.Errorf("writing state: %w", err)
	}
	return nil
}
