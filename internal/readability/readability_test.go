package readability

import (
	"math"
	"strings"
	"testing"
)

func TestSyllables(t *testing.T) {
	// Dictionary counts; the rule of thumb must get these right.
	for word, want := range map[string]int{
		"the": 1, "help": 1, "staff": 1, "calm": 1, "hope": 1, "takes": 1, "helped": 1,
		"listen": 2, "family": 3, "expect": 2, "about": 2, "safer": 2, "people": 2, "needed": 2,
		"self-harm": 2, "hospital": 3, "important": 3, "together": 3, "support": 2,
		"understand": 3, "you": 1, "yes": 1, "able": 2,
	} {
		if got := Syllables(word); got != want {
			t.Errorf("Syllables(%q) = %d, want %d", word, got, want)
		}
	}
}

func TestSentencesAndWords(t *testing.T) {
	got := Sentences("Call 0800 1111. It is free! Are you safe? See childline.org.uk for more\nA new line")
	want := []string{"Call 0800 1111.", "It is free!", "Are you safe?", "See childline.org.uk for more", "A new line"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("Sentences = %q", got)
	}
	if w := Words("Call 0800 1111, or text SHOUT to 85258 — it's free (A&E too)."); strings.Join(w, " ") != "Call or text SHOUT to it's free A&E too" {
		t.Errorf("Words = %q", w)
	}
}

func TestGrade(t *testing.T) {
	// Short, plain sentences read young; long, polysyllabic ones read old.
	easy := Measure("Staff will listen to you. They will not judge you. You can ask for help at any time.")
	hard := Measure("Practitioners should demonstrate comprehensive understanding of multidisciplinary safeguarding responsibilities, including information-sharing considerations, confidentiality obligations and organisational escalation procedures.")
	if easy.Grade() > 3 || hard.Grade() < 16 {
		t.Errorf("grades: easy %.1f, hard %.1f", easy.Grade(), hard.Grade())
	}
	if easy.Sentences != 3 || easy.Words != 18 || easy.LongestWords != 8 || easy.Longest != "You can ask for help at any time." {
		t.Errorf("easy stats %+v", easy)
	}
	// 0.39 × 6 + 11.8 × 1 − 15.59 for six one-syllable words in one sentence.
	one := Measure("I can go to my GP.")
	if math.Abs(one.Grade()-(0.39*6+11.8-15.59)) > 1e-9 || math.Abs(one.ReadingAge()-one.Grade()-5) > 1e-9 {
		t.Errorf("grade %.3f, reading age %.3f", one.Grade(), one.ReadingAge())
	}
	if (Stats{}).Grade() != 0 || (Stats{}).MeanSentence() != 0 {
		t.Error("empty text has a grade")
	}
}

func FuzzMeasure(f *testing.F) {
	f.Add("Call 0800 1111. It is free!")
	f.Add("...!!!??? \n\n - -- ' ’ &")
	f.Fuzz(func(t *testing.T, s string) {
		st := Measure(s)
		if st.Words < st.Sentences || st.Syllables < st.Words || st.LongestWords > st.Words {
			t.Fatalf("inconsistent stats %+v", st)
		}
	})
}
