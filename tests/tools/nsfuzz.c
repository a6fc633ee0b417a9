// SPDX-License-Identifier: GPL-2.0
/*
 * nsfuzz - a bounded, seeded fuzzer for etun's newif/delif and
 * the new_ns_pid attribute (run as root in the test VM, never on a host).
 *
 *   nsfuzz run [-s SEED] [-t SECONDS] [-n COUNT] [-j WORKERS] [-H HOLDERS]
 *   nsfuzz census [N]  etun devices of this namespace: "etun N", "bad N"
 *                      (waiting up to 90 s for there to be N)
 *   nsfuzz delall      delif every etun device of this namespace
 *
 * run forks WORKERS writers (seeded SEED+i) in the current namespace that
 * write valid-looking, boundary, garbage, mutated, huge and partial (two
 * write(2)s on one descriptor) requests to newif, delif and new_ns_pid,
 * and spawn up to HOLDERS short-lived children in a new network (and
 * mount) namespace which do the same from inside, move devices out again
 * and die, so that namespaces die with etun ends in them.  It stops after
 * SECONDS or COUNT writes in all, reaps everything and prints (stdout):
 *
 *   seed S, writes N, newif_ok N, delif_ok N, moves_ok N, unexpected N
 *   FILE ERRNO COUNT          (one line per file and outcome)
 *
 * newif_ok and delif_ok count the writes that succeeded: each created or
 * destroyed exactly one pair (a dying namespace destroys the others, and
 * hands back only ends whose peer is in the initial namespace), so after
 * run and the namespaces' death the initial namespace holds at most
 * 2 * (newif_ok - delif_ok) etun devices, each paired with its mirror.
 * An errno outside the documented ones counts as unexpected (exit status
 * 1).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/ethtool.h>
#include <linux/sockios.h>
#include <net/if.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define NEWIF "/sys/module/etun/parameters/newif"
#define DELIF "/sys/module/etun/parameters/delif"
#define MAXHOLD 16
#define NERR 256

enum { F_NEWIF, F_DELIF, F_MOVE, F_NR };
static const char *fname[F_NR] = { "newif", "delif", "new_ns_pid" };

struct shared {
	long writes, newif_ok, delif_ok, moves_ok, unexpected, limit;
	long err[F_NR][NERR];
	pid_t holders[MAXHOLD];
	char bad[F_NR][128];
};

static struct shared *sh;
static unsigned long long rng;
static double deadline;
static int nholders = 4;

static unsigned int rnd(unsigned int n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return n ? (unsigned int)(rng % n) : 0;
}

static void copy_name(char *dst, const char *src)
{
	size_t l = strnlen(src, IFNAMSIZ - 1);

	memcpy(dst, src, l);
	dst[l] = '\0';
}

/* "." and ".." only: ".z1" is a valid device name (dev_valid_name()). */
static int dot_entry(const char *name)
{
	return !strcmp(name, ".") || !strcmp(name, "..");
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int done(void)
{
	return now() >= deadline ||
	       (sh->limit && __atomic_load_n(&sh->writes, __ATOMIC_RELAXED) >=
				     sh->limit);
}

/* The documented outcomes of each file (0 is success). */
static int expected(int f, int e)
{
	switch (e) {
	case 0: case EINVAL: case ENODEV: case ENOENT: case EPERM: case E2BIG:
		return 1;
	case EEXIST:
		return f != F_DELIF;
	case ESRCH: case EBUSY:
		return f == F_MOVE;
	}
	return 0;
}

static void account(int f, int e, const char *buf, size_t len)
{
	__atomic_fetch_add(&sh->err[f][e < NERR ? e : NERR - 1], 1,
			   __ATOMIC_RELAXED);
	if (expected(f, e))
		return;
	if (__atomic_fetch_add(&sh->unexpected, 1, __ATOMIC_RELAXED) == 0)
		snprintf(sh->bad[f], sizeof(sh->bad[f]), "%s: %s for %.*s",
			 fname[f], strerror(e), (int)(len < 40 ? len : 40), buf);
}

/*
 * One request, in one write(2) or (partial) in two on one descriptor;
 * returns the errno of the last write and adds the writes that carried
 * out a request to *ok: each half of a partial request may carry out a
 * request of its own.  A write of 0 bytes returns 0 without reaching the
 * attribute's ->store() (sysfs_kf_write()), so it carries out nothing.
 */
static int put(int f, const char *path, const char *buf, size_t len, int *ok)
{
	int fd, e = 0;
	ssize_t n;
	size_t cut = 0;

	*ok = 0;
	__atomic_fetch_add(&sh->writes, 1, __ATOMIC_RELAXED);
	fd = open(path, O_WRONLY);
	if (fd < 0) {
		e = errno;
		account(f, e, buf, len);
		return e;
	}
	if (len > 1 && !rnd(8))
		cut = 1 + rnd(len - 1);
	if (cut) {
		n = write(fd, buf, cut);
		e = n < 0 ? errno : 0;
		*ok += n > 0;
		account(f, e, buf, cut);
		buf += cut;
		len -= cut;
	}
	n = write(fd, buf, len);
	e = n < 0 ? errno : 0;
	*ok += n > 0;
	close(fd);
	account(f, e, buf, len);
	return e;
}

static void valid_name(char *s, size_t size)
{
	switch (rnd(6)) {
	case 0:
		snprintf(s, size, "fzlong%09u", rnd(4));	/* 15 bytes */
		break;
	case 1:
		snprintf(s, size, "dev%u", 2 + rnd(60));
		break;
	default:
		snprintf(s, size, "fz%u", rnd(24));
	}
}

static const char *const odd[] = {
	"", "\n", ",", ",\n", ".", "..", ".,..", "fz1,", ",fz1", "fz1,fz1",
	"fz1,fz2,fz3", "fz1,fz2\n\n", "fz1 ,fz2", "fz/1,fz2", "fz:1,fz2",
	"fz%d,fz2", "fz1,fzlong0123456789", "lo", "eth0", "eth1", "lo,fz1",
	"fz1\tfz2", "0", "-1", "4294967296", "2147483647", "-2147483648",
	"00001", "+1", "0x1", " 1", "1 ", "1\n\n", "9999999999999999999999",
};

/* A request for file F into buf; returns its length. */
static size_t request(int f, char *buf, size_t size, const pid_t *self)
{
	char a[32], b[32];
	const char *s;
	size_t len, i;
	pid_t pid;

	switch (rnd(10)) {
	case 0:		/* garbage */
		len = rnd(48);
		for (i = 0; i < len; i++)
			buf[i] = (char)rnd(256);
		return len;
	case 1:		/* boundaries and oddities */
		s = odd[rnd(sizeof(odd) / sizeof(odd[0]))];
		len = strlen(s);
		memcpy(buf, s, len);
		return len;
	case 2:		/* huge: around PAGE_SIZE and beyond */
		len = (size_t[]){ 4095, 4096, 4097, 8192, 65536 }[rnd(5)];
		len = len < size ? len : size;
		memset(buf, "a1,\n"[rnd(4)], len);
		return len;
	}
	if (f == F_MOVE) {
		switch (rnd(5)) {
		case 0:
			pid = (pid_t)rnd(4) - 1;	/* -1, 0, 1, 2 */
			break;
		case 1:
			pid = *self;
			break;
		case 2:
			pid = getppid();
			break;
		default:
			pid = sh->holders[rnd(MAXHOLD)];
		}
		len = (size_t)snprintf(buf, size, "%d%s", (int)pid,
				       rnd(2) ? "\n" : "");
	} else {
		valid_name(a, sizeof(a));
		valid_name(b, sizeof(b));
		len = (size_t)snprintf(buf, size, f == F_NEWIF ? "%s,%s%s" :
				       "%s%.0s%s", a, b, rnd(2) ? "\n" : "");
	}
	if (!rnd(4)) {	/* mutate 1-3 bytes */
		for (i = 1 + rnd(3); i > 0 && len; i--) {
			switch (rnd(3)) {
			case 0:
				buf[rnd(len)] = (char)rnd(256);
				break;
			case 1:
				if (len > 1)
					len--;
				break;
			default:
				if (len + 1 < size)
					buf[len++] = (char)rnd(128);
			}
		}
	}
	return len;
}

/* A random device of this namespace's /sys/class/net worth moving. */
static int pick_dev(char *name, int any)
{
	char names[64][IFNAMSIZ];
	struct dirent *d;
	DIR *dir;
	int n = 0;

	dir = opendir("/sys/class/net");
	if (!dir)
		return -1;
	while ((d = readdir(dir)) && n < 64) {
		if (dot_entry(d->d_name) ||
		    (!any && strncmp(d->d_name, "fz", 2) &&
		     strncmp(d->d_name, "dev", 3) && strcmp(d->d_name, "lo")))
			continue;
		if (!strcmp(d->d_name, "eth0") || !strcmp(d->d_name, "eth1"))
			continue;
		copy_name(names[n++], d->d_name);
	}
	closedir(dir);
	if (!n)
		return -1;
	copy_name(name, names[rnd(n)]);
	return 0;
}

static void one_op(const pid_t *self, int in_child)
{
	char buf[65536 + 64], dev[IFNAMSIZ], path[128];
	size_t len;
	int ok;

	switch (rnd(7)) {
	case 0: case 1: case 2:
		len = request(F_NEWIF, buf, sizeof(buf), self);
		put(F_NEWIF, NEWIF, buf, len, &ok);
		__atomic_fetch_add(&sh->newif_ok, ok, __ATOMIC_RELAXED);
		break;
	case 3: case 4:
		len = request(F_DELIF, buf, sizeof(buf), self);
		put(F_DELIF, DELIF, buf, len, &ok);
		__atomic_fetch_add(&sh->delif_ok, ok, __ATOMIC_RELAXED);
		break;
	default:
		if (pick_dev(dev, in_child))
			break;
		snprintf(path, sizeof(path), "/sys/class/net/%s/new_ns_pid",
			 dev);
		len = request(F_MOVE, buf, sizeof(buf), self);
		put(F_MOVE, path, buf, len, &ok);
		__atomic_fetch_add(&sh->moves_ok, ok, __ATOMIC_RELAXED);
	}
}

/* A child in new network and mount namespaces, with its own sysfs. */
static void holder(int slot)
{
	pid_t self = getpid();
	double end = now() + (rnd(1500) + 50) / 1000.0;

	if (unshare(CLONE_NEWNET | CLONE_NEWNS) ||
	    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) ||
	    umount2("/sys", MNT_DETACH) ||
	    mount("sysfs", "/sys", "sysfs", 0, NULL))
		_exit(2);
	__atomic_store_n(&sh->holders[slot], self, __ATOMIC_RELEASE);
	while (now() < end && !done()) {
		one_op(&self, 1);
		if (!rnd(4))
			usleep(rnd(20000));
	}
	__atomic_store_n(&sh->holders[slot], 0, __ATOMIC_RELEASE);
	_exit(0);
}

static void spawn_holder(void)
{
	int slot = (int)rnd((unsigned int)nholders);
	pid_t zero = 0, pid;

	/* -1 reserves the slot until the child stores its pid */
	if (!__atomic_compare_exchange_n(&sh->holders[slot], &zero, -1, 0,
					 __ATOMIC_ACQ_REL, __ATOMIC_RELAXED))
		return;
	pid = fork();
	if (pid == 0) {
		rng ^= (unsigned long long)getpid() << 20;
		holder(slot);
	}
	if (pid < 0)
		sh->holders[slot] = 0;
}

static void worker(unsigned long long seed)
{
	pid_t self = getpid();

	rng = seed * 0x9e3779b97f4a7c15ULL + 1;
	while (!done()) {
		if (!rnd(12))
			spawn_holder();
		one_op(&self, 0);
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
	}
	while (wait(NULL) > 0)
		;
	_exit(0);
}

static int run(int argc, char **argv)
{
	unsigned long long seed = (unsigned long long)time(NULL) ^
				  (unsigned long long)getpid() << 16;
	double seconds = 20;
	int opt, jobs = 4, f, e;

	while ((opt = getopt(argc, argv, "s:t:n:j:H:")) != -1) {
		switch (opt) {
		case 's': seed = strtoull(optarg, NULL, 0); break;
		case 't': seconds = atof(optarg); break;
		case 'n': break;
		case 'j': jobs = atoi(optarg); break;
		case 'H': nholders = atoi(optarg); break;
		default: return 125;
		}
	}
	if (nholders < 1 || nholders > MAXHOLD || jobs < 1)
		return 125;
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED)
		return 125;
	optind = 1;
	while ((opt = getopt(argc, argv, "s:t:n:j:H:")) != -1)
		if (opt == 'n')
			sh->limit = atol(optarg);
	printf("# nsfuzz: seed %llu, %g s, %ld writes max, %d workers, %d holders\n",
	       seed, seconds, sh->limit, jobs, nholders);
	fflush(stdout);
	deadline = now() + seconds;
	for (int i = 0; i < jobs; i++)
		if (fork() == 0)
			worker(seed + (unsigned long long)i);
	while (wait(NULL) > 0)
		;
	printf("seed %llu, writes %ld, newif_ok %ld, delif_ok %ld, moves_ok %ld, unexpected %ld\n",
	       seed, sh->writes, sh->newif_ok, sh->delif_ok, sh->moves_ok,
	       sh->unexpected);
	for (f = 0; f < F_NR; f++) {
		for (e = 0; e < NERR; e++)
			if (sh->err[f][e])
				printf("%s %s %ld\n", fname[f],
				       e ? strerrorname_np(e) ?: "?" : "OK",
				       sh->err[f][e]);
		if (sh->bad[f][0])
			printf("unexpected: %s\n", sh->bad[f]);
	}
	return sh->unexpected ? 1 : 0;
}

/* Is NAME an etun device?  (ethtool's driver name, as ethtool -i says.) */
static int is_etun(int sock, const char *name)
{
	struct ethtool_drvinfo info = { .cmd = ETHTOOL_GDRVINFO };
	struct ifreq ifr = { 0 };

	copy_name(ifr.ifr_name, name);
	ifr.ifr_data = (void *)&info;
	return !ioctl(sock, SIOCETHTOOL, &ifr) && !strcmp(info.driver, "etun");
}

static long sysfs_long(const char *dev, const char *attr)
{
	char path[128];
	long v = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/sys/class/net/%s/%s", dev, attr);
	f = fopen(path, "r");
	if (!f)
		return -1;
	if (fscanf(f, "%ld", &v) != 1)
		v = -1;
	fclose(f);
	return v;
}

/*
 * census [WANT]: "etun N" and "bad N" (ends whose peer is not their mirror
 * here); with WANT, first waits up to 90 s for N to become WANT (dying
 * namespaces hand their ends back asynchronously).
 */
static int census(int del, long want)
{
	static char names[4096][IFNAMSIZ];
	static long idx[4096], link[4096];
	int sock = socket(AF_INET, SOCK_DGRAM, 0), n, bad = 0, i, j, fd;
	double end = now() + 90;
	struct dirent *d;
	DIR *dir;

	if (sock < 0)
		return 125;
again:
	n = 0;
	dir = opendir("/sys/class/net");
	if (!dir)
		return 125;
	while ((d = readdir(dir)) && n < 4096) {
		if (dot_entry(d->d_name) || !is_etun(sock, d->d_name))
			continue;
		copy_name(names[n], d->d_name);
		idx[n] = sysfs_long(d->d_name, "ifindex");
		link[n] = sysfs_long(d->d_name, "iflink");
		n++;
	}
	closedir(dir);
	if (want >= 0 && n != want && now() < end) {
		usleep(200000);
		goto again;
	}
	for (i = 0; i < n; i++) {
		for (j = 0; j < n; j++)
			if (j != i && idx[j] == link[i] && link[j] == idx[i])
				break;
		if (j == n) {
			printf("# unpaired: %s ifindex %ld iflink %ld\n",
			       names[i], idx[i], link[i]);
			bad++;
		}
		if (del) {
			fd = open(DELIF, O_WRONLY);
			if (fd >= 0) {
				if (write(fd, names[i], strlen(names[i])) < 0 &&
				    errno != ENODEV)
					printf("# delif %s: %s\n", names[i],
					       strerror(errno));
				close(fd);
			}
		}
	}
	printf("etun %d\nbad %d\n", n, bad);
	return 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	signal(SIGPIPE, SIG_IGN);
	if (argc > 1 && !strcmp(argv[1], "run"))
		return run(argc - 1, argv + 1);
	if (argc > 1 && !strcmp(argv[1], "census"))
		return census(0, argc > 2 ? atol(argv[2]) : -1);
	if (argc > 1 && !strcmp(argv[1], "delall"))
		return census(1, -1);
	fprintf(stderr, "usage: nsfuzz run [-s SEED] [-t S] [-n N] [-j N] [-H N] | census [N] | delall\n");
	return 125;
}
