#!/usr/bin/env python3
"""Generate crates/pullpolicy/src/versions/served.rs: the built-in group/version/kinds that
the API server of each Kubernetes release serves by default (what kubectl's discovery REST
mapper can map).

Input: the same kubernetes-validate schemas as gen_fields.py (which calls this module, so
`cargo xtask gen-fields [--check]` regenerates and checks both files). Every definition's
`x-kubernetes-group-version-kind` in kubernetes-json-schema/v1.NN.0-local-strict/_definitions.json
names a kind the release's API server *can* serve: the schemas are generated from an OpenAPI
document with every API enabled, alpha and beta included. What a server serves *by default*
is narrower, and is decided here:

* alpha versions are never served by default (`alphaAPIGroupVersionsDisabledByDefault`,
  kubernetes/kubernetes pkg/controlplane/instance.go);
* beta versions are not served by default since Kubernetes 1.24 (KEP-3136 "Beta APIs off by
  default"; the unit test `TestNewBetaResourcesEnabledByDefault` in
  pkg/controlplane/instance_test.go fails for any beta resource enabled by default outside a
  frozen legacy list), except the legacy resources of LEGACY_BETA below;
* kinds served only as subresources (SUBRESOURCE_ONLY) are not mapped: client-go's
  `NewDiscoveryRESTMapper` skips every resource whose name contains a `/`;
* meta types (`io.k8s.apimachinery.pkg.apis.meta.v1.*`: DeleteOptions, WatchEvent, Status)
  are registered in every group/version for the wire protocol, not served as resources.

Removed APIs (kubernetes.io "Deprecated API Migration Guide": extensions/v1beta1, apps/v1beta1
and apps/v1beta2 workloads, batch/v1beta1 CronJob, policy/v1beta1, autoscaling/v2beta1 and
v2beta2, flowcontrol v1beta1/v1beta2/v1beta3, ...) are absent from the schemas of the releases
that no longer serve them, so they need no rule.

`<Kind>List` kinds are left out: the REST mapper derives `<Kind>List` from every served kind
(and `List` from every served group/version) itself.

Usage (normally through gen_fields.py):
    python3 scripts/gen_served.py --package-dir DIR [--check]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "crates" / "pullpolicy" / "src" / "versions" / "served.rs"

# Beta resources enabled by default although beta (`legacyBetaEnabledByDefaultResources`),
# read in pkg/controlplane/instance.go of Kubernetes 1.28 (kevinhehc/k8s-1.28 @ 6b3b6f0e:
# flowcontrol v1beta2 "remove in 1.29" and v1beta3 "deprecate in 1.29, remove in 1.32") and of
# a 1.30-era master (kubernetes/kubernetes @ 0138c828: v1beta3 only). Each is served in the
# releases whose schema still has it; the schemas end v1beta2 at 1.28 and v1beta3 at 1.31.
LEGACY_BETA = {
    ("flowcontrol.apiserver.k8s.io", "v1beta2"),
    ("flowcontrol.apiserver.k8s.io", "v1beta3"),
}

# Kinds the API server serves only as subresources, which the discovery REST mapper never
# maps: pods/eviction (policy/v1 Eviction), <workload>/scale (autoscaling/v1 Scale) and
# serviceaccounts/token (authentication.k8s.io/v1 TokenRequest). (core v1 Binding is both
# pods/binding and the top-level `bindings` resource, so it is mapped.)
SUBRESOURCE_ONLY = {
    ("policy", "v1", "Eviction"),
    ("autoscaling", "v1", "Scale"),
    ("authentication.k8s.io", "v1", "TokenRequest"),
}

META = "io.k8s.apimachinery.pkg.apis.meta.v1."


class GenError(Exception):
    pass


def stability(version: str) -> str:
    if "alpha" in version:
        return "alpha"
    if "beta" in version:
        return "beta"
    return "stable"


def collect(schema_root: Path, minors: range) -> dict:
    """Groups, served (group, version, kind) -> minors, and the beta/alpha versions left out."""
    groups: set[str] = set()
    served: dict[tuple[str, str, str], set[int]] = {}
    off: dict[tuple[str, str], set[int]] = {}
    excluded_seen: set[tuple[str, str, str]] = set()
    for minor in minors:
        path = schema_root / f"v1.{minor}.0-local-strict" / "_definitions.json"
        with path.open(encoding="utf-8") as fh:
            defs = json.load(fh)["$defs"]
        gvks: set[tuple[str, str, str]] = set()
        for name, d in defs.items():
            for gvk in d.get("x-kubernetes-group-version-kind", []):
                group, version, kind = gvk["group"], gvk["version"], gvk["kind"]
                groups.add(group)
                if not name.startswith(META):
                    gvks.add((group, version, kind))
        for group, version, kind in gvks:
            if kind.endswith("List") and (group, version, kind[: -len("List")]) in gvks:
                continue  # derived by the REST mapper from the kind
            if (group, version, kind) in SUBRESOURCE_ONLY:
                excluded_seen.add((group, version, kind))
                continue
            if stability(version) == "stable" or (group, version) in LEGACY_BETA:
                served.setdefault((group, version, kind), set()).add(minor)
            else:
                off.setdefault((group, version), set()).add(minor)
    if not served:
        raise GenError("no served kinds found")
    stale = SUBRESOURCE_ONLY - excluded_seen
    if stale:
        raise GenError(f"SUBRESOURCE_ONLY names kinds no schema has: {sorted(stale)}")
    return {"groups": sorted(groups), "served": served, "off": off}


def span(minors: set[int]) -> str:
    ms = sorted(minors)
    if ms == list(range(ms[0], ms[-1] + 1)):
        return f"1.{ms[0]}" if ms[0] == ms[-1] else f"1.{ms[0]}–1.{ms[-1]}"
    return ", ".join(f"1.{m}" for m in ms)


def version_key(version: str) -> tuple:
    """Kubernetes' version priority (GA before beta before alpha, higher numbers first),
    as `version.CompareKubeAwareVersionStrings` orders them."""
    m = re.fullmatch(r"v(\d+)(?:(alpha|beta)(\d+))?", version)
    if not m:
        return (3, version)
    major, pre, n = int(m.group(1)), m.group(2), int(m.group(3) or 0)
    rank = {None: 0, "beta": 1, "alpha": 2}[pre]
    return (rank, -major, -n)


def render(data: dict, minors: range, header: str) -> str:
    groups: list[str] = data["groups"]
    served: dict = data["served"]
    off: dict = data["off"]
    versions = sorted({v for _, v, _ in served}, key=version_key)
    kinds = sorted({k for _, _, k in served})
    if len(groups) > 255 or len(versions) > 255 or len(kinds) > 255:
        raise GenError("more than 255 groups, versions or kinds: widen the indices")
    if len(minors) > 16:
        raise GenError("more than 16 releases: widen the bitsets")
    gi = {g: i for i, g in enumerate(groups)}
    vi = {v: i for i, v in enumerate(versions)}
    ki = {k: i for i, k in enumerate(kinds)}
    rows = sorted(served.items(), key=lambda kv: (gi[kv[0][0]], vi[kv[0][1]], kv[0][2]))

    out = [header]
    out.append("//! Beta group/versions in the schemas that are not served by default (KEP-3136):")
    for (g, v), ms in sorted(off.items(), key=lambda kv: (kv[0][0], version_key(kv[0][1]))):
        if stability(v) == "beta":
            out.append(f"//! `{g}/{v}` ({span(ms)}).")
    out.append("//! Beta group/versions served by default (legacy, `legacyBetaEnabledByDefaultResources`):")
    for (g, v) in sorted(LEGACY_BETA):
        ms = set().union(*[m for (gg, vv, _), m in served.items() if (gg, vv) == (g, v)] or [set()])
        out.append(f"//! `{g}/{v}` ({span(ms) if ms else 'none'}).")
    out.append("")
    out.append(f"/// The release of bit 0 of a row's bitset (1.{minors[0]}).")
    out.append(f"pub(super) const FIRST_MINOR: u8 = {minors[0]};")
    out.append(f"/// The release of the highest bit (1.{minors[-1]}).")
    out.append(f"pub(super) const LAST_MINOR: u8 = {minors[-1]};")
    out.append("")
    names = groups + versions + kinds
    blob = "".join(names)
    if len(blob) > 65535:
        raise GenError("names longer than 65535 bytes: widen the offsets")
    starts = []
    at = 0
    for n in names:
        starts.append(at)
        at += len(n)
    starts.append(at)
    out.append("/// Every name below, back to back (one string: no pointer per name in the binary).")
    out.append("pub(super) const NAMES: &str = concat!(")
    for n in names:
        out.append(f'    "{n}",')
    out.append(");")
    out.append("")

    def table(doc: str, const: str, first: int, count: int) -> None:
        out.append(doc)
        out.append(f"pub(super) const {const}: &[u16] = &[")
        row = []
        for i in range(first, first + count + 1):
            row.append(str(starts[i]))
        for j in range(0, len(row), 16):
            out.append("    " + ", ".join(row[j:j + 16]) + ",")
        out.append("];")
        out.append("")

    table("/// Where each API group Kubernetes itself defines in these releases starts in [`NAMES`]\n"
          "/// (`\"\"`, the core group, first; sorted; served by default or not), and where the last\n"
          "/// one ends.", "GROUPS", 0, len(groups))
    table("/// Where each version of a served kind starts in [`NAMES`], in Kubernetes' priority\n"
          "/// order (GA first), and where the last one ends.", "VERSIONS", len(groups), len(versions))
    table("/// Where each served kind's name starts in [`NAMES`] (sorted), and where the last one\n"
          "/// ends.", "KINDS", len(groups) + len(versions), len(kinds))
    out.append("/// (group, version, kind) indices into the tables above (each row's comment names them),")
    out.append("/// and the releases serving the kind by default as a bitset (bit `n`: Kubernetes")
    out.append("/// 1.(FIRST_MINOR + n)); sorted by group index, then version index, then kind name.")
    out.append("pub(super) const SERVED: &[(u8, u8, u8, u16)] = &[")
    for (g, v, k), ms in rows:
        mask = sum(1 << (m - minors[0]) for m in ms)
        out.append(f"    ({gi[g]}, {vi[v]}, {ki[k]}, 0b{mask:0{len(minors)}b}), // {g or 'core'}/{v} {k}")
    out.append("];")
    return "\n".join(out) + "\n"


def generate(schema_root: Path, minors: range, package: str) -> str:
    header = (
        f"// generated by scripts/gen_served.py (through scripts/gen_fields.py) from {package}; do not edit\n"
        f"// Kubernetes 1.{minors[0]} ..= 1.{minors[-1]}, x-kubernetes-group-version-kind of kubernetes-json-schema/v1.NN.0-local-strict/_definitions.json\n"
        "// Regenerate: cargo xtask gen-fields   Check: cargo xtask gen-fields --check\n"
        "\n"
        "//! The built-in group/version/kinds served by default, per release (rules: scripts/gen_served.py).\n"
        "//!"
    )
    return render(collect(schema_root, minors), minors, header)


def write_or_check(text: str, check: bool) -> int:
    rel = OUT.relative_to(REPO)
    current = OUT.read_text(encoding="utf-8") if OUT.exists() else None
    if check:
        if current != text:
            print(f"gen_served: {rel} is out of date; run cargo xtask gen-fields", file=sys.stderr)
            return 1
        print(f"gen_served: {rel} is up to date")
        return 0
    if current == text:
        print(f"gen_served: {rel} unchanged")
        return 0
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    print(f"gen_served: wrote {rel} ({len(text)} bytes)")
    return 0


def main() -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import gen_fields  # the pinned package, the releases

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--package-dir", type=Path, required=True)
    args = ap.parse_args()
    try:
        text = generate(args.package_dir / "kubernetes-json-schema", gen_fields.MINORS,
                        f"{gen_fields.PACKAGE} {gen_fields.PACKAGE_VERSION}")
    except (GenError, OSError, KeyError, ValueError) as e:
        print(f"gen_served: error: {e}", file=sys.stderr)
        return 2
    return write_or_check(text, args.check)


if __name__ == "__main__":
    sys.exit(main())
