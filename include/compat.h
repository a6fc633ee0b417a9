/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one place where kernel version differences live.  Force-included
 * into every object by Kbuild; the drivers themselves stay free of #if.
 * Every COMPAT_HAVE_* macro comes from a header probe in Kbuild.include.
 */
#ifndef NETNS_SYSFS_COMPAT_H
#define NETNS_SYSFS_COMPAT_H

/* --- shared ------------------------------------------------------------- */

/* --- etun (drivers/etun) ------------------------------------------------ */

/* Macros only: this header is included before any kernel header. */
#ifdef COMPAT_HAVE_NETDEV_LLTX
#define compat_netdev_set_lltx(dev)	((dev)->lltx = true)
#else
#define compat_netdev_set_lltx(dev)	((dev)->features |= NETIF_F_LLTX)
#endif

#ifndef COMPAT_HAVE_ETHTOOL_PUTS
#define ethtool_puts(data, str)		ethtool_sprintf(data, "%s", str)
#endif

#ifdef COMPAT_HAVE_CONST_MODULE_ATTRIBUTE
#define compat_module_attribute_const	const
#else
#define compat_module_attribute_const
#endif

/* --- new_ns_pid (net/) -------------------------------------------------- */

/* Nothing to wrap: dev_change_net_namespace() (3 arguments),
 * get_net_ns_by_pid(), net_ns_get_ownership(), sysfs_group_change_owner()
 * and rtnl_trylock() are the same on 6.1 and 6.12 (7.x exports
 * dev_change_net_namespace() itself, with the same arguments).
 */

#endif /* NETNS_SYSFS_COMPAT_H */
