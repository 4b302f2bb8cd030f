// Package v1 holds a stand-in for apimachinery's metav1.LabelSelector (pkg/apis/meta/v1
// types.go): the same package name, type names, field names, kinds and JSON tags, so
// that Go's %#v and encoding/json print it as the API server does. The real type's
// String method (generated.pb.go) has a pointer receiver: field.Error.ErrorBody
// dereferences the pointer before printing, so the value it prints has no String
// method, as here.
package v1

type LabelSelector struct {
	MatchLabels      map[string]string          `json:"matchLabels,omitempty"`
	MatchExpressions []LabelSelectorRequirement `json:"matchExpressions,omitempty"`
}

type LabelSelectorRequirement struct {
	Key      string                `json:"key"`
	Operator LabelSelectorOperator `json:"operator"`
	Values   []string              `json:"values,omitempty"`
}

type LabelSelectorOperator string
