// SPDX-License-Identifier: GPL-2.0
/*
 * link_etun.so - the iproute2 link type "etun":
 *
 *   ip link add etun0 type etun [peer [name] etun1 [OPTIONS] [netns NS]]
 *
 * ip(8) looks a link kind it does not know up as the symbol
 * <kind>_link_util in $IP_LIB_DIR/link_<kind>.so (Debian:
 * /usr/lib/<multiarch>/ip).  etun's newlink takes veth's attribute layout
 * (IFLA_INFO_DATA { VETH_INFO_PEER { ifinfomsg, IFLA_* } }), so the
 * parser is veth's own, which the ip binary exports: this plugin is a
 * copy of veth_link_util under another name and help text.
 *
 * iproute2 has no public header for struct link_util.  Only its first
 * members are relied on (next, id, maxattr, parse_opt, print_opt,
 * print_xstats, print_help: unchanged since iproute2 4.x); the rest of
 * veth's object is copied as it is, whatever size ip says it has.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <link.h>
#include <stdio.h>
#include <string.h>

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

/* Room for any later members of ip's struct link_util: zero if unknown. */
union etun_link_util {
	struct link_util lu;
	char bytes[512];
};

extern struct link_util veth_link_util;
union etun_link_util etun_link_util;

static void etun_usage(FILE *f)
{
	fprintf(f,
		"Usage: ip link <options> type etun [peer <options>]\n"
		"To get <options> type 'ip link add help'\n");
}

static void etun_print_help(struct link_util *lu, int argc, char **argv,
			    FILE *f)
{
	(void)lu;
	(void)argc;
	(void)argv;
	etun_usage(f);
}

/* veth's parser, except that its help would say "type veth". */
static int etun_parse_opt(struct link_util *lu, int argc, char **argv,
			  struct nlmsghdr *n)
{
	if (argc > 0 && !strcmp(argv[0], "help")) {
		etun_usage(stderr);
		return -1;
	}
	return veth_link_util.parse_opt(lu, argc, argv, n);
}

__attribute__((constructor)) static void etun_link_util_init(void)
{
	size_t size = sizeof(struct link_util);
	const ElfW(Sym) *sym = NULL;
	Dl_info info;

	if (dladdr1(&veth_link_util, &info, (void **)&sym, RTLD_DL_SYMENT) &&
	    sym && sym->st_size > size)
		size = sym->st_size;
	if (size > sizeof(etun_link_util))
		size = sizeof(etun_link_util);

	memcpy(etun_link_util.bytes, &veth_link_util, size);
	etun_link_util.lu.next = NULL;
	etun_link_util.lu.id = "etun";
	etun_link_util.lu.parse_opt = etun_parse_opt;
	etun_link_util.lu.print_help = etun_print_help;
}
