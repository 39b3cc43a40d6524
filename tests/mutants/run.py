#!/usr/bin/env python3
"""make mutants: measures the test suite by breaking the code on purpose.

Each mutant in tests/mutants/mutants.txt changes one line of the generator,
a template or a table (from: the text as it is, to: what it becomes). For
each, a copy of the working tree is mutated, the generator and the unit
tests rebuilt, then make all (which regenerates out/ with the mutant and
builds smtpcode on its header) and the mutant's checks are run, each under
a time limit. A check that fails, make all included, kills the mutant; a
mutant that every check passes survives. A mutant whose text is no longer in its file
(or is there more than once, without nth:) is reported as stale, and one
that does not build as invalid: both fail the run, as a survivor does, so
that the list keeps up with the code.

Prints one line per mutant and "mutants: K killed, S survived" last; exits
1 unless every mutant was killed. The working tree is never changed.

usage: tests/mutants/run.py [NAME-SUBSTRING...]   (from the repository root)
"""
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LIST = os.path.join(ROOT, "tests", "mutants", "mutants.txt")
CHECK_SECONDS = 600


def read_mutants(path):
    """The mutants of the list: dicts of name, file, from, to, nth, checks
    (blocks of "key: value" lines, a blank line or a "#" comment between)."""
    mutants, current = [], None
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            key, sep, value = line.partition(": ")
            if not sep:
                raise SystemExit("%s:%d: not 'key: value': %r" % (path, number, line))
            if key == "mutant":
                current = {"name": value, "checks": [], "nth": 0, "line": number}
                mutants.append(current)
            elif current is None:
                raise SystemExit("%s:%d: %s before the first mutant" % (path, number, key))
            elif key in ("file", "from", "to"):
                current[key] = value
            elif key == "nth":
                current["nth"] = int(value)
            elif key == "check":
                current["checks"].append(value)
            else:
                raise SystemExit("%s:%d: unknown key %r" % (path, number, key))
    for m in mutants:
        missing = [k for k in ("file", "from", "to") if k not in m] + \
            ([] if m["checks"] else ["check"])
        if missing:
            raise SystemExit("%s:%d: mutant %r lacks %s" % (path, m["line"], m["name"],
                                                           ", ".join(missing)))
    return mutants


def copy_tree(dest):
    """The working tree's tracked files as they are now, into dest, with the
    npm packages linked rather than copied."""
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, check=True,
                           capture_output=True).stdout.decode().split("\0")
    for rel in filter(None, files):
        src = os.path.join(ROOT, rel)
        if not os.path.lexists(src):
            continue
        os.makedirs(os.path.dirname(os.path.join(dest, rel)), exist_ok=True)
        shutil.copy2(src, os.path.join(dest, rel), follow_symlinks=False)
    modules = os.path.join(ROOT, "tests", "node_modules")
    if os.path.isdir(modules):
        os.symlink(modules, os.path.join(dest, "tests", "node_modules"))


def mutate(tree, m):
    """Applies m in tree; None, or why it cannot be applied (stale)."""
    path = os.path.join(tree, m["file"])
    with open(path, encoding="utf-8") as f:
        text = f.read()
    count = text.count(m["from"])
    if count == 0:
        return "its text is not in %s" % m["file"]
    if count > 1 and not m["nth"]:
        return "its text is in %s %d times (give nth:)" % (m["file"], count)
    at = -1
    for _ in range(max(m["nth"], 1)):
        at = text.find(m["from"], at + 1)
        if at < 0:
            return "%s has fewer than %d occurrences" % (m["file"], m["nth"])
    with open(path, "w", encoding="utf-8") as f:
        f.write(text[:at] + m["to"] + text[at + len(m["from"]):])
    return None


def run(cmd, cwd, seconds):
    """0 when cmd passes within seconds, else its status (124: timed out)."""
    try:
        return subprocess.run(["sh", "-c", cmd], cwd=cwd, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, timeout=seconds).returncode
    except subprocess.TimeoutExpired:
        return 124


def main():
    wanted = sys.argv[1:]
    mutants = [m for m in read_mutants(LIST)
               if not wanted or any(w in m["name"] for w in wanted)]
    base = tempfile.mkdtemp(prefix="smtpgen-mutants-")
    killed = survived = bad = 0
    try:
        pristine = os.path.join(base, "pristine")
        copy_tree(pristine)
        # The suite must pass on the unmutated tree, or no mutant says anything.
        if run("make -s all unit-tests", pristine, CHECK_SECONDS) != 0:
            raise SystemExit("mutants: the unmutated tree does not build")
        checks = sorted({c for m in mutants for c in m["checks"]})
        for c in checks:
            if run(c, pristine, CHECK_SECONDS) != 0:
                raise SystemExit("mutants: the check %r fails on the unmutated tree" % c)
        for m in mutants:
            tree = os.path.join(base, "mutant")
            shutil.rmtree(tree, ignore_errors=True)
            shutil.copytree(pristine, tree, symlinks=True)
            why = mutate(tree, m)
            if why:
                bad += 1
                print("STALE     %s: %s" % (m["name"], why))
                continue
            # The mutated generator must build; then make all regenerates
            # out/ and builds smtpcode on the new header, which a broken
            # artifact can already fail (the compiler is a check too).
            if run("make -s gen/smtpgen unit-tests", tree, CHECK_SECONDS) != 0:
                bad += 1
                print("INVALID   %s: does not build" % m["name"])
                continue
            by = next((c for c in ["make -s all"] + m["checks"]
                       if run(c, tree, CHECK_SECONDS) != 0), None)
            if by:
                killed += 1
                print("killed    %s (by %s)" % (m["name"], by))
            else:
                survived += 1
                print("SURVIVED  %s (%s: %s -> %s)" % (m["name"], m["file"], m["from"].strip(),
                                                     m["to"].strip()))
            sys.stdout.flush()
    finally:
        shutil.rmtree(base, ignore_errors=True)
    print("mutants: %d killed, %d survived%s" % (killed, survived,
                                                ", %d stale or invalid" % bad if bad else ""))
    return 0 if survived == 0 and bad == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
