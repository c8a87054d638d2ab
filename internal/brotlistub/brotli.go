// Package brotli stands in for github.com/andybalholm/brotli in reflect's
// build (go.mod replaces the module with this folder).
//
// parquet-go's root package registers every Parquet compression codec,
// brotli among them, and the brotli module's package also holds an HTTP
// helper that links net/http — and with it crypto/tls and their package
// initialisation — into a program that must make no network connections
// (internal/app's TestNoNetworkPackagesLinked). reflect writes Parquet
// with zstd and never reads it, so brotli is never used: this stand-in
// offers the names parquet-go's codec refers to, and every use of them
// fails with an error that says so.
package brotli

import (
	"errors"
	"io"
)

// ErrNotBuiltIn is returned by every read and write.
var ErrNotBuiltIn = errors.New("brotli compression is not built into reflect (it writes Parquet with zstd)")

// WriterOptions are the options parquet-go passes.
type WriterOptions struct {
	Quality int
	LGWin   int
}

// Writer fails every write.
type Writer struct{}

// NewWriterOptions returns a Writer that fails.
func NewWriterOptions(io.Writer, WriterOptions) *Writer { return &Writer{} }

// Write fails.
func (*Writer) Write([]byte) (int, error) { return 0, ErrNotBuiltIn }

// Close fails.
func (*Writer) Close() error { return ErrNotBuiltIn }

// Flush fails.
func (*Writer) Flush() error { return ErrNotBuiltIn }

// Reset does nothing.
func (*Writer) Reset(io.Writer) {}

// Reader fails every read.
type Reader struct{}

// NewReader returns a Reader that fails.
func NewReader(io.Reader) *Reader { return &Reader{} }

// Read fails.
func (*Reader) Read([]byte) (int, error) { return 0, ErrNotBuiltIn }

// Reset fails.
func (*Reader) Reset(io.Reader) error { return ErrNotBuiltIn }
