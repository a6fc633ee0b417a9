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

struct options {
	bool loopback;
	const char *persist;
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

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: %s [options] [--] [COMMAND [ARG]...]\n"
		"Run COMMAND in a new network namespace (default: $SHELL, or /bin/sh).\n"
		"\n"
		"A new network namespace holds only the loopback device, down.\n"
		"\n"
		"Options:\n"
		"  -m, --move DEV      move network device DEV into the new namespace\n"
		"                      (through /sys/class/net/DEV/new_ns_pid); repeatable\n"
		"  -e, --etun HOST,PEER\n"
		"                      create an etun pair (module etun) and move PEER\n"
		"                      into the new namespace; HOST stays; repeatable\n"
		"  -l, --loopback      bring lo up in the new namespace\n"
		"  -p, --persist FILE  bind-mount the new namespace onto FILE (as\n"
		"                      'ip netns add' does), so it outlives COMMAND\n"
		"  -h, --help          display this help and exit\n"
		"  -V, --version       output version information and exit\n"
		"\n"
		"If a --move or --etun step fails, the steps done are undone and COMMAND\n"
		"does not run.\n"
		"\n"
		"Exit status:\n"
		"  125  netunshare itself failed\n"
		"  126  COMMAND was found but could not be run\n"
		"  127  COMMAND was not found\n"
		"  otherwise the exit status of COMMAND\n",
		prog);
}

static void __noreturn __printf(1, 2) usage_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry '%s --help' for more information.\n", prog);
	exit(EXIT_OWN_FAILURE);
}

static void parse(int argc, char **argv, struct options *o)
{
	static const struct option long_opts[] = {
		{ "move",     required_argument, NULL, 'm' },
		{ "etun",     required_argument, NULL, 'e' },
		{ "loopback", no_argument,       NULL, 'l' },
		{ "persist",  required_argument, NULL, 'p' },
		{ "help",     no_argument,       NULL, 'h' },
		{ "version",  no_argument,       NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	/* '+': stop at the first non-option, COMMAND's options are its own. */
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:m:e:lp:hV", long_opts,
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
		case 'p':
			if (!*optarg)
				usage_error("--persist: empty file name");
			o->persist = optarg;
			break;
		case 'h':
			usage(stdout);
			exit(fflush(stdout) ? EXIT_OWN_FAILURE : 0);
		case 'V':
			printf("%s %s\n", prog, NETUNSHARE_VERSION);
			exit(fflush(stdout) ? EXIT_OWN_FAILURE : 0);
		case ':':
			usage_error("option '%s' requires an argument",
				    argv[optind - 1]);
		default:
			if (optopt)
				usage_error("invalid option -- '%c'", optopt);
			usage_error("unrecognized option '%s'",
				    argv[optind - 1]);
		}
	}
}

static void __noreturn run(char **argv)
{
	char *shell_argv[2] = { NULL, NULL };
	int err;

	if (!*argv) {
		shell_argv[0] = getenv("SHELL");
		if (!shell_argv[0] || !*shell_argv[0])
			shell_argv[0] = "/bin/sh";
		argv = shell_argv;
	}
	execvp(argv[0], argv);
	err = errno;
	nu_error(err, "failed to execute %s", argv[0]);
	exit(err == ENOENT ? EXIT_NOT_FOUND : EXIT_CANNOT_RUN);
}

int main(int argc, char **argv)
{
	struct options o = { 0 };

	parse(argc, argv, &o);
	if (nu_devices_prepare())
		return EXIT_OWN_FAILURE;
	if (nu_unshare_net() ||
	    (o.persist && nu_persist(o.persist)) ||
	    nu_devices_populate() ||
	    (o.loopback && nu_loopback_up())) {
		nu_devices_abort();
		return EXIT_OWN_FAILURE;
	}
	run(argv + optind);
}
