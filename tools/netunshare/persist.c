// SPDX-License-Identifier: GPL-2.0
/*
 * --persist FILE and --name NAME: bind-mount the new namespace on a file,
 * as "ip netns add" does, so that it outlives COMMAND.  --name NAME is
 * exactly ip netns' /run/netns/NAME: the name must be new, and
 * "ip netns exec NAME" and "ip netns del NAME" work on it.
 *
 * The file is checked and created before any other step (a taken name
 * costs nothing), and mounted once the namespace exists.  A file or
 * directory netunshare created is removed again on failure, the mount
 * undone.  /run/netns itself is set up as ip netns sets it up (a shared
 * mount, so that "ip netns del" in one mount namespace frees the
 * namespace everywhere) and kept, as ip netns keeps it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/magic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "netunshare.h"

static char file[PATH_MAX];
static int file_fd = -1;

/* The names ip netns accepts. */
bool nu_valid_netns_name(const char *name)
{
	return *name && strlen(name) <= NAME_MAX && !strchr(name, '/') &&
	       strcmp(name, ".") && strcmp(name, "..");
}

/* Only what netunshare created is in the log: this frees it too. */
static void undo_rmdir(void *arg)
{
	char *dir = arg;

	if (rmdir(dir) == 0)
		nu_say("undo: removed the directory %s", dir);
	else if (errno != ENOTEMPTY && errno != EEXIST)
		nu_error(errno, "undo: %s: cannot remove the directory", dir);
	free(dir);
}

static void undo_unlink(void *arg)
{
	(void)arg;
	if (unlink(file) == 0)
		nu_say("undo: removed %s", file);
	else
		nu_error(errno, "undo: %s: cannot remove", file);
}

static void undo_mount(void *arg)
{
	(void)arg;
	if (umount2(file, MNT_DETACH | UMOUNT_NOFOLLOW) == 0)
		nu_say("undo: unmounted the namespace from %s", file);
	else
		nu_error(errno, "undo: %s: cannot unmount the namespace", file);
}

/* As "ip netns add": /run/netns exists and is a shared mount. */
static int netns_run_dir(void)
{
	bool bound = false;

	if (mkdir(NETNS_RUN_DIR, 0755) == 0)
		nu_say("created the directory %s", NETNS_RUN_DIR);
	else if (errno != EEXIST)
		goto fail;
	while (mount("", NETNS_RUN_DIR, "none", MS_SHARED | MS_REC, NULL)) {
		/* EINVAL: not a mount point yet; make it one. */
		if (errno != EINVAL || bound)
			goto fail;
		if (mount(NETNS_RUN_DIR, NETNS_RUN_DIR, "none",
			  MS_BIND | MS_REC, NULL))
			goto fail;
		bound = true;
		nu_say("made %s a shared mount point", NETNS_RUN_DIR);
	}
	return 0;
fail:
	nu_error(errno, "%s: cannot set up", NETNS_RUN_DIR);
	return -1;
}

/* mkdir -p of FILE's parents, below /run/netns only. */
static int make_parents(void)
{
	size_t base = strlen(NETNS_RUN_DIR);
	char *slash;

	for (slash = strchr(file + base + 1, '/'); slash;
	     slash = strchr(slash + 1, '/')) {
		char *dir = strndup(file, (size_t)(slash - file));

		if (!dir) {
			nu_error(errno, "cannot allocate memory");
			return -1;
		}
		if (mkdir(dir, 0755)) {
			int err = errno;

			if (err != EEXIST)
				nu_error(err, "%s: cannot create the directory",
					 dir);
			free(dir);
			if (err == EEXIST)
				continue;
			return -1;
		}
		nu_say("created the directory %s", dir);
		nu_txn_push(undo_rmdir, dir);
	}
	return 0;
}

/* A path below /run/netns: no "", "." or ".." component to escape it. */
static bool below_run_dir(bool *bad)
{
	const char *p = file + strlen(NETNS_RUN_DIR);

	*bad = false;
	if (strncmp(file, NETNS_RUN_DIR "/", strlen(NETNS_RUN_DIR) + 1))
		return false;
	while (*p == '/') {
		size_t len = strcspn(p + 1, "/");

		if (!len || (len == 1 && p[1] == '.') ||
		    (len == 2 && p[1] == '.' && p[2] == '.'))
			*bad = true;
		p += 1 + len;
	}
	return true;
}

/* An existing FILE: a plain file, not yet holding a namespace. */
static int check_existing(void)
{
	struct statfs sfs;
	struct stat st;

	file_fd = open(file, O_PATH | O_NOFOLLOW | O_CLOEXEC);
	if (file_fd < 0 || fstat(file_fd, &st)) {
		nu_error(errno, "%s", file);
		return -1;
	}
	if (S_ISLNK(st.st_mode)) {
		nu_error(0, "%s: is a symbolic link (not followed)", file);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		nu_error(0, "%s: not a regular file", file);
		return -1;
	}
	if (fstatfs(file_fd, &sfs) == 0 && sfs.f_type == NSFS_MAGIC) {
		nu_error(0,
			 "%s: a namespace is already mounted on it (ip netns del, or umount it)",
			 file);
		return -1;
	}
	return 0;
}

/*
 * Before any other step: FILE (or /run/netns/NAME) exists and can take
 * the mount.  MUST_CREATE: it must not exist yet (--name).
 */
static int prepare(bool must_create)
{
	bool bad;

	if (below_run_dir(&bad)) {
		if (bad) {
			nu_error(0, "%s: '.', '..' or '//' below %s", file,
				 NETNS_RUN_DIR);
			return -1;
		}
		if (netns_run_dir() || make_parents())
			return -1;
	}
	/* O_EXCL never follows a symbolic link: one there is EEXIST. */
	file_fd = open(file, O_RDONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
		       O_CLOEXEC, 0);
	if (file_fd >= 0) {
		nu_say("created %s", file);
		nu_txn_push(undo_unlink, NULL);
		return 0;
	}
	if (errno != EEXIST || must_create) {
		nu_error(errno, "%s: cannot create", file);
		return -1;
	}
	return check_existing();
}

int nu_persist_prepare(const char *path, bool by_name)
{
	int n;

	if (by_name)
		n = snprintf(file, sizeof(file), "%s/%s", NETNS_RUN_DIR, path);
	else
		n = snprintf(file, sizeof(file), "%s", path);
	if (n < 0 || n >= (int)sizeof(file)) {
		nu_error(ENAMETOOLONG, "%s", path);
		return -1;
	}
	return prepare(by_name);
}

/* After unshare(): the namespace onto the file checked above. */
int nu_persist_mount(void)
{
	char target[64];

	/* The very file checked, whatever was renamed over its path since. */
	snprintf(target, sizeof(target), "/proc/self/fd/%d", file_fd);
	if (mount("/proc/self/ns/net", target, "none", MS_BIND, NULL)) {
		nu_error(errno, "%s: cannot mount the namespace on it", file);
		return -1;
	}
	nu_txn_push(undo_mount, NULL);
	nu_say("mounted the namespace on %s", file);
	close(file_fd);
	file_fd = -1;
	return 0;
}
