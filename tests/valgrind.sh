#!/bin/sh
# Runs the generator as built (not instrumented) under valgrind memcheck on
# the shipped tables (generate, --check, --depfile, --format --check), every
# data-driven case (tests/cases/, the bad inputs among them), the CLI checks
# and the adversarial tables. Every error, and every leak of any kind, makes
# smtpgen exit 99 with a report on standard error, which each runner
# compares, so any finding fails the run.
# (A clang build needs -gdwarf-4 in CFLAGS: valgrind 3.19 cannot read the
# DWARF 5 that clang 14 writes by default.)
# usage: tests/valgrind.sh GENERATOR   (from the repository root)
set -eu
root=$(pwd)
gen=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
build=tests/build/valgrind
mkdir -p "$build"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The runners take a generator to run: this one runs the real one under
# valgrind. (valgrind answers /proc/self/exe with the real program, so it
# still finds the shipped tables and templates beside itself.)
cat > "$build/smtpgen" <<EOF
#!/bin/sh
exec valgrind -q --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all \\
    --track-fds=no --error-exitcode=99 "$gen" "\$@"
EOF
chmod +x "$build/smtpgen"
vg=$build/smtpgen

# valgrind must be able to fail here: a leak and a read past a block.
printf '#include <stdlib.h>\nvoid *volatile kept;\nint main(void) { kept = malloc(8); kept = 0; return 0; }\n' \
    > "$build/leak.c"
printf '#include <stdlib.h>\nint main(int c, char **v) { char *volatile p = malloc(4); (void)v; c = p[c + 3]; free(p); return c; }\n' \
    > "$build/overflow.c"
for probe in leak overflow; do
    cc -g -O0 -o "$build/$probe" "$build/$probe.c"
    status=0
    valgrind -q --leak-check=full --errors-for-leak-kinds=all --error-exitcode=99 \
        "$build/$probe" 2>/dev/null || status=$?
    if [ "$status" != 99 ]; then
        echo "valgrind: the $probe probe was not caught (status $status)"
        exit 1
    fi
done

# The shipped tables, the way a build uses them.
check_clean() {
    if grep -v ': warning: ' "$tmp/stderr" | grep -q .; then
        echo "valgrind: $1:"
        cat "$tmp/stderr"
        exit 1
    fi
}
env -u SOURCE_DATE_EPOCH "$vg" --out "$tmp/out" --depfile "$tmp/deps.d" 2> "$tmp/stderr"
check_clean "generating from the shipped tables"
env -u SOURCE_DATE_EPOCH "$vg" --out "$tmp/out" --check 2> "$tmp/stderr"
check_clean "--check on the shipped tables"
"$vg" --format --check data/smtp-replies.csv data/smtp-reasons.csv 2> "$tmp/stderr"
check_clean "--format --check on the shipped tables"
echo "valgrind: the shipped tables: generate, --check, --depfile, --format --check clean"

./tests/run_cases.sh "$vg"
./tests/check_cli.sh "$vg"
./tests/adversarial/run.sh "$vg"
echo "valgrind: memcheck found no error and no leak"
