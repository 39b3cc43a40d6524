#!/usr/bin/env python3
"""Reads a document written by `emit FORMAT` the way its users' tools do
and prints each value's UTF-8 bytes in hex, one line per value.

usage: decode.py json|csv|markdown FILE

json: Python's json module. csv: Python's csv module (RFC 4180 quoting,
CRLF rows). markdown: rendered by cmark-gfm with GitHub's extensions, the
HTML read with html.parser: the text of every paragraph, then of every
table cell. Any element other than a paragraph or the table's own (an
emphasis, a link, code, raw HTML kept as a comment) means a mark was not
escaped, and fails (exit 1).
"""

import csv
import html.parser
import json
import subprocess
import sys

TABLE_TAGS = {"p", "table", "thead", "tbody", "tr", "th", "td"}


class Text(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paragraphs, self.cells, self.stray = [], [], []
        self.current = None
        self.in_th = False

    def handle_starttag(self, tag, attrs):
        if tag not in TABLE_TAGS:
            self.stray.append("<%s>" % tag)
        elif tag in ("p", "td"):
            self.current = []
        self.in_th = tag == "th" or self.in_th

    def handle_endtag(self, tag):
        if tag == "th":
            self.in_th = False
        elif tag in ("p", "td") and self.current is not None:
            (self.paragraphs if tag == "p" else self.cells).append("".join(self.current))
            self.current = None

    def handle_data(self, data):
        if self.current is not None:
            self.current.append(data)

    def handle_comment(self, data):
        self.stray.append("<!--%s-->" % data)


def markdown(path):
    rendered = subprocess.run(
        ["cmark-gfm", "-e", "table", "-e", "strikethrough", "-e", "autolink",
         "--to", "html", path], check=True, capture_output=True, timeout=60).stdout
    parser = Text()
    parser.feed(rendered.decode("utf-8"))
    if parser.stray:
        sys.exit("decode.py: %s: marks not escaped, rendered as %s"
                 % (path, " ".join(parser.stray[:10])))
    return parser.paragraphs + parser.cells


def main():
    fmt, path = sys.argv[1], sys.argv[2]
    if fmt == "json":
        with open(path, encoding="utf-8") as f:
            values = json.load(f)
    elif fmt == "csv":
        with open(path, encoding="utf-8", newline="") as f:
            values = [row[0] for row in csv.reader(f, strict=True)]
    elif fmt == "markdown":
        values = markdown(path)
    else:
        sys.exit("usage: decode.py json|csv|markdown FILE")
    for v in values:
        print(v.encode("utf-8", "surrogatepass").hex())


if __name__ == "__main__":
    main()
