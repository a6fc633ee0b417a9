/* SPDX-License-Identifier: GPL-2.0 */
/*
 * netunshare - run a command in a new network namespace.
 *
 * The pieces are split by job: netunshare.c parses options and execs,
 * netns.c makes and configures the namespace, devices.c populates it
 * (--move, --etun), sysfs.c writes the control files of the netns-sysfs
 * modules (through libsysfs), rtnl.c speaks rtnetlink (through libmnl).
 */
#ifndef NETUNSHARE_H
#define NETUNSHARE_H

#include <stdbool.h>
#include <stddef.h>

/* Exit codes, as unshare(1) and env(1) use them. */
#define EXIT_OWN_FAILURE	125	/* netunshare itself failed */
#define EXIT_CANNOT_RUN		126	/* COMMAND found but not executable */
#define EXIT_NOT_FOUND		127	/* COMMAND not found */

extern const char *prog;

/*
 * Print "prog: what: why" (why from errno when err != 0) to stderr.
 * __printf() and __noreturn, the kernel's names, come from the Makefile.
 */
void nu_error(int err, const char *what_fmt, ...) __printf(2, 3);

/* netns.c */
int nu_unshare_net(void);
int nu_loopback_up(void);
int nu_persist(const char *file);

/* devices.c: --move and --etun, all or nothing. */
int nu_add_move(const char *name);
int nu_add_etun(const char *arg);
int nu_devices_prepare(void);
int nu_devices_populate(void);
void nu_devices_abort(void);

/* rtnl.c: a socket acts in the namespace it was opened in. */
struct nu_rtnl;
struct nu_rtnl *nu_rtnl_open(void);
void nu_rtnl_close(struct nu_rtnl *r);
int nu_rtnl_move(struct nu_rtnl *r, const char *ifname, int attr, int value);
int nu_rtnl_delete(struct nu_rtnl *r, const char *ifname);

/* sysfs.c: 0, or -1 with errno set as the kernel's store set it. */
int nu_sysfs_write(const char *path, const char *value);

#endif /* NETUNSHARE_H */
