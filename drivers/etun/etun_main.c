// SPDX-License-Identifier: GPL-2.0
/*
 * etun - Ethernet pair device: the net_device, its data path and the
 * rtnl_link_ops shared by every end, however it was created.
 *
 * A frame sent on one end is received on the other, in whatever network
 * namespace each end lives.  The data path is veth's non-NAPI path without
 * the XDP and queue machinery: __dev_forward_skb() (which scrubs the skb
 * when it crosses namespaces) and __netif_rx() to the receiving CPU's
 * backlog.
 */
#include <linux/capability.h>
#include <linux/etherdevice.h>
#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/user_namespace.h>
#include <linux/veth.h>
#include <net/net_namespace.h>
#include <net/netdev_lock.h>
#include <net/rtnetlink.h>

#include "etun.h"

#define ETUN_FEATURES	(NETIF_F_SG | NETIF_F_FRAGLIST | NETIF_F_HW_CSUM | \
			 NETIF_F_RXCSUM | NETIF_F_SCTP_CRC | NETIF_F_HIGHDMA | \
			 NETIF_F_GSO_SOFTWARE | NETIF_F_GSO_ENCAP_ALL | \
			 NETIF_F_HW_VLAN_CTAG_TX | NETIF_F_HW_VLAN_CTAG_RX | \
			 NETIF_F_HW_VLAN_STAG_TX | NETIF_F_HW_VLAN_STAG_RX)

#define ETUN_VLAN_OFFLOADS \
	(NETIF_F_HW_VLAN_CTAG_TX | NETIF_F_HW_VLAN_CTAG_RX | \
	 NETIF_F_HW_VLAN_STAG_TX | NETIF_F_HW_VLAN_STAG_RX)

static int etun_dev_init(struct net_device *dev)
{
	netdev_lockdep_set_classes(dev);
	return 0;
}

/*
 * Lockless (LLTX, IFF_NO_QUEUE): may run on every CPU at once.  The skb is
 * never marked CHECKSUM_UNNECESSARY here: a locally built CHECKSUM_PARTIAL
 * skb stays PARTIAL (its data never left this host), anything else keeps
 * whatever state it had and the receiver verifies it.
 */
static netdev_tx_t etun_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct etun_priv *priv = netdev_priv(dev);
	unsigned int len = skb->len;
	struct net_device *peer;

	rcu_read_lock();
	peer = rcu_dereference(priv->peer);
	if (unlikely(!peer || !pskb_may_pull(skb, ETH_HLEN))) {
		kfree_skb(skb);
		goto drop;
	}

	skb_tx_timestamp(skb);
	/* Both free the skb when they fail. */
	if (likely(!__dev_forward_skb(peer, skb) &&
		   __netif_rx(skb) == NET_RX_SUCCESS)) {
		dev_sw_netstats_tx_add(dev, 1, len);
		rcu_read_unlock();
		return NETDEV_TX_OK;
	}
drop:
	dev_core_stats_tx_dropped_inc(dev);
	rcu_read_unlock();
	return NET_XMIT_DROP;
}

/*
 * What one end sent successfully is exactly what the other end received,
 * so the peer's transmit counters are added to the receive counters (as
 * veth): one per-CPU update per packet.  The end's own receive counters
 * hold what reached it without its peer sending it: bpf_redirect_peer()
 * (skb_do_redirect()) counts there.  Drops are the core's per-CPU
 * counters: tx_dropped here, rx_dropped by __dev_forward_skb()/__netif_rx()
 * on the receiving end; dev_get_stats() adds them.
 */
static void etun_get_stats64(struct net_device *dev,
			     struct rtnl_link_stats64 *stats)
{
	struct etun_priv *priv = netdev_priv(dev);
	struct rtnl_link_stats64 peer_stats = {};
	struct net_device *peer;

	dev_fetch_sw_netstats(stats, dev->tstats);

	rcu_read_lock();
	peer = rcu_dereference(priv->peer);
	if (peer)
		dev_fetch_sw_netstats(&peer_stats, peer->tstats);
	rcu_read_unlock();

	stats->rx_packets += peer_stats.tx_packets;
	stats->rx_bytes += peer_stats.tx_bytes;
}

/*
 * Both ends have carrier exactly when both ends are up.  An end has no
 * peer only while its pair is being made: etun_newlink() configures the
 * peer before it registers and ties the other end, so a request bringing
 * the peer up ("ip link add a type etun peer name b up") fails here with
 * ENOTCONN and leaves nothing behind, as veth's does.
 */
static int etun_open(struct net_device *dev)
{
	struct etun_priv *priv = netdev_priv(dev);
	struct net_device *peer = rtnl_dereference(priv->peer);

	if (!peer)
		return -ENOTCONN;

	if (peer->flags & IFF_UP) {
		netif_carrier_on(dev);
		netif_carrier_on(peer);
	}
	return 0;
}

static int etun_close(struct net_device *dev)
{
	struct etun_priv *priv = netdev_priv(dev);
	struct net_device *peer = rtnl_dereference(priv->peer);

	netif_carrier_off(dev);
	if (peer)
		netif_carrier_off(peer);
	return 0;
}

/* Every multicast frame is delivered anyway: nothing to program. */
static void etun_set_rx_mode(struct net_device *dev)
{
}

static int etun_get_iflink(const struct net_device *dev)
{
	struct etun_priv *priv = netdev_priv(dev);
	struct net_device *peer;
	int iflink;

	rcu_read_lock();
	peer = rcu_dereference(priv->peer);
	iflink = peer ? peer->ifindex : 0;
	rcu_read_unlock();

	return iflink;
}

/* Callers hold rcu_read_lock(). */
static struct net_device *etun_peer_dev(struct net_device *dev)
{
	struct etun_priv *priv = netdev_priv(dev);

	return rcu_dereference(priv->peer);
}

static const struct net_device_ops etun_netdev_ops = {
	.ndo_init		= etun_dev_init,
	.ndo_open		= etun_open,
	.ndo_stop		= etun_close,
	.ndo_start_xmit		= etun_xmit,
	.ndo_get_stats64	= etun_get_stats64,
	.ndo_set_rx_mode	= etun_set_rx_mode,
	.ndo_set_mac_address	= eth_mac_addr,
	.ndo_validate_addr	= eth_validate_addr,
	.ndo_get_iflink		= etun_get_iflink,
	.ndo_features_check	= passthru_features_check,
	.ndo_get_peer_dev	= etun_peer_dev,
};

static void etun_setup(struct net_device *dev)
{
	ether_setup(dev);

	dev->priv_flags &= ~IFF_TX_SKB_SHARING;
	/*
	 * No netpoll (netconsole): etun_xmit() ends in __netif_rx(), which
	 * must not run in netpoll's context (veth and netkit do the same).
	 */
	dev->priv_flags |= IFF_LIVE_ADDR_CHANGE | IFF_NO_QUEUE |
			   IFF_DISABLE_NETPOLL;
	dev->lltx = true;

	dev->netdev_ops = &etun_netdev_ops;
	dev->ethtool_ops = &etun_ethtool_ops;
	/* Also on pairs made by newif: unload and "ip link del" need it. */
	dev->rtnl_link_ops = &etun_link_ops;

	dev->features |= ETUN_FEATURES;
	dev->hw_features = ETUN_FEATURES;
	dev->hw_enc_features = ETUN_FEATURES;
	dev->vlan_features = ETUN_FEATURES & ~ETUN_VLAN_OFFLOADS;
	dev->mpls_features = NETIF_F_HW_CSUM | NETIF_F_GSO_SOFTWARE;
	netif_set_tso_max_size(dev, GSO_MAX_SIZE);

	dev->min_mtu = ETH_MIN_MTU;
	dev->max_mtu = ETH_MAX_MTU;

	dev->pcpu_stat_type = NETDEV_PCPU_STAT_TSTATS;
	dev->needs_free_netdev = true;
}

/* Under RTNL, after both ends are registered. */
void etun_tie(struct net_device *dev0, struct net_device *dev1)
{
	struct etun_priv *priv0 = netdev_priv(dev0);
	struct etun_priv *priv1 = netdev_priv(dev1);

	rcu_assign_pointer(priv0->peer, dev1);
	rcu_assign_pointer(priv1->peer, dev0);
}

/* Registered without carrier: etun_open() turns it on. */
int etun_register(struct net_device *dev)
{
	netif_carrier_off(dev);
	return register_netdevice(dev);
}

struct net_device *etun_alloc(struct net *net, const char *name,
			      unsigned char name_assign_type)
{
	struct net_device *dev;

	dev = alloc_netdev(sizeof(struct etun_priv), name, name_assign_type,
			   etun_setup);
	if (!dev)
		return ERR_PTR(-ENOMEM);

	dev_net_set(dev, net);
	eth_hw_addr_random(dev);
	return dev;
}

int etun_newif(struct net *net, const char *name0, const char *name1)
{
	struct net_device *dev0, *dev1;
	int err;

	ASSERT_RTNL();

	/* Checked first so that a clash on name1 never shows name0 at all. */
	if (netdev_name_in_use(net, name0) || netdev_name_in_use(net, name1))
		return -EEXIST;

	dev0 = etun_alloc(net, name0, NET_NAME_USER);
	if (IS_ERR(dev0))
		return PTR_ERR(dev0);

	dev1 = etun_alloc(net, name1, NET_NAME_USER);
	if (IS_ERR(dev1)) {
		err = PTR_ERR(dev1);
		goto err_free_dev0;
	}

	err = etun_register(dev0);
	if (err)
		goto err_free_dev1;

	err = etun_register(dev1);
	if (err)
		goto err_unregister_dev0;

	etun_tie(dev0, dev1);
	return 0;

err_unregister_dev0:
	/* needs_free_netdev: the core frees dev0 once it is unregistered. */
	unregister_netdevice(dev0);
	free_netdev(dev1);
	return err;
err_free_dev1:
	free_netdev(dev1);
err_free_dev0:
	free_netdev(dev0);
	return err;
}

void etun_dellink(struct net_device *dev, struct list_head *head)
{
	struct etun_priv *priv = netdev_priv(dev);
	struct net_device *peer = rtnl_dereference(priv->peer);

	/*
	 * Also called by the core for every etun device of a dying
	 * namespace and at unload, so an end may come here a second time
	 * with its peer already cleared: queueing it again is harmless.
	 * Both ends stay allocated for an RCU grace period after this.
	 */
	RCU_INIT_POINTER(priv->peer, NULL);
	unregister_netdevice_queue(dev, head);

	if (peer) {
		priv = netdev_priv(peer);
		RCU_INIT_POINTER(priv->peer, NULL);
		unregister_netdevice_queue(peer, head);
	}
}

int etun_delif(struct net *net, const char *name)
{
	struct net_device *dev;
	LIST_HEAD(list);

	ASSERT_RTNL();

	dev = __dev_get_by_name(net, name);
	if (!dev)
		return -ENODEV;
	if (dev->netdev_ops != &etun_netdev_ops)
		return -EINVAL;

	etun_dellink(dev, &list);
	unregister_netdevice_many(&list);
	return 0;
}

/* veth's: etun takes the same requests (see etun_newlink()). */
static const struct nla_policy etun_policy[VETH_INFO_MAX + 1] = {
	[VETH_INFO_PEER]	= { .len = sizeof(struct ifinfomsg) },
};

static int etun_validate(struct nlattr *tb[], struct nlattr *data[],
			 struct netlink_ext_ack *extack)
{
	if (tb[IFLA_ADDRESS]) {
		if (nla_len(tb[IFLA_ADDRESS]) != ETH_ALEN) {
			NL_SET_ERR_MSG_MOD(extack, "Bad MAC address length");
			return -EINVAL;
		}
		if (!is_valid_ether_addr(nla_data(tb[IFLA_ADDRESS]))) {
			NL_SET_ERR_MSG_MOD(extack, "Invalid MAC address");
			return -EADDRNOTAVAIL;
		}
	}
	return 0;
}

/*
 * "ip link add NAME type etun [peer [name] PEER ...]": the request has
 * veth's layout (IFLA_INFO_DATA { VETH_INFO_PEER { ifinfomsg, IFLA_* } }),
 * so iproute2's veth parser builds it (tools/iproute2/link_etun.so).  NAME
 * is configured by the core from the request; PEER from the peer part,
 * in the namespace the core resolved for it (->peer_type).  Without a
 * peer name the peer gets the first free "etun%d" name, and without an
 * address a random one.  Registered peer
 * first, as veth does, so that a failure leaves nothing behind: the core
 * frees NAME when we fail.
 */
static int etun_newlink(struct net_device *dev,
			struct rtnl_newlink_params *params,
			struct netlink_ext_ack *extack)
{
	struct net *peer_net = rtnl_newlink_peer_net(params);
	struct nlattr *peer_tb[IFLA_MAX + 1], **tbp = params->tb;
	struct nlattr **data = params->data;
	unsigned char name_assign_type;
	struct ifinfomsg *ifmp = NULL;
	struct net_device *peer;
	char ifname[IFNAMSIZ];
	int err;

	/*
	 * The core checks this itself only since 7.0 (and 6.18.y); 6.15 to
	 * 6.17 resolve the peer's namespace without it.  Plain -EPERM, no
	 * extack message: the same answer as the core that checks.
	 */
	if (!ns_capable(peer_net->user_ns, CAP_NET_ADMIN))
		return -EPERM;

	if (data && data[VETH_INFO_PEER]) {
		ifmp = nla_data(data[VETH_INFO_PEER]);
		err = rtnl_nla_parse_ifinfomsg(peer_tb, data[VETH_INFO_PEER],
					       extack);
		if (err < 0)
			return err;
		err = etun_validate(peer_tb, NULL, extack);
		if (err < 0)
			return err;
		tbp = peer_tb;
	}

	if (ifmp && tbp[IFLA_IFNAME]) {
		nla_strscpy(ifname, tbp[IFLA_IFNAME], IFNAMSIZ);
		name_assign_type = NET_NAME_USER;
	} else {
		snprintf(ifname, IFNAMSIZ, ETUN_DRV_NAME "%%d");
		name_assign_type = NET_NAME_ENUM;
	}

	peer = rtnl_create_link(peer_net, ifname, name_assign_type,
				&etun_link_ops, tbp, extack);
	if (IS_ERR(peer))
		return PTR_ERR(peer);

	if (!ifmp || !tbp[IFLA_ADDRESS])
		eth_hw_addr_random(peer);
	if (ifmp && dev->ifindex)
		peer->ifindex = ifmp->ifi_index;

	err = etun_register(peer);
	if (err) {
		free_netdev(peer);
		return err;
	}

	/* The core does this for dev only: state, flags, RTM_NEWLINK. */
	err = rtnl_configure_link(peer, ifmp, 0, NULL);
	if (err)
		goto err_unregister_peer;

	if (!params->tb[IFLA_ADDRESS])
		eth_hw_addr_random(dev);

	err = etun_register(dev);
	if (err)
		goto err_unregister_peer;

	etun_tie(dev, peer);
	return 0;

err_unregister_peer:
	/* needs_free_netdev: freed once it is unregistered. */
	unregister_netdevice(peer);
	return err;
}

static struct net *etun_get_link_net(const struct net_device *dev)
{
	struct etun_priv *priv = netdev_priv(dev);
	struct net_device *peer = rtnl_dereference(priv->peer);

	return peer ? dev_net(peer) : dev_net(dev);
}

/*
 * No netns_refund: the core destroys (dellink) whatever etun end is still
 * in a dying namespace.  Ends that return to init_net are handled before
 * that, by etun_net_pre_exit() (etun_netns.c).
 */
struct rtnl_link_ops etun_link_ops = {
	.kind		= ETUN_DRV_NAME,
	.priv_size	= sizeof(struct etun_priv),
	.setup		= etun_setup,
	.maxtype	= VETH_INFO_MAX,
	.policy		= etun_policy,
	.validate	= etun_validate,
	.newlink	= etun_newlink,
	.peer_type	= VETH_INFO_PEER,
	.dellink	= etun_dellink,
	.get_link_net	= etun_get_link_net,
};

static int __init etun_init(void)
{
	int err;

	err = etun_netns_init();
	if (err)
		return err;

	err = rtnl_link_register(&etun_link_ops);
	if (err)
		goto err_netns_exit;

	err = etun_ctl_init();
	if (err)
		goto err_unregister_link;

	return 0;

err_unregister_link:
	/* Also destroys a pair made from the "newif" load parameter. */
	rtnl_link_unregister(&etun_link_ops);
err_netns_exit:
	etun_netns_exit();
	return err;
}

static void __exit etun_exit(void)
{
	/* First: no writer can create a pair behind the next step. */
	etun_ctl_exit();
	/* Destroys every pair in every namespace. */
	rtnl_link_unregister(&etun_link_ops);
	/* No end is left for these to handle. */
	etun_netns_exit();
}

module_init(etun_init);
module_exit(etun_exit);

MODULE_DESCRIPTION("Ethernet pair device with a sysfs control interface");
MODULE_LICENSE("GPL");
MODULE_ALIAS_RTNL_LINK(ETUN_DRV_NAME);
