#!/usr/bin/env python3
"""Checks the man page and the HTML page made from hostile tables against
the same pages made from their "twin": the same tables with every free-text
value replaced by a plain word: a reply's description (twinreply3), a
reason's description and symbol (twinreason5, twinsymbol5), an enhanced
code's sample text, description and reference (twinetext2, twinedesc2,
twineref2) and a class's or subject's title (twinetitle4, numbered by row
of the subcode table). An empty value (the text of a deprecated row) stays
empty, so that the twin takes the same sections. Names, codes, basic codes,
versions and replaced_by keep their values: smtpgen checks their syntax.
A value that escaped its place would show up as a difference in structure.

  check.py twin REPLIES REASONS [ENHANCED SUBCODES] DIR
      writes the twin tables into DIR under the same file names
  check.py man PAGE TWIN_PAGE REPLIES REASONS [ENHANCED SUBCODES]
      mandoc -Tlint -W warning reports nothing; mandoc's syntax tree of PAGE
      (-Ttree) has exactly the nodes of TWIN_PAGE's (no request, macro or
      line break was injected); where the twin's text node holds
      placeholders, PAGE's decodes, using only the escapes escape_roff()
      documents, to the twin's text with each placeholder replaced by its
      value (a value has a text line of its own, or shares one with the
      template's words, as a subject's heading does); every other text node
      is the twin's (but for the tables' digests); every value is in the
      twin page; and the text mandoc renders for a terminal (-Tutf8) shows
      every value
  check.py html PAGE TWIN_PAGE REPLIES REASONS [ENHANCED SUBCODES]
      Python's html.parser sees the same elements, comments and script and
      style text in PAGE as in TWIN_PAGE; where the twin's text or attribute
      value holds placeholders, PAGE's equals it with each placeholder
      replaced by its value, and everywhere else PAGE's equals the twin's
      (but for the tables' digests); every value is in the twin page

Without ENHANCED and SUBCODES the pages are taken to come from smtpgen's
shipped enhanced tables, which both carry unchanged.

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


PLACEHOLDER = re.compile(r"twin(?:reply|reason|symbol|etext|edesc|eref|etitle)[0-9]+")


def values(replies_path, reasons_path, enhanced_path=None, subcodes_path=None):
    """Maps each placeholder to the value it stands for, and returns it with
    the twin tables as (path, header, rows)."""
    mapping = {}

    def stand_in(value, placeholder):
        if value == "":
            return ""
        mapping[placeholder] = value
        return placeholder

    rh, replies = read(replies_path)
    sh, reasons = read(reasons_path)
    twin_replies, twin_reasons = [], []
    for i, (name, code, description) in enumerate(replies):
        twin_replies.append([name, code, stand_in(description, f"twinreply{i}")])
    for i, (name, symbol, code, description) in enumerate(reasons):
        twin_reasons.append([name, stand_in(symbol, f"twinsymbol{i}"), code,
                             stand_in(description, f"twinreason{i}")])
    tables = [(replies_path, rh, twin_replies), (reasons_path, sh, twin_reasons)]
    if enhanced_path is not None:
        eh, enhanced = read(enhanced_path)
        uh, subcodes = read(subcodes_path)
        twin_enhanced, twin_subcodes = [], []
        for i, (name, subject, detail, text, basic_codes, reference, deprecated,
                replaced_by, description) in enumerate(enhanced):
            twin_enhanced.append([name, subject, detail, stand_in(text, f"twinetext{i}"),
                                  basic_codes, stand_in(reference, f"twineref{i}"),
                                  deprecated, replaced_by,
                                  stand_in(description, f"twinedesc{i}")])
        for i, (kind, code, name, title) in enumerate(subcodes):
            twin_subcodes.append([kind, code, name, stand_in(title, f"twinetitle{i}")])
        tables += [(enhanced_path, eh, twin_enhanced), (subcodes_path, uh, twin_subcodes)]
    return mapping, tables


def twin(*args):
    *tables, folder = args
    for path, header, rows in values(*tables)[1]:
        with open(os.path.join(folder, os.path.basename(path)), "w", newline="",
                  encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(header)
            w.writerows(rows)
    return []


def pieces(twin_text, mapping):
    """Splits a text of the twin page into template text (even positions)
    and placeholders (odd positions); None when it holds no placeholder."""
    parts = PLACEHOLDER.split(twin_text)
    names = PLACEHOLDER.findall(twin_text)
    if not any(n in mapping for n in names):
        return None
    out = [parts[0]]
    for name, after in zip(names, parts[1:]):
        if name in mapping:
            out += [name, after]
        else:
            out[-1] += name + after
    return out


def substitute(twin_text, mapping, decode=lambda text: text, show=lambda value: value):
    """The twin's text with each placeholder replaced by show(its value) and
    the template's text around them decoded; with the placeholders found."""
    parts = pieces(twin_text, mapping)
    text = "".join(show(mapping[p]) if i % 2 else decode(p) for i, p in enumerate(parts))
    return text, parts[1::2]


HEX64 = re.compile(r"[0-9a-f]{64}")


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


DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def check_man(page, twin_page, *tables):
    problems = []
    mapping = values(*tables)[0]
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
    seen = set()
    for i, ((_, raw), (_, twin_raw)) in enumerate(zip(got, want)):
        if twin_raw is None:
            continue
        if pieces(twin_raw, mapping) is None:
            # Only the tables' digests, and the date should the two runs
            # straddle midnight, may differ.
            if raw != twin_raw and not (HEX64.fullmatch(raw) and HEX64.fullmatch(twin_raw)) \
                    and not (DATE.fullmatch(raw) and DATE.fullmatch(twin_raw)):
                problems.append(f"node {i}: text {raw[:80]!r} where the twin has "
                                f"{twin_raw[:80]!r}")
            continue
        try:
            want_text, found = substitute(twin_raw, mapping, decode_roff, roff_shows)
            text = decode_roff(raw)
        except ValueError as e:
            problems.append(f"node {i} ({twin_raw[:60]!r}): {e} in {raw[:120]!r}")
            continue
        seen.update(found)
        if text != want_text:
            problems.append(f"{', '.join(found)[:60]}: the page's text {text[:120]!r} is "
                            f"not {want_text[:120]!r}")
    missing = set(mapping) - seen
    if missing:
        problems.append(f"the twin page never shows {sorted(missing)[:5]}"
                        f"{f' and {len(missing) - 5} more' if len(missing) > 5 else ''}")
    if not seen:
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


def check_html(page, twin_page, *tables):
    problems = []
    mapping = values(*tables)[0]
    got, want = parse_html(page), parse_html(twin_page)
    if len(got) != len(want):
        problems.append(f"{len(got)} parser events where the twin has {len(want)}")
    seen = set()

    def same(value, twin_value, where):
        """Is the page's text or attribute value the twin's, placeholders
        replaced?"""
        if value is None or twin_value is None:
            return value == twin_value
        if pieces(twin_value, mapping) is None:
            # Only the tables' digests may differ between the two pages.
            return value == twin_value or bool(HEX64.fullmatch(value)
                                               and HEX64.fullmatch(twin_value))
        text, found = substitute(twin_value, mapping)
        seen.update(found)
        if value != text:
            problems.append(f"{', '.join(found)[:60]} ({where}): the page has "
                            f"{value[:120]!r} where it should have {text[:120]!r}")
        return True

    for i, (g, w) in enumerate(zip(got, want)):
        if g[0] != w[0]:
            problems.append(f"event {i}: {str(g)[:160]} where the twin has {str(w)[:160]}")
            break
        if g[0] in ("start", "startend"):
            names_g = [a for a, _ in g[2]]
            names_w = [a for a, _ in w[2]]
            if g[1] != w[1] or names_g != names_w:
                problems.append(f"event {i}: {str(g)[:160]} where the twin has {str(w)[:160]}")
                break
            bad = [a for (a, v), (_, tv) in zip(g[2], w[2])
                   if not same(v, tv, f"attribute {a} of <{g[1]}>")]
            if bad:
                problems.append(f"event {i}: the attributes {bad} of {str(g)[:160]} differ "
                                f"from the twin's {str(w)[:160]}")
                break
            continue
        if g[0] != "text":
            if g != w:
                problems.append(f"event {i}: {str(g)[:160]} where the twin has {str(w)[:160]}")
                break
            continue
        if g[2] != w[2]:
            problems.append(f"event {i}: text inside <{g[2]}> where the twin's is inside "
                            f"<{w[2]}>")
            break
        if g[2] in ("script", "style"):
            if g != w:
                problems.append(f"event {i}: the {g[2]} element's text differs from the twin's")
            continue
        if not same(g[1], w[1], f"text inside <{g[2]}>"):
            problems.append(f"event {i}: text {g[1][:80]!r} where the twin has {w[1][:80]!r}")
    missing = set(mapping) - seen
    if missing:
        problems.append(f"never found in its place: {sorted(missing)[:5]}"
                        f"{f' and {len(missing) - 5} more' if len(missing) > 5 else ''}")
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
