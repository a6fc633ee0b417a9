// SPDX-License-Identifier: GPL-2.0
/*
 * The modules' control files (/sys/class/net/DEV/new_ns_pid,
 * /sys/module/etun/parameters/newif) are written through libsysfs,
 * as the original 2007 tools did.  The kernel's errno is what the caller
 * reports, so it is preserved across the cleanup.
 */
#include <errno.h>
#include <string.h>

#include <sysfs/libsysfs.h>

#include "netunshare.h"

int nu_sysfs_write(const char *path, const char *value)
{
	struct sysfs_attribute *attr;
	int ret, err;

	attr = sysfs_open_attribute(path);
	if (!attr)
		return -1;
	ret = sysfs_write_attribute(attr, value, strlen(value));
	err = errno;
	sysfs_close_attribute(attr);
	errno = err;
	return ret ? -1 : 0;
}
