#!/bin/sh
# Checks both manual pages, smtp-codes(7) as generated and smtpgen(1):
#  - mandoc -Tlint -W warning and groff -man -ww (with -z, and rendering for
#    a terminal) report nothing;
#  - the text that mandoc -Tutf8 and groff -Tutf8 render carries every row of
#    the CSVs (read here with Python's csv module, not from the JSON): each
#    reply with its code, description and class in code order, each reason
#    with its symbol, description and constant under its own code, in table
#    order;
#  - smtpgen(1) documents every option that `smtpgen --help` lists, and its
#    date and version are those of gen/version.h;
# then renders a table of hostile descriptions (roff requests, escapes,
# quotes, backslashes, non-ASCII) with SOURCE_DATE_EPOCH set and checks the
# same, and that the page shows that date; and renders them once more with a
# template that puts them in macro arguments, quoted and unquoted, where a
# '"' or a blank would split them if the escaper let it.
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
PY
# 2023-11-14 22:13:20 UTC
if ! SOURCE_DATE_EPOCH=1700000000 "$gen" --replies "$build/replies.csv" \
        --reasons "$build/reasons.csv" --templates templates --out "$build/out" \
        >"$build/smtpgen.log" 2>&1; then
    echo "check_man: $gen failed on the hostile table:" >&2
    cat "$build/smtpgen.log" >&2
    exit 1
fi

# The same table through a template that passes each description as macro
# arguments (the other templates are the shipped ones).
mkdir -p "$build/templates"
cp -R templates/. "$build/templates/"
cat >"$build/templates/smtp-codes.7.mustache" <<'EOF'
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
if ! SOURCE_DATE_EPOCH=1700000000 "$gen" --replies "$build/replies.csv" \
        --reasons "$build/reasons.csv" --templates "$build/templates" --out "$build/args" \
        >"$build/smtpgen.log" 2>&1; then
    echo "check_man: $gen failed on the macro-argument template:" >&2
    cat "$build/smtpgen.log" >&2
    exit 1
fi

for page in out/man/smtp-codes.7 gen/smtpgen.1 "$build/out/man/smtp-codes.7" \
        "$build/args/man/smtp-codes.7"; do
    lint "$page"
done

"$gen" --help >"$build/help.txt"

python3 - "$build" <<'PY'
import csv, os, re, subprocess, sys

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


def check_codes_page(page, replies_csv, reasons_csv, date):
    replies, reasons = read_csv(replies_csv), read_csv(reasons_csv)
    for tool in ("mandoc", "groff"):
        where = f"{page} ({tool})"
        lines = render(page, tool)
        found = sections(lines)
        for name in ("NAME", "DESCRIPTION", "REPLY CODES", "REASONS", "FILES", "SEE ALSO"):
            check(name in found, f"{where}: no {name} section")
        # The date is raw in .TH (mandoc parses no escapes there), so groff
        # may print its hyphens as U+2010; that is typography, not damage.
        footer = norm(lines[-1]).replace("\u2010", "-")
        check(date in footer, f"{where}: the footer {footer!r} does not show {date}")
        text = norm("\n".join(found.get("REPLY CODES", [])))
        at = -1
        for r in sorted(replies, key=lambda r: int(r["code"])):
            entry = f"{r['code']} {norm(r['description'])} {CLASS[r['code'][0]]}"
            pos = text.find(entry, at + 1)
            check(pos > at, f"{where}: REPLY CODES lacks {entry!r} after the codes before it")
            check(f"SMTP_REPLY_{r['name']}" in text, f"{where}: REPLY CODES lacks SMTP_REPLY_{r['name']}")
            at = max(at, pos)
        # Subsection headings in REASONS are codes indented by three spaces.
        groups, code = {}, None
        for line in found.get("REASONS", []):
            m = re.fullmatch(r"   (\d{3})", line)
            if m:
                code = m.group(1)
                check(code not in groups, f"{where}: REASONS has code {code} twice")
                groups[code] = []
            elif code:
                groups[code].append(line)
        want_codes = sorted({r["code"] for r in replies} | {r["code"] for r in reasons}, key=int)
        check(list(groups) == want_codes,
              f"{where}: REASONS groups codes {list(groups)}, the CSVs have {want_codes}")
        for code, body in groups.items():
            text = norm("\n".join(body))
            at = -1
            for r in (r for r in reasons if r["code"] == code):
                entry = f"{r['symbol']} {norm(r['description'])} SMTP_REASON_{r['name']}"
                pos = text.find(entry, at + 1)
                check(pos > at, f"{where}: REASONS {code} lacks {entry!r} after the reasons before it")
                at = max(at, pos)
            for r in replies:
                if r["code"] == code:
                    check(norm(r["description"]) in text, f"{where}: REASONS {code} lacks its reply's description")
        everything = norm("\n".join(lines))
        for r in replies + reasons:
            check(norm(r["description"]) in everything, f"{where}: {r['description']!r} is missing")


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
check_codes_page("out/man/smtp-codes.7", "data/smtp-replies.csv", "data/smtp-reasons.csv", release)
check(th_of("out/man/smtp-codes.7").split()[3:4] == [release],
      f"out/man/smtp-codes.7: .TH does not carry {release}: {th_of('out/man/smtp-codes.7')!r}")
check_codes_page(f"{build}/out/man/smtp-codes.7", f"{build}/replies.csv", f"{build}/reasons.csv",
                 "2023-11-14")

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
      f"{checks} checks on their text passed, hostile table included")
PY
