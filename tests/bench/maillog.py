#!/usr/bin/env python3
"""Writes a deterministic Postfix-style mail log of LINES lines for the
`smtpcode explain --summary` benchmark (bench.py): delivery lines whose
`said:` part holds a reply (every seed reason of data/smtp-reasons.csv,
bare or with an enhanced code or an id, and real replies such as Gmail's
multi-line ones joined with spaces), delivery lines without one
(status=sent), and the other lines of a real log (smtpd connect and
disconnect, NOQUEUE rejects, cleanup, qmgr, anvil). Lines are about 70 to 700
bytes, 216 on average (the long ones are Gmail's joined multi-line replies).

The same LINES and seed always give the same bytes; a shorter log is a
prefix of a longer one, so that 100k and 1M lines differ in length only.

usage: maillog.py LINES OUT [--reasons CSV] [--seed N]
"""
import argparse
import csv
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

# Replies as public bounces quote them (tests/corpus/replies.jsonl says
# where each comes from), with documentation addresses.
REAL = [
    "550-5.1.1 The email account that you tried to reach does not exist. Please try "
    "550-5.1.1 double-checking the recipient's email address for typos or 550-5.1.1 "
    "unnecessary spaces. Learn more at 550 5.1.1 https://support.google.com/mail/?p=NoSuchUser "
    "{gid} - gsmtp",
    "550-5.7.1 [{ip} 1] Our system has detected an unusual rate of 550-5.7.1 unsolicited "
    "mail originating from your IP address. To protect our 550-5.7.1 users from spam, mail "
    "sent from your IP address has been blocked. 550-5.7.1 Please visit 550-5.7.1 "
    "https://support.google.com/mail/?p=UnsolicitedIPError to review our 550 5.7.1 Bulk "
    "Email Senders Guidelines. {gid} - gsmtp",
    "421 4.7.0 [TSS04] Messages from {ip} temporarily deferred due to unexpected volume or "
    "user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes",
    "550 5.7.606 Access denied, banned sending IP [{ip}]. To request removal from this list "
    "please visit https://sender.office.com/ and follow the directions. For more information "
    "please go to http://go.microsoft.com/fwlink/?LinkID=526655 AS(1430)",
    "550 5.4.1 Recipient address rejected: Access denied. AS(201806281) "
    "[BN1NAM02FT022.eop-nam02.prod.protection.outlook.com]",
    "550 5.1.1 <{rcpt}>: Recipient address rejected: User unknown in virtual mailbox table",
    "450 4.2.0 <{rcpt}>: Recipient address rejected: Greylisted, see "
    "http://postgrey.schweikert.ch/help/example.com.html",
    "554 Refused. Your IP address is listed in the RBL at b.barracudacentral.org",
]
COMMANDS = ("RCPT TO", "MAIL FROM", "end of DATA", "RCPT TO", "RCPT TO")
HOSTS = ("mx.example.net", "gmail-smtp-in.l.google.com", "mta7.am0.yahoodns.net",
         "example-com.mail.protection.outlook.com", "mail.example.org", "mx2.example.de")


def reasons(path):
    with open(path, newline="", encoding="utf-8") as f:
        return [(int(r["code"]), r["description"]) for r in csv.DictReader(f)]


def write(lines, out, reasons_csv, seed):
    rng = random.Random(seed)
    seeds = reasons(reasons_csv)
    second = 0
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        for n in range(lines):
            second += rng.random() < 0.3
            stamp = "Dec %2d %02d:%02d:%02d" % (1 + second // 86400 % 28, second // 3600 % 24,
                                                second // 60 % 60, second % 60)
            pid = 1000 + rng.randrange(60000)
            queue = "%010X" % rng.getrandbits(40)
            ip = "192.0.2.%d" % rng.randrange(1, 255)
            rcpt = "user%d@example.%s" % (rng.randrange(100000), rng.choice(("com", "net", "org")))
            host = rng.choice(HOSTS)
            kind = rng.random()
            if kind < 0.30:
                # A reply in " said: ": a seed reason (four in five) or a real one.
                if rng.random() < 0.8:
                    code, desc = rng.choice(seeds)
                    form = rng.random()
                    if form < 0.4:
                        reply = "%d %d.0.0 %s" % (code, code // 100, desc)
                    elif form < 0.6:
                        reply = "%d %d.7.1 %s id=%08X" % (code, code // 100, desc,
                                                          rng.getrandbits(32))
                    else:
                        reply = "%d %s" % (code, desc)
                else:
                    reply = rng.choice(REAL).format(ip=ip, rcpt=rcpt,
                                                    gid="%ssi%d%s.%d" % (
                                                        "abcdefgh"[rng.randrange(8)],
                                                        rng.randrange(10**7), "wrc",
                                                        rng.randrange(100)))
                status = "bounced" if reply[0] == "5" else "deferred"
                dsn = reply[4:9] if reply[4:5].isdigit() and reply[5:6] == "." else \
                    "%s.0.0" % reply[0]
                line = ("%s mx1 postfix/smtp[%d]: %s: to=<%s>, relay=%s[%s]:25, delay=%.1f, "
                        "delays=%.2f/0.01/%.1f/%.1f, dsn=%s, status=%s (host %s[%s] said: %s "
                        "(in reply to %s command))" % (
                            stamp, pid, queue, rcpt, host, ip, rng.random() * 5,
                            rng.random(), rng.random(), rng.random(), dsn.strip(), status,
                            host, ip, reply, rng.choice(COMMANDS)))
            elif kind < 0.55:
                line = ("%s mx1 postfix/smtp[%d]: %s: to=<%s>, relay=%s[%s]:25, delay=%.2f, "
                        "delays=0.%02d/0/0.%02d/0.%02d, dsn=2.0.0, status=sent (250 2.0.0 Ok: "
                        "queued as %s)" % (stamp, pid, queue, rcpt, host, ip, rng.random() * 3,
                                           rng.randrange(100), rng.randrange(100),
                                           rng.randrange(100), "%010X" % rng.getrandbits(40)))
            elif kind < 0.65:
                line = "%s mx1 postfix/smtpd[%d]: connect from unknown[%s]" % (stamp, pid, ip)
            elif kind < 0.75:
                line = ("%s mx1 postfix/smtpd[%d]: disconnect from unknown[%s] ehlo=1 mail=1 "
                        "rcpt=0/1 data=0 quit=1 commands=3/4" % (stamp, pid, ip))
            elif kind < 0.82:
                line = ("%s mx1 postfix/smtpd[%d]: NOQUEUE: reject: RCPT from unknown[%s]: 554 "
                        "5.7.1 <%s>: Relay access denied; from=<sender@example.org> to=<%s> "
                        "proto=ESMTP helo=<client.example.org>" % (stamp, pid, ip, rcpt, rcpt))
            elif kind < 0.90:
                line = ("%s mx1 postfix/cleanup[%d]: %s: message-id=<%d.%s@mx1.example.com>"
                        % (stamp, pid, queue, rng.getrandbits(48), queue))
            elif kind < 0.98:
                line = ("%s mx1 postfix/qmgr[%d]: %s: from=<sender%d@example.org>, size=%d, "
                        "nrcpt=1 (queue active)" % (stamp, pid, queue, rng.randrange(1000),
                                                    rng.randrange(500, 200000)))
            else:
                line = ("%s mx1 postfix/anvil[%d]: statistics: max connection rate 1/60s for "
                        "(smtp:%s) at %s" % (stamp, pid, ip, stamp))
            f.write(line)
            f.write("\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("lines", type=int)
    parser.add_argument("out")
    parser.add_argument("--reasons", default=os.path.join(ROOT, "data", "smtp-reasons.csv"))
    parser.add_argument("--seed", type=int, default=10)
    args = parser.parse_args()
    write(args.lines, args.out, args.reasons, args.seed)


if __name__ == "__main__":
    main()
