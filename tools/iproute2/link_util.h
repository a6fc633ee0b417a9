/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The first members of iproute2's struct link_util (ip/ip_common.h),
 * unchanged since iproute2 4.x.  iproute2 installs no header for it: this
 * is the one copy, for link_etun.c and for tests/tools/fake_ip.c, the
 * stand-in ip that tests the plugin.  Only these members are read or set;
 * ip's object may have more after them.
 */
#ifndef LINK_UTIL_H
#define LINK_UTIL_H

#include <stdio.h>

struct rtattr;
struct nlmsghdr;

struct link_util {
	struct link_util *next;
	const char *id;
	int maxattr;
	int (*parse_opt)(struct link_util *lu, int argc, char **argv,
			 struct nlmsghdr *n);
	void (*print_opt)(struct link_util *lu, FILE *f, struct rtattr *tb[]);
	void (*print_xstats)(struct link_util *lu, FILE *f,
			     struct rtattr *xstats);
	void (*print_help)(struct link_util *lu, int argc, char **argv,
			   FILE *f);
};

#endif /* LINK_UTIL_H */
