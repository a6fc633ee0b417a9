#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/pkg/build.t - on the host (tests/run pkg): make deb builds the
# source package and both binary packages into .build/deb/, leaves the
# tree as it found it, and lintian has nothing to say about any of them.
# The packages it leaves behind are what tests/pkg/install.t installs in
# the VM.

. "$(dirname "$0")/../lib/common.sh"
cd "$REPO" || exit 125

debdir=$REPO/.build/deb
log=${PKG_LOG_DIR:-$REPO/.build}/make-deb.log
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
	git ls-files Kbuild include net drivers/etun |
		grep -E '(^|/)(Kbuild[^/]*|[^/]*\.[ch])$' |
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
		"$REPO/dkms.conf")" "$version"
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

# --- the tools' flags: the package build's, and a caller's -----------------
# The compiler command lines of the package build, "DIR: COMMAND" (DIR
# the tools/ directory make was in), continuation lines joined.
# debian/rules shows them even under make -s (Policy 4.9).
joined()
{
	sed -e ':a' -e '/\\$/N' -e 's/\\\n[[:space:]]*/ /' -e 'ta'
}

build_lines()
{
	joined <"$log" | awk '
		/^make\[[0-9]+\]: Entering directory / {
			d = $NF; gsub(/\047/, "", d); sub(/.*\/tools\//, "tools/", d)
			next
		}
		/^make\[[0-9]+\]: Leaving directory / { d = ""; next }
		d ~ /^tools\// && $1 ~ /(^|-)(gcc|cc|clang)(-[0-9.]+)?$/ {
			print d ": " $0
		}'
}

# lacking ERE LINES: the lines of LINES that do not match ERE.
lacking()
{
	grep -vE -- "$1" <<<"$2"
}

# Not -Werror=format-security (dpkg-buildflags'), which is one warning.
werror='(^| )-Werror( |$)'
for tool in netunshare iproute2; do
	lines=$(build_lines | grep "^tools/$tool: ")
	compile=$(grep -E ' -c | -shared' <<<"$lines")
	link=$(grep -E ' -o (netunshare|link_etun\.so) ' <<<"$lines")
	t_match "package build: tools/$tool's compiler lines are in the log" \
		"$compile" '.'
	t_is "... none with -Werror (WERROR is off in debian/rules)" \
		"$(grep -E -- "$werror" <<<"$lines")" ""
	t_is "... every compile with -fstack-protector-strong (dpkg-buildflags)" \
		"$(lacking ' -fstack-protector-strong( |$)' "$compile")" ""
	t_is "... every compile with -D_FORTIFY_SOURCE" \
		"$(lacking ' -D_FORTIFY_SOURCE=[1-9]( |$)' "$compile")" ""
	t_is "... every compile with -Wall -Wextra -Werror=format-security" \
		"$(lacking ' -Wall .*-Werror=format-security( |$)' "$compile")" ""
	t_match "... linked" "$link" '.'
	t_is "... with -z relro -z now" \
		"$(lacking ' -Wl,-z,relro .*-Wl,-z,now( |$)' "$link")" ""
done

# Scratch copies of the tools' sources as git sees them (committed or
# not, build products left out), built with the caller's flags on the
# command line, which must add to the Makefiles' own, not replace them.
tools_before=$(tree_state | grep ' tools/')
copy_tools()
{
	mkdir -p "$TMP/$1"
	git ls-files -z -co --exclude-standard tools/netunshare tools/iproute2 \
		VERSION | tar -c --null -T - --ignore-failed-read -f - |
		tar -x -C "$TMP/$1"
}

# quiet_make ARG...: make -s's output (there should be none) and status.
quiet_make()
{
	make -s --no-print-directory "$@" 2>&1
	echo "status $?"
}

copy_tools fortify3
for tool in netunshare iproute2; do
	t_is "tools/$tool: make CPPFLAGS=-D_FORTIFY_SOURCE=3 WERROR=1, silent" \
		"$(quiet_make -C "$TMP/fortify3/tools/$tool" \
			CPPFLAGS=-D_FORTIFY_SOURCE=3 WERROR=1)" "status 0"
done

hardened()
{
	DEB_BUILD_MAINT_OPTIONS=hardening=+all dpkg-buildflags --get "$1"
}
flags=(CFLAGS="$(hardened CFLAGS)" CPPFLAGS="$(hardened CPPFLAGS)"
	LDFLAGS="$(hardened LDFLAGS)" WERROR=1)
copy_tools hardened
for tool in netunshare iproute2; do
	dir=$TMP/hardened/tools/$tool
	cmds=$(make -s -n -B -C "$dir" "${flags[@]}" | joined |
		grep -E '^[^ ]*cc ')
	t_match "tools/$tool: with dpkg-buildflags' on the command line" \
		"$cmds" '.'
	t_is "... every compiler line keeps -Wall -Wextra, has -Werror" \
		"$(lacking ' -Wall -Wextra( .*)? -Werror( |$)' "$cmds")" ""
	t_is "... and the caller's -fstack-protector-strong" \
		"$(lacking ' -fstack-protector-strong( |$)' "$cmds")" ""
	t_is "... make -s builds it, silent" \
		"$(quiet_make -C "$dir" "${flags[@]}")" "status 0"
done

nu=$TMP/hardened/tools/netunshare/netunshare
so=$TMP/hardened/tools/iproute2/link_etun.so
t_match "hardened netunshare runs: --version" "$("$nu" --version 2>&1)" \
	"^netunshare ${version//./\\.}( |"$'\n'"|$)"
t_match "... a PIE" "$(file -b "$nu")" 'pie executable'
t_match "... BIND_NOW (-z now)" "$(readelf -dW "$nu")" '\(FLAGS\) +BIND_NOW'
t_match "... a GNU_RELRO segment (-z relro)" "$(readelf -lW "$nu")" \
	' GNU_RELRO '
t_match "... imports a fortified __*_chk function (_FORTIFY_SOURCE)" \
	"$(nm -D --undefined-only "$nu")" $' U __[a-z_]+_chk(@|\n|$)'
t_match "... imports __stack_chk_fail (-fstack-protector-strong)" \
	"$(nm -D --undefined-only "$nu")" $' U __stack_chk_fail(@|\n|$)'
t_match "hardened link_etun.so: a shared object" "$(file -b "$so")" \
	'shared object'
t_match "... BIND_NOW (-z now)" "$(readelf -dW "$so")" '\(FLAGS\) +BIND_NOW'
t_match "... imports a fortified __*_chk function (CPPFLAGS)" \
	"$(nm -D --undefined-only "$so")" $' U __[a-z_]+_chk(@|\n|$)'
t_is "... ip loads it: ip link help etun" \
	"$(IP_LIB_DIR=${so%/*} ip link help etun 2>&1)" \
	"Usage: ip link <options> type etun [peer <options>]
To get <options> type 'ip link add help'"
t_is "the scratch builds leave tools/ in the tree as they found it" \
	"$(tree_state | grep ' tools/')" "$tools_before"

t_done
