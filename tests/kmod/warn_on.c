// SPDX-License-Identifier: GPL-2.0
/*
 * warn_on - a test-only module whose init triggers one WARN_ON().
 *
 * tests/selftest/harness.t loads it in a VM to prove that the dmesg guard
 * of tests/harness/run-vm turns a kernel warning into a failed run.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bug.h>
#include <linux/module.h>

static int __init warn_on_init(void)
{
	pr_info("triggering a deliberate warning\n");
	WARN_ON(1);
	return 0;
}

static void __exit warn_on_exit(void)
{
}

module_init(warn_on_init);
module_exit(warn_on_exit);

MODULE_DESCRIPTION("netns-sysfs test: one deliberate WARN_ON()");
MODULE_LICENSE("GPL");
