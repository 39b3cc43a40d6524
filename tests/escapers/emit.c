/* emit.c - writes test programs whose string literals come from smtpgen's
 * escapers, for tests/escapers/run.sh to run with the real tools.
 *
 * Usage: emit FORMAT     a program (or document) holding every test value,
 *                        escaped for FORMAT: c, json, js, js-single,
 *                        js-template, py, py-single, go, rust, java, csv,
 *                        markdown (-single: in '...'; -template: in `...`)
 *        emit expect FORMAT
 *                        the bytes each value must come back as, in hex,
 *                        one line per value
 *
 * Each program prints the values it holds in the same form, so that
 * run.sh compares two files. The values hold every ASCII byte (NUL only
 * where the format can carry one), both quotes, backslashes that spell
 * escapes, each language's interpolation marks, HTML's script-block marks,
 * UTF-8 with U+2028, U+2029 and U+FEFF, and Markdown's block and inline
 * marks.
 */
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "escape.h"

typedef struct sample {
    const char *text;
    size_t len;
} sample;

#define V(s) {(s), sizeof(s) - 1}

static char ascii[128];

static sample values[] = {
    {ascii, 0}, /* every byte 0x01..0x7F; filled in main() */
    V("Rejected due to spam content."),
    V("</script><!-- ${x} #{y} {z} `w` 'v' \"u\" %s %d {0}"),
    V("<!--<script> -->"),
    V("\xEF\xBB\xBF a byte order mark inside"),
    V("\\u000a \\x41 \\n \\0 \\\" \\"),
    V("\xC3\xA9 \xE2\x82\xAC \xE2\x80\xA8 \xE2\x80\xA9 \xF0\x9F\x98\x80 \xE2\x80\xA6"),
    V("?\?= ?\?/ ?\?' \"?\" ?"),
    V("# not a heading"), V("- not a list"), V("+ not a list"), V("= not a rule"),
    V("1. not a list"), V("12) not a list"), V("> not a quote"), V("---"),
    V("***"), V("___"), V("5.7.1"),
    V("*a* _b_ **c** ~~d~~ [e](f) ![g](h) <i> &amp; &#65; `j` | k \\l"),
    V("  two blanks in front, two behind  "),
    V("\ttab\nnewline\rreturn "),
    V("    four blanks"),
};
#define VALUE_COUNT (sizeof values / sizeof values[0])
#define NUL_VALUE V("a\0b") /* formats that carry NUL only */

static const sample nul_value = NUL_VALUE;

static int carries_nul(const char *format)
{
    return strcmp(format, "csv") != 0 && strcmp(format, "markdown") != 0;
}

static render_escape_fn escaper(const char *format)
{
    static const struct {
        const char *name;
        render_escape_fn fn;
    } table[] = {
        {"c", escape_c},     {"json", escape_json}, {"js", escape_js},
        {"py", escape_py},   {"py-single", escape_py}, {"js-single", escape_js},
        {"js-template", escape_js}, {"go", escape_go}, {"rust", escape_rust},
        {"java", escape_java}, {"csv", escape_csv}, {"markdown", escape_markdown},
    };
    size_t i;

    for (i = 0; i < sizeof table / sizeof table[0]; i++)
        if (strcmp(table[i].name, format) == 0)
            return table[i].fn;
    return NULL;
}

static void put_escaped(render_escape_fn fn, const sample *v)
{
    buf out = BUF_INIT;

    if (fn(&out, v->text, v->len) != 0 || buf_append(&out, "", 0) != 0) {
        fputs("emit: out of memory\n", stderr);
        return;
    }
    fwrite(out.data, 1, out.len, stdout);
    buf_free(&out);
}

/* Markdown shows a control character as a blank. */
static void put_expected(const char *format, const sample *v)
{
    size_t i;

    for (i = 0; i < v->len; i++) {
        unsigned char c = (unsigned char)v->text[i];

        if (strcmp(format, "markdown") == 0 && (c < 0x20 || c == 0x7F))
            c = ' ';
        printf("%02x", c);
    }
    putchar('\n');
}

/* Every program below prints each string's UTF-8 bytes in hex, one line
 * per string; the strings sit in an array, one literal per value. */
static const char *const heads[][3] = {
    /* format, text before the literals, text after them */
    {"c", "#include <stdio.h>\nstatic const struct { const char *s; size_t n; } v[] = {\n",
     "};\nint main(void) {\n  size_t i, j;\n  for (i = 0; i < sizeof v / sizeof v[0]; i++) {\n"
     "    for (j = 0; j < v[i].n; j++) printf(\"%02x\", (unsigned char)v[i].s[j]);\n"
     "    putchar('\\n');\n  }\n  return 0;\n}\n"},
    {"json", "[\n", "]\n"},
    {"js", "'use strict';\nconst v = [\n",
     "];\nfor (const s of v) console.log(Buffer.from(s, 'utf8').toString('hex'));\n"},
    {"py", "v = [\n", "]\nfor s in v:\n    print(s.encode('utf-8', 'surrogatepass').hex())\n"},
    {"go", "package main\n\nimport \"fmt\"\n\nvar v = []string{\n",
     "}\n\nfunc main() {\n\tfor _, s := range v {\n\t\tfmt.Printf(\"%x\\n\", s)\n\t}\n}\n"},
    {"rust", "const V: &[&str] = &[\n",
     "];\nfn main() {\n    for s in V {\n        let h: String = s.bytes().map(|b| format!(\"{:02x}\", b)).collect();\n"
     "        println!(\"{}\", h);\n    }\n}\n"},
    {"java", "public class Values {\n  static final String[] V = {\n",
     "  };\n  public static void main(String[] a) throws Exception {\n    for (String s : V) {\n"
     "      StringBuilder h = new StringBuilder();\n"
     "      for (byte b : s.getBytes(\"UTF-8\")) h.append(String.format(\"%02x\", b & 0xff));\n"
     "      System.out.println(h);\n    }\n  }\n}\n"},
};

/* The quote a format's literals use: py-single and js-single write '...',
 * js-template `...`; the others "...". */
static const char *quote_of(const char *format)
{
    if (strcmp(format, "py-single") == 0 || strcmp(format, "js-single") == 0)
        return "'";
    return strcmp(format, "js-template") == 0 ? "`" : "\"";
}

static int emit_program(const char *format, render_escape_fn fn)
{
    const char *q = quote_of(format);
    size_t i, h;

    if (strcmp(format, "csv") == 0) {
        for (i = 0; i < VALUE_COUNT; i++) {
            putchar('"');
            put_escaped(fn, &values[i]);
            fputs("\"\r\n", stdout);
        }
        return 0;
    }
    if (strcmp(format, "markdown") == 0) {
        /* Each value as a paragraph of its own, then as a table cell. */
        for (i = 0; i < VALUE_COUNT; i++) {
            put_escaped(fn, &values[i]);
            fputs("\n\n", stdout);
        }
        fputs("| value |\n| --- |\n", stdout);
        for (i = 0; i < VALUE_COUNT; i++) {
            fputs("| ", stdout);
            put_escaped(fn, &values[i]);
            fputs(" |\n", stdout);
        }
        return 0;
    }
    for (h = 0; h < sizeof heads / sizeof heads[0]; h++)
        if (strncmp(heads[h][0], format, strlen(heads[h][0])) == 0
            && (format[strlen(heads[h][0])] == '\0' || format[strlen(heads[h][0])] == '-'))
            break;
    if (h == sizeof heads / sizeof heads[0])
        return 2;
    fputs(heads[h][1], stdout);
    for (i = 0; i <= VALUE_COUNT; i++) {
        const sample *v = i < VALUE_COUNT ? &values[i] : &nul_value;

        if (strcmp(format, "c") == 0) {
            fputs("  {\"", stdout);
            put_escaped(fn, v);
            printf("\", %zu},\n", v->len);
        } else {
            printf("  %s", q);
            put_escaped(fn, v);
            printf("%s%s\n", q, i < VALUE_COUNT || strcmp(format, "json") != 0 ? "," : "");
        }
    }
    fputs(heads[h][2], stdout);
    return 0;
}

int main(int argc, char **argv)
{
    int expect = argc == 3 && strcmp(argv[1], "expect") == 0;
    const char *format = argv[argc - 1];
    render_escape_fn fn = escaper(format);
    size_t i;

    if ((argc != 2 && !expect) || !fn) {
        fputs("usage: emit [expect] c|json|js|js-single|js-template|py|py-single|go|rust|"
              "java|csv|markdown\n", stderr);
        return 2;
    }
    for (i = 1; i < 128; i++)
        ascii[i - 1] = (char)i;
    values[0].len = 127;
    if (!expect)
        return emit_program(format, fn);
    for (i = 0; i < VALUE_COUNT; i++)
        put_expected(format, &values[i]);
    if (carries_nul(format))
        put_expected(format, &nul_value);
    if (strcmp(format, "markdown") == 0)
        for (i = 0; i < VALUE_COUNT; i++)
            put_expected(format, &values[i]);
    return 0;
}
