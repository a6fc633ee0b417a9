// SPDX-License-Identifier: GPL-2.0
/*
 * etun - what becomes of the ends of a dying network namespace.
 *
 * The 2007 interface promised that devices come back to the initial
 * namespace when their namespace dies.  Kept literally (netns_refund), any
 * container could leave pairs in init_net under names it chose, or plant
 * altnames that make the core's refund BUG() with RTNL held: a container
 * without a user namespace (Docker, Kubernetes) owns its namespace through
 * the initial user namespace, has CAP_NET_ADMIN there, and yet cannot
 * reach init_net.  So:
 *
 * - An end returns only when its peer is in init_net when its namespace
 *   dies: only an end the host gave away comes back.  Every other pair is
 *   destroyed, as veth's would be.
 * - A returning end is re-created in init_net as it left it: its
 *   departure name ("etun%d" when that is taken, or when the end never
 *   was in init_net), ifindex (when free), MTU and MAC address, tied to
 *   the same peer.  The end in the dying namespace is destroyed with
 *   everything that namespace set on it.  It is not moved: a move would
 *   bring back the altnames the namespace added, and a module cannot
 *   remove altnames (netdev_name_node_alt_destroy() is core-private).
 * - When that fails, the pair is destroyed and the log says so.
 *
 * This runs in the pernet .pre_exit, before any .exit: the namespace is
 * unreachable by then (its refcount is zero: rtnetlink cannot name it and
 * new_ns_pid refuses it), so no end can enter it behind us, and the
 * core's default_device_exit_net() finds no etun end to refund.
 */
#include <linux/etherdevice.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/string.h>
#include <net/net_namespace.h>

#include "etun.h"

/*
 * NETDEV_UNREGISTER for a device that stays NETREG_REGISTERED is the first
 * half of a namespace move, sent while the device is still in the old
 * namespace: for this notifier (init_net's chain), an end leaving init_net.
 */
static int etun_netns_event(struct notifier_block *nb, unsigned long event,
			    void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct etun_home *home;

	if (event != NETDEV_UNREGISTER ||
	    dev->rtnl_link_ops != &etun_link_ops ||
	    dev->reg_state != NETREG_REGISTERED)
		return NOTIFY_DONE;

	home = &((struct etun_priv *)netdev_priv(dev))->home;
	strscpy(home->name, dev->name, sizeof(home->name));
	home->ifindex = dev->ifindex;
	home->mtu = dev->mtu;
	ether_addr_copy(home->addr, dev->dev_addr);
	return NOTIFY_DONE;
}

static struct notifier_block etun_netns_notifier = {
	.notifier_call = etun_netns_event,
};

/* Re-create @dev, whose peer is in init_net, there; queue @dev on @kill. */
static int etun_return(struct net_device *dev, struct net_device *peer,
		       struct list_head *kill)
{
	struct etun_priv *priv = netdev_priv(dev);
	const struct etun_home *home = &priv->home;
	bool was_home = home->name[0] != '\0';
	struct net_device *end;
	int err;

	if (was_home && !netdev_name_in_use(&init_net, home->name))
		end = etun_alloc(&init_net, home->name, NET_NAME_USER);
	else
		end = etun_alloc(&init_net, ETUN_DRV_NAME "%d", NET_NAME_ENUM);
	if (IS_ERR(end))
		return PTR_ERR(end);

	if (was_home) {
		eth_hw_addr_set(end, home->addr);
		end->mtu = home->mtu;
		if (!__dev_get_by_index(&init_net, home->ifindex))
			end->ifindex = home->ifindex;
	}

	err = etun_register(end);
	if (err) {
		free_netdev(end);
		return err;
	}

	/* The new end is down: so is the carrier, as after a move. */
	RCU_INIT_POINTER(priv->peer, NULL);
	etun_tie(end, peer);
	netif_carrier_off(peer);
	unregister_netdevice_queue(dev, kill);
	return 0;
}

static void __net_exit etun_net_pre_exit(struct net *net)
{
	struct net_device *dev, *peer;
	LIST_HEAD(kill);
	int err;

	rtnl_lock();
	for_each_netdev(net, dev) {
		if (dev->rtnl_link_ops != &etun_link_ops)
			continue;

		peer = rtnl_dereference(((struct etun_priv *)
					 netdev_priv(dev))->peer);
		if (peer && net_eq(dev_net(peer), &init_net)) {
			err = etun_return(dev, peer, &kill);
			if (!err)
				continue;
			pr_warn_ratelimited("%s: cannot return to the initial namespace, destroying its pair: %d\n",
					    netdev_name(dev), err);
		}
		/* Queueing an end twice (both ends here) is harmless. */
		etun_dellink(dev, &kill);
	}
	unregister_netdevice_many(&kill);
	rtnl_unlock();
}

static struct pernet_operations etun_net_ops = {
	.pre_exit	= etun_net_pre_exit,
};

int etun_netns_init(void)
{
	int err;

	err = register_pernet_device(&etun_net_ops);
	if (err)
		return err;

	err = register_netdevice_notifier_net(&init_net, &etun_netns_notifier);
	if (err)
		unregister_pernet_device(&etun_net_ops);
	return err;
}

void etun_netns_exit(void)
{
	unregister_netdevice_notifier_net(&init_net, &etun_netns_notifier);
	unregister_pernet_device(&etun_net_ops);
}
