#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# netunshare: what a user of unshare(1) and ip-netns(8) would expect,
# asserted for real.  Runs as root on the host and in the VM; needs no
# module (--move falls back to rtnetlink without new_ns_pid).
#
#   [ home: a scratch netns, ip netns exec'd ]
#     va ===veth=== vb
#     | netunshare -m va
#     v
#   [ new netns: lo (DOWN), va ] --exec--> COMMAND, in its own mount
#                                  namespace with the new netns' /sys
#
# Every failure is checked for its status, its whole stderr and the whole
# device list of the namespaces involved.

. "$(dirname "$0")/../lib/common.sh"

nu=${NETUNSHARE:-$REPO/tools/netunshare/netunshare}
home=nu-home-$$
name=nu-test-$$
hostveth=nuv$$

cleanup()
{
	umount "$TMP/ns" "$TMP/keep" 2>/dev/null
	ip netns del "$name" 2>/dev/null
	ip netns del "$home" 2>/dev/null
	ip link del "$hostveth" 2>/dev/null
	rm -rf "/run/netns/$name.d"
}

inhome() { ip netns exec "$home" "$@"; }

# --- options and usage errors: util-linux's texts -------------------------
nu_run "$nu" --help
t_is "--help exits 0" "$rc" 0
t_match "--help shows the usage line" "$out" '^Usage: netunshare \[options\] \[--\] \[COMMAND \[ARG\]\.\.\.\]'
t_match "--version prints the version" "$("$nu" --version)" '^netunshare [0-9]+\.[0-9]+'
try="Try 'netunshare --help' for more information."
usage_case() # DESC WANT-FIRST-LINE ARGS...
{
	local desc=$1 want=$2

	shift 2
	nu_run "$nu" "$@"
	t_is "$desc: 125" "$rc" 125
	t_is "... the whole stderr" "$err" "$want"$'\n'"$try"
}
usage_case "an unknown long option" \
	"netunshare: unrecognized option '--bogus'" --bogus true
usage_case "an unknown short option" \
	"netunshare: invalid option -- 'q'" -q true
usage_case "an argument to --loopback" \
	"netunshare: option '--loopback' doesn't allow an argument" --loopback=x true
usage_case "an argument to --keep-mounts" \
	"netunshare: option '--keep-mounts' doesn't allow an argument" --keep-mounts=1 true
usage_case "-p without its argument" \
	"netunshare: option requires an argument -- 'p'" -p
usage_case "--persist without its argument" \
	"netunshare: option '--persist' requires an argument" --persist
usage_case "--name without its argument" \
	"netunshare: option '--name' requires an argument" --name
usage_case "an ambiguous abbreviation" \
	"netunshare: option '--ve' is ambiguous; possibilities: '--verbose' '--version'" --ve
usage_case "an empty --persist file" \
	"netunshare: --persist: '' is not a valid file name" -p '' true
usage_case "--name with a slash" \
	"netunshare: --name: 'a/b' is not a valid netns name" --name a/b true
usage_case "--name .." \
	"netunshare: --name: '..' is not a valid netns name" --name .. true
usage_case "--persist and --name together" \
	"netunshare: --name: only one --persist or --name" -p "$TMP/x" --name x true
usage_case "a bad --move name" \
	"netunshare: --move: 'a/b' is not a device name" -m a/b true
usage_case "a bad --etun pair" \
	"netunshare: --etun: 'a' is not HOST,PEER" -e a true
cd "$TMP" || exit 1
usage_case "-p -- COMMAND (the -- meant to end the options)" \
	"netunshare: --persist: '--' looks like an option (a file: ./--)" -p -- true
cd - >/dev/null || exit 1
t_fail "... made no file named --" test -e "$TMP/--"

# --- a new namespace ---------------------------------------------------------------
parent=$(readlink /proc/self/ns/net)
child=$("$nu" -- readlink /proc/self/ns/net)
t_match "COMMAND runs in a network namespace" "$child" '^net:\[[0-9]+\]$'
t_ok "... which is not the caller's" test -n "$child" -a "$child" != "$parent"
t_is "the new namespace has exactly lo" "$("$nu" -- bash -c names)" "lo "
t_match "... and it is DOWN" "$("$nu" -- ip -o link show lo)" '<LOOPBACK> .* state DOWN'
rc=0; "$nu" -- ping -c1 -W1 127.0.0.1 >/dev/null 2>&1 || rc=$?
t_match "... so ping 127.0.0.1 fails (ping's status, not ours)" "$rc" '^[12]$'
t_match "-l brings lo UP" "$("$nu" -l -- ip -o link show lo)" '<LOOPBACK,UP,LOWER_UP>'
t_ok "-l: ping 127.0.0.1 works" "$nu" --loopback -- ping -c1 -W2 127.0.0.1
t_is "options after COMMAND are COMMAND's" "$("$nu" echo -l -p x)" "-l -p x"
t_is "without COMMAND, \$SHELL runs" \
	"$(echo 'readlink /proc/self/ns/net' | SHELL=/bin/sh "$nu" | grep -c net:)" 1
t_is "without COMMAND and \$SHELL, /bin/sh runs" \
	"$(echo 'echo sh-ran' | env -u SHELL "$nu")" sh-ran

# --- the seed's /sys view -------------------------------------------------------------
t_is "/sys/class/net lists exactly what ip link lists (lo)" \
	"$("$nu" -- sh -c 'ls /sys/class/net | sort | tr "\n" " "' | t_fb_strip |
		tr '\n' ' ')" "$("$nu" -- bash -c names | t_fb_strip | tr '\n' ' ')"
t_is "... and a device created inside appears there only" \
	"$("$nu" -- sh -c 'ip link add nuin0 type veth peer name nuin1 &&
		ls /sys/class/net/nuin0/ifindex /sys/class/net/nuin1/ifindex')" \
	"/sys/class/net/nuin0/ifindex
/sys/class/net/nuin1/ifindex"
t_fail "... not in the caller's /sys" test -e /sys/class/net/nuin0
t_is "/sys/module is there, as the caller's" \
	"$("$nu" -- sh -c 'printf "%s " /sys/module/*')" "$(printf '%s ' /sys/module/*)"
submounts() { findmnt -rn -o TARGET,FSTYPE,OPTIONS -R /sys | tail -n +2; }
export -f submounts
t_is "the mounts on /sys are kept (cgroup, debugfs, ...), with their options" \
	"$("$nu" -- bash -c submounts)" "$(submounts)"
t_ok "COMMAND has a mount namespace of its own" test \
	"$("$nu" -- readlink /proc/self/ns/mnt)" != "$(readlink /proc/self/ns/mnt)"
before=$(cut -d' ' -f5 /proc/self/mountinfo | sort)
"$nu" -- sh -c "mount -t tmpfs nu-leak $TMP && mount -t tmpfs nu-leak /mnt"
t_is "nothing mounted inside reaches the caller" \
	"$(cut -d' ' -f5 /proc/self/mountinfo | sort)" "$before"
t_is "... nor did the new /sys" "$(findmnt -rn -o FSTYPE /sys)" sysfs
t_is "--keep-mounts: the caller's mount namespace" \
	"$("$nu" --keep-mounts -- readlink /proc/self/ns/mnt)" \
	"$(readlink /proc/self/ns/mnt)"
t_is "... and the caller's /sys/class/net" \
	"$("$nu" -k -- sh -c 'printf "%s " /sys/class/net/*')" \
	"$(printf '%s ' /sys/class/net/*)"
t_match "a read-only /sys gives a read-only /sys" \
	"$(unshare -m sh -c "mount -o remount,bind,ro /sys && \
		'$nu' -- findmnt -rn -o OPTIONS /sys")" '^ro,'
t_match "a user namespace's root gets its own /sys too" \
	"$(unshare -U -r "$nu" -- sh -c 'ls /sys/class/net; findmnt -rn -o FSTYPE /sys | tail -n 1' |
		t_fb_strip | tr '\n' ' ')" '^lo sysfs $'

# --- --persist --------------------------------------------------------------------
inner=$("$nu" -l -p "$TMP/ns" -- sh -c \
	'ip addr add 192.0.2.1/32 dev lo && readlink /proc/self/ns/net')
t_match "-p FILE: COMMAND ran" "$inner" '^net:\[[0-9]+\]$'
t_ok "... FILE is a mount point after COMMAND exited" mountpoint -q "$TMP/ns"
t_match "... nsenter --net=FILE enters it (the address is there)" \
	"$(nsenter --net="$TMP/ns" ip -o -4 addr show dev lo)" '192\.0\.2\.1/32'
t_is "... it is the namespace COMMAND ran in" \
	"$(nsenter --net="$TMP/ns" readlink /proc/self/ns/net)" "$inner"
nu_run "$nu" -p "$TMP/ns" true
t_is "-p on a FILE already holding a namespace: 125" "$rc" 125
t_is "... saying so" "$err" \
	"netunshare: $TMP/ns: a namespace is already mounted on it (ip netns del, or umount it)"
t_is "... and FILE holds one mount, the first namespace" \
	"$(findmnt -rn -o TARGET "$TMP/ns" | wc -l) $(nsenter --net="$TMP/ns" readlink /proc/self/ns/net)" \
	"1 $inner"
umount "$TMP/ns"

echo secret >"$TMP/target"
ln -s "$TMP/target" "$TMP/link"
nu_run "$nu" -p "$TMP/link" true
t_is "-p on a symbolic link: 125" "$rc" 125
t_is "... saying so" "$err" "netunshare: $TMP/link: is a symbolic link (not followed)"
t_fail "... its target was not mounted over" mountpoint -q "$TMP/target"
t_is "... and is intact" "$(cat "$TMP/target")" secret
ln -s "$TMP/nonexistent" "$TMP/dangling"
nu_run "$nu" -p "$TMP/dangling" true
t_is "-p on a dangling symbolic link: 125, refused" "$rc $err" \
	"125 netunshare: $TMP/dangling: is a symbolic link (not followed)"
t_fail "... which created nothing" test -e "$TMP/nonexistent"

nu_run "$nu" -p "$TMP/no/such/dir/ns" true
t_is "-p into a missing directory (not below /run/netns): 125" "$rc" 125
t_is "... saying why" "$err" \
	"netunshare: $TMP/no/such/dir/ns: cannot create: No such file or directory"
t_fail "... creating no directory" test -e "$TMP/no"
t_ok "-p below /run/netns creates the missing directories" \
	"$nu" -p "/run/netns/$name.d/sub/ns" true
t_ok "... and mounts the namespace there" mountpoint -q "/run/netns/$name.d/sub/ns"
umount "/run/netns/$name.d/sub/ns"
rm -rf "/run/netns/$name.d"
nu_run "$nu" -p "/run/netns/../$name-escape" true
t_is "-p /run/netns/../x: refused" "$rc $err" \
	"125 netunshare: /run/netns/../$name-escape: '.', '..' or '//' below /run/netns"
t_fail "... nothing created" test -e "/run/$name-escape"

# --- --name: ip netns' own ------------------------------------------------------------
t_ok "--name NAME runs COMMAND" "$nu" -l --name "$name" -- \
	ip addr add 192.0.2.7/32 dev lo
t_match "... ip netns list shows NAME" "$(ip netns list)" "(^|"$'\n'")$name( |$)"
t_match "... ip netns exec NAME enters it" \
	"$(ip netns exec "$name" ip -o -4 addr show dev lo)" '192\.0\.2\.7/32'
nu_run "$nu" --name "$name" true
t_is "--name of an existing namespace: 125" "$rc" 125
t_is "... saying so, as ip netns add does" "$err" \
	"netunshare: /run/netns/$name: cannot create: File exists"
t_match "... which is left as it was" \
	"$(ip netns exec "$name" ip -o -4 addr show dev lo)" '192\.0\.2\.7/32'
t_ok "... ip netns del NAME removes it" ip netns del "$name"
t_fail "... /run/netns/NAME is gone" test -e "/run/netns/$name"
# A freshly booted host: no /run/netns (as the man page's EXAMPLES assume).
t_is "--name on a host without /run/netns: ip netns finds it" \
	"$(unshare -m sh -c "mount -t tmpfs nu-run /run &&
		'$nu' --name '$name' true && ip netns list &&
		findmnt -rn -o TARGET,PROPAGATION -T /run/netns | tail -n 1 &&
		ip netns del '$name' && ls -A /run/netns")" \
	"$name
/run/netns shared"

# --- all or nothing, undone exactly once ----------------------------------------------
ip netns add "$home" || { t_diag "ip netns add failed"; exit 1; }
# A fresh va/vb in home, and home's device list then: a veth moved into a
# namespace that died is gone, with its peer.
fresh_pair()
{
	inhome ip link del va 2>/dev/null
	# A namespace that died with va frees the pair later (cleanup_net).
	poll 10 inhome test ! -e /sys/class/net/vb >/dev/null
	inhome ip link add va type veth peer name vb
	home_before=$(inhome bash -c t_linkset)
}
fresh_pair
printf '#!%s\n' /no/such/interpreter >"$TMP/badinterp"
printf '#!%s\n' /tmp >"$TMP/dirinterp"
chmod 0755 "$TMP/badinterp" "$TMP/dirinterp"
# How a move fails: through the new_ns_pid file when its module is loaded.
if inhome test -e /sys/class/net/lo/new_ns_pid; then
	lo_fails="netunshare: --move lo: /sys/class/net/lo/new_ns_pid: Invalid argument"
else
	lo_fails="netunshare: --move lo: cannot move lo into the new namespace: Invalid argument"
fi

t_is "-m va: the new namespace holds lo and va" \
	"$(inhome "$nu" -m va -- bash -c names)" "lo va "
fresh_pair
t_is "... whose /sys/class/net lists them too" \
	"$(inhome "$nu" -m va -- ls /sys/class/net | t_fb_strip | tr '\n' ' ')" "lo va "
t_is "... which died with va in it: the veth pair is gone, as with ip netns" \
	"$(poll 5 inhome test ! -e /sys/class/net/vb >/dev/null
		inhome bash -c names)" "lo "
fresh_pair

nu_run inhome "$nu" -m va -m lo -- touch "$TMP/ran"
t_is "a failing step (-m lo): 125" "$rc" 125
t_is "... the whole stderr: the failure, no cleanup error" "$err" "$lo_fails"
t_fail "... COMMAND did not run" test -e "$TMP/ran"
t_is "... the home namespace is as before (va moved back)" \
	"$(inhome bash -c t_linkset)" "$home_before"

nu_run inhome "$nu" -v -m va -m lo -- touch "$TMP/ran"
t_is "-v: each step and its undo, once" \
	"$(sed 's/net:\[[0-9]*\]/net:[N]/; s/(rtnetlink: .*)$/(VIA)/; s/(new_ns_pid)$/(VIA)/' <<<"$err")" \
	"netunshare: new network namespace net:[N]
netunshare: moved va into the new namespace (VIA)
$lo_fails
netunshare: undo: moved va back"

nu_run inhome "$nu" -m va -p "$TMP/ns2" -- /nonexistent/cmd
t_is "a COMMAND not found: 127 before any step" "$rc" 127
t_is "... the whole stderr" "$err" \
	"netunshare: failed to execute /nonexistent/cmd: No such file or directory"
t_fail "... -p FILE was not even created" test -e "$TMP/ns2"
t_is "... home is as before" "$(inhome bash -c t_linkset)" "$home_before"

nu_run inhome "$nu" -v -m va -- nu-no-such-command-$$
t_is "a COMMAND not in PATH: 127, nothing done (even with -v)" "$rc $err" \
	"127 netunshare: failed to execute nu-no-such-command-$$: No such file or directory"

nu_run inhome "$nu" -m va -p "$TMP/ns2" -- "$TMP/badinterp"
t_is "exec fails after the steps (missing interpreter): 127" "$rc" 127
t_is "... the whole stderr" "$err" \
	"netunshare: failed to execute $TMP/badinterp: No such file or directory"
t_is "... va was moved back" "$(inhome bash -c t_linkset)" "$home_before"
t_fail "... FILE, which netunshare created, is gone" test -e "$TMP/ns2"

touch "$TMP/keep"
nu_run inhome "$nu" -m va --persist "$TMP/keep" -- "$TMP/dirinterp"
t_is "exec fails after the steps (interpreter not executable): 126" "$rc" 126
t_is "... the whole stderr" "$err" \
	"netunshare: failed to execute $TMP/dirinterp: Permission denied"
t_is "... va was moved back" "$(inhome bash -c t_linkset)" "$home_before"
t_fail "... FILE (the caller's) is unmounted" mountpoint -q "$TMP/keep"
t_ok "... and kept" test -f "$TMP/keep"

nu_run inhome "$nu" -v -m va --name "$name" -- "$TMP/badinterp"
t_is "-v --name: exec failure undoes every step once, in reverse" \
	"$(sed 's/net:\[[0-9]*\]/net:[N]/; s/(rtnetlink: .*)$/(VIA)/; s/(new_ns_pid)$/(VIA)/; /kept the mount on/d' <<<"$err")" \
	"netunshare: created /run/netns/$name
netunshare: new network namespace net:[N]
netunshare: mounted the namespace on /run/netns/$name
netunshare: moved va into the new namespace (VIA)
netunshare: private mount namespace (a slave of the caller's)
netunshare: mounted the new namespace's sysfs on /sys
netunshare: executing $TMP/badinterp
netunshare: failed to execute $TMP/badinterp: No such file or directory
netunshare: undo: back in the caller's mount namespace
netunshare: undo: moved va back
netunshare: undo: unmounted the namespace from /run/netns/$name
netunshare: undo: removed /run/netns/$name"
t_fail "... no namespace NAME is left" test -e "/run/netns/$name"
t_is "... home is as before" "$(inhome bash -c t_linkset)" "$home_before"

# From "ip netns exec", a --name mount would stay in its mount namespace
# (as "ip netns add" there would): nsenter keeps the caller's mounts, and
# the caller's /sys, which netunshare must not trust.
nu_run nsenter --net="/run/netns/$home" "$nu" -v -m va --name "$name" true
t_is "-m va --name NAME, /sys showing another namespace: moved by rtnetlink" \
	"$(sed 's/net:\[[0-9]*\]/net:[N]/; /kept the mount on/d' <<<"$err")" \
	"netunshare: created /run/netns/$name
netunshare: new network namespace net:[N]
netunshare: mounted the namespace on /run/netns/$name
netunshare: moved va into the new namespace (rtnetlink: /sys shows another network namespace)
netunshare: private mount namespace (a slave of the caller's)
netunshare: mounted the new namespace's sysfs on /sys
netunshare: executing /usr/bin/true"
t_is "... va stays in NAME after COMMAND" \
	"$(ip netns exec "$name" bash -c names)" "lo va "
t_is "... home holds vb alone" "$(inhome bash -c names)" "lo vb "
ip netns del "$name"
fresh_pair
t_is "no descriptor of netunshare's reaches COMMAND" \
	"$(nsenter --net="/run/netns/$home" "$nu" -m va --name "$name" -- \
		ls /proc/self/fd | tr '\n' ' ')" \
	"$(nsenter --net="/run/netns/$home" ls /proc/self/fd | tr '\n' ' ')"
ip netns del "$name"

# --- exit status and signals pass through ------------------------------------------
rc=0; "$nu" -- sh -c 'exit 7' || rc=$?
t_is "COMMAND's exit status passes through (7)" "$rc" 7
# A child bash reports the status, so ours prints no "Terminated".
rc=$(bash -c '"$0" -- sh -c "kill -TERM \$\$"; echo $?' "$nu" 2>/dev/null)
t_is "a signal passes through (SIGTERM: 143)" "$rc" 143
rc=0; "$nu" true || rc=$?
t_is "success passes through (0)" "$rc" 0
pids=$(sh -c 'echo $$; exec "$0" -- sh -c "echo \$\$"' "$nu" | tr '\n' ' ')
t_match "netunshare execs COMMAND (same pid, no fork)" "$pids" '^([0-9]+) \1 $'

nu_run "$nu" -- "$TMP/noexec"
t_is "a missing COMMAND exits 127" "$rc $err" \
	"127 netunshare: failed to execute $TMP/noexec: No such file or directory"
printf 'not a program\n' >"$TMP/noexec"
chmod 0644 "$TMP/noexec"
nu_run "$nu" -- "$TMP/noexec"
t_is "a non-executable COMMAND exits 126" "$rc $err" \
	"126 netunshare: failed to execute $TMP/noexec: Permission denied"
printf 'echo script-ran\n' >"$TMP/script"
chmod 0755 "$TMP/script"
t_is "a script without #! runs with /bin/sh, as with env(1)" \
	"$("$nu" -- "$TMP/script")" script-ran

# --- without privilege: a container, a user ------------------------------------------
need="netunshare: unshare(CLONE_NEWNET): Operation not permitted (CAP_SYS_ADMIN is required)"
nu_run setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all "$nu" true
t_is "an unprivileged user gets 125" "$rc" 125
t_is "... and the reason" "$err" "$need"
nu_run unshare --net --pid --fork --mount-proc \
	setpriv --bounding-set=-all,+net_admin --inh-caps=-all "$nu" true
t_is "a container with CAP_NET_ADMIN only gets 125" "$rc" 125
t_is "... and the reason: CAP_SYS_ADMIN" "$err" "$need"
ip link add "$hostveth" type veth peer name "${hostveth}p"
caller_before=$(t_linkset)
nu_run unshare -U -r "$nu" -m "$hostveth" -- touch "$TMP/ran"
t_is "a user namespace's root cannot take the caller's device: 125" "$rc" 125
t_match "... the kernel said no" "$err" \
	"^netunshare: --move $hostveth: .*: Operation not permitted$"
t_fail "... COMMAND did not run" test -e "$TMP/ran"
t_is "... the caller's devices are as before" "$(t_linkset)" "$caller_before"
ip link del "$hostveth"

t_done
