/* reply_test.c - smtp_reply_parse(), smtp_reply_line(), smtp_reply_text()
 * and smtp_reason_match() of the generated smtp_codes.h.
 *
 * The parser's cases do not depend on the tables, so their expected results
 * are written here, in replies[]. The matching does: for every reason, the
 * program writes its description in several ways a gateway or a log would
 * (other case, no final period, an id appended...) and prints what
 * smtp_reason_match() returns, one line each; tests/header/reply_expected.py
 * computes the same lines from the CSV with its own matcher, and
 * tests/header/check.sh compares the two. Every input is parsed from a heap
 * block of exactly its length, whole and cut to every shorter length, so
 * that AddressSanitizer catches a read past the end. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smtp_codes.h"
#include "test_bytes.h"

static int failures;

static void expect(int ok, const char *what, const char *input)
{
    if (!ok) {
        printf("FAIL %s: %s\n", what, input);
        failures++;
    }
}

/* An input and what smtp_reply_parse() must make of it: the result, then
 * for a success the code, the enhanced code ("" for none), consistent, the
 * number of lines and the text as smtp_reply_text() joins it. */
static const struct reply_case {
    const char *input;
    size_t len;
    int rc;
    int code;
    const char *enhanced;
    int consistent;
    size_t lines;
    const char *text;
} replies[] = {
#define OK(s, code, enh, consistent, lines, text) \
    { s, sizeof s - 1, SMTP_PARSE_OK, code, enh, consistent, lines, text }
#define BAD(s, rc) { s, sizeof s - 1, rc, 0, "", 0, 0, "" }
    OK("550 5.7.1 Rejected due to spam content.", 550, "5.7.1", 1, 1,
       "Rejected due to spam content."),
    OK("550 5.7.1 Rejected due to spam content.\r\n", 550, "5.7.1", 1, 1,
       "Rejected due to spam content."),
    OK("550 5.7.1 Rejected due to spam content.\n", 550, "5.7.1", 1, 1,
       "Rejected due to spam content."),
    OK("250 OK", 250, "", 1, 1, "OK"),
    OK("250", 250, "", 1, 1, ""),
    OK("250 ", 250, "", 1, 1, ""),
    OK("250\r\n", 250, "", 1, 1, ""),
    OK("354 Start mail input; end with <CRLF>.<CRLF>", 354, "", 1, 1,
       "Start mail input; end with <CRLF>.<CRLF>"),
    OK("220 mx.example.com ESMTP ready", 220, "", 1, 1, "mx.example.com ESMTP ready"),
    /* A line that holds only the repeated enhanced code (Gmail sends
     * "550-5.7.26 " between paragraphs), with and without its blank, LF
     * and CRLF: the code is stripped from every line, the middle one too. */
    OK("550-5.7.1 a\n550-5.7.1\n550 5.7.1 b", 550, "5.7.1", 1, 3, "a  b"),
    OK("550-5.7.1 a\r\n550-5.7.1\r\n550 5.7.1 b\r\n", 550, "5.7.1", 1, 3, "a  b"),
    OK("550-5.7.1 a\n550-5.7.1 \n550 5.7.1 b", 550, "5.7.1", 1, 3, "a  b"),
    OK("550-5.7.1 a\n550-5.7.1\n550 5.7.1", 550, "5.7.1", 1, 3, "a  "),
    OK("550-5.7.1 a\n550-5.7.2\n550 5.7.1 b", 550, "5.7.1", 1, 3, "a 5.7.2 b"),
    /* RFC 5321, 4.2.1: a multi-line reply, here an EHLO answer. */
    OK("250-mx.example.com Hello\r\n250-SIZE 35882577\r\n250-8BITMIME\r\n"
       "250-ENHANCEDSTATUSCODES\r\n250 PIPELINING\r\n",
       250, "", 1, 5, "mx.example.com Hello SIZE 35882577 8BITMIME ENHANCEDSTATUSCODES PIPELINING"),
    OK("250-First line\n250-Second line\n250 Last line", 250, "", 1, 3,
       "First line Second line Last line"),
    OK("250-\r\n250 done", 250, "", 1, 2, " done"),
    /* Repeated enhanced codes are stripped; another one is text. */
    OK("550-5.1.1 The email account that you tried to reach does not exist.\r\n"
       "550-5.1.1 Please try double-checking the recipient's email address.\r\n"
       "550 5.1.1 Learn more at https://support.example/?p=NoSuchUser\r\n",
       550, "5.1.1", 1, 3,
       "The email account that you tried to reach does not exist. Please try "
       "double-checking the recipient's email address. Learn more at "
       "https://support.example/?p=NoSuchUser"),
    OK("550-5.1.1 first\r\n550 5.7.1 second", 550, "5.1.1", 1, 2, "first 5.7.1 second"),
    OK("550-5.1.1 first\r\n550 second", 550, "5.1.1", 1, 2, "first second"),
    OK("550-first\r\n550 5.1.1 second", 550, "", 1, 2, "first 5.1.1 second"),
    /* The enhanced code must stand alone: else it is text. */
    OK("550 5.1.1", 550, "5.1.1", 1, 1, ""),
    OK("550 5.1.1\t<x@example.com> unknown", 550, "5.1.1", 1, 1, "<x@example.com> unknown"),
    OK("550 5.1.1   three spaces", 550, "5.1.1", 1, 1, "three spaces"),
    OK("550 5.1.1: colon", 550, "", 1, 1, "5.1.1: colon"),
    OK("550 5.1.1x", 550, "", 1, 1, "5.1.1x"),
    OK("550 5.01.1 leading zero", 550, "", 1, 1, "5.01.1 leading zero"),
    OK("550 5.1.1000 too long", 550, "", 1, 1, "5.1.1000 too long"),
    OK("550 6.1.1 no class 6", 550, "", 1, 1, "6.1.1 no class 6"),
    OK("550  5.1.1 two spaces", 550, "", 1, 1, " 5.1.1 two spaces"),
    OK("450 4.2.1 Mailbox busy", 450, "4.2.1", 1, 1, "Mailbox busy"),
    OK("250 2.0.0 Ok: queued as 4BZ1", 250, "2.0.0", 1, 1, "Ok: queued as 4BZ1"),
    /* A class that disagrees with the code. */
    OK("550 2.1.5 Recipient OK", 550, "2.1.5", 0, 1, "Recipient OK"),
    OK("250 5.0.0 odd", 250, "5.0.0", 0, 1, "odd"),
    OK("354 2.0.0 go ahead", 354, "2.0.0", 0, 1, "go ahead"),
    /* Second and third digits are not checked against 0-5. */
    OK("571 Delivery not authorized", 571, "", 1, 1, "Delivery not authorized"),
    OK("599 x", 599, "", 1, 1, "x"),
    OK("550 caf\xc3\xa9 \xff", 550, "", 1, 1, "caf\xc3\xa9 \xff"),
    OK("550 tab\there", 550, "", 1, 1, "tab\there"),
    BAD("", SMTP_PARSE_EMPTY),
    BAD("5", SMTP_PARSE_NO_CODE),
    BAD("55", SMTP_PARSE_NO_CODE),
    BAD("55 short", SMTP_PARSE_NO_CODE),
    BAD("abc", SMTP_PARSE_NO_CODE),
    BAD("OK", SMTP_PARSE_NO_CODE),
    BAD(" 550 leading space", SMTP_PARSE_NO_CODE),
    BAD("5a0 x", SMTP_PARSE_NO_CODE),
    BAD("\r\n", SMTP_PARSE_NO_CODE),
    BAD("\n", SMTP_PARSE_NO_CODE),
    BAD("5500", SMTP_PARSE_BAD_SEPARATOR),
    BAD("5500 x", SMTP_PARSE_BAD_SEPARATOR),
    BAD("550x", SMTP_PARSE_BAD_SEPARATOR),
    BAD("550\tx", SMTP_PARSE_BAD_SEPARATOR),
    BAD("550:x", SMTP_PARSE_BAD_SEPARATOR),
    BAD("100 x", SMTP_PARSE_BAD_CODE),
    BAD("199 x", SMTP_PARSE_BAD_CODE),
    BAD("600 x", SMTP_PARSE_BAD_CODE),
    BAD("000", SMTP_PARSE_BAD_CODE),
    BAD("999 x", SMTP_PARSE_BAD_CODE),
    BAD("250-first\r\n251 second", SMTP_PARSE_CODE_MISMATCH),
    BAD("250-first\r\n25 second", SMTP_PARSE_NO_CODE),
    BAD("250-first\r\n2500 second", SMTP_PARSE_BAD_SEPARATOR),
    BAD("250-first", SMTP_PARSE_UNFINISHED),
    BAD("250-first\r\n", SMTP_PARSE_UNFINISHED),
    BAD("250-first\r\n250-second\r\n", SMTP_PARSE_UNFINISHED),
    BAD("250 done\r\n250 again", SMTP_PARSE_TRAILING),
    BAD("250 done\r\n\r\n", SMTP_PARSE_TRAILING),
    BAD("250 done\n\n", SMTP_PARSE_TRAILING),
    BAD("250 done\r\nx", SMTP_PARSE_TRAILING),
    BAD("550\0 x", SMTP_PARSE_NUL),
    BAD("550 x\0", SMTP_PARSE_NUL),
    BAD("\0", SMTP_PARSE_NUL),
    BAD("250-a\r\n250 b\0", SMTP_PARSE_NUL),
    BAD("550 x\r", SMTP_PARSE_BARE_CR),
    BAD("550 a\rb", SMTP_PARSE_BARE_CR),
    BAD("250-a\r250 b", SMTP_PARSE_BARE_CR),
    BAD("\r", SMTP_PARSE_BARE_CR),
#undef OK
#undef BAD
};

/* What holds for any parse of s[0..len), whatever its result: the text
 * lies within the input and the helpers agree with each other. */
static void check_invariants(const char *s, size_t len, const char *label)
{
    struct smtp_reply_parsed p;
    char small[8], big[512];
    const char *line;
    size_t i, n, total, joined = 0;
    char *copy = exact_copy(s, len);
    int rc = smtp_reply_parse(copy, len, &p);

    if (rc != SMTP_PARSE_OK) {
        expect(rc < 0 && smtp_parse_error_text(rc) != NULL, "error has a text", label);
        expect(p.code == 0 && p.text == NULL && p.lines == 0 && p.has_enhanced == 0,
               "failure leaves out zeroed", label);
        free(copy);
        return;
    }
    expect(p.code >= 200 && p.code <= 599, "code in range", label);
    expect(p.text >= copy && p.text + p.text_len <= copy + len, "text within input", label);
    expect(p.lines >= 1, "at least one line", label);
    expect(p.consistent == (!p.has_enhanced || p.enhanced.cls == p.code / 100),
           "consistent", label);
    for (i = 0; smtp_reply_line(&p, i, &line, &n); i++) {
        expect(line >= copy && line + n <= copy + len, "line within input", label);
        joined += n + (i > 0);
    }
    expect(i == p.lines, "smtp_reply_line gives every line", label);
    total = smtp_reply_text(&p, big, sizeof big);
    expect(total == joined, "smtp_reply_text length", label);
    expect(smtp_reply_text(&p, small, sizeof small) == total, "small buffer length", label);
    expect(smtp_reply_text(&p, NULL, 0) == total, "no buffer length", label);
    if (total < sizeof big)
        expect(strlen(small) == (total < sizeof small ? total : sizeof small - 1)
                   && strncmp(small, big, sizeof small - 1) == 0,
               "small buffer holds the start", label);
    free(copy);
}

static void parse_tests(void)
{
    struct smtp_reply_parsed p;
    char enhanced[32], text[1024];
    size_t k, len;

    for (k = 0; k < sizeof replies / sizeof replies[0]; k++) {
        const struct reply_case *c = &replies[k];
        char *copy = exact_copy(c->input, c->len);
        int rc = smtp_reply_parse(copy, c->len, &p);

        enhanced[0] = '\0';
        text[0] = '\0';
        if (rc == SMTP_PARSE_OK) {
            if (p.has_enhanced)
                sprintf(enhanced, "%d.%d.%d", p.enhanced.cls, p.enhanced.subject,
                        p.enhanced.detail);
            smtp_reply_text(&p, text, sizeof text);
        }
        if (rc != c->rc || p.code != c->code || strcmp(enhanced, c->enhanced) != 0
            || p.consistent != c->consistent || p.lines != c->lines
            || strcmp(text, c->text) != 0) {
            printf("FAIL got \"");
            print_bytes(c->input, c->len);
            printf("\" -> %d %d %s %d %d \"%s\"\n", rc, p.code, enhanced[0] ? enhanced : "-",
                   p.consistent, (int)p.lines, text);
        }
        expect(rc == c->rc, "result", c->input);
        expect(p.code == c->code, "code", c->input);
        expect(strcmp(enhanced, c->enhanced) == 0, "enhanced code", c->input);
        expect(p.consistent == c->consistent, "consistent", c->input);
        expect(p.lines == c->lines, "lines", c->input);
        expect(strcmp(text, c->text) == 0, "text", c->input);
        free(copy);
        for (len = c->len + 1; len-- > 0;)
            check_invariants(c->input, len, c->input);
    }
    expect(smtp_reply_parse("250 OK", 6, NULL) == SMTP_PARSE_BAD_ARGUMENT, "out NULL", "");
    expect(smtp_reply_parse(NULL, 3, &p) == SMTP_PARSE_BAD_ARGUMENT, "reply NULL", "");
    expect(smtp_reply_parse(NULL, 0, &p) == SMTP_PARSE_EMPTY, "NULL, 0", "");
    expect(smtp_parse_error_text(1) == NULL && smtp_parse_error_text(-11) == NULL,
           "no text for other values", "");

    /* A line far longer than RFC 5321's 512 octets is still a reply. */
    {
        size_t n = 100000;
        char *huge = (char *)malloc(n);

        if (!huge)
            abort();
        memset(huge, 'a', n);
        memcpy(huge, "550 5.7.1 ", 10);
        expect(smtp_reply_parse(huge, n, &p) == SMTP_PARSE_OK && p.text_len == n - 10,
               "a 100000-byte line", "");
        huge[n - 1] = '\r';
        expect(smtp_reply_parse(huge, n, &p) == SMTP_PARSE_BARE_CR, "bare CR at the end", "");
        free(huge);
    }

    for (k = 0; k <= 1000; k += 50) {
        const char *name = smtp_code_class_name((int)k - 1);
        printf("class-name %d %s\n", (int)k - 1, name ? name : "(null)");
        name = smtp_code_class_name((int)k);
        printf("class-name %d %s\n", (int)k, name ? name : "(null)");
    }
}

/* Prints what smtp_reason_match() returns for text with the given code
 * (0: any). */
static void print_matches(const char *label, int code, const char *text)
{
    const struct smtp_reason_info *r;
    size_t len = strlen(text), n = 0;

    printf("match %s %d \"%s\" ->", label, code, text);
    for (r = smtp_reason_match(code, text, len, NULL); r && n <= SMTP_REASON_COUNT;
         r = smtp_reason_match(code, text, len, r), n++)
        printf(" %s", r->name);
    printf("\n");
    expect(n <= SMTP_REASON_COUNT, "the iteration ends", text);
}

/* The variants of a description: each is written into out (of size
 * 1024) the way tests/header/reply_expected.py writes it too. */
static void variant(const char *how, const char *d, char *out)
{
    size_t i, j = 0, len = strlen(d);

    if (strcmp(how, "upper") == 0) {
        for (i = 0; i <= len; i++)
            out[i] = (char)(d[i] >= 'a' && d[i] <= 'z' ? d[i] - 'a' + 'A' : d[i]);
    } else if (strcmp(how, "lower") == 0) {
        for (i = 0; i <= len; i++)
            out[i] = (char)(d[i] >= 'A' && d[i] <= 'Z' ? d[i] - 'A' + 'a' : d[i]);
    } else if (strcmp(how, "no-period") == 0) {
        strcpy(out, d);
        while (len > 0 && (out[len - 1] == '.' || out[len - 1] == ' '))
            out[--len] = '\0';
    } else if (strcmp(how, "id") == 0) {
        sprintf(out, "%s id=1A2B3C", d);
    } else if (strcmp(how, "spaces") == 0) {
        for (i = 0; i <= len && j < 1020; i++) {
            out[j++] = d[i];
            if (d[i] == ' ')
                out[j++] = ' ';
        }
    } else if (strcmp(how, "placeholder") == 0) {
        /* Every [..] becomes [192.0.2.7]. */
        for (i = 0; i < len && j < 1000; i++) {
            const char *close = d[i] == '[' ? strchr(d + i, ']') : NULL;
            if (close) {
                memcpy(out + j, "[192.0.2.7]", 11);
                j += 11;
                i = (size_t)(close - d);
            } else {
                out[j++] = d[i];
            }
        }
        out[j] = '\0';
    } else if (strcmp(how, "word-after") == 0) {
        sprintf(out, "%sx", d);
    } else {
        strcpy(out, d);
    }
}

static void match_tests(void)
{
    static const char *const hows[] = {"as-is", "upper", "lower", "no-period", "id",
                                       "spaces", "placeholder", "word-after"};
    char text[1024], label[4200]; /* a name is at most 4095 bytes */
    size_t h;
    int i;

    for (i = 0; i < (int)SMTP_REASON_COUNT; i++) {
        const struct smtp_reason_info *r = smtp_reason_get((enum smtp_reason)i);

        if (strlen(r->description) > 500)
            continue;
        for (h = 0; h < sizeof hows / sizeof hows[0]; h++) {
            variant(hows[h], r->description, text);
            snprintf(label, sizeof label, "%s/%s", r->name, hows[h]);
            print_matches(label, r->code, text);
        }
        variant("as-is", r->description, text);
        snprintf(label, sizeof label, "%s/any", r->name);
        print_matches(label, 0, text);
    }
    print_matches("none", 550, "no gateway says this");
    print_matches("empty", 550, "");
    print_matches("blank", 550, "   ");
    print_matches("code-999", 999, "Transaction failed.");
    expect(smtp_reason_match(550, NULL, 5, NULL) == NULL, "NULL text", "");
    /* after from another code, or that does not match, ends the walk. */
    {
        const struct smtp_reason_info *first = smtp_reason_get((enum smtp_reason)0);
        const char *d = first->description;

        expect(smtp_reason_match(first->code + 1, d, strlen(d), first) == NULL
                   || first->code + 1 == 0,
               "after of another code", d);
        expect(smtp_reason_match(first->code, "zz no such text", 15, first) == NULL,
               "after that does not match", d);
    }
}

/* smtp_codes_match_len() on descriptions no table need have: one that
 * starts with a placeholder or with white space, one of punctuation only,
 * an empty one. Each: description, text, the bytes it must match. */
static void match_len_tests(void)
{
    static const struct {
        const char *desc, *text;
        size_t want;
    } cases[] = {
        {"[IP] blocked.", "192.0.2.1 blocked", 17},
        {"[IP] blocked.", "[192.0.2.1] blocked. id=7", 19},
        {"[IP] blocked.", "blocked", 0},
        {"[IP blocked.", "[IP blocked", 11},
        {"  Rejected.", "rejected", 8},
        {"Rejected.", "  REJECTED later", 10},
        {"Rejected.", "  ejected", 0},
        {"Rejected.", "", 0},
        {"...", "...", 0},
        {" . ", ".", 0},
        {"", "x", 0},
    };
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
        expect(smtp_codes_match_len(cases[i].desc, cases[i].text, strlen(cases[i].text))
                   == cases[i].want,
               "smtp_codes_match_len", cases[i].text);
}

int main(void)
{
    parse_tests();
    match_tests();
    match_len_tests();
    printf("failures %d\n", failures);
    return failures != 0;
}
