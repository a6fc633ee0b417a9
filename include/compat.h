/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one place where kernel version differences live.  Force-included
 * into every object by Kbuild, so the drivers are written against the
 * newest kernel's API and stay free of #if; this header makes older
 * kernels look like it.  Every COMPAT_HAVE_* macro comes from a header
 * probe in Kbuild.include, never from LINUX_VERSION_CODE: distribution
 * kernels backport.  pr_fmt() is set by Kbuild, so this header may
 * include kernel headers before the driver's own.  net/netns_move.c
 * needs nothing here: what it uses is the same on 6.1, 6.12 and 7.x.
 */
#ifndef NETNS_SYSFS_COMPAT_H
#define NETNS_SYSFS_COMPAT_H

/* --- etun (drivers/etun) ------------------------------------------------ */

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

/* 7.x: netdev_lockdep_set_classes() moved out of <linux/netdevice.h>. */
#ifdef COMPAT_HAVE_NETDEV_LOCK_H
#include <net/netdev_lock.h>
#endif

/*
 * 6.15: newlink(dev, struct rtnl_newlink_params *, extack), and the core
 * resolves the peer's namespace from the attribute named by ->peer_type
 * (VETH_INFO_PEER's layout).  The core checks CAP_NET_ADMIN over that
 * namespace only since 7.0: drivers check it themselves on every kernel,
 * so nothing here depends on it.  Drivers use the new form:
 *
 *	static int foo_newlink(struct net_device *dev,
 *			       struct rtnl_newlink_params *params,
 *			       struct netlink_ext_ack *extack) { ... }
 *	COMPAT_RTNL_NEWLINK_DEFINE(foo_newlink, FOO_INFO_PEER)
 *
 *	struct rtnl_link_ops foo_link_ops = {
 *		COMPAT_RTNL_NEWLINK(foo_newlink, FOO_INFO_PEER),
 *	};
 *
 * and on older kernels a wrapper with the old signature resolves the
 * peer's namespace, as the 6.15 core does, before calling it.
 */
#ifdef COMPAT_HAVE_RTNL_NEWLINK_PARAMS

#define COMPAT_RTNL_NEWLINK_DEFINE(fn, peer_attr)
#define COMPAT_RTNL_NEWLINK(fn, peer_attr) \
	.newlink = (fn), .peer_type = (peer_attr)

#else /* !COMPAT_HAVE_RTNL_NEWLINK_PARAMS */

#include <linux/err.h>
#include <net/net_namespace.h>
#include <net/rtnetlink.h>

struct rtnl_newlink_params {
	struct net *src_net;
	struct net *link_net;
	struct net *peer_net;
	struct nlattr **tb;
	struct nlattr **data;
};

static inline struct net *rtnl_newlink_link_net(struct rtnl_newlink_params *p)
{
	return p->link_net ? : p->src_net;
}

static inline struct net *rtnl_newlink_peer_net(struct rtnl_newlink_params *p)
{
	return p->peer_net ? : rtnl_newlink_link_net(p);
}

typedef int (*compat_newlink_t)(struct net_device *dev,
				struct rtnl_newlink_params *params,
				struct netlink_ext_ack *extack);

/*
 * The old core passes link_net ?: the requester's namespace as src_net
 * and leaves the peer's namespace to the driver: resolve it from the peer
 * attribute, or from the device's own attributes when there is no peer
 * attribute, as veth does.
 */
static inline int compat_rtnl_newlink(compat_newlink_t newlink, u16 peer_attr,
				      struct net *src_net,
				      struct net_device *dev,
				      struct nlattr *tb[],
				      struct nlattr *data[],
				      struct netlink_ext_ack *extack)
{
	struct rtnl_newlink_params params = {
		.src_net	= src_net,
		.tb		= tb,
		.data		= data,
	};
	struct nlattr *peer_tb[IFLA_MAX + 1], **tbp = tb;
	struct net *net;
	int err;

	if (data && data[peer_attr]) {
		err = rtnl_nla_parse_ifinfomsg(peer_tb, data[peer_attr],
					       extack);
		if (err < 0)
			return err;
		tbp = peer_tb;
	}

	net = rtnl_link_get_net(src_net, tbp);
	if (IS_ERR(net))
		return PTR_ERR(net);

	params.peer_net = net;
	err = newlink(dev, &params, extack);
	put_net(net);
	return err;
}

#define COMPAT_RTNL_NEWLINK_DEFINE(fn, peer_attr)			\
static int fn##_compat(struct net *src_net, struct net_device *dev,	\
		       struct nlattr *tb[], struct nlattr *data[],	\
		       struct netlink_ext_ack *extack)			\
{									\
	return compat_rtnl_newlink(fn, peer_attr, src_net, dev, tb, data, \
				   extack);				\
}

#define COMPAT_RTNL_NEWLINK(fn, peer_attr)	.newlink = fn##_compat

#endif /* COMPAT_HAVE_RTNL_NEWLINK_PARAMS */

#endif /* NETNS_SYSFS_COMPAT_H */
