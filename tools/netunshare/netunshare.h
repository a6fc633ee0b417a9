/* SPDX-License-Identifier: GPL-2.0 */
/*
 * netunshare - run a command in a new network namespace.
 *
 * The pieces are split by job: netunshare.c parses options and runs the
 * steps, txn.c undoes the steps done when a later one fails, exec.c finds
 * and executes COMMAND, netns.c makes the namespace, persist.c mounts it
 * on a file (--persist, --name), devices.c populates it (--move, --etun),
 * sysview.c gives COMMAND the namespace's own /sys, sysfs.c writes the
 * control files of the netns-sysfs modules (through libsysfs), rtnl.c
 * speaks rtnetlink (through libmnl).
 *
 * Every function that can fail reports its own failure (one line, "prog:
 * what: why") and returns -1.
 */
#ifndef NETUNSHARE_H
#define NETUNSHARE_H

#include <stdbool.h>
#include <stddef.h>

/* Exit codes, as unshare(1) and env(1) use them. */
#define EXIT_OWN_FAILURE	125	/* netunshare itself failed */
#define EXIT_CANNOT_RUN		126	/* COMMAND found but not executable */
#define EXIT_NOT_FOUND		127	/* COMMAND not found */

#define NETNS_RUN_DIR		"/run/netns"	/* ip netns' directory */

extern const char *prog;
extern bool nu_verbose;

/*
 * "prog: what: why" (why from err when err != 0) on stderr.  __printf()
 * and __noreturn, the kernel's names, are defined by the Makefile.
 */
void nu_error(int err, const char *what_fmt, ...) __printf(2, 3);
/* With --verbose, one line on stderr for each step taken. */
void nu_say(const char *fmt, ...) __printf(1, 2);

/* txn.c: each step done registers its undo, run in reverse order, once. */
void nu_txn_push(void (*undo)(void *arg), void *arg);
void nu_txn_abort(void);

/* exec.c */
void nu_resolve(char **argv);
void __noreturn nu_exec(char **argv);

/* netns.c */
int nu_unshare_net(void);
int nu_loopback_up(void);

/* persist.c: prepare before unshare(), mount after it. */
bool nu_valid_netns_name(const char *name);
int nu_persist_prepare(const char *path, bool by_name);
int nu_persist_mount(void);

/* devices.c: --move and --etun; create before unshare(), move after. */
int nu_add_move(const char *name);
int nu_add_etun(const char *arg);
int nu_devices_prepare(void);
int nu_devices_create(void);
int nu_devices_move_in(void);

/* sysview.c */
int nu_sysview(void);

/* rtnl.c: a socket acts in the namespace it was opened in. */
struct nu_rtnl;
struct nu_rtnl *nu_rtnl_open(void);
int nu_rtnl_move(struct nu_rtnl *r, int ifindex, int netns_fd);
int nu_rtnl_delete(struct nu_rtnl *r, int ifindex);

/* sysfs.c: 0, or -1 with errno set as the kernel's store set it. */
int nu_sysfs_write(const char *path, const char *value);

#endif /* NETUNSHARE_H */
