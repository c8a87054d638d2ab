package assess

import "testing"

func TestShellWord(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"mini.yaml", "mini.yaml"},
		{"/tmp/my-frameworks/a_b.yaml", "/tmp/my-frameworks/a_b.yaml"},
		{"my framework.yaml", "'my framework.yaml'"},
		{"it's.yaml", `'it'\''s.yaml'`},
		{"$HOME/x.yaml", "'$HOME/x.yaml'"},
		{"", "''"},
	} {
		if got := shellWord(c.in); got != c.want {
			t.Errorf("shellWord(%q) = %s, want %s", c.in, got, c.want)
		}
	}
}
