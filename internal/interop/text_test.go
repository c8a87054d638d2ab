package interop

import (
	"reflect"
	"strings"
	"testing"

	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/textutil"
)

// flat renders items as "a[b c]" for compact comparison.
func flat(items []*framework.Item) string {
	var parts []string
	for _, it := range items {
		s := it.Text
		if len(it.Items) > 0 {
			s += "[" + flat(it.Items) + "]"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "|")
}

func TestHTMLText(t *testing.T) {
	tests := []struct {
		name, in string
		paras    []string
		items    string
	}{
		{"plain", "Just text", []string{"Just text"}, ""},
		{"source newlines are spaces", "<p>Distinguishes between critical\r\nand irrelevant<br></p>", []string{"Distinguishes between critical and irrelevant"}, ""},
		{"paragraphs and br", "<p>One</p><p>Two<br>Three</p>", []string{"One", "Two\nThree"}, ""},
		{"entities", "<p>A &amp; B &lt;c&gt; &#39;d&#39; &nbsp;e&hellip;</p>", []string{"A & B <c> 'd' e…"}, ""},
		{"lists become items", "<p>Lead:</p><ul><li>one</li><li>two<ul><li>two a</li></ul></li></ul><p>After</p>", []string{"Lead:", "After"}, "one|two[two a]"},
		{"ordered list, no closing li", "<ol><li>first<li>second</ol>", nil, "first|second"},
		{"text after nested list joins the item", "<ul><li>a<ul><li>b</li></ul> more</li></ul>", nil, "a more[b]"},
		{"script and style dropped", "<style>p{}</style><p>Keep</p><script>alert(1)</script>", []string{"Keep"}, ""},
		{"comments dropped", "<p>a<!-- hidden -->b</p>", []string{"ab"}, ""},
		{"lone less-than is text", "<p>a < b and c<3</p>", []string{"a < b and c<3"}, ""},
		{"unclosed tag is text", "<p>open <b", []string{"open <b"}, ""},
		{"attributes with >", `<p title="a>b">x</p>`, []string{"x"}, ""},
		{"doctype", "<!DOCTYPE html><p>x</p>", []string{"x"}, ""},
		{"empty items lifted", "<ul><li><ul><li>inner</li></ul></li></ul>", nil, "inner"},
		{"stray li", "<li>solo</li>", nil, "solo"},
		{"block in item", "<ul><li><p>para</p><p>two</p></li></ul>", nil, "para two"},
		{"empty", "", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := htmlText(tt.in)
			if !reflect.DeepEqual(got.Paras, tt.paras) {
				t.Errorf("paras = %q, want %q", got.Paras, tt.paras)
			}
			if f := flat(got.Items); f != tt.items {
				t.Errorf("items = %q, want %q", f, tt.items)
			}
		})
	}
}

func TestMarkdownText(t *testing.T) {
	tests := []struct {
		name, in string
		paras    []string
		items    string
	}{
		{"no list", "A statement\r\nover two lines", []string{"A statement\nover two lines"}, ""},
		{"list after lead", "Lead:\n\n- one\n- two\n  - two a\n  - two b\n- three", []string{"Lead:"}, "one|two[two a|two b]|three"},
		{"numbered and continuation", "Lead\n1. first\n   goes on\n2) second", []string{"Lead"}, "first goes on|second"},
		{"only a list stays whole", "- a\n- b", []string{"- a\n- b"}, ""},
		{"emphasis is not a list", "*Note*: careful\n*also* this", []string{"*Note*: careful\n*also* this"}, ""},
		{"table kept", "Has a table:\r\n\r\n| a | b |\r\n| --- | --- |", []string{"Has a table:", "| a | b |\n| --- | --- |"}, ""},
		{"text after list", "Lead\n- a\n\nTail", []string{"Lead", "Tail"}, "a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := markdownText(tt.in)
			if !reflect.DeepEqual(got.Paras, tt.paras) {
				t.Errorf("paras = %q, want %q", got.Paras, tt.paras)
			}
			if f := flat(got.Items); f != tt.items {
				t.Errorf("items = %q, want %q", f, tt.items)
			}
		})
	}
}

func TestItemsRoundTrip(t *testing.T) {
	items := []*framework.Item{{Text: "one"}, {Text: "two & <three>", Items: []*framework.Item{{Text: "deep", Items: []*framework.Item{{Text: "deeper"}}}}}}
	var md, h strings.Builder
	md.WriteString("Statement\n\n")
	markdownItems(&md, items, "")
	if got := flat(markdownText(md.String()).Items); got != flat(items) {
		t.Errorf("markdown round trip: %q, want %q", got, flat(items))
	}
	h.WriteString("<p>Statement</p>")
	htmlItems(&h, items)
	if got := flat(htmlText(h.String()).Items); got != flat(items) {
		t.Errorf("HTML round trip: %q, want %q", got, flat(items))
	}
}

func TestUUIDv5(t *testing.T) {
	dns := UUID{0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}
	// RFC 9562 / Python's uuid.uuid5(uuid.NAMESPACE_DNS, "python.org").
	if got := NewUUIDv5(dns, "python.org").String(); got != "886313e1-3b8a-5372-9b90-0c9aee199e5d" {
		t.Errorf("uuid5(DNS, python.org) = %s", got)
	}
	// The namespace must never change: every exported identifier hangs on it.
	if got := Namespace.String(); got != "d2b0f208-af16-5820-bc15-bed51efffc64" {
		t.Errorf("Namespace = %s; it must never change", got)
	}
	// Checked against Python: uuid5(uuid5(NAMESPACE_URL, "https://github.com/reflect-cpd/reflect"), "framework/mini/MINI.1.1.1").
	if got := ID("framework/mini/MINI.1.1.1"); got != "76e5671b-5465-52ba-b53e-cbf30a7e957a" {
		t.Errorf("ID = %s", got)
	}
	a, b := ID("framework/mini/MINI.1.1.1"), ID("framework/mini/MINI.1.1.1")
	if a != b || len(a) != 36 || a[14] != '5' {
		t.Errorf("ID not stable or not version 5: %s %s", a, b)
	}
	if ID("framework/mini/MINI.1.1.1") == ID("framework/mini/MINI.1.1.2") {
		t.Error("different names gave the same id")
	}
}

func TestSanitiseCode(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ADU.1.2", "ADU.1.2"},
		{"Math 1.A", "Math-1.A"},
		{"  .lead", "lead"},
		{"a/b\\c", "a-b-c"},
		{"🙂", ""},
		{"x!!", "x"},
		{strings.Repeat("a", 45), strings.Repeat("a", 31) + "-" + "3f1f9b54"},
	}
	for _, tt := range tests {
		got := SanitiseCode(tt.in)
		if tt.in == strings.Repeat("a", 45) {
			if len(got) != 40 || !framework.ValidCode(got) || got[:31] != strings.Repeat("a", 31) {
				t.Errorf("long code → %q", got)
			}
			continue
		}
		if got != tt.want {
			t.Errorf("SanitiseCode(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got != "" && !framework.ValidCode(got) {
			t.Errorf("SanitiseCode(%q) = %q is not a valid code", tt.in, got)
		}
	}
}

func TestMoodleDescriptionFormats(t *testing.T) {
	tests := []struct{ format, in, text, items string }{
		{"1", "<p>a\nb</p>", "a b", ""},
		{"0", "line one\nline <b>two</b>", "line one\nline two", ""},
		{"2", "plain <b>kept</b>\n\nsecond", "plain <b>kept</b>\n\nsecond", ""},
		{"4", "lead\n- x\n- y", "lead", "x|y"},
		{"", "<ul><li>z</li></ul>", "", "z"},
	}
	for _, tt := range tests {
		got := moodleDescription(tt.in, tt.format)
		if got.Text() != tt.text || flat(got.Items) != tt.items {
			t.Errorf("format %q: %q → %q %q, want %q %q", tt.format, tt.in, got.Text(), flat(got.Items), tt.text, tt.items)
		}
	}
}

// Character references are decoded after the raw text is cleaned, so a
// control character written as one ("&#17;", "&#x1b;") must be dropped
// too: a framework file may not hold it (found by FuzzReadMoodleCSV).
func TestHTMLTextDropsControlCharacterReferences(t *testing.T) {
	for _, in := range []string{"a&#17;b", "a&#x1b;[2Jb", "<p>a&#127;b</p>", "<ul><li>a&#x85;b</li></ul>", "a&#17;b<"} {
		rt := htmlText(in)
		all := rt.Text()
		for _, it := range rt.Items {
			all += "|" + it.Text
		}
		if r, at := textutil.FirstControl(all); at >= 0 {
			t.Errorf("htmlText(%q) kept %U: %q", in, r, all)
		}
		if !strings.Contains(all, "a") || !strings.Contains(all, "b") {
			t.Errorf("htmlText(%q) lost the text around the reference: %q", in, all)
		}
	}
}

func TestHTMLScriptsDropped(t *testing.T) {
	got := htmlText("<p>a<SCRIPT>x</p>y</Script>b</p><style>c</STYLE>d<script>never closed")
	if txt := got.Text(); txt != "ab\n\nd" {
		t.Errorf("text %q, want the paragraphs without the script and style", txt)
	}
}
