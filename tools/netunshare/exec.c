// SPDX-License-Identifier: GPL-2.0
/*
 * COMMAND is looked up before any step is taken, the way execvp() would
 * look it up, so that a typing error costs nothing: no device moves, no
 * pair is created.  What can still fail at execve() (a script's missing
 * interpreter, a file replaced meanwhile) undoes every step.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "netunshare.h"

static char path[PATH_MAX];	/* COMMAND, as nu_resolve() found it */

/* 0 if FILE is a file we may execute, else -errno as execve() gives it. */
static int executable(const char *file)
{
	struct stat st;

	if (stat(file, &st))
		return -errno;
	if (!S_ISREG(st.st_mode) || access(file, X_OK))
		return -EACCES;
	return 0;
}

/* Search $PATH for CMD as execvp() does (glibc: "/bin:/usr/bin" unset). */
static int search(const char *cmd)
{
	const char *dirs = getenv("PATH");
	int err = ENOENT;

	if (!dirs)
		dirs = "/bin:/usr/bin";
	while (dirs) {
		const char *colon = strchr(dirs, ':');
		int len = colon ? (int)(colon - dirs) : (int)strlen(dirs);
		int n, e;

		/* An empty entry is the current directory. */
		n = snprintf(path, sizeof(path), "%.*s%s%s", len, dirs,
			     len ? "/" : "./", cmd);
		e = n < (int)sizeof(path) ? -executable(path) : ENAMETOOLONG;
		if (!e)
			return 0;
		/* As execvp(): a file we may not run is remembered. */
		if (e == EACCES)
			err = EACCES;
		dirs = colon ? colon + 1 : NULL;
	}
	return err;
}

/* env(1)'s status for an exec that failed with ERR. */
static int exec_status(int err)
{
	return err == ENOENT ? EXIT_NOT_FOUND : EXIT_CANNOT_RUN;
}

static void __noreturn cannot_run(const char *cmd, int err)
{
	nu_error(err, "failed to execute %s", cmd);
	exit(exec_status(err));
}

/* Find COMMAND, or exit 126/127 before anything was done. */
void nu_resolve(char **argv)
{
	const char *cmd = argv[0];
	int err;

	if (!*cmd)
		cannot_run(cmd, ENOENT);
	if (strchr(cmd, '/')) {
		int n = snprintf(path, sizeof(path), "%s", cmd);

		if (n < 0 || n >= (int)sizeof(path))
			cannot_run(cmd, ENAMETOOLONG);
		err = -executable(path);
	} else {
		err = search(cmd);
	}
	if (err)
		cannot_run(cmd, err);
}

void __noreturn nu_exec(char **argv)
{
	int err;

	nu_say("executing %s", path);
	/*
	 * PATH holds a '/', so execvp() searches nothing; it still runs a
	 * script without "#!" with /bin/sh, as env(1) and unshare(1) do.
	 */
	execvp(path, argv);
	err = errno;
	nu_error(err, "failed to execute %s", argv[0]);
	nu_txn_abort();
	exit(exec_status(err));
}
