//go:build unix

package fsutil

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// An output named by a device or a named pipe (-o /dev/null, a FIFO a
// script reads) is written into and stays what it was: renaming a
// temporary file over it once turned this machine's /dev/null into a
// regular file holding an export.
func TestOutputIntoANamedPipeKeepsThePipe(t *testing.T) {
	for _, tc := range []struct {
		name  string
		write func(string, []byte) error
	}{
		{"WriteOutput", func(p string, b []byte) error { return WriteOutput(p, b, FileMode, false) }},
		{"WriteOutput --force", func(p string, b []byte) error { return WriteOutput(p, b, FileMode, true) }},
		{"WriteFileAtomic (frameworks export, assess --out)", func(p string, b []byte) error { return WriteFileAtomic(p, b, 0o644, false) }},
		{"WriteOutputStream", func(p string, b []byte) error {
			return WriteOutputStream(p, FileMode, true, func(w io.Writer) error { _, err := w.Write(b); return err })
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			fifo := filepath.Join(dir, "out.fifo")
			if err := syscall.Mkfifo(fifo, 0o600); err != nil {
				t.Fatalf("mkfifo: %v", err)
			}
			got := make(chan []byte, 1)
			go func() {
				f, err := os.Open(fifo)
				if err != nil {
					got <- nil
					return
				}
				defer f.Close()
				b, _ := io.ReadAll(f)
				got <- b
			}()
			want := []byte("the export\n")
			if err := tc.write(fifo, want); err != nil {
				t.Fatalf("write into a named pipe: %v", err)
			}
			fi, err := os.Lstat(fifo)
			if err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
				t.Fatalf("the named pipe was replaced by a regular file (err %v)", err)
			}
			if b := <-got; !bytes.Equal(b, want) {
				t.Fatalf("the reader got %q, want %q", b, want)
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != 1 {
				t.Fatalf("the folder holds %d entries, want only the pipe (no temporary copy)", len(entries))
			}
		})
	}
}
