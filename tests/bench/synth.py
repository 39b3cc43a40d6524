#!/usr/bin/env python3
"""Writes a synthetic pair of tables for the benchmarks: a replies CSV with
every code smtpgen accepts (200-599, second digit 0-5) and a reasons CSV of
ROWS rows that draws no warning (every code has a reply row and every
"NXX_" symbol names its code's class).

Descriptions look like the gateway's: commas, doubled quotes, '<', '>', '&',
apostrophes and non-ASCII text, so that the CSV reader, the escapers and the
renderer all do real work. The output depends on ROWS and --seed alone.

usage: synth.py ROWS OUT_DIR [--seed N]
writes OUT_DIR/replies.csv and OUT_DIR/reasons.csv
"""
import argparse
import os
import random

# Every code model.c accepts: 2yz-5yz with y from 0 to 5.
CODES = [c for c in range(200, 600) if c // 10 % 10 <= 5]

WORDS = ["BLOCKED", "SENDER", "RECIP", "SPAM", "VIRUS", "RATE", "AUTH", "TLS",
         "DOMAIN", "POLICY", "RELAY", "QUOTA", "HELO", "PTR", "RBL", "DLP",
         "ATTACHMENT", "SIZE", "TIMEOUT", "TEMP", "SYNTAX", "PARAM", "DATA",
         "MAILBOX", "SPF", "DKIM", "DMARC", "GREYLIST", "INTERNAL", "FAIL"]

# Phrases with the characters each output format must escape: CSV (comma,
# quote), C (quote, backslash-free but '?' and non-ASCII), HTML (<, >, &,
# quotes), roff (-, ', ", ~, non-ASCII).
PHRASES = [
    'Rejected: sender <{user}@{host}> is not allowed, see policy "{word}"',
    "Deferred due to suspect content, please try again in {n} minutes",
    "Message size {n} exceeds fixed limit & was refused",
    'Recipient <{user}@{host}> rejected; reason: "{word}" list',
    "Too many connections from origin ({n}/min, rate control)",
    "Service unavailable; client host [{ip}] blocked using {word} & friends",
    "Requested action not taken: mailbox name not allowed -- {user}'s box",
    "Zurückgewiesen: Empfänger «{user}» unbekannt, Grund — {word}",
    "Rejeté : l'expéditeur « {user} » n'est pas autorisé, règle n° {n}",
    "拒绝：发件人 <{user}@{host}> 被阻止，策略 {word}",
    "Authentication failed, try AUTH CRAM-MD5 or AUTH LOGIN ({n} tries left?)",
    "Blocked by RBL: see https://{host}/lookup?ip={ip}&list={word}",
]


def description(rng, i):
    text = rng.choice(PHRASES).format(
        user="user%d" % (i % 9973), host="mx%d.example.org" % (i % 97),
        word=rng.choice(WORDS).lower(), n=rng.randrange(1, 10000),
        ip="192.0.2.%d" % (i % 256))
    # A second sentence on some rows so that lengths vary like the seed's.
    if i % 3 == 0:
        text += ". " + rng.choice(PHRASES).format(
            user="postmaster", host="example.net", word="local", n=i % 1000,
            ip="198.51.100.7")
    return text


def csv_field(text):
    """Quotes a field only where CSV needs it, as data/README.md asks."""
    if any(c in text for c in ',"\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def write_replies(path):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("name,code,description\n")
        for code in CODES:
            f.write("REPLY_%d,%d,%s\n" % (code, code, csv_field(
                'Reply %d: the server says "%s", <see RFC 5321> & retry?'
                % (code, "later" if code // 100 == 4 else "done"))))


def write_reasons(path, rows, seed):
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("name,symbol,code,description\n")
        lines = []
        for i in range(rows):
            code = CODES[rng.randrange(len(CODES))]
            a, b = rng.choice(WORDS), rng.choice(WORDS)
            # Names are unique through the row number; symbols come from a
            # set of about 29,000, so big tables repeat them as the gateway
            # does (4XX_EINTERNAL has three reasons).
            name = "%s_%s_%d" % (a, b, i)
            symbol = "%dXX_%s_%s%d" % (code // 100, a, b, rng.randrange(8))
            lines.append("%s,%s,%d,%s\n" % (name, symbol, code,
                                            csv_field(description(rng, i))))
            if len(lines) == 10000:
                f.write("".join(lines))
                lines = []
        f.write("".join(lines))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("rows", type=int)
    parser.add_argument("out_dir")
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args()
    os.makedirs(args.out_dir, exist_ok=True)
    write_replies(os.path.join(args.out_dir, "replies.csv"))
    write_reasons(os.path.join(args.out_dir, "reasons.csv"), args.rows, args.seed)


if __name__ == "__main__":
    main()
