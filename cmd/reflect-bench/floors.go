// The floors reflect is measured beside: a Go hello world for start-up and
// a Go program that reads every record file for team. Both are built here,
// the same way as reflect's release build, from the sources below.

package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// helloSource is the start-up floor: the smallest Go program that prints.
const helloSource = `package main

import "fmt"

func main() { fmt.Println("hello, world") }
`

// readAllSource is team's I/O floor: it reads every *.json file under the
// folder given, with as many readers as reflect team has decoders
// (GOMAXPROCS), each into a buffer it reuses, and prints the file count
// and bytes. Nothing is parsed: this is what reading the records costs.
const readAllSource = `package main

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
)

func main() {
	paths := make(chan string, 256)
	var files, bytes atomic.Int64
	var wg sync.WaitGroup
	for i := 0; i < runtime.GOMAXPROCS(0); i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			buf := make([]byte, 1<<20)
			for p := range paths {
				f, err := os.Open(p)
				if err != nil {
					fmt.Fprintln(os.Stderr, err)
					os.Exit(1)
				}
				for {
					n, err := f.Read(buf)
					bytes.Add(int64(n))
					if err == io.EOF {
						break
					}
					if err != nil {
						fmt.Fprintln(os.Stderr, err)
						os.Exit(1)
					}
				}
				f.Close()
				files.Add(1)
			}
		}()
	}
	err := filepath.WalkDir(os.Args[1], func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".json") {
			paths <- p
		}
		return err
	})
	close(paths)
	wg.Wait()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("%d files, %d bytes\n", files.Load(), bytes.Load())
}
`

// releaseFlags is how reflect's release build and the floors are built:
// no cgo (a static binary, like most Go command-line tools ship; with cgo
// the net and os/user packages make it load the C library at start-up),
// no paths or symbols.
var releaseFlags = []string{"-trimpath", "-ldflags=-s -w"}

// buildFloor writes a one-file module with src into dir and builds it as a
// release build; it returns the binary.
func buildFloor(dir, name, src string) (string, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module "+name+"\n\ngo 1.22\n"), 0o600); err != nil {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(src), 0o600); err != nil {
		return "", err
	}
	bin := filepath.Join(dir, name)
	cmd := exec.Command("go", append(append([]string{"build", "-o", bin}, releaseFlags...), ".")...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOFLAGS=-mod=mod", "GOWORK=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("building %s: %w\n%s", name, err, strings.TrimSpace(string(out)))
	}
	return bin, nil
}
