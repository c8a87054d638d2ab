package lazy

import (
	"html/template"
	"strings"
	"sync"
	"testing"
)

func TestRegexpCompiledOnceOnFirstUse(t *testing.T) {
	r := MustCompile(`^(a+)(b*)$`)
	if r.re != nil {
		t.Fatal("compiled before first use")
	}
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() { defer wg.Done(); r.MatchString("aab") }()
	}
	wg.Wait()
	first := r.Regexp()
	if first == nil || r.Regexp() != first {
		t.Fatal("not compiled exactly once")
	}
	if !r.MatchString("aab") || r.MatchString("ba") {
		t.Error("MatchString")
	}
	if got := r.FindStringSubmatch("aab"); len(got) != 3 || got[1] != "aa" || got[2] != "b" {
		t.Errorf("FindStringSubmatch = %q", got)
	}
	w := MustCompile(`o+`)
	if got := w.FindAllStringIndex("foo boo", -1); len(got) != 2 || got[1][0] != 5 {
		t.Errorf("FindAllStringIndex = %v", got)
	}
	if got := w.FindAllStringSubmatchIndex("foo", -1); len(got) != 1 || got[0][0] != 1 || got[0][1] != 3 {
		t.Errorf("FindAllStringSubmatchIndex = %v", got)
	}
	if got := w.ReplaceAllString("foo", "0"); got != "f0" {
		t.Errorf("ReplaceAllString = %q", got)
	}
	if w.String() != `o+` {
		t.Errorf("String = %q", w.String())
	}
}

func TestBadRegexpPanicsAtFirstUse(t *testing.T) {
	r := MustCompile(`(`) // no panic here
	defer func() {
		if recover() == nil {
			t.Error("a bad expression did not panic at first use")
		}
	}()
	r.MatchString("x")
}

func TestTemplateBuiltOnceOnFirstUse(t *testing.T) {
	builds := 0
	tm := HTML(func() *template.Template {
		builds++
		return template.Must(template.New("t").Parse(`<p>{{.}}</p>`))
	})
	if builds != 0 {
		t.Fatal("built before first use")
	}
	for i := 0; i < 3; i++ {
		var b strings.Builder
		if err := tm.Execute(&b, "<x>"); err != nil {
			t.Fatal(err)
		}
		if b.String() != "<p>&lt;x&gt;</p>" {
			t.Errorf("Execute = %q", b.String())
		}
	}
	if builds != 1 {
		t.Errorf("built %d times", builds)
	}
}
