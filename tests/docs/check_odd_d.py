#!/usr/bin/env python3
"""Checks that docs/odd-d.md gives every scenario parameter a default and a source.

Usage: check_odd_d.py SOURCE_DIR   (the repository root; Python 3 standard library only)

What it compares
  * The parameters: every leaf key path of the scenario's JSON Schema,
    scenarios/schema/accord-scenario.schema.json (written by scripts/gen-schema.py).
  * The documentation: the rows of the Markdown tables of the section of docs/odd-d.md whose
    heading contains "Parameters: defaults and sources" (down to the next heading of the same
    or a higher level) that have the columns `key path`, `default`, `units` and `source`.
    A row's key path is the first `backticked` text of its first cell (words after it are
    allowed, e.g. "`participants[].count` (group)").

How schema paths are spelt (the doc spells them the same way)
  * Object properties are joined with dots: `dynamics.membership.exit_satisfaction`.
  * A list's items add `[]`: `actors.intermediaries[].mediation.participation_boost`.
  * `$ref`s are followed; `oneOf` / `anyOf` alternatives are walked and their paths united
    (a participant and a group are both `participants[]`, so `participants[].count` is the
    group's key and `participants[].id` the explicit participant's).
  * A value that may be a scalar is a leaf at its own path, even when another alternative is
    an object that is also walked (`community.sharing_key` is the bare key name, and
    `community.sharing_key.type` the same choice in the mapping form).
  * A list of scalars (or a fixed-length tuple, `prefixItems`) is one leaf without `[]`:
    `tariffs.hc_windows`, `lifecycle.emergence`, `lifecycle.events[].days_range`; so is a
    key that takes one value or a list of them (`actors.pmo.statutes.colleges[].kinds`).
  * A map whose keys are the user's ids (`additionalProperties` with a schema and no fixed
    `properties`) is one leaf: `community.sharing_key.pairs`, `community.benefit_rule.weights`.
  * An object alternative beside a scalar one, all of whose keys are required, is another way
    of writing that scalar and adds no path: a group's `{uniform: [lo, hi]}` / `{normal:
    [mean, sd]}` for `participants[].behaviour.alpha`.
  * `allOf` / `if` / `then` only constrain shapes already described and are not walked; an
    array without `items` is a leaf (`governance.agenda[].options`, whose shape depends on
    the item: scenario-reference.md).

Repeated shapes (aliases)
  A row whose default cell says "same keys as `X`" documents every schema path under its own
  key path by the row of the same path under X: `dynamics.candidates[].kind` is checked as
  `participants[].kind`. The row itself documents its own path when that is a leaf. A key the
  alias has and X lacks is missing, so the two shapes cannot drift apart unnoticed.

What fails (each printed on its own line, exit status 1)
  * a schema leaf path with no row (directly or through an alias);
  * a row whose default or source cell is empty or a placeholder (—, -, ?, TODO, TBD);
  * a row whose key path is not a schema leaf path (a stale or misspelt row), or a path
    documented twice.
Otherwise it prints "N passed, 0 failed" with how many sources are citations, assumptions
(the source cell starts with "assumption") or scenario inputs (it starts with "scenario"),
and exits 0.
"""
import json
import os
import re
import sys

SCALAR_TYPES = {"number", "integer", "string", "boolean"}
PLACEHOLDERS = {"", "—", "–", "-", "?", "todo", "tbd", "n/a"}
SECTION = "Parameters: defaults and sources"


class Schema:
    def __init__(self, root):
        self.root = root
        self.defs = root.get("$defs", {})

    def resolve(self, node, seen=()):
        while isinstance(node, dict) and "$ref" in node:
            ref = node["$ref"]
            if not ref.startswith("#/$defs/") or ref in seen:
                raise ValueError("cannot resolve $ref " + ref)
            seen = seen + (ref,)
            node = self.defs[ref[len("#/$defs/"):]]
        return node

    def alternatives(self, node):
        return node.get("oneOf") or node.get("anyOf") or []

    def is_scalar(self, node):
        node = self.resolve(node)
        if not isinstance(node, dict):
            return False
        if "enum" in node or "const" in node:
            return True
        alts = self.alternatives(node)
        if alts and not node.get("properties"):
            return all(self.is_scalar(a) for a in alts)
        kind = node.get("type")
        if kind in SCALAR_TYPES:
            return True
        if kind == "array":
            if "prefixItems" in node:
                return True
            items = node.get("items")
            return items is None or items is False or self.is_scalar(items)
        return False

    def leaves(self):
        out = []
        self._walk(self.root, "", out)
        unique = []
        for p in out:
            if p not in unique:
                unique.append(p)
        return unique

    def _walk(self, node, path, out):
        node = self.resolve(node)
        alts = self.alternatives(node)
        if alts and not node.get("properties"):
            scalar_form = any(self.is_scalar(a) for a in alts)
            if scalar_form:
                out.append(path)
            for a in alts:
                a = self.resolve(a)
                if self.is_scalar(a):
                    continue
                props = a.get("properties", {})
                if scalar_form and props and set(a.get("required", [])) == set(props):
                    continue  # another spelling of the scalar ({uniform: [lo, hi]})
                self._walk(a, path, out)
            return
        if self.is_scalar(node):
            out.append(path)
            return
        props = node.get("properties")
        extra = node.get("additionalProperties")
        if node.get("type") == "object" or props is not None:
            if not props and isinstance(extra, dict):
                out.append(path)  # a map keyed by the user's ids
                return
            for key, sub in (props or {}).items():
                self._walk(sub, path + "." + key if path else key, out)
            return
        if node.get("type") == "array":
            self._walk(node["items"], path + "[]", out)
            return
        out.append(path)  # anything else is one value


def split_row(line):
    cells, cell, escaped = [], "", False
    for ch in line.strip().strip("|"):
        if escaped:
            cell += ch
            escaped = False
        elif ch == "\\":
            escaped = True
            cell += ch
        elif ch == "|":
            cells.append(cell.strip())
            cell = ""
        else:
            cell += ch
    cells.append(cell.strip())
    return cells


def doc_rows(text):
    """Rows of the parameter tables: list of (line number, key path, default, units, source)."""
    lines = text.splitlines()
    start, level = None, None
    for i, line in enumerate(lines):
        m = re.match(r"^(#+)\s", line)
        if m and SECTION in line:
            start, level = i, len(m.group(1))
            break
    if start is None:
        return None
    rows, header = [], None
    for i in range(start + 1, len(lines)):
        line = lines[i]
        m = re.match(r"^(#+)\s", line)
        if m and len(m.group(1)) <= level:
            break
        if not line.lstrip().startswith("|"):
            header = None
            continue
        cells = split_row(line)
        if header is None:
            names = [c.strip().lower() for c in cells]
            header = names if names and names[0] == "key path" else []
            continue
        if not header or all(set(c) <= set("-: ") for c in cells):
            continue
        col = {name: k for k, name in enumerate(header)}
        get = lambda name: cells[col[name]] if name in col and col[name] < len(cells) else ""
        key = re.search(r"`([^`]+)`", get("key path"))
        rows.append((i + 1, key.group(1) if key else "", get("default"), get("units"),
                     get("source")))
    return rows


def empty(cell):
    return re.sub(r"[*_`\s]", "", cell).lower() in PLACEHOLDERS


def main(argv):
    if len(argv) != 2:
        print("usage: check_odd_d.py SOURCE_DIR", file=sys.stderr)
        return 2
    src = argv[1]
    schema_file = os.path.join(src, "scenarios", "schema", "accord-scenario.schema.json")
    doc_file = os.path.join(src, "docs", "odd-d.md")
    with open(schema_file, encoding="utf-8") as f:
        schema = Schema(json.load(f))
    with open(doc_file, encoding="utf-8") as f:
        rows = doc_rows(f.read())
    if rows is None:
        print(f"FAIL {doc_file}: no section headed '{SECTION}'")
        return 1
    leaves = schema.leaves()
    leaf_set = set(leaves)
    failures = []

    table, aliases = {}, {}
    for line, key, default, units, source in rows:
        where = f"docs/odd-d.md:{line}"
        if not key:
            failures.append(f"{where}: a row without a `key path`")
            continue
        if key in table:
            failures.append(f"{where}: `{key}` is documented twice (first at line {table[key][0]})")
            continue
        table[key] = (line, default, units, source)
        alias = re.search(r"same keys as `([^`]+)`", default)
        if alias:
            aliases[key] = alias.group(1)

    def is_prefix(prefix, path):
        return path.startswith(prefix + ".") or path.startswith(prefix + "[")

    for key, (line, default, units, source) in table.items():
        where = f"docs/odd-d.md:{line}"
        if key in aliases:
            if key not in leaf_set and not any(is_prefix(key, p) for p in leaves):
                failures.append(f"{where}: `{key}` is not a key path of the schema")
        elif key not in leaf_set:
            failures.append(f"{where}: `{key}` is not a leaf key path of the schema "
                            "(stale or misspelt row)")

    def lookup(path, depth=0):
        """The row documenting `path` (directly or through aliases), and the path looked for."""
        if path in table or depth > 10:
            return (path if path in table else None), path
        best = None
        for a in aliases:
            if is_prefix(a, path) and (best is None or len(a) > len(best)):
                best = a
        if best is None:
            return None, path
        return lookup(aliases[best] + path[len(best):], depth + 1)

    passed, tags = 0, {"source": 0, "assumption": 0, "scenario": 0}
    for path in leaves:
        row, looked_for = lookup(path)
        if row is None:
            via = "" if looked_for == path else f" (looked for as `{looked_for}`)"
            failures.append(f"missing: `{path}`{via} has no row in the parameter tables of "
                            "docs/odd-d.md")
            continue
        line, default, units, source = table[row]
        via = "" if row == path else f" (as `{row}`)"
        bad = [name for name, cell in (("default", default), ("source", source)) if empty(cell)]
        if bad:
            failures.append(f"incomplete: `{path}`{via} at docs/odd-d.md:{line}: empty "
                            + " and ".join(bad))
            continue
        passed += 1
        if row == path:
            word = re.sub(r"[*_`]", "", source).strip().split(" ")[0].strip(":;,.").lower()
            tags[word if word in ("assumption", "scenario") else "source"] += 1

    for f in failures:
        print("FAIL " + f)
    print(f"{passed} passed, {len(failures)} failed ({len(leaves)} schema parameters; rows: "
          f"{tags['source']} sourced, {tags['assumption']} assumptions, "
          f"{tags['scenario']} scenario inputs; {len(aliases)} alias rows)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
