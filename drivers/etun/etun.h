/* SPDX-License-Identifier: GPL-2.0 */
/*
 * etun - an Ethernet pair device driven from sysfs, after the 2007
 * network namespace patches.  See Documentation/networking/etun.rst.
 *
 * etun_main.c     the net_device, its data path and rtnl_link_ops
 * etun_netns.c    what becomes of the ends of a dying namespace
 * etun_ethtool.c  ethtool_ops
 * etun_ctl.c      /sys/module/etun/parameters/{newif,delif}
 */
#ifndef ETUN_H
#define ETUN_H

#include <linux/if_ether.h>
#include <linux/netdevice.h>
#include <net/rtnetlink.h>

#define ETUN_DRV_NAME	"etun"

/**
 * struct etun_home - an end as it last left the initial namespace
 * @name: its name then; empty if it never left init_net
 * @ifindex: its ifindex then
 * @mtu: its MTU then
 * @addr: its MAC address then
 *
 * Written by etun_netns_event() as the end leaves init_net, read by
 * etun_net_pre_exit() when its namespace dies: both under RTNL.
 */
struct etun_home {
	char name[IFNAMSIZ];
	int ifindex;
	unsigned int mtu;
	u8 addr[ETH_ALEN];
};

/**
 * struct etun_priv - one end of a pair
 * @peer: the other end.  Written under RTNL only: set on both ends once
 *	both are registered, cleared on both ends before either is
 *	unregistered (etun_dellink()), moved to a re-created end by
 *	etun_return().  Read under RCU on the transmit and statistics paths
 *	and under RTNL everywhere else.  An end whose peer is NULL is being
 *	destroyed.
 * @home: see struct etun_home; RTNL.
 */
struct etun_priv {
	struct net_device __rcu *peer;
	struct etun_home home;
};

extern struct rtnl_link_ops etun_link_ops;
extern const struct ethtool_ops etun_ethtool_ops;

/* Both run under RTNL; net is the writer's network namespace. */
int etun_newif(struct net *net, const char *name0, const char *name1);
int etun_delif(struct net *net, const char *name);

/* Building blocks of etun_main.c for etun_netns.c; all under RTNL but alloc. */
struct net_device *etun_alloc(struct net *net, const char *name,
			      unsigned char name_assign_type);
int etun_register(struct net_device *dev);
void etun_tie(struct net_device *dev0, struct net_device *dev1);
void etun_dellink(struct net_device *dev, struct list_head *head);

int etun_netns_init(void);
void etun_netns_exit(void);

int etun_ctl_init(void);
void etun_ctl_exit(void);

#endif /* ETUN_H */
