package review_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/recordtest"
)

// fullJSON is the bytes of testdata/records/full.json, a complete record.
func fullJSON(tb testing.TB) []byte {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "records", "full.json"))
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

// fullRecord decodes testdata/records/full.json.
func fullRecord(tb testing.TB) *record.Record {
	tb.Helper()
	r, err := record.Decode("full.json", fullJSON(tb))
	if err != nil {
		tb.Fatal(err)
	}
	return r
}

// fixtureSet is the mini framework the full record was made with.
func fixtureSet(tb testing.TB) *framework.Set {
	tb.Helper()
	return recordtest.Mini(tb)
}
