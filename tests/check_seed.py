#!/usr/bin/env python3
"""Check data/*.csv against the seed page they were taken from.

Usage: check_seed.py [SEED [DATADIR]]

  SEED     the seed text (default: data/source/barracuda-smtp-error-codes.txt,
           a copy of the project's seed 000_323b798e64a8ce05.txt, relative to
           the repository root)
  DATADIR  folder holding smtp-replies.csv and smtp-reasons.csv
           (default: data, relative to the repository root)

The script re-extracts the 18 bulleted reply codes and the 67 table rows from
the seed, applies exactly the repairs listed in data/README.md ("Repairs") and
nothing else, and compares row for row: code, symbol and description must equal
the seed's, each name must be the one data/README.md documents, and each
reason's quirks must acknowledge exactly the seed's faults that smtpgen warns
about (a code without a reply row, a symbol of another class).  It also
checks the files' canonical form (UTF-8, no BOM, LF only, final newline, no
blank lines, header first, quotes only where needed) and the row rules (name
syntax and uniqueness, code range, one-line description).

Each CSV row is one check; a file-level fault (unreadable file, wrong header,
wrong row count, non-canonical bytes) counts as one more failure.  The last
line printed is "N passed, M failed"; the exit status is 1 on any failure and
2 when the seed itself cannot be parsed.

Python 3 standard library only.
"""

import csv
import io
import os
import re
import sys

SEED_NAME = "000_323b798e64a8ce05.txt"
SEED_COPY = "barracuda-smtp-error-codes.txt"  # the seed, kept in the repository
REPLY_COUNT = 18
REASON_COUNT = 67
REPLY_HEADER = ["name", "code", "description"]
REASON_HEADER = ["name", "symbol", "code", "description", "quirks"]


def quirks(reason, reply_codes):
    """The quirks column a reason row must have: the source's faults that
    smtpgen would warn about, acknowledged in its order (no-reply-row,
    symbol-class), worked out from the seed itself."""
    out = []
    if reason["code"] not in reply_codes:
        out.append("no-reply-row")
    s = reason["symbol"]
    if len(s) > 4 and s[0] in "2345" and s[1:4] == "XX_" and s[0] != reason["code"][0]:
        out.append("symbol-class")
    return " ".join(out)

NBSP = "\u00a0"
BULLET = "\u2022"

# Reply names: chosen once, API forever (see data/README.md).
REPLY_NAMES = {
    "420": "SUSPECT_CONTENT",
    "421": "SERVICE_UNAVAILABLE",
    "450": "MAILBOX_BUSY",
    "451": "LOCAL_ERROR",
    "452": "INSUFFICIENT_STORAGE",
    "454": "TLS_UNAVAILABLE",
    "500": "SYNTAX_ERROR",
    "501": "PARAMETER_SYNTAX_ERROR",
    "502": "NOT_IMPLEMENTED",
    "503": "BAD_SEQUENCE",
    "504": "PARAMETER_NOT_IMPLEMENTED",
    "530": "STARTTLS_REQUIRED",
    "535": "AUTH_FAILED",
    "550": "MAILBOX_UNAVAILABLE",
    "551": "USER_NOT_LOCAL",
    "552": "STORAGE_EXCEEDED",
    "553": "MAILBOX_NAME_INVALID",
    "554": "TRANSACTION_FAILED",
}

# Reason names for symbols that occur more than once in the seed, keyed by
# (symbol, code, description).  Every other reason's name is its symbol
# without the leading "4XX_"/"5XX_".
DUPLICATE_NAMES = {
    ("4XX_EINTERNAL", "421", "Internal error"): "EINTERNAL",
    ("4XX_EINTERNAL", "451", "Internal error."): "EINTERNAL_451",
    ("4XX_EINTERNAL", "451",
     "Requested action aborted: local error in processing."):
        "EINTERNAL_451_PROCESSING",
    ("5XX_AUTH_REQUIRES_TLS", "503",
     "Issue STARTTLS first before using clear text password."):
        "AUTH_REQUIRES_TLS",
    ("5XX_AUTH_REQUIRES_TLS", "504",
     "Error: encryption required for requested authentication mechanism."):
        "AUTH_REQUIRES_TLS_504",
    ("5XX_AUTH_REQUIRES_TLS", "530", "Authentication required."):
        "AUTH_REQUIRES_TLS_530",
}

NAME_RE = re.compile(r"[A-Z][A-Z0-9_]*\Z")
CODE_RE = re.compile(r"[2-5][0-5][0-9]\Z")
SYMBOL_RE = re.compile(r"[45]XX_[A-Z0-9_]+\Z")
BULLET_RE = re.compile(r"\s*" + BULLET + r" (\d{3}) -([ " + NBSP + r"])(.*)\Z")
# A symbol cell: the symbol, then scraping damage (no-break spaces, spaces)
# and, in one row only, the row's code glued on ("5XX_RECIP\xa0 550").
SYMBOL_CELL_RE = re.compile(
    r"([45]XX_[A-Z0-9_]+)([ " + NBSP + r"]*)(?:(\d{3}))?\Z")


class SeedError(Exception):
    pass


def extract(seed_text):
    """Return (replies, reasons, repairs) from the seed text.

    replies: [{"code", "description"}], reasons: [{"symbol", "code",
    "description"}], both in seed order; repairs: human-readable list of the
    repairs applied.  Raises SeedError on anything the documented repairs do
    not cover.
    """
    lines = seed_text.split("\n")
    replies, reasons, repairs = [], [], []

    # 1. The bulleted list: "  \u2022 NNN - text".
    for lineno, line in enumerate(lines, 1):
        if BULLET not in line:
            continue
        m = BULLET_RE.match(line)
        if not m:
            raise SeedError("line %d: bullet not understood: %r" % (lineno, line))
        code, sep, desc = m.groups()
        if sep == NBSP:
            repairs.append("line %d: reply %s: no-break space after \"-\" "
                           "taken as the separator" % (lineno, code))
        if desc != desc.strip() or NBSP in desc:
            raise SeedError("line %d: unexpected blanks in reply %s: %r"
                            % (lineno, code, desc))
        replies.append({"code": code, "description": desc, "line": lineno})

    # 2. The table: after the (twice scraped) header "Error / Code /
    #    Description", non-blank lines come in threes: symbol, code, text.
    try:
        start = max(i for i, l in enumerate(lines) if l == "Description") + 1
    except ValueError:
        raise SeedError("table header not found")
    cells = [(i + 1, l) for i, l in enumerate(lines[start:], start)
             if l.strip(" " + NBSP) != ""]
    if len(cells) % 3:
        raise SeedError("table has %d cells, not a multiple of 3" % len(cells))
    for k in range(0, len(cells), 3):
        (ls, sym_cell), (lc, code), (ld, desc) = cells[k:k + 3]
        m = SYMBOL_CELL_RE.match(sym_cell)
        if not m:
            raise SeedError("line %d: symbol cell not understood: %r"
                            % (ls, sym_cell))
        symbol, blanks, glued = m.groups()
        if not CODE_RE.match(code):
            raise SeedError("line %d: code cell not understood: %r" % (lc, code))
        if desc != desc.strip() or NBSP in desc:
            raise SeedError("line %d: unexpected blanks in description: %r"
                            % (ld, desc))
        if glued is not None:
            if glued != code:
                raise SeedError("line %d: code %s glued to symbol differs "
                                "from code cell %s" % (ls, glued, code))
            repairs.append("line %d: %s: symbol cell %r has the code glued "
                           "on; symbol taken as %s" % (ls, symbol, sym_cell,
                                                       symbol))
        elif blanks:
            if set(blanks) != {NBSP}:
                raise SeedError("line %d: unexpected blanks after symbol: %r"
                                % (ls, sym_cell))
            repairs.append("line %d: %s: %d trailing no-break space(s) "
                           "removed" % (ls, symbol, len(blanks)))
        reasons.append({"symbol": symbol, "code": code, "description": desc,
                        "line": ls})
    return replies, reasons, repairs


def reason_name(reason):
    """The documented name of a seed reason row."""
    key = (reason["symbol"], reason["code"], reason["description"])
    if key in DUPLICATE_NAMES:
        return DUPLICATE_NAMES[key]
    return re.sub(r"\A[45]XX_", "", reason["symbol"])


def canonical_field(field):
    if ("," in field or '"' in field or field.startswith(" ")
            or field.endswith(" ")):
        return '"' + field.replace('"', '""') + '"'
    return field


def check_form(path, raw, header):
    """File-level checks; returns a list of fault messages and the rows."""
    faults = []
    if raw.startswith(b"\xef\xbb\xbf"):
        faults.append("starts with a UTF-8 BOM")
    if b"\r" in raw:
        faults.append("contains CR (line endings must be LF only)")
    if not raw.endswith(b"\n"):
        faults.append("no final newline")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        return faults + ["not UTF-8: %s" % e], []
    text = text.lstrip("\ufeff")
    for n, line in enumerate(text.split("\n")[:-1], 1):
        if line == "":
            faults.append("line %d is blank" % n)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows or rows[0] != header:
        faults.append("header is %r, expected %r"
                      % (rows[0] if rows else None, header))
        return faults, []
    canon = "".join(",".join(canonical_field(f) for f in r) + "\n"
                    for r in rows)
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n",
               quoting=csv.QUOTE_MINIMAL).writerows(rows)
    if text != canon:
        faults.append("not in canonical form (quoting or line layout)")
    elif buf.getvalue() != canon:
        faults.append("differs from Python csv QUOTE_MINIMAL output")
    return faults, [r for r in rows[1:] if r]


def read_table(path, header, count, fail):
    """Reads the table at path and calls fail() for each file-level fault
    (check_form's, and a row count other than count). Returns its rows, or
    None, after one fail(), when the file cannot be read."""
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError as e:
        fail("%s: %s" % (path, e))
        return None
    faults, rows = check_form(path, raw, header)
    for msg in faults:
        fail("%s: %s" % (path, msg))
    if len(rows) != count:
        fail("%s: %d rows, expected %d" % (path, len(rows), count))
    return rows


def row_faults(name, code, desc):
    out = []
    if not NAME_RE.match(name):
        out.append("name %r does not match [A-Z][A-Z0-9_]*" % name)
    if not CODE_RE.match(code):
        out.append("code %r is not three digits 200-599 with second "
                   "digit 0-5" % code)
    if any((ord(c) < 32 and c != "\t") or ord(c) == 127 for c in desc):
        out.append("description has a control character")
    return out


def main(argv):
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    seed = argv[1] if len(argv) > 1 else os.path.join(
        root, "data", "source", SEED_COPY)
    data = argv[2] if len(argv) > 2 else os.path.join(root, "data")

    try:
        with open(seed, encoding="utf-8") as f:
            replies, reasons, _ = extract(f.read())
    except (OSError, UnicodeDecodeError, SeedError) as e:
        print("%s: cannot extract: %s" % (seed, e))
        return 2

    passed = failed = 0

    def fail(msg):
        nonlocal failed
        failed += 1
        print("FAIL " + msg)

    if len(replies) != REPLY_COUNT:
        fail("seed: %d replies, expected %d" % (len(replies), REPLY_COUNT))
    if len(reasons) != REASON_COUNT:
        fail("seed: %d reasons, expected %d" % (len(reasons), REASON_COUNT))

    jobs = [
        ("smtp-replies.csv", REPLY_HEADER, REPLY_COUNT,
         [[REPLY_NAMES.get(r["code"], "?"), r["code"], r["description"]]
          for r in replies], replies),
        ("smtp-reasons.csv", REASON_HEADER, REASON_COUNT,
         [[reason_name(r), r["symbol"], r["code"], r["description"],
           quirks(r, {x["code"] for x in replies})]
          for r in reasons], reasons),
    ]
    for fname, header, count, expected, src in jobs:
        path = os.path.join(data, fname)
        rows = read_table(path, header, count, fail)
        if rows is None:
            failed += count - 1  # every row of it is unchecked
            continue
        seen = {}
        for i in range(max(len(rows), len(expected))):
            got = rows[i] if i < len(rows) else None
            exp = expected[i] if i < len(expected) else None
            where = "%s: row %d" % (path, i + 1)
            if got is None:
                fail("%s missing, expected %r (seed line %d)"
                     % (where, exp, src[i]["line"]))
                continue
            if exp is None:
                fail("%s is extra: %r" % (where, got))
                continue
            msgs = []
            if len(got) != len(header):
                msgs.append("%d fields, expected %d" % (len(got), len(header)))
            else:
                for col, g, e in zip(header, got, exp):
                    if g != e:
                        msgs.append("%s is %r, seed says %r" % (col, g, e))
                msgs += row_faults(got[0], got[header.index("code")],
                                   got[header.index("description")])
                if got[0] in seen:
                    msgs.append("name %s already used in row %d"
                                % (got[0], seen[got[0]]))
                seen.setdefault(got[0], i + 1)
            if msgs:
                fail("%s (seed line %d): %s"
                     % (where, src[i]["line"], "; ".join(msgs)))
            else:
                passed += 1

    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
