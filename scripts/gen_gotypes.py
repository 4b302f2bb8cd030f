#!/usr/bin/env python3
"""Generate crates/pullpolicy/src/gotypes/generated.rs: the Go struct types the API server decodes into.

The Rust core uses the table to reproduce Go encoding/json type errors such as
`json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32`.

Two steps:

    python3 scripts/gen_gotypes.py extract --api DIR --apimachinery DIR
        Parse the Go sources of k8s.io/api and k8s.io/apimachinery (git dirs, read
        with `git show HEAD:...`; no work tree needed) and write
        scripts/data/go-types.tsv: every struct reachable from the top-level kinds,
        with embedded structs flattened, pointers stripped and every field's type
        classified.  The TSV is checked in, so CI never needs the Go sources.

    python3 scripts/gen_gotypes.py [--check] [--package-dir DIR]
        Read the TSV, add each field's Kubernetes minor-version range from the
        JSON schemas of kubernetes-validate (as scripts/gen_fields.py does) and
        write (--check: exit 1 if a checked-in file differs):
        - crates/pullpolicy/src/gotypes/generated.rs, the core's table as two
          compact texts (types, structs) it reads once;
        - tests/oracle/{v1,v1alpha3,types}/zz_generated.go, the Go oracle's
          stand-ins: the same package and type names, kinds and fields (1.37's),
          which sigs.k8s.io/json decodes into to print the real type errors;
        - crates/pullpolicy/tests/fixtures/read/go-types.tsv, test vectors: a value
          of the wrong JSON kind at every field (tests/read_oracle.rs).
        `cargo xtask gen-gotypes [--check]` runs it.

TSV format (tab separated; lines starting with `# ` are comments):

    @repo    <module path>  <commit>
    @kind    <apiVersion>   <Kind>   <struct id>
    @struct  <struct id>    <printed Go name>   <OpenAPI definition name>
    @opaque  <type id>      <reason>
    <struct id>  <json name>  <Go type as written>  <type>  <embedding path or ->

A struct id is `<import path>.<TypeName>`.  <type> is the classification, in
Rust-like syntax with struct ids in Struct(...):
    Str(printed) Int(printed,bits) Uint(printed,bits) Float(printed,bits) Bool(printed)
    Bytes Struct(id) Slice(printed,elem) Map(printed,value) Quantity IntOrString Opaque Any
`printed` is Go's reflect Type.String() of the (pointer-stripped) type. Quantity and
IntOrString are the two types with their own UnmarshalJSON the core models (OWN_DECODERS);
the others are Opaque.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent
sys.path.insert(0, str(SCRIPTS))
import gen_fields  # noqa: E402  (install_package, PACKAGE, PACKAGE_VERSION, MINORS)

REPO = SCRIPTS.parent
TSV = SCRIPTS / "data" / "go-types.tsv"
OUT = REPO / "crates" / "pullpolicy" / "src" / "gotypes" / "generated.rs"
MINORS = gen_fields.MINORS
NEVER = (MINORS[-1] + 1, 0)  # a field in the Go source but in no schema: unknown to the checker

# Follow the `status` field of the top-level kinds.  When False, the status
# structs are left out and the kinds' `status` field is typed Opaque.
FOLLOW_STATUS = True

API = "k8s.io/api"
APIMACHINERY = "k8s.io/apimachinery"

# import path -> (module, directory inside the module's repository)
PACKAGES = {
    "k8s.io/api/core/v1": (API, "core/v1"),
    "k8s.io/api/apps/v1": (API, "apps/v1"),
    "k8s.io/api/batch/v1": (API, "batch/v1"),
    # JobSpec.scheduling (alpha, after 1.37) refers to it
    "k8s.io/api/scheduling/v1alpha3": (API, "scheduling/v1alpha3"),
    "k8s.io/apimachinery/pkg/apis/meta/v1": (APIMACHINERY, "pkg/apis/meta/v1"),
    "k8s.io/apimachinery/pkg/util/intstr": (APIMACHINERY, "pkg/util/intstr"),
    "k8s.io/apimachinery/pkg/api/resource": (APIMACHINERY, "pkg/api/resource"),
    "k8s.io/apimachinery/pkg/types": (APIMACHINERY, "pkg/types"),
    "k8s.io/apimachinery/pkg/runtime": (APIMACHINERY, "pkg/runtime"),
}

# Top-level kinds: (apiVersion, Kind, import path of the Go package).
KINDS = [
    ("v1", "Pod", "k8s.io/api/core/v1"),
    ("v1", "PodTemplate", "k8s.io/api/core/v1"),
    ("v1", "ReplicationController", "k8s.io/api/core/v1"),
    ("apps/v1", "Deployment", "k8s.io/api/apps/v1"),
    ("apps/v1", "ReplicaSet", "k8s.io/api/apps/v1"),
    ("apps/v1", "StatefulSet", "k8s.io/api/apps/v1"),
    ("apps/v1", "DaemonSet", "k8s.io/api/apps/v1"),
    ("batch/v1", "Job", "k8s.io/api/batch/v1"),
    ("batch/v1", "CronJob", "k8s.io/api/batch/v1"),
]

# Types from packages that are not parsed: (import path, name) -> classification.
EXTERNAL = {
    ("time", "Time"): "Opaque",  # has UnmarshalJSON
    ("encoding/json", "RawMessage"): "Any",
}

# Types with their own UnmarshalJSON whose errors the core models (src/gotypes.rs,
# src/quantity.rs) and the oracle's stand-ins reproduce (tests/oracle/own): type id -> kind.
OWN_DECODERS = {
    "k8s.io/apimachinery/pkg/api/resource.Quantity": "Quantity",
    "k8s.io/apimachinery/pkg/util/intstr.IntOrString": "IntOrString",
}

BASIC_INT = {"int": 64, "int8": 8, "int16": 16, "int32": 32, "int64": 64, "rune": 32}
BASIC_UINT = {"uint": 64, "uint8": 8, "uint16": 16, "uint32": 32, "uint64": 64, "uintptr": 64, "byte": 8}
BASIC_FLOAT = {"float32": 32, "float64": 64}
BASIC_PRINTED = {"byte": "uint8", "rune": "int32"}


class GenError(Exception):
    pass


# --------------------------------------------------------------------------------------------
# Go lexer / parser (just enough for type declarations)
# --------------------------------------------------------------------------------------------

TOKEN_RE = re.compile(
    r"""
    (?P<ws>[ \t\r]+)
  | (?P<nl>\n)
  | (?P<lcomment>//[^\n]*)
  | (?P<bcomment>/\*.*?\*/)
  | (?P<raw>`[^`]*`)
  | (?P<str>"(?:[^"\\\n]|\\.)*")
  | (?P<rune>'(?:[^'\\\n]|\\.[^']*)')
  | (?P<ident>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<num>\.?[0-9][0-9A-Za-z_.]*(?:[eEpP][+-][0-9_]+)?)
  | (?P<op>\.\.\.|<<=|>>=|&\^=|&&|\|\||<-|\+\+|--|==|!=|<=|>=|:=|<<|>>|&\^|[-+*/%&|^]=|[-+*/%&|^<>=!~(){}\[\],;.:])
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass
class Tok:
    kind: str  # ident, num, str, raw, rune, op, ;
    text: str
    line: int


def tokenize(src: str, where: str) -> list[Tok]:
    toks: list[Tok] = []
    pos, line = 0, 1

    def need_semi() -> bool:
        if not toks:
            return False
        t = toks[-1]
        if t.kind in ("num", "str", "raw", "rune"):
            return True
        if t.kind == "ident":
            return True  # keywords other than the four below never end a line
        return t.text in (")", "]", "}", "++", "--")

    while pos < len(src):
        m = TOKEN_RE.match(src, pos)
        if not m:
            raise GenError(f"{where}:{line}: cannot tokenize {src[pos:pos + 20]!r}")
        kind = m.lastgroup
        text = m.group()
        pos = m.end()
        if kind == "ws" or kind == "lcomment":
            continue
        if kind == "nl" or (kind == "bcomment" and "\n" in text):
            if need_semi():
                toks.append(Tok(";", ";", line))
            line += text.count("\n")
            continue
        if kind == "bcomment":
            continue
        if kind == "op" and text == ";":
            toks.append(Tok(";", ";", line))
            continue
        if kind == "raw":
            line += text.count("\n")
        toks.append(Tok(kind, text, line))
    if need_semi():
        toks.append(Tok(";", ";", line))
    return toks


# Type expressions
@dataclass(frozen=True)
class TName:  # possibly qualified name
    pkg: str | None  # import alias as written, None for unqualified
    name: str


@dataclass(frozen=True)
class TPtr:
    elem: object


@dataclass(frozen=True)
class TSlice:
    elem: object


@dataclass(frozen=True)
class TArray:
    length: str
    elem: object


@dataclass(frozen=True)
class TMap:
    key: object
    value: object


@dataclass(frozen=True)
class TStruct:
    fields: tuple  # of GoField


@dataclass(frozen=True)
class TOther:  # interface, func, chan, generic instantiation, ...
    what: str


@dataclass(frozen=True)
class GoField:
    names: tuple  # () for an embedded field
    type: object
    tag: str | None
    line: int


def type_text(t) -> str:
    """The type as written in the source (for the TSV's review column)."""
    if isinstance(t, TName):
        return f"{t.pkg}.{t.name}" if t.pkg else t.name
    if isinstance(t, TPtr):
        return "*" + type_text(t.elem)
    if isinstance(t, TSlice):
        return "[]" + type_text(t.elem)
    if isinstance(t, TArray):
        return f"[{t.length}]" + type_text(t.elem)
    if isinstance(t, TMap):
        return f"map[{type_text(t.key)}]{type_text(t.value)}"
    if isinstance(t, TStruct):
        return "struct{...}"
    return t.what


class Parser:
    def __init__(self, toks: list[Tok], where: str):
        self.toks = toks
        self.i = 0
        self.where = where

    def peek(self, k: int = 0) -> Tok | None:
        j = self.i + k
        return self.toks[j] if j < len(self.toks) else None

    def next(self) -> Tok:
        t = self.peek()
        if t is None:
            raise GenError(f"{self.where}: unexpected end of file")
        self.i += 1
        return t

    def err(self, msg: str) -> GenError:
        t = self.peek()
        return GenError(f"{self.where}:{t.line if t else '?'}: {msg} (at {t.text if t else 'EOF'!r})")

    def expect(self, text: str) -> Tok:
        t = self.next()
        if t.text != text:
            self.i -= 1
            raise self.err(f"expected {text!r}")
        return t

    def skip_balanced(self) -> None:
        """Skip one bracketed group starting at the current ( [ or {."""
        pairs = {"(": ")", "[": "]", "{": "}"}
        stack = [pairs[self.next().text]]
        while stack:
            t = self.next()
            if t.kind == "op" and t.text in pairs:
                stack.append(pairs[t.text])
            elif t.kind == "op" and t.text in (")", "]", "}"):
                if t.text != stack.pop():
                    raise self.err("unbalanced brackets")

    def skip_to_semi(self) -> None:
        """Skip to just past the next ; at bracket depth 0."""
        while True:
            t = self.peek()
            if t is None:
                return
            if t.kind == "op" and t.text in ("(", "[", "{"):
                self.skip_balanced()
                continue
            self.i += 1
            if t.kind == ";":
                return

    def parse_type(self):
        t = self.next()
        if t.text == "*":
            return TPtr(self.parse_type())
        if t.text == "[":
            if self.peek().text == "]":
                self.next()
                return TSlice(self.parse_type())
            length = []
            while self.peek().text != "]":
                length.append(self.next().text)
            self.next()
            return TArray("".join(length), self.parse_type())
        if t.text == "(":
            inner = self.parse_type()
            self.expect(")")
            return inner
        if t.kind == "ident":
            if t.text == "map":
                self.expect("[")
                key = self.parse_type()
                self.expect("]")
                return TMap(key, self.parse_type())
            if t.text == "struct":
                return TStruct(self.parse_struct_body())
            if t.text == "interface":
                start = self.i
                self.skip_balanced()
                body = [x.text for x in self.toks[start + 1:self.i - 1] if x.kind != ";"]
                return TOther("interface {}" if not body else "interface{...}")
            if t.text == "func":
                self.skip_balanced()  # parameters
                nxt = self.peek()
                if nxt is not None and nxt.text == "(":
                    self.skip_balanced()
                elif nxt is not None and nxt.kind != ";" and nxt.text not in (")", "]", "}", ",") and nxt.kind != "str" and nxt.kind != "raw":
                    self.parse_type()
                return TOther("func")
            if t.text == "chan":
                if self.peek().text == "<-":
                    self.next()
                self.parse_type()
                return TOther("chan")
            name = TName(None, t.text)
            if self.peek() is not None and self.peek().text == ".":
                self.next()
                name = TName(t.text, self.next().text)
            if self.peek() is not None and self.peek().text == "[":
                # generic instantiation (never inside the structs we read)
                self.skip_balanced()
                return TOther(f"generic {type_text(name)}")
            return name
        if t.text == "<-":
            self.expect("chan")
            self.parse_type()
            return TOther("chan")
        self.i -= 1
        raise self.err("cannot parse type")

    def parse_struct_body(self) -> tuple:
        self.expect("{")
        fields = []
        while True:
            t = self.peek()
            if t.text == "}":
                self.next()
                break
            if t.kind == ";":
                self.next()
                continue
            line = t.line
            # Embedded: [*] Name [. Name] [tag] ;   Named: Name {, Name} Type [tag] ;
            nxt = self.peek(1)
            embedded = t.text == "*" or (
                t.kind == "ident" and nxt is not None and (nxt.text == "." or nxt.kind in (";", "str", "raw") or nxt.text == "}")
            )
            if embedded:
                typ = self.parse_type()
                names: tuple = ()
            else:
                names_l = [self.next().text]
                while self.peek().text == ",":
                    self.next()
                    names_l.append(self.next().text)
                typ = self.parse_type()
                names = tuple(names_l)
            tag = None
            if self.peek().kind in ("str", "raw"):
                raw = self.next().text
                tag = raw[1:-1] if raw.startswith("`") else json.loads(raw)
            fields.append(GoField(names, typ, tag, line))
            if self.peek().kind == ";":
                self.next()
            elif self.peek().text != "}":
                raise self.err("expected ; or } after struct field")
        return tuple(fields)


@dataclass
class TypeDecl:
    pkg: str  # import path
    name: str
    where: str
    toks: list  # tokens of the type expression (parsed lazily)
    alias: bool
    imports: dict  # alias -> import path, of the declaring file
    _parsed: object = None

    def type(self):
        if self._parsed is None:
            p = Parser(self.toks, self.where)
            self._parsed = p.parse_type()
            if p.peek() is not None:
                raise p.err("trailing tokens after type")
        return self._parsed


@dataclass
class Package:
    path: str
    name: str = ""
    types: dict = field(default_factory=dict)  # name -> TypeDecl
    dup: set = field(default_factory=set)
    methods: dict = field(default_factory=dict)  # type name -> set of method names


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout



def specs(p, one) -> None:
    """A declaration's specs: one, or a parenthesized group of them (`import (…)`,
    `type (…)`), each read by `one`."""
    if p.peek().text != "(":
        one()
        return
    p.next()
    while p.peek().text != ")":
        if p.peek().kind == ";":
            p.next()
            continue
        one()
    p.next()

def parse_file(pkg: Package, src: str, where: str) -> None:
    toks = tokenize(src, where)
    p = Parser(toks, where)
    imports: dict[str, str] = {}
    decls: list[TypeDecl] = []
    while p.peek() is not None:
        t = p.next()
        if t.kind == ";":
            continue
        if t.text == "package":
            name = p.next().text
            if pkg.name and pkg.name != name:
                raise GenError(f"{where}: package {name}, expected {pkg.name}")
            pkg.name = name
            continue
        if t.text == "import":
            def one_import() -> None:
                alias = None
                if p.peek().kind != "str":
                    alias = p.next().text
                path = json.loads(p.next().text)
                imports[alias if alias else path.rsplit("/", 1)[-1]] = path

            specs(p, one_import)
            continue
        if t.text == "type":
            def one_spec() -> None:
                name = p.next().text
                tp = p.peek()
                # generic type parameters: [ident ident-or-constraint ...]
                if tp.text == "[" and p.peek(1).kind == "ident" and p.peek(2).text not in ("]",) and p.peek(2).text != ".":
                    p.skip_balanced()
                    generic = True
                else:
                    generic = False
                alias = False
                if p.peek().text == "=":
                    p.next()
                    alias = True
                start = p.i
                depth = 0
                while True:
                    x = p.peek()
                    if x is None:
                        break
                    if x.kind == "op" and x.text in ("(", "[", "{"):
                        depth += 1
                    elif x.kind == "op" and x.text in (")", "]", "}"):
                        if depth == 0:
                            break
                        depth -= 1
                    elif x.kind == ";" and depth == 0:
                        break
                    p.i += 1
                body = toks[start:p.i]
                if generic:
                    body = [Tok("ident", "generic", body[0].line if body else 0)]
                decls.append(TypeDecl(pkg.path, name, f"{where}:{t.line}", body, alias, imports))

            specs(p, one_spec)
            continue
        if t.text == "func":
            if p.peek().text == "(":
                # method: func (r *T) Name(
                start = p.i
                p.skip_balanced()
                recv = [x.text for x in toks[start + 1:p.i - 1]]
                recv = [x for x in recv if x not in ("*",)]
                # receiver is [name] Type[TypeParams]
                if "[" in recv:
                    recv = recv[:recv.index("[")]
                rtype = recv[-1]
                mname = p.next().text
                pkg.methods.setdefault(rtype, set()).add(mname)
            p.skip_to_semi()
            continue
        # const, var, anything else at top level
        p.i -= 1
        p.skip_to_semi()
    for d in decls:
        if d.name in pkg.types:
            pkg.dup.add(d.name)
        else:
            pkg.types[d.name] = d


def load_packages(repos: dict[str, Path]) -> dict[str, Package]:
    pkgs: dict[str, Package] = {}
    for path, (module, sub) in PACKAGES.items():
        repo = repos[module]
        pkg = Package(path)
        names = git(repo, "ls-tree", "--name-only", "HEAD", sub + "/").split("\n")
        for name in sorted(n for n in names if n.endswith(".go") and not n.endswith("_test.go")):
            src = git(repo, "show", f"HEAD:{name}")
            parse_file(pkg, src, f"{module}/{name}")
        if not pkg.name:
            raise GenError(f"{path}: no Go files")
        pkgs[path] = pkg
    return pkgs


# --------------------------------------------------------------------------------------------
# Classification (Go encoding/json semantics)
# --------------------------------------------------------------------------------------------

class Model:
    def __init__(self, pkgs: dict[str, Package]):
        self.pkgs = pkgs
        self.structs: dict[str, list] = {}  # struct id -> [(json, go_type_text, ty, via)]
        self.printed_names: dict[str, str] = {}  # struct id -> printed name
        self.opaque: dict[str, str] = {}  # type id -> reason
        self.queue: list[str] = []

    def decl(self, pkg_path: str, name: str) -> TypeDecl:
        pkg = self.pkgs[pkg_path]
        if name in pkg.dup:
            raise GenError(f"{pkg_path}.{name}: declared more than once (build tags?)")
        d = pkg.types.get(name)
        if d is None:
            raise GenError(f"{pkg_path}.{name}: no such type")
        return d

    def resolve(self, t: TName, ctx: TypeDecl) -> tuple[str | None, str]:
        """(import path, name) of a named type; import path None for predeclared types."""
        if t.pkg is None:
            if t.name in self.pkgs[ctx.pkg].types or t.name in self.pkgs[ctx.pkg].dup:
                return ctx.pkg, t.name
            return None, t.name
        path = ctx.imports.get(t.pkg)
        if path is None:
            raise GenError(f"{ctx.where}: unknown package {t.pkg}")
        return path, t.name

    def unmarshaler(self, pkg_path: str, name: str) -> str | None:
        ms = self.pkgs[pkg_path].methods.get(name, set())
        if "UnmarshalJSON" in ms:
            return "UnmarshalJSON"
        if "UnmarshalText" in ms:
            return "UnmarshalText"
        return None

    def struct_unmarshaler(self, pkg_path: str, name: str, seen=()) -> str | None:
        """UnmarshalJSON/UnmarshalText of a struct, including ones promoted from embedded fields."""
        own = self.unmarshaler(pkg_path, name)
        if own:
            return own
        d = self.decl(pkg_path, name)
        st = d.type()
        if not isinstance(st, TStruct):
            return None
        for f in st.fields:
            if f.names:
                continue
            et = f.type.elem if isinstance(f.type, TPtr) else f.type
            if not isinstance(et, TName):
                continue
            ep, en = self.resolve(et, d)
            if ep is None or (ep, en) in seen:
                continue
            if ep not in self.pkgs:
                if (ep, en) in EXTERNAL and EXTERNAL[(ep, en)] == "Opaque":
                    return f"UnmarshalJSON promoted from embedded {ep}.{en}"
                continue
            inner = self.struct_unmarshaler(ep, en, seen + ((pkg_path, name),))
            if inner:
                return f"{inner} (promoted from embedded {self.pkgs[ep].name}.{en})"
        return None

    def printed_name(self, pkg_path: str, name: str) -> str:
        return f"{self.pkgs[pkg_path].name}.{name}"

    def printed(self, t, ctx: TypeDecl) -> str:
        """reflect Type.String() of a type expression (pointers kept)."""
        if isinstance(t, TName):
            p, n = self.resolve(t, ctx)
            if p is None:
                return BASIC_PRINTED.get(n, n)
            if p in self.pkgs:
                return self.printed_name(p, n)
            return f"{p.rsplit('/', 1)[-1]}.{n}"
        if isinstance(t, TPtr):
            return "*" + self.printed(t.elem, ctx)
        if isinstance(t, TSlice):
            return "[]" + self.printed(t.elem, ctx)
        if isinstance(t, TArray):
            return f"[{t.length}]" + self.printed(t.elem, ctx)
        if isinstance(t, TMap):
            return f"map[{self.printed(t.key, ctx)}]{self.printed(t.value, ctx)}"
        if isinstance(t, TOther) and t.what == "interface {}":
            return "interface {}"
        raise GenError(f"{ctx.where}: cannot print type {type_text(t)}")

    def classify(self, t, ctx: TypeDecl, printed: str | None = None) -> str:
        """Classification string of a type expression; pointers stripped."""
        while isinstance(t, TPtr):
            t = t.elem
        if printed is None:
            printed = self.printed(t, ctx)
        if isinstance(t, TName):
            p, n = self.resolve(t, ctx)
            if p is None:
                if n == "string":
                    return f"Str({printed})"
                if n == "bool":
                    return f"Bool({printed})"
                if n in BASIC_INT:
                    return f"Int({printed},{BASIC_INT[n]})"
                if n in BASIC_UINT:
                    return f"Uint({printed},{BASIC_UINT[n]})"
                if n in BASIC_FLOAT:
                    return f"Float({printed},{BASIC_FLOAT[n]})"
                if n in ("any",):
                    return "Any"
                raise GenError(f"{ctx.where}: predeclared type {n} not supported")
            if p not in self.pkgs:
                ext = EXTERNAL.get((p, n))
                if ext is None:
                    raise GenError(f"{ctx.where}: type {p}.{n} from a package that is not read; add it to PACKAGES or EXTERNAL")
                if ext == "Opaque":
                    self.opaque.setdefault(f"{p}.{n}", "UnmarshalJSON (standard library)")
                return ext
            tid = f"{p}.{n}"
            um = self.unmarshaler(p, n)
            if um:  # checked first: a type declared per build tag (FieldsV1) has one set of methods
                self.opaque.setdefault(tid, um)
                return OWN_DECODERS.get(tid, "Opaque")
            d = self.decl(p, n)
            if d.alias:
                return self.classify(d.type(), d, printed=None)
            under = d.type()
            if isinstance(under, TStruct):
                um = self.struct_unmarshaler(p, n)
                if um:
                    self.opaque.setdefault(tid, um)
                    return "Opaque"
                self.want_struct(p, n)
                return f"Struct({tid})"
            um = self.unmarshaler(p, n)
            if um:
                self.opaque.setdefault(tid, um)
                return "Opaque"
            # a defined non-struct type: same kind as its underlying type, printed by its own name
            # (methods are not inherited from the underlying named type)
            if isinstance(under, TName):
                up, un = self.resolve(under, d)
                if up is not None and up in self.pkgs and isinstance(self.decl(up, un).type(), TStruct):
                    # type X Y with Y a struct: X has Y's fields, not its methods
                    raise GenError(f"{tid}: defined from struct {up}.{un}; not supported")
            return self.classify(under, d, printed=printed)
        if isinstance(t, TSlice):
            elem = t.elem
            while isinstance(elem, TPtr):
                elem = elem.elem
            if isinstance(elem, TName):
                ep, en = self.resolve(elem, ctx)
                if ep is None and en in ("byte", "uint8"):
                    return "Bytes"
                if ep in self.pkgs:
                    ed = self.decl(ep, en)
                    if isinstance(ed.type(), TName) and ed.type().pkg is None and ed.type().name in ("byte", "uint8"):
                        if not self.unmarshaler(ep, en):
                            raise GenError(f"{ctx.where}: slice of named byte type {ep}.{en}: not supported")
            return f"Slice({printed},{self.classify(t.elem, ctx)})"
        if isinstance(t, TMap):
            return f"Map({printed},{self.classify(t.value, ctx)})"
        if isinstance(t, TOther) and t.what == "interface {}":
            return "Any"
        raise GenError(f"{ctx.where}: cannot classify type {type_text(t)}")

    def want_struct(self, p: str, n: str) -> None:
        tid = f"{p}.{n}"
        if tid not in self.printed_names:
            self.printed_names[tid] = self.printed_name(p, n)
            self.queue.append(tid)

    def fields_of(self, p: str, n: str) -> list:
        """Go's typeFields: the JSON fields of a struct with embedded structs flattened."""
        # candidates: (name, depth, tagged, index path, go field, decl, via)
        cands = []
        current = [((p, n), (), "")]
        visited: set = set()
        depth = 0
        while current:
            nxt = []
            for (sp, sn), index, via in current:
                if (sp, sn) in visited:
                    continue
                visited.add((sp, sn))
                d = self.decl(sp, sn)
                st = d.type()
                if not isinstance(st, TStruct):
                    raise GenError(f"{sp}.{sn}: not a struct")
                for i, f in enumerate(st.fields):
                    tag = None
                    if f.tag is not None:
                        m = re.search(r'(?:^|\s)json:"([^"]*)"', f.tag)
                        tag = m.group(1) if m else None
                    if tag == "-":
                        continue
                    tag_name = tag.split(",")[0] if tag is not None else ""
                    if f.names:
                        for name in f.names:
                            if not name[0].isupper():
                                continue
                            cands.append((tag_name or name, depth, bool(tag_name), index + (i,), f, d, via))
                        continue
                    # embedded field
                    et = f.type.elem if isinstance(f.type, TPtr) else f.type
                    if not isinstance(et, TName):
                        raise GenError(f"{d.where}: embedded {type_text(f.type)}")
                    ep, en = self.resolve(et, d)
                    exported = en[0].isupper()
                    is_struct = ep in self.pkgs and isinstance(self.decl(ep, en).type(), TStruct)
                    if not tag_name and is_struct:
                        nxt.append(((ep, en), index + (i,), f"{via}{en}." if via else f"{en}."))
                        continue
                    if not exported and not is_struct:
                        continue
                    cands.append((tag_name or en, depth, bool(tag_name), index + (i,), f, d, via))
            current = nxt
            depth += 1
        # dominant field per name
        by_name: dict[str, list] = {}
        for c in cands:
            by_name.setdefault(c[0], []).append(c)
        out = []
        for name, cs in by_name.items():
            dmin = min(c[1] for c in cs)
            cs = [c for c in cs if c[1] == dmin]
            if len(cs) > 1:
                tagged = [c for c in cs if c[2]]
                if len(tagged) != 1:
                    raise GenError(f"{p}.{n}: JSON field {name!r} is ambiguous (Go would drop it); not supported")
                cs = tagged
            out.append(cs[0])
        return out

    def run(self, roots: list[tuple[str, str]]) -> None:
        for p, n in roots:
            self.want_struct(p, n)
        while self.queue:
            tid = self.queue.pop(0)
            p, n = tid.rsplit(".", 1)
            rows = []
            for name, _depth, _tagged, _index, f, d, via in self.fields_of(p, n):
                ty = self.classify(f.type, d)
                rows.append((name, type_text(f.type), ty, via.rstrip(".") or "-"))
            self.structs[tid] = sorted(rows, key=lambda r: r[0].encode())


def openapi_name(tid: str) -> str:
    path, name = tid.rsplit(".", 1)
    if not path.startswith("k8s.io/"):
        raise GenError(f"{tid}: no OpenAPI name")
    return "io.k8s." + path[len("k8s.io/"):].replace("/", ".") + "." + name


def extract(api: Path, apimachinery: Path) -> str:
    repos = {API: api, APIMACHINERY: apimachinery}
    commits = {m: git(r, "rev-parse", "HEAD").strip() for m, r in repos.items()}
    pkgs = load_packages(repos)
    model = Model(pkgs)
    model.run([(p, k) for _, k, p in KINDS])
    printed_seen: dict[str, str] = {}
    for tid, pr in model.printed_names.items():
        if pr in printed_seen:
            raise GenError(f"printed name {pr} of {tid} and {printed_seen[pr]}")
        printed_seen[pr] = tid
    lines = [
        "# Go struct types the Kubernetes API server decodes manifests into; generated by",
        "# python3 scripts/gen_gotypes.py extract --api DIR --apimachinery DIR; do not edit.",
        f"# {API} {commits[API]}",
        f"# {APIMACHINERY} {commits[APIMACHINERY]}",
        "# Columns: struct id, JSON name, Go type as written, classification (pointers stripped), embedding path.",
    ]
    for m in (API, APIMACHINERY):
        lines.append(f"@repo\t{m}\t{commits[m]}")
    for api_version, kind, p in sorted(KINDS):
        lines.append(f"@kind\t{api_version}\t{kind}\t{p}.{kind}")
    for tid in sorted(model.opaque):
        lines.append(f"@opaque\t{tid}\t{model.opaque[tid]}")
    for tid in sorted(model.structs):
        lines.append(f"@struct\t{tid}\t{model.printed_names[tid]}\t{openapi_name(tid)}")
    for tid in sorted(model.structs):
        for name, written, ty, via in model.structs[tid]:
            for col in (name, written, ty, via):
                if "\t" in col or "\n" in col:
                    raise GenError(f"{tid}.{name}: tab or newline in a column")
            lines.append(f"{tid}\t{name}\t{written}\t{ty}\t{via}")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------------
# Generation
# --------------------------------------------------------------------------------------------

@dataclass
class Ty:
    kind: str
    printed: str | None = None
    bits: int | None = None
    ref: str | None = None  # struct id
    elem: "Ty | None" = None


def parse_ty(s: str, where: str) -> Ty:
    pos = 0

    def word() -> str:
        nonlocal pos
        m = re.compile(r"[^(),]+").match(s, pos)
        if not m:
            raise GenError(f"{where}: bad type {s!r} at {pos}")
        pos = m.end()
        return m.group()

    def eat(c: str) -> None:
        nonlocal pos
        if s[pos:pos + 1] != c:
            raise GenError(f"{where}: bad type {s!r}: expected {c!r} at {pos}")
        pos += 1

    def ty() -> Ty:
        kind = word()
        if kind in ("Bytes", "Opaque", "Any", "Quantity", "IntOrString"):
            return Ty(kind)
        eat("(")
        if kind in ("Str", "Bool"):
            out = Ty(kind, printed=word())
        elif kind in ("Int", "Uint", "Float"):
            pr = word()
            eat(",")
            out = Ty(kind, printed=pr, bits=int(word()))
        elif kind == "Struct":
            out = Ty(kind, ref=word())
        elif kind in ("Slice", "Map"):
            pr = word()
            eat(",")
            out = Ty(kind, printed=pr, elem=ty())
        else:
            raise GenError(f"{where}: unknown type kind {kind!r}")
        eat(")")
        return out

    out = ty()
    if pos != len(s):
        raise GenError(f"{where}: trailing text in type {s!r}")
    return out


def read_tsv(text: str):
    repos: dict[str, str] = {}
    kinds: list[tuple[str, str, str]] = []
    structs: dict[str, tuple[str, str]] = {}
    fields: dict[str, list[tuple[str, Ty]]] = {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        where = f"{TSV.name}:{n}"
        if cols[0] == "@repo":
            repos[cols[1]] = cols[2]
        elif cols[0] == "@kind":
            kinds.append((cols[1], cols[2], cols[3]))
        elif cols[0] == "@opaque":
            pass
        elif cols[0] == "@struct":
            structs[cols[1]] = (cols[2], cols[3])
        elif cols[0].startswith("@"):
            raise GenError(f"{where}: unknown row {cols[0]}")
        else:
            if len(cols) != 5:
                raise GenError(f"{where}: expected 5 columns")
            fields.setdefault(cols[0], []).append((cols[1], parse_ty(cols[3], where)))
    for tid in fields:
        fields[tid].sort(key=lambda f: f[0].encode())
        if tid not in structs:
            raise GenError(f"{tid}: fields but no @struct row")
    return repos, kinds, structs, fields


def reachable(kinds, fields, follow_status: bool, present=lambda tid, name: True) -> list[str]:
    """Struct ids reachable from the kinds, through fields that exist in some release."""
    roots = [tid for _, _, tid in kinds]
    seen = set()
    order = list(roots)

    def walk(t: Ty) -> None:
        if t.kind == "Struct":
            if t.ref not in seen:
                seen.add(t.ref)
                order.append(t.ref)
        elif t.elem is not None:
            walk(t.elem)

    seen.update(roots)
    i = 0
    while i < len(order):
        tid = order[i]
        i += 1
        for name, t in fields.get(tid, []):
            if not follow_status and tid in roots and name == "status":
                continue
            if not present(tid, name):
                continue  # in no release: unknown to the checker, which will not descend
            walk(t)
    return sorted(seen)


def schema_presence(schema_root: Path, structs: dict) -> tuple[dict, dict, dict]:
    """({definition: {field: [minors]}}, {definition: {(apiVersion, kind)}}, {definition: [minors]})."""
    wanted = {defn for _, defn in structs.values()}
    out: dict[str, dict[str, list[int]]] = {d: {} for d in wanted}
    gvks: dict[str, set] = {}
    defined: dict[str, list[int]] = {}
    for minor in MINORS:
        path = schema_root / f"v1.{minor}.0-local-strict" / "_definitions.json"
        with path.open(encoding="utf-8") as fh:
            defs = json.load(fh)["$defs"]
        for defn in wanted:
            d = defs.get(defn)
            if d is None:
                continue
            defined.setdefault(defn, []).append(minor)
            for name in d.get("properties", {}):
                out[defn].setdefault(name, []).append(minor)
            for gvk in d.get("x-kubernetes-group-version-kind", []):
                g, v, k = gvk["group"], gvk["version"], gvk["kind"]
                gvks.setdefault(defn, set()).add((f"{g}/{v}" if g else v, k))
    for defn in sorted(wanted):
        ms = defined.get(defn, [])
        if ms and ms != list(range(ms[0], ms[-1] + 1)):
            raise GenError(f"{defn}: defined in non-contiguous minors {ms}")
    return out, gvks, defined


def render(tsv_text: str, schema_root: Path, follow_status: bool = FOLLOW_STATUS, report: list | None = None) -> str:
    repos, kinds, structs, fields = read_tsv(tsv_text)
    presence, gvks, defined = schema_presence(schema_root, structs)
    notes = report if report is not None else []
    all_go = reachable(kinds, fields, True)
    no_status = reachable(kinds, fields, False)
    for label, ids in (("following status", all_go), ("not following status", no_status)):
        n = sum(len(fields.get(t, [])) for t in ids)
        notes.append(f"Go source, {label}: {len(ids)} structs, {n} fields")
    keep = reachable(kinds, fields, follow_status, lambda tid, name: name in presence[structs[tid][1]])
    for tid in sorted(set(all_go if follow_status else no_status) - set(keep)):
        notes.append(f"left out (reachable only through fields in no release): {structs[tid][0]} ({tid})")
    keep.sort(key=lambda tid: (structs[tid][0].encode(), tid.encode()))
    index = {tid: i for i, tid in enumerate(keep)}
    # The table as two texts the core reads once (a compact form: as Rust structs it
    # cost the playground 16 KB gzip, as text about 6 KB).
    #   TYPES, one per line:  s<printed> | i<printed> <bits> | b<printed> | t<struct>
    #                         | l<printed> <elem> | m<printed> <elem> | q | x | o
    #   STRUCTS, one per line: <go name>|<field>:<type>[:<lo><hi>];…  (minors 28..37 omitted)
    types: dict[str, int] = {}

    def ty_code(t: Ty) -> int:
        if t.kind == "Opaque" or (t.kind == "Struct" and t.ref not in index):
            code = "o"  # own UnmarshalJSON; or a struct not followed
        elif t.kind == "Quantity":
            code = "q"
        elif t.kind == "IntOrString":
            code = "x"
        elif t.kind == "Str":
            code = f"s{t.printed}"
        elif t.kind == "Bool":
            code = f"b{t.printed}"
        elif t.kind == "Int":
            code = f"i{t.printed} {t.bits}"
        elif t.kind == "Struct":
            code = f"t{index[t.ref]}"
        elif t.kind in ("Slice", "Map"):
            code = f"{'l' if t.kind == 'Slice' else 'm'}{t.printed} {ty_code(t.elem)}"
        else:
            raise GenError(f"the core's table has no {t.kind}")
        if code not in types:
            types[code] = len(types)
        return types[code]

    rows = []
    nfields = 0
    for tid in keep:
        go, defn = structs[tid]
        have = presence[defn]
        if defn not in defined:
            notes.append(f"no schema definition {defn} in any release")
        elif not have:
            notes.append(f"{defn}: no properties (an empty struct) in 1.{defined[defn][0]}..1.{defined[defn][-1]}")
        go_names = {name for name, _ in fields.get(tid, [])}
        for extra in sorted(set(have) - go_names):
            notes.append(f"{defn}.{extra}: in schemas {min(have[extra])}..{max(have[extra])} but not in the Go source")
        cells = []
        # A field the schemas have in some releases and the Go source no longer has
        # (PodSpec.workloadRef in 1.35 only, PodResourceClaim.source up to 1.30): known
        # in those releases, not looked into.
        extra = [(name, Ty("Opaque")) for name in sorted(set(have) - go_names)]
        for name, t in sorted(fields.get(tid, []) + extra, key=lambda f: f[0].encode()):
            minors = have.get(name)
            if minors:
                lo, hi = min(minors), max(minors)
                if minors != list(range(lo, hi + 1)):
                    raise GenError(f"{defn}.{name}: present in non-contiguous minors {minors}")
                rng = (lo, hi)
            else:
                rng = NEVER
                notes.append(f"{defn}.{name}: in the Go source but in no schema 1.{MINORS[0]}..1.{MINORS[-1]}")
            for c in ";:|\n\\\"":
                if c in name:
                    raise GenError(f"{defn}.{name}: a separator in a field name")
            cell = f"{name}:{ty_code(t)}"
            if rng != (MINORS[0], MINORS[-1]):
                cell += f":{rng[0]:02}{rng[1]:02}"
            cells.append(cell)
            nfields += 1
        rows.append(f"{go}|{';'.join(cells)}")
    lines = [
        f"// generated by scripts/gen_gotypes.py from scripts/data/go-types.tsv ({API} {repos[API]}, "
        f"{APIMACHINERY} {repos[APIMACHINERY]}) and {gen_fields.PACKAGE} {gen_fields.PACKAGE_VERSION}; do not edit",
        "// Regenerate: python3 scripts/gen_gotypes.py   Check: python3 scripts/gen_gotypes.py --check",
        "",
        "/// The Go types, one per line (see `gotypes::Table::parse`).",
        "pub(super) const TYPES: &str = \"\\",
    ]
    lines += [code + "\\n\\" for code in types]
    lines += ["\";", "", "/// The structs, sorted by Go name, one per line: `Ty::Struct(i)` is line i.",
              "pub(super) const STRUCTS: &str = \"\\"]
    lines += [row + "\\n\\" for row in rows]
    lines += ["\";", "", "/// The top-level kinds: (apiVersion, kind, struct).",
              "pub(super) const KINDS: &[(&str, &str, u16)] = &["]
    for api_version, kind, tid in sorted(kinds, key=lambda k: (k[0].encode(), k[1].encode())):
        defn = structs[tid][1]
        if gvks.get(defn) != {(api_version, kind)}:
            raise GenError(f"{defn}: schema group/version/kind {gvks.get(defn)} != {(api_version, kind)}")
        lines.append(f'    ("{api_version}", "{kind}", {index[tid]}),')
    lines.append("];")
    notes.append(f"{len(keep)} structs, {nfields} fields, {len(types)} types (follow status: {follow_status})")
    go_files = render_go(kinds, structs, fields, presence, keep, index)
    go_files[VECTORS] = render_vectors(kinds, structs, fields, presence, index)
    return "\n".join(lines) + "\n", go_files


VECTORS = REPO / "crates" / "pullpolicy" / "tests" / "fixtures" / "read" / "go-types.tsv"


def render_vectors(kinds, structs, fields, presence, index) -> str:
    """Inputs for the reader's Go oracle test: for every field of every struct (reached
    by its shortest path from a kind), a document with a value of the wrong JSON kind
    there; the oracle decodes it into the Go stand-ins, the core walks its table."""
    newest = MINORS[-1]
    wrong = {"Str": ["5", "true"], "Int": ['"5"', "1.5", "3000000000"], "Bool": ['"true"'],
             "Struct": ['"x"', "[]"], "Slice": ["{}", '"x"'], "Map": ["[]", "5"],
             "Quantity": ['"1GB"', "true", "{}", '"500mi"', '".e-10"', '" 1Gi "'],
             "IntOrString": ["true", "1.5", "3000000000", "[]", '"http"']}

    def wrap(steps, value: str) -> str:
        for field, how in reversed(steps):
            if how == "list":
                value = "[" + value + "]"
            elif how == "map":
                value = '{"k":' + value + "}"
            value = "{" + json.dumps(field) + ":" + value + "}"
        return value

    out = [
        "# generated by scripts/gen_gotypes.py from scripts/data/go-types.tsv; do not edit",
        "# A value of the wrong JSON kind at every field of the Go types (tests/read_oracle.rs",
        "# compares the core's type errors with the Go oracle's stand-ins): name<TAB>input.",
    ]
    done = set()
    for api_version, kind, root in sorted(kinds, key=lambda k: (k[0].encode(), k[1].encode())):
        head = f"apiVersion: {api_version}\\nkind: {kind}\\n"
        queue = [(root, [])]
        seen = {root}
        while queue:
            tid, steps = queue.pop(0)
            defn = structs[tid][1]
            live = [f for f, _ in fields.get(tid, []) if newest in presence[defn].get(f, [])]
            if live and (tid, "") not in done:
                # Unknown keys here: one in another case (the decoder is case-sensitive).
                done.add((tid, ""))
                probe = "{" + json.dumps(live[0][0].upper() + live[0][1:]) + ':1,"zz":{"a":1}}'
                if steps:
                    doc = wrap(steps, probe)
                    top, rest = doc[1:-1].split(":", 1)
                    line = f"{head}metadata: {{name: n}}\\n{json.loads(top)}: {rest}"
                    name = ".".join([kind] + [f for f, _ in steps]) + ".unknown"
                    out.append(f"{name}\t---\\n{line}\\n")
            for field, t in fields.get(tid, []):
                if newest not in presence[defn].get(field, []):
                    continue
                elem, how = t, "field"
                if t.kind in ("Slice", "Map") and t.elem.kind == "Struct":
                    elem, how = t.elem, "list" if t.kind == "Slice" else "map"
                if elem.kind == "Struct" and elem.ref in index and elem.ref not in seen:
                    seen.add(elem.ref)
                    queue.append((elem.ref, steps + [(field, how)]))
                if ((tid, field) in done and steps) or (not steps and field in ("apiVersion", "kind")):
                    continue
                done.add((tid, field))
                values = list(wrong.get(t.kind, []))
                if t.kind == "Slice" and t.elem.kind != "Opaque":
                    values.append("[" + wrong.get(t.elem.kind, ["5"])[0] + "]")
                if t.kind == "Map" and t.elem.kind != "Opaque":
                    values.append('{"k":' + wrong.get(t.elem.kind, ["5"])[0] + "}")
                for n, v in enumerate(values):
                    doc = wrap(steps + [(field, "field")], v)
                    body = doc[1:-1]  # the top-level mapping's entries, after the head
                    top, rest = body.split(":", 1)
                    named = "" if not steps and field == "metadata" else "metadata: {name: n}\\n"
                    line = f"{head}{named}{json.loads(top)}: {rest}"
                    name = ".".join([kind] + [f for f, _ in steps] + [field]) + f"#{n}"
                    out.append(f"{name}\t---\\n{line}\\n")
    # Several errors in one document: the first in the sorted JSON is the answer.
    out.append("Deployment.order#0\tapiVersion: apps/v1\\nkind: Deployment\\nspec: {template: {spec: {containers: [{name: 5}]}}, replicas: x}\\nmetadata: {name: n, labels: {a: 1}}\\n")
    out.append("Pod.unknown.order#0\tapiVersion: v1\\nkind: Pod\\nmetadata: {name: n, zz: 1}\\nspec: {zzz: 1, containers: [{name: a, bbb: 2, aaa: 1, ports: [{containerport: 80}]}], abc: 1}\\nstatus: {x: 1}\\n")
    out.append("Pod.order#0\tapiVersion: v1\\nkind: Pod\\nmetadata: {name: n}\\nspec: {volumes: x, containers: [{image: 5, args: [1]}, 7], hostPID: \"no\"}\\n")
    return "\n".join(out) + "\n"


GO_OUT = REPO / "tests" / "oracle"
GO_HEADER = (
    "// Code generated by scripts/gen_gotypes.py from scripts/data/go-types.tsv; DO NOT EDIT.\n"
    "//\n"
    "// Stand-ins for the Go types of k8s.io/api and apimachinery the API server decodes the\n"
    f"// analysed kinds into, with the fields of Kubernetes 1.{MINORS[-1]}: same package names,\n"
    "// type names and kinds, so that sigs.k8s.io/json reports the same type errors. Types\n"
    "// with their own UnmarshalJSON are own.Quantity and own.IntOrString (tests/oracle/own),\n"
    "// or Opaque (Time, FieldsV1), which accepts anything, as the core does not look into them.\n"
)


def render_go(kinds, structs, fields, presence, keep, index) -> dict:
    """The Go oracle's stand-in packages: {path: text}."""
    newest = MINORS[-1]
    decls: dict[str, dict[str, str]] = {}  # package -> type name -> declaration
    imports: dict[str, set] = {}

    def named(printed: str, pkg: str, underlying: str) -> str:
        p, n = printed.split(".")
        decls.setdefault(p, {}).setdefault(n, f"type {n} {underlying}")
        if p == pkg:
            return n
        imports.setdefault(pkg, set()).add(p)
        return f"{p}.{n}"

    def opaque(pkg: str) -> str:
        decls.setdefault(pkg, {}).setdefault(
            "Opaque",
            "// Opaque stands for a type with its own UnmarshalJSON.\n"
            "type Opaque struct{}\n\n"
            "func (*Opaque) UnmarshalJSON([]byte) error { return nil }",
        )
        return "Opaque"

    def basic(printed: str, pkg: str, underlying: str) -> str:
        return printed if "." not in printed else named(printed, pkg, underlying)

    def go_ty(t: Ty, pkg: str) -> str:
        if t.kind == "Opaque":
            return opaque(pkg)
        if t.kind in ("Quantity", "IntOrString"):
            imports.setdefault(pkg, set()).add("own")
            return f"own.{t.kind}"
        if t.kind == "Str":
            return basic(t.printed, pkg, "string")
        if t.kind == "Bool":
            return basic(t.printed, pkg, "bool")
        if t.kind == "Int":
            return basic(t.printed, pkg, f"int{t.bits}")
        if t.kind == "Struct":
            if t.ref not in index:
                return opaque(pkg)
            p, n = structs[t.ref][0].split(".")
            if p == pkg:
                return n
            imports.setdefault(pkg, set()).add(p)
            return f"{p}.{n}"
        if t.kind == "Slice":
            if t.printed.startswith("[]"):
                return "[]" + go_ty(t.elem, pkg)
            p = t.printed.split(".")[0]
            return named(t.printed, pkg, "[]" + go_ty(t.elem, p))
        if t.kind == "Map":
            if t.printed.startswith("map["):
                key = t.printed[len("map["):].split("]", 1)[0]
                return f"map[{basic(key, pkg, 'string')}]{go_ty(t.elem, pkg)}"
            p = t.printed.split(".")[0]
            return named(t.printed, pkg, f"map[string]{go_ty(t.elem, p)}")
        raise GenError(f"the Go stand-ins have no {t.kind}")

    bodies: dict[str, list[str]] = {}
    for tid in keep:
        go, defn = structs[tid]
        pkg, name = go.split(".")
        rows = []
        for i, (field, t) in enumerate(fields.get(tid, [])):
            if newest in presence[defn].get(field, []):
                rows.append((f"F{i}", go_ty(t, pkg), f'`json:"{field}"`'))
        # Aligned as gofmt aligns a block of fields.
        wn = max((len(r[0]) for r in rows), default=0)
        wt = max((len(r[1]) for r in rows), default=0)
        out = [f"type {name} struct {{"]
        out += [f"\t{n.ljust(wn)} {t.ljust(wt)} {tag}" for n, t, tag in rows]
        out.append("}")
        bodies.setdefault(pkg, []).append("\n".join(out))
    roots = ["// New is a value of the kind's Go type, nil for another kind.",
             "func New(apiVersion, kind string) interface{} {",
             "\tswitch apiVersion + \" \" + kind {"]
    for api_version, kind, tid in sorted(kinds, key=lambda k: (k[0].encode(), k[1].encode())):
        p, n = structs[tid][0].split(".")
        if p != "v1":
            raise GenError(f"{kind}: a kind outside package v1")
        roots += [f'\tcase "{api_version} {kind}":', f"\t\treturn &{n}{{}}"]
    roots += ["\t}", "\treturn nil", "}"]
    bodies.setdefault("v1", []).insert(0, "\n".join(roots))
    files = {}
    for pkg in sorted(set(bodies) | set(decls)):
        parts = [GO_HEADER, f"package {pkg}\n"]
        if imports.get(pkg):
            parts.append("import (\n" + "".join(f'\t"../{i}"\n' for i in sorted(imports[pkg])) + ")\n")
        parts += [decls[pkg][n] + "\n" for n in sorted(decls.get(pkg, {}))]
        parts += [b + "\n" for b in bodies.get(pkg, [])]
        files[GO_OUT / pkg / "zz_generated.go"] = "\n".join(parts)
    return files


def with_schemas(package_dir: Path | None, fn):
    if package_dir is not None:
        return fn(package_dir / "kubernetes-json-schema")
    with tempfile.TemporaryDirectory(prefix="gen_gotypes-") as tmp:
        pkg = gen_fields.install_package(Path(tmp))
        return fn(pkg / "kubernetes-json-schema")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd")
    ex = sub.add_parser("extract", help="parse the Go sources and write scripts/data/go-types.tsv")
    ex.add_argument("--api", type=Path, required=True, help="git dir of k8s.io/api")
    ex.add_argument("--apimachinery", type=Path, required=True, help="git dir of k8s.io/apimachinery")
    ap.add_argument("--check", action="store_true", help="exit 1 if the checked-in file differs")
    ap.add_argument("--package-dir", type=Path, help="use an installed kubernetes_validate package directory")
    ap.add_argument("--report", action="store_true", help="print notes (schema mismatches, counts) to stderr")
    args = ap.parse_args()
    try:
        if args.cmd == "extract":
            text = extract(args.api, args.apimachinery)
            TSV.parent.mkdir(parents=True, exist_ok=True)
            with TSV.open("w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
            print(f"gen_gotypes: wrote {TSV.relative_to(REPO)} ({len(text)} bytes)")
            return 0
        notes: list[str] = []
        tsv_text = TSV.read_text(encoding="utf-8")
        text, go_files = with_schemas(args.package_dir, lambda root: render(tsv_text, root, FOLLOW_STATUS, notes))
    except (GenError, gen_fields.GenError, subprocess.CalledProcessError, OSError, KeyError, ValueError) as e:
        print(f"gen_gotypes: error: {e}", file=sys.stderr)
        return 2
    if args.report:
        for n in notes:
            print(f"gen_gotypes: {n}", file=sys.stderr)
    outputs = {OUT: text, **go_files}
    stale = [p for p, t in outputs.items() if (p.read_text(encoding="utf-8") if p.exists() else None) != t]
    if args.check:
        for p in stale:
            print(f"gen_gotypes: {p.relative_to(REPO)} is out of date; run python3 scripts/gen_gotypes.py", file=sys.stderr)
        if stale:
            return 1
        print(f"gen_gotypes: {len(outputs)} generated files are up to date")
        return 0
    for p in stale:
        p.parent.mkdir(parents=True, exist_ok=True)
        with p.open("w", encoding="utf-8", newline="\n") as fh:
            fh.write(outputs[p])
        print(f"gen_gotypes: wrote {p.relative_to(REPO)} ({len(outputs[p])} bytes)")
    if not stale:
        print("gen_gotypes: unchanged")
    return 0


if __name__ == "__main__":
    sys.exit(main())
