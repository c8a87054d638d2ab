// Package lazy compiles regular expressions and HTML templates the first
// time they are used instead of when the program starts. Every reflect
// command links every package, so a package-level regexp.MustCompile or
// template.Must runs for `reflect --version` too; compiled here, each costs
// only the command that needs it. A value is safe for concurrent use.
//
// A bad expression or template panics at its first use, as MustCompile
// would at start-up: they are constants of the program, and the tests that
// use them find a mistake.
package lazy

import (
	"html/template"
	"io"
	"regexp"
	"sync"
)

// Regexp is a regular expression compiled on first use.
type Regexp struct {
	expr string
	once sync.Once
	re   *regexp.Regexp
}

// MustCompile returns expr, to be compiled (with regexp.MustCompile) the
// first time it is used.
func MustCompile(expr string) *Regexp { return &Regexp{expr: expr} }

// Regexp is the compiled expression.
func (r *Regexp) Regexp() *regexp.Regexp {
	r.once.Do(func() { r.re = regexp.MustCompile(r.expr) })
	return r.re
}

// String is the source text of the expression.
func (r *Regexp) String() string { return r.expr }

// MatchString is regexp.Regexp.MatchString.
func (r *Regexp) MatchString(s string) bool { return r.Regexp().MatchString(s) }

// FindStringSubmatch is regexp.Regexp.FindStringSubmatch.
func (r *Regexp) FindStringSubmatch(s string) []string { return r.Regexp().FindStringSubmatch(s) }

// FindAllStringIndex is regexp.Regexp.FindAllStringIndex.
func (r *Regexp) FindAllStringIndex(s string, n int) [][]int {
	return r.Regexp().FindAllStringIndex(s, n)
}

// FindAllStringSubmatchIndex is regexp.Regexp.FindAllStringSubmatchIndex.
func (r *Regexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	return r.Regexp().FindAllStringSubmatchIndex(s, n)
}

// ReplaceAllString is regexp.Regexp.ReplaceAllString.
func (r *Regexp) ReplaceAllString(src, repl string) string {
	return r.Regexp().ReplaceAllString(src, repl)
}

// Template is an HTML template built on first use.
type Template struct {
	build func() *template.Template
	once  sync.Once
	t     *template.Template
}

// HTML returns a template that build makes (and may panic in, as
// template.Must does) the first time it is used.
func HTML(build func() *template.Template) *Template { return &Template{build: build} }

// Template is the built template.
func (t *Template) Template() *template.Template {
	t.once.Do(func() { t.t = t.build() })
	return t.t
}

// Execute is html/template.Template.Execute.
func (t *Template) Execute(w io.Writer, data any) error { return t.Template().Execute(w, data) }
