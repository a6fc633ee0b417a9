// SPDX-License-Identifier: GPL-2.0
/*
 * netunshare - run a command in a new network namespace.
 *
 *   netunshare [options] [--] [COMMAND [ARG]...]
 *
 * The process becomes COMMAND (no fork): its exit status, signals and
 * stdio are COMMAND's.  Without COMMAND it runs $SHELL, or /bin/sh.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "netunshare.h"

#ifndef NETUNSHARE_VERSION
#define NETUNSHARE_VERSION "unknown"
#endif

const char *prog = "netunshare";
bool nu_verbose;

struct options {
	bool loopback;
	bool keep_mounts;
	const char *persist;	/* --persist FILE, or --name NAME */
	bool by_name;
};

void nu_error(int err, const char *what_fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, what_fmt);
	vfprintf(stderr, what_fmt, ap);
	va_end(ap);
	if (err)
		fprintf(stderr, ": %s", strerror(err));
	fputc('\n', stderr);
}

void nu_say(const char *fmt, ...)
{
	va_list ap;

	if (!nu_verbose)
		return;
	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: %s [options] [--] [COMMAND [ARG]...]\n"
		"Run COMMAND in a new network namespace (default: $SHELL, or /bin/sh).\n"
		"\n"
		"A new network namespace holds only the loopback device, down.\n"
		"COMMAND also gets a mount namespace of its own, where /sys shows\n"
		"the new network namespace's devices.\n"
		"\n"
		"Options:\n"
		"  -m, --move DEV      move network device DEV into the new namespace\n"
		"                      (through /sys/class/net/DEV/new_ns_pid when\n"
		"                      new_ns_pid is loaded and /sys shows the\n"
		"                      caller's namespace, else rtnetlink); repeatable\n"
		"  -e, --etun HOST,PEER\n"
		"                      create an etun pair (module etun) and move PEER\n"
		"                      into the new namespace; HOST stays; repeatable\n"
		"  -l, --loopback      bring lo up in the new namespace\n"
		"  -n, --name NAME     keep the new namespace as ip netns NAME\n"
		"                      (/run/netns/NAME, which must not exist)\n"
		"  -p, --persist FILE  bind-mount the new namespace onto FILE, so it\n"
		"                      outlives COMMAND\n"
		"  -k, --keep-mounts   run COMMAND in the caller's mount namespace,\n"
		"                      with the caller's /sys\n"
		"  -v, --verbose       say each step taken (and undone) on stderr\n"
		"  -h, --help          display this help and exit\n"
		"  -V, --version       output version information and exit\n"
		"\n"
		"COMMAND is looked up before any step.  If a step fails, or COMMAND\n"
		"cannot be executed, the steps done are undone, once each, in reverse\n"
		"order: pairs deleted, devices moved back (by ifindex), FILE unmounted\n"
		"(and removed if %s created it).\n"
		"\n"
		"Exit status:\n"
		"  125  netunshare itself failed\n"
		"  126  COMMAND was found but could not be run\n"
		"  127  COMMAND was not found\n"
		"  otherwise the exit status of COMMAND\n",
		prog, prog);
}

static void __noreturn try_help(void)
{
	fprintf(stderr, "Try '%s --help' for more information.\n", prog);
	exit(EXIT_OWN_FAILURE);
}

static void __noreturn __printf(1, 2) usage_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	try_help();
}

static void set_persist(struct options *o, const char *opt, const char *arg,
			bool by_name)
{
	if (o->persist)
		usage_error("%s: only one --persist or --name", opt);
	/* "-p -- cmd": the "--" was meant to end the options. */
	if (arg[0] == '-')
		usage_error("%s: '%s' looks like an option (a file: ./%s)", opt,
			    arg, arg);
	if (by_name ? !nu_valid_netns_name(arg) : !*arg)
		usage_error("%s: '%s' is not a valid %s", opt, arg,
			    by_name ? "netns name" : "file name");
	o->persist = arg;
	o->by_name = by_name;
}

static void parse(int argc, char **argv, struct options *o)
{
	static const struct option long_opts[] = {
		{ "move",        required_argument, NULL, 'm' },
		{ "etun",        required_argument, NULL, 'e' },
		{ "loopback",    no_argument,       NULL, 'l' },
		{ "name",        required_argument, NULL, 'n' },
		{ "persist",     required_argument, NULL, 'p' },
		{ "keep-mounts", no_argument,       NULL, 'k' },
		{ "verbose",     no_argument,       NULL, 'v' },
		{ "help",        no_argument,       NULL, 'h' },
		{ "version",     no_argument,       NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	char *argv0 = argv[0];
	int c;

	/*
	 * getopt's own messages are util-linux's ("option '--loopback'
	 * doesn't allow an argument"); they name argv[0], which is ours.
	 * '+': stop at the first non-option, COMMAND's options are its own.
	 */
	argv[0] = (char *)prog;
	while ((c = getopt_long(argc, argv, "+m:e:ln:p:kvhV", long_opts,
				NULL)) != -1) {
		switch (c) {
		case 'm':
			if (nu_add_move(optarg))
				usage_error("--move: '%s' is not a device name",
					    optarg);
			break;
		case 'e':
			if (nu_add_etun(optarg))
				usage_error("--etun: '%s' is not HOST,PEER",
					    optarg);
			break;
		case 'l':
			o->loopback = true;
			break;
		case 'n':
			set_persist(o, "--name", optarg, true);
			break;
		case 'p':
			set_persist(o, "--persist", optarg, false);
			break;
		case 'k':
			o->keep_mounts = true;
			break;
		case 'v':
			nu_verbose = true;
			break;
		case 'h':
			usage(stdout);
			exit(fflush(stdout) ? EXIT_OWN_FAILURE : 0);
		case 'V':
			printf("%s %s\n", prog, NETUNSHARE_VERSION);
			exit(fflush(stdout) ? EXIT_OWN_FAILURE : 0);
		default:
			try_help();
		}
	}
	argv[0] = argv0;
}

/*
 * The steps, in order; each one that changes something registers its undo
 * (txn.c).  Checks that need no undo come first; the pairs are created in
 * the caller's namespace, the file is mounted and the devices moved in the
 * new one; the mount namespace comes last, as the others need the
 * caller's mounts.
 */
static int set_up(const struct options *o)
{
	if (nu_devices_prepare())
		return -1;
	if (o->persist && nu_persist_prepare(o->persist, o->by_name))
		return -1;
	if (nu_devices_create() || nu_unshare_net())
		return -1;
	if (o->persist && nu_persist_mount())
		return -1;
	if (nu_devices_move_in() || (o->loopback && nu_loopback_up()))
		return -1;
	if (!o->keep_mounts && nu_sysview())
		return -1;
	return 0;
}

int main(int argc, char **argv)
{
	char *shell_argv[2] = { NULL, NULL };
	struct options o = { 0 };

	parse(argc, argv, &o);
	argv += optind;
	if (!*argv) {
		shell_argv[0] = getenv("SHELL");
		if (!shell_argv[0] || !*shell_argv[0])
			shell_argv[0] = "/bin/sh";
		argv = shell_argv;
	}
	nu_resolve(argv);
	if (set_up(&o)) {
		nu_txn_abort();
		return EXIT_OWN_FAILURE;
	}
	nu_exec(argv);
}
