// Package own stands for the two types with their own UnmarshalJSON whose errors the
// core models (crates/pullpolicy/src/gotypes.rs and quantity.rs). Debian does not
// package k8s.io/apimachinery, so they are written here after reading it at eed236ce
// (pkg/util/intstr/intstr.go; pkg/api/resource/quantity.go: UnmarshalJSON,
// ParseQuantity, parseQuantityString; suffix.go; gopkg.in/inf.v0's Dec.SetString),
// keeping what they accept and the errors they return, not the values. The JSON
// decoder that calls them, and the standard library's json.Unmarshal that
// IntOrString calls, are the real ones.
package own

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"
)

// IntOrString reads a JSON string as a string and anything else as an int32, with
// the standard library's decoder (the JSON decoder around it adds the field to the
// error on its way out).
type IntOrString struct {
	str string
	num int32
}

func (v *IntOrString) UnmarshalJSON(value []byte) error {
	if value[0] == '"' {
		return json.Unmarshal(value, &v.str)
	}
	return json.Unmarshal(value, &v.num)
}

// Quantity is a resource quantity: only whether it parses is kept.
type Quantity struct{}

var (
	errFormatWrong = errors.New("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")
	errNumeric     = errors.New("unable to parse numeric part of quantity")
	errSuffix      = errors.New("unable to parse quantity's suffix")
)

func (q *Quantity) UnmarshalJSON(value []byte) error {
	n := len(value)
	if n == 4 && string(value) == "null" {
		return nil
	}
	if n >= 2 && value[0] == '"' && value[n-1] == '"' {
		value = value[1 : n-1]
	}
	return parseQuantity(strings.TrimSpace(string(value)))
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// scan splits a quantity as parseQuantityString does: the number's text (sign,
// digits, point, digits), its integer digits without leading zeros ("0" when none),
// its fraction digits, and the suffix.
func scan(str string) (value, num, denom, suffix string, err error) {
	i, end := 0, len(str)
	if i < end && (str[i] == '-' || str[i] == '+') {
		i++
	}
	for i < end && str[i] == '0' {
		i++
	}
	if i == end {
		return "0", "0", "", "", nil
	}
	start := i
	for i < end && isDigit(str[i]) {
		i++
	}
	num = str[start:i]
	if i == end {
		return str, num, "", "", nil
	}
	if num == "" {
		num = "0"
	}
	if str[i] == '.' {
		i++
		from := i
		for i < end && isDigit(str[i]) {
			i++
		}
		denom = str[from:i]
		if i == end {
			return str, num, denom, "", nil
		}
	}
	value = str[:i]
	from := i
	for i < end && strings.IndexByte("eEinumkKMGTP", str[i]) >= 0 {
		i++
	}
	if i < end && (str[i] == '-' || str[i] == '+') {
		i++
	}
	for i < end && isDigit(str[i]) {
		i++
	}
	if i < end {
		return "", "", "", "", errFormatWrong
	}
	return value, num, denom, str[from:], nil
}

// interpret is quantitySuffixer.interpret: the base and exponent of a suffix.
func interpret(s string) (base, exponent int32, ok bool) {
	switch s {
	case "":
		return 10, 0, true
	case "n":
		return 10, -9, true
	case "u":
		return 10, -6, true
	case "m":
		return 10, -3, true
	case "k":
		return 10, 3, true
	case "M":
		return 10, 6, true
	case "G":
		return 10, 9, true
	case "T":
		return 10, 12, true
	case "P":
		return 10, 15, true
	case "E":
		return 10, 18, true
	case "Ki":
		return 2, 10, true
	case "Mi":
		return 2, 20, true
	case "Gi":
		return 2, 30, true
	case "Ti":
		return 2, 40, true
	case "Pi":
		return 2, 50, true
	case "Ei":
		return 2, 60, true
	}
	if len(s) > 1 && (s[0] == 'e' || s[0] == 'E') {
		n, err := strconv.ParseInt(s[1:], 10, 64)
		if err != nil {
			return 0, 0, false
		}
		return 10, int32(n), true
	}
	return 0, 0, false
}

// parseQuantity is ParseQuantity's outcome.
func parseQuantity(str string) error {
	if str == "" {
		return errFormatWrong
	}
	if str == "0" {
		return nil
	}
	value, num, denom, suffix, err := scan(str)
	if err != nil {
		return err
	}
	base, exponent, ok := interpret(suffix)
	if !ok {
		return errSuffix
	}
	var precision, scale int32
	mantissa := int64(1)
	switch {
	case base == 10:
		scale = exponent
		precision = 18 - int32(len(num)+len(denom))
	case exponent >= 0 && len(denom) == 0:
		mantissa = mantissa << uint64(exponent)
		precision = 15 - int32(len(num)) - int32(float32(exponent)*3/10) - 1
	default:
		precision = -1
	}
	if precision >= 0 {
		scale -= int32(len(denom))
		if scale >= -9 {
			n, err := strconv.ParseInt(num+denom, 10, 64)
			if err != nil {
				return errNumeric
			}
			if n == 0 || (n*mantissa)/mantissa == n {
				return nil
			}
			// The product overflows: the slow path reads the number.
		}
	}
	if !decimalText(value) {
		return errNumeric
	}
	return nil
}

// decimalText is whether inf.Dec's SetString reads all of s: a sign first, at most
// one point, and at least one digit.
func decimalText(s string) bool {
	digits, point := false, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case (c == '+' || c == '-') && i == 0:
		case c == '.' && !point:
			point = true
		case isDigit(c):
			digits = true
		default:
			return false
		}
	}
	return digits
}
