// SPDX-License-Identifier: GPL-2.0
/*
 * The new network namespace: made, and its lo brought up on request.
 * Neither needs undoing: the namespace dies with the process unless a
 * later step (persist.c) keeps it, and that step undoes itself.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <net/if.h>
#include <sched.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "netunshare.h"

int nu_unshare_net(void)
{
	char ns[64] = "";
	ssize_t n;

	if (unshare(CLONE_NEWNET)) {
		if (errno == EPERM)
			nu_error(0,
				 "unshare(CLONE_NEWNET): %s (CAP_SYS_ADMIN is required)",
				 strerror(EPERM));
		else
			nu_error(errno, "unshare(CLONE_NEWNET)");
		return -1;
	}
	if (nu_verbose) {
		n = readlink("/proc/self/ns/net", ns, sizeof(ns) - 1);
		nu_say("new network namespace %s", n > 0 ? ns : "");
	}
	return 0;
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
	nu_say("lo is up");
	ret = 0;
out:
	close(fd);
	return ret;
}
