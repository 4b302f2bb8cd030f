#!/bin/sh
# The `pullpolicy` pre-commit hook (.pre-commit-hooks.yaml at the repository's root):
# builds the CLI from the hook's checkout with cargo (the `cli` profile, once per rev:
# pre-commit keeps a checkout per rev, and cargo only checks it is fresh afterwards),
# then runs it in the user's repository with the hook's arguments and the staged files.
#
# This is `language: script` because pre-commit's `language: rust` runs
# `cargo install --path .` at the repository's root, which is a virtual workspace
# manifest here: cargo refuses to install from it.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
if ! command -v cargo >/dev/null 2>&1; then
    echo "pullpolicy pre-commit hook: cargo is needed to build pullpolicy (https://rustup.rs);" \
        "or install pullpolicy and use the pullpolicy-system hook" >&2
    exit 2
fi
exec cargo run --quiet --locked --profile cli --package pullpolicy_cli \
    --manifest-path "$root/Cargo.toml" -- "$@"
