"""A local SMTP server for tests/e2e/run.sh, on aiosmtpd (Debian's
python3-aiosmtpd; run it with /usr/bin/python3).

usage: server.py REPLIES_TSV PORT_FILE [LIFETIME_SECONDS]

Listens on 127.0.0.1 on a free port, which it writes to PORT_FILE once it
accepts connections. EHLO gets a multi-line reply that offers
ENHANCEDSTATUSCODES; RCPT TO:<LOCAL@...> gets the reply that REPLIES_TSV
gives for LOCAL (a multi-line one for "\\n"), any other recipient 250.
Exits on SIGTERM/SIGINT, and by itself after LIFETIME_SECONDS (120), so
that a test that dies cannot leave it behind.
"""
import asyncio
import os
import signal
import sys

from aiosmtpd.smtp import SMTP


def read_replies(path):
    replies = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            fields = line.rstrip("\n").split("\t")
            replies[fields[0]] = fields[1].replace("\\n", "\r\n")
    return replies


class Handler:
    def __init__(self, replies):
        self.replies = replies

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        # responses ends with "250 HELP"; offer the extension before it.
        return responses[:-1] + ["250-ENHANCEDSTATUSCODES", "250 HELP"]

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.rsplit("@", 1)[0]
        if local in self.replies:
            return self.replies[local]
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 Ok"

    async def handle_DATA(self, server, session, envelope):
        return "250 2.0.0 Ok: accepted"


async def main():
    replies = read_replies(sys.argv[1])
    port_file = sys.argv[2]
    lifetime = float(sys.argv[3]) if len(sys.argv) > 3 else 120.0
    handler = Handler(replies)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(handler, hostname="e2e-server.example", ident="e2e aiosmtpd"),
        "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    tmp = port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % port)
    os.rename(tmp, port_file)
    stop = loop.create_future()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, lambda: stop.done() or stop.set_result(None))
    try:
        await asyncio.wait_for(stop, lifetime)
    except asyncio.TimeoutError:
        print("server.py: lifetime over, exiting", file=sys.stderr)
    server.close()
    await server.wait_closed()


if __name__ == "__main__":
    asyncio.run(main())
