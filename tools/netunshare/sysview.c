// SPDX-License-Identifier: GPL-2.0
/*
 * The seed's promise: "the device view /sys/class/net stays consistent
 * with the network devices accessibility".  A sysfs shows the network
 * devices of the namespace it was mounted in, so COMMAND gets, as with
 * "ip netns exec", a mount namespace of its own (a slave of the caller's:
 * nothing mounted in it reaches the caller) with a sysfs mounted by the
 * new network namespace on /sys.  There, /sys/class/net lists what
 * "ip link" lists, and new_ns_pid and etun's newif act on it.
 *
 * Unlike "ip netns exec", the mounts on the old /sys (cgroup, bpf,
 * debugfs, ...) are kept: each is cloned with its submounts and moved
 * onto the new sysfs.  The new sysfs is read-only, nosuid, nodev or
 * noexec where the old one was, so a caller gets no more than it had
 * (and a user namespace's mount is accepted by the kernel).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/magic.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "netunshare.h"

struct submount {
	char *point;		/* below /sys */
	int tree;		/* its clone, from open_tree() */
};

static int caller_mnt_fd = -1;	/* the caller's mount namespace */
static struct submount *subs;
static size_t nsubs;

static void undo_unshare_mnt(void *arg)
{
	(void)arg;
	/* Back where the other steps' files and mounts are. */
	if (setns(caller_mnt_fd, CLONE_NEWNS) == 0)
		nu_say("undo: back in the caller's mount namespace");
	else
		nu_error(errno,
			 "undo: cannot return to the caller's mount namespace");
}

/* mountinfo escapes ' ', '\t', '\n' and '\\' as \ooo. */
static void unescape(char *s)
{
	char *d = s;

	while (*s) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' &&
		    s[2] >= '0' && s[2] <= '7' && s[3] >= '0' && s[3] <= '7') {
			*d++ = (char)((s[1] - '0') << 6 | (s[2] - '0') << 3 |
				      (s[3] - '0'));
			s += 4;
		} else {
			*d++ = *s++;
		}
	}
	*d = '\0';
}

static void drop_submounts(void)
{
	while (nsubs--) {
		close(subs[nsubs].tree);
		free(subs[nsubs].point);
	}
	free(subs);
	subs = NULL;
	nsubs = 0;
}

/* Clone each mount whose parent is the /sys mount, with its submounts. */
static int clone_submounts(void)
{
	unsigned int id, parent;
	struct statx stx;
	char *line = NULL;
	size_t len = 0;
	int ret = 0;
	FILE *f;

	if (statx(AT_FDCWD, "/sys", 0, STATX_MNT_ID, &stx) ||
	    !(stx.stx_mask & STATX_MNT_ID)) {
		nu_error(errno, "/sys: statx");
		return -1;
	}
	f = fopen("/proc/self/mountinfo", "re");
	if (!f) {
		nu_error(errno, "/proc/self/mountinfo");
		return -1;
	}
	while (!ret && getline(&line, &len, f) > 0) {
		char point[PATH_MAX];
		struct submount *p;
		int tree;

		if (sscanf(line, "%u %u %*s %*s %4095s", &id, &parent,
			   point) != 3 || parent != stx.stx_mnt_id)
			continue;
		unescape(point);
		tree = open_tree(AT_FDCWD, point, OPEN_TREE_CLONE |
				 OPEN_TREE_CLOEXEC | AT_RECURSIVE);
		p = reallocarray(subs, nsubs + 1, sizeof(*subs));
		if (tree < 0 || !p) {
			nu_error(errno, "%s: cannot clone the mount", point);
			if (tree >= 0)
				close(tree);
			ret = -1;
			break;
		}
		subs = p;
		subs[nsubs].tree = tree;
		subs[nsubs].point = strdup(point);
		if (!subs[nsubs++].point) {
			nu_error(errno, "cannot allocate memory");
			ret = -1;
		}
	}
	free(line);
	fclose(f);
	return ret;
}

static unsigned long mount_flags_of(const char *path)
{
	unsigned long flags = 0;
	struct statvfs vfs;

	if (statvfs(path, &vfs))
		return MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC;
	if (vfs.f_flag & ST_RDONLY)
		flags |= MS_RDONLY;
	if (vfs.f_flag & ST_NOSUID)
		flags |= MS_NOSUID;
	if (vfs.f_flag & ST_NODEV)
		flags |= MS_NODEV;
	if (vfs.f_flag & ST_NOEXEC)
		flags |= MS_NOEXEC;
	return flags;
}

static int mount_sysfs(void)
{
	unsigned long flags = mount_flags_of("/sys");
	size_t i;

	if (clone_submounts())
		return -1;
	/*
	 * The old /sys goes, with what was mounted on it (kept in the
	 * clones).  A mount locked by a more privileged mount namespace
	 * cannot go: the new sysfs then covers it.
	 */
	umount2("/sys", MNT_DETACH);
	if (mount("sysfs", "/sys", "sysfs", flags, NULL)) {
		nu_error(errno,
			 "/sys: cannot mount the new namespace's sysfs (--keep-mounts keeps the caller's /sys)");
		return -1;
	}
	nu_say("mounted the new namespace's sysfs on /sys%s",
	       flags & MS_RDONLY ? " (read-only)" : "");
	for (i = 0; i < nsubs; i++) {
		if (move_mount(subs[i].tree, "", AT_FDCWD, subs[i].point,
			       MOVE_MOUNT_F_EMPTY_PATH)) {
			nu_error(errno, "%s: cannot mount it again",
				 subs[i].point);
			return -1;
		}
		nu_say("kept the mount on %s", subs[i].point);
	}
	return 0;
}

int nu_sysview(void)
{
	struct statfs sfs;
	int ret;

	caller_mnt_fd = open("/proc/self/ns/mnt", O_RDONLY | O_CLOEXEC);
	if (caller_mnt_fd < 0) {
		nu_error(errno, "/proc/self/ns/mnt");
		return -1;
	}
	if (unshare(CLONE_NEWNS)) {
		nu_error(errno, "unshare(CLONE_NEWNS)");
		return -1;
	}
	nu_txn_push(undo_unshare_mnt, NULL);
	if (mount(NULL, "/", NULL, MS_SLAVE | MS_REC, NULL)) {
		nu_error(errno, "/: cannot make the mounts slaves");
		return -1;
	}
	nu_say("private mount namespace (a slave of the caller's)");
	if (statfs("/sys", &sfs) || sfs.f_type != SYSFS_MAGIC) {
		nu_say("/sys is not a sysfs: left as it is");
		return 0;
	}
	ret = mount_sysfs();
	drop_submounts();
	return ret;
}
