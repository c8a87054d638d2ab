package record

import (
	"go.yaml.in/yaml/v3"

	"github.com/reflect-cpd/reflect/internal/yamlx"
)

// MaxReviewFileSize is the largest review file read.
const MaxReviewFileSize = 1 << 20

// ReviewFile is the YAML file a supervisor can write instead of answering
// prompts (`reflect review RECORD --file review.yaml`). Its JSON Schema is
// frameworks/review.schema.json; testdata/review-example.yaml is an example.
type ReviewFile struct {
	Reviewer    ReviewFileReviewer `yaml:"reviewer" req:"true"`
	Date        string             `yaml:"date"`
	Confirm     bool               `yaml:"confirm"`
	Comments    string             `yaml:"comments"`
	Needs       []ReviewFileNeed   `yaml:"needs"`
	Ratings     yamlx.OrderedInts  `yaml:"ratings"`
	Plan        string             `yaml:"plan" req:"true"`
	AmendedPlan []ReviewFileGoal   `yaml:"amended_plan"`
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

// ParseReviewFile decodes a review file strictly. Every problem comes with
// file:line:col. The returned review still has to go through NewReview,
// which checks it against the record.
func ParseReviewFile(file string, data []byte) (Review, bool, error) {
	root, probs := yamlx.Parse(file, data, yamlx.Limits{MaxBytes: MaxReviewFileSize, MaxNodes: 100_000})
	if len(probs) > 0 {
		return Review{}, false, probs
	}
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
		return Review{}, false, d.Problems
	}
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
	return rev, rf.Confirm, nil
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
