#include "depfile.h"

#include <stdlib.h>
#include <string.h>

#include "csv_read.h"

int depfile_add(depfile_inputs *read, const char *path)
{
    char **grown;
    size_t i;

    /* A partial several templates read is named once. */
    for (i = 0; i < read->count; i++)
        if (strcmp(read->paths[i], path) == 0)
            return 0;
    grown = realloc(read->paths, (read->count + 1) * sizeof *read->paths);
    if (!grown)
        return -1;
    read->paths = grown;
    read->paths[read->count] = strdup(path);
    if (!read->paths[read->count])
        return -1;
    read->count++;
    return 0;
}

void depfile_free(depfile_inputs *read)
{
    size_t i;

    for (i = 0; i < read->count; i++)
        free(read->paths[i]);
    free(read->paths);
    read->paths = NULL;
    read->count = 0;
}

char *depfile_read(depfile_inputs *read, const char *path, size_t *len,
                   const char **recorded, gen_error *err)
{
    char *text = csvread_slurp(path, len, err);

    if (text && depfile_add(read, path) != 0) {
        free(text);
        gen_error_set(err, NULL, 0, 0, "out of memory");
        return NULL;
    }
    if (text && recorded)
        *recorded = read->paths[read->count - 1];
    return text;
}

int depfile_append_path(buf *rule, const char *path)
{
    int rc = 0;

    if (strpbrk(path, "\n\r"))
        return 1;
    for (; rc == 0 && *path; path++) {
        if (*path == ' ' || *path == '\t' || *path == '#')
            rc = buf_append_char(rule, '\\');
        else if (*path == '$')
            rc = buf_append_char(rule, '$');
        if (rc == 0)
            rc = buf_append_char(rule, *path);
    }
    return rc;
}

int depfile_join(buf *to, const char *out_dir, const char *path)
{
    size_t n = strlen(out_dir);

    if (n > 0 && out_dir[n - 1] == '/')
        return buf_printf(to, "%s%s", out_dir, path);
    return buf_printf(to, "%s/%s", out_dir, path);
}

int depfile_rule(buf *rule, const char *out_dir, const char *const *paths, size_t count,
                 const depfile_inputs *read, gen_error *err)
{
    buf target = BUF_INIT;
    const char *path = NULL;
    size_t i;
    int rc = 0;

    for (i = 0; rc == 0 && i < count; i++) {
        target.len = 0;
        rc = depfile_join(&target, out_dir, paths[i]);
        if (rc == 0 && (rc = depfile_append_path(rule, target.data)) == 1)
            path = out_dir;
        if (rc == 0)
            rc = buf_append_str(rule, i + 1 < count ? " \\\n" : ":");
    }
    for (i = 0; rc == 0 && i < read->count; i++) {
        rc = buf_append_str(rule, " \\\n ");
        if (rc == 0 && (rc = depfile_append_path(rule, read->paths[i])) == 1)
            path = read->paths[i];
    }
    if (rc == 0)
        rc = buf_append_char(rule, '\n');
    buf_free(&target);
    if (rc == 1)
        gen_error_set(err, path, 0, 0,
                      "cannot name this path in a make rule (--depfile): it holds a "
                      "line break");
    else if (rc != 0)
        gen_error_set(err, NULL, 0, 0, "out of memory");
    return rc == 0 ? 0 : -1;
}
