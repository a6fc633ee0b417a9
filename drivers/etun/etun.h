/* SPDX-License-Identifier: GPL-2.0 */
/*
 * etun - an Ethernet pair device driven from sysfs, after the 2007
 * network namespace patches.  See Documentation/networking/etun.rst.
 *
 * etun_main.c     the net_device, its data path and rtnl_link_ops
 * etun_ethtool.c  ethtool_ops
 * etun_ctl.c      /sys/module/etun/parameters/{newif,delif}
 */
#ifndef ETUN_H
#define ETUN_H

#include <linux/netdevice.h>
#include <net/rtnetlink.h>

#define ETUN_DRV_NAME	"etun"

/**
 * struct etun_priv - one end of a pair
 * @peer: the other end.  Written under RTNL only: set on both ends once
 *	both are registered, cleared on both ends before either is
 *	unregistered (etun_dellink()).  Read under RCU on the transmit and
 *	statistics paths and under RTNL everywhere else.  An end whose peer
 *	is NULL is being destroyed.
 */
struct etun_priv {
	struct net_device __rcu *peer;
};

extern struct rtnl_link_ops etun_link_ops;
extern const struct ethtool_ops etun_ethtool_ops;

/* Both run under RTNL; net is the writer's network namespace. */
int etun_newif(struct net *net, const char *name0, const char *name1);
int etun_delif(struct net *net, const char *name);

int etun_ctl_init(void);
void etun_ctl_exit(void);

#endif /* ETUN_H */
