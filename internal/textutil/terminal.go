package textutil

import (
	"io"
	"os"
	"unicode/utf8"
)

// SafeWriter passes text to a terminal with its control characters made
// harmless. Records, frameworks and curricula come from other people; a
// note holding ESC [ 2 J, an OSC title or clipboard sequence, a carriage
// return that overwrites a line or a backspace must not act on the
// reader's terminal. C0 controls other than newline and tab, DEL and the
// C1 controls (U+0080–U+009F) are each written as U+FFFD; a carriage
// return just before a newline is dropped (text typed on Windows). Output
// to files and pipes is not wrapped, so data stays exact.
type SafeWriter struct {
	w       io.Writer
	fd      uintptr
	pending []byte // an incomplete UTF-8 sequence or a CR at the end of the last write
}

// NewSafeWriter wraps w; fd is what Fd reports, so that terminal checks
// on the wrapped stream still work.
func NewSafeWriter(w io.Writer, fd uintptr) *SafeWriter { return &SafeWriter{w: w, fd: fd} }

// TerminalSafe wraps an open terminal file.
func TerminalSafe(f *os.File) *SafeWriter { return NewSafeWriter(f, f.Fd()) }

// Fd is the wrapped file's descriptor.
func (s *SafeWriter) Fd() uintptr { return s.fd }

const replacement = "\uFFFD"

// Write writes p, made safe, and reports all of p as written.
func (s *SafeWriter) Write(p []byte) (int, error) {
	data := p
	if len(s.pending) > 0 {
		data = append(s.pending, p...)
		s.pending = nil
	}
	out := make([]byte, 0, len(data))
	for i := 0; i < len(data); {
		c := data[i]
		switch {
		case c == '\n' || c == '\t':
			out = append(out, c)
			i++
		case c == '\r':
			if i+1 == len(data) {
				s.pending = append(s.pending, c)
				i++
				continue
			}
			if data[i+1] != '\n' {
				out = append(out, replacement...)
			}
			i++
		case c < 0x20 || c == 0x7f:
			out = append(out, replacement...)
			i++
		case c < utf8.RuneSelf:
			out = append(out, c)
			i++
		default:
			if !utf8.FullRune(data[i:]) {
				s.pending = append(s.pending, data[i:]...)
				i = len(data)
				continue
			}
			r, size := utf8.DecodeRune(data[i:])
			if r >= 0x80 && r <= 0x9f {
				out = append(out, replacement...)
			} else {
				out = append(out, data[i:i+size]...)
			}
			i += size
		}
	}
	if _, err := s.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}
