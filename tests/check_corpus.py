#!/usr/bin/env python3
"""Runs every reply of the corpus through `SMTPCODE explain --json` and
compares what it says with what the corpus expects.

Two sets of inputs (tests/corpus/README.md describes them):
- tests/corpus/replies.jsonl: real reply lines (RFC examples, MTA log
  formats, public bounce samples) and bad input, each with the fields it
  expects;
- generated here from data/smtp-reasons.csv: every seed reason written as
  a reply in several ways (bare, with an enhanced code of its class, upper
  and lower case, without its final period, with an id appended, with
  doubled spaces, as a multi-line reply, inside each wrapper).

Inputs that hold a line break go to smtpcode as arguments, the rest on
standard input, one a line. Prints one line per mismatch and a count;
exits 1 on any mismatch, 2 when smtpcode cannot be run or its output
cannot be read.

usage: tests/check_corpus.py SMTPCODE [--corpus FILE] [--reasons CSV] [-v]
"""
import argparse
import csv
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

# The fields a corpus entry may state, compared as they are, except the
# reason lists (names, in order).
FIELDS = ("reply", "code", "class", "enhanced", "consistent", "text", "lines", "error")
REASON_FIELDS = ("reasons", "other_code_reasons")
META = ("input", "source", "note")
CLASSES = {2: "positive", 3: "intermediate", 4: "transient", 5: "permanent"}

# The wrappers of the issue, each around a reply.
WRAPPERS = (
    ("dsn", "Diagnostic-Code: smtp; {}"),
    ("postfix", "Dec  2 10:00:01 mx1 postfix/smtp[12345]: 3F1A22C0123: to=<u@example.com>, "
                "relay=mx.example.com[192.0.2.1]:25, delay=1.2, delays=0.1/0/0.5/0.6, dsn={dsn}, "
                "status=bounced (host mx.example.com[192.0.2.1] said: {} "
                "(in reply to RCPT TO command))"),
    ("exim", "2026-12-02 10:00:01 1tAbCd-000123-Xy ** u@example.com R=dnslookup T=remote_smtp "
             "H=mx.example.com [192.0.2.1]: SMTP error from remote mail server after "
             "RCPT TO:<u@example.com>: {}"),
)


def normalized(description):
    """A description as smtp_reason_match compares it: lower case, runs of
    white space as one space, no trailing punctuation or space."""
    s = re.sub(r"\s+", " ", description.lower()).strip()
    return s.rstrip(" .,;:!?")


def generated_cases(reasons_csv):
    """(case, check) pairs: check(case, got) returns the mismatch messages
    of a generated case beyond its plain fields."""
    with open(reasons_csv, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    cases = []
    for row in rows:
        code = int(row["code"])
        desc = row["description"]
        name = row["name"]
        cls = CLASSES.get(code // 100)
        enhanced = "%d.0.0" % (code // 100)
        same = [r["name"] for r in rows
                if int(r["code"]) == code and normalized(r["description"]) == normalized(desc)]
        shorter = {r["name"] for r in rows if int(r["code"]) == code
                   and normalized(desc).startswith(normalized(r["description"]))
                   and normalized(r["description"]) != normalized(desc)}

        def case(how, text, enh=None, expect_text=None, lines=None):
            c = {"input": text, "code": code, "class": cls, "enhanced": enh,
                 "source": "%s %s" % (name, how), "_reason": name,
                 "_same": same, "_shorter": shorter}
            if enh:
                c["consistent"] = True
            if expect_text is not None:
                c["text"] = expect_text
            if lines is not None:
                c["lines"] = lines
            cases.append(c)

        case("bare", "%d %s" % (code, desc), expect_text=desc, lines=1)
        case("with an enhanced code", "%d %s %s" % (code, enhanced, desc), enhanced,
             expect_text=desc)
        case("upper case", "%d %s" % (code, desc.upper()))
        case("lower case", "%d %s" % (code, desc.lower()))
        bare = desc.rstrip(" .")
        if bare != desc:
            case("without its final period", "%d %s" % (code, bare), expect_text=bare)
        case("with an id appended", "%d %s id=1A2B3C" % (code, desc))
        case("with an enhanced code and an id", "%d %s %s id=1A2B3C" % (code, enhanced, desc),
             enhanced)
        case("with doubled spaces", "%d %s" % (code, desc.replace(" ", "  ")))
        words = desc.split(" ")
        if len(words) >= 2:
            half = len(words) // 2
            first, second = " ".join(words[:half]), " ".join(words[half:])
            case("as a two-line reply", "%d-%s %s\r\n%d %s %s" % (code, enhanced, first, code,
                                                                   enhanced, second),
                 enhanced, expect_text=desc, lines=2)
            case("as a two-line reply joined with spaces",
                 "%d-%s %s %d %s %s" % (code, enhanced, first, code, enhanced, second),
                 enhanced, expect_text=desc, lines=2)
        for wrapper, form in WRAPPERS:
            case("inside the %s wrapper" % wrapper,
                 form.format("%d %s" % (code, desc), dsn=enhanced), expect_text=desc)
            case("with an enhanced code inside the %s wrapper" % wrapper,
                 form.format("%d %s %s" % (code, enhanced, desc), dsn=enhanced), enhanced,
                 expect_text=desc)
            if len(words) >= 2:
                case("as a joined two-line reply inside the %s wrapper" % wrapper,
                     form.format("%d-%s %s %d %s %s" % (code, enhanced, first, code, enhanced,
                                                        second), dsn=enhanced),
                     enhanced, expect_text=desc, lines=2)
    return cases


def reason_names(got, field):
    value = got.get(field)
    if not isinstance(value, list):
        return None
    return [r.get("name") if isinstance(r, dict) else r for r in value]


def compare(case, got):
    """The mismatch messages of one case."""
    bad = []
    if got.get("input") != case["input"]:
        bad.append("input echoed as %s" % json.dumps(got.get("input")))
    for field in FIELDS:
        if field in case and got.get(field) != case[field]:
            bad.append("%s: expected %s, got %s" % (field, json.dumps(case[field]),
                                                    json.dumps(got.get(field))))
    for field in REASON_FIELDS:
        if field in case:
            names = reason_names(got, field)
            if names != case[field]:
                bad.append("%s: expected %s, got %s" % (field, case[field], names))
    if "error" in case:
        pass
    elif case.get("code") is None and got.get("error") is None:
        bad.append("error: expected a message for a line without a reply, got null")
    elif case.get("code") is not None and got.get("error") is not None:
        bad.append("error: expected null, got %s" % json.dumps(got.get("error")))
    if "_reason" in case:
        names = reason_names(got, "reasons") or []
        if case["_reason"] not in names:
            bad.append("reasons: %s is not among %s" % (case["_reason"], names))
        # The longest match first: the reasons with this very description
        # (the seed's duplicates), in table order, then only reasons whose
        # description is a shorter prefix of it.
        head = names[:len(case["_same"])]
        if head != case["_same"]:
            bad.append("reasons: expected %s first (the same description), got %s"
                       % (case["_same"], names))
        rest = [n for n in names[len(case["_same"]):] if n not in case["_shorter"]]
        if rest:
            bad.append("reasons: %s do not have the same description nor a shorter prefix "
                       "of it" % rest)
        if got.get("other_code_reasons"):
            bad.append("other_code_reasons: expected none when reasons match, got %s"
                       % reason_names(got, "other_code_reasons"))
    return bad


def run(smtpcode, args, stdin=None):
    """The JSON objects smtpcode prints and its exit status."""
    try:
        proc = subprocess.run([smtpcode, "explain", "--json"] + args, input=stdin,
                              capture_output=True)
    except OSError as e:
        sys.exit("check_corpus: cannot run %s: %s" % (smtpcode, e))
    if proc.returncode not in (0, 1) or proc.stderr:
        sys.exit("check_corpus: %s explain --json exited %d: %s"
                 % (smtpcode, proc.returncode, proc.stderr.decode(errors="replace")[:2000]))
    out = []
    for n, line in enumerate(proc.stdout.decode("utf-8").splitlines(), 1):
        try:
            out.append(json.loads(line))
        except ValueError as e:
            sys.exit("check_corpus: output line %d is not JSON (%s): %s" % (n, e, line[:200]))
    return out, proc.returncode


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("smtpcode")
    parser.add_argument("--corpus", default=os.path.join(HERE, "corpus", "replies.jsonl"))
    parser.add_argument("--reasons", default=os.path.join(ROOT, "data", "smtp-reasons.csv"))
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="also print how many cases each part has")
    args = parser.parse_args()

    cases = []
    with open(args.corpus, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            case = json.loads(line)
            unknown = set(case) - set(FIELDS) - set(REASON_FIELDS) - set(META)
            if unknown or "input" not in case or "source" not in case or "code" not in case:
                sys.exit("check_corpus: %s:%d: needs input, code and source; unknown keys %s"
                         % (args.corpus, n, sorted(unknown)))
            case["_where"] = "%s:%d" % (os.path.relpath(args.corpus), n)
            cases.append(case)
    corpus_count = len(cases)
    for case in generated_cases(args.reasons):
        case["_where"] = "generated"
        cases.append(case)

    # A line break inside an input: an argument; the rest: standard input.
    as_arg = [c for c in cases if "\n" in c["input"] or "\r" in c["input"]]
    as_line = [c for c in cases if c not in as_arg]
    mismatches = 0
    for group, how in ((as_line, "stdin"), (as_arg, "args")):
        if not group:
            continue
        if how == "stdin":
            got, status = run(args.smtpcode, [], "".join(c["input"] + "\n" for c in group)
                              .encode("utf-8"))
        else:
            got, status = run(args.smtpcode, [c["input"] for c in group])
        if len(got) != len(group):
            print("check_corpus: %d inputs on %s gave %d objects" % (len(group), how, len(got)))
            mismatches += 1
            continue
        want_status = 1 if any(c["code"] is None for c in group) else 0
        if status != want_status:
            print("check_corpus: exit status %d for the inputs on %s, expected %d"
                  % (status, how, want_status))
            mismatches += 1
        for case, obj in zip(group, got):
            for message in compare(case, obj):
                print("%s: %s: %s [input %s]" % (case["_where"], case["source"], message,
                                                 json.dumps(case["input"])[:160]))
                mismatches += 1
    if args.verbose:
        print("check_corpus: %d corpus lines, %d generated cases (%d as arguments)"
              % (corpus_count, len(cases) - corpus_count, len(as_arg)))
    print("check_corpus: %d mismatches in %d cases" % (mismatches, len(cases)))
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
