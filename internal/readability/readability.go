// Package readability measures how easy English prose is to read: the
// length of its sentences and its Flesch–Kincaid grade level, with the UK
// reading age that grade implies.
//
// The Flesch–Kincaid grade level is
//
//	0.39 × (words ÷ sentences) + 11.8 × (syllables ÷ words) − 15.59
//
// and a reading age is the grade plus five (a US grade 5 reader is about
// ten). Syllables are counted by a rule of thumb (groups of vowels, less a
// silent final e), which is within about one syllable of a dictionary on
// ordinary words, so the grade is a guide, not a measurement to a decimal
// place. Tokens without letters (telephone numbers, "999") are not words.
package readability

import (
	"strings"
	"unicode"
)

// Stats describes a body of text.
type Stats struct {
	Sentences int
	Words     int
	Syllables int
	// LongestWords is the number of words in the longest sentence, and
	// Longest that sentence.
	LongestWords int
	Longest      string
}

// MeanSentence is the mean number of words per sentence.
func (s Stats) MeanSentence() float64 {
	if s.Sentences == 0 {
		return 0
	}
	return float64(s.Words) / float64(s.Sentences)
}

// Grade is the Flesch–Kincaid grade level (0 for no text).
func (s Stats) Grade() float64 {
	if s.Sentences == 0 || s.Words == 0 {
		return 0
	}
	return 0.39*float64(s.Words)/float64(s.Sentences) + 11.8*float64(s.Syllables)/float64(s.Words) - 15.59
}

// ReadingAge is the age, in years, of a reader the grade suits: grade + 5.
func (s Stats) ReadingAge() float64 { return s.Grade() + 5 }

// Measure measures the sentences of every text given, together.
func Measure(texts ...string) Stats {
	var st Stats
	for _, t := range texts {
		for _, sent := range Sentences(t) {
			words := Words(sent)
			if len(words) == 0 {
				continue
			}
			st.Sentences++
			st.Words += len(words)
			for _, w := range words {
				st.Syllables += Syllables(w)
			}
			if len(words) > st.LongestWords {
				st.LongestWords, st.Longest = len(words), sent
			}
		}
	}
	return st
}

// Sentences splits text into sentences: a sentence ends at ".", "!" or "?"
// followed by white space or the end of the text (so "e.g." and "0800 1111."
// end sentences only where a space follows), or at a line break.
func Sentences(text string) []string {
	var out []string
	rs := []rune(text)
	start := 0
	flush := func(end int) {
		if s := strings.TrimSpace(string(rs[start:end])); s != "" {
			out = append(out, s)
		}
		start = end
	}
	for i, r := range rs {
		switch {
		case r == '\n':
			flush(i + 1)
		case r == '.' || r == '!' || r == '?':
			if i+1 == len(rs) || unicode.IsSpace(rs[i+1]) || strings.ContainsRune("\"'’”)", rs[i+1]) && (i+2 == len(rs) || unicode.IsSpace(rs[i+2])) {
				flush(i + 1)
			}
		}
	}
	flush(len(rs))
	return out
}

// Words returns the words of a sentence: runs of letters, digits,
// apostrophes and hyphens that hold at least one letter.
func Words(sentence string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(sentence, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '’' && r != '-' && r != '&'
	}) {
		f = strings.Trim(f, "-'’")
		for _, r := range f {
			if unicode.IsLetter(r) {
				out = append(out, f)
				break
			}
		}
	}
	return out
}

// Syllables estimates the syllables in a word; a hyphenated word counts
// each part ("self-harm" is two).
func Syllables(word string) int {
	n := 0
	for _, part := range strings.Split(word, "-") {
		if part != "" {
			n += syllables(part)
		}
	}
	return max(n, 1)
}

func syllables(word string) int {
	var w []rune
	for _, r := range strings.ToLower(word) {
		if unicode.IsLetter(r) {
			w = append(w, r)
		}
	}
	if len(w) <= 3 {
		return 1
	}
	vowel := func(r rune) bool { return strings.ContainsRune("aeiouy", r) }
	// A final "es" or "ed" after a consonant, or a final "e" after a
	// consonant other than l, is usually silent: "takes", "helped", "hope"
	// (but "able", "needed" keep theirs).
	n := len(w)
	switch {
	case n > 2 && w[n-1] == 's' && w[n-2] == 'e' && !vowel(w[n-3]) && w[n-3] != 'l':
		w = w[:n-2]
	case n > 2 && w[n-1] == 'd' && w[n-2] == 'e' && w[n-3] != 't' && w[n-3] != 'd':
		w = w[:n-2]
	case n > 1 && w[n-1] == 'e' && !vowel(w[n-2]) && w[n-2] != 'l':
		w = w[:n-1]
	}
	if len(w) > 0 && w[0] == 'y' {
		w = w[1:]
	}
	count := 0
	for i := 0; i < len(w); {
		if vowel(w[i]) {
			count++
			// A group of up to two vowels is one syllable.
			if i+1 < len(w) && vowel(w[i+1]) {
				i++
			}
		}
		i++
	}
	return max(count, 1)
}
