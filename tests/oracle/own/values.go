package own

// How apimachinery's field.Error.ErrorBody prints a bad value (pkg/util/validation/field
// errors.go), written here after reading it: up to v0.33 (Kubernetes 1.33) a pointer is
// dereferenced (nil prints "null", itself %q-quoted as a string), numbers and booleans
// print with %v, strings with %q, a fmt.Stringer with String, anything else with %#v;
// from v0.34.0 numbers, booleans and strings print the same, anything else with
// encoding/json.Marshal (a Stringer, then %#v, only when Marshal fails). Go's fmt and
// encoding/json decide the rest.

import (
	"encoding/json"
	"fmt"
	"reflect"
)

func BadValue133(value interface{}) string {
	valueType := reflect.TypeOf(value)
	if value == nil || valueType == nil {
		value = "null"
	} else if valueType.Kind() == reflect.Ptr {
		if reflectValue := reflect.ValueOf(value); reflectValue.IsNil() {
			value = "null"
		} else {
			value = reflectValue.Elem().Interface()
		}
	}
	switch t := value.(type) {
	case int64, int32, float64, float32, bool:
		return fmt.Sprintf("%v", value)
	case string:
		return fmt.Sprintf("%q", t)
	case fmt.Stringer:
		return t.String()
	default:
		return fmt.Sprintf("%#v", value)
	}
}

func BadValue134(value interface{}) string {
	switch t := value.(type) {
	case int64, int32, float64, float32, bool:
		return fmt.Sprintf("%v", t)
	case string:
		return fmt.Sprintf("%q", t)
	default:
		if jb, err := json.Marshal(value); err == nil {
			return string(jb)
		} else if stringer, ok := value.(fmt.Stringer); ok {
			return stringer.String()
		}
		return fmt.Sprintf("%#v", value)
	}
}
