package own

// The DNS name checks of k8s.io/apimachinery pkg/util/validation/validation.go
// (IsDNS1123Label, IsDNS1123Subdomain, MaxLenError, RegexError; byte-identical from
// v0.28.0 to v0.37.0-beta.0 and at eed236ce), written here after reading them, with
// the standard library's regexp deciding the formats as it does there. v0.35's
// validate/content package words the length error in bytes (its MaxLenError): unit.

import (
	"fmt"
	"regexp"
)

const dns1123LabelFmt = "[a-z0-9]([-a-z0-9]*[a-z0-9])?"
const dns1123LabelErrMsg = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character"
const dns1123SubdomainFmt = dns1123LabelFmt + "(\\." + dns1123LabelFmt + ")*"
const dns1123SubdomainErrorMsg = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character"

var dns1123LabelRegexp = regexp.MustCompile("^" + dns1123LabelFmt + "$")
var dns1123SubdomainRegexp = regexp.MustCompile("^" + dns1123SubdomainFmt + "$")

func maxLenError(length int, unit string) string {
	return fmt.Sprintf("must be no more than %d %s", length, unit)
}

func regexError(msg string, fmt string, examples ...string) string {
	if len(examples) == 0 {
		return msg + " (regex used for validation is '" + fmt + "')"
	}
	msg += " (e.g. "
	for i := range examples {
		if i > 0 {
			msg += " or "
		}
		msg += "'" + examples[i] + "', "
	}
	msg += "regex used for validation is '" + fmt + "')"
	return msg
}

// IsDNS1123Label: the length first, then the format ("must not contain dots" for a
// valid subdomain).
func IsDNS1123Label(value string, unit string) []string {
	errs := []string{}
	if len(value) > 63 {
		errs = append(errs, maxLenError(63, unit))
	}
	if !dns1123LabelRegexp.MatchString(value) {
		if dns1123SubdomainRegexp.MatchString(value) {
			errs = append(errs, "must not contain dots")
		} else {
			errs = append(errs, regexError(dns1123LabelErrMsg, dns1123LabelFmt, "my-name", "123-abc"))
		}
	}
	return errs
}

// IsDNS1123Subdomain: the length first, then the format.
func IsDNS1123Subdomain(value string, unit string) []string {
	errs := []string{}
	if len(value) > 253 {
		errs = append(errs, maxLenError(253, unit))
	}
	if !dns1123SubdomainRegexp.MatchString(value) {
		errs = append(errs, regexError(dns1123SubdomainErrorMsg, dns1123SubdomainFmt, "example.com"))
	}
	return errs
}
