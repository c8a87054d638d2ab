package anonymise

import (
	"strings"
	"testing"
	"unicode/utf8"
)

type hit struct{ kind, excerpt string }

func TestCheck(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []hit
	}{
		// NHS numbers: only a valid check digit is flagged.
		{"nhs spaced", "NHS no 943 476 5919 on file", []hit{{KindNHSNumber, "943 476 5919"}}},
		{"nhs unspaced", "ref 9434765919.", []hit{{KindNHSNumber, "9434765919"}}},
		{"nhs hyphens", "943-476-5919", []hit{{KindNHSNumber, "943-476-5919"}}},
		{"nhs bad check digit", "943 476 5918", nil},
		{"nhs check 10 invalid", "000 000 0010", nil},
		{"nhs inside longer number", "94347659191", nil},
		{"nhs glued to letters", "X9434765919", nil},
		{"nhs mixed spacing", "943 476-5919", nil},

		// Dates.
		{"dob cue", "DOB 03/03/1990", []hit{{KindDateOfBirth, "03/03/1990"}}},
		{"dob cue two-digit year", "d.o.b. 3/3/90", []hit{{KindDateOfBirth, "3/3/90"}}},
		{"two-digit year without cue", "seen 3/3/90", nil},
		{"full numeric date", "on 12/11/2023 we met", []hit{{KindDateOfBirth, "12/11/2023"}}},
		{"dotted date", "12.11.2023", []hit{{KindDateOfBirth, "12.11.2023"}}},
		{"words date", "born 3 March 1990", []hit{{KindDateOfBirth, "3 March 1990"}}},
		{"words date ordinal", "the 3rd of March 1990", []hit{{KindDateOfBirth, "3rd of March 1990"}}},
		{"words date US", "March 3rd, 1990", []hit{{KindDateOfBirth, "March 3rd, 1990"}}},
		{"iso without cue", "course on 2024-03-05", nil},
		{"iso with cue", "date of birth: 1990-03-05", []hit{{KindDateOfBirth, "1990-03-05"}}},
		{"month year without cue", "in March 2024 I attended", nil},
		{"month year with cue", "born March 1990", []hit{{KindDateOfBirth, "March 1990"}}},
		{"cue after", "12/03/1990 (DOB)", []hit{{KindDateOfBirth, "12/03/1990"}}},
		{"impossible date", "31/02/2020", nil},
		{"not a date: code", "ADU.3.2.1 and ADU.12.10.2020x", nil},
		{"version number", "v1.2.10", nil},
		{"mixed separators", "12/11-2023", nil},

		// Postcodes.
		{"postcode", "lives near NG7 2UH now", []hit{{KindPostcode, "NG7 2UH"}}},
		{"postcode no space", "SW1A1AA", []hit{{KindPostcode, "SW1A1AA"}}},
		{"postcode lower", "m1 1ae", []hit{{KindPostcode, "m1 1ae"}}},
		{"postcode district only", "the NG7 area", nil},
		{"NG225 reference", "guideline NG225 says", nil},
		{"ordinal not postcode", "on the b12 1st floor", nil},

		// Phones.
		{"mobile", "call 07700 900123 later", []hit{{KindPhone, "07700 900123"}}},
		{"mobile unspaced", "07700900123", []hit{{KindPhone, "07700900123"}}},
		{"landline", "0115 496 0123", []hit{{KindPhone, "0115 496 0123"}}},
		{"london", "020 7946 0018", []hit{{KindPhone, "020 7946 0018"}}},
		{"brackets", "(0115) 496 0123", []hit{{KindPhone, "(0115) 496 0123"}}},
		{"plus 44", "+44 7700 900123", []hit{{KindPhone, "+44 7700 900123"}}},
		{"plus 44 (0)", "+44 (0)115 496 0123", []hit{{KindPhone, "+44 (0)115 496 0123"}}},
		{"plus 44 glued", "+447700900123", []hit{{KindPhone, "+447700900123"}}},
		{"samaritans", "Samaritans on 116 123, any time", nil},
		{"shout", "text SHOUT to 85258", nil},
		{"nhs 111 and 999", "call 111 or 999", nil},
		{"freephone", "0800 123 4567", nil},
		{"too short", "0115 496", nil},
		{"trailing digits", "07700 900123 5 times", []hit{{KindPhone, "07700 900123"}}},

		// E-mail.
		{"email", "wrote to jo.bloggs@nhs.net.", []hit{{KindEmail, "jo.bloggs@nhs.net"}}},
		{"email with digits", "a1234567890@x.co.uk", []hit{{KindEmail, "a1234567890@x.co.uk"}}},

		// Titled names.
		{"mr", "spoke with Mr Smith today", []hit{{KindTitledName, "Mr Smith"}}},
		{"dr dot initial", "Dr. J. Patel agreed", []hit{{KindTitledName, "Dr. J. Patel"}}},
		{"unicode name", "Mrs Ó Briain", []hit{{KindTitledName, "Mrs Ó Briain"}}},
		{"two words", "Prof Anne Marie", []hit{{KindTitledName, "Prof Anne Marie"}}},
		{"apostrophe", "Ms O'Neill", []hit{{KindTitledName, "Ms O'Neill"}}},
		{"lower-case title", "the dr said", nil},
		{"title alone", "the Dr I spoke to", nil},
		{"MS condition", "living with MS Society support", nil},
		{"sentence end", "Dr. The rest", []hit{{KindTitledName, "Dr. The"}}}, // a false alarm we accept

		// Wards, bays, beds, rooms.
		{"bed", "the man in bed 12 said", []hit{{KindWardBed, "bed 12"}}},
		{"bay and bed", "bay 3, bed 2", []hit{{KindWardBed, "bay 3"}, {KindWardBed, "bed 2"}}},
		{"ward number", "on Ward 7B", []hit{{KindWardBed, "Ward 7B"}}},
		{"named ward", "admitted to Willow Ward", []hit{{KindWardBed, "Willow Ward"}}},
		{"the ward", "back on the ward. The Ward was calm", nil},
		{"side room", "nursed in side room 2", []hit{{KindWardBed, "side room 2"}}},
		{"room clinical", "the patient in room 4", []hit{{KindWardBed, "room 4"}}},
		{"room training", "training was in room 4 of the education centre", nil},
		{"beds plural", "there were 3 beds free", nil},

		// Nothing to find.
		{"plain reflection", "I learned to ask directly about suicidal thoughts and to listen without judging.", nil},
		{"codes", "ADU.3.2.1, CYP.1.1, MINI.2.1.3 rated 3 of 4", nil},
		{"empty", "", nil},
		{"combined", "Mr Smith, DOB 03/03/1990, NG7 2UH, 07700 900123, 943 476 5919, bed 4",
			[]hit{{KindTitledName, "Mr Smith"}, {KindDateOfBirth, "03/03/1990"}, {KindPostcode, "NG7 2UH"}, {KindPhone, "07700 900123"}, {KindNHSNumber, "943 476 5919"}, {KindWardBed, "bed 4"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Check([]Field{{Name: "f", Text: tt.text}})
			var gh []hit
			for _, f := range got {
				gh = append(gh, hit{f.Kind, f.Excerpt})
				if f.Field != "f" || tt.text[f.Start:f.End] != f.Excerpt || f.Reason == "" {
					t.Errorf("bad finding %+v", f)
				}
			}
			if len(gh) != len(tt.want) {
				t.Fatalf("Check(%q) = %v, want %v", tt.text, gh, tt.want)
			}
			for i := range gh {
				if gh[i] != tt.want[i] {
					t.Fatalf("Check(%q) = %v, want %v", tt.text, gh, tt.want)
				}
			}
		})
	}
}

func TestValidNHSNumber(t *testing.T) {
	for d, want := range map[string]bool{
		"9434765919": true, "9434765918": false, "4010232137": true, "0000000000": true,
		"123456789": false, "abcdefghij": false, "943476591x": false,
	} {
		if got := ValidNHSNumber(d); got != want {
			t.Errorf("ValidNHSNumber(%q) = %v, want %v", d, got, want)
		}
	}
}

func TestCheckFieldOrder(t *testing.T) {
	got := Check([]Field{{"a", "nothing here"}, {"b", "Mr Jones in bed 3"}, {"c", "jo@example.org"}})
	var names []string
	for _, f := range got {
		names = append(names, f.Field+":"+f.Kind)
	}
	want := "b:titled-name b:ward-bed c:email"
	if strings.Join(names, " ") != want {
		t.Errorf("got %v, want %s", names, want)
	}
}

func FuzzCheck(f *testing.F) {
	for _, s := range []string{"Mr Smith DOB 03/03/1990 NG7 2UH", "943 476 5919", "+44 (0)115 496 0123", "bed 12 bay 3 Willow Ward room 4 patient",
		"jo@nhs.net", "3rd of March 1990", "ADU.3.2.1", "\xff\xfe0", "Mrs Ó Briain", "07700 900123 5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, fd := range Check([]Field{{Name: "x", Text: s}}) {
			if fd.Start < 0 || fd.End > len(s) || fd.Start >= fd.End || s[fd.Start:fd.End] != fd.Excerpt {
				t.Fatalf("bad offsets %+v in %q", fd, s)
			}
			if utf8.ValidString(s) && !utf8.ValidString(fd.Excerpt) {
				t.Fatalf("excerpt splits a character: %+v", fd)
			}
		}
	})
}
