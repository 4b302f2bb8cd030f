// Command pullpolicy-oracle reads Kubernetes manifests the way `kubectl apply -f`
// does, with the real Go libraries (Debian's packages: go-yaml v2.4.0,
// sigs.k8s.io/yaml, golang.org/x/text, the Go standard library), and prints, per
// input, every document kubectl decodes: its JSON, or the error that stops kubectl.
//
// It is this project's differential oracle for crates/pullpolicy/src/read.rs
// (see README.md). The stream cutting is written here after reading
// k8s.io/apimachinery pkg/util/yaml/decoder.go (v0.32.0, v0.33.0, v0.34.0+) and
// k8s.io/cli-runtime pkg/resource/visitor.go (FileVisitor, StreamVisitor): those
// are not packaged, their rules are short.
//
// Protocol (batch mode, the default): standard input holds records
// `u32 little-endian length N | u8 dialect | N bytes of input`; dialect 32 is
// Kubernetes <= 1.32 (JSON streams are JSON only), 33 is 1.33 (a JSON failure
// falls back to YAML; its stream accounting can panic), 34 is >= 1.34 (the same
// fallback, fixed). For each record one line is written to standard output: a JSON
// array with one entry per decoded document, in order:
//
//	{"src":"json"|"yaml","json":"<the document's JSON, as a string>","skip":true|false}
//	{"stage":"stream"|"yaml"|"convert"|"marshal"|"panic","error":"<text>"}
//
// An error entry is always the last one: kubectl stops there. "json" is what the
// document decodes to, printed by encoding/json.Marshal (sorted keys; JSON
// streams are decoded with UseNumber so numbers keep their text). "skip" is true
// when kubectl skips the document (empty, or null). With `-one DIALECT` the
// program reads one input from standard input instead and prints its line.
package main

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode"
	"unicode/utf8"

	metav1 "./metav1"
	"./own"
	v1 "./v1"

	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
	sigsjson "sigs.k8s.io/json"
	sigsyaml "sigs.k8s.io/yaml"
)

// entry is one line item of the output.
type entry struct {
	Src   string  `json:"src,omitempty"`
	JSON  *string `json:"json,omitempty"`
	Skip  bool    `json:"skip,omitempty"`
	Stage string  `json:"stage,omitempty"`
	Error string  `json:"error,omitempty"`
	// TypeError: for a document of a kind v1.New knows, what the API server's decoder
	// (sigs.k8s.io/json into the Go types) answers: "" when it decodes.
	TypeError *string `json:"typeError,omitempty"`
	// StrictError: for such a document without a type error, the strict decoder's
	// unknown fields, joined by ", " as the API server's strict decoding error joins
	// them; "" when none.
	StrictError string `json:"strictError,omitempty"`
}

// raw stands for runtime.RawExtension: what cli-runtime's StreamVisitor decodes
// each document into. Its UnmarshalJSON keeps the bytes, except for `null`.
type raw struct {
	bytes []byte
}

func (r *raw) UnmarshalJSON(in []byte) error {
	if !bytes.Equal(in, []byte("null")) {
		r.bytes = append(r.bytes[0:0], in...)
	}
	return nil
}

func main() {
	one := flag.Int("one", 0, "read one input from stdin with this dialect (32, 33, 34)")
	names := flag.Bool("names", false, "check names instead: each line [\"label\"|\"subdomain\", \"characters\"|\"bytes\", value]")
	values := flag.Bool("values", false, "print bad values instead: each line [\"labels\"|\"selector\", JSON]")
	flag.Parse()
	out := bufio.NewWriterSize(os.Stdout, 1<<16)
	defer out.Flush()
	if *names {
		checkNames(out)
		return
	}
	if *values {
		printValues(out)
		return
	}
	if *one != 0 {
		input, err := io.ReadAll(os.Stdin)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		writeLine(out, run(input, *one))
		return
	}
	in := bufio.NewReaderSize(os.Stdin, 1<<16)
	var header [5]byte
	for {
		if _, err := io.ReadFull(in, header[:]); err != nil {
			if err == io.EOF {
				return
			}
			fmt.Fprintln(os.Stderr, "oracle: bad record header:", err)
			os.Exit(2)
		}
		n := binary.LittleEndian.Uint32(header[:4])
		input := make([]byte, n)
		if _, err := io.ReadFull(in, input); err != nil {
			fmt.Fprintln(os.Stderr, "oracle: short record:", err)
			os.Exit(2)
		}
		writeLine(out, run(input, int(header[4])))
		// The reader on the other side waits for each line.
		out.Flush()
	}
}

func writeLine(out *bufio.Writer, entries []entry) {
	if entries == nil {
		entries = []entry{}
	}
	line, err := json.Marshal(entries)
	if err != nil {
		line, _ = json.Marshal([]entry{{Stage: "oracle", Error: err.Error()}})
	}
	out.Write(line)
	out.WriteByte('\n')
}

// run is FileVisitor.Visit + StreamVisitor.Visit for one input.
func run(input []byte, dialect int) (entries []entry) {
	defer func() {
		if p := recover(); p != nil {
			entries = append(entries, entry{Stage: "panic", Error: fmt.Sprint(p)})
		}
	}()
	// FileVisitor: a UTF-8 or UTF-16 byte order mark picks the encoding and is
	// dropped; anything else is read as UTF-8 with invalid bytes replaced.
	text := transform.NewReader(bytes.NewReader(input), xunicode.BOMOverride(xunicode.UTF8.NewDecoder()))
	var next func() (src string, doc []byte, stage string, err error)
	switch dialect {
	case 32:
		next = newDecoder132(text)
	case 33, 34:
		next = newDecoderFallback(text, dialect == 33)
	default:
		return []entry{{Stage: "oracle", Error: fmt.Sprintf("unknown dialect %d", dialect)}}
	}
	for {
		src, doc, stage, err := next()
		if err == io.EOF {
			return entries
		}
		if err != nil {
			return append(entries, entry{Stage: stage, Error: err.Error()})
		}
		trimmed := bytes.TrimSpace(doc)
		skip := len(trimmed) == 0 || bytes.Equal(trimmed, []byte("null"))
		canonical, cerr := canonicalJSON(src, trimmed)
		if cerr != nil {
			return append(entries, entry{Stage: "oracle", Error: cerr.Error()})
		}
		text := string(canonical)
		e := entry{Src: src, JSON: &text, Skip: skip}
		if !skip {
			e.TypeError, e.StrictError = typeError(canonical)
		}
		entries = append(entries, e)
	}
}

// typeError decodes a document of one of the typed kinds into its Go types, the way
// the API server's decoder does (sigs.k8s.io/json, case-sensitive, the first type
// error kept), after kubectl's own changes to the object's metadata before it sends
// it: `kubectl apply` keeps the annotations only when every value is a string
// (Unstructured.GetAnnotations, GetModifiedConfiguration), a namespace that is not a
// string is replaced by the default one, and a name that is not a string is not
// sent as such (kubectl stops earlier; left out here). nil for other documents; the
// strict decoder's unknown fields (sigs.k8s.io/json's UnmarshalStrict with
// DisallowUnknownFields, reported only when there is no type error) second.
func typeError(doc []byte) (*string, string) {
	var object map[string]interface{}
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber() // numbers are sent with their text
	if dec.Decode(&object) != nil {
		return nil, ""
	}
	apiVersion, _ := object["apiVersion"].(string)
	kind, _ := object["kind"].(string)
	target := v1.New(apiVersion, kind)
	if target == nil {
		return nil, ""
	}
	if meta, ok := object["metadata"].(map[string]interface{}); ok {
		if annotations, ok := meta["annotations"].(map[string]interface{}); ok {
			for _, v := range annotations {
				if _, ok := v.(string); !ok && v != nil {
					meta["annotations"] = map[string]interface{}{}
					break
				}
			}
		} else if meta["annotations"] != nil {
			meta["annotations"] = map[string]interface{}{}
		}
		if _, ok := meta["namespace"].(string); !ok && meta["namespace"] != nil {
			meta["namespace"] = "default"
		}
		if _, ok := meta["name"].(string); !ok {
			delete(meta, "name")
		}
	}
	sent, err := json.Marshal(object)
	if err != nil {
		return nil, ""
	}
	msg := ""
	strictErrs, err := sigsjson.UnmarshalStrict(sent, target, sigsjson.DisallowUnknownFields)
	if err != nil {
		msg = err.Error()
	}
	unknown := make([]string, 0, len(strictErrs))
	for _, e := range strictErrs {
		unknown = append(unknown, e.Error())
	}
	return &msg, strings.Join(unknown, ", ")
}

// canonicalJSON prints a document's JSON as encoding/json.Marshal does: YAML
// documents already are (sigs.k8s.io/yaml marshals them); a JSON document is
// decoded with UseNumber (numbers keep their text) and marshalled again.
func canonicalJSON(src string, doc []byte) (json.RawMessage, error) {
	if len(doc) == 0 {
		return json.RawMessage("null"), nil
	}
	if src == "yaml" {
		return json.RawMessage(doc), nil
	}
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	var v interface{}
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	out, err := json.Marshal(v)
	return json.RawMessage(out), err
}

// yamlDoc decodes one YAML chunk as YAMLToJSONDecoder.Decode does (sigs.k8s.io/yaml
// Unmarshal into a RawExtension), and says which stage an error comes from.
func yamlDoc(chunk []byte) ([]byte, string, error) {
	var r raw
	if err := sigsyaml.Unmarshal(chunk, &r); err != nil {
		msg := err.Error()
		stage := "yaml"
		switch {
		case strings.Contains(msg, "map key of type"):
			stage = "convert"
		case strings.HasPrefix(msg, "error converting YAML to JSON: json: "):
			stage = "marshal"
		}
		return nil, stage, err
	}
	if r.bytes == nil {
		return []byte("null"), "", nil
	}
	return r.bytes, "", nil
}

// isJSONBuffer: the first non-space (unicode.IsSpace) bytes of the first 4096 are `{`.
func isJSONBuffer(peek []byte) bool {
	return bytes.HasPrefix(bytes.TrimLeftFunc(peek, unicode.IsSpace), []byte("{"))
}

// newDecoder132 is YAMLOrJSONDecoder up to apimachinery v0.32 (Kubernetes 1.32):
// a stream that looks like JSON is read by encoding/json only.
func newDecoder132(r io.Reader) func() (string, []byte, string, error) {
	buffered := bufio.NewReaderSize(r, 4096)
	peek, _ := buffered.Peek(4096)
	if isJSONBuffer(peek) {
		dec := json.NewDecoder(buffered)
		return func() (string, []byte, string, error) {
			var doc raw
			err := dec.Decode(&doc)
			if err == nil {
				return "json", nullIfNil(doc.bytes), "", nil
			}
			var syntax *json.SyntaxError
			if errors.As(err, &syntax) {
				err = fmt.Errorf("json: offset %d: %s", syntax.Offset, syntax.Error())
			}
			return "", nil, "stream", err
		}
	}
	chunks := newChunker(bufio.NewReader(buffered))
	return func() (string, []byte, string, error) {
		for {
			chunk, err := chunks.next()
			if err != nil && err != io.EOF {
				return "", nil, "stream", err
			}
			if len(chunk) != 0 {
				doc, stage, derr := yamlDoc(chunk)
				if derr != nil {
					return "", nil, stage, derr
				}
				return "yaml", doc, "", nil
			}
			if err == io.EOF {
				return "", nil, "", io.EOF
			}
		}
	}
}

func nullIfNil(b []byte) []byte {
	if b == nil {
		return []byte("null")
	}
	return b
}

// chunker is YAMLReader over LineReader: lines (bufio ReadLine: without "\n" or
// "\r\n", then "\n" added), cut at lines that start with "---".
type chunker struct {
	lines *bufio.Reader
	read  int // bytes of chunks returned (YAMLToJSONDecoder.InputOffset)
}

func newChunker(r *bufio.Reader) *chunker {
	return &chunker{lines: r}
}

func (c *chunker) line() ([]byte, error) {
	var buf bytes.Buffer
	for {
		part, more, err := c.lines.ReadLine()
		buf.Write(part)
		if err != nil || !more {
			buf.WriteByte('\n')
			return buf.Bytes(), err
		}
	}
}

// next returns the next chunk; an empty chunk with io.EOF at the end.
func (c *chunker) next() ([]byte, error) {
	var chunk bytes.Buffer
	for {
		line, err := c.line()
		if err != nil && err != io.EOF {
			return nil, err
		}
		if bytes.HasPrefix(line, []byte("---")) {
			rest := strings.TrimSpace(string(line[3:]))
			if len(rest) > 0 && rest[0] != '#' {
				return nil, fmt.Errorf("invalid Yaml document separator: %s", rest)
			}
			if chunk.Len() != 0 {
				c.read += chunk.Len()
				return chunk.Bytes(), nil
			}
			if err == io.EOF {
				return nil, err
			}
		}
		if err == io.EOF {
			c.read += chunk.Len()
			return chunk.Bytes(), err
		}
		chunk.Write(line)
	}
}

// stream is apimachinery's StreamReader (v0.33+): everything read is kept from the
// first byte not yet consumed, so a reader can go back to it.
type stream struct {
	src      io.Reader
	buf      []byte
	head     int
	consumed int
}

func (s *stream) Read(p []byte) (int, error) {
	if s.head < len(s.buf) {
		n := copy(p, s.buf[s.head:])
		s.head += n
		return n, nil
	}
	if s.src == nil {
		return 0, io.EOF
	}
	n, err := s.src.Read(p)
	if n > 0 {
		s.buf = append(s.buf, p[:n]...)
		s.head += n
	}
	if err == io.EOF {
		s.src = nil
	}
	return n, err
}

func (s *stream) readN(want int) ([]byte, error) {
	out := make([]byte, want)
	got := 0
	for got < want {
		n, err := s.Read(out[got:])
		if err != nil {
			return out[:got+n], err
		}
		got += n
	}
	return out, nil
}

func (s *stream) back(n int) {
	if n > s.head {
		n = s.head
	}
	s.head -= n
}

func (s *stream) consume(n int) {
	if n > len(s.buf) {
		n = len(s.buf)
	}
	// As in apimachinery: a negative n slices out of range and panics.
	s.buf = s.buf[n:]
	s.head -= n
	s.consumed += n
}

// newDecoderFallback is YAMLOrJSONDecoder from apimachinery v0.33 (buggy133: its
// consumption accounting, which v0.34 fixed) on: JSON first; when JSON fails with
// at most one object read, the rest is read as YAML (the JSON error is reported if
// YAML fails too).
func newDecoderFallback(r io.Reader, buggy133 bool) func() (string, []byte, string, error) {
	s := &stream{src: r, buf: make([]byte, 0, 4096)}
	peek, _ := s.readN(4096)
	s.back(len(peek))
	var (
		jsonDec                    *json.Decoder
		yamlDec                    *chunker
		count                      int
		jsonConsumed, yamlConsumed int
	)
	if isJSONBuffer(peek) {
		jsonDec = json.NewDecoder(s)
	} else {
		yamlDec = newChunker(bufio.NewReader(s))
	}
	// skipSpace eats white space up to and including the first newline; an error
	// (fewer than 4 bytes left, or not UTF-8) means no YAML decoder.
	skipSpace := func() error {
		eaten := 0
		for {
			buf, err := s.readN(4)
			if err == io.EOF {
				return err
			}
			ch, size := utf8.DecodeRune(buf)
			if ch == utf8.RuneError || size == 0 {
				return fmt.Errorf("invalid utf8 rune")
			}
			s.back(len(buf) - size)
			if !unicode.IsSpace(ch) {
				s.back(size)
				s.consume(eaten)
				return nil
			}
			if !buggy133 {
				eaten += size
			}
			if ch == '\n' {
				s.consume(eaten)
				return nil
			}
		}
	}
	return func() (string, []byte, string, error) {
		var firstErr error
		if jsonDec != nil {
			var doc raw
			err := jsonDec.Decode(&doc)
			if err == nil {
				count++
				if buggy133 {
					s.consume(int(jsonDec.InputOffset()) - s.consumed)
				} else {
					n := int(jsonDec.InputOffset()) - jsonConsumed
					s.consume(n)
					jsonConsumed += n
				}
				return "json", nullIfNil(doc.bytes), "", nil
			}
			if err == io.EOF {
				return "", nil, "", err
			}
			var syntax *json.SyntaxError
			if errors.As(err, &syntax) {
				firstErr = fmt.Errorf("json: offset %d: %s", syntax.Offset, syntax.Error())
			} else {
				firstErr = err
			}
			if count > 1 {
				return "", nil, "stream", err
			}
			s.head = 0
			if skipSpace() == nil {
				yamlDec = newChunker(bufio.NewReader(s))
			}
			jsonDec = nil
		}
		if yamlDec != nil {
			for {
				chunk, err := yamlDec.next()
				if err != nil && err != io.EOF {
					if firstErr != nil {
						return "", nil, "stream", firstErr
					}
					return "", nil, "stream", err
				}
				if len(chunk) != 0 {
					doc, stage, derr := yamlDoc(chunk)
					if derr != nil {
						if firstErr != nil {
							return "", nil, "stream", firstErr
						}
						return "", nil, stage, derr
					}
					count++
					if buggy133 {
						s.consume(yamlDec.read - s.consumed)
					} else {
						n := yamlDec.read - yamlConsumed
						s.consume(n)
						yamlConsumed += n
					}
					return "yaml", doc, "", nil
				}
				if err == io.EOF {
					return "", nil, "", io.EOF
				}
			}
		}
		if firstErr != nil {
			return "", nil, "stream", firstErr
		}
		return "", nil, "stream", fmt.Errorf("decoding failed as both JSON and YAML")
	}
}

// answerLines reads standard input a line at a time, each a JSON array of strings, and
// writes answer's result for it as a line of JSON, flushed at once (the tests wait for
// each answer before they ask again).
func answerLines(out *bufio.Writer, what string, answer func(ask []string) interface{}) {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<26)
	for in.Scan() {
		var ask []string
		if err := json.Unmarshal(in.Bytes(), &ask); err != nil {
			fmt.Fprintln(os.Stderr, "oracle: bad", what, "line:", err)
			os.Exit(2)
		}
		line, _ := json.Marshal(answer(ask))
		out.Write(line)
		out.WriteByte('\n')
		out.Flush()
	}
}

func fail(words ...interface{}) {
	fmt.Fprintln(os.Stderr, append([]interface{}{"oracle:"}, words...)...)
	os.Exit(2)
}

// checkNames answers each line, a JSON array [format, unit, value], with the JSON array
// of what apimachinery finds wrong with the value (own.IsDNS1123Label or
// own.IsDNS1123Subdomain; [] when nothing).
func checkNames(out *bufio.Writer) {
	answerLines(out, "names", func(ask []string) interface{} {
		if len(ask) != 3 {
			fail("a names line has 3 strings")
		}
		switch ask[0] {
		case "label":
			return own.IsDNS1123Label(ask[2], ask[1])
		case "subdomain":
			return own.IsDNS1123Subdomain(ask[2], ask[1])
		}
		fail("unknown name format", ask[0])
		return nil
	})
}

// printValues answers each line ["labels"|"selector", JSON] with [up to 1.33, from 1.34]:
// the JSON decoded as the API server decodes it (sigs.k8s.io/json, case-sensitive)
// into a map[string]string (a pod template's labels) or a *metav1.LabelSelector (a
// workload's selector), then printed as field.Error.ErrorBody prints a bad value.
func printValues(out *bufio.Writer) {
	answerLines(out, "values", func(ask []string) interface{} {
		if len(ask) != 2 {
			fail("a values line has 2 strings")
		}
		var value interface{}
		var err error
		switch ask[0] {
		case "labels":
			var labels map[string]string
			err = sigsjson.UnmarshalCaseSensitivePreserveInts([]byte(ask[1]), &labels)
			value = labels
		case "selector":
			var selector *metav1.LabelSelector
			err = sigsjson.UnmarshalCaseSensitivePreserveInts([]byte(ask[1]), &selector)
			value = selector
		default:
			fail("unknown value kind", ask[0])
		}
		if err != nil {
			fail("cannot decode", ask[1], err)
		}
		return [2]string{own.BadValue133(value), own.BadValue134(value)}
	})
}
