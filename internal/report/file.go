package report

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// WriteFile writes data to path as a private file, never through a link: it writes a new file
// beside path and renames it over path (see ReplaceFile). Reports, JUnit files and fixtures all
// quote the API's answers, so they are created 0600 (less under a stricter umask), as os.CreateTemp
// creates them, and never wider than a file they replace.
func WriteFile(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = ReplaceFile(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

// Save writes what write writes to path, as WriteFile does; with path "", nothing.
func Save(path string, write func(io.Writer) error) error {
	if path == "" {
		return nil
	}
	var b bytes.Buffer
	if err := write(&b); err != nil {
		return err
	}
	return WriteFile(path, b.Bytes())
}

// ReplaceFile renames the file tmp (created 0600 by os.CreateTemp) to path, refusing a symbolic
// link or a directory at path. A regular file at path whose mode is narrower than tmp's passes it on: a
// replaced file never becomes wider than it was.
func ReplaceFile(tmp, path string) error {
	if info, err := os.Lstat(path); err == nil {
		if info.Mode()&fs.ModeSymlink != 0 {
			return fmt.Errorf("%s is a symbolic link: refusing to write through it", path)
		}
		if info.IsDir() {
			return fmt.Errorf("%s is a directory: name a file, e.g. %s", path, filepath.Join(path, "report"))
		}
		if t, err := os.Stat(tmp); err == nil && info.Mode().IsRegular() {
			if perm := t.Mode().Perm() & info.Mode().Perm(); perm != t.Mode().Perm() {
				if err := os.Chmod(tmp, perm); err != nil {
					return err
				}
			}
		}
	}
	return os.Rename(tmp, path)
}
