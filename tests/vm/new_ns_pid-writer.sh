#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# new_ns_pid-writer.sh - one writer of new_ns_pid-concurrency.t.
#
#   new_ns_pid-writer.sh WR SECONDS RESULT DEVS PIDS CHURN
#
# For SECONDS, repeatedly picks one of the devices DEVS (space separated)
# that is visible in this process's /sys/class/net and writes to its
# new_ns_pid the pid of one of the PIDS (space separated) or, for eth1
# only, the pid read from the file CHURN (a namespace that comes and goes).
# Writes are bash builtins (no fork: more races per second).  A shell
# redirection opens with O_CREAT, which turns a file that vanished into
# EACCES: such a write is done again by WR (tests/tools/wr), which opens
# without O_CREAT and names the errno.
#
# Prints "ok=N expected=N bad=N" to RESULT, then the unexpected errors.
# Expected failures: the file vanished (the device moved away or the module
# was unloaded: ENOENT), the file is being removed, the device is being
# unregistered or the module is going (ENODEV), the target process died
# (ESRCH), and for the flapping device nmz only, its name is taken in the
# target (EEXIST).

set -u

wr=$1
end=$((SECONDS + $2))
result=$3
read -r -a devs <<<"$4"
read -r -a pids <<<"$5"
churn=$6
errf=$result.err
ok=0 expected=0 bad=0 badlog=

while [ "$SECONDS" -lt "$end" ]; do
	vis=()
	for dev in "${devs[@]}"; do
		[ ! -e "/sys/class/net/$dev/new_ns_pid" ] || vis+=("$dev")
	done
	if [ "${#vis[@]}" = 0 ]; then
		# Nothing of ours in this namespace right now: do not spin.
		sleep 0.05
		continue
	fi
	dev=${vis[RANDOM % ${#vis[@]}]}
	file=/sys/class/net/$dev/new_ns_pid
	target=${pids[RANDOM % ${#pids[@]}]}
	if [ "$dev" = eth1 ] && [ $((RANDOM % 2)) = 0 ]; then
		read -r target <"$churn" 2>/dev/null || continue
	fi
	if printf '%s\n' "$target" 2>"$errf" >"$file"; then
		ok=$((ok + 1))
		continue
	fi
	read -r err <"$errf"
	case $err in
	*"No such file or directory" | *"No such device" | *"No such process")
		err=EXPECTED ;;
	*"Permission denied")
		err=$("$wr" "$file" "$target") ;;
	*"File exists")
		# The flapping device is re-created while an old one lingers
		# elsewhere: its name can be taken in the target.
		[ "$dev" != nmz ] || err=EXPECTED ;;
	esac
	case $err in
	OK)
		ok=$((ok + 1))
		;;
	EXPECTED | ENOENT | ENODEV | ESRCH)
		expected=$((expected + 1))
		;;
	*)
		bad=$((bad + 1))
		badlog+="$dev -> $target: $err"$'\n'
		;;
	esac
done

{
	echo "ok=$ok expected=$expected bad=$bad"
	printf '%s' "$badlog"
} >"$result"
rm -f "$errf"
