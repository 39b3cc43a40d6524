#!/usr/bin/env python3
"""Checks the text of the generated HTML page against the four CSVs.

usage: check_html_text.py HTML REPLIES REASONS ENHANCED SUBCODES

The CSVs are read with Python's csv module, never from the JSON or from
smtpgen, and the page is parsed with html.parser into a small tree. Checked:

  - every id is unique and free of blanks, and every "#..." link lands on one;
  - the nav links the three tables, and the counts line (the page without
    script) reads "R reply codes, S reasons and E enhanced codes.";
  - each reply row (reply-NAME, in code order): its code, its description
    (td.desc > .detail), and exactly the enhanced codes whose basic codes
    name it, in table order, each linked to #enhanced-NAME with its sample
    text as title;
  - each reason row: its symbol, its code (linked to the reply row when
    there is one) and its description;
  - on every reply, reason and enhanced row, its history from the optional
    CSV columns (read by header name; any may be absent): the tr has the
    class "deprecated" exactly when the row is deprecated, and its
    description cell holds exactly these .mark spans, in order: "Since V."
    (.since), "Deprecated in V; use NAME." (.dep, the name linked to
    #TABLE-NAME; for an enhanced code "use X.S.D (NAME)" linking the
    replacement; no "use" and no link without replaced_by), and "Formerly
    OLD." (.alias) per alias, carrying the id TABLE-OLD, the row's anchor
    under its earlier name;
  - the enhanced table: one tbody per subject, in the order of the subcodes
    CSV, headed "X.S.X Title" (id subject-S), holding that subject's rows in
    table order; each row (enhanced-NAME) with its code, sample text,
    description, history, basic codes as listed, exactly those with a reply
    row linked to it, and reference;
  - the class and subject legends, the RFC links, and the footer's file
    names, row counts and SHA-256 digests.

Prints one line and exits 0 when all pass; otherwise prints each failure
(at most 40) and exits 1.
"""

import csv
import hashlib
import html.parser
import os
import re
import sys

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "source", "track", "wbr"}


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    def text(self):
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def walk(self):
        for c in self.children:
            if isinstance(c, Node):
                yield c
                yield from c.walk()

    def find_all(self, tag=None, cls=None, **attrs):
        for n in self.walk():
            if tag and n.tag != tag:
                continue
            if cls and cls not in n.attrs.get("class", "").split():
                continue
            if any(n.attrs.get(k) != v for k, v in attrs.items()):
                continue
            yield n

    def find(self, *args, **kwargs):
        return next(self.find_all(*args, **kwargs), None)

    def cells(self):
        return [c for c in self.children if isinstance(c, Node) and c.tag in ("th", "td")]


class Tree(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", [], None)
        self.at = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.at)
        self.at.children.append(node)
        if tag not in VOID:
            self.at = node

    def handle_startendtag(self, tag, attrs):
        self.at.children.append(Node(tag, attrs, self.at))

    def handle_endtag(self, tag):
        n = self.at
        while n is not self.root and n.tag != tag:
            n = n.parent
        if n is not self.root:
            self.at = n.parent

    def handle_data(self, data):
        self.at.children.append(data)


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def history_marks(row, kind, enhanced_by_name):
    """The history marks every artifact shows for a row (kind: "reply",
    "reason" or "enhanced"), from its optional columns, any of which may be
    absent, in order: ("since", "Since V.", [], None); ("dep", "Deprecated in
    V; use NAME.", [(href, link text)], None), an enhanced code's replacement
    given as X.S.D (NAME), and no "use" without a replacement; and ("alias",
    "Formerly OLD.", [], the row's anchor under that name) for each alias.
    check_markdown.py and check_man.sh compare the texts; this page also
    the links and anchors."""
    marks = []
    if row.get("since"):
        marks.append(("since", f"Since {row['since']}.", [], None))
    if row.get("deprecated"):
        new = row.get("replaced_by")
        if not new:
            use, link = "", []
        elif kind == "enhanced":
            target = enhanced_by_name.get(new)
            code = f"X.{target['subject']}.{target['detail']}" if target else "?"
            use, link = f"; use {code} ({new})", [(f"#enhanced-{new}", code)]
        else:
            use, link = f"; use {new}", [(f"#{kind}-{new}", new)]
        marks.append(("dep", f"Deprecated in {row['deprecated']}{use}.", link, None))
    for alias in (row.get("aliases") or "").split(" "):
        if alias:
            marks.append(("alias", f"Formerly {alias}.", [], f"{kind}-{alias}"))
    return marks


def main(argv):
    page_path, replies_path, reasons_path, enhanced_path, subcodes_path = argv
    replies, reasons = read_csv(replies_path), read_csv(reasons_path)
    enhanced, subcodes = read_csv(enhanced_path), read_csv(subcodes_path)
    classes = [r for r in subcodes if r["kind"] == "class"]
    subjects = [r for r in subcodes if r["kind"] == "subject"]
    reply_at = {r["code"]: r for r in replies}
    by_name = {e["name"]: e for e in enhanced}

    def code_of(e):
        return f"X.{e['subject']}.{e['detail']}"

    with open(page_path, encoding="utf-8") as f:
        parser = Tree()
        parser.feed(f.read())
        parser.close()
    root = parser.root

    failures, checks = [], 0

    def check(ok, what):
        nonlocal checks
        checks += 1
        if not ok:
            failures.append(what)
        return ok

    def links(node):
        return [(a.attrs.get("href"), a.text()) for a in node.find_all("a")] if node else []

    def history(kind, tr, row):
        """The row's history marks against its CSV row's optional columns."""
        name = f"{kind}-{row['name']}"
        classes = tr.attrs.get("class", "").split()
        check(("deprecated" in classes) == bool(row.get("deprecated")),
              f"{name}: the row's classes are {classes}, its deprecated column "
              f"{row.get('deprecated', '')!r}")
        want = history_marks(row, kind, by_name)
        cell = tr.find("td", cls="desc")
        marks = list(cell.find_all(cls="mark")) if cell is not None else []
        got = [(next((c for c in ("since", "dep", "alias")
                      if c in m.attrs.get("class", "").split()), None),
                m.text(), links(m), m.attrs.get("id")) for m in marks]
        check(got == want, f"{name}: history marks {got}, the CSV gives {want}")
        strays = [n.attrs.get("class") for n in tr.find_all()
                  if set(n.attrs.get("class", "").split()) & {"mark", "since", "dep", "alias"}
                  and n not in marks]
        check(not strays, f"{name}: marks outside its description cell: {strays}")

    # Ids and links.
    ids = {}
    for n in root.walk():
        if "id" in n.attrs:
            i = n.attrs["id"]
            check(i != "" and not re.search(r"\s", i), f"id {i!r} is empty or has a blank")
            check(i not in ids, f"id {i!r} is used twice")
            ids[i] = n
    for a in root.find_all("a"):
        href = a.attrs.get("href", "")
        if href.startswith("#"):
            check(href[1:] in ids, f"link {href} ({a.text()!r}) lands on no element")

    nav = root.find("nav")
    check(nav is not None and [h for h, _ in links(nav)] == ["#replies", "#reasons", "#enhanced"],
          f"the nav links {links(nav)}, wanted #replies, #reasons and #enhanced")
    count = ids.get("count")
    want = f"{len(replies)} reply codes, {len(reasons)} reasons and {len(enhanced)} enhanced codes."
    check(count is not None and count.text() == want,
          f"the counts line reads {count.text() if count else None!r}, wanted {want!r}")
    for rfc in ("rfc2034", "rfc3463", "rfc5248"):
        check(root.find("a", href=f"https://www.rfc-editor.org/rfc/{rfc}") is not None,
              f"no link to {rfc.upper()}")

    def rows(prefix):
        return [tr for tr in root.find_all("tr") if tr.attrs.get("id", "").startswith(prefix)]

    # Reply rows, in code order, each with the enhanced codes that name it.
    got = [tr.attrs["id"] for tr in rows("reply-")]
    want = [f"reply-{r['name']}" for r in sorted(replies, key=lambda r: int(r["code"]))]
    check(got == want, f"reply rows {got}, wanted {want}")
    for r in replies:
        tr = ids.get(f"reply-{r['name']}")
        if not check(tr is not None and tr.tag == "tr", f"no row reply-{r['name']}"):
            continue
        cells = tr.cells()
        check(tr.attrs.get("data-code") == r["code"] and cells and cells[0].text() == r["code"],
              f"reply-{r['name']} does not show code {r['code']}")
        cell = tr.find("td", cls="desc")
        desc = cell.find(cls="detail") if cell is not None else None
        check(desc is not None and desc.text() == r["description"],
              f"reply-{r['name']}: description {desc.text() if desc else None!r}, "
              f"wanted {r['description']!r}")
        history("reply", tr, r)
        enh = tr.find("td", cls="enh")
        named = [e for e in enhanced if r["code"] in e["basic_codes"].split()]
        want = [(f"#enhanced-{e['name']}", code_of(e)) for e in named]
        check(enh is not None and links(enh) == want,
              f"reply-{r['name']} links the enhanced codes {links(enh)}, the CSV says {want}")
        if enh is not None:
            titles = [a.attrs.get("title") for a in enh.find_all("a")]
            check(titles == [e["text"] for e in named],
                  f"reply-{r['name']}: enhanced link titles {titles} are not the sample texts")
            check(named or enh.text().strip() == "none",
                  f"reply-{r['name']}: no enhanced code, but the cell reads {enh.text()!r}")

    # Reason rows.
    got = [tr.attrs["id"] for tr in rows("reason-")]
    want = [f"reason-{r['name']}" for r in reasons]
    check(got == want, f"reason rows {got[:5]}..., wanted {want[:5]}...")
    for r in reasons:
        tr = ids.get(f"reason-{r['name']}")
        if not check(tr is not None, f"no row reason-{r['name']}"):
            continue
        sym, code = tr.find("th", cls="sym"), tr.find("td", cls="code")
        cell = tr.find("td", cls="desc")
        desc = cell.find(cls="detail") if cell is not None else None
        check(sym is not None and sym.text() == r["symbol"]
              and code is not None and code.text() == r["code"]
              and desc is not None and desc.text() == r["description"],
              f"reason-{r['name']} does not read {r['symbol']} {r['code']} {r['description']!r}")
        reply = reply_at.get(r["code"])
        want = [(f"#reply-{reply['name']}", r["code"])] if reply else []
        check(links(code) == want, f"reason-{r['name']}'s code links {links(code)}, wanted {want}")
        history("reason", tr, r)

    # The enhanced table: one tbody per subject.
    heading = ids.get("enhanced")
    table = None
    if heading is not None:
        table = next((t for t in root.find_all("table")
                      if t.attrs.get("aria-labelledby") == "enhanced"), None)
    if check(table is not None, "no table labelled by the Enhanced status codes heading"):
        bodies = list(table.find_all("tbody"))
        check(len(bodies) == len(subjects),
              f"the enhanced table has {len(bodies)} tbody, the subcodes CSV {len(subjects)} subjects")
        for body, s in zip(bodies, subjects):
            trs = [c for c in body.children if isinstance(c, Node) and c.tag == "tr"]
            head = trs[0] if trs else None
            want = f"X.{s['code']}.X {s['title']}"
            check(head is not None and head.attrs.get("id") == f"subject-{s['code']}"
                  and "group" in head.attrs.get("class", "").split()
                  and head.text() == want,
                  f"subject {s['code']}: heading row {head.text() if head else None!r}, wanted {want!r}")
            got = [tr.attrs.get("id") for tr in trs[1:]]
            want = [f"enhanced-{e['name']}" for e in enhanced if e["subject"] == s["code"]]
            check(got == want, f"subject {s['code']} holds {got}, the CSV {want}")
    got = [tr.attrs["id"] for tr in rows("enhanced-")]
    check(len(got) == len(enhanced), f"{len(got)} enhanced rows, the CSV has {len(enhanced)}")
    for e in enhanced:
        name = e["name"]
        tr = ids.get(f"enhanced-{name}")
        if not check(tr is not None and tr.tag == "tr", f"no row enhanced-{name}"):
            continue
        cells = tr.cells()
        check(tr.attrs.get("data-code") == code_of(e) and cells and cells[0].text() == code_of(e)
              and links(cells[0]) == [(f"#enhanced-{name}", code_of(e))],
              f"enhanced-{name} does not show {code_of(e)} linked to itself")
        sample, nosample = tr.find(cls="sample"), tr.find(cls="nosample")
        if e["text"]:
            check(sample is not None and sample.text() == e["text"] and nosample is None,
                  f"enhanced-{name}: sample text {sample.text() if sample else None!r}, "
                  f"wanted {e['text']!r}")
        else:
            check(sample is None and nosample is not None,
                  f"enhanced-{name} has no sample text, but the page does not say so")
        detail = tr.find(cls="detail")
        check(detail is not None and detail.text() == e["description"],
              f"enhanced-{name}: description {detail.text() if detail else None!r}, "
              f"wanted {e['description']!r}")
        history("enhanced", tr, e)
        basic = tr.find("td", cls="basic")
        codes = e["basic_codes"].split()
        check(basic is not None and basic.text().split() == (codes or ["none"]),
              f"enhanced-{name}: basic codes {basic.text().split() if basic else None}, "
              f"the CSV {codes}")
        want = [(f"#reply-{reply_at[c]['name']}", c) for c in codes if c in reply_at]
        check(links(basic) == want, f"enhanced-{name} links the replies {links(basic)}, "
                                    f"the CSVs say {want}")
        ref = tr.find("td", cls="ref")
        check(ref is not None and ref.text() == e["reference"],
              f"enhanced-{name}: reference {ref.text() if ref else None!r}, wanted {e['reference']!r}")

    # Legends and footer.
    legend = root.find("ul", cls="legend", **{"aria-label": "Classes"})
    got = [li.text() for li in legend.find_all("li")] if legend else None
    want = [f"{c['code']}.X.X {c['title']}" for c in classes]
    check(got == want, f"the class legend reads {got}, wanted {want}")
    legend = root.find("ul", cls="legend", **{"aria-label": "Subjects"})
    got = [(li.text(), links(li)) for li in legend.find_all("li")] if legend else None
    want = [(f"X.{s['code']}.X {s['title']}", [(f"#subject-{s['code']}", f"X.{s['code']}.X")])
            for s in subjects]
    check(got == want, f"the subject legend reads {got}, wanted {want}")
    footer = root.find("footer")
    text = footer.text() if footer else ""
    for path, rows_ in ((replies_path, replies), (reasons_path, reasons),
                        (enhanced_path, enhanced), (subcodes_path, subcodes)):
        with open(path, "rb") as f:
            digest = hashlib.sha256(f.read()).hexdigest()
        want = f"{os.path.basename(path)} ({len(rows_)} rows, SHA-256 {digest})"
        check(want in text, f"the footer does not read {want!r}")

    if failures:
        for f in failures[:40]:
            print(f"check_html: {page_path}: FAIL {f}", file=sys.stderr)
        print(f"check_html: {page_path}: {len(failures)} of {checks} checks failed", file=sys.stderr)
        return 1
    print(f"html: {page_path}: {checks} checks on its text passed "
          f"({len(replies)} replies, {len(reasons)} reasons, {len(enhanced)} enhanced codes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
