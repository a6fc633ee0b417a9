// SPDX-License-Identifier: GPL-2.0
/*
 * --move DEV and --etun HOST,PEER: populate the new namespace.
 *
 * Before unshare(): check every --move device, then create every etun
 * pair (newif acts in the writer's namespace).  After it: move the
 * devices and the PEER ends in, through new_ns_pid (the seed's way), or
 * through rtnetlink when the new_ns_pid module is not loaded or /sys does
 * not show the caller's namespace (it was entered without remounting
 * /sys: a name there may be another namespace's device).
 *
 * Each step is undone through txn.c, by the ifindex it recorded, never by
 * a name someone else may have taken since: a pair is deleted (both ends,
 * wherever PEER is), a device is moved back home.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
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
	int home_ifindex;	/* in the caller's namespace */
	int ifindex;		/* in the new namespace, once there */
};

struct pair {
	char host[IFNAMSIZ];
	char peer[IFNAMSIZ];
	int host_ifindex;	/* in the caller's namespace */
	int peer_ifindex;
};

static struct move *moves;
static size_t nmoves;
static struct pair *pairs;
static size_t npairs;
static struct nu_rtnl *home_rtnl;	/* opened in the caller's namespace */
static struct nu_rtnl *new_rtnl;	/* opened in the new one */
static int home_fd = -1;		/* the caller's namespace */
static int new_fd = -1;			/* the new one */
static bool sysfs_is_home;		/* /sys shows the caller's namespace */

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

/* /sys/class/net/NAME/ATTR */
static bool dev_attr_exists(const char *name, const char *attr)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "/sys/class/net/%s/%s", name, attr);
	return exists(path);
}

static int sysfs_ifindex(const char *name)
{
	char path[PATH_MAX];
	int ifindex = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/sys/class/net/%s/ifindex", name);
	f = fopen(path, "re");
	if (!f)
		return 0;
	if (fscanf(f, "%d", &ifindex) != 1)
		ifindex = 0;
	fclose(f);
	return ifindex;
}

/*
 * Does /sys/class/net list exactly this namespace's devices (names and
 * ifindexes, as rtnetlink gives them)?  After "unshare -n" or
 * "nsenter --net" without a new /sys, it lists another namespace's.
 */
static bool sysfs_shows_this_netns(void)
{
	struct if_nameindex *ifs = if_nameindex(), *i;
	size_t n = 0, listed = 0;
	bool same = ifs;
	struct dirent *e;
	DIR *d;

	for (i = ifs; same && i->if_index; i++, n++)
		same = sysfs_ifindex(i->if_name) == (int)i->if_index;
	if (ifs)
		if_freenameindex(ifs);
	d = opendir("/sys/class/net");
	if (!d)
		return false;
	while ((e = readdir(d)))
		listed += e->d_name[0] != '.';
	closedir(d);
	return same && listed == n;
}

static void undo_pair(void *arg)
{
	struct pair *p = arg;

	if (nu_rtnl_delete(home_rtnl, p->host_ifindex) == 0)
		nu_say("undo: deleted the etun pair %s,%s", p->host, p->peer);
	else
		nu_error(errno, "undo: cannot delete the etun pair %s,%s",
			 p->host, p->peer);
}

static void undo_move(void *arg)
{
	struct move *m = arg;

	if (nu_rtnl_move(new_rtnl, m->ifindex, home_fd) == 0)
		nu_say("undo: moved %s back", m->name);
	else
		nu_error(errno, "undo: cannot move %s back", m->name);
}

/* The namespace we are in, as a descriptor and an rtnetlink socket. */
static int open_netns(int *fd, struct nu_rtnl **rtnl)
{
	*fd = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	if (*fd < 0) {
		nu_error(errno, "/proc/self/ns/net");
		return -1;
	}
	*rtnl = nu_rtnl_open();
	if (!*rtnl) {
		nu_error(errno, "rtnetlink socket");
		return -1;
	}
	return 0;
}

/* Before any step: every --move device exists, etun is there. */
int nu_devices_prepare(void)
{
	size_t i;

	if (!nmoves && !npairs)
		return 0;
	for (i = 0; i < nmoves; i++) {
		moves[i].home_ifindex = (int)if_nametoindex(moves[i].name);
		if (!moves[i].home_ifindex) {
			nu_error(0, "--move %s: no such network device",
				 moves[i].name);
			return -1;
		}
	}
	if (npairs && !exists(ETUN_NEWIF)) {
		nu_error(0,
			 "--etun: %s is missing: the etun module is not loaded (modprobe etun)",
			 ETUN_NEWIF);
		return -1;
	}
	sysfs_is_home = sysfs_shows_this_netns();
	return open_netns(&home_fd, &home_rtnl);
}

/* Before unshare(): the etun pairs, in the caller's namespace. */
int nu_devices_create(void)
{
	size_t i;

	for (i = 0; i < npairs; i++) {
		struct pair *p = &pairs[i];
		char spec[2 * IFNAMSIZ + 1];

		snprintf(spec, sizeof(spec), "%s,%s", p->host, p->peer);
		if (nu_sysfs_write(ETUN_NEWIF, spec)) {
			nu_error(errno, "--etun %s: %s", spec, ETUN_NEWIF);
			return -1;
		}
		p->host_ifindex = (int)if_nametoindex(p->host);
		p->peer_ifindex = (int)if_nametoindex(p->peer);
		if (!p->host_ifindex || !p->peer_ifindex) {
			/* Deleted (or renamed) by someone else already. */
			nu_error(0, "--etun %s: the pair vanished", spec);
			if (p->host_ifindex)
				undo_pair(p);
			return -1;
		}
		nu_txn_push(undo_pair, p);
		nu_say("created the etun pair %s", spec);
	}
	return 0;
}

/*
 * Move NAME (HOME_IFINDEX in the caller's namespace) into ours.  WHAT
 * names it in messages.
 */
static int move_one(const char *what, const char *name, int home_ifindex)
{
	char path[PATH_MAX], pid[32];
	const char *how;

	if (!sysfs_is_home) {
		how = "rtnetlink: /sys shows another network namespace";
	} else if (!dev_attr_exists(name, "new_ns_pid")) {
		how = "rtnetlink: new_ns_pid is not loaded";
	} else {
		snprintf(path, sizeof(path), "/sys/class/net/%s/new_ns_pid",
			 name);
		snprintf(pid, sizeof(pid), "%d", (int)getpid());
		if (nu_sysfs_write(path, pid)) {
			nu_error(errno, "%s: %s", what, path);
			return -1;
		}
		nu_say("moved %s into the new namespace (new_ns_pid)", name);
		return 0;
	}
	if (nu_rtnl_move(home_rtnl, home_ifindex, new_fd)) {
		nu_error(errno, "%s: cannot move %s into the new namespace",
			 what, name);
		return -1;
	}
	nu_say("moved %s into the new namespace (%s)", name, how);
	return 0;
}

/* After unshare(): the devices and the PEER ends, into the new namespace. */
int nu_devices_move_in(void)
{
	char what[3 * IFNAMSIZ + 16];
	size_t i;

	if (!nmoves && !npairs)
		return 0;
	if (open_netns(&new_fd, &new_rtnl))
		return -1;
	for (i = 0; i < nmoves; i++) {
		struct move *m = &moves[i];

		snprintf(what, sizeof(what), "--move %s", m->name);
		if (move_one(what, m->name, m->home_ifindex))
			return -1;
		/* The kernel keeps the ifindex unless ours has it taken. */
		m->ifindex = (int)if_nametoindex(m->name);
		if (!m->ifindex)
			m->ifindex = m->home_ifindex;
		nu_txn_push(undo_move, m);
	}
	/* Nothing to undo: deleting the pair deletes PEER wherever it is. */
	for (i = 0; i < npairs; i++) {
		struct pair *p = &pairs[i];

		snprintf(what, sizeof(what), "--etun %s,%s", p->host, p->peer);
		if (move_one(what, p->peer, p->peer_ifindex))
			return -1;
	}
	return 0;
}
