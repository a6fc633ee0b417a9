// SPDX-License-Identifier: GPL-2.0
/*
 * leak - a test-only module whose init allocates memory and forgets it.
 *
 * tests/selftest/debug-lane.t loads it in a debug-kernel VM to prove that
 * the kmemleak scans at the end of a run turn a leak into a failed run.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/compiler.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>

static int __init leak_init(void)
{
	char *p = kmalloc(1024, GFP_KERNEL);

	if (!p)
		return -ENOMEM;
	memset(p, 0x5a, 1024);
	/* the only reference is dropped here: nothing ever frees it */
	OPTIMIZER_HIDE_VAR(p);
	pr_info("leaking 1024 bytes\n");
	p = NULL;
	return 0;
}

static void __exit leak_exit(void)
{
}

module_init(leak_init);
module_exit(leak_exit);

MODULE_DESCRIPTION("netns-sysfs test: one deliberate memory leak");
MODULE_LICENSE("GPL");
