#!/usr/bin/env bash
# Benchmark (not a test) of the command line on a 2,000-workload stream (~1.2 MB):
#
#   1. pullpolicy explain --format json            (the CLI, profile `cli`)
#   2. the parse floor: serde_yaml into Value      (crates/pullpolicy_cli/examples/yaml_floor.rs)
#   3. Checkov CKV_K8S_14 + CKV_K8S_15             (installed from PyPI into a throw-away venv)
#
# prints wall time (best of $RUNS; Checkov best of $CHECKOV_RUNS, it is slow) and peak
# RSS (/usr/bin/time -v, in a run of its own) of each, and the ratios. Targets (issue 7): within 1.5x of the parse floor, at least
# 250x faster than Checkov.
#
#   scripts/bench_cli.sh              # everything
#   SKIP_CHECKOV=1 scripts/bench_cli.sh
#   RUNS=10 WORKLOADS=2000 scripts/bench_cli.sh
#   CHECKOV_VENV=/tmp/checkov-venv scripts/bench_cli.sh   # reuse a venv between runs
#
# Then (issue 19) a generated `kubectl get pods -A -o json` List of LIST_MB megabytes
# (default 300; Pods with status: several containers, env, annotations,
# containerStatuses), written to a temporary directory and removed at the end:
# `pullpolicy explain` in each streamed format and the serde_json floor (parse into
# Value), wall time and peak RSS of one run each under /usr/bin/time -v. With
# LIST_DIAGNOSE=1, `pullpolicy diagnose` in each format on a second List of the same
# size in which LIST_FAILING percent of the pods (default 20) fail to pull (a waiting
# ErrImagePull or ImagePullBackOff with the runtime's message).
#
#   SKIP_LIST=1 scripts/bench_cli.sh
#   ONLY_LIST=1 scripts/bench_cli.sh
#   LIST_MB=31 LIST_FORMATS="human json jsonl sarif markdown html" LIST_DIAGNOSE=1 scripts/bench_cli.sh
#
# With LIST_JSONL=1, the List's Pods as JSON Lines too (one compact Pod per line, as
# `jq -c '.items[]'` writes them), against the floor of parsing each into a Value.
# LIST_DIAGNOSE also runs `diagnose` on the failing List's items written as indented
# objects one after another (`jq '.items[]'`). With DESCRIBE_PODS=N, `diagnose` on
# `kubectl describe pods` output of N pods (DESCRIBE_FAILING percent failing):
#
#   SKIP_CHECKOV=1 ONLY_LIST=1 LIST_MB=60 LIST_DIAGNOSE=1 DESCRIBE_PODS=12000 scripts/bench_cli.sh
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
runs=${RUNS:-5}
workloads=${WORKLOADS:-2000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
stream=$work/stream.yaml

# --- the stream -------------------------------------------------------------------------
python3 - "$stream" "$workloads" <<'PY'
import random, sys
path, n = sys.argv[1], int(sys.argv[2])
rng = random.Random(2535)
registries = ["", "docker.io/", "ghcr.io/acme/", "registry.example.com:5000/team/", "quay.io/org/", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/"]
names = ["nginx", "redis", "postgres", "app", "api", "worker", "frontend", "payments", "busybox", "envoy", "fluent-bit", "otel-collector"]
tags = ["", ":latest", ":1.25", ":1.25.3", ":v2.1.0", ":Latest", ":stable", ":2024-05-01", "@sha256:" + "ab" * 32, ":1.2@sha256:" + "cd" * 32]
policies = [None, None, None, "Always", "IfNotPresent", "Never", "always", "ifnotpresent", ""]
out = []
for i in range(n):
    containers = []
    for c in range(rng.randint(1, 3)):
        image = rng.choice(registries) + rng.choice(names) + rng.choice(tags)
        policy = rng.choice(policies)
        lines = [f"      - name: c{c}-{rng.choice(names)}", f"        image: {image}"]
        if policy is not None:
            lines.append(f'        imagePullPolicy: "{policy}"' if policy == "" else f"        imagePullPolicy: {policy}")
        lines += [
            f"        ports: [{{containerPort: {rng.randint(1024, 65535)}}}]",
            "        resources:",
            f"          requests: {{cpu: {rng.randint(10, 900)}m, memory: {rng.randint(16, 512)}Mi}}",
        ]
        containers.append("\n".join(lines))
    out.append("\n".join([
        "apiVersion: apps/v1",
        "kind: Deployment",
        "metadata:",
        f"  name: workload-{i}",
        "spec:",
        f"  selector: {{matchLabels: {{app: workload-{i}}}}}",
        "  template:",
        f"    metadata: {{labels: {{app: workload-{i}}}}}",
        "    spec:",
        "      containers:",
    ] + containers))
with open(path, "w") as f:
    f.write("\n---\n".join(out) + "\n")
PY
size=$(wc -c < "$stream")
echo "stream: $workloads workloads, $(grep -c '^        image:' "$stream") containers, $size bytes"

# --- the builds -------------------------------------------------------------------------
cargo build --quiet --profile cli -p pullpolicy_cli --bin pullpolicy --example yaml_floor --example json_floor \
    --manifest-path "$root/Cargo.toml"
target=$(cd "$root" && cargo metadata --format-version 1 --no-deps \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
cli=$target/cli/pullpolicy
floor=$target/cli/examples/yaml_floor
json_floor=$target/cli/examples/json_floor

# --- measuring --------------------------------------------------------------------------
# measure NAME CMD... : times one run of CMD and keeps, in NAME_ms, the best wall time
# (ms) so far; the clock is bash's own $EPOCHREALTIME, so no process is started
# between the two readings but CMD (a `date` on each side, as this script used before,
# added 2-4 ms to every figure). Standard output goes to /dev/null, as hyperfine does
# by default: the disk's speed is not the tool's (writing the CLI's 11.7 MB of JSON to
# a file costs this VM 5-15 ms more). The outputs are kept by one more, untimed, run.
measure() {
    local name=$1
    shift
    local start end us best
    start=${EPOCHREALTIME/[.,]/}
    "$@" > /dev/null 2> "$work/$name.err" || true
    end=${EPOCHREALTIME/[.,]/}
    us=$((end - start))
    best=${name}_us
    if [[ -z ${!best:-} || $us -lt ${!best} ]]; then printf -v "$best" '%s' "$us"; fi
    printf -v "${name}_ms" '%s' "$(( (${!best} + 500) / 1000 ))"
}

# peak NAME CMD... : the peak RSS (KiB) of one run of CMD under /usr/bin/time -v, in
# NAME_rss (a run of its own, so the wrapper is not in the timings).
peak() {
    local name=$1
    shift
    /usr/bin/time -v "$@" > /dev/null 2> "$work/$name.time" || true
    printf -v "${name}_rss" '%s' "$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/$name.time")"
}

if [[ -z ${ONLY_LIST:-} ]]; then # ONLY_LIST=1: the large List alone
# Interleaved, so both see the same load on a shared machine; the best of $runs each.
# `cli` uses every CPU (the default: the stream is cut at `---` lines and explained in
# parallel); `cli1` is `--jobs 1`, the like-for-like comparison with the one-thread floor.
floor_us="" cli_us="" cli1_us=""
for ((i = 0; i < runs; i++)); do
    measure floor "$floor" "$stream"
    measure cli "$cli" explain --format json --fail-on never "$stream"
    measure cli1 "$cli" explain --format json --fail-on never --jobs 1 "$stream"
done
peak floor "$floor" "$stream"
peak cli "$cli" explain --format json --fail-on never "$stream"
peak cli1 "$cli" explain --format json --fail-on never --jobs 1 "$stream"
"$floor" "$stream" > "$work/floor.out"
"$cli" explain --format json --fail-on never "$stream" > "$work/cli.out" || true
"$cli" explain --format json --fail-on never --jobs 1 "$stream" > "$work/cli1.out" || true
cmp -s "$work/cli.out" "$work/cli1.out" || { echo "--jobs 1 and the default differ"; exit 1; }
echo "floor:      $(cat "$work/floor.out")"
entries=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(sum(f["report"]["summary"]["entries"] for f in d["files"]))' "$work/cli.out")
echo "pullpolicy: $entries entries explained, $(wc -c < "$work/cli.out") bytes of JSON"

checkov_ms=""
if [[ -z ${SKIP_CHECKOV:-} ]]; then
    venv=${CHECKOV_VENV:-$work/venv}
    if [[ ! -x $venv/bin/checkov ]]; then
        echo "installing checkov into $venv (this takes a few minutes)..."
        python3 -m venv "$venv"
        if ! "$venv/bin/pip" install --quiet --disable-pip-version-check checkov > "$work/pip.log" 2>&1; then
            echo "checkov could not be installed:"; tail -20 "$work/pip.log"
        fi
    fi
    if [[ -x $venv/bin/checkov ]]; then
        echo "checkov:    $("$venv/bin/checkov" --version)"
        pushd "$work" > /dev/null   # Checkov may write next to where it runs
        checkov_us=""
        for ((i = 0; i < ${CHECKOV_RUNS:-3}; i++)); do
            measure checkov "$venv/bin/checkov" -f "$stream" --framework kubernetes \
                --check CKV_K8S_14,CKV_K8S_15 --quiet --compact --skip-download
        done
        peak checkov "$venv/bin/checkov" -f "$stream" --framework kubernetes \
            --check CKV_K8S_14,CKV_K8S_15 --quiet --compact --skip-download
        "$venv/bin/checkov" -f "$stream" --framework kubernetes --check CKV_K8S_14,CKV_K8S_15 \
            --quiet --compact --skip-download > "$work/checkov.out" 2>&1 || true
        popd > /dev/null
        echo "checkov:    $(grep -c "Check: CKV_K8S_1[45]" "$work/checkov.out" || true) failed checks reported"
    fi
fi

# --- the table --------------------------------------------------------------------------
mib() { awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }'; }
echo
printf '%-40s %10s %12s\n' "" "wall (ms)" "peak RSS"
printf '%-40s %10s %12s\n' "serde_yaml parse floor" "$floor_ms" "$(mib "$floor_rss")"
printf '%-40s %10s %12s\n' "pullpolicy explain --format json --jobs 1" "$cli1_ms" "$(mib "$cli1_rss")"
printf '%-40s %10s %12s\n' "pullpolicy explain --format json ($(nproc) CPUs)" "$cli_ms" "$(mib "$cli_rss")"
if [[ -n $checkov_ms ]]; then
    printf '%-40s %10s %12s\n' "checkov CKV_K8S_14,CKV_K8S_15" "$checkov_ms" "$(mib "$checkov_rss")"
fi
echo
awk -v c="$cli1_ms" -v f="$floor_ms" 'BEGIN { printf "pullpolicy --jobs 1 / parse floor: %.2fx (target <= 1.5x)\n", c / (f > 0 ? f : 1) }'
awk -v c="$cli_ms" -v f="$floor_ms" 'BEGIN { printf "pullpolicy / parse floor:          %.2fx\n", c / (f > 0 ? f : 1) }'
if [[ -n $checkov_ms ]]; then
    awk -v c="$cli1_ms" -v k="$checkov_ms" 'BEGIN { printf "checkov / pullpolicy --jobs 1:     %.0fx\n", k / (c > 0 ? c : 1) }'
    awk -v c="$cli_ms" -v k="$checkov_ms" 'BEGIN { printf "checkov / pullpolicy:              %.0fx (target >= 250x)\n", k / (c > 0 ? c : 1) }'
fi
fi

# --- a large kubectl List (issue 19) ----------------------------------------------------
if [[ -n ${SKIP_LIST:-} ]]; then exit 0; fi
list=$work/pods.json
# gen_list PATH MB FAILING: the List, FAILING percent of its pods failing to pull (a
# waiting ErrImagePull or ImagePullBackOff with the runtime's message, as the kubelet
# stores it).
gen_list() {
python3 - "$1" "$2" "$3" <<'PY'
import json, random, sys
path, mb, failing = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
rng = random.Random(19)
names = ["nginx", "redis", "api", "worker", "envoy", "fluent-bit", "payments", "busybox"]
tags = ["", ":latest", ":1.25.3", ":v2.1.0", "@sha256:" + "ab" * 32]
def container(i, c):
    image = rng.choice(["", "ghcr.io/acme/", "registry.example.com:5000/team/"]) + rng.choice(names) + rng.choice(tags)
    out = {"name": f"c{c}", "image": image,
           "env": [{"name": f"VAR_{k}", "value": f"value-{i}-{k}"} for k in range(rng.randint(3, 12))],
           "ports": [{"containerPort": rng.randint(1024, 65535), "protocol": "TCP"}],
           "resources": {"requests": {"cpu": "100m", "memory": "128Mi"}, "limits": {"memory": "256Mi"}},
           "volumeMounts": [{"name": "kube-api-access", "mountPath": "/var/run/secrets/kubernetes.io/serviceaccount", "readOnly": True}],
           "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File"}
    policy = rng.choice([None, "Always", "IfNotPresent", "IfNotPresent", "Never"])
    if policy:
        out["imagePullPolicy"] = policy
    return out
def pod(i):
    fails = rng.random() * 100 < failing
    n = rng.randint(1, 4)
    containers = [container(i, c) for c in range(n)]
    return {"apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": f"pod-{i}", "namespace": f"ns-{i % 40}", "uid": f"{i:08x}-0000-4000-8000-000000000000",
                         "resourceVersion": str(100000 + i), "creationTimestamp": "2026-12-01T10:00:00Z",
                         "labels": {"app": f"app-{i % 500}", "pod-template-hash": f"{i:010x}"},
                         "annotations": {"kubectl.kubernetes.io/restartedAt": "2026-11-30T09:00:00Z",
                                         "prometheus.io/scrape": "true", "note": "<b>&</b> \u00e9"},
                         "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": f"app-{i % 500}-abc", "uid": "x", "controller": True}]},
            "spec": {"containers": containers, "restartPolicy": "Always", "dnsPolicy": "ClusterFirst",
                     "serviceAccountName": "default", "nodeName": f"node-{i % 100}",
                     "tolerations": [{"key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300}],
                     "volumes": [{"name": "kube-api-access", "projected": {"sources": [{"serviceAccountToken": {"path": "token", "expirationSeconds": 3607}}]}}]},
            "status": {"phase": "Pending" if fails else "Running", "hostIP": "10.0.0.1", "podIP": f"10.1.{i % 250}.{i % 200}", "startTime": "2026-12-01T10:00:01Z",
                       "conditions": [{"type": t, "status": "True", "lastTransitionTime": "2026-12-01T10:00:05Z"} for t in ("Initialized", "Ready", "ContainersReady", "PodScheduled")],
                       "containerStatuses": [status(c, k == 0 and fails) for k, c in enumerate(containers)]}}
def status(c, fails):
    image = c["image"] or "nginx"
    if not fails:
        return {"name": c["name"], "image": image, "imageID": "docker.io/library/nginx@sha256:" + "cd" * 32,
                "containerID": "containerd://" + "ef" * 32, "ready": True, "restartCount": 0, "started": True,
                "state": {"running": {"startedAt": "2026-12-01T10:00:04Z"}}}
    ref = image if "/" in image.split(":")[0] else "docker.io/library/" + image
    error = rng.choice([
        f'rpc error: code = NotFound desc = failed to pull and unpack image "{ref}": failed to resolve reference "{ref}": {ref}: not found',
        f'rpc error: code = Unknown desc = failed to pull and unpack image "{ref}": failed to resolve reference "{ref}": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed',
        f'rpc error: code = DeadlineExceeded desc = failed to pull and unpack image "{ref}": failed to resolve reference "{ref}": failed to do request: Head "https://registry.example.com:5000/v2/": dial tcp 10.0.0.9:5000: i/o timeout'])
    waiting = rng.choice([{"reason": "ErrImagePull", "message": error},
                          {"reason": "ImagePullBackOff", "message": f'Back-off pulling image "{image}": ErrImagePull: {error}'}])
    return {"name": c["name"], "image": image, "imageID": "", "ready": False, "restartCount": 0, "started": False,
            "state": {"waiting": waiting}}
with open(path, "w") as f:
    f.write('{\n    "apiVersion": "v1",\n    "items": [\n')
    size, i = 0, 0
    while size < mb * 1e6:
        text = json.dumps(pod(i), indent=4, ensure_ascii=False)
        text = "        " + text.replace("\n", "\n        ")
        if i:
            f.write(",\n")
        f.write(text)
        size += len(text) + 2
        i += 1
    f.write('\n    ],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n')
PY
}
gen_list "$list" "${LIST_MB:-300}" 0
list_size=$(wc -c < "$list")
echo
echo "list: $(grep -c '"kind": "Pod"' "$list") Pods, $list_size bytes ($(awk -v b="$list_size" 'BEGIN { printf "%.1f MB", b / 1e6 }'))"

# timed NAME CMD... : one run under /usr/bin/time -v: wall seconds and peak RSS (KiB).
timed() {
    local name=$1
    shift
    /usr/bin/time -v "$@" > /dev/null 2> "$work/$name.time" || true
    printf -v "${name}_wall" '%s' "$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (k = 1; k <= n; k++) s = s * 60 + p[k]; print s}' "$work/$name.time")"
    printf -v "${name}_rss" '%s' "$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/$name.time")"
}
row() {
    local label=$1 name=$2 wall rss
    wall=${name}_wall rss=${name}_rss
    awk -v l="$label" -v w="${!wall}" -v r="${!rss}" -v f="$jfloor_wall" -v s="$list_size" \
        'BEGIN { printf "%-46s %9.2f %11.1f MiB %8.2fx %9.2fx\n", l, w, r / 1024, w / (f > 0 ? f : 1), r * 1024 / s }'
}
# each_format NAME FORMATS FILE COMMAND [ARGS...]: `pullpolicy COMMAND --format F ARGS
# FILE` timed and shown for each format F.
each_format() {
    local name=$1 formats=$2 file=$3 command=$4 format
    shift 4
    for format in $formats; do
        timed "${name}_$format" "$cli" "$command" --format "$format" "$@" "$file"
        row "pullpolicy $command --format $format" "${name}_$format"
    done
}
timed jfloor "$json_floor" "$list"
echo
printf '%-46s %9s %15s %9s %10s\n' "" "wall (s)" "peak RSS" "/ floor" "RSS/input"
row "serde_json into Value (the floor)" jfloor
each_format explain "${LIST_FORMATS:-human json jsonl sarif}" "$list" explain --fail-on never
timed explain_json1 "$cli" explain --format json --fail-on never --jobs 1 "$list"
row "pullpolicy explain --format json --jobs 1" explain_json1
if [[ -n ${LIST_JSONL:-} ]]; then
    # The same Pods as a JSON stream, one compact Pod per line (`jq -c '.items[]'`):
    # cut at line starts after values and written in parts (`pieces::split`).
    jsonl=$work/pods.jsonl
    python3 -c 'import json,sys
with open(sys.argv[2], "w") as out:
    for item in json.load(open(sys.argv[1]))["items"]:
        out.write(json.dumps(item, separators=(",", ":"), ensure_ascii=False) + "\n")' "$list" "$jsonl"
    list_size=$(wc -c < "$jsonl")
    echo
    echo "the same Pods as JSON Lines: $list_size bytes"
    timed jfloor "$json_floor" "$jsonl"
    row "serde_json into Values (the floor)" jfloor
    each_format jsonl "${LIST_FORMATS:-human json jsonl sarif}" "$jsonl" explain --fail-on never
    rm -f "$jsonl"
fi
if [[ -n ${LIST_DIAGNOSE:-} ]]; then
    failing=$work/failing.json
    rm -f "$list"
    gen_list "$failing" "${LIST_MB:-300}" "${LIST_FAILING:-20}"
    echo
    echo "list with failing pods: $(grep -c '"kind": "Pod"' "$failing") Pods, $(grep -c '"reason": "\(ErrImagePull\|ImagePullBackOff\)"' "$failing") failing containers, $(wc -c < "$failing") bytes"
    list_size=$(wc -c < "$failing")
    timed jfloor "$json_floor" "$failing"
    row "serde_json into Value (the floor)" jfloor
    each_format diagnose "${LIST_DIAGNOSE_FORMATS:-human json jsonl sarif markdown html}" "$failing" diagnose
    # The same items as indented objects one after another (`jq '.items[]'`): a piece
    # each for the evidence reader, read item by item.
    objects=$work/objects.json
    python3 -c 'import json,sys
with open(sys.argv[2], "w") as out:
    for item in json.load(open(sys.argv[1]))["items"]:
        out.write(json.dumps(item, indent=2, ensure_ascii=False) + "\n")' "$failing" "$objects"
    rm -f "$failing"
    list_size=$(wc -c < "$objects")
    echo
    echo "the same items as indented objects one after another: $list_size bytes"
    timed jfloor "$json_floor" "$objects"
    row "serde_json into Values (the floor)" jfloor
    each_format objects "${LIST_DIAGNOSE_FORMATS:-human json jsonl sarif markdown html}" "$objects" diagnose
    rm -f "$objects"
fi
if [[ -n ${DESCRIBE_PODS:-} ]]; then
    # `kubectl describe pods` output of DESCRIBE_PODS pods, DESCRIBE_FAILING percent
    # (default 20) failing to pull: the composed describe fixtures, each pod renamed.
    # There is no parse floor for describe text: wall time and peak RSS only.
    describe=$work/describe.txt
    python3 -c 'import random,sys
d = sys.argv[1]
failing = open(d + "/describe_current.txt").read()
running = open(d + "/running.txt").read()
rng = random.Random(1)
with open(sys.argv[2], "w") as out:
    for i in range(int(sys.argv[3])):
        if rng.random() * 100 < float(sys.argv[4]):
            text = failing.replace("web-7d9f8c6b4-x2kqp", "web-7d9f8c6b4-%06d" % i)
        else:
            text = running.replace("running-pod", "running-pod-%06d" % i)
        out.write(text.rstrip("\n") + "\n\n\n")' \
        "$root/crates/pullpolicy/tests/fixtures/diagnose/composed" "$describe" "$DESCRIBE_PODS" "${DESCRIBE_FAILING:-20}"
    echo
    echo "kubectl describe pods: $DESCRIBE_PODS pods, $(wc -c < "$describe") bytes"
    printf '%-46s %9s %15s\n' "" "wall (s)" "peak RSS"
    for format in ${LIST_DIAGNOSE_FORMATS:-human json jsonl sarif markdown html}; do
        timed "describe_$format" "$cli" diagnose --format "$format" "$describe"
        wall=describe_${format}_wall rss=describe_${format}_rss
        awk -v l="pullpolicy diagnose --format $format" -v w="${!wall}" -v r="${!rss}" \
            'BEGIN { printf "%-46s %9.2f %11.1f MiB\n", l, w, r / 1024 }'
    done
    rm -f "$describe"
fi
