// SPDX-License-Identifier: GPL-2.0
/*
 * --move DEV and --etun HOST,PEER: populate the new namespace, all or
 * nothing.
 *
 * Before unshare(): check every --move device and create every etun pair
 * (newif acts in the writer's namespace).  After it: move the devices and
 * the PEER ends in, through new_ns_pid (the seed's way; rtnetlink's
 * IFLA_NET_NS_PID for a PEER when the netns_move module is not loaded).
 * If any step fails, undo the steps done (delete the pairs, move the
 * devices back home) so COMMAND never runs in a half-built namespace and
 * nothing is left behind; a device moved into a namespace that dies would
 * otherwise be destroyed (virtual ones) or renamed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/if_link.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "netunshare.h"

#define ETUN_NEWIF	"/sys/module/etun/parameters/newif"

struct move {
	const char *name;
	bool moved;
};

struct pair {
	char host[IFNAMSIZ];
	char peer[IFNAMSIZ];
	bool created;
	bool peer_moved;
};

static struct move *moves;
static size_t nmoves;
static struct pair *pairs;
static size_t npairs;
static struct nu_rtnl *home_rtnl;	/* opened in the caller's namespace */
static int home_fd = -1;		/* the caller's namespace */

static bool valid_ifname(const char *name)
{
	size_t len = strlen(name);

	return len > 0 && len < IFNAMSIZ && strcmp(name, ".") &&
	       strcmp(name, "..") && !strpbrk(name, "/: \t\n,");
}

static void *grow(void *array, size_t n, size_t size)
{
	void *p = realloc(array, (n + 1) * size);

	if (!p) {
		nu_error(errno, "cannot allocate memory");
		exit(EXIT_OWN_FAILURE);
	}
	return p;
}

int nu_add_move(const char *name)
{
	if (!valid_ifname(name))
		return -1;
	moves = grow(moves, nmoves, sizeof(*moves));
	moves[nmoves++] = (struct move){ .name = name };
	return 0;
}

int nu_add_etun(const char *arg)
{
	const char *comma = strchr(arg, ',');
	struct pair p = { 0 };
	size_t hlen, plen;

	if (!comma)
		return -1;
	hlen = (size_t)(comma - arg);
	plen = strlen(comma + 1);
	if (hlen >= IFNAMSIZ || plen >= IFNAMSIZ)
		return -1;
	/* p is zeroed: both names stay NUL-terminated. */
	memcpy(p.host, arg, hlen);
	memcpy(p.peer, comma + 1, plen);
	if (!valid_ifname(p.host) || !valid_ifname(p.peer) ||
	    !strcmp(p.host, p.peer))
		return -1;
	pairs = grow(pairs, npairs, sizeof(*pairs));
	pairs[npairs++] = p;
	return 0;
}

static bool exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

/* /sys/class/net/NAME, or the attribute ATTR in it when ATTR is set. */
static bool dev_exists(const char *name, const char *attr)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "/sys/class/net/%s%s%s", name,
		 attr ? "/" : "", attr ? attr : "");
	return exists(path);
}

/* Move NAME into our namespace through its new_ns_pid attribute. */
static int move_in(const char *name)
{
	char path[PATH_MAX], pid[32];

	snprintf(path, sizeof(path), "/sys/class/net/%s/new_ns_pid", name);
	snprintf(pid, sizeof(pid), "%d", (int)getpid());
	return nu_sysfs_write(path, pid);
}

/* Undo, best effort, reporting what could not be undone. */
static void rollback(void)
{
	struct nu_rtnl *here = NULL;
	size_t i;

	for (i = 0; i < npairs; i++) {
		if (!pairs[i].created)
			continue;
		if (nu_rtnl_delete(home_rtnl, pairs[i].host))
			nu_error(errno,
				 "cleanup: cannot delete etun pair %s,%s",
				 pairs[i].host, pairs[i].peer);
	}
	for (i = 0; i < nmoves; i++) {
		if (!moves[i].moved)
			continue;
		if (!here)
			here = nu_rtnl_open();
		if (!here || nu_rtnl_move(here, moves[i].name, IFLA_NET_NS_FD,
					  home_fd))
			nu_error(errno, "cleanup: cannot move %s back",
				 moves[i].name);
	}
	nu_rtnl_close(here);
}

/* Before unshare(): check the devices, create the pairs. */
int nu_devices_prepare(void)
{
	size_t i;

	if (!nmoves && !npairs)
		return 0;
	for (i = 0; i < nmoves; i++) {
		if (!dev_exists(moves[i].name, NULL)) {
			nu_error(0, "--move %s: no such network device",
				 moves[i].name);
			return -1;
		}
		if (!dev_exists(moves[i].name, "new_ns_pid")) {
			nu_error(0,
				 "--move %s: /sys/class/net/%s/new_ns_pid is missing: the netns_move module is not loaded (modprobe netns_move)",
				 moves[i].name, moves[i].name);
			return -1;
		}
	}
	if (npairs && !exists(ETUN_NEWIF)) {
		nu_error(0,
			 "--etun: %s is missing: the etun module is not loaded (modprobe etun)",
			 ETUN_NEWIF);
		return -1;
	}

	home_fd = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	if (home_fd < 0) {
		nu_error(errno, "/proc/self/ns/net");
		return -1;
	}
	home_rtnl = nu_rtnl_open();
	if (!home_rtnl) {
		nu_error(errno, "rtnetlink socket");
		return -1;
	}

	for (i = 0; i < npairs; i++) {
		char spec[2 * IFNAMSIZ + 1];

		snprintf(spec, sizeof(spec), "%s,%s", pairs[i].host,
			 pairs[i].peer);
		if (nu_sysfs_write(ETUN_NEWIF, spec)) {
			nu_error(errno, "--etun %s: %s", spec, ETUN_NEWIF);
			rollback();
			return -1;
		}
		pairs[i].created = true;
	}
	return 0;
}

/* After unshare(): move the devices and the PEER ends in. */
int nu_devices_populate(void)
{
	size_t i;

	for (i = 0; i < nmoves; i++) {
		if (move_in(moves[i].name)) {
			nu_error(errno,
				 "--move %s: /sys/class/net/%s/new_ns_pid",
				 moves[i].name, moves[i].name);
			goto fail;
		}
		moves[i].moved = true;
	}
	for (i = 0; i < npairs; i++) {
		const char *peer = pairs[i].peer;
		int ret;

		if (dev_exists(peer, "new_ns_pid"))
			ret = move_in(peer);
		else
			ret = nu_rtnl_move(home_rtnl, peer, IFLA_NET_NS_PID,
					   (int)getpid());
		if (ret) {
			nu_error(errno,
				 "--etun %s,%s: cannot move %s into the new namespace",
				 pairs[i].host, peer, peer);
			goto fail;
		}
		pairs[i].peer_moved = true;
	}
	return 0;

fail:
	rollback();
	return -1;
}

/* Any failure between prepare and exec must also leave nothing behind. */
void nu_devices_abort(void)
{
	if (home_rtnl)
		rollback();
}
