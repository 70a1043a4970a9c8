#!/usr/bin/env bash
# Keeps the "never" rules of docs/architecture.md: which workspace crate may depend on which, no
# Tauri outside the shell, no I/O crates in the rules engine, which core modules may not use
# which, and that only ui/src/ipc talks to Tauri. Prints every broken rule and exits 1; exit 0
# when all hold; 2 when cargo itself fails (e.g. a stale Cargo.lock). Needs cargo and python3,
# no build: it reads `cargo metadata` and `cargo tree`.
#
#   scripts/check-architecture.sh
#
# The tables below are the ones in docs/architecture.md ("Who may depend on whom", "Modules of
# idesk-core"): change both together.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 - <<'PY'
import json
import os
import re
import subprocess
import sys

DOC = "docs/architecture.md"

# Workspace crates each crate may depend on, by dependency kind. Anything else of ours is a
# broken rule; a workspace crate missing from this table is one too (add it here and in the doc).
ALLOWED = {
    "idesk-rules": {"normal": set(), "build": set(), "dev": set()},
    "idesk-sim": {"normal": set(), "build": set(), "dev": set()},
    "idesk-core": {"normal": {"idesk-rules"}, "build": set(), "dev": {"idesk-sim"}},
    "idesk-cli": {"normal": {"idesk-core", "idesk-rules", "idesk-sim"}, "build": set(), "dev": set()},
    "integration-desk": {"normal": {"idesk-core", "idesk-sim"}, "build": set(), "dev": set()},
    "idesk-e2e": {"normal": set(), "build": set(), "dev": {"idesk-sim"}},
}
# The only crate that may depend on Tauri (directly or through another crate).
TAURI_SHELL = "integration-desk"
# Crates (by name, anywhere in the normal/build dependency tree) a crate must never pull in.
FORBIDDEN_EXTERNAL = {
    "idesk-rules": {"tokio", "reqwest", "rusqlite", "keyring", "axum", "hyper"},
    "idesk-sim": {"rusqlite", "keyring"},
}
# idesk-core modules (crates/core/src/<module>[.rs|/]): leaves, which may use only the modules
# listed, and the modules others must never use.
CORE_LEAF_MAY_USE = {
    "error": set(),
    "secret": {"error"},
}
CORE_MODULE_NEVER = {
    "freshworks": {"store", "keychain", "preview"},
    "import": {"keychain", "preview"},
}

problems = []


def broken(rule, detail):
    problems.append(f"rule broken: {rule}\n    {detail}\n    (see {DOC})")


def report():
    if problems:
        print("\n".join(problems), file=sys.stderr)
        print(f"\n{len(problems)} architecture rule(s) broken.", file=sys.stderr)


def cargo(*args):
    done = subprocess.run(["cargo", *args], capture_output=True, text=True)
    if done.returncode != 0:
        report()
        print(f"cannot run `cargo {' '.join(args)}`:\n{done.stderr}", file=sys.stderr)
        sys.exit(2)
    return done.stdout


# --no-deps reads the manifests only; `cargo tree --locked` below refuses a stale Cargo.lock.
meta = json.loads(cargo("metadata", "--format-version", "1", "--no-deps"))
workspace = {p["name"] for p in meta["packages"]}

for package in meta["packages"]:
    name = package["name"]
    allowed = ALLOWED.get(name)
    if allowed is None:
        broken(
            "every workspace crate has a row in the dependency table",
            f"{name} ({package['manifest_path']}) is not in the table of scripts/check-architecture.sh",
        )
        continue
    for dep in package["dependencies"]:
        kind = dep["kind"] or "normal"
        dep_name = dep["name"]
        if dep_name in workspace and dep_name not in allowed[kind]:
            may = ", ".join(sorted(allowed[kind])) or "no crate of ours"
            broken(
                f"{name} may depend ({kind}) on {may}",
                f"{name} has a {kind} dependency on {dep_name}",
            )
        if name != TAURI_SHELL and re.match(r"^tauri([-_].+)?$", dep_name):
            broken(
                f"only {TAURI_SHELL} (src-tauri) depends on Tauri",
                f"{name} has a {kind} dependency on {dep_name}",
            )

# Transitive: a crate of ours reaching Tauri (or a forbidden crate) through another crate.
for name in sorted(workspace & set(ALLOWED)):
    if name == TAURI_SHELL:
        continue
    tree = cargo("tree", "--locked", "-p", name, "-e", "normal,build", "--prefix", "none")
    crates = {line.split(" ")[0] for line in tree.splitlines() if line.strip()}
    tauri = sorted(c for c in crates if re.match(r"^tauri([-_].+)?$", c))
    if tauri:
        broken(
            f"only {TAURI_SHELL} (src-tauri) depends on Tauri, directly or not",
            f"{name} pulls in {', '.join(tauri)} (cargo tree -p {name} -i {tauri[0]})",
        )
    for crate in sorted(crates & FORBIDDEN_EXTERNAL.get(name, set())):
        broken(
            f"{name} never depends on {', '.join(sorted(FORBIDDEN_EXTERNAL[name]))}",
            f"{name} pulls in {crate} (cargo tree -p {name} -i {crate})",
        )

# Modules of idesk-core: `crate::<module>` paths, including those inside `use crate::{...}`.
CORE = "crates/core/src"


def used_modules(text):
    used = set()
    for match in re.finditer(r"\bcrate::(\{)?", text):
        if match.group(1) is None:
            word = re.match(r"[a-z_][a-z0-9_]*", text[match.end():])
            if word:
                used.add(word.group(0))
            continue
        depth, i, expect_name = 1, match.end(), True
        while i < len(text) and depth:
            ch = text[i]
            if ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
            elif ch == "," and depth == 1:
                expect_name = True
            elif expect_name and depth == 1 and not ch.isspace():
                word = re.match(r"[a-z_][a-z0-9_]*", text[i:])
                if word:
                    used.add(word.group(0))
                    i += len(word.group(0)) - 1
                expect_name = False
            i += 1
    return used


with open(f"{CORE}/lib.rs", encoding="utf-8") as f:
    core_modules = set(re.findall(r"^\s*(?:pub(?:\([a-z]+\))?\s+)?mod\s+([a-z_][a-z0-9_]*)\s*;", f.read(), re.M))
rules = dict(CORE_MODULE_NEVER)
for leaf, may in CORE_LEAF_MAY_USE.items():
    rules[leaf] = core_modules - may - {leaf}

for module, never in sorted(rules.items()):
    rule = (
        f"idesk-core's {module} uses {', '.join(sorted(CORE_LEAF_MAY_USE[module])) or 'no other module'} only"
        if module in CORE_LEAF_MAY_USE
        else f"idesk-core's {module} never uses {', '.join(sorted(never))}"
    )
    files = []
    if os.path.isfile(f"{CORE}/{module}.rs"):
        files.append(f"{CORE}/{module}.rs")
    if os.path.isdir(f"{CORE}/{module}"):
        for root, _, names in os.walk(f"{CORE}/{module}"):
            files += [os.path.join(root, n) for n in sorted(names) if n.endswith(".rs")]
    if not files:
        broken(
            "every module in the core module table exists",
            f"idesk-core has no module {module} ({CORE}/{module}.rs or {CORE}/{module}/): update the table",
        )
    for path in files:
        with open(path, encoding="utf-8") as f:
            for bad in sorted(used_modules(f.read()) & never):
                broken(rule, f"{path} uses crate::{bad}")

# UI: only ui/src/ipc imports @tauri-apps/* and the generated bindings.
TAURI_IMPORT = re.compile(r"""["']@tauri-apps/""")
BINDINGS_IMPORT = re.compile(r"""["'][^"'\n]*ipc/bindings(/|["'])""")
for root, dirs, names in os.walk("ui/src"):
    dirs[:] = [d for d in dirs if d != "node_modules"]
    if root == "ui/src/ipc" or root.startswith("ui/src/ipc/"):
        continue
    for n in sorted(names):
        if not n.endswith((".ts", ".tsx", ".js", ".jsx", ".mts", ".cts")):
            continue
        path = os.path.join(root, n)
        with open(path, encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                if TAURI_IMPORT.search(line):
                    broken(
                        "only ui/src/ipc imports @tauri-apps/*",
                        f"{path}:{number}: {line.strip()}",
                    )
                if BINDINGS_IMPORT.search(line):
                    broken(
                        "only ui/src/ipc imports the generated bindings (others import from ui/src/ipc)",
                        f"{path}:{number}: {line.strip()}",
                    )

report()
if problems:
    sys.exit(1)
print("ok: crate dependencies, Tauri only in the shell, core module boundaries, @tauri-apps only in ui/src/ipc")
PY
