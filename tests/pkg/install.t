#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/pkg/install.t - in the VM (tests/run pkg, after tests/pkg/build.t):
# install the packages of make deb the way a user would (apt-get install
# of the .debs, everything they need already installed, no network), use
# what they installed, purge them, and find nothing left behind.  The
# guest's root is the host's under a throw-away overlay: nothing here
# touches the host.  autopkgtest runs the packages' own tests
# (debian/tests) on the installed packages.  Also "DKMS by hand": dkms
# add of the repository.
#
# Run as root in the guest of tests/harness/run-vm, by tests/harness/suite.

. "$(dirname "$0")/../lib/common.sh"
cd "$REPO" || exit 125

# The system's programs only: tests/harness/suite puts the tree's netunshare
# first in PATH, and this test is about the packaged one.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
export DEBIAN_FRONTEND=noninteractive
version=$(cat VERSION)
debversion=$version-1
arch=$(dpkg --print-architecture)
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
kver=$(uname -r)
debdir=${PKG_DEBDIR:-$REPO/.build/deb}
debs=("$debdir/netns-sysfs-dkms_${debversion}_all.deb"
	"$debdir/netns-sysfs-utils_${debversion}_${arch}.deb")
logdir=${VM_OUT:-/tmp}
pkgs=(netns-sysfs-dkms netns-sysfs-utils)
pid=

# A real system has /dev/fd (udev or systemd makes it); run-vm's guest has
# a bare devtmpfs, and dkms needs it for its <(...).
[ -e /dev/fd ] || ln -s /proc/self/fd /dev/fd

cleanup()
{
	[ -z "$pid" ] || kill "$pid" 2>/dev/null
}

# What the packages and DKMS may leave behind, by name, listed before
# installing and after purging.  By name only: the guest sees the host's
# root live, and other work on the host may install kernels meanwhile.
snapshot()
{
	find /usr/src /lib/modules /usr/sbin /usr/share/man /usr/share/doc \
		"/usr/lib/$multiarch/ip" /var/lib/dkms /etc 2>/dev/null |
		grep -E 'netns-sysfs|netunshare|new_ns_pid|(^|/)etun[^/]*$|link_etun' |
		sort
}

# run LOG CMD... - run CMD with its output into LOG (kept in VM_OUT);
# on failure, show the end of LOG.
run()
{
	local log=$logdir/$1 rc=0

	shift
	"$@" >"$log" 2>&1 || rc=$?
	[ "$rc" = 0 ] || { tail -n 40 "$log"; echo "(status $rc, log: $log)"; }
	return "$rc"
}

seconds()
{
	date +%s.%N
}

elapsed()
{
	awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'
}

# pkg_status PKG: "STATUS VERSION", or failure when dpkg does not know PKG
pkg_status()
{
	dpkg-query -W -f "\${Status} \${Version}" "$1"
}

# pkg_absent PKG: neither installed nor its configuration files left
pkg_absent()
{
	case $(pkg_status "$1" 2>/dev/null) in
	''|*' not-installed '*) return 0 ;;
	*) pkg_status "$1"; return 1 ;;
	esac
}

# One kernel, to keep the stage's time reasonable: DKMS would also build
# for the newest installed kernel (6.12 after make deps), which under TCG
# takes about 5 more minutes with its depmod runs.  Its headers are hidden
# in the guest's throw-away overlay, which dkms reports as a kernel without
# headers and skips.  Likewise man-db's
# index update on every install and purge (slow over 9p), switched off
# the way Debian's build chroots do: /var/lib/man-db/auto-update removed.
for b in /lib/modules/*/build; do
	[ "$b" = "/lib/modules/$kver/build" ] || mv "$b" "$b.hidden-by-pkg-test"
done
rm -f /var/lib/man-db/auto-update

# --- before --------------------------------------------------------------

for deb in "${debs[@]}"; do
	t_ok "built by make deb: $(basename "$deb")" test -f "$deb"
done
t_ok "linux-headers for the running kernel $kver" \
	test -e "/lib/modules/$kver/build/Makefile"
t_fail "before: modprobe knows no etun module" modinfo etun
for p in "${pkgs[@]}"; do
	t_ok "before: $p is not installed" pkg_absent "$p"
done
snapshot >"$TMP/before"

# --- install -------------------------------------------------------------

start=$(seconds)
# Everything they depend on is installed (scripts/install-deps), and the
# guest has no network.  (apt-get's --no-download would not do: with it,
# apt 2.6 hands dpkg the bare names of local .debs and fails.)
t_ok "apt-get install ./netns-sysfs-dkms*.deb ./netns-sysfs-utils*.deb" \
	run pkg-install.log apt-get install -y "${debs[@]}"
t_diag "apt-get install took $(elapsed "$start" "$(seconds)") s" \
	"(dkms: Building for $(sed -n 's/^Building for //p' \
		"$logdir/pkg-install.log" | tr -d '\n'); see pkg-install.log)"
dpkg -L "${pkgs[@]}" >"$TMP/files" 2>&1
for p in "${pkgs[@]}"; do
	t_is "dpkg: $p $debversion installed" \
		"$(pkg_status "$p" 2>&1)" \
		"install ok installed $debversion"
done

t_match "dkms status: netns-sysfs/$version installed for $kver" \
	"$(dkms status -m netns-sysfs -k "$kver" 2>/dev/null)" \
	"^netns-sysfs/${version//./\\.}, ${kver//./\\.}, [^:]*: installed"
# make.log starts with date(1)'s output; its mtime is the build's end.
mlog=/var/lib/dkms/netns-sysfs/$version/$kver/$(uname -m)/log/make.log
[ ! -f "$mlog" ] ||
	t_diag "DKMS build for $kver: $(($(stat -c %Y "$mlog") - \
		$(date -d "$(sed -n 2p "$mlog")" +%s))) s (make.log)"

for m in etun new_ns_pid; do
	t_match "modinfo -n $m: DKMS's, for $kver" "$(modinfo -n "$m" 2>&1)" \
		"^/lib/modules/${kver//./\\.}/updates/dkms/$m\\.ko(\\.[a-z]+)?$"
	t_ok "modprobe $m (by name)" modprobe "$m"
	t_ok "$m is loaded" test -d "/sys/module/$m"
done

# --- the seed's three commands -------------------------------------------

t_ok "echo etun0,etun1 > /sys/module/etun/parameters/newif" \
	sh -c 'echo etun0,etun1 >/sys/module/etun/parameters/newif'
t_ok "newif created etun0 and etun1" \
	test -d /sys/class/net/etun0 -a -d /sys/class/net/etun1

netunshare sleep 600 &
pid=$!
t_ok "netunshare sleep: a process in a new network namespace" \
	poll 10 other_netns "$pid"
t_ok "echo \$PID > /sys/class/net/etun1/new_ns_pid" \
	sh -c "echo $pid >/sys/class/net/etun1/new_ns_pid"
t_fail "etun1 left this namespace" test -e /sys/class/net/etun1
t_ok "etun1 is in the process's namespace" \
	nsenter -t "$pid" -n ip link show etun1
t_ok "echo etun0 > /sys/module/etun/parameters/delif" \
	sh -c 'echo etun0 >/sys/module/etun/parameters/delif'
t_fail "delif destroyed etun0" test -e /sys/class/net/etun0
t_fail "... and its peer etun1, in the other namespace" \
	nsenter -t "$pid" -n ip link show etun1
kill "$pid"
wait "$pid" 2>/dev/null
pid=

# --- netunshare, its man page, the iproute2 plugin -----------------------

t_is "netunshare is /usr/sbin/netunshare" "$(command -v netunshare)" \
	/usr/sbin/netunshare
t_is "netunshare -- ip -o link: only lo" \
	"$(netunshare -- ip -o link 2>&1 | awk -F': ' '{ print $2 }')" "lo"
t_is "man -w netunshare: the packaged page" "$(man -w netunshare 2>&1)" \
	/usr/share/man/man8/netunshare.8.gz
t_match "the man page is netunshare(8)'s" \
	"$(zcat /usr/share/man/man8/netunshare.8.gz 2>&1 | grep '^\.TH')" \
	'^\.TH NETUNSHARE "8"'
t_ok "the iproute2 plugin is where ip looks" \
	test -f "/usr/lib/$multiarch/ip/link_etun.so"
t_ok "ip link add etx0 type etun peer name etx1 (the plugin)" \
	ip link add etx0 type etun peer name etx1
t_match "etx0's peer is etx1" "$(ip -o link show etx0 2>&1)" '^[0-9]+: etx0@etx1:'
t_match "etx1 is an etun device" "$(ip -d -o link show etx1 2>&1)" ' etun '
t_ok "ip link del etx0" ip link del etx0
t_fail "... deletes etx1 too" ip link show etx1

t_ok "modprobe -r etun new_ns_pid" modprobe -r etun new_ns_pid

# --- the documentation ---------------------------------------------------

doc=/usr/share/doc/netns-sysfs-dkms
for f in README.Debian etun.rst new_ns_pid.rst \
	ABI/testing/sysfs-module-etun ABI/testing/sysfs-class-net-new_ns_pid; do
	t_ok "$doc/$f is installed" sh -c "test -f '$doc/$f' || test -f '$doc/$f.gz'"
done
# README.Debian's certificate is this dkms' default, which its
# framework.conf shows commented out (dkms 3.0 and 3.2 alike).
t_is "README.Debian's mokutil --import FILE is dkms' default certificate" \
	"$(grep -o 'mokutil --import [^ ]*' "$doc/README.Debian")" \
	"mokutil --import $(sed -n 's/^# *mok_certificate=//p' \
		/etc/dkms/framework.conf)"

# --- the packages' own tests: autopkgtest --------------------------------

# The null runner: this guest is the testbed, its root a throw-away
# overlay.  The packages are installed, so their tests' dependencies are
# satisfied without a network (-B: no build, no binaries to publish in
# a local archive, whose removal would run apt-get update).  autodep8's
# dkms-autopkgtest is breaks-testbed, which the null runner cannot
# revert: autopkgtest skips it (it would also need linux-doc, 37 MB,
# that this offline guest cannot download); the DKMS build and install
# it checks are checked above.
aout=$logdir/autopkgtest
rm -rf "$aout"
start=$(seconds)
t_ok "autopkgtest -- null: debian/tests' netunshare and ip-plugin" \
	run pkg-autopkgtest.log autopkgtest -B --test-name netunshare \
	--test-name ip-plugin --output-dir "$aout" \
	"$debdir/netns-sysfs_${debversion}.dsc" -- null
t_diag "autopkgtest took $(elapsed "$start" "$(seconds)") s"
t_is "... both passed; dkms-autopkgtest skipped (its summary)" \
	"$(awk '{ print $1, $2 }' "$aout/summary" 2>&1)" \
	"dkms-autopkgtest SKIP
netunshare PASS
ip-plugin PASS"

# --- purge ---------------------------------------------------------------

start=$(seconds)
t_ok "apt-get purge netns-sysfs-dkms netns-sysfs-utils" \
	run pkg-purge.log apt-get purge -y "${pkgs[@]}"
t_diag "apt-get purge took $(elapsed "$start" "$(seconds)") s"
for p in "${pkgs[@]}"; do
	t_ok "dpkg: $p is gone, configuration included" pkg_absent "$p"
done
t_is "dkms status: no netns-sysfs" "$(dkms status -m netns-sysfs 2>/dev/null)" ""
t_is "no etun or new_ns_pid module left in /lib/modules" \
	"$(ls /lib/modules/*/updates/dkms/etun.ko* \
		/lib/modules/*/updates/dkms/new_ns_pid.ko* 2>/dev/null)" ""
t_fail "modprobe knows no etun module any more" modinfo etun
t_fail "modprobe knows no new_ns_pid module any more" modinfo new_ns_pid
t_is "no /usr/src/netns-sysfs-*" "$(ls -d /usr/src/netns-sysfs-* 2>/dev/null)" ""
t_fail "no /var/lib/dkms/netns-sysfs" test -e /var/lib/dkms/netns-sysfs
t_fail "no /usr/sbin/netunshare" test -e /usr/sbin/netunshare
t_fail "no netunshare man page" test -e /usr/share/man/man8/netunshare.8.gz
t_fail "no link_etun.so" test -e "/usr/lib/$multiarch/ip/link_etun.so"
t_is "every file the packages installed is gone" \
	"$(while read -r f; do
		[ -d "$f" ] || [ ! -e "$f" ] || echo "$f"
	done <"$TMP/files")" ""
snapshot >"$TMP/after"
t_ok "nothing named after netns-sysfs, its modules or tools is left" \
	diff -u "$TMP/before" "$TMP/after"

# --- DKMS by hand (README): dkms add . from the top of the repository ----

add=$(dkms add . 2>&1)
t_ok "dkms add . (the repository's dkms.conf)" test $? = 0 || t_diag "$add"
t_match "dkms status: netns-sysfs/$version added" \
	"$(dkms status -m netns-sysfs 2>/dev/null)" "^netns-sysfs/${version//./\\.}: added"
t_ok "dkms add copied the tree to /usr/src/netns-sysfs-$version" \
	test -f "/usr/src/netns-sysfs-$version/dkms.conf"
t_ok "dkms remove netns-sysfs/$version --all" \
	run pkg-dkms-remove.log dkms remove "netns-sysfs/$version" --all
rm -rf "/usr/src/netns-sysfs-$version"

t_done
