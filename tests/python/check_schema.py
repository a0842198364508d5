#!/usr/bin/env python3
"""Checks every shipped scenario against the JSON Schema, and that `accord schema` prints
the checked-in schema. Usage: check_schema.py ACCORD_BINARY SOURCE_DIR"""
import glob
import json
import os
import subprocess
import sys

import jsonschema
import yaml


def main():
    binary, source = sys.argv[1], sys.argv[2]
    schema_path = os.path.join(source, "scenarios", "schema", "accord-scenario.schema.json")
    schema = json.load(open(schema_path))
    jsonschema.Draft202012Validator.check_schema(schema)
    printed = json.loads(subprocess.run([binary, "schema"], check=True, capture_output=True,
                                        text=True).stdout)
    assert printed == schema, "accord schema differs from the checked-in schema"
    validator = jsonschema.Draft202012Validator(schema)
    files = sorted(glob.glob(os.path.join(source, "scenarios", "*.yaml")) +
                   glob.glob(os.path.join(source, "scenarios", "library", "*.yaml")))
    assert files, "no scenarios found"
    bad = 0
    for path in files:
        doc = yaml.safe_load(open(path))
        # YAML dates load as datetime.date; the schema (like accord) reads them as strings.
        doc = json.loads(json.dumps(doc, default=str))
        for err in validator.iter_errors(doc):
            print(f"{path}: {'/'.join(map(str, err.absolute_path))}: {err.message}")
            bad += 1
    # A scenario that breaks the schema must be rejected.
    invalid = {"accord": 1, "time": {"start": "2025-01-01", "end": "2025-02-01"},
               "participants": [{"id": "a", "kind": "household", "consumption": {"profile": "household", "anual_kwh": 1}}]}
    assert not validator.is_valid(invalid), "schema accepts a misspelt key"
    print(f"{len(files) - 0} scenarios checked, {bad} schema errors")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
