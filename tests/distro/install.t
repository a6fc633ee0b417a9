#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/distro/install.t - in the VM of tests/distro/run, whose root is a
# Debian SUITE root (DISTRO_SUITE, e.g. trixie) booting SUITE's own
# kernel: install the packages of make deb with apt-get as a user of that
# release would, let DKMS build the modules, load them by name, run the
# seed's three commands and check what they did, and add an etun pair
# with SUITE's own ip through the packaged plugin.  The root is
# read-only under a throw-away overlay: nothing reaches the chroot.
#
# Run as root in the guest of tests/harness/run-vm --root, by
# tests/harness/suite.

. "$(dirname "$0")/../lib/common.sh"
cd "$REPO" || exit 125

# The system's programs only: tests/harness/suite puts the tree's
# netunshare first in PATH, and this test is about the packaged ones.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
export DEBIAN_FRONTEND=noninteractive
kver=$(uname -r)
# the release as an ERE: its "." and "+" (6.12.118+deb13-amd64) literal
kre=${kver//./\\.}
kre=${kre//+/\\+}
logdir=${VM_OUT:-/tmp}
ns_pid=

# dkms needs /dev/fd for its <(...); run-vm's guest has a bare devtmpfs.
[ -e /dev/fd ] || ln -s /proc/self/fd /dev/fd
# man-db's index update on every install is slow over 9p (Debian's
# build chroots switch it off the same way).
rm -f /var/lib/man-db/auto-update

# (not "pid": common.sh's exit handler has a local of that name)
cleanup()
{
	[ -z "$ns_pid" ] || kill "$ns_pid" 2>/dev/null
}

# run LOG CMD... - CMD's output into LOG (kept in VM_OUT); its end on failure
run()
{
	local log=$logdir/$1 rc=0

	shift
	"$@" >"$log" 2>&1 || rc=$?
	[ "$rc" = 0 ] || { tail -n 40 "$log"; echo "(status $rc, log: $log)"; }
	return "$rc"
}

# --- the system is SUITE's ---------------------------------------------------

t_is "the guest's root is Debian ${DISTRO_SUITE:-?}" \
	"$(. /etc/os-release && echo "$VERSION_CODENAME")" "${DISTRO_SUITE:-unset}"
t_is "the kernel is the one make deps found (run-vm's KVER)" "$kver" \
	"${KVER:-unset}"
t_ok "linux-headers for $kver (unpacked by make deps)" \
	test -e "/lib/modules/$kver/build/Makefile"
t_diag "dkms $(dpkg-query -W -f '${Version}' dkms 2>&1)," \
	"iproute2 $(dpkg-query -W -f '${Version}' iproute2 2>&1)"
t_fail "before: modprobe knows no etun module" modinfo etun

# --- install -----------------------------------------------------------------

mapfile -t debs < <(ls "$REPO"/.build/deb/*.deb 2>/dev/null)
t_ok "make deb built packages (${#debs[@]}: ${debs[*]##*/})" \
	test ${#debs[@]} -ge 2
pkgs=()
for d in "${debs[@]}"; do
	pkgs+=("$(dpkg-deb -f "$d" Package)")
done
start=$SECONDS
t_ok "apt-get install ./*.deb (${pkgs[*]})" \
	run distro-install.log apt-get install -y "${debs[@]}"
t_diag "apt-get install took $((SECONDS - start)) s, DKMS's build included"
for p in "${pkgs[@]}"; do
	t_match "dpkg: $p is installed" \
		"$(dpkg-query -W -f '${Status}' "$p" 2>&1)" '^install ok installed$'
done
t_match "dkms status: netns-sysfs installed for $kver" \
	"$(dkms status -m netns-sysfs -k "$kver" 2>&1)" \
	"^netns-sysfs/[^,]*, $kre, [^:]*: installed"
for m in etun new_ns_pid; do
	t_match "modinfo -n $m: DKMS's, for $kver" "$(modinfo -n "$m" 2>&1)" \
		"^/(usr/)?lib/modules/$kre/updates/dkms/$m\\.ko(\\.[a-z]+)?$"
	t_ok "modprobe $m (by name)" modprobe "$m"
	t_ok "$m is loaded" test -d "/sys/module/$m"
done

# --- the seed's three commands -----------------------------------------------

t_ok "echo etun0,etun1 > /sys/module/etun/parameters/newif" \
	sh -c 'echo etun0,etun1 >/sys/module/etun/parameters/newif'
t_match "newif created the pair etun0@etun1" \
	"$(ip -o link show etun0 2>&1)" '^[0-9]+: etun0@etun1: '
t_match "... of etun devices" "$(ip -d -o link show etun1 2>&1)" ' etun '

unshare -n sleep 600 &
ns_pid=$!
t_ok "a process in a new network namespace" poll 10 other_netns "$ns_pid"
t_ok "echo \$PID > /sys/class/net/etun1/new_ns_pid" \
	sh -c "echo $ns_pid >/sys/class/net/etun1/new_ns_pid"
t_fail "etun1 left this namespace" ip link show etun1
t_ok "etun1 is in the process's namespace" \
	nsenter -t "$ns_pid" -n ip link show etun1
t_ok "echo etun0 > /sys/module/etun/parameters/delif" \
	sh -c 'echo etun0 >/sys/module/etun/parameters/delif'
t_fail "delif destroyed etun0" ip link show etun0
t_fail "... and its peer etun1, in the other namespace" \
	nsenter -t "$ns_pid" -n ip link show etun1
kill "$ns_pid"
wait "$ns_pid" 2>/dev/null
ns_pid=

# --- SUITE's ip with the packaged plugin -------------------------------------

iproute2=$(dpkg-query -W -f '${Version}' iproute2 2>&1)
t_match "ip is the installed iproute2's, ${iproute2%%-*}" "$(ip -V 2>&1)" \
	"iproute2-${iproute2%%-*}"
# (not "a": ip takes it for "address")
t_ok "ip link add eta type etun peer name etb" \
	ip link add eta type etun peer name etb
t_match "eta's peer is etb" "$(ip -o link show eta 2>&1)" '^[0-9]+: eta@etb: '
t_match "etb is an etun device" "$(ip -d -o link show etb 2>&1)" ' etun '
t_ok "ip link del eta" ip link del eta
t_fail "... deletes etb too" ip link show etb
t_ok "modprobe -r etun new_ns_pid" modprobe -r etun new_ns_pid

t_done
