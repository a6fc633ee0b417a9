// SPDX-License-Identifier: GPL-2.0
/*
 * wr - write bytes to a file in a single write(2) and name the outcome.
 *
 *   wr FILE DATA
 *
 * DATA understands C escapes (\n, \t, \\, \xHH, so \x00 writes a NUL).
 * Prints "OK" when write(2) returned the full length, otherwise the errno
 * name (EINVAL, EEXIST, ...) or "SHORT n" for a short write; exits 0 only
 * for OK.  Tests use it because a shell's echo hides the errno.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *errno_name(int e)
{
	switch (e) {
	case EPERM: return "EPERM";
	case ENOENT: return "ENOENT";
	case ESRCH: return "ESRCH";
	case EINTR: return "EINTR";
	case EIO: return "EIO";
	case ENXIO: return "ENXIO";
	case E2BIG: return "E2BIG";
	case EBADF: return "EBADF";
	case EAGAIN: return "EAGAIN";
	case ENOMEM: return "ENOMEM";
	case EACCES: return "EACCES";
	case EFAULT: return "EFAULT";
	case EBUSY: return "EBUSY";
	case EEXIST: return "EEXIST";
	case ENODEV: return "ENODEV";
	case ENOTDIR: return "ENOTDIR";
	case EISDIR: return "EISDIR";
	case EINVAL: return "EINVAL";
	case ENOSPC: return "ENOSPC";
	case EROFS: return "EROFS";
	case ERANGE: return "ERANGE";
	case ENAMETOOLONG: return "ENAMETOOLONG";
	case EOPNOTSUPP: return "EOPNOTSUPP";
	case ENOTCONN: return "ENOTCONN";
	case EADDRINUSE: return "EADDRINUSE";
	case ENOBUFS: return "ENOBUFS";
	case EOVERFLOW: return "EOVERFLOW";
	case EDEADLK: return "EDEADLK";
	default: return NULL;
	}
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static size_t unescape(const char *in, char *out)
{
	size_t n = 0;

	while (*in) {
		if (*in != '\\' || !in[1]) {
			out[n++] = *in++;
			continue;
		}
		in++;
		switch (*in) {
		case 'n': out[n++] = '\n'; in++; break;
		case 't': out[n++] = '\t'; in++; break;
		case 'x':
			if (hexval(in[1]) >= 0 && hexval(in[2]) >= 0) {
				out[n++] = (char)(hexval(in[1]) * 16 + hexval(in[2]));
				in += 3;
				break;
			}
			/* fall through */
		default: out[n++] = *in++; break;
		}
	}
	return n;
}

int main(int argc, char **argv)
{
	const char *name;
	ssize_t ret;
	size_t len;
	char *buf;
	int fd;

	if (argc != 3) {
		fprintf(stderr, "usage: wr FILE DATA\n");
		return 2;
	}
	buf = malloc(strlen(argv[2]) + 1);
	if (!buf)
		return 2;
	len = unescape(argv[2], buf);
	fd = open(argv[1], O_WRONLY);
	if (fd < 0) {
		ret = -1;
	} else {
		ret = write(fd, buf, len);
		if (ret >= 0 && close(fd) < 0)
			ret = -1;
	}
	if (ret == (ssize_t)len) {
		puts("OK");
		return 0;
	}
	if (ret >= 0) {
		printf("SHORT %zd\n", ret);
		return 1;
	}
	name = errno_name(errno);
	if (name)
		puts(name);
	else
		printf("errno %d\n", errno);
	return 1;
}
