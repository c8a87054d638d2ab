// Package frameworks holds the competence frameworks shipped with reflect
// and the JSON Schemas of reflect's file formats, embedded in the binary.
package frameworks

import (
	"embed"
	"io/fs"
)

// The pattern is * rather than *.yaml so that the package builds while the
// folder holds only schemas; the loader reads the .yaml files.
//
//go:embed *
var files embed.FS

// FS returns the embedded folder: the framework YAML files and the schemas.
func FS() fs.FS { return files }

// Schema returns the named JSON Schema, e.g. "framework.schema.json".
func Schema(name string) ([]byte, error) { return files.ReadFile(name) }
