#!/usr/bin/env python3
"""Prints what tests/header/reply_test.c must print for the given reasons
table: the class names, and smtp_reason_match() for each reason's
description written in several ways. The matcher here is written on its own
from the rules in the header's comment on smtp_codes_match_len(), as a
regular expression per description, so that the C code is compared with a
second reading of those rules.
usage: reply_expected.py REASONS_CSV"""
import csv
import re
import sys

FINAL = b" \t\r\n\v\f.,;:!?"
SPACE = b" \t\r\n\v\f"
# A placeholder matches a bracketed text (no line break inside) or, when the
# text has no bracket there, one word; atomic, as the C code never goes back.
PLACEHOLDER = rb"(?>\[[^\]\n]*\]|(?!\[)\S+)"


def pattern(description):
    """The regular expression for a description, or None when it is empty
    once its trailing punctuation is gone."""
    d = description.rstrip(FINAL).lstrip(SPACE)
    if not d:
        return None
    parts, i = [rb"\s*"], 0
    while i < len(d):
        if d[i] in SPACE:
            while i < len(d) and d[i] in SPACE:
                i += 1
            parts.append(rb"\s+")
            continue
        close = d.find(b"]", i) if d[i:i + 1] == b"[" else -1
        if close > 0:
            parts.append(PLACEHOLDER)
            i = close + 1
            continue
        parts.append(re.escape(d[i:i + 1]))
        i += 1
    return re.compile(b"".join(parts), re.IGNORECASE)


def alnum(byte):
    return chr(byte).isascii() and chr(byte).isalnum() or byte >= 0x80


def match_len(description, text):
    p = pattern(description)
    m = p.match(text) if p else None
    if not m:
        return 0
    j = m.end()
    if j < len(text) and alnum(text[j]) and alnum(text[j - 1]):
        return 0
    return j


def variant(how, d):
    if how == "upper":
        return bytes(c - 32 if 0x61 <= c <= 0x7a else c for c in d)
    if how == "lower":
        return bytes(c + 32 if 0x41 <= c <= 0x5a else c for c in d)
    if how == "no-period":
        return d.rstrip(b". ")
    if how == "id":
        return d + b" id=1A2B3C"
    if how == "spaces":
        return d.replace(b" ", b"  ")
    if how == "placeholder":
        return re.sub(rb"\[[^\]]*\]", b"[192.0.2.7]", d)
    if how == "word-after":
        return d + b"x"
    return d


def matches(reasons, code, text):
    found = []
    for index, (name, _symbol, rcode, description) in enumerate(reasons):
        if code in (0, rcode):
            n = match_len(description, text)
            if n:
                found.append((-n, index, name))
    return b" ".join(name for _n, _i, name in sorted(found))


def main():
    with open(sys.argv[1], newline="", encoding="utf-8") as f:
        # By column name: optional columns (since, deprecated, replaced_by,
        # aliases) may follow the required ones in any order.
        rows = list(csv.DictReader(f))
    reasons = [(r["name"].encode(), r["symbol"].encode(), int(r["code"]),
                r["description"].encode()) for r in rows]
    out = []
    for k in range(0, 1001, 50):
        for code in (k - 1, k):
            name = {2: "positive", 3: "intermediate", 4: "transient",
                    5: "permanent"}.get(code // 100 if 200 <= code <= 599 else 0, "(null)")
            out.append(f"class-name {code} {name}".encode())

    def line(label, code, text):
        found = matches(reasons, code, text)
        out.append(b"match %s %d \"%s\" ->%s" % (label, code, text,
                                                 b" " + found if found else b""))

    hows = [b"as-is", b"upper", b"lower", b"no-period", b"id", b"spaces", b"placeholder",
            b"word-after"]
    for name, _symbol, code, description in reasons:
        if len(description) > 500:
            continue
        for how in hows:
            line(name + b"/" + how, code, variant(how.decode(), description))
        line(name + b"/any", 0, description)
    line(b"none", 550, b"no gateway says this")
    line(b"empty", 550, b"")
    line(b"blank", 550, b"   ")
    line(b"code-999", 999, b"Transaction failed.")
    out.append(b"failures 0")
    sys.stdout.buffer.write(b"\n".join(out) + b"\n")


main()
