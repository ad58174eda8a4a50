"""Prints the Ignite REST answer of GridStatsTask (stdin) as a table: one row per server node, one
column per cache, primary entry counts, and a total row. Used by scripts/cluster.sh status.
A result of another shape is printed as indented JSON."""
import json
import sys


def table(rows, columns):
    header = ["primary entries"] + columns
    lines = [header] + [[name] + [str(counts.get(c, "")) for c in columns] for name, counts in rows]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    for line in lines:
        print("  ".join(cell.rjust(w) if i else cell.ljust(w) for i, (cell, w) in enumerate(zip(line, widths))))


def main():
    answer = json.load(sys.stdin)
    if answer.get("successStatus") != 0:
        print("Ignite REST error: %s" % answer.get("error"))
        return 1
    response = answer.get("response") or {}
    if isinstance(response, dict) and response.get("error"):
        print("GridStatsTask failed: %s" % response["error"])
        return 1
    result = response.get("result") if isinstance(response, dict) else response
    if isinstance(result, str):
        try:
            result = json.loads(result)
        except ValueError:
            pass
    nodes = result.get("nodes") if isinstance(result, dict) else None
    if isinstance(nodes, list) and all(isinstance(n, dict) for n in nodes):
        rows = [(n.get("consistentId", "?"), n.get("primaryEntries") or {}) for n in nodes]
        rows.append(("total", result.get("totalEntries") or {}))
        table(rows, sorted({cache for _, counts in rows for cache in counts}))
    else:
        print(json.dumps(result, indent=2, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
