/* measure.c - runs a command and writes what it cost to RESULT_FILE:
 *
 *     WALL_SECONDS CPU_SECONDS PEAK_RSS_KB EXIT_STATUS
 *
 * CPU is user plus system time; the peak RSS is the child's ru_maxrss from
 * wait4(). Linux carries ru_maxrss across execve(), so the child is forked
 * from this small program rather than from the Python driver, whose own
 * size would otherwise be the floor of every figure. The command's output
 * goes where this program's goes.
 *
 * usage: measure RESULT_FILE COMMAND [ARG...] */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double seconds(struct timeval t)
{
    return (double)t.tv_sec + (double)t.tv_usec / 1e6;
}

int main(int argc, char **argv)
{
    struct timespec start, end;
    struct rusage usage;
    FILE *result;
    pid_t child;
    int status;

    if (argc < 3) {
        fprintf(stderr, "usage: measure RESULT_FILE COMMAND [ARG...]\n");
        return 2;
    }
    clock_gettime(CLOCK_MONOTONIC, &start);
    child = fork();
    if (child < 0) {
        perror("measure: fork");
        return 2;
    }
    if (child == 0) {
        execvp(argv[2], argv + 2);
        perror("measure: exec");
        _exit(127);
    }
    if (wait4(child, &status, 0, &usage) < 0) {
        perror("measure: wait4");
        return 2;
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    result = fopen(argv[1], "w");
    if (!result) {
        perror("measure: result file");
        return 2;
    }
    fprintf(result, "%.6f %.6f %ld %d\n",
            (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9,
            seconds(usage.ru_utime) + seconds(usage.ru_stime), usage.ru_maxrss,
            WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
    return fclose(result) == 0 ? 0 : 2;
}
