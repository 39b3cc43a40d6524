/* csv_floor.c - the lower bound for reading smtpgen's input: each file read
 * whole into memory, as csv_read.c does, then given to libcsv in one call
 * with callbacks that do nothing. Whatever smtpgen does beyond this (line
 * and column counting, UTF-8 checks, the model, four artifacts, the writes)
 * is its own cost. Prints the number of fields and records it saw, so that
 * the work cannot be optimised away and a wrong file shows.
 *
 * usage: csv_floor FILE... */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

typedef struct counts {
    unsigned long fields;
    unsigned long records;
} counts;

static void on_field(void *text, size_t len, void *data)
{
    (void)text;
    (void)len;
    ((counts *)data)->fields++;
}

static void on_record(int terminator, void *data)
{
    (void)terminator;
    ((counts *)data)->records++;
}

/* The whole file in one malloc'd block, grown by doubling like buf.c's. */
static char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    char *data = NULL, *grown;
    size_t cap = 0, n;

    *len = 0;
    if (!fp)
        return NULL;
    for (;;) {
        if (cap - *len < 65536) {
            cap = cap ? cap * 2 : 65536;
            grown = realloc(data, cap);
            if (!grown) {
                free(data);
                fclose(fp);
                return NULL;
            }
            data = grown;
        }
        n = fread(data + *len, 1, cap - *len, fp);
        if (n == 0)
            break;
        *len += n;
    }
    if (ferror(fp)) {
        free(data);
        data = NULL;
    }
    fclose(fp);
    return data;
}

int main(int argc, char **argv)
{
    struct csv_parser parser;
    counts seen = {0, 0};
    char *text;
    size_t len;
    int i;

    for (i = 1; i < argc; i++) {
        text = slurp(argv[i], &len);
        if (!text) {
            fprintf(stderr, "csv_floor: cannot read %s\n", argv[i]);
            return 1;
        }
        /* The options csv_read.c uses. */
        if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0
            || csv_parse(&parser, text, len, on_field, on_record, &seen) != len
            || csv_fini(&parser, on_field, on_record, &seen) != 0) {
            fprintf(stderr, "csv_floor: %s: %s\n", argv[i],
                    csv_strerror(csv_error(&parser)));
            return 1;
        }
        csv_free(&parser);
        free(text);
    }
    printf("%lu fields, %lu records\n", seen.fields, seen.records);
    return 0;
}
