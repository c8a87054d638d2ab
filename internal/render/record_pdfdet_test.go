package render_test

import (
	"bytes"
	"testing"

	"github.com/reflect-cpd/reflect/internal/render"
)

func TestPDFDeterministicMany(t *testing.T) {
	for name, r := range fixtures(t) {
		first := export(t, render.FormatPDF, r, options(t))
		for i := 0; i < 8; i++ {
			if !bytes.Equal(first, export(t, render.FormatPDF, r, options(t))) {
				t.Fatalf("%s: run %d differs", name, i)
			}
		}
	}
}
