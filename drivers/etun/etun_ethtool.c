// SPDX-License-Identifier: GPL-2.0
/*
 * etun - ethtool_ops: driver name, link settings and the peer's ifindex
 * ("ethtool -S"), the way veth reports them.
 */
#include <linux/ethtool.h>
#include <linux/netdevice.h>

#include "etun.h"

enum {
	ETUN_STAT_PEER_IFINDEX,
	ETUN_STATS_NUM,
};

static void etun_get_drvinfo(struct net_device *dev,
			     struct ethtool_drvinfo *info)
{
	strscpy(info->driver, ETUN_DRV_NAME, sizeof(info->driver));
}

static int etun_get_link_ksettings(struct net_device *dev,
				   struct ethtool_link_ksettings *cmd)
{
	cmd->base.speed = SPEED_10000;
	cmd->base.duplex = DUPLEX_FULL;
	cmd->base.port = PORT_NONE;
	cmd->base.autoneg = AUTONEG_DISABLE;
	return 0;
}

static int etun_get_sset_count(struct net_device *dev, int sset)
{
	return sset == ETH_SS_STATS ? ETUN_STATS_NUM : -EOPNOTSUPP;
}

static void etun_get_strings(struct net_device *dev, u32 stringset, u8 *buf)
{
	if (stringset == ETH_SS_STATS)
		ethtool_puts(&buf, "peer_ifindex");
}

/* The peer's ifindex is the iflink: etun_get_iflink() reads it. */
static void etun_get_ethtool_stats(struct net_device *dev,
				   struct ethtool_stats *stats, u64 *data)
{
	data[ETUN_STAT_PEER_IFINDEX] = dev_get_iflink(dev);
}

const struct ethtool_ops etun_ethtool_ops = {
	.get_drvinfo		= etun_get_drvinfo,
	.get_link		= ethtool_op_get_link,
	.get_link_ksettings	= etun_get_link_ksettings,
	.get_sset_count		= etun_get_sset_count,
	.get_strings		= etun_get_strings,
	.get_ethtool_stats	= etun_get_ethtool_stats,
	.get_ts_info		= ethtool_op_get_ts_info,
};
