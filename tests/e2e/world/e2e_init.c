/*
 * e2e_init — PID 1 of one simulated host of the end-to-end test world.
 *
 * A private PID namespace needs a real init: the kernel gives PID 1 no default
 * signal actions and reparents every orphan to it.  Without a reaper a
 * daemonised nginx or wireguard-go that exits stays a zombie, and `kill -0`
 * on it keeps succeeding.  This program:
 *   - reaps every child and orphan (SIGCHLD -> waitpid loop);
 *   - on SIGTERM/SIGINT/SIGHUP sends SIGTERM to every process of the
 *     namespace, waits (bounded) for them to go, SIGKILLs the rest and exits;
 *     when PID 1 exits the kernel kills whatever is left in the namespace.
 *
 * Usage: e2e_init LABEL
 *   LABEL is not used by the program; it names the world and host on the
 *   command line so that `kokoa-world down` can verify that a pid from a pid
 *   file still belongs to this world before signalling it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Reaps every exited child without blocking; returns 1 when no child is left. */
static int reap_all(void)
{
    for (;;) {
        pid_t pid = waitpid(-1, NULL, WNOHANG);
        if (pid > 0)
            continue;
        if (pid < 0 && errno == EINTR)
            continue;
        return pid < 0 && errno == ECHILD;
    }
}

/* Waits up to timeout_ms for all children to exit, reaping as they go. */
static int wait_children(const sigset_t *set, long timeout_ms)
{
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (;;) {
        if (reap_all())
            return 1;
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        long elapsed = (now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000;
        if (elapsed >= timeout_ms)
            return 0;
        long left = timeout_ms - elapsed;
        /* Wake up on the next SIGCHLD, or after a short slice at the latest. */
        struct timespec slice = { 0, (left < 100 ? left : 100) * 1000000L };
        sigtimedwait(set, NULL, &slice);
    }
}

static void shutdown_namespace(const sigset_t *set)
{
    /* kill(-1) from PID 1 of a namespace reaches every other process in it. */
    kill(-1, SIGTERM);
    kill(-1, SIGCONT);
    if (!wait_children(set, 3000)) {
        kill(-1, SIGKILL);
        wait_children(set, 2000);
    }
}

int main(int argc, char **argv)
{
    (void)argc;
    (void)argv;

    /* Handle every signal synchronously: block them all and wait. */
    sigset_t all;
    sigfillset(&all);
    sigprocmask(SIG_BLOCK, &all, NULL);

    if (getpid() != 1) {
        /* Still useful outside a PID namespace (e.g. debugging): adopt orphans. */
        prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
    }

    for (;;) {
        siginfo_t info;
        int sig = sigwaitinfo(&all, &info);
        if (sig < 0)
            continue;
        switch (sig) {
        case SIGCHLD:
            reap_all();
            break;
        case SIGTERM:
        case SIGINT:
        case SIGHUP:
            shutdown_namespace(&all);
            return 0;
        default:
            break; /* PID 1 ignores everything else, as the kernel would. */
        }
    }
}
