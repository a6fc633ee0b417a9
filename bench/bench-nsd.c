// SPDX-License-Identifier: GPL-2.0
/*
 * bench-nsd - hold N new network namespaces, one process each, for bench/.
 *
 *   bench-nsd [-s] N
 *
 * Forks N children; each unshares its network namespace (with -s also its
 * mount namespace, where it mounts a sysfs of its own, so that
 * /proc/PID/root/sys/class/net shows that namespace's devices) and waits.
 * Once all are ready, prints their pids, one a line, closes stdout and
 * waits until stdin reaches end of file (or SIGTERM/SIGINT); the children
 * die with it (PR_SET_PDEATHSIG), and it reaps them before exiting.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

static void child(int sysfs, int ready)
{
	int flags = CLONE_NEWNET | (sysfs ? CLONE_NEWNS : 0);
	char c = 1;

	if (prctl(PR_SET_PDEATHSIG, SIGKILL) || unshare(flags)) {
		perror("bench-nsd: unshare");
		_exit(1);
	}
	if (sysfs && (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) ||
		      mount("sysfs", "/sys", "sysfs", 0, NULL))) {
		perror("bench-nsd: mount sysfs");
		_exit(1);
	}
	if (write(ready, &c, 1) != 1)
		_exit(1);
	close(ready);
	for (;;)
		pause();
}

static void nothing(int sig)
{
	(void)sig;
}

int main(int argc, char **argv)
{
	int sysfs = 0, fds[2];
	long i, n;
	pid_t *pids;
	char c;

	if (argc > 1 && !strcmp(argv[1], "-s")) {
		sysfs = 1;
		argv++;
		argc--;
	}
	if (argc != 2 || (n = atol(argv[1])) <= 0) {
		fprintf(stderr, "usage: bench-nsd [-s] N\n");
		return 2;
	}
	pids = calloc(n, sizeof(*pids));
	if (!pids || pipe(fds)) {
		perror("bench-nsd");
		return 1;
	}
	signal(SIGTERM, nothing);
	signal(SIGINT, nothing);
	for (i = 0; i < n; i++) {
		pids[i] = fork();
		if (pids[i] < 0) {
			perror("bench-nsd: fork");
			return 1;
		}
		if (pids[i] == 0) {
			close(fds[0]);
			child(sysfs, fds[1]);
		}
		if (read(fds[0], &c, 1) != 1) {
			fprintf(stderr, "bench-nsd: child %ld failed\n", i);
			kill(0, SIGTERM);
			return 1;
		}
	}
	for (i = 0; i < n; i++)
		printf("%d\n", (int)pids[i]);
	fflush(stdout);
	fclose(stdout);
	while (read(0, &c, 1) > 0)
		;
	for (i = 0; i < n; i++)
		kill(pids[i], SIGKILL);
	while (wait(NULL) > 0 || errno == EINTR)
		;
	return 0;
}
