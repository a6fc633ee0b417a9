/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one place where kernel version differences live.  Force-included
 * into every object by Kbuild (and absent from the in-tree series), so
 * net/ and drivers/ are written against the newest kernel's API and stay
 * free of #if; this header makes older kernels look like it.  Every
 * COMPAT_HAVE_* macro comes from a header probe in Kbuild.include, never
 * from LINUX_VERSION_CODE: distribution kernels backport.  Headers that
 * old kernels lack have stand-ins under include/ (net/netdev_lock.h).
 * net/new_ns_pid.c needs nothing here: what it uses is the same on 6.1,
 * 6.12 and 7.x.
 */
#ifndef NETNS_SYSFS_COMPAT_H
#define NETNS_SYSFS_COMPAT_H

#include <linux/netdevice.h>
#include <linux/module.h>
#include <linux/sysfs.h>
#include <net/rtnetlink.h>

/* 6.12: dev->lltx replaced the NETIF_F_LLTX feature.  The driver writes
 * "dev->lltx = true;": older kernels set the feature and assign the true
 * to a throwaway compound literal (batman-adv's compat layer renames
 * members the same way).  tests/lint exempts this file from checkpatch's
 * COMPLEX_MACRO for this reason: the expansion follows "dev->", so it
 * cannot be parenthesized.
 */
#ifndef COMPAT_HAVE_NETDEV_LLTX
#define lltx	features |= NETIF_F_LLTX, (bool){ false }
#endif

/* 6.8: ethtool_puts(). */
#ifndef COMPAT_HAVE_ETHTOOL_PUTS
#define ethtool_puts(data, str)	ethtool_sprintf(data, "%s", str)
#endif

/* 6.14: the attribute argument of module_attribute's ->store() is const.
 * Older kernels take the driver's function through a cast, as the types
 * differ in that qualifier only (__ATTR_WO also serves other attribute
 * types, whose stores are unchanged).
 */
#ifndef COMPAT_HAVE_CONST_MODULE_ATTRIBUTE
#undef __ATTR_WO
#define __ATTR_WO(_name) {						\
	.attr	= { .name = __stringify(_name), .mode = 0200 },		\
	.store	= (void *)_name##_store,				\
}
#endif

/*
 * 6.15: ->newlink(dev, struct rtnl_newlink_params *, extack), and the core
 * resolves the peer's namespace from the attribute named by ->peer_type.
 * Older kernels call ->newlink(src_net, dev, tb, data, extack) and leave
 * the peer to the driver.  Here ->peer_type is kept in ->slave_maxtype,
 * which only a device that takes slaves uses, and a driver's newlink is
 * wrapped (see etun_newlink below): its definition becomes a wrapper with
 * the old signature, under the driver's name, that resolves the peer's
 * namespace as the 6.15 core does, followed by the driver's function
 * renamed NAME_params.  The core checks CAP_NET_ADMIN over the peer's
 * namespace only since 7.0: drivers check it themselves on every kernel.
 */
#ifndef COMPAT_HAVE_RTNL_NEWLINK_PARAMS

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

#define peer_type	slave_maxtype

typedef int (*compat_newlink_t)(struct net_device *dev,
				struct rtnl_newlink_params *params,
				struct netlink_ext_ack *extack);

static inline int compat_rtnl_newlink(compat_newlink_t newlink,
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
	u16 peer_attr = dev->rtnl_link_ops->peer_type;
	struct nlattr *peer_tb[IFLA_MAX + 1], **tbp = tb;
	struct net *net;
	int err;

	if (peer_attr && data && data[peer_attr]) {
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

/* "static int NAME(struct net_device *dev, ...params, ...extack) {" */
#define compat_newlink_wrap(name, dev, params, extack)			\
	name##_params(struct net_device *, struct rtnl_newlink_params *,\
		      struct netlink_ext_ack *);			\
static int name(struct net *src_net, struct net_device *d,		\
		struct nlattr *tb[], struct nlattr *data[],		\
		struct netlink_ext_ack *e)				\
{									\
	return compat_rtnl_newlink(name##_params, src_net, d, tb, data, e); \
}									\
static int name##_params(dev, params, extack)

#define etun_newlink(dev, params, extack)				\
	compat_newlink_wrap(etun_newlink, dev, params, extack)

#endif /* !COMPAT_HAVE_RTNL_NEWLINK_PARAMS */

#endif /* NETNS_SYSFS_COMPAT_H */
