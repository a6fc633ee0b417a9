// SPDX-License-Identifier: GPL-2.0
/*
 * use_after_free - a test-only module whose init reads freed memory.
 *
 * tests/selftest/debug-lane.t loads it in a debug-kernel VM to prove that
 * KASAN (and panic_on_warn) turn a use-after-free into a failed run.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/compiler.h>
#include <linux/module.h>
#include <linux/slab.h>

static int __init use_after_free_init(void)
{
	char *p = kmalloc(64, GFP_KERNEL);

	if (!p)
		return -ENOMEM;
	p[0] = 'x';
	kfree(p);
	/* hide the pointer from the compiler, which knows it is freed */
	OPTIMIZER_HIDE_VAR(p);
	pr_info("reading freed memory: %d\n", READ_ONCE(p[0]));
	return 0;
}

static void __exit use_after_free_exit(void)
{
}

module_init(use_after_free_init);
module_exit(use_after_free_exit);

MODULE_DESCRIPTION("netns-sysfs test: one deliberate use-after-free");
MODULE_LICENSE("GPL");
