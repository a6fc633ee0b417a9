/* SPDX-License-Identifier: GPL-2.0 */
/*
 * For kernels before 6.15, which have no <net/netdev_lock.h>:
 * netdev_lockdep_set_classes() is still in <linux/netdevice.h>.  Found
 * through Kbuild's -I only when the kernel has no header of this name.
 */
#ifndef NETNS_SYSFS_NET_NETDEV_LOCK_H
#define NETNS_SYSFS_NET_NETDEV_LOCK_H

#include <linux/netdevice.h>

#endif /* NETNS_SYSFS_NET_NETDEV_LOCK_H */
