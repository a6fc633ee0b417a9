#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/pkg/build.t - on the host (tests/run pkg): make deb builds the
# source package and both binary packages into .build/deb/, leaves the
# tree as it found it, and lintian has nothing to say about any of them.
# The packages it leaves behind are what tests/pkg/install.t installs in
# the VM.

set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 125
# shellcheck source=tests/lib/tap.sh
. tests/lib/tap.sh

debdir=$top/.build/deb
log=${PKG_LOG_DIR:-$top/.build}/make-deb.log
version=$(cat VERSION)
arch=$(dpkg --print-architecture)
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH)

# The tree's state as git sees it, ignored files included, .build/ aside.
tree_state()
{
	git status --porcelain=v1 --ignored --untracked-files=all |
		grep -v ' \.build/' | sort
}

before=$(tree_state)
start=$(date +%s)
t_ok "make deb" sh -c "make -s deb >'$log' 2>&1 || { cat '$log'; exit 1; }"
t_diag "make deb took $(($(date +%s) - start)) s (log: $log)"
t_is "make deb leaves the tree as it found it" "$(tree_state)" "$before"

t_is "make deb writes the source, both packages, .changes and .buildinfo" \
	"$(cd "$debdir" 2>/dev/null && ls)" \
	"$(printf '%s\n' "netns-sysfs-dkms_${version}_all.deb" \
		"netns-sysfs_${version}.dsc" "netns-sysfs_${version}.tar.xz" \
		"netns-sysfs_${version}_${arch}.buildinfo" \
		"netns-sysfs_${version}_${arch}.changes" \
		"netunshare_${version}_${arch}.deb" | sort)"
t_is "debian/changelog's version is VERSION's" \
	"$(dpkg-parsechangelog -S Version)" "$version"

# Lintian on the .changes covers the source, both .debs and the
# .buildinfo; every tag, even pedantic and experimental, is a failure
# (overrides in debian/ are not shown, and each says why it exists).
lint=$(lintian --allow-root -EvIL +pedantic \
	"$debdir/netns-sysfs_${version}_${arch}.changes" 2>&1)
t_ok "lintian ran" test $? = 0
t_is "lintian: no tags on the source, the .debs and the .buildinfo" \
	"$lint" ""

dkms_deb=$debdir/netns-sysfs-dkms_${version}_all.deb
tool_deb=$debdir/netunshare_${version}_${arch}.deb
src=usr/src/netns-sysfs-$version

# netns-sysfs-dkms: exactly the sources kbuild reads, and dkms.conf.
want=$( {
	echo "$src/dkms.conf"
	git ls-files Kbuild VERSION include net drivers/etun |
		grep -E '(^|/)(Kbuild[^/]*|VERSION|[^/]*\.[ch])$' |
		sed "s|^|$src/|"
} | sort)
got=$(dpkg-deb --fsys-tarfile "$dkms_deb" | tar -t |
	sed -n "s|^\./\($src/.*[^/]\)$|\1|p" | sort)
t_is "netns-sysfs-dkms: the module sources, Kbuild files and dkms.conf" \
	"$got" "$want"

conf=$(dpkg-deb --fsys-tarfile "$dkms_deb" | tar -xO "./$src/dkms.conf")
t_match "packaged dkms.conf: PACKAGE_VERSION is VERSION's" "$conf" \
	$'(^|\n)PACKAGE_VERSION="'"${version//./\\.}"$'"(\n|$)'
t_match "packaged dkms.conf: AUTOINSTALL" "$conf" $'(^|\n)AUTOINSTALL="yes"'
t_is "packaged dkms.conf: the repository's BUILD_EXCLUSIVE_KERNEL" \
	"$(grep '^BUILD_EXCLUSIVE_KERNEL=' <<<"$conf")" \
	"$(grep '^BUILD_EXCLUSIVE_KERNEL=' dkms.conf)"
t_is "the repository's dkms.conf, as dkms sources it, says VERSION" \
	"$(cd /tmp && bash -c '. "$1" && echo "$PACKAGE_VERSION"' sh \
		"$top/dkms.conf")" "$version"
t_match "netns-sysfs-dkms depends on dkms" \
	"$(dpkg-deb -f "$dkms_deb" Depends)" '(^|, )dkms( |,|$)'

# netunshare: the tool, its man page and the iproute2 plugin.
files=$(dpkg-deb --fsys-tarfile "$tool_deb" | tar -t)
for f in usr/sbin/netunshare usr/share/man/man8/netunshare.8.gz \
	"usr/lib/$multiarch/ip/link_etun.so"; do
	t_match "netunshare ships /$f" "$files" "(^|"$'\n'")\./$f("$'\n'"|$)"
done
t_match "netunshare depends on the libraries it links" \
	"$(dpkg-deb -f "$tool_deb" Depends)" 'libmnl0.*libsysfs2|libsysfs2.*libmnl0'
t_is "netunshare recommends iproute2 (for the plugin)" \
	"$(dpkg-deb -f "$tool_deb" Recommends)" "iproute2"

t_done
