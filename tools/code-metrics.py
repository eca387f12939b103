#!/usr/bin/env python3
"""Code-shape figures for the design reports (issue 16): package cycles, long files, the longest method.

Usage, after `./mvnw -DskipTests package` (jdeps reads the compiled classes):
    python3 tools/code-metrics.py
Package cycles come from jdeps' package-level dependencies between a module's own packages (strongly connected
components with more than one package). Method length is counted from a method's signature line to its closing
brace in the source, a brace-matching scan that ignores strings, chars and comments.
"""
import os, re, subprocess, sys, glob, collections

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JDEPS = next((p for p in ["/usr/lib/jvm/temurin-25-jdk-amd64/bin/jdeps", "jdeps"] if p == "jdeps" or os.path.exists(p)))


def modules():
    for pom in sorted(glob.glob(os.path.join(ROOT, "**/pom.xml"), recursive=True)):
        d = os.path.dirname(pom)
        if "/target/" in d or "/src/" in d:
            continue
        if os.path.isdir(os.path.join(d, "src/main/java")):
            yield os.path.relpath(d, ROOT), d


def package_cycles(classes):
    if not os.path.isdir(classes):
        return None
    out = subprocess.run([JDEPS, "-verbose:package", "-filter:none", classes], capture_output=True, text=True).stdout
    graph = collections.defaultdict(set)
    own = set()
    for line in out.splitlines():
        m = re.match(r"\s+(\S+)\s+->\s+(\S+)\s+(\S+)", line)
        if m:
            src, dst, where = m.groups()
            own.add(src)
            if where != "not" and src != dst:
                graph[src].add(dst)
    for src in list(graph):
        graph[src] = {d for d in graph[src] if d in own}
    index, low, stack, on, sccs, counter = {}, {}, [], set(), [], [0]

    def strong(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                sccs.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(own):
        if v not in index:
            strong(v)
    return sccs


SIG = re.compile(r"^\s*(?:(?:public|protected|private|static|final|synchronized|abstract|default|native)\s+)*"
                 r"(?:<[^>]+>\s+)?[\w.<>\[\], ?]+\s+(\w+)\s*\(")
CTOR = re.compile(r"^\s*(?:(?:public|protected|private)\s+)?([A-Z]\w*)\s*\(")


def strip(src):
    """Source with strings, chars and comments blanked (newlines kept)."""
    out, i, n = [], 0, len(src)
    while i < n:
        c = src[i]
        if src.startswith("//", i):
            j = src.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i)); i = j
        elif src.startswith("/*", i):
            j = src.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", src[i:j])); i = j
        elif src.startswith('"""', i):
            j = src.find('"""', i + 3)
            j = n if j < 0 else j + 3
            out.append(re.sub(r"[^\n]", " ", src[i:j])); i = j
        elif c in "\"'":
            j = i + 1
            while j < n and src[j] != c:
                j += 2 if src[j] == "\\" else 1
            out.append(" " * (j + 1 - i)); i = j + 1
        else:
            out.append(c); i += 1
    return "".join(out)


DECL = re.compile(r"\b(record|class|interface|enum)\s+\w+")
KEYWORDS = {"if", "for", "while", "switch", "catch", "synchronized", "return", "new", "else", "try", "do"}


def methods(path):
    lines = strip(open(path, encoding="utf-8").read()).split("\n")
    found = []
    for i, line in enumerate(lines):
        m = SIG.match(line) or CTOR.match(line)
        if not m or m.group(1) in KEYWORDS or line.rstrip().endswith(";") or DECL.search(line):
            continue
        depth, started = 0, False
        for j in range(i, len(lines)):
            if not started and ";" in lines[j] and "{" not in lines[j]:
                break
            for ch in lines[j]:
                if ch == "{":
                    depth += 1; started = True
                elif ch == "}":
                    depth -= 1
            if started and depth <= 0:
                found.append((j - i + 1, m.group(1), i + 1))
                break
    return found


def main():
    total_cycles = 0
    long_files, longest, per_module = [], (0, "", "", 0), {}
    for name, d in modules():
        cycles = package_cycles(os.path.join(d, "target/classes"))
        if cycles is None:
            print(f"{name}: not compiled (run ./mvnw -DskipTests package first)")
        else:
            total_cycles += len(cycles)
            print(f"{name}: {len(cycles)} package cycle(s)" + "".join(f"\n    {' <-> '.join(c)}" for c in cycles))
        for f in glob.glob(os.path.join(d, "src/main/java/**/*.java"), recursive=True):
            n = sum(1 for _ in open(f, encoding="utf-8"))
            rel = os.path.relpath(f, ROOT)
            if n > 300:
                long_files.append((n, rel))
            for length, method, line in methods(f):
                if length > longest[0]:
                    longest = (length, rel, method, line)
                if length > per_module.get(name, (0,))[0]:
                    per_module[name] = (length, rel, method, line)
    print(f"\npackage cycles in all: {total_cycles}")
    print(f"main files over 300 lines: {len(long_files)}")
    for n, rel in sorted(long_files, reverse=True):
        print(f"    {n:5d} {rel}")
    print(f"longest method: {longest[0]} lines, {longest[2]} in {longest[1]}:{longest[3]}")
    for name, (length, rel, method, line) in sorted(per_module.items()):
        print(f"    {name}: {length} lines, {method} in {rel}:{line}")


if __name__ == "__main__":
    main()
