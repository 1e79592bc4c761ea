package storetest

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// ReadOnly makes the file or directory at path read-only for this process until the test ends:
// for other users than root, by taking its write permission; for root, whose privileges pass over
// permission bits, with the immutable attribute (chattr +i; the test is skipped where the file
// system has none).
func ReadOnly(t testing.TB, path string) {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if os.Geteuid() != 0 {
		os.Chmod(path, fi.Mode().Perm()&^0o222)
		t.Cleanup(func() { os.Chmod(path, fi.Mode().Perm()) })
	} else {
		if out, err := exec.Command("chattr", "+i", path).CombinedOutput(); err != nil {
			t.Skipf("chattr +i %s (root passes over permission bits): %v: %s", path, err, out)
		}
		t.Cleanup(func() { exec.Command("chattr", "-i", path).Run() })
	}
	probe := path
	if fi.IsDir() {
		probe = filepath.Join(path, "probe")
	}
	if f, err := os.OpenFile(probe, os.O_WRONLY|os.O_CREATE, 0o600); err == nil {
		f.Close()
		t.Fatalf("%s is still writable", path)
	}
}

// TmpFS returns a new directory on a tmpfs of size (as mount's size option: 64m, 300k) mounted
// for the test and unmounted when it ends. The test is skipped where this process may not mount
// (other users than root, or a container that forbids it).
func TmpFS(t testing.TB, size string) string {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("the test mounts a file system of its own, which only root may do")
	}
	dir := filepath.Join(t.TempDir(), "tmpfs")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size, "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("root cannot mount a tmpfs here: %v: %s", err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", dir).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v: %s", dir, err, out)
		}
	})
	return dir
}

// ReadOnlyFS returns a new directory holding what fill writes into it, on a read-only file
// system: a TmpFS remounted read-only once fill returns.
func ReadOnlyFS(t testing.TB, fill func(dir string)) string {
	t.Helper()
	dir := TmpFS(t, "64m")
	fill(dir)
	if out, err := exec.Command("mount", "-o", "remount,ro", dir).CombinedOutput(); err != nil {
		t.Fatalf("remount %s read-only: %v: %s", dir, err, out)
	}
	if err := os.WriteFile(filepath.Join(dir, "probe"), nil, 0o600); err == nil {
		t.Fatalf("%s is still writable", dir)
	}
	return dir
}
