package record

import (
	"fmt"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/reflect-cpd/reflect/internal/yamlx"
)

// MaxReviewFileSize is the largest review file read.
const MaxReviewFileSize = 1 << 20

// ReviewFile is the YAML file a supervisor can write instead of answering
// prompts (`reflect review RECORD --file review.yaml`). Its JSON Schema is
// frameworks/review.schema.json; testdata/review-example.yaml is an example.
type ReviewFile struct {
	Reviewer ReviewFileReviewer `yaml:"reviewer" req:"true"`
	Date     string             `yaml:"date"`
	Confirm  bool               `yaml:"confirm"`
	// ConfirmAnonymised confirms that the reviewer's own words identify no
	// patient, service user, family member or colleague, after the local
	// check listed what could (as --confirm-anonymised does).
	ConfirmAnonymised bool              `yaml:"confirm_anonymised"`
	Comments          string            `yaml:"comments"`
	Needs             []ReviewFileNeed  `yaml:"needs"`
	Ratings           yamlx.OrderedInts `yaml:"ratings"`
	Plan              string            `yaml:"plan" req:"true"`
	AmendedPlan       []ReviewFileGoal  `yaml:"amended_plan"`
}

// ReviewFileReviewer is the reviewer block of a review file.
type ReviewFileReviewer struct {
	Name         string `yaml:"name" req:"true"`
	Role         string `yaml:"role"`
	Profession   string `yaml:"profession"`
	Registration string `yaml:"registration"`
}

// ReviewFileNeed is a comment on one development need.
type ReviewFileNeed struct {
	Pos     yamlx.Pos `yaml:"-"`
	Code    string    `yaml:"code" req:"true"`
	Comment string    `yaml:"comment" req:"true"`
}

// ReviewFileGoal is one goal of an amended plan.
type ReviewFileGoal struct {
	Pos            yamlx.Pos `yaml:"-"`
	ID             string    `yaml:"id"`
	Objective      string    `yaml:"objective" req:"true"`
	Competences    []string  `yaml:"competences"`
	Activities     []string  `yaml:"activities"`
	Resources      []string  `yaml:"resources"`
	TargetDate     string    `yaml:"target_date"`
	SuccessMeasure string    `yaml:"success_measure"`
	Status         string    `yaml:"status"`
}

// ReviewFileInfo is what a review file says besides the review, and where
// each of its values is.
type ReviewFileInfo struct {
	File              string
	Confirm           bool // confirm: true
	ConfirmAnonymised bool // confirm_anonymised: true
	root              *yaml.Node
}

// ParseReviewFile decodes a review file strictly. Every problem comes with
// file:line:col. The returned review still has to be checked against the
// record (Record.CheckReview); ReviewFileInfo.Locate puts those problems at
// their place in the file.
func ParseReviewFile(file string, data []byte) (Review, ReviewFileInfo, error) {
	info := ReviewFileInfo{File: file}
	root, probs := yamlx.Parse(file, data, yamlx.Limits{MaxBytes: MaxReviewFileSize, MaxNodes: 100_000})
	if len(probs) > 0 {
		return Review{}, info, probs
	}
	info.root = root
	var rf ReviewFile
	d := &yamlx.Decoder{File: file}
	d.Decode(root, &rf)
	var planNode = findKey(root, "plan")
	switch rf.Plan {
	case PlanAgree, PlanNotAgreed:
		if len(rf.AmendedPlan) > 0 {
			d.Add(findKey(root, "amended_plan"), "use plan: amend to give an amended plan, or remove amended_plan", "amended_plan is given but plan is %q", rf.Plan)
		}
	case PlanAmend:
		if len(rf.AmendedPlan) == 0 {
			d.Add(planNode, "list the plan as agreed under amended_plan", "plan is \"amend\" but there is no amended_plan")
		}
	case "":
	default:
		hint := "use agree, amend or not-agreed"
		if s := yamlx.Suggest(rf.Plan, []string{PlanAgree, PlanAmend, PlanNotAgreed}); s != "" {
			hint = "did you mean " + s + "?"
		}
		d.Add(planNode, hint, "plan %q is not one of agree, amend, not-agreed", rf.Plan)
	}
	if len(d.Problems) > 0 {
		d.Problems.Sort()
		return Review{}, info, d.Problems
	}
	info.Confirm, info.ConfirmAnonymised = rf.Confirm, rf.ConfirmAnonymised
	rev := rf.review()
	return rev, info, nil
}

func (rf ReviewFile) review() Review {
	rev := Review{
		Reviewer:   Reviewer{Name: rf.Reviewer.Name, Role: rf.Reviewer.Role, Profession: rf.Reviewer.Profession, Registration: rf.Reviewer.Registration},
		Date:       rf.Date,
		Comments:   rf.Comments,
		PlanAgreed: rf.Plan == PlanAgree || rf.Plan == PlanAmend,
	}
	for _, code := range rf.Ratings.Keys {
		rev.Ratings = append(rev.Ratings, Rating{Code: code, Rating: rf.Ratings.Values[code]})
	}
	for _, n := range rf.Needs {
		rev.NeedComments = append(rev.NeedComments, NeedComment{Code: n.Code, Comment: n.Comment})
	}
	for _, g := range rf.AmendedPlan {
		rev.AgreedPlan = append(rev.AgreedPlan, Goal{ID: g.ID, Objective: g.Objective, Competences: g.Competences,
			Activities: g.Activities, Resources: g.Resources, TargetDate: g.TargetDate, SuccessMeasure: g.SuccessMeasure, Status: g.Status})
	}
	return rev
}

// ReadReviewDraft reads a draft MarshalReviewFile wrote. It is lenient
// (a draft may lack the name, or anything else), but refuses what is not
// a review file at all.
func ReadReviewDraft(data []byte) (Review, error) {
	if len(data) > MaxReviewFileSize {
		return Review{}, fmt.Errorf("the draft is larger than %d KiB", MaxReviewFileSize>>10)
	}
	root, probs := yamlx.Parse("draft", data, yamlx.Limits{MaxBytes: MaxReviewFileSize, MaxNodes: 100_000})
	if len(probs) > 0 {
		return Review{}, fmt.Errorf("the draft cannot be read: %w", probs)
	}
	var rf ReviewFile
	d := &yamlx.Decoder{File: "draft"}
	d.Decode(root, &rf) // leniently: a draft may lack what a finished review needs
	return rf.review(), nil
}

// Locate turns problems found by Record.CheckReview into problems at the
// line and column of the value in the review file.
func (info ReviewFileInfo) Locate(problems []ReviewProblem) yamlx.Problems {
	var out yamlx.Problems
	for _, p := range problems {
		yp := yamlx.Problem{File: info.File, Msg: p.Msg, Hint: p.Hint}
		if n := info.node(p.Field, p.Index); n != nil {
			yp.Line, yp.Col = n.Line, n.Column
		}
		out = append(out, yp)
	}
	out.Sort()
	return out
}

// node finds the YAML node of a ReviewProblem's field.
func (info ReviewFileInfo) node(field string, index int) *yaml.Node {
	n := info.root
	if n != nil && n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	if n == nil || field == "" {
		return n
	}
	for _, part := range strings.Split(field, ".") {
		name, sub, hasSub := strings.Cut(part, "[")
		sub = strings.TrimSuffix(sub, "]")
		next := value(n, name)
		if next == nil {
			return n
		}
		n = next
		if hasSub && n.Kind == yaml.MappingNode { // ratings[CODE]
			if v := value(n, sub); v != nil {
				n = v
			}
			continue
		}
		if hasSub && n.Kind == yaml.SequenceNode {
			if i, err := strconv.Atoi(sub); err == nil {
				if i < 0 || i >= len(n.Content) {
					return n
				}
				n = n.Content[i]
				continue
			}
			// needs[CODE]: the entry with that code.
			for _, e := range n.Content {
				if c := value(e, "code"); c != nil && c.Value == sub {
					n = e
					break
				}
			}
		}
	}
	if index >= 0 && n.Kind == yaml.SequenceNode && index < len(n.Content) {
		n = n.Content[index]
	}
	return n
}

func value(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// findKey returns the key node of a top-level mapping member, or the
// mapping itself when the member is missing (so a problem still has a
// position).
func findKey(root *yaml.Node, key string) *yaml.Node {
	if root == nil || root.Kind != yaml.MappingNode {
		return root
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == key {
			return root.Content[i]
		}
	}
	return root
}

// MarshalReviewFile writes a review (as a reviewer has written it so far)
// in the review file's form, without confirm: a draft that
// ParseReviewFile reads back, to carry on with or to finish by hand.
func MarshalReviewFile(rev Review) ([]byte, error) {
	type reviewer struct {
		Name         string `yaml:"name"`
		Role         string `yaml:"role,omitempty"`
		Profession   string `yaml:"profession,omitempty"`
		Registration string `yaml:"registration,omitempty"`
	}
	type need struct {
		Code    string `yaml:"code"`
		Comment string `yaml:"comment"`
	}
	type goal struct {
		ID             string   `yaml:"id,omitempty"`
		Objective      string   `yaml:"objective"`
		Competences    []string `yaml:"competences,omitempty"`
		Activities     []string `yaml:"activities,omitempty"`
		Resources      []string `yaml:"resources,omitempty"`
		TargetDate     string   `yaml:"target_date,omitempty"`
		SuccessMeasure string   `yaml:"success_measure,omitempty"`
		Status         string   `yaml:"status,omitempty"`
	}
	rf := struct {
		Reviewer    reviewer   `yaml:"reviewer"`
		Date        string     `yaml:"date,omitempty"`
		Comments    string     `yaml:"comments,omitempty"`
		Needs       []need     `yaml:"needs,omitempty"`
		Ratings     *yaml.Node `yaml:"ratings,omitempty"`
		Plan        string     `yaml:"plan"`
		AmendedPlan []goal     `yaml:"amended_plan,omitempty"`
	}{
		Reviewer: reviewer{Name: rev.Reviewer.Name, Role: rev.Reviewer.Role, Profession: rev.Reviewer.Profession, Registration: rev.Reviewer.Registration},
		Date:     rev.Date,
		Comments: rev.Comments,
		Plan:     rev.PlanDecision(),
	}
	for _, nc := range rev.NeedComments {
		rf.Needs = append(rf.Needs, need{Code: nc.Code, Comment: nc.Comment})
	}
	if len(rev.Ratings) > 0 {
		rf.Ratings = &yaml.Node{Kind: yaml.MappingNode}
		for _, rt := range rev.Ratings {
			rf.Ratings.Content = append(rf.Ratings.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: rt.Code},
				&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(rt.Rating)})
		}
	}
	for _, g := range rev.AgreedPlan {
		rf.AmendedPlan = append(rf.AmendedPlan, goal{ID: g.ID, Objective: g.Objective, Competences: g.Competences, Activities: g.Activities,
			Resources: g.Resources, TargetDate: g.TargetDate, SuccessMeasure: g.SuccessMeasure, Status: g.Status})
	}
	body, err := yaml.Marshal(rf)
	if err != nil {
		return nil, err
	}
	head := "# A draft review kept by reflect. Carry on with 'reflect review RECORD' (it offers this draft),\n" +
		"# or finish it here and use it with 'reflect review RECORD --file THIS' after adding: confirm: true\n"
	return append([]byte(head), body...), nil
}
