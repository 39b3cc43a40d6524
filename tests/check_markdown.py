#!/usr/bin/env python3
"""Checks the generated Markdown reference against the four CSVs.

usage: check_markdown.py MARKDOWN REPLIES REASONS ENHANCED SUBCODES

The file is rendered the way GitHub reads it, with cmark-gfm and GitHub's
extensions (`cmark-gfm -e table -e strikethrough -e autolink --to html`,
which puts a comment in place of any raw HTML), and the HTML is parsed with
html.parser. The CSVs are read
with Python's csv module, never through smtpgen. Checked:

  - the output holds no raw HTML (no comment, no element the template does
    not write: a value's < > & * _ ` ~ [ ] | must have been escaped), and
    every "#..." link lands on a heading's GitHub anchor (the only other
    links: the RFCs, and a bare URL in a value, which GitHub links too);
  - the headings, and the source list: each CSV's file name, row count and
    SHA-256;
  - the five tables (Reply codes, Gateway reasons, Enhanced status codes,
    Classes, Subjects), each under its heading: the header cells, the
    number of cells of every row, in the Markdown source (unescaped pipes)
    and in the HTML, and every row against its CSV row, in CSV order, each
    cell's rendered text equal to the CSV value exactly (a tab, the only
    control character a table may hold, as a space); the History cell of a
    reply, reason or enhanced code is composed from the optional columns
    (since, deprecated, replaced_by, aliases; read by header name, so any
    may be absent): "Since V.", "Deprecated in V; use NAME." (X.S.D (NAME)
    for an enhanced code, no "use" without a replacement) and "Formerly
    OLD." per alias, or empty.

Prints one line per table ("replies: 18 rows ok"); on a mismatch prints
each one (at most 40) naming the table, the row (and its CSV line) and the
column, and exits 1. Exits 2 when cmark-gfm is missing or fails.
"""

import csv
import hashlib
import os
import re
import shutil
import subprocess
import sys

RFC5321_CLASS = {2: "Positive Completion", 3: "Positive Intermediate",
                 4: "Transient Negative Completion", 5: "Permanent Negative Completion"}

# What the template writes; anything else in the HTML came from a value.
ALLOWED = {"h1", "h2", "p", "ul", "ol", "li", "a", "strong", "code", "pre",
           "table", "thead", "tbody", "tr", "th", "td"}

HEADINGS = ["Reading a reply", "Reply codes", "Gateway reasons", "Enhanced status codes",
            "Classes", "Subjects"]
COLUMNS = {
    "replies": ["Code", "Name", "Class", "Description", "History"],
    "reasons": ["Code", "Symbol", "Name", "Description", "History"],
    "enhanced": ["Code", "Name", "Sample text", "Description", "Basic codes", "Reference",
                 "History"],
    "classes": ["Class", "Name", "Title"],
    "subjects": ["Subject", "Name", "Title"],
}
TABLE_HEADING = {"replies": "Reply codes", "reasons": "Gateway reasons",
                 "enhanced": "Enhanced status codes", "classes": "Classes",
                 "subjects": "Subjects"}


# The HTML tree of check_html_text.py, also keeping what is no element of
# ours (comments, declarations), which GitHub would show or drop.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_html_text  # noqa: E402
from check_html_text import read_csv  # noqa: E402


class Tree(check_html_text.Tree):
    def __init__(self):
        super().__init__()
        self.raw = []

    def handle_comment(self, data):
        self.raw.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.raw.append(f"<!{decl}>")

    def handle_pi(self, data):
        self.raw.append(f"<?{data}>")

    def unknown_decl(self, data):
        self.raw.append(f"<![{data}]>")


def elements(node):
    return [c for c in node.children if not isinstance(c, str)]


def shown(value):
    """A value as the Markdown shows it: control characters as spaces."""
    return re.sub(r"[\x00-\x1f\x7f]", " ", value)


def github_anchor(heading):
    """GitHub's anchor for a heading: lower case, punctuation other than
    - and _ dropped, each blank a -."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def autolink(node):
    """Whether node is a link GitHub makes of a bare URL in a value (the
    autolink extension): an <a> holding only its own address as text."""
    text = node.text()
    return (node.tag == "a" and not elements(node)
            and node.attrs.get("href") in (text, "http://" + text, "mailto:" + text))


def source_cells(line):
    """The cells of a GFM table row in the Markdown source: split at pipes
    that no backslash escapes, without the leading and trailing pipe."""
    cells, cell, i = [], "", 0
    body = line.strip()
    while i < len(body):
        c = body[i]
        if c == "\\" and i + 1 < len(body):
            cell += body[i:i + 2]
            i += 2
            continue
        if c == "|":
            cells.append(cell)
            cell = ""
        else:
            cell += c
        i += 1
    cells.append(cell)
    if body.startswith("|"):
        cells = cells[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        cells = cells[:-1]
    return cells


def die(message):
    print(f"check_markdown: {message}", file=sys.stderr)
    sys.exit(2)


def render(path):
    cmark = shutil.which("cmark-gfm")
    if not cmark:
        die("cmark-gfm not found; install the Debian package "
                 "cmark-gfm (make deps)")
    try:
        run = subprocess.run([cmark, "-e", "table", "-e", "strikethrough", "-e", "autolink",
                              "--to", "html", path],
                             capture_output=True, timeout=60)
    except subprocess.TimeoutExpired:
        die(f"cmark-gfm took over 60 seconds on {path}")
    if run.returncode != 0:
        die(f"cmark-gfm failed on {path} (exit {run.returncode}): "
                 + run.stderr.decode("utf-8", "replace").strip())
    try:
        return run.stdout.decode("utf-8")
    except UnicodeDecodeError as e:
        die(f"cmark-gfm's HTML for {path} is not UTF-8: {e}")


def main(argv):
    if len(argv) != 5:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    md_path, replies_path, reasons_path, enhanced_path, subcodes_path = argv
    paths = {"replies": replies_path, "reasons": reasons_path,
             "enhanced": enhanced_path, "subcodes": subcodes_path}
    replies, reasons = read_csv(replies_path), read_csv(reasons_path)
    enhanced, subcodes = read_csv(enhanced_path), read_csv(subcodes_path)
    by_name = {e["name"]: e for e in enhanced}

    def history(row, enhanced_row=False):
        """The History cell: the row's marks (check_html_text.history_marks),
        in order, separated by blanks."""
        kind = "enhanced" if enhanced_row else "row"
        return " ".join(mark[1] for mark in check_html_text.history_marks(row, kind, by_name))

    want_rows = {
        "replies": [[r["code"], r["name"], RFC5321_CLASS.get(int(r["code"]) // 100, "?"),
                     r["description"], history(r)] for r in replies],
        "reasons": [[r["code"], r["symbol"], r["name"], r["description"], history(r)]
                    for r in reasons],
        "enhanced": [[f"X.{e['subject']}.{e['detail']}", e["name"], e["text"],
                      e["description"], e["basic_codes"], e["reference"], history(e, True)]
                     for e in enhanced],
        "classes": [[f"{r['code']}.X.X", r["name"], r["title"]]
                    for r in subcodes if r["kind"] == "class"],
        "subjects": [[f"X.{r['code']}.X", r["name"], r["title"]]
                     for r in subcodes if r["kind"] == "subject"],
    }
    # The CSV line of each row, for the messages (no field spans lines).
    csv_line = {t: list(range(2, len(rows) + 2)) for t, rows in want_rows.items()}
    csv_line["classes"] = [i + 2 for i, r in enumerate(subcodes) if r["kind"] == "class"]
    csv_line["subjects"] = [i + 2 for i, r in enumerate(subcodes) if r["kind"] == "subject"]

    with open(md_path, encoding="utf-8") as f:
        source = f.read()
    parser = Tree()
    parser.feed(render(md_path))
    parser.close()
    root = parser.root

    failures = []

    def fail(what):
        failures.append(what)

    # No raw HTML, no element that only a value could have made.
    for raw in parser.raw:
        fail(f"raw HTML in the output: {raw}")
    for n in root.walk():
        if n.tag not in ALLOWED:
            fail(f"unexpected <{n.tag}> in the output (text {n.text()[:60]!r})")

    # Headings and their anchors.
    h1 = [n.text() for n in root.walk() if n.tag == "h1"]
    if h1 != ["SMTP reply codes, gateway reasons and enhanced status codes"]:
        fail(f"the h1 headings are {h1}")
    h2 = [n.text() for n in root.walk() if n.tag == "h2"]
    if h2 != HEADINGS:
        fail(f"the h2 headings are {h2}, wanted {HEADINGS}")
    anchors = {github_anchor(h) for h in h1 + h2}
    for a in (n for n in root.walk() if n.tag == "a"):
        href = a.attrs.get("href", "")
        if href.startswith("#"):
            if href[1:] not in anchors:
                fail(f"link {href} ({a.text()!r}) lands on no heading")
        elif not href.startswith("https://www.rfc-editor.org/rfc/") and not autolink(a):
            fail(f"link to {href!r} ({a.text()!r})")

    # The source list: file name, rows and SHA-256 of each CSV.
    items = [" ".join(n.text().split()) for n in root.walk() if n.tag == "li"]
    for role, path in paths.items():
        with open(path, "rb") as f:
            digest = hashlib.sha256(f.read()).hexdigest()
        with open(path, newline="", encoding="utf-8") as f:
            nrows = len(list(csv.reader(f))) - 1
        want = f"{os.path.basename(path)}: {nrows} rows, SHA-256 {digest}"
        if want not in items:
            fail(f"sources: no list item reads {want!r}")

    # Each table under its heading, in document order.
    tables, heading = {}, None
    for n in root.walk():
        if n.tag == "h2":
            heading = n.text()
        elif n.tag == "table":
            name = next((t for t, h in TABLE_HEADING.items() if h == heading), None)
            if name is None or name in tables:
                fail(f"a table under {heading!r}, where none belongs")
            else:
                tables[name] = n

    # The Markdown source's table rows, by the table they follow.
    source_rows, current, in_table = {}, None, False
    for number, line in enumerate(source.splitlines(), 1):
        m = re.match(r"## (.*)", line)
        if m:
            current = next((t for t, h in TABLE_HEADING.items() if h == m.group(1)), None)
        if line.startswith("|"):
            source_rows.setdefault(current, []).append((number, line))
            in_table = True
        elif in_table and line.strip():
            fail(f"line {number}: {line[:60]!r} right after a table row (a row broken "
                 f"over lines?)")
            in_table = False
        else:
            in_table = False

    counts = []
    for name, columns in COLUMNS.items():
        before = len(failures)
        table = tables.get(name)
        if table is None:
            fail(f"{name}: no table under the heading {TABLE_HEADING[name]!r}")
            continue
        for number, line in source_rows.get(name, []):
            n = len(source_cells(line))
            if n != len(columns):
                fail(f"{name}: Markdown line {number} has {n} cells, wanted {len(columns)}: "
                     f"{line[:80]!r}")
        trs = [n for n in table.walk() if n.tag == "tr"]
        head = [n for n in table.walk() if n.tag == "thead"]
        head_rows = [n for n in head[0].walk() if n.tag == "tr"] if head else []
        if len(head_rows) != 1:
            fail(f"{name}: {len(head_rows)} header rows")
            continue
        got = [c.text() for c in elements(head_rows[0])]
        if got != columns or any(c.tag != "th" for c in elements(head_rows[0])):
            fail(f"{name}: header cells {got}, wanted {columns}")
        body = [tr for tr in trs if tr is not head_rows[0]]
        want = want_rows[name]
        if len(body) != len(want):
            fail(f"{name}: {len(body)} rows, the CSV has {len(want)}")
        for i, (tr, row) in enumerate(zip(body, want)):
            where = f"{name} row {i + 1} (CSV line {csv_line[name][i]})"
            cells = elements(tr)
            if len(cells) != len(columns) or any(c.tag != "td" for c in cells):
                fail(f"{where}: {len(cells)} cells {[c.tag for c in cells]}, "
                     f"wanted {len(columns)} td")
            for column, cell, value in zip(columns, cells, row):
                inner = [e.tag for e in cell.walk() if not autolink(e)]
                if inner:
                    fail(f"{where}, column {column}: markup {inner} inside the cell")
                if cell.text() != shown(value):
                    fail(f"{where}, column {column}: {cell.text()!r}, "
                         f"wanted {shown(value)!r}")
        if len(failures) == before:
            counts.append(f"{name}: {len(body)} rows ok")

    for line in counts:
        print(line)
    for what in failures[:40]:
        print(f"check_markdown: {md_path}: {what}")
    if len(failures) > 40:
        print(f"check_markdown: ... and {len(failures) - 40} more")
    if failures:
        print(f"check_markdown: {len(failures)} problems")
        return 1
    return 0


sys.exit(main(sys.argv[1:]))
