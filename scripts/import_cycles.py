"""Print the import circles in a package (imports inside functions and under TYPE_CHECKING
count too); exit 1 when there is one.

    python scripts/import_cycles.py [PACKAGE]      # default: cjm_tui

It reads the import graph with grimp (the library import-linter is built on) and prints each
group of modules that import each other, directly or through others.
"""

from __future__ import annotations

import sys

import grimp


def circles(package: str) -> list[list[str]]:
    """Every group of two or more modules that reach each other by imports (Tarjan's SCCs)."""
    graph = grimp.build_graph(package)
    modules = sorted(graph.modules)
    known = set(modules)
    edges = {m: sorted(set(graph.find_modules_directly_imported_by(m)) & known) for m in modules}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(root: str) -> None:
        # Iterative, so a long chain of imports cannot hit the recursion limit.
        work = [(root, iter(edges[root]))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(edges[child])))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(sorted(group))

    for module in modules:
        if module not in index:
            visit(module)
    return sorted(found)


def main(argv: list[str]) -> int:
    package = argv[1] if len(argv) > 1 else "cjm_tui"
    groups = circles(package)
    for group in groups:
        print("circle: " + " -> ".join([*group, group[0]]))
    print(f"{len(groups)} import circle(s) in {package}")
    return 1 if groups else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
