#!/usr/bin/env python3
"""Prints what tests/header/header_test.c must print for the given tables,
computed from the CSV files alone (Python's csv module, not smtpgen)."""
import csv
import hashlib
import os
import re
import sys

# RFC 3463, section 2: class "." subject "." detail, the class 2, 4 or 5,
# subject and detail 1 to 3 digits without a leading zero; the code must
# not run on into a digit, an ASCII letter or a dot.
ENHANCED_CODE = re.compile(rb"([245])\.(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})(?![0-9A-Za-z.])")

# The inputs of header_test.c's parse_inputs[], in the same order.
PARSE_INPUTS = [
    b"", b"5", b"5.", b"5.1", b"5.1.", b"5.1.1",
    b"5.1.10", b"5.1.1 text", b"5.1.1,", b"5.1.1x",
    b"5.1.1X", b"5.1.1000", b"5.1.1.2", b"5.01.1",
    b"6.1.1", b"05.1.1", b"5..1", b"2.0.0", b"4.7.999",
    b"5.999.999", b"5.1000.1", b"5.1.01", b"5.1.1\r\n",
    b"5.1.1)", b" 5.1.1", b"5.1\0.1", b"5.1.1\0" b"2",
    b"5.1.1\0", b"5.1.1\xc3\xa9", b"5.1.1\xff", b"\xff5.1.1",
    b"0.0.0", b"1.1.1", b"3.1.1", b"7.1.1", b"9.1.1",
    b"4.4.7;", b"4.0.0-", b"5.0.0_", b"5.7.1:", b"5.7.1\t",
    b"2.1.5", b"5.1.0", b"5.10.0", b"5.100.100", b"5.00.1",
    b"5.1.00", b"5.1.001", b"5.1.-1", b"5.-1.1", b"+5.1.1",
    b"5.1.1z", b"5.1.1Z", b"5.1.1a", b"5.1.1@", b"5.1.1[",
    b"5.1.1`", b"5.1.1{", b"5.1.1/", b"5.1.1:", b"5 .1.1",
    b"5. 1.1", b"5.1 .1", b"5,1,1", b"5.a.1", b"5.1.a",
    b"55.1.1", b"5.7.26 multiple", b"4.7.0 ", b"5.1.1...",
    b"5.3.999x", b"5.3.9999", b"2.999.0.", b"\0" b"5.1.1",
]

# header_test.c's some_codes[].
SOME_CODES = [-1, 0, 5, 99, 100, 199, 200, 220, 250, 252, 421, 450, 451, 452, 499, 500,
              550, 552, 554, 556, 599, 600, 999, 1000]


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return rows[1:]


def read_table(path):
    """The rows of a table as dicts keyed by the header's column names, so
    that the optional columns (since, deprecated, replaced_by, aliases) may
    come in any order or be absent: an absent one reads as empty. aliases
    becomes a list of names."""
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    if header and header[0].startswith("\ufeff"):
        header[0] = header[0][1:]
    table = []
    for r in rows[1:]:
        row = dict(zip(header, r))
        for column in ("since", "deprecated", "replaced_by", "aliases"):
            row.setdefault(column, "")
        row["aliases"] = row["aliases"].split()
        table.append(row)
    return table


def optional(value):
    """An optional field as header_test.c's print_optional() writes it."""
    return f' "{value}"' if value else " NULL"


def evolution(row):
    return optional(row["since"]) + optional(row["deprecated"]) + optional(row["replaced_by"])


def finder(rows):
    """by_name as the header's lookups do it: the row with that name, else
    the row with that alias; its current name, or "-"."""
    names = {r["name"]: r["name"] for r in rows}
    aliases = {a: r["name"] for r in rows for a in r["aliases"]}
    return lambda key: names.get(key, aliases.get(key, "-"))


# header_test.c's missing_names[].
MISSING_NAMES = ["", "NO SUCH NAME", "NO_SUCH_NAME", "X", "_"]


def sha256_line(role, path):
    with open(path, "rb") as f:
        return f"{role} {os.path.basename(path)} {hashlib.sha256(f.read()).hexdigest()}"


def printable(data):
    """The bytes as header_test.c's print_bytes() writes them."""
    return "".join(chr(b) if 0x20 < b < 0x7F and b != 0x5C else f"\\x{b:02x}" for b in data)


def in_sweep(value, upto):
    return value <= upto or value in (99, 100, 999, 1000)


def has_basic(basic_codes, code):
    """Is code listed in basic_codes, itself or by a pattern such as 5XX?"""
    for token in basic_codes.split():
        if token.endswith("XX"):
            low = int(token[0]) * 100
            if low <= code <= low + 99:
                return True
        elif int(token) == code:
            return True
    return False


def enhanced_lines(enhanced_path, subcodes_path):
    rows = read_table(enhanced_path)
    for r in rows:
        r["subject"], r["detail"] = int(r["subject"]), int(r["detail"])
    subcodes = read(subcodes_path)
    classes = [(n, int(c), t) for k, c, n, t in subcodes if k == "class"]
    subjects = [(n, int(c), t) for k, c, n, t in subcodes if k == "subject"]
    by_code = {(r["subject"], r["detail"]): r for r in rows}
    out = [sha256_line("enhanced", enhanced_path), sha256_line("subcodes", subcodes_path),
           f"enhanced-count {len(rows)}"]
    out += [f"X-enhanced {r['name']} {r['subject']} {r['detail']} {r['text']}" for r in rows]
    out += [f"X-class {n} {c} {t}" for n, c, t in classes]
    out += [f"X-subject {n} {c} {t}" for n, c, t in subjects]
    for i, r in enumerate(rows):
        out.append(f"enhanced-row {i} {r['name']} X.{r['subject']}.{r['detail']}")
        out.append(f"enhanced-text {i} {r['text']}")
        out.append(f"enhanced-basic {i} {r['basic_codes']}")
        out.append(f"enhanced-reference {i} {r['reference']}")
        out.append(f"enhanced-deprecated {i} {r['deprecated'] or '(null)'} "
                   f"{r['replaced_by'] or '(null)'}")
        out.append(f"enhanced-description {i} {r['description']}")
        out.append(f"enhanced-evolution {i} {r['name']}{evolution(r)}")
        out.append(f"has-basic {r['name']}"
                   + "".join(f" {c}" for c in range(200, 600) if has_basic(r["basic_codes"], c)))
        out += [f"has-basic-code {r['name']} {c} {int(has_basic(r['basic_codes'], c))}"
                for c in SOME_CODES]
    found = finder(rows)
    out += [f'enhanced-by-name "{n}" {found(n)}' for n in MISSING_NAMES]
    out += [f"X-enhanced-alias {a} {r['name']} {i} {found(a)} {found(a + '_')}"
            for i, r in enumerate(rows) for a in r["aliases"]]
    for subject in range(-1, 1001):
        for detail in range(-1, 1001):
            if in_sweep(subject, 12) and in_sweep(detail, 40):
                r = by_code.get((subject, detail))
                out.append(f"by-code X.{subject}.{detail} {r['name'] if r else '-'} "
                           f"{r['text'] if r else '(null)'}")
    class_title = {c: t for n, c, t in classes}
    subject_title = {c: t for n, c, t in subjects}
    out += [f"class-text {i} {class_title.get(i, '(null)')}" for i in range(-1, 11)]
    out += [f"subject-text {i} {subject_title.get(i, '(null)')}"
            for i in range(-1, 1001) if in_sweep(i, 12)]
    for data in PARSE_INPUTS:
        for length in range(len(data), -1, -1):
            m = ENHANCED_CODE.match(data[:length])
            parsed = (f"{m.end()} {int(m[1])}.{int(m[2])}.{int(m[3])}" if m
                      else "0 -7.-7.-7")
            out.append(f'parse "{printable(data[:length])}" {length} {parsed}')
    return out


def main():
    replies_path, reasons_path, version, enhanced_path, subcodes_path = sys.argv[1:6]
    reply_rows = read_table(replies_path)
    reason_rows = read_table(reasons_path)
    replies = [(r["name"], int(r["code"]), r["description"]) for r in reply_rows]
    reasons = [(r["name"], r["symbol"], int(r["code"]), r["description"]) for r in reason_rows]
    reply_found, reason_found = finder(reply_rows), finder(reason_rows)
    out = []
    out.append(f"generator smtpgen {version} {version}")
    for role, path in (("replies", replies_path), ("reasons", reasons_path)):
        with open(path, "rb") as f:
            digest = hashlib.sha256(f.read()).hexdigest()
        out.append(f"{role} {os.path.basename(path)} {digest}")
    out.append(f"counts {len(replies)} {len(reasons)}")
    out += [f"X-reply {n} {c} {d}" for n, c, d in replies]
    out += [f"X-reason {n} {s} {c} {d}" for n, s, c, d in reasons]
    for r in reply_rows:
        out.append(f"reply {int(r['code'])} {r['name']} {r['description']}")
        out.append(f"reply-evolution {int(r['code'])} {r['name']}{evolution(r)}")
        out.append(f"reply-by-name {r['name']} {reply_found(r['name'])}")
    out += [f'reply-by-name "{n}" {reply_found(n)}' for n in MISSING_NAMES]
    out += [f"X-reply-alias {a} {r['name']} {int(r['code'])} {reply_found(a)} "
            f"{reply_found(a + '_')}"
            for r in reply_rows for a in r["aliases"]]
    by_code = {c: (n, d) for n, c, d in replies}
    for code in range(-1, 1001):
        if code in by_code:
            out.append(f"description {code} {by_code[code][1]}")
        out.append(f"class {code} {int(200 <= code <= 399)} {int(400 <= code <= 499)} "
                   f"{int(500 <= code <= 599)}")
    for i, (n, s, c, d) in enumerate(reasons):
        out.append(f"reason {i} {n} {s} {c} {d}")
        out.append(f"reason-evolution {i} {n}{evolution(reason_rows[i])}")
        if len(n) + 2 <= 256:  # header_test.c's longer[256]
            out.append(f'reason-by-name "{n}_" {reason_found(n + "_")}')
        same_symbol = " ".join(str(k) for k, r in enumerate(reasons) if r[1] == s)
        same_code = " ".join(str(k) for k, r in enumerate(reasons) if r[2] == c)
        out.append(f"by-symbol {s} {same_symbol}")
        out.append(f"by-code {c} {same_code}")
    seen_symbols, seen_codes = set(), set()
    for n, s, c, d in reasons:
        for key, column, seen, label in ((s, 1, seen_symbols, "symbol"),
                                         (c, 2, seen_codes, "code")):
            if key in seen:
                continue
            seen.add(key)
            found = [next((k for k in range(after + 1, len(reasons))
                           if reasons[k][column] == key), -1)
                     for after in range(-1, len(reasons))]
            out.append(f"after-{label} {key} " + " ".join(str(f) for f in found))
    out += [f'reason-by-name "{n}" {reason_found(n)}' for n in MISSING_NAMES]
    out += [f"X-reason-alias {a} {r['name']} {i} {reason_found(a)} "
            f"{reason_found(a + '_')}"
            for i, r in enumerate(reason_rows) for a in r["aliases"]]
    out += enhanced_lines(enhanced_path, subcodes_path)
    out.append("failures 0")
    sys.stdout.buffer.write(("\n".join(out) + "\n").encode("utf-8"))


main()
