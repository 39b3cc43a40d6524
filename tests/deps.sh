#!/bin/sh
# Installs what building and testing smtpgen needs, when it is missing:
# Debian packages (libraries, compilers, validators, the browser, cmark-gfm
# for the Markdown page; Go, Rust and Java for the escaper check) and the
# npm packages the validators run on (tests/package.json, pinned by its lock
# file). Safe to run again: it installs nothing that is already there.
set -eu
packages="build-essential clang libcsv-dev libjansson-dev nettle-dev libcmocka-dev pkg-config
python3 mandoc groff-base chromium default-jre-headless nodejs npm ninja-build cmake
valgrind gperf postfix python3-aiosmtpd cmark-gfm golang-go"
missing=""
for p in $packages; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
        || missing="$missing $p"
done
# A machine may carry these tools from elsewhere than Debian's packages.
for tool in node npm java python3; do
    if command -v "$tool" >/dev/null 2>&1; then
        case "$tool" in
        node) missing=$(echo "$missing" | sed 's/ nodejs//') ;;
        java) missing=$(echo "$missing" | sed 's/ default-jre-headless//') ;;
        *) missing=$(echo "$missing" | sed "s/ $tool\$//; s/ $tool / /") ;;
        esac
    fi
done
# The escaper check compiles Rust and Java: Debian's rustc and JDK unless
# the machine has the compilers already (rustup's under ~/.cargo/bin).
command -v rustc >/dev/null 2>&1 || [ -x "${HOME:-/nonexistent}/.cargo/bin/rustc" ] \
    || missing="$missing rustc"
command -v javac >/dev/null 2>&1 || missing="$missing default-jdk-headless"
if [ -n "$(echo "$missing" | tr -d ' ')" ]; then
    echo "deps: installing Debian packages:$missing"
    sudo=""
    [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get update -qq
    # Postfix (for tests/e2e) asks what kind of mail system this is; say
    # "No configuration", so that installing it sets up and starts no
    # system mailer. The test runs its own from a temporary folder.
    case "$missing " in
    *" postfix "*)
        echo "postfix postfix/main_mailer_type select No configuration" \
            | $sudo debconf-set-selections ;;
    esac
    # shellcheck disable=SC2086 # a word list on purpose
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing
else
    echo "deps: Debian packages present"
fi
cd "$(dirname "$0")"
if [ -f package-lock.json ]; then
    if [ -d node_modules ] && npm ls --silent >/dev/null 2>&1; then
        echo "deps: npm packages present"
    else
        echo "deps: installing npm packages"
        npm ci --no-audit --no-fund --loglevel=error
    fi
fi
