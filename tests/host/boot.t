#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# boot.t - make deps (and so make check and make demo) leaves the host's
# boot as it was: the files under /boot, the boot loader's configuration
# and the installed kernel images (scripts/boot-state) are what
# scripts/install-deps recorded before installing anything.

. "$(dirname "$0")/../lib/common.sh"

before=$REPO/.build/boot-state.before
if [ -n "${VM_OUT:-}" ]; then
	# the VM sees the host's /boot through 9p: the host's run checks it
	t_skip "make deps left the boot as it was" "in the VM"
elif [ ! -s "$before" ]; then
	t_skip "make deps left the boot as it was" "make deps has not run"
else
	t_is "make deps left /boot, the boot loader and the kernels as they were" \
		"$("$REPO/scripts/boot-state")" "$(cat "$before")"
fi
t_done
