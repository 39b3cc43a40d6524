#!/bin/sh
# Checks both manual pages, smtp-codes(7) as generated and smtpgen(1):
#  - mandoc -Tlint -W warning and groff -man -ww (with -z, and rendering for
#    a terminal) report nothing;
#  - the text that mandoc -Tutf8 and groff -Tutf8 render carries every row of
#    the four CSVs (read here with Python's csv module, not from the JSON):
#    each reply with its code, description, class, kind, constant and
#    exactly the enhanced codes registered for it, in code order; each reason
#    with its symbol, description and constant under its own code, in table
#    order; the classes and subjects with their titles, and under each
#    subject's heading, in table order, each enhanced code with its sample
#    text, description, basic codes, reference, deprecation and constant;
#    and on each row its history marks, exactly those its CSV row's optional
#    columns give ("Since V.", "Deprecated in V; use NAME." or "Deprecated
#    in V.", "Formerly OLD." per alias), and as many of each as the CSVs;
#    the four tables' row counts and digests, FILES and SEE ALSO;
#  - smtpgen(1) documents every option that `smtpgen --help` lists, and its
#    date and version are those of gen/version.h;
# then checks the same on the page of tests/cases/custom-table, whose rows
# have every optional column; renders a table of hostile descriptions (roff requests, escapes,
# quotes, backslashes, non-ASCII) with SOURCE_DATE_EPOCH set and checks the
# same (with hostile enhanced codes, classes and subjects too), and that the
# page shows that date; renders them once more with a template that puts
# them in macro arguments, quoted and unquoted, where a '"' or a blank would
# split them if the escaper let it; and shows that the text check fails on
# copies of the page with a description, a cross-link, a basic code or a
# deprecation dropped, or a wrong row count, and on copies of the custom
# table's page with a since, alias or replacement-less deprecation mark
# dropped, another replacement, a since mark moved to another row or an
# alias mark added.
# usage: tests/check_man.sh [SMTPGEN]   (from the repository root)
set -eu
gen=${1:-gen/smtpgen}
build=tests/build/check_man
rm -rf "$build"
mkdir -p "$build"

lint() {
    page=$1
    if ! out=$(mandoc -Tlint -W warning "$page" 2>&1) || [ -n "$out" ]; then
        echo "check_man: mandoc -Tlint -W warning $page:" >&2
        echo "$out" >&2
        exit 1
    fi
    # Style too, but for long lines, whose length is the data's.
    out=$(mandoc -Tlint -W style "$page" 2>&1 | grep -v 'STYLE: input text line longer than 80 bytes' || true)
    [ -z "$out" ] || { echo "check_man: mandoc -Tlint -W style $page:" >&2; echo "$out" >&2; exit 1; }
    if ! out=$(groff -man -ww -z "$page" 2>&1) || [ -n "$out" ]; then
        echo "check_man: groff -man -ww -z $page:" >&2
        echo "$out" >&2
        exit 1
    fi
    # Rendered for a terminal, groff also reports glyphs it lacks.
    if ! out=$(groff -man -ww -Tutf8 "$page" 2>&1 >/dev/null) || [ -n "$out" ]; then
        echo "check_man: groff -man -ww -Tutf8 $page:" >&2
        echo "$out" >&2
        exit 1
    fi
}

# The hostile table: every description is a trap for roff, and must come out
# as typed.
python3 - "$build" <<'PY'
import csv, os, sys
build = sys.argv[1]
replies = [
    ("DOT", "250", ".TH FAKE 1 \\fBbold\\fR and a trailing backslash\\"),
    ("QUOTE", "421", "'br starts with a quote; \"double\" quotes, \\\"escaped\\\" ones"),
    ("BLANKS", "450", " a leading blank, a\ttab,  two blanks and a trailing blank "),
    ("MARKS", "554", "a-b --option ^caret ~tilde `grave` 'apostrophe' 100% \\(em \\*[x] \\$1 \\c"),
]
reasons = [
    ("COMMENT", "5XX_COMMENT", "554", ".\\\" not a comment"),
    ("BACKSLASH", "4XX_BACKSLASH", "421", "\\"),
    ("APOSTROPHE", "5XX_APOSTROPHE", "554", "'"),
    ("PERIOD", "5XX_PERIOD", "554", "."),
    ("ESCAPES", "4XX_ESCAPES", "450", "\\e\\&\\\\ \\fI\\n(.H \\[u00E9] \\N'45' \\h'1i' \\o'ab'"),
    ("UTF8", "5XX_UTF8", "554", "caf\u00e9 na\u00efve \u2013 \u2122 \u20ac no\u00a0break \u00c5ngstr\u00f6m"),
    ("REQUEST", "2XX_REQUEST", "250", ".SH NAME"),
    ("QUOTES", "5XX_QUOTES", "554", '"quoted" words, \\"escaped\\" ones and a lone " here'),
    ("BLANKS", "4XX_BLANKS", "450", " a leading blank, a\ttab and a trailing blank "),
]
with open(os.path.join(build, "replies.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["name", "code", "description"])
    w.writerows(replies)
with open(os.path.join(build, "reasons.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["name", "symbol", "code", "description"])
    w.writerows(reasons)
subcodes = [
    ("class", "5", "PERMANENT", ".SH NOT A SECTION"),
    ("class", "2", "SUCCESS", "'br \"quoted\" \\fBbold\\fR"),
    ("class", "4", "TRANSIENT", " a leading blank, a\ttab and \\(em"),
    ("subject", "12", "CUSTOM", ".SS fake subsection \u2014 caf\u00e9"),
    ("subject", "0", "OTHER", "-dash ~tilde ^caret `grave`"),
    ("subject", "7", "SECURITY", "\\*[x] \\$1 100% \\c"),
]
enhanced = [
    ("LIMIT", "12", "999", ".TH FAKE 1 \\fBbold\\fR", "421 554 4XX", "'quoted' \\e -- ref", "", "",
     "A custom code:\ta tab, \\ back and a trailing backslash\\"),
    ("OTHER", "0", "0", "'br starts with a quote", "", ".\\\" not a comment", "", "",
     " a leading blank and \"double\" quotes "),
    ("DENIED", "7", "1", "Denied \\n(.H \\[u00E9]", "250 450 551 5XX", ".SH REFERENCE", "", "",
     ".SS not a heading"),
    ("OLD_LIMIT", "12", "7", "", "554 252", "[local]", "1.2", "LIMIT", "'Use X.12.999 instead."),
]
with open(os.path.join(build, "subcodes.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["kind", "code", "name", "title"])
    w.writerows(subcodes)
with open(os.path.join(build, "enhanced.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["name", "subject", "detail", "text", "basic_codes", "reference", "deprecated",
                "replaced_by", "description"])
    w.writerows(enhanced)
PY
# generate WHAT DIR TEMPLATES OUT [ENV]: runs the generator on the four
# tables DIR/{replies,reasons,enhanced,subcodes}.csv, failing with its log.
generate() {
    what=$1 dir=$2 templates=$3 out=$4
    # shellcheck disable=SC2086 # ${5:-} is a VAR=VALUE word or nothing
    if ! env -u SOURCE_DATE_EPOCH ${5:-} "$gen" --replies "$dir/replies.csv" \
            --reasons "$dir/reasons.csv" --enhanced "$dir/enhanced.csv" \
            --subcodes "$dir/subcodes.csv" --templates "$templates" --out "$out" \
            >"$build/smtpgen.log" 2>&1; then
        echo "check_man: $gen failed on $what:" >&2
        cat "$build/smtpgen.log" >&2
        exit 1
    fi
}
# 2023-11-14 22:13:20 UTC
generate "the hostile table" "$build" templates "$build/out" SOURCE_DATE_EPOCH=1700000000

# The same table through a template that passes each description as macro
# arguments (the other templates are the shipped ones).
mkdir -p "$build/templates"
cp -R templates/. "$build/templates/"
cat >"$build/templates/man/smtp-codes.7.mustache" <<'EOF'
.TH ARGUMENTS 7 {{{date}}} "check_man"
.SH NAME
arguments \- descriptions as macro arguments
.SH DESCRIPTION
{{#reasons}}
.TP
.B "{{description}}"
{{symbol}}
.I {{description}}
{{/reasons}}
EOF
generate "the macro-argument template" "$build" "$build/templates" "$build/args" \
    SOURCE_DATE_EPOCH=1700000000

# The custom table of tests/cases/custom-table, whose rows have the optional
# columns (since, deprecated with and without replaced_by, aliases) in
# another order in each file.
custom=tests/cases/custom-table
generate "$custom" "$custom" templates "$build/custom"

for page in out/man/smtp-codes.7 gen/smtpgen.1 "$build/out/man/smtp-codes.7" \
        "$build/args/man/smtp-codes.7" "$build/custom/man/smtp-codes.7"; do
    lint "$page"
done

"$gen" --help >"$build/help.txt"

python3 - "$build" <<'PY'
import csv, hashlib, os, re, subprocess, sys
sys.path.insert(0, "tests")
import check_html_text  # noqa: E402  (the history marks, shared by every page check)

build = sys.argv[1]
failures = []
checks = 0


def check(ok, what):
    global checks
    checks += 1
    if not ok:
        failures.append(what)


def norm(text):
    # Blanks of any kind (wrapping, indentation, the two spaces after a
    # sentence, a no-break space) count as one space.
    return " ".join(text.split())


# What groff's utf8 device makes of these characters when a page does not
# ask for the ASCII ones (groff_char(7)); Debian's groff 1.22 keeps them
# ASCII, so this is set after .TH (which would reset it) to see what newer
# groff shows. Text that must read as typed needs \- \(aq \(ga \(ha \(ti.
STRICT_CHARS = (".char - \\[hy]\n.char ' \\[cq]\n.char ` \\[oq]\n"
                ".char ^ \\[u02C6]\n.char ~ \\[u02DC]\n")


def render(page, tool):
    if tool == "mandoc":
        cmd = ["mandoc", "-Tutf8", "-O", "width=1000", page]
    else:
        with open(page, encoding="utf-8") as f:
            source = f.read()
        strict = os.path.join(build, "strict-" + os.path.basename(page))
        with open(strict, "w", encoding="utf-8") as f:
            f.write(re.sub(r"^(\.TH .*\n)", lambda m: m.group(1) + STRICT_CHARS, source,
                           count=1, flags=re.M))
        # A line length nothing reaches, so groff neither wraps nor hyphenates.
        cmd = ["groff", "-man", "-Tutf8", "-rLL=1000n", "-P-cbou", strict]
    out = subprocess.run(cmd, check=True, capture_output=True).stdout.decode("utf-8")
    return re.sub(r".\x08", "", out).splitlines()


def sections(lines):
    # Section headings start in column 0; the last line is the page footer.
    found, name = {}, None
    for line in lines[1:-1]:
        if line and not line[0].isspace():
            name = line.strip()
            found[name] = []
        elif name:
            found[name].append(line)
    return found


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


CLASS = {"2": "Positive Completion", "3": "Positive Intermediate",
         "4": "Transient Negative Completion", "5": "Permanent Negative Completion"}
ADVICE = {"4": ", retry later", "5": ", do not retry"}
CATEGORY = {"0": "Syntax", "1": "Information", "2": "Connections", "3": "Unspecified",
            "4": "Unspecified", "5": "Mail system"}


def subsections(body, pattern):
    # Subsection headings are indented by three spaces, their text by more.
    groups, name = {}, None
    intro = []
    for line in body:
        m = re.fullmatch(pattern, line)
        if m:
            name = m.group(1)
            check(name not in groups, f"subsection {name!r} appears twice")
            groups[name] = []
        elif name is not None:
            groups[name].append(line)
        else:
            intro.append(line)
    return intro, groups


def enhanced_code(e):
    return f"X.{e['subject']}.{e['detail']}"


def history(row, by_name=None):
    """The marks a row's optional columns give it, in the page's order
    (check_html_text.history_marks), each after a blank; by_name, the
    enhanced codes by name, for an enhanced code's row."""
    kind = "enhanced" if by_name is not None else "row"
    return "".join(" " + mark[1]
                   for mark in check_html_text.history_marks(row, kind, by_name or {}))


# How many marks of each kind a page's text must hold: one per row with the
# column set (one per alias). Counted as words, so that "Valid-Since field"
# in a description is none.
MARKS = {"since": re.compile(r"(?<![\w-])Since [0-9]"),
         "deprecated": re.compile(r"(?<![\w-])Deprecated in [0-9]"),
         "aliases": re.compile(r"(?<![\w-])Formerly [A-Z]")}


def check_codes_page(page, paths, date, tools=("mandoc", "groff"), where_suffix=""):
    replies, reasons = read_csv(paths["replies"]), read_csv(paths["reasons"])
    enhanced, subcodes = read_csv(paths["enhanced"]), read_csv(paths["subcodes"])
    classes = [r for r in subcodes if r["kind"] == "class"]
    subjects = [r for r in subcodes if r["kind"] == "subject"]
    by_name = {e["name"]: e for e in enhanced}
    for tool in tools:
        where = f"{page} ({tool}){where_suffix}"
        lines = render(page, tool)
        found = sections(lines)
        for name in ("NAME", "DESCRIPTION", "REPLY CODES", "REASONS", "ENHANCED STATUS CODES",
                     "FILES", "SEE ALSO"):
            check(name in found, f"{where}: no {name} section")
        check(list(found)[3:5] == ["REASONS", "ENHANCED STATUS CODES"],
              f"{where}: ENHANCED STATUS CODES does not follow REASONS: {list(found)}")
        # The date is raw in .TH (mandoc parses no escapes there), so groff
        # may print its hyphens as U+2010; that is typography, not damage.
        footer = norm(lines[-1]).replace("\u2010", "-")
        check(date in footer, f"{where}: the footer {footer!r} does not show {date}")
        description = norm("\n".join(found.get("DESCRIPTION", [])))
        for key in ("replies", "reasons", "enhanced", "subcodes"):
            with open(paths[key], "rb") as f:
                digest = hashlib.sha256(f.read()).hexdigest()
            rows = len(read_csv(paths[key]))
            entry = f"{os.path.basename(paths[key])} {rows} rows, SHA-256 {digest}"
            check(entry in description, f"{where}: DESCRIPTION lacks {entry!r}")
        text = norm("\n".join(found.get("REPLY CODES", [])))
        at = -1
        for r in sorted(replies, key=lambda r: int(r["code"])):
            c = r["code"]
            codes = [enhanced_code(e) for e in enhanced if c in e["basic_codes"].split()]
            entry = (f"{c} {norm(r['description'])} {CLASS[c[0]]} ({c[0]}yz{ADVICE.get(c[0], '')}); "
                     f"{CATEGORY[c[1]]} (x{c[1]}z). Enhanced status codes: "
                     f"{' '.join(codes) or 'none'}{history(r)} SMTP_REPLY_{r['name']}")
            pos = text.find(entry, at + 1)
            check(pos > at, f"{where}: REPLY CODES lacks {entry!r} after the codes before it")
            at = max(at, pos)
        check(text.count("Enhanced status codes:") == len(replies),
              f"{where}: REPLY CODES has {text.count('Enhanced status codes:')} lists of "
              f"enhanced codes for {len(replies)} replies")
        # Subsection headings in REASONS are codes indented by three spaces.
        _, groups = subsections(found.get("REASONS", []), r"   (\d{3})")
        want_codes = sorted({r["code"] for r in replies} | {r["code"] for r in reasons}, key=int)
        check(list(groups) == want_codes,
              f"{where}: REASONS groups codes {list(groups)}, the CSVs have {want_codes}")
        for code, body in groups.items():
            text = norm("\n".join(body))
            at = -1
            for r in (r for r in reasons if r["code"] == code):
                entry = (f"{r['symbol']} {norm(r['description'])}{history(r)} "
                         f"SMTP_REASON_{r['name']}")
                pos = text.find(entry, at + 1)
                check(pos > at, f"{where}: REASONS {code} lacks {entry!r} after the reasons before it")
                at = max(at, pos)
            for r in replies:
                if r["code"] == code:
                    check(norm(r["description"]) in text, f"{where}: REASONS {code} lacks its reply's description")
        # ENHANCED STATUS CODES: the classes and subjects, then one
        # subsection per subject, "X.S.X Title", in the order of the table.
        intro, groups = subsections(found.get("ENHANCED STATUS CODES", []), r"   (\S.*)")
        text = norm("\n".join(intro))
        for mention in ("RFC 2034", "RFC 3463", "RFC 5248", "550 5.7.1"):
            check(mention in text, f"{where}: ENHANCED STATUS CODES does not mention {mention}")
        at = -1
        for r in classes + subjects:
            entry = (f"{r['code']}.X.X {norm(r['title'])}" if r["kind"] == "class"
                     else f"X.{r['code']}.X {norm(r['title'])}")
            pos = text.find(entry, at + 1)
            check(pos > at, f"{where}: ENHANCED STATUS CODES lacks {entry!r} after those before it")
            at = max(at, pos)
        want = [norm(f"X.{s['code']}.X {s['title']}") for s in subjects]
        got = [norm(g) for g in groups]
        check(got == want, f"{where}: ENHANCED STATUS CODES has the subsections {got}, wanted {want}")
        for s in subjects:
            body = groups.get(f"X.{s['code']}.X {s['title']}".strip(), None)
            if body is None:
                body = next((b for g, b in groups.items() if norm(g) == norm(f"X.{s['code']}.X {s['title']}")), [])
            text = norm("\n".join(body))
            rows = [e for e in enhanced if e["subject"] == s["code"]]
            at = -1
            for e in rows:
                entry = (f"{enhanced_code(e)} {norm(e['text']) or 'No sample text.'} "
                         f"{norm(e['description'])} Basic codes: {e['basic_codes'] or 'none'} "
                         f"Reference: {norm(e['reference'])}{history(e, by_name)} "
                         f"SMTP_ENHANCED_{e['name']}")
                pos = text.find(entry, at + 1)
                check(pos > at, f"{where}: X.{s['code']}.X lacks {entry!r} after the codes before it")
                at = max(at, pos)
            check(text.count("SMTP_ENHANCED_") == len(rows),
                  f"{where}: X.{s['code']}.X has {text.count('SMTP_ENHANCED_')} codes, the CSV {len(rows)}")
        text = norm("\n".join(found.get("FILES", [])))
        for path in paths.values():
            want = f"/usr/local/share/smtpgen/data/{os.path.basename(path)}"
            if path.startswith("data/"):
                check(want in text, f"{where}: FILES does not name {want}")
        text = norm("\n".join(found.get("SEE ALSO", [])))
        for rfc in ("2034", "3463", "5248", "5321"):
            check(f"RFC {rfc}," in text and f"https://www.rfc-editor.org/rfc/rfc{rfc}" in text,
                  f"{where}: SEE ALSO does not cite RFC {rfc} with its address")
        everything = norm("\n".join(lines))
        for r in replies + reasons + enhanced:
            check(norm(r["description"]) in everything, f"{where}: {r['description']!r} is missing")
        # No mark on a row whose CSV row lacks it: the entries above are
        # contiguous, and each kind of mark appears exactly as often as the
        # CSVs give one (descriptions aside).
        for key, pattern in MARKS.items():
            rows = replies + reasons + enhanced
            want = sum(len((r.get(key) or "").split()) if key == "aliases" else bool(r.get(key))
                       for r in rows)
            want += sum(len(pattern.findall(norm(r["description"] + " " + r.get("text", ""))))
                        for r in rows)
            got = len(pattern.findall(everything))
            check(got == want, f"{where}: {got} {key} marks, the CSVs give {want}")


def th_of(page):
    with open(page, encoding="utf-8") as f:
        for line in f:
            if line.startswith(".TH "):
                return line
    return ""


with open("gen/version.h", encoding="utf-8") as f:
    header = f.read()
version = re.search(r'#define SMTPGEN_VERSION "([^"]+)"', header).group(1)
release = re.search(r'#define SMTPGEN_RELEASE_DATE "([^"]+)"', header).group(1)

# out/ is made without SOURCE_DATE_EPOCH, so it shows the release date.
SHIPPED = {"replies": "data/smtp-replies.csv", "reasons": "data/smtp-reasons.csv",
           "enhanced": "data/smtp-enhanced.csv", "subcodes": "data/smtp-enhanced-subcodes.csv"}
HOSTILE = {key: f"{build}/{key}.csv" for key in SHIPPED}
check_codes_page("out/man/smtp-codes.7", SHIPPED, release)
check(th_of("out/man/smtp-codes.7").split()[3:4] == [release],
      f"out/man/smtp-codes.7: .TH does not carry {release}: {th_of('out/man/smtp-codes.7')!r}")
check_codes_page(f"{build}/out/man/smtp-codes.7", HOSTILE, "2023-11-14")
CUSTOM = {key: f"tests/cases/custom-table/{key}.csv" for key in SHIPPED}
check_codes_page(f"{build}/custom/man/smtp-codes.7", CUSTOM, release)


# The text check must fail on a page that lost a value: each mutation edits
# one line of a copy of out/man/smtp-codes.7 (which must still lint clean
# enough to render) and must draw at least one failure.
def mutate(source, name):
    lines = source.split("\n")
    def after(start, pred):
        for i in range(start, len(lines)):
            if pred(lines[i]):
                return i
        raise LookupError(name)
    if name == "no-description":
        # The tag, the sample text, .br, then the description.
        tag = after(0, lambda l: l == ".B X.1.1")
        del lines[tag + 3]
    elif name == "no-cross-link":
        head = after(0, lambda l: l == "Enhanced status codes:")
        head = after(head, lambda l: re.fullmatch(r"X\.\d+\.\d+", l) is not None)
        del lines[head]
    elif name == "no-basic-code":
        head = after(0, lambda l: l == "Basic codes:")
        head = after(head, lambda l: re.fullmatch(r"[2-5][0-9X]{2}", l) is not None)
        del lines[head]
    elif name == "no-deprecation":
        del lines[after(0, lambda l: l.startswith("Deprecated in "))]
    elif name == "wrong-count":
        at = after(0, lambda l: l == ".I smtp\\-enhanced.csv")
        lines[at + 1] = re.sub(r"^(\d+)", lambda m: str(int(m.group(1)) + 1), lines[at + 1])
    # On the custom table's page: a history mark dropped, put on another
    # row, or naming another replacement.
    elif name == "no-since":
        del lines[after(0, lambda l: l.startswith("Since "))]
    elif name == "no-formerly":
        del lines[after(0, lambda l: l.startswith("Formerly "))]
    elif name == "no-deprecation-without-replacement":
        del lines[after(0, lambda l: re.fullmatch(r"Deprecated in [0-9.]+\.", l) is not None)]
    elif name == "other-replacement":
        at = after(0, lambda l: l.startswith("Deprecated in ") and "; use " in l)
        lines[at] = re.sub(r"; use .*", "; use TIMEOUT.", lines[at])
    elif name == "since-moved":
        # The first reply with a since mark loses it to the row before it.
        at = after(0, lambda l: l.startswith("Since "))
        mark = lines[at - 1:at + 1]
        del lines[at - 1:at + 1]
        first = after(0, lambda l: l.startswith(".I SMTP_REPLY_"))
        lines[first:first] = mark
    elif name == "extra-formerly":
        at = after(0, lambda l: l.startswith(".I SMTP_REASON_"))
        lines[at:at] = [".br", "Formerly OLD_NAME."]
    return "\n".join(lines)


MUTATIONS = [("out/man/smtp-codes.7", SHIPPED, name) for name in
             ("no-description", "no-cross-link", "no-basic-code", "no-deprecation", "wrong-count")]
MUTATIONS += [(f"{build}/custom/man/smtp-codes.7", CUSTOM, name) for name in
              ("no-since", "no-formerly", "no-deprecation-without-replacement",
               "other-replacement", "since-moved", "extra-formerly")]
for source_page, paths, name in MUTATIONS:
    with open(source_page, encoding="utf-8") as f:
        source = f.read()
    copy = f"{build}/{name}.7"
    try:
        broken = mutate(source, name)
    except LookupError:
        check(False, f"{source_page} has no line to make the {name} mutation on")
        continue
    with open(copy, "w", encoding="utf-8") as f:
        f.write(broken)
    kept, failures = failures, []
    check_codes_page(copy, paths, release, tools=("mandoc",))
    caught, failures = failures, kept
    check(broken != source and caught,
          f"the text check accepts a copy of {source_page} with {name}")

# In macro arguments: the .TP tag, the symbol, then the .I line.
args_page = f"{build}/args/man/smtp-codes.7"
for tool in ("mandoc", "groff"):
    text = norm("\n".join(sections(render(args_page, tool)).get("DESCRIPTION", [])))
    for r in read_csv(f"{build}/reasons.csv"):
        entry = f"{norm(r['description'])} {r['symbol']} {norm(r['description'])}"
        check(entry in text, f"{args_page} ({tool}): {entry!r} is missing")

page = "gen/smtpgen.1"
th = th_of(page)
check(th == f'.TH SMTPGEN 1 {release} "smtpgen {version}"\n',
      f"{page}: {th.strip()!r} does not carry gen/version.h's {release} and {version}")
with open(f"{build}/help.txt", encoding="utf-8") as f:
    options = sorted(set(re.findall(r"(?<![\w-])(--?[A-Za-z][\w-]*)", f.read())))
check(len(options) >= 10, f"smtpgen --help lists only {options}")
for tool in ("mandoc", "groff"):
    found = sections(render(page, tool))
    for name in ("NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "EXIT STATUS", "ENVIRONMENT",
                 "FILES", "EXAMPLES", "SEE ALSO"):
        check(name in found, f"{page} ({tool}): no {name} section")
    opts = "\n".join(found.get("OPTIONS", []))
    for opt in options:
        check(re.search(rf"(?<![\w-]){re.escape(opt)}(?![\w-])", opts),
              f"{page} ({tool}): OPTIONS does not describe {opt}")
    status = norm("\n".join(found.get("EXIT STATUS", [])))
    check(all(re.search(rf"(^| ){n} ", status) for n in "012"),
          f"{page} ({tool}): EXIT STATUS does not give 0, 1 and 2")
    check("SOURCE_DATE_EPOCH" in "\n".join(found.get("ENVIRONMENT", [])),
          f"{page} ({tool}): ENVIRONMENT does not describe SOURCE_DATE_EPOCH")

if failures:
    for f in failures:
        print(f"check_man: FAIL {f}", file=sys.stderr)
    print(f"check_man: {len(failures)} of {checks} checks failed", file=sys.stderr)
    sys.exit(1)
print(f"man: smtp-codes.7 and smtpgen.1 lint clean (mandoc -W warning, groff -ww); "
      f"{checks} checks on their text passed, hostile and custom tables included")
PY
