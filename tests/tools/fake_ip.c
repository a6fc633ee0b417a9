// SPDX-License-Identifier: GPL-2.0
/*
 * fake_ip - an ip(8) whose veth_link_util the test chooses, to see what
 * tools/iproute2/link_etun.so makes of one that is not iproute2's veth
 * parser (tests/host/iproute2-plugin.t):
 *
 *   fake_ip -V
 *	prints $FAKE_IP_V, or "ip utility, iproute2-9.9.9-fake" (what the
 *	plugin runs to name the version)
 *   FAKE_VETH=MODE fake_ip PLUGIN [ARG]...
 *	sets its veth_link_util up as MODE says, dlopen()s PLUGIN, calls
 *	etun_link_util's parse_opt with ARG... and prints
 *	"parse_opt: STATUS".  MODE: "veth" (the default: id "veth", a
 *	parse_opt that prints "veth-parse: ARG..." and returns 0),
 *	"notveth" (id "notveth") or "noparse" (no parse_opt).
 *
 * fake_ip is linked with -rdynamic, so the plugin finds its
 * veth_link_util as it finds ip's; fake_ip_nosym, the same program
 * without, is an ip that exports none.  A child or a descriptor the
 * plugin leaves behind is reported on stderr.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

/* The plugin's own declaration (tools/iproute2/link_util.h). */
#include "link_util.h"

static int fake_parse_opt(struct link_util *lu, int argc, char **argv,
			  struct nlmsghdr *n)
{
	(void)lu;
	(void)n;
	printf("veth-parse:");
	while (argc-- > 0)
		printf(" %s", *argv++);
	printf("\n");
	return 0;
}

struct link_util veth_link_util = {
	.id = "veth",
	.parse_opt = fake_parse_opt,
};

/* How many descriptors are open, or -1. */
static int open_fds(void)
{
	DIR *dir = opendir("/proc/self/fd");
	int n = 0;

	if (!dir)
		return -1;
	while (readdir(dir))
		n++;
	closedir(dir);
	return n;
}

int main(int argc, char **argv)
{
	const char *mode = getenv("FAKE_VETH");
	const char *version = getenv("FAKE_IP_V");
	struct link_util *lu;
	void *plugin;
	int fds, ret;

	if (argc == 2 && !strcmp(argv[1], "-V")) {
		printf("%s\n", version ? version :
		       "ip utility, iproute2-9.9.9-fake");
		return 0;
	}
	if (argc < 2) {
		fprintf(stderr, "usage: fake_ip PLUGIN [ARG]...\n");
		return 2;
	}
	if (!mode)
		mode = "veth";
	if (!strcmp(mode, "notveth")) {
		veth_link_util.id = "notveth";
	} else if (!strcmp(mode, "noparse")) {
		veth_link_util.parse_opt = NULL;
	} else if (strcmp(mode, "veth")) {
		fprintf(stderr, "fake_ip: FAKE_VETH=%s: unknown mode\n", mode);
		return 2;
	}

	fds = open_fds();
	plugin = dlopen(argv[1], RTLD_NOW);
	if (!plugin) {
		fprintf(stderr, "fake_ip: %s: %s\n", argv[1], dlerror());
		return 2;
	}
	if (open_fds() != fds)
		fprintf(stderr, "fake_ip: %s left %d descriptors open\n",
			argv[1], open_fds() - fds);
	if (waitpid(-1, NULL, WNOHANG) != -1 || errno != ECHILD)
		fprintf(stderr, "fake_ip: %s left a child behind\n", argv[1]);

	lu = dlsym(plugin, "etun_link_util");
	if (!lu) {
		fprintf(stderr, "fake_ip: %s: %s\n", argv[1], dlerror());
		return 2;
	}
	ret = lu->parse_opt(lu, argc - 2, argv + 2, NULL);
	printf("parse_opt: %d\n", ret);
	return 0;
}
