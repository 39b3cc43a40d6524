/* A small SMTP client built on the generated smtp_codes.h, for
 * tests/e2e/run.sh: it reads every reply off the socket with
 * smtp_reply_parse(), a few bytes per read so that a reply arrives in
 * several reads.
 *
 * usage: client PORT LOCAL...
 *
 * Connects to 127.0.0.1:PORT, reads the greeting, sends EHLO and prints
 * each line of the (multi-line) reply, sends MAIL FROM:<>, then RCPT
 * TO:<LOCAL@example.test> for each LOCAL and prints what the reply says:
 *   greeting CODE
 *   ehlo CODE lines=N
 *   ehlo-line I TEXT
 *   rcpt LOCAL code=CODE enhanced=X.Y.Z|- consistent=true|false lines=N
 *        reasons=NAME,...|- other=NAME,...|-
 * (one line). Exits 1 with "client: error: ..." on stderr when the server
 * misbehaves, the socket fails or a read waits more than 10 seconds. */
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "smtp_codes.h"

#define READ_SIZE 7 /* small on purpose: replies come in pieces */

static char buf[65536];
static size_t have;
static unsigned long reads;

static void die(const char *what)
{
    fprintf(stderr, "client: error: %s\n", what);
    exit(1);
}

/* Reads one reply into buf[0..have) and parses it into *p. A reply is
 * complete once the bytes read end with a line feed and smtp_reply_parse()
 * stops saying SMTP_PARSE_UNFINISHED. */
static void read_reply(int fd, struct smtp_reply_parsed *p)
{
    int rc = SMTP_PARSE_UNFINISHED;

    have = 0;
    while (rc == SMTP_PARSE_UNFINISHED || have == 0 || buf[have - 1] != '\n') {
        ssize_t n;

        if (have + READ_SIZE > sizeof buf)
            die("reply too long");
        n = recv(fd, buf + have, READ_SIZE, 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            die("timed out waiting for a reply");
        if (n < 0)
            die(strerror(errno));
        if (n == 0)
            die("connection closed in the middle of a reply");
        reads++;
        have += (size_t)n;
        if (buf[have - 1] == '\n')
            rc = smtp_reply_parse(buf, have, p);
    }
    if (rc != SMTP_PARSE_OK) {
        fprintf(stderr, "client: error: reply '%.*s': %s\n", (int)have, buf,
                smtp_parse_error_text(rc));
        exit(1);
    }
}

static void send_line(int fd, const char *line)
{
    char out[1024];
    size_t len, done = 0;
    int n = snprintf(out, sizeof out, "%s\r\n", line);

    if (n < 0 || (size_t)n >= sizeof out)
        die("command too long");
    len = (size_t)n;
    while (done < len) {
        ssize_t w = send(fd, out + done, len - done, 0);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            die(strerror(errno));
        done += (size_t)w;
    }
}

/* Prints the names of the reasons smtp_reason_match(code, ...) gives, or "-". */
static void print_reasons(int code, const char *text, size_t len)
{
    const struct smtp_reason_info *r;
    const char *sep = "";

    for (r = smtp_reason_match(code, text, len, NULL); r; r = smtp_reason_match(code, text, len, r)) {
        printf("%s%s", sep, r->name);
        sep = ",";
    }
    if (!*sep)
        printf("-");
}

int main(int argc, char **argv)
{
    struct sockaddr_in addr;
    struct timeval tv;
    struct smtp_reply_parsed p;
    char text[4096], cmd[600];
    const char *line;
    size_t i, n, len;
    int fd, a, port, offered = 0;

    if (argc < 2)
        die("usage: client PORT LOCAL...");
    port = atoi(argv[1]);
    if (port <= 0 || port > 65535)
        die("bad port");
    fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        die(strerror(errno));
    tv.tv_sec = 10;
    tv.tv_usec = 0;
    if (setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv) != 0
        || setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv) != 0)
        die(strerror(errno));
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons((unsigned short)port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *)&addr, sizeof addr) != 0)
        die(strerror(errno));

    read_reply(fd, &p);
    printf("greeting %d\n", p.code);
    if (p.code != 220)
        die("the greeting is not 220");

    send_line(fd, "EHLO e2e-client.example");
    read_reply(fd, &p);
    printf("ehlo %d lines=%lu\n", p.code, (unsigned long)p.lines);
    for (i = 0; smtp_reply_line(&p, i, &line, &len); i++) {
        printf("ehlo-line %lu %.*s\n", (unsigned long)i, (int)len, line);
        if (len == 19 && memcmp(line, "ENHANCEDSTATUSCODES", 19) == 0)
            offered = 1;
    }
    if (p.code != 250 || p.lines < 2 || !offered)
        die("EHLO: no multi-line 250 reply offering ENHANCEDSTATUSCODES");

    send_line(fd, "MAIL FROM:<>");
    read_reply(fd, &p);
    if (p.code != 250)
        die("MAIL FROM was not accepted");

    for (a = 2; a < argc; a++) {
        if (strlen(argv[a]) > 500)
            die("recipient too long");
        sprintf(cmd, "RCPT TO:<%s@example.test>", argv[a]);
        send_line(fd, cmd);
        read_reply(fd, &p);
        n = smtp_reply_text(&p, text, sizeof text);
        if (n >= sizeof text)
            die("reply text too long");
        printf("rcpt %s code=%d enhanced=", argv[a], p.code);
        if (p.has_enhanced)
            printf("%d.%d.%d", p.enhanced.cls, p.enhanced.subject, p.enhanced.detail);
        else
            printf("-");
        printf(" consistent=%s lines=%lu reasons=", p.consistent ? "true" : "false",
               (unsigned long)p.lines);
        print_reasons(p.code, text, n);
        printf(" other=");
        if (smtp_reason_match(p.code, text, n, NULL))
            printf("-");
        else
            print_reasons(0, text, n);
        printf("\n");
    }

    send_line(fd, "QUIT");
    read_reply(fd, &p);
    close(fd);
    fprintf(stderr, "client: %lu reads\n", reads);
    return 0;
}
