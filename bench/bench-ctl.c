// SPDX-License-Identifier: GPL-2.0
/*
 * bench-ctl - the sysfs control plane in a write(2) loop, for bench/.
 *
 *   bench-ctl newif PFX N [PID...]   write "PFXeI,PFXpI" to etun's newif,
 *                                    I = 0..N-1; with PIDs, then move PFXpI
 *                                    into the namespace of the I-th PID
 *                                    (through its new_ns_pid)
 *   bench-ctl delif PFX N            write "PFXeI" to etun's delif
 *   bench-ctl move SYSFS PFX N PID   write PID to SYSFS/class/net/PFXI/new_ns_pid
 *
 * Each write opens, writes and closes the file, as `echo >` does.  The
 * first failure stops the loop with a message and status 1.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PARAMS "/sys/module/etun/parameters/"

static int put(const char *path, const char *buf)
{
	size_t len = strlen(buf);
	int fd = open(path, O_WRONLY);
	ssize_t n;

	if (fd < 0) {
		fprintf(stderr, "bench-ctl: %s: %s\n", path, strerror(errno));
		return -1;
	}
	n = write(fd, buf, len);
	if (n != (ssize_t)len) {
		fprintf(stderr, "bench-ctl: write '%s' to %s: %s\n", buf, path,
			n < 0 ? strerror(errno) : "short write");
		close(fd);
		return -1;
	}
	return close(fd);
}

static long count(const char *s)
{
	char *end;
	long n = strtol(s, &end, 10);

	if (*s == '\0' || *end != '\0' || n < 0 || n > 1000000) {
		fprintf(stderr, "bench-ctl: bad count '%s'\n", s);
		exit(2);
	}
	return n;
}

static void usage(void)
{
	fprintf(stderr, "usage: bench-ctl newif PFX N [PID...] | delif PFX N |"
		" move SYSFS PFX N PID\n");
	exit(2);
}

int main(int argc, char **argv)
{
	char buf[64], path[4096];
	long i, n;

	if (argc < 4)
		usage();
	if (!strcmp(argv[1], "newif")) {
		n = count(argv[3]);
		if (argc != 4 && argc != 4 + n)
			usage();
		for (i = 0; i < n; i++) {
			snprintf(buf, sizeof(buf), "%se%ld,%sp%ld", argv[2], i,
				 argv[2], i);
			if (put(PARAMS "newif", buf))
				return 1;
			if (argc == 4)
				continue;
			snprintf(path, sizeof(path),
				 "/sys/class/net/%sp%ld/new_ns_pid", argv[2], i);
			if (put(path, argv[4 + i]))
				return 1;
		}
	} else if (!strcmp(argv[1], "delif")) {
		if (argc != 4)
			usage();
		n = count(argv[3]);
		for (i = 0; i < n; i++) {
			snprintf(buf, sizeof(buf), "%se%ld", argv[2], i);
			if (put(PARAMS "delif", buf))
				return 1;
		}
	} else if (!strcmp(argv[1], "move")) {
		if (argc != 6)
			usage();
		n = count(argv[4]);
		for (i = 0; i < n; i++) {
			snprintf(path, sizeof(path), "%s/class/net/%s%ld/new_ns_pid",
				 argv[2], argv[3], i);
			if (put(path, argv[5]))
				return 1;
		}
	} else {
		usage();
	}
	return 0;
}
