// SPDX-License-Identifier: GPL-2.0
/*
 * sleep_in_atomic - a test-only module whose init takes a mutex (which
 * may sleep) under a spinlock.
 *
 * tests/selftest/debug-lane.t loads it in a debug-kernel VM to prove that
 * DEBUG_ATOMIC_SLEEP ("BUG: sleeping function called from invalid
 * context") turns it into a failed run.  The mutex is free, so nothing
 * actually sleeps: only the check fires.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>

static DEFINE_SPINLOCK(sleep_in_atomic_lock);
static DEFINE_MUTEX(sleep_in_atomic_mutex);

static int __init sleep_in_atomic_init(void)
{
	pr_info("taking a mutex under a spinlock\n");
	spin_lock(&sleep_in_atomic_lock);
	mutex_lock(&sleep_in_atomic_mutex);
	mutex_unlock(&sleep_in_atomic_mutex);
	spin_unlock(&sleep_in_atomic_lock);
	return 0;
}

static void __exit sleep_in_atomic_exit(void)
{
}

module_init(sleep_in_atomic_init);
module_exit(sleep_in_atomic_exit);

MODULE_DESCRIPTION("netns-sysfs test: one deliberate sleep in atomic context");
MODULE_LICENSE("GPL");
