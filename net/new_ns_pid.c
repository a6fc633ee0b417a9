// SPDX-License-Identifier: GPL-2.0
/*
 * new_ns_pid - move a network device into a process's network namespace
 * by writing the process's pid to /sys/class/net/DEV/new_ns_pid.
 *
 * The 2007 network namespace patches moved devices this way; today the
 * kernel does it with "ip link set DEV netns PID".  This module restores
 * the sysfs interface on top of dev_change_net_namespace() and enforces
 * the same permission rule as rtnetlink: CAP_NET_ADMIN over the user
 * namespace owning the device's namespace and over the one owning the
 * target namespace.
 *
 * The attribute is a nameless attribute group added to every net_device
 * by a netdevice notifier (the kernel replays NETDEV_REGISTER for existing
 * devices in every namespace when the notifier is registered, and
 * NETDEV_UNREGISTER when it is unregistered).  A namespace move keeps the
 * device's kobject, so the file travels with the device; only its owner
 * has to be fixed up afterwards.  See Documentation/new_ns_pid.rst.
 */

#include <linux/capability.h>
#include <linux/ctype.h>
#include <linux/device.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/string.h>
#include <linux/sysfs.h>
#include <linux/uidgid.h>
#include <net/net_namespace.h>

/* Set once, under RTNL, before the notifier is unregistered at unload.
 * Read under RTNL only (notifier callbacks and the store's locked
 * section).  From then on a NETDEV_UNREGISTER with reg_state still
 * NETREG_REGISTERED is the unload replay (or a move by someone else):
 * the file goes.  No store can be moving a device once it is set; a
 * store still between new_ns_pid_lock() and new_ns_pid_unlock() holds a
 * module reference, so the module is not unloaded under it.
 */
static bool new_ns_pid_unloading;

/* May the writer take @dev out of its namespace?  The early check, made
 * before the input is parsed; the store repeats it under RTNL.
 */
static bool new_ns_pid_may_leave(struct net_device *dev)
{
	struct net *net;
	bool ret = true;

	/* Without RTNL the device may change namespace under us.  The
	 * namespace read under RCU cannot be freed before the grace period
	 * that ends a move out of it; a reference keeps it afterwards.  A
	 * dying namespace is left to the check under RTNL.
	 */
	rcu_read_lock();
	net = maybe_get_net(dev_net(dev));
	rcu_read_unlock();
	if (net) {
		ret = ns_capable(net->user_ns, CAP_NET_ADMIN);
		put_net(net);
	}
	return ret;
}

static int new_ns_pid_parse_pid(const char *buf, size_t len, pid_t *pid)
{
	int val;

	/* Decimal digits only: no sign, no blanks, no embedded NUL. */
	if (!len || !isdigit(buf[0]) || strnlen(buf, len) != len)
		return -EINVAL;
	if (kstrtoint(buf, 10, &val) || val <= 0)
		return -EINVAL;
	*pid = val;
	return 0;
}

/* Take RTNL for a store on @dev's file @attr, or return an errno.
 *
 * kernfs holds the file's active reference during ->store, and
 * unregistering the device (under RTNL) waits for it: blocking on RTNL
 * while holding it could deadlock.  So break the protection first, as 7.x
 * net-sysfs does (sysfs_rtnl_lock()), rather than spin on rtnl_trylock()
 * and restart the system call: a waiting writer then sleeps instead of
 * burning a CPU while another holds RTNL.  With the protection broken,
 * the device reference keeps the net_device, and the module reference
 * keeps this code, until new_ns_pid_unlock().  Callers check that the
 * device is still registered once RTNL is held.
 */
static int new_ns_pid_lock(struct net_device *dev, struct attribute *attr,
			   struct kernfs_node **kn)
{
	if (!try_module_get(THIS_MODULE))
		return -ENODEV;
	dev_hold(dev);
	*kn = sysfs_break_active_protection(&dev->dev.kobj, attr);
	if (!*kn) {
		/* The file is gone (we are in its ->store: not expected). */
		kobject_put(&dev->dev.kobj);
		dev_put(dev);
		module_put(THIS_MODULE);
		return -ENODEV;
	}
	rtnl_lock();
	return 0;
}

static void new_ns_pid_unlock(struct net_device *dev, struct kernfs_node *kn)
{
	rtnl_unlock();
	sysfs_unbreak_active_protection(kn);
	dev_put(dev);
	module_put(THIS_MODULE);
}

static ssize_t new_ns_pid_store(struct device *d, struct device_attribute *attr,
				const char *buf, size_t len)
{
	struct net_device *dev = to_net_dev(d);
	struct kernfs_node *kn;
	struct net *target;
	pid_t pid;
	int err;

	if (!new_ns_pid_may_leave(dev))
		return -EPERM;

	err = new_ns_pid_parse_pid(buf, len, &pid);
	if (err) {
		pr_debug("%s: invalid pid\n", netdev_name(dev));
		return err;
	}

	/* Resolved in the writer's pid namespace; holds a reference. */
	target = get_net_ns_by_pid(pid);
	if (IS_ERR(target)) {
		pr_debug("%s: no process %d\n", netdev_name(dev), pid);
		return PTR_ERR(target);
	}

	if (!ns_capable(target->user_ns, CAP_NET_ADMIN)) {
		err = -EPERM;
		goto put_target;
	}

	err = new_ns_pid_lock(dev, &attr->attr, &kn);
	if (err)
		goto put_target;

	if (new_ns_pid_unloading || dev->reg_state != NETREG_REGISTERED) {
		err = -ENODEV;
		goto unlock;
	}

	/* A namespace whose last reference is gone is being dismantled (its
	 * pernet exit handlers decide what becomes of its devices): nothing
	 * leaves or enters it any more.  sysfs can still reach such a
	 * namespace's devices (an open file, a sysfs mount hold only a
	 * passive reference); rtnetlink cannot.  The target is referenced
	 * here, so it is checked for symmetry only.
	 */
	if (!check_net(dev_net(dev)) || !check_net(target)) {
		err = -ENODEV;
		goto unlock;
	}

	/* The device may have moved since the first check. */
	if (!ns_capable(dev_net(dev)->user_ns, CAP_NET_ADMIN)) {
		err = -EPERM;
		goto unlock;
	}

	/* -EINVAL for immovable devices (lo), -EEXIST for a name taken in the
	 * target (the device stays untouched), 0 for its own namespace.
	 */
	err = dev_change_net_namespace(dev, target, NULL);
	if (err)
		pr_debug("%s: cannot move to the namespace of %d: %d\n",
			 netdev_name(dev), pid, err);

unlock:
	new_ns_pid_unlock(dev, kn);
put_target:
	put_net(target);
	if (err)
		return err;
	return len;
}
static DEVICE_ATTR_WO(new_ns_pid);

static struct attribute *new_ns_pid_attrs[] = {
	&dev_attr_new_ns_pid.attr,
	NULL
};

/* Nameless: the file sits directly in the device's directory. */
static const struct attribute_group new_ns_pid_group = {
	.attrs = new_ns_pid_attrs,
};

/* Give the file to the root of the user namespace owning the device's
 * namespace, as net-sysfs does for its own files.  Returns -ENOENT when
 * the device does not have the file yet.
 */
static int new_ns_pid_chown(struct net_device *dev)
{
	kuid_t uid = GLOBAL_ROOT_UID;
	kgid_t gid = GLOBAL_ROOT_GID;

	net_ns_get_ownership(dev_net(dev), &uid, &gid);
	return sysfs_group_change_owner(&dev->dev.kobj, &new_ns_pid_group,
					uid, gid);
}

static void new_ns_pid_add(struct net_device *dev)
{
	int err;

	/* NETDEV_REGISTER comes for a new device, for every device when the
	 * notifier is registered, and at the end of every namespace move.
	 * After a move the file is already there (the kobject was renamed,
	 * not recreated) but still has the old namespace's owner.
	 */
	err = new_ns_pid_chown(dev);
	if (err == -ENOENT)
		err = sysfs_create_group(&dev->dev.kobj, &new_ns_pid_group);
	if (err)
		pr_warn("%s: cannot set up new_ns_pid: %d\n",
			netdev_name(dev), err);
}

static int new_ns_pid_event(struct notifier_block *nb, unsigned long event,
			    void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);

	ASSERT_RTNL();

	switch (event) {
	case NETDEV_REGISTER:
		if (!new_ns_pid_unloading)
			new_ns_pid_add(dev);
		break;
	case NETDEV_UNREGISTER:
		/* A move sends NETDEV_UNREGISTER with the device still
		 * NETREG_REGISTERED: keep the file, the move may have been
		 * started by writing it and removing it would wait for
		 * ourselves.
		 */
		if (new_ns_pid_unloading ||
		    dev->reg_state == NETREG_UNREGISTERING)
			sysfs_remove_group(&dev->dev.kobj, &new_ns_pid_group);
		break;
	}

	/* Never veto: an error would fail the device's registration. */
	return NOTIFY_DONE;
}

static struct notifier_block new_ns_pid_notifier = {
	.notifier_call = new_ns_pid_event,
};

static int __init new_ns_pid_init(void)
{
	/* Adds the file to every existing device in every namespace. */
	return register_netdevice_notifier(&new_ns_pid_notifier);
}

static void __exit new_ns_pid_exit(void)
{
	rtnl_lock();
	new_ns_pid_unloading = true;
	rtnl_unlock();

	/* Removes the file from every device in every namespace. */
	unregister_netdevice_notifier(&new_ns_pid_notifier);
}

module_init(new_ns_pid_init);
module_exit(new_ns_pid_exit);

MODULE_AUTHOR("netns-sysfs project");
MODULE_DESCRIPTION("Move a network device to a process's namespace through sysfs");
MODULE_LICENSE("GPL");
