#!/usr/bin/env python3
"""Checks the man page and the HTML page made from a hostile table against
the same pages made from its "twin": the same table with every description
and symbol replaced by a plain word (twinreply3, twinreason5, twinsymbol5).
A value that escaped its place would show up as a difference in structure.

  check.py twin REPLIES REASONS DIR
      writes the twin tables into DIR under the same file names
  check.py man PAGE TWIN_PAGE REPLIES REASONS
      mandoc -Tlint -W warning reports nothing; mandoc's syntax tree of PAGE
      (-Ttree) has exactly the nodes of TWIN_PAGE's (no request, macro or
      line break was injected); where the twin has a placeholder, PAGE has a
      single text node that decodes to the value, using only the escapes
      escape_roff() documents; and the text mandoc renders for a terminal
      (-Tutf8) shows every value
  check.py html PAGE TWIN_PAGE REPLIES REASONS
      Python's html.parser sees the same elements, attributes, comments and
      script and style text in PAGE as in TWIN_PAGE; where the twin has a
      placeholder, PAGE has one text node equal to the value

The CSVs are read with Python's csv module, independently of smtpgen. Prints
one line per check run and exits 1 when any fails."""
import csv
import html.parser
import os
import re
import subprocess
import sys
import unicodedata


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def values(replies_path, reasons_path):
    """Maps each placeholder to the value it stands for, and returns it with
    the twin tables' rows."""
    mapping = {}
    rh, replies = read(replies_path)
    sh, reasons = read(reasons_path)
    twin_replies, twin_reasons = [], []
    for i, (name, code, description) in enumerate(replies):
        mapping[f"twinreply{i}"] = description
        twin_replies.append([name, code, f"twinreply{i}"])
    for i, (name, symbol, code, description) in enumerate(reasons):
        mapping[f"twinreason{i}"] = description
        mapping[f"twinsymbol{i}"] = symbol
        twin_reasons.append([name, f"twinsymbol{i}", code, f"twinreason{i}"])
    return mapping, (rh, twin_replies), (sh, twin_reasons)


def twin(replies_path, reasons_path, folder):
    _, replies, reasons = values(replies_path, reasons_path)
    for path, (header, rows) in ((replies_path, replies), (reasons_path, reasons)):
        with open(os.path.join(folder, os.path.basename(path)), "w", newline="",
                  encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(header)
            w.writerows(rows)
    return []


# --- man page ---------------------------------------------------------------

TREE_TEXT = re.compile(r"^(\s*)(.*) \(text\) \*?\d+:\d+\)?\.?$")
TREE_NODE = re.compile(r"^(\s*)(\S+) \((\w+)\)")


def mandoc(*args):
    run = subprocess.run(["mandoc", *args], capture_output=True,
                         env=dict(os.environ, LC_ALL="C.UTF-8"))
    return run.returncode, run.stdout.decode("utf-8"), run.stderr.decode("utf-8")


def tree(page):
    """mandoc's syntax tree as (shape, raw text) pairs: shape is the node
    without its source position, raw text is None for a node that is not
    text."""
    rc, out, err = mandoc("-Ttree", page)
    if rc != 0:
        raise SystemExit(f"man: mandoc -Ttree {page} failed: {err}")
    nodes = []
    for line in out.splitlines():
        m = TREE_TEXT.match(line)
        if m:
            nodes.append((m.group(1) + "(text)", m.group(2)))
            continue
        m = TREE_NODE.match(line)
        nodes.append((f"{m.group(1)}{m.group(2)} ({m.group(3)})" if m else line, None))
    return nodes


GLYPHS = {"aq": "'", "ga": "`", "dq": '"', "ha": "^", "ti": "~"}


def decode_roff(raw):
    """Decodes the escapes escape_roff() writes; anything else is an error."""
    out, i = [], 0
    while i < len(raw):
        c = raw[i]
        if c != "\\":
            out.append(c)
            i += 1
            continue
        nxt = raw[i + 1:i + 2]
        if nxt == "&":
            i += 2
        elif nxt == "e":
            out.append("\\")
            i += 2
        elif nxt == "-":
            out.append("-")
            i += 2
        elif nxt == "~":
            out.append("\u00a0")
            i += 2
        elif nxt == "(" and raw[i + 2:i + 4] in GLYPHS:
            out.append(GLYPHS[raw[i + 2:i + 4]])
            i += 4
        else:
            m = re.match(r"\\\[u([0-9A-F]{4,6})\]", raw[i:])
            if not m:
                raise ValueError(f"unexpected escape {raw[i:i + 8]!r}")
            out.append(chr(int(m.group(1), 16)))
            i += m.end()
    return "".join(out)


def roff_shows(value):
    """What escape_roff() promises the page shows: the value, with control
    characters (TAB among them) as blanks."""
    return "".join(" " if unicodedata.category(c) == "Cc" else c for c in value)


def visible(text):
    """Text as a terminal shows it, for comparison: no overstrike, no
    characters without a glyph (format characters, line and paragraph
    separators, which mandoc -Tutf8 leaves out), blanks of any kind as one."""
    text = re.sub(".\b", "", text)
    text = "".join(c for c in text if unicodedata.category(c) not in ("Cf", "Zl", "Zp"))
    return " ".join(text.split())


def check_man(page, twin_page, replies_path, reasons_path):
    problems = []
    mapping = values(replies_path, reasons_path)[0]
    rc, out, err = mandoc("-Tlint", "-W", "warning", page)
    if rc != 0 or out or err:
        problems.append(f"mandoc -Tlint -W warning: {(out + err).strip()[:500]}")
    got, want = tree(page), tree(twin_page)
    if [shape for shape, _ in got] != [shape for shape, _ in want]:
        for i, (g, w) in enumerate(zip(got + [("<end>", None)], want + [("<end>", None)])):
            if g[0] != w[0]:
                problems.append(f"the syntax tree differs from the twin's at node {i}: "
                                f"{g[0].strip()} {str(g[1])[:80]!r} where the twin has "
                                f"{w[0].strip()} {str(w[1])[:80]!r}")
                break
        return problems
    seen = 0
    for (_, raw), (_, placeholder) in zip(got, want):
        if placeholder is None or placeholder not in mapping:
            continue
        seen += 1
        value = mapping[placeholder]
        try:
            text = decode_roff(raw)
        except ValueError as e:
            problems.append(f"{placeholder}: {e} in {raw[:120]!r}")
            continue
        if text != roff_shows(value):
            problems.append(f"{placeholder}: the page's text {text[:120]!r} is not "
                            f"the value {value[:120]!r}")
    missing = set(mapping) - {p for _, p in want if p}
    if missing:
        problems.append(f"the twin page never shows {sorted(missing)[:5]}")
    if seen == 0:
        problems.append("no value found in the page")
    rc, out, err = mandoc("-Tutf8", "-O", "width=1000", page)
    shown = visible(out)
    for placeholder, value in mapping.items():
        if visible(roff_shows(value)) not in shown:
            problems.append(f"{placeholder}: mandoc -Tutf8 does not show {value[:120]!r}")
    return problems


# --- HTML page --------------------------------------------------------------

class Events(html.parser.HTMLParser):
    """Every parser event in order, with consecutive text joined."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.events = []
        self.stack = []

    def add(self, kind, *rest):
        self.events.append((kind, *rest))

    def handle_starttag(self, tag, attrs):
        self.add("start", tag, tuple(attrs))
        self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.add("startend", tag, tuple(attrs))

    def handle_endtag(self, tag):
        self.add("end", tag)
        if tag in self.stack:
            del self.stack[len(self.stack) - 1 - self.stack[::-1].index(tag):]

    def handle_data(self, data):
        inside = self.stack[-1] if self.stack else ""
        if self.events and self.events[-1][0] == "text" and self.events[-1][2] == inside:
            self.events[-1] = ("text", self.events[-1][1] + data, inside)
        else:
            self.add("text", data, inside)

    def handle_comment(self, data):
        self.add("comment", data)

    def handle_decl(self, decl):
        self.add("decl", decl)

    def handle_pi(self, data):
        self.add("pi", data)

    def unknown_decl(self, data):
        self.add("unknown", data)


def parse_html(page):
    p = Events()
    with open(page, encoding="utf-8") as f:
        p.feed(f.read())
    p.close()
    return p.events


HEX64 = re.compile(r"[0-9a-f]{64}")


def check_html(page, twin_page, replies_path, reasons_path):
    problems = []
    mapping = values(replies_path, reasons_path)[0]
    got, want = parse_html(page), parse_html(twin_page)
    if len(got) != len(want):
        problems.append(f"{len(got)} parser events where the twin has {len(want)}")
    seen = set()
    for i, (g, w) in enumerate(zip(got, want)):
        if g[0] != w[0] or (g[0] != "text" and g != w):
            problems.append(f"event {i}: {str(g)[:160]} where the twin has {str(w)[:160]}")
            break
        if g[0] != "text":
            continue
        if g[2] in ("script", "style"):
            if g != w:
                problems.append(f"event {i}: the {g[2]} element's text differs from the twin's")
            continue
        if w[1] in mapping:
            seen.add(w[1])
            if g[1] != mapping[w[1]]:
                problems.append(f"{w[1]}: the page's text {g[1][:120]!r} is not the value "
                                f"{mapping[w[1]][:120]!r}")
        elif g[1] != w[1] and not (HEX64.fullmatch(g[1]) and HEX64.fullmatch(w[1])):
            # Only the tables' digests may differ between the two pages.
            problems.append(f"event {i}: text {g[1][:80]!r} where the twin has {w[1][:80]!r}")
    missing = set(mapping) - seen
    if missing:
        problems.append(f"never found in its place: {sorted(missing)[:5]}")
    return problems


def main():
    what, args = sys.argv[1], sys.argv[2:]
    if what == "twin":
        twin(*args)
        return 0
    problems = {"man": check_man, "html": check_html}[what](*args)
    for p in problems[:20]:
        print(f"{what}: {args[0]}: FAIL {p}")
    if not problems:
        print(f"{what}: {args[0]}: every value in its place, exactly, nothing injected")
    return 1 if problems else 0


sys.exit(main())
