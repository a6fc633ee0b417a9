// SPDX-License-Identifier: GPL-2.0
/*
 * etun - the 2007 control files:
 *
 *   echo etun0,etun1 > /sys/module/etun/parameters/newif
 *   echo etun0 > /sys/module/etun/parameters/delif
 *
 * They are module_attributes that init adds to the module's "parameters"
 * directory as its last step, and that exit removes as its first, rather
 * than module_param_cb() .set callbacks:
 * - ->store() gets the byte count, so "a,b\0junk" is refused instead of
 *   being read as the C string "a,b";
 * - they exist only while the module is initialised: sysfs removal waits
 *   for running writers and makes later writes on still-open files fail
 *   with -ENODEV, so no pair is created behind a dying module and no
 *   ready flag is needed.  (etun has no other visible parameter, so the
 *   "parameters" directory is ours.)
 * For load time, "newif" is also a hidden (mode 0) module parameter:
 * "modprobe etun newif=a,b" stores the names and init creates the pair.
 * "delif" has no load-time form: no pair exists before the module.
 *
 * Writers are serialized by RTNL, taken with rtnl_lock(): nothing that
 * holds RTNL waits for these files.  /sys/module is not namespaced, so a
 * request applies to the writer's network namespace and needs
 * CAP_NET_ADMIN over it.  User mistakes are returned as one errno and
 * only logged with pr_debug().
 */
#include <linux/capability.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/netdevice.h>
#include <linux/nsproxy.h>
#include <linux/rtnetlink.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/sysfs.h>
#include <net/net_namespace.h>

#include "etun.h"

/*
 * Names from the "newif" load parameter.  Written only by parse_args()
 * before etun_init() runs (the parameter has no sysfs file), read once by
 * etun_ctl_init(): no locking needed.
 */
static char etun_boot_names[2][IFNAMSIZ];
static bool etun_boot_pending;

/*
 * One device name of len bytes at s, copied NUL-terminated to name:
 * dev_valid_name() rules (1..15 bytes, not "." or "..", no '/', ':' or
 * whitespace) made stricter: printable ASCII only, and no '%' (a
 * dev_alloc_name() pattern) or ',' (our separator).
 */
static int etun_parse_name(const char *s, size_t len, char *name)
{
	size_t i;

	if (!len || len >= IFNAMSIZ)
		return -EINVAL;

	for (i = 0; i < len; i++) {
		if (s[i] <= ' ' || s[i] > '~' || strchr("/:%,", s[i]))
			return -EINVAL;
	}

	memcpy(name, s, len);
	name[len] = '\0';
	return dev_valid_name(name) ? 0 : -EINVAL;
}

/* Drop one trailing newline; refuse NUL bytes anywhere. */
static int etun_parse_line(const char *buf, size_t count, size_t *len)
{
	if (count && buf[count - 1] == '\n')
		count--;
	if (memchr(buf, '\0', count))
		return -EINVAL;
	*len = count;
	return 0;
}

/* "NAME,NAME" with two different names. */
static int etun_parse_pair(const char *buf, size_t count,
			   char *name0, char *name1)
{
	const char *comma;
	size_t len;
	int err;

	err = etun_parse_line(buf, count, &len);
	if (err)
		return err;

	comma = memchr(buf, ',', len);
	if (!comma)
		return -EINVAL;

	err = etun_parse_name(buf, comma - buf, name0);
	if (err)
		return err;

	err = etun_parse_name(comma + 1, buf + len - comma - 1, name1);
	if (err)
		return err;

	return strcmp(name0, name1) ? 0 : -EINVAL;
}

/*
 * The writer's namespace: stable for the whole write, since only a task
 * itself changes its nsproxy, and referenced by it.
 */
static struct net *etun_writer_net(void)
{
	return current->nsproxy->net_ns;
}

static ssize_t
newif_store(const struct module_attribute *attr,
	    struct module_kobject *mk, const char *buf, size_t count)
{
	char name0[IFNAMSIZ], name1[IFNAMSIZ];
	struct net *net = etun_writer_net();
	int err;

	if (!ns_capable(net->user_ns, CAP_NET_ADMIN))
		return -EPERM;

	err = etun_parse_pair(buf, count, name0, name1);
	if (err) {
		pr_debug("newif: expected NAME,NAME with two valid names\n");
		return err;
	}

	rtnl_lock();
	err = etun_newif(net, name0, name1);
	rtnl_unlock();
	if (err) {
		pr_debug("newif: cannot create %s,%s: %d\n", name0, name1, err);
		return err;
	}
	return count;
}

static ssize_t
delif_store(const struct module_attribute *attr,
	    struct module_kobject *mk, const char *buf, size_t count)
{
	struct net *net = etun_writer_net();
	char name[IFNAMSIZ];
	size_t len;
	int err;

	if (!ns_capable(net->user_ns, CAP_NET_ADMIN))
		return -EPERM;

	err = etun_parse_line(buf, count, &len);
	if (!err)
		err = etun_parse_name(buf, len, name);
	if (err) {
		pr_debug("delif: expected one valid device name\n");
		return err;
	}

	rtnl_lock();
	err = etun_delif(net, name);
	rtnl_unlock();
	if (err) {
		pr_debug("delif: cannot destroy %s: %d\n", name, err);
		return err;
	}
	return count;
}

static struct module_attribute etun_attr_newif = __ATTR_WO(newif);
static struct module_attribute etun_attr_delif = __ATTR_WO(delif);

static struct attribute *etun_ctl_attrs[] = {
	&etun_attr_newif.attr,
	&etun_attr_delif.attr,
	NULL,
};

static const struct attribute_group etun_ctl_group = {
	.name	= "parameters",
	.attrs	= etun_ctl_attrs,
};

static int etun_param_newif_set(const char *val, const struct kernel_param *kp)
{
	int err;

	err = etun_parse_pair(val, strlen(val), etun_boot_names[0],
			      etun_boot_names[1]);
	if (err)
		return err;

	etun_boot_pending = true;
	return 0;
}

static const struct kernel_param_ops etun_param_newif_ops = {
	.set	= etun_param_newif_set,
};

module_param_cb(newif, &etun_param_newif_ops, NULL, 0);
MODULE_PARM_DESC(newif, "NAME,NAME: create a linked pair (write-only)");

int etun_ctl_init(void)
{
	int err;

	if (etun_boot_pending) {
		/* init runs in the context of the loading process. */
		rtnl_lock();
		err = etun_newif(etun_writer_net(), etun_boot_names[0],
				 etun_boot_names[1]);
		rtnl_unlock();
		if (err) {
			pr_debug("newif: cannot create %s,%s at load: %d\n",
				 etun_boot_names[0], etun_boot_names[1], err);
			return err;
		}
	}

	/* The caller's unwind destroys the pair above on failure. */
	return sysfs_create_group(&THIS_MODULE->mkobj.kobj, &etun_ctl_group);
}

void etun_ctl_exit(void)
{
	sysfs_remove_group(&THIS_MODULE->mkobj.kobj, &etun_ctl_group);
}
