#!/usr/bin/env python3
"""Compares the Spark job's output with `eigenname annotate` on one machine, document by document.

usage: compare_outputs.py INPUT.jsonl SPARK_OUTPUT_DIR ANNOTATE_OUTPUT.jsonl

Every document (by id) must be in both outputs, once, as equal parsed JSON objects;
the Spark output (its part files concatenated in name order) must hold the documents
in input order; and its {"error": …} lines must be exactly the input's malformed lines.
Prints "N passed, M failed" (one per document, plus the order and error checks) and
exits 1 on any failure.
"""
import glob
import json
import os
import sys


def lines(path):
    with open(path, "rb") as f:
        for raw in f.read().split(b"\n"):  # only \n ends a JSONL line
            if raw.strip():
                yield raw


def main():
    input_path, spark_dir, single_path = sys.argv[1:4]
    failures = []

    expected_errors = 0
    input_ids = []
    for raw in lines(input_path):
        try:
            input_ids.append(json.loads(raw)["id"])
        except (ValueError, KeyError, TypeError):
            expected_errors += 1

    parts = sorted(glob.glob(os.path.join(spark_dir, "part-*")))
    if not parts:
        print(f"no part files in {spark_dir}")
        print("0 passed, 1 failed")
        return 1
    spark, spark_order, spark_errors = {}, [], []
    for part in parts:
        for raw in lines(part):
            obj = json.loads(raw)
            if "error" in obj and "id" not in obj:
                spark_errors.append(obj["error"])
                continue
            if obj["id"] in spark:
                failures.append(f"{obj['id']}: twice in the Spark output")
            spark[obj["id"]] = obj
            spark_order.append(obj["id"])

    single, single_order = {}, []
    for raw in lines(single_path):
        obj = json.loads(raw)
        single[obj["id"]] = obj
        single_order.append(obj["id"])

    passed = 0
    for doc_id in single_order + [i for i in spark_order if i not in single]:
        a, b = spark.get(doc_id), single.get(doc_id)
        if a is None:
            failures.append(f"{doc_id}: missing from the Spark output")
        elif b is None:
            failures.append(f"{doc_id}: only in the Spark output")
        elif a != b:
            ea, eb = a.get("entities"), b.get("entities")
            detail = "text differs" if a.get("text") != b.get("text") else \
                f"entities differ ({len(ea or [])} vs {len(eb or [])})" if ea != eb else "other fields differ"
            failures.append(f"{doc_id}: {detail}")
        else:
            passed += 1

    if spark_order == single_order == input_ids:
        passed += 1
    else:
        first = next((i for i, (x, y) in enumerate(zip(spark_order, input_ids)) if x != y),
                     min(len(spark_order), len(input_ids)))
        failures.append(f"order: Spark output differs from input order at document {first}")
    if len(spark_errors) == expected_errors:
        passed += 1
    else:
        failures.append(f"errors: {len(spark_errors)} error lines in the Spark output, "
                        f"{expected_errors} malformed input lines")

    entities = sum(len(o.get("entities", [])) for o in single.values())
    print(f"{len(single)} documents ({entities} entities) from eigenname annotate, "
          f"{len(spark)} documents and {len(spark_errors)} error lines from Spark ({len(parts)} part files)")
    for f in failures[:20]:
        print("FAIL", f)
    if len(failures) > 20:
        print(f"... and {len(failures) - 20} more")
    print(f"{passed} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
