// Command reflect is a self-assessment, reflection and supervision tool for
// the self-harm and suicide prevention competence frameworks.
package main

import (
	"os"

	"github.com/reflect-cpd/reflect/internal/app"
)

func main() { os.Exit(app.Main()) }
