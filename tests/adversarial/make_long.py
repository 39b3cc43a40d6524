#!/usr/bin/env python3
"""Writes the "long" adversarial tables into DIR: texts as long as smtpgen
takes them, exactly 4095 bytes of UTF-8 (the longest string literal C99
promises; one byte more is an error), one of words mixing every attack of
the attacks table, one a single word with no blank to break at, in the
reply, reason and enhanced status code tables; an enhanced sample text and
reference that long too; and a symbol of 4095 bytes. Generated at test
time rather than kept in git.
usage: tests/adversarial/make_long.py DIR"""
import csv
import os
import sys

SIZE = 4095


def exactly(unit, size=SIZE):
    """unit repeated and cut to size bytes at a character boundary, padded
    with '.' to the byte."""
    text = unit * (size // len(unit.encode("utf-8")) + 1)
    data = text.encode("utf-8")[:size].decode("utf-8", "ignore")
    return data + "." * (size - len(data.encode("utf-8")))


words = exactly(".TH x 'br \\fB\\ <script>\"</script>&amp; */ ??/ %n {{x}} "
                "\u2028\u2029 \u00e9\u4e2d\U0001f600 a,b \"q\" \t tab ")
word = exactly("\\fB<b>&amp;*/??/{{x}}%n\u00e9\u4e2d\U0001f600\"',")
assert len(words.encode()) == SIZE and len(word.encode()) == SIZE
folder = sys.argv[1]
with open(os.path.join(folder, "replies.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerows([["name", "code", "description"], ["LONG_WORDS", "421", words],
                 ["LONG_WORD", "450", word], ["SHORT", "550", "short"]])
with open(os.path.join(folder, "reasons.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerows([["name", "symbol", "code", "description"],
                 ["LONG_SYMBOL", ("4XX_" + "LONG_SYMBOL_" * 400)[:SIZE], "421", words],
                 ["SHORT", "5XX_SHORT", "550", word]])
with open(os.path.join(folder, "enhanced.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerows([["name", "subject", "detail", "text", "basic_codes", "reference",
                  "deprecated", "replaced_by", "description"],
                 ["LONG_WORDS", "0", "0", "short", "421 4XX", "[RFC3463]", "", "", words],
                 ["LONG_WORD", "999", "999", word, "450 550", words, "", "", word],
                 ["DEPRECATED", "1", "100", "", "", "[RFC3463]", "0.2.0", "LONG_WORDS",
                  words]])
with open(os.path.join(folder, "subcodes.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerows([["kind", "code", "name", "title"], ["class", "2", "SUCCESS", "Success"],
                 ["class", "4", "TRANSIENT", words], ["class", "5", "PERMANENT", "Permanent"],
                 ["subject", "0", "OTHER", word], ["subject", "1", "ONE", "One"],
                 ["subject", "999", "LAST", words]])
