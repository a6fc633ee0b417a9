// SPDX-License-Identifier: GPL-2.0
/*
 * holdbind - bind a socket, say how it went, and keep it bound while a
 * command runs.
 *
 *   holdbind tcp ADDR PORT [CMD [ARG]...]   bind+listen TCP on IPv4 ADDR
 *   holdbind unix NAME [CMD [ARG]...]       bind an abstract AF_UNIX NAME
 *
 * Prints "OK" or the errno name (EADDRINUSE, ...), then execs CMD with the
 * socket still open, so nested calls can test whether two namespaces may
 * hold the same name at once.  Exits 1 if the bind failed (after CMD's
 * output is not printed: CMD does not run then).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static int bind_tcp(const char *addr, const char *port)
{
	struct sockaddr_in sin = { .sin_family = AF_INET };
	int fd;

	sin.sin_port = htons((unsigned short)atoi(port));
	if (inet_pton(AF_INET, addr, &sin.sin_addr) != 1) {
		errno = EINVAL;
		return -1;
	}
	fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0)
		return -1;
	if (bind(fd, (struct sockaddr *)&sin, sizeof(sin)) < 0 ||
	    listen(fd, 1) < 0)
		return -1;
	return fd;
}

static int bind_unix(const char *name)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	size_t len = strlen(name);
	int fd;

	if (len + 1 > sizeof(sun.sun_path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(sun.sun_path + 1, name, len);	/* sun_path[0] = 0: abstract */
	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	if (fd < 0)
		return -1;
	if (bind(fd, (struct sockaddr *)&sun,
		 (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + len)) < 0)
		return -1;
	return fd;
}

int main(int argc, char **argv)
{
	int fd, next;

	if (argc >= 4 && !strcmp(argv[1], "tcp")) {
		fd = bind_tcp(argv[2], argv[3]);
		next = 4;
	} else if (argc >= 3 && !strcmp(argv[1], "unix")) {
		fd = bind_unix(argv[2]);
		next = 3;
	} else {
		fprintf(stderr, "usage: holdbind tcp ADDR PORT [CMD...] | unix NAME [CMD...]\n");
		return 2;
	}
	if (fd < 0) {
		printf("%s\n", errno == EADDRINUSE ? "EADDRINUSE" : strerror(errno));
		return 1;
	}
	printf("OK\n");
	fflush(stdout);
	if (next >= argc)
		return 0;
	execvp(argv[next], argv + next);
	perror(argv[next]);
	return 127;
}
