// SPDX-License-Identifier: GPL-2.0
/*
 * Making and configuring the new network namespace.  Each function
 * reports its own failure (one line, "prog: what: why") and returns -1.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <sched.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "netunshare.h"

int nu_unshare_net(void)
{
	if (unshare(CLONE_NEWNET) == 0)
		return 0;
	if (errno == EPERM)
		nu_error(0,
			 "unshare(CLONE_NEWNET): %s (CAP_NET_ADMIN is required)",
			 strerror(EPERM));
	else
		nu_error(errno, "unshare(CLONE_NEWNET)");
	return -1;
}

/* A new namespace's lo exists but is down (seed: "it is down"). */
int nu_loopback_up(void)
{
	struct ifreq ifr = { .ifr_name = "lo" };
	int fd, ret = -1;

	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		nu_error(errno, "socket(AF_INET)");
		return -1;
	}
	if (ioctl(fd, SIOCGIFFLAGS, &ifr) < 0) {
		nu_error(errno, "lo: SIOCGIFFLAGS");
		goto out;
	}
	ifr.ifr_flags |= IFF_UP;
	if (ioctl(fd, SIOCSIFFLAGS, &ifr) < 0) {
		nu_error(errno, "lo: set up");
		goto out;
	}
	ret = 0;
out:
	close(fd);
	return ret;
}

/*
 * Bind-mount our namespace onto FILE, as "ip netns add" does under
 * /run/netns: the namespace then lives until FILE is unmounted.  A file
 * we had to create is removed again if the mount fails.
 */
int nu_persist(const char *file)
{
	bool created = false;
	int fd;

	fd = open(file, O_RDONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0444);
	if (fd >= 0) {
		created = true;
		close(fd);
	} else if (errno != EEXIST) {
		nu_error(errno, "%s: cannot create", file);
		return -1;
	}
	if (mount("/proc/self/ns/net", file, NULL, MS_BIND, NULL) == 0)
		return 0;
	nu_error(errno, "%s: cannot bind-mount the namespace", file);
	if (created)
		unlink(file);
	return -1;
}
