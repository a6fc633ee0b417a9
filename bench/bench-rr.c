// SPDX-License-Identifier: GPL-2.0
/*
 * bench-rr - TCP request/response (ping-pong) latency, for bench/.
 *
 *   bench-rr server ADDR PORT             echo every connection, one at a time
 *   bench-rr client ADDR PORT SECONDS SIZE
 *
 * The client sends SIZE bytes, waits for the SIZE bytes echoed back, and
 * repeats for SECONDS (TCP_NODELAY on both sides).  It prints one line:
 *   transactions_per_s mean_us p50_us p99_us
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAXSIZE 65536
#define MAXSAMPLES (1 << 22)

static char buf[MAXSIZE];

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int full(int fd, int out, size_t len)
{
	size_t done = 0;
	ssize_t n;

	while (done < len) {
		n = out ? send(fd, buf + done, len - done, MSG_NOSIGNAL)
			: recv(fd, buf + done, len - done, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		done += n;
	}
	return 0;
}

static int addr(const char *a, const char *p, struct sockaddr_in *sin)
{
	memset(sin, 0, sizeof(*sin));
	sin->sin_family = AF_INET;
	sin->sin_port = htons(atoi(p));
	return inet_pton(AF_INET, a, &sin->sin_addr) == 1 ? 0 : -1;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static int server(struct sockaddr_in *sin)
{
	int one = 1, s = socket(AF_INET, SOCK_STREAM, 0), c;
	ssize_t n;

	if (s < 0 || setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    bind(s, (struct sockaddr *)sin, sizeof(*sin)) || listen(s, 4)) {
		perror("bench-rr: server");
		return 1;
	}
	for (;;) {
		c = accept(s, NULL, NULL);
		if (c < 0)
			continue;
		setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
		while ((n = recv(c, buf, sizeof(buf), 0)) > 0)
			if (full(c, 1, n))
				break;
		close(c);
	}
}

static int client(struct sockaddr_in *sin, double secs, size_t size)
{
	int one = 1, s = socket(AF_INET, SOCK_STREAM, 0);
	double *lat = malloc(MAXSAMPLES * sizeof(*lat));
	double start, t0, t1, sum = 0;
	long n = 0, i;

	for (i = 0; s >= 0 && i < 50; i++) {
		if (!connect(s, (struct sockaddr *)sin, sizeof(*sin)))
			break;
		close(s);
		usleep(100000);
		s = socket(AF_INET, SOCK_STREAM, 0);
	}
	if (s < 0 || i == 50 || !lat) {
		perror("bench-rr: connect");
		return 1;
	}
	setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	memset(buf, 'x', size);
	start = now();
	t0 = start;
	do {
		if (full(s, 1, size) || full(s, 0, size)) {
			fprintf(stderr, "bench-rr: connection lost\n");
			return 1;
		}
		t1 = now();
		if (n < MAXSAMPLES)
			lat[n++] = (t1 - t0) * 1e6;
		sum += t1 - t0;
		t0 = t1;
	} while (t1 - start < secs);
	close(s);
	qsort(lat, n, sizeof(*lat), cmp);
	printf("%.1f %.2f %.2f %.2f\n", n / (t1 - start), sum * 1e6 / n,
	       lat[n / 2], lat[(long)(n * 0.99)]);
	return 0;
}

int main(int argc, char **argv)
{
	struct sockaddr_in sin;

	if (argc >= 4 && !strcmp(argv[1], "server") && !addr(argv[2], argv[3], &sin))
		return server(&sin);
	if (argc == 6 && !strcmp(argv[1], "client") && !addr(argv[2], argv[3], &sin) &&
	    atof(argv[4]) > 0 && atol(argv[5]) > 0 && atol(argv[5]) <= MAXSIZE)
		return client(&sin, atof(argv[4]), atol(argv[5]));
	fprintf(stderr, "usage: bench-rr server ADDR PORT |"
		" client ADDR PORT SECONDS SIZE\n");
	return 2;
}
