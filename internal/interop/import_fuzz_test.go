package interop

import "testing"

// FuzzImport is 'reflect frameworks import' without --from: the format is
// detected from the content, then read and fitted with the options a
// person may give (--id, --prefix, --kind). It must never panic, and an
// import that succeeds must write YAML that parses and validates.
func FuzzImport(f *testing.F) {
	seeds(f, "*.csv")
	seeds(f, "*.json")
	f.Add([]byte("Parent ID number,ID number,Short name,Is framework\n,F,Frame,1\n,a,A,\na,b,B,\n"))
	for _, format := range Formats {
		f.Add(chain(format, MaxDepth+1))
		f.Add(wide(format, 30))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, opt := range []Options{{}, {ID: "imported", Prefix: "X", DefaultKind: "skill"}} {
			fw, rep, err := Import("", "fuzz.dat", data, opt)
			if err != nil {
				continue
			}
			checkImported(t, fw, rep)
		}
	})
}
