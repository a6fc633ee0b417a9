// SPDX-License-Identifier: GPL-2.0
/*
 * slow_netns_exit - a test-only module whose pernet .pre_exit holds every
 * dying network namespace for delay_ms milliseconds.
 *
 * tests/vm/containers.t uses it to write to new_ns_pid while a device's
 * namespace is being dismantled: its refcount is zero, its devices are
 * still in it, sysfs still reaches them.  Its .pre_exit runs after those
 * of modules loaded before it (etun's among them).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/delay.h>
#include <linux/module.h>
#include <net/net_namespace.h>

static unsigned int delay_ms = 3000;
module_param(delay_ms, uint, 0444);
MODULE_PARM_DESC(delay_ms, "how long each dying namespace is held");

static void __net_exit slow_netns_pre_exit(struct net *net)
{
	pr_info("holding a dying namespace for %u ms\n", delay_ms);
	msleep(delay_ms);
	pr_info("released a dying namespace\n");
}

static struct pernet_operations slow_netns_ops = {
	.pre_exit = slow_netns_pre_exit,
};

static int __init slow_netns_init(void)
{
	return register_pernet_device(&slow_netns_ops);
}

static void __exit slow_netns_exit(void)
{
	unregister_pernet_device(&slow_netns_ops);
}

module_init(slow_netns_init);
module_exit(slow_netns_exit);

MODULE_DESCRIPTION("netns-sysfs test: hold dying network namespaces");
MODULE_LICENSE("GPL");
