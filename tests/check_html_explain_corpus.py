#!/usr/bin/env python3
"""Writes the edge cases of the page's explainer, one input per line, to
the file named on the command line (bytes: some lines hold invalid UTF-8, a
NUL, a CR inside the line or a CRLF end, so they are made here rather than
kept as a text file). tests/check_html_explain.sh runs them through
smtpcode and the page with tests/browser_explain.mjs. They cover every
wrapper of the line scanner and the order of its rules, every
SMTP_PARSE_ error, multi-line replies joined by a log, enhanced codes the
parser must refuse, placeholders, duplicate descriptions (ties in table
order), case, space and punctuation variants, appended ids, and non-ASCII
text.

usage: check_html_explain_corpus.py OUT
"""
import sys

LINES = [
    # Bare replies; the seed example and variants of one reason.
    "550 5.7.1 Rejected due to spam content.",
    "554 5.7.1 Rejected due to spam content.",
    "554 Rejected due to spam content",
    "554 REJECTED   DUE TO\tSPAM CONTENT!!",
    "554 rejected due to spam content. id=3Fa9",
    "554 rejected due to spam contentX",
    "554 rejected due to spam content,more",
    "   554 5.7.1 Rejected due to spam content.   ",
    "554  two spaces before the text",
    # Duplicate descriptions and a prefix of them: longest first, then table order.
    "554 Rejected due to banned content.",
    "553 5.1.3 Requested action not taken: mailbox name not allowed.",
    "553 Requested action not taken: mailbox name not allowed",
    "553 Requested action not taken.",
    "553 Requested action not taken: something else",
    "550 Requested action not taken: mailbox unavailable.",
    "450 4.2.1 Requested action not taken: mailbox unavailable.",
    "421 Internal error",
    "451 Internal error",
    # Placeholders.
    "554 5.7.1 Service unavailable; client host [192.0.2.1] blocked using Barracuda Reputation; "
    "http://www.barracudanetworks.com/reputation/?r=1&ip=192.0.2.1",
    "554 Service unavailable; client host mail.example.com blocked using Barracuda Reputation; "
    "http://www.barracudanetworks.com",
    "554 Service unavailable; client host [192.0.2.1 blocked using Barracuda Reputation; "
    "http://www.barracudanetworks.com",
    "554 Service unavailable; client host  blocked using Barracuda Reputation; http://www.barracudanetworks.com",
    "554 Service unavailable; client host [] blocked using Barracuda Reputation; http://www.barracudanetworks.com",
    "421 4.4.2 Error: timeout",
    "421 Error:   timeout.",
    "421 error: timeouts",
    "501 Command line too long or no terminating CRLF in line buffer",
    "500 5.5.2 Syntax error, command unrecognized",
    "530 5.7.0 Must issue STARTTLS first",
    "530 5.7.0 Must issue STARTTLS",
    # Classes, consistency, codes outside the table.
    "550 2.1.5 Recipient email address rejected.",
    "250 2.1.5 Ok",
    "250 4.1.5 Ok",
    "354 End data with <CR><LF>.<CR><LF>",
    "220 mail.example.com ESMTP Postfix",
    "250",
    "550",
    "599 unknown code",
    "571 Delivery not authorized",
    "550 ",
    "550\t5.7.1 tab separator",
    # Enhanced codes.
    "550 5.7.01 leading zero",
    "550 5.07.1 leading zero subject",
    "550 5.7.1000 four digits",
    "550 5.7.1x letter",
    "550 5.7.1.2 dot",
    "550 5.7.1, comma",
    "550 5.7.1",
    "550 5.7.0 0 detail",
    "550 5.0.0 Other",
    "550 5.999.999 big",
    "550 3.7.1 class 3",
    "550 5.9.9 unregistered subject",
    "550 5.7.99 unregistered detail",
    "550 5.7.1\tTab after",
    "550 X.7.1 not a code",
    # Every parse error a line can give, and no reply at all.
    "",
    "   ",
    "hello world",
    "55",
    "5500 too long",
    "55a text",
    "650 bad first digit",
    "150 bad first digit",
    "050 zero",
    "550x text",
    "550-",
    "550-continued only",
    "550-first 551 second",
    "550-a 550 550 x",
    "550-a 550",
    "550-a 550-",
    # Multi-line replies that a log joined with spaces.
    "250-mail.example.com 250-PIPELINING 250-SIZE 10240000 250 8BITMIME",
    "550-5.7.1 Rejected due to 550-5.7.1 spam 550 5.7.1 content.",
    "550-5.7.1 Rejected due to 550 5.7.1 spam content.",
    "554-5.7.1 Rejected due to 554 5.7.1 spam content.",
    "554-5.7.1 Rejected due to 554 spam content.",
    "554-Rejected due to 554 spam content.",
    "550-5.7.1 a 550-5.7.1 550 5.7.1",
    "550-5.7.1 a 550-4.7.1 b 550 c",
    # DSN fields.
    "Diagnostic-Code: smtp; 550 5.1.1 <user@example.com>: Recipient address rejected: User unknown",
    "Diagnostic-Code: smtp;550 5.7.1 Rejected due to spam content.",
    "diagnostic-code: SMTP; 554 5.7.1 Rejected due to spam content.",
    "Diagnostic-Code: X-Postfix; host mx.example.com said: 550 ok",
    "Diagnostic-Code: 554 Rejected due to spam content.",
    "Diagnostic-Code: ; 554 Rejected due to spam content.",
    "Diagnostic-Code: smtp;",
    "Diagnostic-Code:",
    "Diagnostic-Code: smtp; 554-5.7.1 Rejected due to 554 5.7.1 spam content.",
    "X-Diagnostic-Code:  x-y-z ;554 Transaction failed",
    "Diagnostic-Code: smtp ; 554 Transaction failed",
    # Postfix log lines.
    "Dec  2 14:00:00 mx postfix/smtp[123]: ABC: to=<a@example.com>, relay=mx.example.com[192.0.2.1]:25, "
    "delay=1, status=bounced (host mx.example.com[192.0.2.1] said: 550 5.7.1 Rejected due to spam content. "
    "(in reply to end of DATA command))",
    "postfix/smtp[1]: X: host a said: 554 5.7.1 Service unavailable; client host [192.0.2.1] blocked using "
    "Barracuda Reputation; http://www.barracudanetworks.com (in reply to RCPT TO command)",
    "host a said: 450 4.2.1 Requested action not taken: mailbox unavailable. (in reply to RCPT TO command) ",
    "host a said: 553 Requested action not taken: mailbox name not allowed (in reply to MAIL FROM command",
    "host a said: 421 Error: timeout (in reply to x) (in reply to DATA command)",
    "host a said: 250-a 250-b 250 c (in reply to EHLO command)",
    "host a said: ",
    "host a said: not a reply (in reply to RCPT TO command)",
    " (in reply to x) host a said: 550 ok)",
    "host a said: (in reply to x)",
    "host a said:  550 two spaces",
    # Exim log lines.
    "2026-12-02 14:00:00 1abc-000 ** a@example.com R=dnslookup T=remote_smtp: SMTP error from remote mail "
    "server after RCPT TO:<a@example.com>: 550 5.1.1 User unknown",
    "SMTP error from remote mail server after end of data: 554 5.7.1 Rejected due to spam content.",
    "SMTP error from remote mail server after MAIL FROM:<> SIZE=1234: 553 Requested action not taken.",
    "SMTP error from remote mail server after RCPT TO",
    "SMTP error from remote mail server after pipelined DATA:  421 Error: timeout",
    # The order of the rules.
    "Diagnostic-Code: smtp; 550 x said: 554 y",
    "host said: 550 x SMTP error from remote mail server after A: 554 y",
    # Non-ASCII text.
    "550 5.7.1 Rejected due to spam content. caf\u00e9",
    "550 5.7.1 Rejected due to spam content\u00e9",
    "554 Rejected due to spam content.\u00e9",
    "554 Service unavailable; client host m\u00e4il.example blocked using Barracuda Reputation; "
    "http://www.barracudanetworks.com",
    "554 Service unavailable; client host [\u03b4.example] blocked using Barracuda Reputation; "
    "http://www.barracudanetworks.com",
    "554 Rejected due to spam content.\U0001F600",
    "554 Rejected due to spam content. \U0001F600",
    "550 Empf\u00e4nger abgelehnt",
    "\uff15\uff15\uff10 full width digits",
    "D\u00efagnostic-Code: smtp; 550 x",
    "D\u0130AGNOSTIC-CODE: smtp; 550 x",
    "550 5.7.1 \u0130 Rejected",
    "554\u00a0no-break space",
]

RAW = [
    b"554 Rejected due to spam content.\xff\n",
    b"554 Rejected due to spam content. \xe2\x82\n",
    b"554 \xc0\x80 overlong\n",
    b"554 Rejected due to spam content.\r\n",
    b"554 Rejected due to\rspam content.\n",
    b"554 Rejected\x00 due\n",
    b"x\x00 said: 554 Transaction failed\n",
    b"554-a\r\n",
    b"554 Transaction failed\r\r\n",
    b"554 Transaction failed\n",
    b"\n",
    b"554 " + b"x" * 5000 + b"\n",
    b"554 Transaction failed",  # the last line, without a line end
]


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: check_html_explain_corpus.py OUT")
    with open(sys.argv[1], "wb") as f:
        f.write(b"".join(line.encode("utf-8") + b"\n" for line in LINES))
        f.write(b"".join(RAW))


if __name__ == "__main__":
    main()
