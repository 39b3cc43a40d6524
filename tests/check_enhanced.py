#!/usr/bin/env python3
"""Check the enhanced status code tables against the IANA registry.

Usage: check_enhanced.py [--write] [SOURCE [DATADIR]]

  SOURCE   the registry's CSV (default:
           data/source/iana-smtp-enhanced-status-codes.csv, relative to the
           repository root); the class and subject titles are read from
           iana-sources-README.md in the same folder
  DATADIR  folder holding smtp-enhanced.csv and smtp-enhanced-subcodes.csv
           (default: data, relative to the repository root)
  --write  write the two tables from the source instead of checking them
           (refused unless the source has the expected SHA-256)

The script re-derives both tables from the source, by exactly the rules in
data/README.md ("Enhanced status codes") and nothing else: names from the
dicts below, subject and detail from the registry's Code, the Sample Text and
Description with each line break (and the blanks either side of it) joined
into one space, the "Associated basic status code" normalised to a
space-separated list, the Reference verbatim, the one documented deprecation.
It compares the result row for row with the two CSV files and checks their
canonical form (UTF-8, no BOM, LF only, final newline, no blank lines, header
first, bytes equal to what Python's csv.writer writes for the parsed rows)
and the row rules (name syntax and uniqueness, unique subject.detail, each
subject in the subcode table, basic codes [2-5][0-5][0-9] or [2-5]XX, a
deprecated row replaced by a row that is not deprecated).

Each CSV row is one check; a file-level fault (wrong source digest,
unreadable file, wrong header, wrong row count, non-canonical bytes) counts
as one more failure.  The last line printed is "N passed, M failed"; the exit
status is 1 on any failure and 2 when the source cannot be parsed (any text
the rules do not cover is refused, never guessed).

Python 3 standard library only.
"""

import csv
import hashlib
import io
import os
import re
import sys

from check_seed import read_table  # the same file rules as the seed tables

SOURCE_COPY = "iana-smtp-enhanced-status-codes.csv"
README_COPY = "iana-sources-README.md"
SOURCE_SHA256 = \
    "7777054772306f7e778b6e86f5baff38c5627016ef5530275e01532018fc4a93"
SOURCE_HEADER = ["Code", "Sample Text", "Associated basic status code",
                 "Description", "Reference", "Submitter", "Change Controller"]
ENHANCED_FILE = "smtp-enhanced.csv"
SUBCODE_FILE = "smtp-enhanced-subcodes.csv"
ENHANCED_HEADER = ["name", "subject", "detail", "text", "basic_codes",
                   "reference", "deprecated", "replaced_by", "description"]
SUBCODE_HEADER = ["kind", "code", "name", "title"]
ENHANCED_COUNT = 81
SUBCODE_COUNT = 11

# Names of the enumerated codes: chosen once from the Sample Text, API
# forever (see data/README.md).
NAMES = {
    "X.0.0": "OTHER_UNDEFINED_STATUS",
    "X.1.0": "OTHER_ADDRESS_STATUS",
    "X.1.1": "BAD_DESTINATION_MAILBOX",
    "X.1.2": "BAD_DESTINATION_SYSTEM",
    "X.1.3": "BAD_DESTINATION_MAILBOX_SYNTAX",
    "X.1.4": "DESTINATION_MAILBOX_AMBIGUOUS",
    "X.1.5": "DESTINATION_ADDRESS_VALID",
    "X.1.6": "DESTINATION_MAILBOX_MOVED",
    "X.1.7": "BAD_SENDER_MAILBOX_SYNTAX",
    "X.1.8": "BAD_SENDER_SYSTEM",
    "X.1.9": "RELAYED_TO_NON_COMPLIANT_MAILER",
    "X.1.10": "RECIPIENT_NULL_MX",
    "X.2.0": "OTHER_MAILBOX_STATUS",
    "X.2.1": "MAILBOX_DISABLED",
    "X.2.2": "MAILBOX_FULL",
    "X.2.3": "MESSAGE_LENGTH_EXCEEDS_LIMIT",
    "X.2.4": "MAILING_LIST_EXPANSION_PROBLEM",
    "X.3.0": "OTHER_MAIL_SYSTEM_STATUS",
    "X.3.1": "MAIL_SYSTEM_FULL",
    "X.3.2": "SYSTEM_NOT_ACCEPTING_MESSAGES",
    "X.3.3": "SYSTEM_NOT_CAPABLE",
    "X.3.4": "MESSAGE_TOO_BIG_FOR_SYSTEM",
    "X.3.5": "SYSTEM_INCORRECTLY_CONFIGURED",
    "X.3.6": "PRIORITY_CHANGED",
    "X.4.0": "OTHER_NETWORK_STATUS",
    "X.4.1": "NO_ANSWER_FROM_HOST",
    "X.4.2": "BAD_CONNECTION",
    "X.4.3": "DIRECTORY_SERVER_FAILURE",
    "X.4.4": "UNABLE_TO_ROUTE",
    "X.4.5": "MAIL_SYSTEM_CONGESTION",
    "X.4.6": "ROUTING_LOOP_DETECTED",
    "X.4.7": "DELIVERY_TIME_EXPIRED",
    "X.5.0": "OTHER_PROTOCOL_STATUS",
    "X.5.1": "INVALID_COMMAND",
    "X.5.2": "SYNTAX_ERROR",
    "X.5.3": "TOO_MANY_RECIPIENTS",
    "X.5.4": "INVALID_COMMAND_ARGUMENTS",
    "X.5.5": "WRONG_PROTOCOL_VERSION",
    "X.5.6": "AUTH_LINE_TOO_LONG",
    "X.6.0": "OTHER_MEDIA_ERROR",
    "X.6.1": "MEDIA_NOT_SUPPORTED",
    "X.6.2": "CONVERSION_PROHIBITED",
    "X.6.3": "CONVERSION_NOT_SUPPORTED",
    "X.6.4": "CONVERSION_WITH_LOSS",
    "X.6.5": "CONVERSION_FAILED",
    "X.6.6": "CONTENT_NOT_AVAILABLE",
    "X.6.7": "NON_ASCII_ADDRESSES_NOT_PERMITTED",
    "X.6.8": "UTF8_REPLY_REQUIRED",
    "X.6.9": "UTF8_HEADER_NOT_TRANSFERABLE",
    "X.6.10": "UTF8_REPLY_REQUIRED_DUPLICATE",
    "X.7.0": "OTHER_SECURITY_STATUS",
    "X.7.1": "DELIVERY_NOT_AUTHORIZED",
    "X.7.2": "MAILING_LIST_EXPANSION_PROHIBITED",
    "X.7.3": "SECURITY_CONVERSION_NOT_POSSIBLE",
    "X.7.4": "SECURITY_FEATURES_NOT_SUPPORTED",
    "X.7.5": "CRYPTOGRAPHIC_FAILURE",
    "X.7.6": "CRYPTOGRAPHIC_ALGORITHM_NOT_SUPPORTED",
    "X.7.7": "MESSAGE_INTEGRITY_FAILURE",
    "X.7.8": "AUTH_CREDENTIALS_INVALID",
    "X.7.9": "AUTH_MECHANISM_TOO_WEAK",
    "X.7.10": "ENCRYPTION_NEEDED",
    "X.7.11": "ENCRYPTION_REQUIRED_FOR_AUTH_MECHANISM",
    "X.7.12": "PASSWORD_TRANSITION_NEEDED",
    "X.7.13": "USER_ACCOUNT_DISABLED",
    "X.7.14": "TRUST_RELATIONSHIP_REQUIRED",
    "X.7.15": "PRIORITY_TOO_LOW",
    "X.7.16": "MESSAGE_TOO_BIG_FOR_PRIORITY",
    "X.7.17": "MAILBOX_OWNER_CHANGED",
    "X.7.18": "DOMAIN_OWNER_CHANGED",
    "X.7.19": "RRVS_TEST_NOT_COMPLETED",
    "X.7.20": "NO_PASSING_DKIM_SIGNATURE",
    "X.7.21": "NO_ACCEPTABLE_DKIM_SIGNATURE",
    "X.7.22": "NO_AUTHOR_MATCHED_DKIM_SIGNATURE",
    "X.7.23": "SPF_VALIDATION_FAILED",
    "X.7.24": "SPF_VALIDATION_ERROR",
    "X.7.25": "REVERSE_DNS_VALIDATION_FAILED",
    "X.7.26": "MULTIPLE_AUTH_CHECKS_FAILED",
    "X.7.27": "SENDER_NULL_MX",
    "X.7.28": "MAIL_FLOOD_DETECTED",
    "X.7.29": "ARC_VALIDATION_FAILURE",
    "X.7.30": "REQUIRETLS_SUPPORT_REQUIRED",
}

# Names of the class and subject sub-codes (RFC 3463, sections 2 and 3),
# in file order: the classes, then the subjects.
SUBCODE_NAMES = {
    ("class", "2"): "SUCCESS",
    ("class", "4"): "PERSISTENT_TRANSIENT_FAILURE",
    ("class", "5"): "PERMANENT_FAILURE",
    ("subject", "0"): "OTHER",
    ("subject", "1"): "ADDRESSING",
    ("subject", "2"): "MAILBOX",
    ("subject", "3"): "MAIL_SYSTEM",
    ("subject", "4"): "NETWORK",
    ("subject", "5"): "PROTOCOL",
    ("subject", "6"): "CONTENT",
    ("subject", "7"): "SECURITY",
}

# Deprecations: code -> (smtpgen table version, name of the replacement).
# X.6.10's description: "This is a duplicate of X.6.8 and is thus
# deprecated."
DEPRECATED = {
    "X.6.10": ("0.2.0", "UTF8_REPLY_REQUIRED"),
}

NAME_RE = re.compile(r"[A-Z][A-Z0-9_]*\Z")
NUMBER_RE = re.compile(r"(?:0|[1-9][0-9]*)\Z")
VERSION_RE = re.compile(r"(?:0|[1-9][0-9]*)(?:\.(?:0|[1-9][0-9]*))*\Z")
CODE_RE = re.compile(r"X\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\Z")
BASIC_RE = re.compile(r"[2-5][0-5][0-9]\Z|[2-5]XX\Z")

# "Associated basic status code": the texts that mean "no code given", the
# one remark, the tokens and the separators between them.
BASIC_NONE = ("Any", "Not given", ".", "")
BASIC_REMARK = " (other 4XX or 5XX codes are allowed)"
BASIC_REMARK_ADDS = ["4XX", "5XX"]
BASIC_TOKEN = r"(?:[2-5][0-5][0-9]|[2-5]XX)"
BASIC_SEP = r"(?:, |,\n|/| or |\n)"
BASIC_LIST_RE = re.compile(BASIC_TOKEN + "(?:" + BASIC_SEP + BASIC_TOKEN
                           + ")*\\Z")

# A line break inside a cell, with the blanks either side of it.
BREAK_RE = re.compile(r"[ \t]*(?:\r\n|\r|\n)[ \t]*")


class SourceError(Exception):
    pass


def join_lines(code, column, cell):
    """A cell with each line break (and blanks around it) made one space, or
    nothing after a hyphen."""
    if re.search(r"(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)", cell):
        raise SourceError("%s: %s has a blank line: %r" % (code, column, cell))
    if cell != cell.strip(" \t\r\n"):
        raise SourceError("%s: %s has leading or trailing blanks: %r"
                          % (code, column, cell))
    # A break right after a hyphen splits a hyphenated word (X.4.6's
    # "user-" / "forwarding"): it joins without a space.
    return BREAK_RE.sub(lambda m: "" if cell[m.start() - 1:m.start()] == "-" else " ",
                        cell)


def basic_codes(code, cell):
    """The normalised basic_codes field for a source cell; raises
    SourceError on any text the documented rules do not cover."""
    if cell in BASIC_NONE:
        return ""
    text, extra = cell, []
    if text.endswith(BASIC_REMARK):
        text, extra = text[:-len(BASIC_REMARK)], list(BASIC_REMARK_ADDS)
    if not BASIC_LIST_RE.match(text):
        raise SourceError("%s: basic status code not understood: %r"
                          % (code, cell))
    tokens = set(re.split(BASIC_SEP, text)) | set(extra)
    digits = sorted((t for t in tokens if t.isdigit()), key=int)
    patterns = sorted(t for t in tokens if not t.isdigit())
    return " ".join(digits + patterns)


def parse_source(raw):
    """Return the registry's records as dicts, in registry order.  Raises
    SourceError on anything the rules do not cover."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise SourceError("not UTF-8: %s" % e)
    if text.startswith("\ufeff"):
        raise SourceError("starts with a BOM")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows or rows[0] != SOURCE_HEADER:
        raise SourceError("header is %r, expected %r"
                          % (rows[0] if rows else None, SOURCE_HEADER))
    records, seen = [], {}
    for n, row in enumerate(rows[1:], 2):
        if len(row) != len(SOURCE_HEADER):
            raise SourceError("record %d has %d fields, expected %d"
                              % (n, len(row), len(SOURCE_HEADER)))
        rec = dict(zip(SOURCE_HEADER, row))
        code = rec["Code"]
        m = CODE_RE.match(code)
        if not m:
            raise SourceError("record %d: code not understood: %r" % (n, code))
        if code in seen:
            raise SourceError("%s: listed twice (records %d and %d)"
                              % (code, seen[code], n))
        seen[code] = n
        if re.search(r"[\r\n]", rec["Reference"]):
            raise SourceError("%s: reference has a line break" % code)
        if rec["Reference"] != rec["Reference"].strip(" \t"):
            raise SourceError("%s: reference has leading or trailing blanks"
                              % code)
        records.append({
            "record": n,
            "code": code,
            "subject": m.group(1),
            "detail": m.group(2),
            "text": join_lines(code, "Sample Text", rec["Sample Text"]),
            "basic_codes": basic_codes(code,
                                       rec["Associated basic status code"]),
            "reference": rec["Reference"],
            "description": join_lines(code, "Description",
                                      rec["Description"]),
        })
    for code in DEPRECATED:
        if code not in seen:
            raise SourceError("%s (deprecated here) is not in the registry"
                              % code)
    return records


def parse_titles(readme):
    """The class and subject titles from the sources README: [(kind, code,
    title)], classes first, in the README's order."""
    flat = " ".join(readme.split())
    m = re.search(r"\bclasses (.*?); subjects (.*?\))\.", flat)
    if not m:
        raise SourceError("%s: class and subject titles not found"
                          % README_COPY)
    out = []
    for kind, listed in (("class", m.group(1)), ("subject", m.group(2))):
        items = re.findall(r"(\d+) \(([^()]+)\)", listed)
        if ", ".join("%s (%s)" % i for i in items) != listed:
            raise SourceError("%s: %s titles not understood: %r"
                              % (README_COPY, kind, listed))
        out += [(kind, c, t) for c, t in items]
    return out


def derive(records, titles):
    """The two tables (lists of rows, header first) the source gives."""
    enhanced = [list(ENHANCED_HEADER)]
    for r in records:
        deprecated, replaced_by = DEPRECATED.get(r["code"], ("", ""))
        enhanced.append([NAMES.get(r["code"], "?"), r["subject"],
                         r["detail"], r["text"], r["basic_codes"],
                         r["reference"], deprecated, replaced_by,
                         r["description"]])
    subcodes = [list(SUBCODE_HEADER)]
    for kind, code, title in titles:
        subcodes.append([kind, code, SUBCODE_NAMES.get((kind, code), "?"),
                         title])
    return enhanced, subcodes


def csv_text(rows):
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n",
               quoting=csv.QUOTE_MINIMAL).writerows(rows)
    return buf.getvalue()


def text_faults(column, value, may_be_empty=False):
    out = []
    if value == "" and not may_be_empty:
        out.append("%s is empty" % column)
    if any((ord(c) < 32 and c != "\t") or 127 <= ord(c) <= 159
           for c in value):
        out.append("%s has a control character" % column)
    return out


def enhanced_faults(rows, subjects):
    """Row rules of smtp-enhanced.csv: {row index: [messages]}."""
    faults = {}
    names, codes = {}, {}
    for i, row in enumerate(rows):
        if len(row) != len(ENHANCED_HEADER):
            continue
        r = dict(zip(ENHANCED_HEADER, row))
        msgs = faults.setdefault(i, [])
        if not NAME_RE.match(r["name"]):
            msgs.append("name %r does not match [A-Z][A-Z0-9_]*" % r["name"])
        if r["name"] in names:
            msgs.append("name %s already used in row %d"
                        % (r["name"], names[r["name"]] + 1))
        names.setdefault(r["name"], i)
        for col in ("subject", "detail"):
            if not NUMBER_RE.match(r[col]):
                msgs.append("%s %r is not a decimal number without leading "
                            "zeros" % (col, r[col]))
        key = (r["subject"], r["detail"])
        if key in codes:
            msgs.append("X.%s.%s already used in row %d"
                        % (key + (codes[key] + 1,)))
        codes.setdefault(key, i)
        if subjects is not None and r["subject"] not in subjects:
            msgs.append("subject %s is not in %s" % (r["subject"],
                                                     SUBCODE_FILE))
        basics = r["basic_codes"].split(" ") if r["basic_codes"] else []
        bad = [b for b in basics if not BASIC_RE.match(b)]
        if bad:
            msgs.append("basic code(s) %r do not match [2-5][0-5][0-9] or "
                        "[2-5]XX" % bad)
        elif " ".join(basics) != r["basic_codes"] or basics != (
                sorted(set(b for b in basics if b.isdigit()), key=int)
                + sorted(set(b for b in basics if not b.isdigit()))):
            msgs.append("basic_codes %r not in normal form (single spaces, "
                        "codes ascending, then patterns ascending, no "
                        "duplicates)" % r["basic_codes"])
        if r["deprecated"] and not VERSION_RE.match(r["deprecated"]):
            msgs.append("deprecated %r is not a dotted version"
                        % r["deprecated"])
        if r["deprecated"] and not r["replaced_by"]:
            msgs.append("deprecated without replaced_by")
        if r["replaced_by"] and not r["deprecated"]:
            msgs.append("replaced_by without deprecated")
        msgs += text_faults("text", r["text"], bool(r["deprecated"]))
        msgs += text_faults("reference", r["reference"])
        msgs += text_faults("description", r["description"])
    by_name = {row[0]: row for row in rows if len(row) == len(ENHANCED_HEADER)}
    for i, row in enumerate(rows):
        if len(row) != len(ENHANCED_HEADER):
            continue
        r = dict(zip(ENHANCED_HEADER, row))
        if r["replaced_by"]:
            target = by_name.get(r["replaced_by"])
            if target is None:
                faults[i].append("replaced_by %s names no row"
                                 % r["replaced_by"])
            elif target[0] == r["name"]:
                faults[i].append("replaced by itself")
            elif target[ENHANCED_HEADER.index("deprecated")]:
                faults[i].append("replaced_by %s is deprecated too"
                                 % r["replaced_by"])
    return faults


def subcode_faults(rows):
    """Row rules of smtp-enhanced-subcodes.csv: {row index: [messages]}."""
    faults = {}
    names, codes = {}, {}
    for i, row in enumerate(rows):
        if len(row) != len(SUBCODE_HEADER):
            continue
        r = dict(zip(SUBCODE_HEADER, row))
        msgs = faults.setdefault(i, [])
        if r["kind"] not in ("class", "subject"):
            msgs.append("kind %r is neither class nor subject" % r["kind"])
        if not NUMBER_RE.match(r["code"]):
            msgs.append("code %r is not a decimal number without leading "
                        "zeros" % r["code"])
        elif r["kind"] == "class" and r["code"] not in ("2", "4", "5"):
            msgs.append("class %s is not 2, 4 or 5" % r["code"])
        if not NAME_RE.match(r["name"]):
            msgs.append("name %r does not match [A-Z][A-Z0-9_]*" % r["name"])
        if r["name"] in names:
            msgs.append("name %s already used in row %d"
                        % (r["name"], names[r["name"]] + 1))
        names.setdefault(r["name"], i)
        key = (r["kind"], r["code"])
        if key in codes:
            msgs.append("%s %s already used in row %d"
                        % (key + (codes[key] + 1,)))
        codes.setdefault(key, i)
        msgs += text_faults("title", r["title"])
    return faults


def write_tables(data, enhanced, subcodes, digest):
    if digest != SOURCE_SHA256:
        print("refusing to write: source sha256 is %s, expected %s"
              % (digest, SOURCE_SHA256))
        return 1
    for fname, rows in ((ENHANCED_FILE, enhanced), (SUBCODE_FILE, subcodes)):
        missing = [r for r in rows[1:] if "?" in r]
        if missing:
            print("refusing to write %s: no name for %r" % (fname, missing))
            return 1
    for fname, rows in ((ENHANCED_FILE, enhanced), (SUBCODE_FILE, subcodes)):
        path = os.path.join(data, fname)
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(csv_text(rows))
        print("wrote %s (%d rows)" % (path, len(rows) - 1))
    return 0


def main(argv):
    args = argv[1:]
    write = "--write" in args
    args = [a for a in args if a != "--write"]
    if len(args) > 2 or any(a.startswith("-") for a in args):
        print("usage: check_enhanced.py [--write] [SOURCE [DATADIR]]")
        return 2
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    source = args[0] if args else os.path.join(
        root, "data", "source", SOURCE_COPY)
    data = args[1] if len(args) > 1 else os.path.join(root, "data")
    readme = os.path.join(os.path.dirname(source), README_COPY)

    try:
        with open(source, "rb") as f:
            raw = f.read()
        records = parse_source(raw)
        with open(readme, encoding="utf-8") as f:
            readme_text = f.read()
        titles = parse_titles(readme_text)
    except (OSError, UnicodeDecodeError, SourceError) as e:
        print("%s: cannot parse: %s" % (source, e))
        return 2
    digest = hashlib.sha256(raw).hexdigest()
    enhanced, subcodes = derive(records, titles)
    if write:
        return write_tables(data, enhanced, subcodes, digest)

    passed = failed = 0

    def fail(msg):
        nonlocal failed
        failed += 1
        print("FAIL " + msg)

    if digest != SOURCE_SHA256:
        fail("%s: sha256 is %s, expected %s" % (source, digest, SOURCE_SHA256))
    m = re.search(r"^sha256: ([0-9a-f]{64})$", readme_text, re.M)
    if not m or m.group(1) != SOURCE_SHA256:
        fail("%s: does not give the sha256 %s" % (readme, SOURCE_SHA256))
    if len(records) != ENHANCED_COUNT:
        fail("source: %d codes, expected %d" % (len(records), ENHANCED_COUNT))
    if len(titles) != SUBCODE_COUNT:
        fail("%s: %d titles, expected %d" % (readme, len(titles),
                                             SUBCODE_COUNT))

    # The subcode table first: its subjects are checked against.
    subjects = None
    jobs = [
        (SUBCODE_FILE, SUBCODE_HEADER, SUBCODE_COUNT, subcodes[1:],
         ["%s %s" % (k, c) for k, c, _ in titles], subcode_faults),
        (ENHANCED_FILE, ENHANCED_HEADER, ENHANCED_COUNT, enhanced[1:],
         ["%s, source record %d" % (r["code"], r["record"])
          for r in records], None),
    ]
    for fname, header, count, expected, where_src, rules in jobs:
        path = os.path.join(data, fname)
        rows = read_table(path, header, count, fail)
        if rows is None:
            failed += count - 1  # every row of it is unchecked
            continue
        if rules is None:
            if subjects is None:
                subjects = set(r[1] for r in subcodes[1:] if r[0] == "subject")
            row_rules = enhanced_faults(rows, subjects)
        else:
            row_rules = rules(rows)
            if rows:
                subjects = set(r[1] for r in rows
                               if len(r) == len(header) and r[0] == "subject")
        for i in range(max(len(rows), len(expected))):
            got = rows[i] if i < len(rows) else None
            exp = expected[i] if i < len(expected) else None
            where = "%s: row %d" % (path, i + 1)
            if got is None:
                fail("%s missing, expected %r (%s)"
                     % (where, exp, where_src[i]))
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
                        msgs.append("%s is %r, source says %r" % (col, g, e))
                msgs += row_rules.get(i, [])
            if msgs:
                fail("%s (%s): %s" % (where, where_src[i], "; ".join(msgs)))
            else:
                passed += 1

    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
