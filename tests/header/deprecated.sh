#!/bin/sh
# Checks the deprecation marks of a generated smtp_codes.h both ways, with
# gcc and clang in C99, C11, C17 and C2x and with g++ and clang++ in C++11,
# C++14, C++17 and C++20 (C2x and C++20 skipped where the compiler lacks
# them), under -Wall -Wextra -pedantic -Wshadow -Wundef:
#  0. the marked enumerators of the header, with their messages, are the
#     ones the CSVs call for (each deprecated row, then each of its
#     aliases, in enum order); (b) and (c) below are skipped, saying so,
#     for tables without a deprecated row or without an alias;
#  1. the spelling chosen for SMTP_DEPRECATED in each mode (-E -dM): the
#     standard [[deprecated(msg)]] in C2x and C++17 and later, the GNU
#     __attribute__((deprecated(msg))) before;
#  a. a unit that uses every unmarked enumerator and the lookups (an alias
#     found by name is no use of a mark) compiles with -Werror, prints
#     nothing on stderr and runs;
#  b. a unit using each deprecated row's enumerator gets, for each, the one
#     warning "FILE:LINE:COL: warning: 'NAME' is deprecated: MESSAGE
#     [-Wdeprecated-declarations]" at the line of its use, no other
#     warning, and fails under -Werror with the same diagnostics as errors;
#  c. the same for a unit using each alias enumerator ("renamed ...");
#  d. with SMTP_DEPRECATED(msg) defined empty before the header (the
#     documented override), both units compile clean under -Werror;
#  e. with SMTP_DEPRECATED defined by the user, the user's mark is the one
#     used (its message, prefixed, shows in the warnings).
# usage: tests/header/deprecated.sh [HEADER_DIR REPLIES_CSV REASONS_CSV
#                                    ENHANCED_CSV]
# (default: the custom table, tests/cases/custom-table, whose rows have
# deprecated rows and aliases in every table; HEADER_BUILD_DIR: where to
# build, default tests/build/header, this script using deprecated/ in it)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
custom="$here/../cases/custom-table"
include=${1:-$custom/expected/include}
replies=${2:-$custom/replies.csv}
reasons=${3:-$custom/reasons.csv}
enhanced=${4:-$custom/enhanced.csv}
build=${HEADER_BUILD_DIR:-tests/build/header}/deprecated
header="$include/smtp_codes.h"
rm -rf "$build"
mkdir -p "$build"
# The compilers' quotes in plain ASCII ('NAME', not a locale's).
LC_ALL=C
export LC_ALL
strict="-Wall -Wextra -pedantic -Wshadow -Wundef"
failed=0
fail() {
    echo "deprecated: $*"
    failed=1
}

# 0. The marks: "ENUMERATOR<TAB>MESSAGE", from the header and from the CSVs.
tab=$(printf '\t')
sed -n "s/^    \(SMTP_[A-Z0-9_]*\) SMTP_DEPRECATED(\"\(.*\)\") = [0-9]*,\$/\1$tab\2/p" \
    "$header" > "$build/marks"
timeout 60 python3 - "$replies" "$reasons" "$enhanced" > "$build/marks-expected" <<'PY'
import csv
import sys

for path, table in zip(sys.argv[1:4], ("REPLY", "REASON", "ENHANCED")):
    prefix = f"SMTP_{table}_"
    with open(path, newline="", encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            retired = ""
            if row.get("deprecated"):
                use = f"; use {prefix}{row['replaced_by']}" if row.get("replaced_by") else ""
                retired = f"deprecated in {row['deprecated']}{use}"
                print(f"{prefix}{row['name']}\t{retired}")
            # An alias of a deprecated row says so, and what to use.
            for alias in (row.get("aliases") or "").split():
                print(f"{prefix}{alias}\trenamed {prefix}{row['name']}"
                      + (f", {retired}" if retired else ""))
PY
if ! cmp -s "$build/marks-expected" "$build/marks"; then
    fail "the marked enumerators of $header are not the ones the CSVs call for:"
    diff "$build/marks-expected" "$build/marks" | head -20
fi
grep "${tab}deprecated in " "$build/marks" > "$build/marks-rows" || true
grep "${tab}renamed " "$build/marks" > "$build/marks-aliases" || true
[ -s "$build/marks-rows" ] || echo "deprecated: no deprecated row in these tables: (b) skipped"
[ -s "$build/marks-aliases" ] || echo "deprecated: no alias in these tables: (c) skipped"
# The unmarked enumerators (rows, classes, subjects, counts).
sed -n 's/^    \(SMTP_[A-Z0-9_]*\) = [0-9]*,\{0,1\}$/\1/p' "$header" > "$build/unmarked"
[ -s "$build/unmarked" ] || fail "no unmarked enumerator found in $header"

# a. The unit that uses only unmarked names, and the lookups.
src_a="$build/clean.c"
{
    echo '#include <string.h>'
    echo '#include "smtp_codes.h"'
    echo '#include "smtp_codes.h"'
    echo 'static const long values[] = {'
    sed 's/.*/    (long)&,/' "$build/unmarked"
    echo '};'
    cat <<'EOF'
static int failures;
#define CHECK(ok) do { if (!(ok)) failures++; } while (0)
/* By name, every row and every alias (as a string: no mark is used). */
#define REPLY_ROW(NAME, CODE, DESCRIPTION) CHECK(smtp_reply_by_name(#NAME) != NULL);
#define REASON_ROW(NAME, SYMBOL, CODE, DESCRIPTION) CHECK(smtp_reason_by_name(#NAME) != NULL);
#define ENHANCED_ROW(NAME, SUBJECT, DETAIL, TEXT) CHECK(smtp_enhanced_by_name(#NAME) != NULL);
#define REPLY_ALIAS(OLD, NAME) \
    CHECK(smtp_reply_by_name(#OLD) && strcmp(smtp_reply_by_name(#OLD)->name, #NAME) == 0);
#define REASON_ALIAS(OLD, NAME) \
    CHECK(smtp_reason_by_name(#OLD) && strcmp(smtp_reason_by_name(#OLD)->name, #NAME) == 0);
#define ENHANCED_ALIAS(OLD, NAME) \
    CHECK(smtp_enhanced_by_name(#OLD) \
          && strcmp(smtp_enhanced_by_name(#OLD)->name, #NAME) == 0);
int main(void)
{
    long sum = 0;
    size_t i;

    for (i = 0; i < sizeof values / sizeof values[0]; i++)
        sum += values[i];
    SMTP_REPLY_LIST(REPLY_ROW)
    SMTP_REASON_LIST(REASON_ROW)
    SMTP_ENHANCED_LIST(ENHANCED_ROW)
    SMTP_REPLY_ALIAS_LIST(REPLY_ALIAS)
    SMTP_REASON_ALIAS_LIST(REASON_ALIAS)
    SMTP_ENHANCED_ALIAS_LIST(ENHANCED_ALIAS)
    CHECK(smtp_reply_by_name(NULL) == NULL && smtp_reply_by_name("NO SUCH NAME") == NULL);
    CHECK(smtp_reason_by_name(NULL) == NULL && smtp_enhanced_by_name(NULL) == NULL);
    CHECK(smtp_reason_get((enum smtp_reason)0) != NULL);
    CHECK(smtp_enhanced_get((enum smtp_enhanced)0) != NULL);
    return failures != 0 || sum < 0;
}
EOF
} > "$src_a"

# unit MARKS SOURCE [PRELUDE]: a unit using each enumerator of MARKS, one a
# line, after PRELUDE (lines before the #include); writes SOURCE and
# SOURCE.lines ("LINE<TAB>ENUMERATOR<TAB>MESSAGE" for each use).
unit() {
    marks=$1 src=$2 prelude=${3:-}
    : > "$src.lines"
    {
        line=0
        if [ -n "$prelude" ]; then
            printf '%s\n' "$prelude"
            line=$((line + $(printf '%s\n' "$prelude" | wc -l)))
        fi
        echo '#include "smtp_codes.h"'
        line=$((line + 1))
        n=0
        while IFS="$tab" read -r name message; do
            echo "int use_$n(void);"
            echo "int use_$n(void) { return (int)$name; }"
            line=$((line + 2))
            printf '%s\t%s\t%s\n' "$line" "$name" "$message" >> "$src.lines"
            n=$((n + 1))
        done < "$marks"
    } > "$src"
}
unit "$build/marks-rows" "$build/rows.c"
unit "$build/marks-aliases" "$build/aliases.c"
silence='/* the documented override: no marks */
#define SMTP_DEPRECATED(msg)'
unit "$build/marks-rows" "$build/rows-silenced.c" "$silence"
unit "$build/marks-aliases" "$build/aliases-silenced.c" "$silence"
own='/* the user'"'"'s own mark */
#define SMTP_DEPRECATED(msg) __attribute__((deprecated("custom: " msg)))'
unit "$build/marks-rows" "$build/rows-own.c" "$own"
unit "$build/marks-aliases" "$build/aliases-own.c" "$own"

# diagnosed LABEL SEVERITY SRC ERR [PREFIX]: each use listed in SRC.lines
# has its one diagnostic of SEVERITY (warning, error) in ERR at its line, with its
# message (after PREFIX), and ERR has no other diagnostic of that kind.
diagnosed() {
    label=$1 severity=$2 src=$3 err=$4 prefix=${5:-}
    case $severity in
        warning) flag='\[-Wdeprecated-declarations\]$' ;;
        *) flag='\[-Werror\(=\|,-W\)deprecated-declarations\]$' ;;
    esac
    while IFS="$tab" read -r line name message; do
        hits=$(grep -F -- ": $severity: '$name' is deprecated: $prefix$message [" "$err" \
               | grep -- "$flag" | grep -c -F -- "$src:$line:" || true)
        [ "$hits" = 1 ] || fail "$label: $src: want one $severity for $name at line $line" \
                                "(\"$prefix$message\"), got $hits"
    done < "$src.lines"
    want=$(wc -l < "$src.lines")
    got=$(grep -c ": $severity: " "$err" || true)
    [ "$got" = "$want" ] || fail "$label: $src: $got ${severity}s, want $want"
}

# check LABEL WANT_SPELLING COMPILER...: every step above for one mode.
check() {
    label=$1 spelling=$2
    shift 2
    dir="$build/$label"
    mkdir -p "$dir"
    before=$failed
    # 1. The spelling.
    # shellcheck disable=SC2086
    got=$(timeout 120 "$@" $strict -I"$include" -E -dM "$src_a" \
          | sed -n 's/^#define SMTP_DEPRECATED(msg) //p')
    [ "$got" = "$spelling" ] || fail "$label: SMTP_DEPRECATED(msg) is '$got', want '$spelling'"
    got=$(timeout 120 "$@" -I"$include" -E -dM "$build/rows-silenced.c" \
          | grep '^#define SMTP_DEPRECATED' || true)
    [ "$got" = "#define SMTP_DEPRECATED(msg) " ] \
        || fail "$label: the user's SMTP_DEPRECATED is replaced by '$got'"
    # a. Unmarked names and the lookups: clean, and the program agrees.
    # shellcheck disable=SC2086
    if timeout 120 "$@" $strict -Werror -I"$include" -o "$dir/clean" "$src_a" \
        2> "$dir/clean.err"; then
        [ -s "$dir/clean.err" ] && { fail "$label: (a) clean unit printed:"; head "$dir/clean.err"; }
        timeout 10 "$dir/clean" || fail "$label: (a) the lookups by name disagree"
    else
        fail "$label: (a) the unit without deprecated names does not compile:"
        head -20 "$dir/clean.err"
    fi
    for kind in rows aliases; do
        src="$build/$kind.c"
        [ -s "$src.lines" ] || continue
        # b, c. A warning for each use; errors under -Werror.
        # shellcheck disable=SC2086
        if timeout 120 "$@" $strict -I"$include" -c -o "$dir/$kind.o" "$src" \
            2> "$dir/$kind.warn"; then
            diagnosed "$label" warning "$src" "$dir/$kind.warn"
        else
            fail "$label: $kind.c does not compile without -Werror:"
            head -20 "$dir/$kind.warn"
        fi
        # shellcheck disable=SC2086
        if timeout 120 "$@" $strict -Werror -I"$include" -c -o "$dir/$kind-werror.o" "$src" \
            2> "$dir/$kind.error"; then
            fail "$label: $kind.c compiles under -Werror"
        else
            diagnosed "$label" error "$src" "$dir/$kind.error"
        fi
        # d. Silenced the documented way: clean under -Werror.
        # shellcheck disable=SC2086
        if ! timeout 120 "$@" $strict -Werror -I"$include" -c -o "$dir/$kind-silenced.o" \
            "$build/$kind-silenced.c" 2> "$dir/$kind-silenced.err" \
            || [ -s "$dir/$kind-silenced.err" ]; then
            fail "$label: $kind-silenced.c is not clean:"
            head -20 "$dir/$kind-silenced.err"
        fi
        # e. The user's own mark.
        # shellcheck disable=SC2086
        if timeout 120 "$@" $strict -I"$include" -c -o "$dir/$kind-own.o" \
            "$build/$kind-own.c" 2> "$dir/$kind-own.warn"; then
            diagnosed "$label" warning "$build/$kind-own.c" "$dir/$kind-own.warn" "custom: "
        else
            fail "$label: $kind-own.c does not compile:"
            head -20 "$dir/$kind-own.warn"
        fi
    done
    [ "$failed" = "$before" ] && echo "deprecated: $label ok ($spelling)"
    return 0
}

gnu='__attribute__((deprecated(msg)))'
standard='[[deprecated(msg)]]'
for cc in gcc clang g++ clang++; do
    command -v "$cc" > /dev/null || { fail "$cc is not installed"; continue; }
    case $cc in
        *++) modes="c++11:$gnu c++14:$gnu c++17:$standard c++20:$standard"; lang=c++ ;;
        *) modes="c99:$gnu c11:$gnu c17:$gnu c2x:$standard"; lang=c ;;
    esac
    for mode in $modes; do
        std=${mode%%:*} spelling=${mode#*:}
        if ! echo | timeout 60 "$cc" -x "$lang" -std="$std" -E - > /dev/null 2>&1; then
            case $std in
                c2x | c++20) echo "deprecated: $cc has no -std=$std: skipped"; continue ;;
                *) fail "$cc has no -std=$std"; continue ;;
            esac
        fi
        check "$cc-$std" "$spelling" "$cc" -x "$lang" -std="$std"
    done
done
exit $failed
