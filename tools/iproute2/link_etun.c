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
 * iproute2 has no public header for struct link_util: link_util.h
 * declares its first members, all that is relied on; the rest of veth's
 * object is copied as it is, whatever size ip says it has.  An ip whose
 * veth_link_util is missing or is not veth's parser gets a one-line
 * refusal when it loads the plugin, and "type etun" then fails.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "link_util.h"

/* Room for any later members of ip's struct link_util: zero if unknown. */
union etun_link_util {
	struct link_util lu;
	char bytes[512];
};

union etun_link_util etun_link_util;

/* veth's parse_opt, once the constructor has found it is there. */
static int (*veth_parse_opt)(struct link_util *lu, int argc, char **argv,
			     struct nlmsghdr *n);

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

/*
 * veth's parser, except that anything it would answer with veth's usage
 * ("type veth", on stdout) gets etun's: all it accepts is "peer ...".
 * No options at all is valid (the kernel names the peer); veth's parser
 * would read argv[0] even then.
 */
static int etun_parse_opt(struct link_util *lu, int argc, char **argv,
			  struct nlmsghdr *n)
{
	if (argc <= 0)
		return 0;
	if (strcmp(argv[0], "peer")) {
		etun_usage(stderr);
		return -1;
	}
	return veth_parse_opt(lu, argc, argv, n);
}

/* The constructor has said why already: ip only has to fail. */
static int etun_refuse_opt(struct link_util *lu, int argc, char **argv,
			   struct nlmsghdr *n)
{
	(void)lu;
	(void)argc;
	(void)argv;
	(void)n;
	return -1;
}

/*
 * The "iproute2-X" word of "ip -V", which is what users and bug reports
 * know a version by.  ip keeps it in a static string, so the binary is
 * asked, only on this failure path: without a shell, with nothing of
 * ip's open but the pipe, and waited for.
 */
static void ip_version(char *buf, size_t size)
{
	char *const argv[] = { "ip", "-V", NULL };
	posix_spawn_file_actions_t fa;
	size_t got = 0, len;
	char out[256], *word;
	int fds[2];
	ssize_t n;
	pid_t pid;
	int err;

	snprintf(buf, size, "an unknown iproute2 version");
	if (pipe2(fds, O_CLOEXEC))
		return;
	err = posix_spawn_file_actions_init(&fa);
	if (!err) {
		err = posix_spawn_file_actions_adddup2(&fa, fds[1], 1) ||
		      posix_spawn_file_actions_addopen(&fa, 2, "/dev/null",
						       O_WRONLY, 0) ||
#if __GLIBC_PREREQ(2, 34)
		      posix_spawn_file_actions_addclosefrom_np(&fa, 3) ||
#endif
		      posix_spawn(&pid, "/proc/self/exe", &fa, NULL, argv,
				  environ);
		posix_spawn_file_actions_destroy(&fa);
	}
	close(fds[1]);
	while (!err && got < sizeof(out) - 1) {
		n = read(fds[0], out + got, sizeof(out) - 1 - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += n;
	}
	/* Closed first: a child with more to say dies of SIGPIPE or EPIPE. */
	close(fds[0]);
	if (err)
		return;
	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;

	out[got] = '\0';
	out[strcspn(out, "\n")] = '\0';
	for (word = strstr(out, "iproute2-"); word;
	     word = strstr(word + 1, "iproute2-"))
		if (word == out || word[-1] == ' ' || word[-1] == ',')
			break;
	if (!word)
		return;
	len = strcspn(word, " ,\t");
	if (len > strlen("iproute2-"))
		snprintf(buf, size, "%.*s", (int)len, word);
}

/*
 * Why ip's veth_link_util cannot be used, or NULL if it can.  Looked up
 * rather than linked against, so that an ip which exports none (built
 * without veth, static, renamed) still loads the plugin and hears why it
 * cannot work, instead of a dlopen error about an undefined symbol.
 */
static const char *veth_unusable(const struct link_util *veth)
{
	if (!veth)
		return "no veth_link_util";
	if (!veth->id || strcmp(veth->id, "veth"))
		return "veth_link_util's id is not \"veth\"";
	if (!veth->parse_opt)
		return "veth_link_util has no parse_opt";
	return NULL;
}

/* The size of ip's object, as its symbol table says, or 0. */
static size_t veth_size(const struct link_util *veth)
{
	const ElfW(Sym) *sym = NULL;
	Dl_info info;

	if (!dladdr1(veth, &info, (void **)&sym, RTLD_DL_SYMENT) || !sym)
		return 0;
	return sym->st_size;
}

__attribute__((constructor)) static void etun_link_util_init(void)
{
	const struct link_util *veth = dlsym(RTLD_DEFAULT, "veth_link_util");
	size_t size = sizeof(struct link_util);
	const char *why = veth_unusable(veth);
	char version[64];

	if (why) {
		ip_version(version, sizeof(version));
		fprintf(stderr,
			"link_etun.so: type etun is not available: ip (%s): %s\n",
			version, why);
		etun_link_util.lu.id = "etun";
		etun_link_util.lu.parse_opt = etun_refuse_opt;
		return;
	}

	if (veth_size(veth) > size)
		size = veth_size(veth);
	if (size > sizeof(etun_link_util))
		size = sizeof(etun_link_util);

	veth_parse_opt = veth->parse_opt;
	memcpy(etun_link_util.bytes, veth, size);
	etun_link_util.lu.next = NULL;
	etun_link_util.lu.id = "etun";
	etun_link_util.lu.parse_opt = etun_parse_opt;
	etun_link_util.lu.print_help = etun_print_help;
}
