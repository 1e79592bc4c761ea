package contract

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// WriteFile writes data to path with the given mode, never through a link: it writes a new file
// beside path and renames it over path. A symbolic link at path is refused rather than replaced
// (someone may have planted it there to have a report or fixture overwrite its target), and
// renaming replaces a link planted after that check, never the file it points to.
func WriteFile(path string, data []byte, mode fs.FileMode) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil && mode != 0o600 {
		err = f.Chmod(mode)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = replaceFile(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

// errSymlink is a destination that is a symbolic link.
var errSymlink = errors.New("is a symbolic link: refusing to write through it")

// replaceFile renames the file tmp to path, refusing a symbolic link at path.
func replaceFile(tmp, path string) error {
	if info, err := os.Lstat(path); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		return fmt.Errorf("%s %w", path, errSymlink)
	}
	return os.Rename(tmp, path)
}
