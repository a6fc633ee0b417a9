#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/pkg/build.t - on the host (tests/run pkg): make dist makes a
# reproducible upstream tarball; make deb builds from it the non-native
# source package and both binary packages into .build/deb/, leaves the
# tree as it found it, and lintian has nothing to say about any of them;
# make deb works in an unpacked tarball (no .git) too.  The packages it
# leaves behind are what tests/pkg/install.t installs in the VM.

. "$(dirname "$0")/../lib/common.sh"
cd "$REPO" || exit 125

debdir=$REPO/.build/deb
log=${PKG_LOG_DIR:-$REPO/.build}/make-deb.log
version=$(cat VERSION)
debversion=$version-1
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
	"$(printf '%s\n' "netns-sysfs-dkms_${debversion}_all.deb" \
		"netns-sysfs_${version}.orig.tar.gz" \
		"netns-sysfs_${debversion}.debian.tar.xz" \
		"netns-sysfs_${debversion}.dsc" \
		"netns-sysfs_${debversion}_${arch}.buildinfo" \
		"netns-sysfs_${debversion}_${arch}.changes" \
		"netns-sysfs-utils_${debversion}_${arch}.deb" | sort)"
t_is "debian/changelog's version is VERSION-1" \
	"$(dpkg-parsechangelog -S Version)" "$debversion"
t_is "debian/source/format: 3.0 (quilt), not native" \
	"$(cat debian/source/format)" "3.0 (quilt)"

# --- the upstream tarball -------------------------------------------------
dist=.build/netns-sysfs-$version.tar.gz
t_ok "the orig.tar.gz is make dist's tarball" \
	cmp "$dist" "$debdir/netns-sysfs_${version}.orig.tar.gz"
sum1=$(sha256sum <"$dist")
# A file's time is not its content (a fresh clone's times are its own).
touch VERSION
t_ok "make dist again, after touch VERSION" sh -c "make -s dist >/dev/null"
t_is "... the same bytes (sha256)" "$(sha256sum <"$dist")" "$sum1"
listing=$(TZ=UTC tar -tvzf "$dist")
t_is "the tarball's files: git's, under netns-sysfs-$version/, debian/ aside" \
	"$(tar -tzf "$dist")" \
	"$(git ls-files -co --exclude-standard | grep -v '^debian/' |
		while read -r f; do [ ! -e "$f" ] || echo "$f"; done |
		LC_ALL=C sort | sed "s|^|netns-sysfs-$version/|")"
t_is "... each owned by 0/0" \
	"$(awk '$2 != "0/0"' <<<"$listing")" ""
t_is "... each dated the last commit" \
	"$(awk '{ print $4, $5 }' <<<"$listing" | sort -u)" \
	"$(date -u -d "@$(git log -1 --format=%ct)" '+%Y-%m-%d %H:%M')"
t_is "... gzip without name or time stamp (gzip -n)" \
	"$(od -An -tx1 -j4 -N4 "$dist" | tr -d ' ')" 00000000

# A distribution's way: the tarball unpacked (no .git), the packaging
# added from the debian.tar.xz, make deb there.  The same sources and
# packaging give the same tarball and the same packages.
tar -xzf "$dist" -C "$TMP"
up=$TMP/netns-sysfs-$version
out=$(cd "$up" && make -s deb 2>&1)
t_match "make deb in the unpacked tarball without debian/: fails, saying so" \
	"$out" "mkdist: $up: no debian/ here .*debian\\.tar\\.xz"
tar -xJf "$debdir/netns-sysfs_${debversion}.debian.tar.xz" -C "$up"
t_ok "make deb in the unpacked tarball with the debian.tar.xz unpacked" \
	sh -c "cd '$up' && test ! -e .git && make -s deb >'$TMP/deb2.log' 2>&1 ||
		{ tail -n 30 '$TMP/deb2.log'; exit 1; }"
for f in "netns-sysfs_${version}.orig.tar.gz" \
	"netns-sysfs-dkms_${debversion}_all.deb" \
	"netns-sysfs-utils_${debversion}_${arch}.deb"; do
	t_ok "... the same $f" cmp "$debdir/$f" "$up/.build/deb/$f"
done

# Lintian on the .changes covers the source, both .debs and the
# .buildinfo; every tag, even pedantic and experimental, is a failure
# (overrides in debian/ are not shown, and each says why it exists).
# But one: Standards-Version is the current Policy's (Debian 13's
# lintian knows it), and a lintian that knows only older ones (Debian
# 12's: 4.6.2) says newer-standards-version: that is its age, not the
# package's.
standards=$(sed -n 's/^Standards-Version: *//p' debian/control)
known=$(sed -n 's/^ *"version" *: *"\([0-9.]*\)".*/\1/p' \
	/usr/share/lintian/data/debian-policy/releases.json | sort -V | tail -n 1)
suppress=()
if [ -n "$known" ] && dpkg --compare-versions "$known" lt "$standards"; then
	suppress=(--suppress-tags newer-standards-version)
	t_diag "this lintian knows Policy up to $known, not $standards:" \
		"newer-standards-version not shown"
fi
lint=$(lintian --allow-root -EvIL +pedantic "${suppress[@]}" \
	"$debdir/netns-sysfs_${debversion}_${arch}.changes" 2>&1)
t_ok "lintian ran" test $? = 0
t_is "lintian: no tags on the source, the .debs and the .buildinfo" \
	"$lint" ""

# The tests of the source package: debian/tests' and autodep8's DKMS
# build, as autopkgtest finds them in the unpacked source.
dsc=$debdir/netns-sysfs_${debversion}.dsc
t_is "the .dsc: Testsuite: autopkgtest, autopkgtest-pkg-dkms" \
	"$(sed -n 's/^Testsuite: //p' "$dsc")" "autopkgtest, autopkgtest-pkg-dkms"
dpkg-source -x "$dsc" "$TMP/src" >/dev/null 2>&1
tests=$(autodep8 "$TMP/src" 2>&1)
t_is "autodep8: debian/tests' netunshare and ip-plugin, and dkms-autopkgtest" \
	"$(sed -n 's/^Tests: //p; s/^Features: test-name=//p' <<<"$tests")" \
	"netunshare
ip-plugin
dkms-autopkgtest"
t_match "... which runs dkms' own test script" "$tests" \
	$'(^|\n)Test-Command: /usr/lib/dkms/dkms-autopkgtest(\n|$)'

dkms_deb=$debdir/netns-sysfs-dkms_${debversion}_all.deb
tool_deb=$debdir/netns-sysfs-utils_${debversion}_${arch}.deb
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

t_is "netns-sysfs-dkms suggests netns-sysfs-utils" \
	"$(dpkg-deb -f "$dkms_deb" Suggests)" "netns-sysfs-utils"

# The documentation (dh_installdocs; compressed or not, as dh_compress
# decides by size).
doc=usr/share/doc/netns-sysfs-dkms
files=$(dpkg-deb --fsys-tarfile "$dkms_deb" | tar -t)
for f in README.Debian etun.rst new_ns_pid.rst \
	ABI/testing/sysfs-module-etun ABI/testing/sysfs-class-net-new_ns_pid; do
	t_match "netns-sysfs-dkms ships /$doc/$f" "$files" \
		"(^|"$'\n'")\./$doc/${f//./\\.}(\\.gz)?("$'\n'"|$)"
done
readme=$(dpkg-deb --fsys-tarfile "$dkms_deb" | tar -xO "./$doc/README.Debian")
t_match "README.Debian: loading at boot through /etc/modules-load.d" \
	"$readme" "/etc/modules-load\\.d/[a-z-]+\\.conf"
t_match "README.Debian: Secure Boot, enrolling dkms' key with mokutil" \
	"$readme" "mokutil --import /var/lib/dkms/mok\\.pub"

# netns-sysfs-utils: netunshare, its man page and the iproute2 plugin.
files=$(dpkg-deb --fsys-tarfile "$tool_deb" | tar -t)
for f in usr/sbin/netunshare usr/share/man/man8/netunshare.8.gz \
	"usr/lib/$multiarch/ip/link_etun.so"; do
	t_match "netns-sysfs-utils ships /$f" "$files" \
		"(^|"$'\n'")\./$f("$'\n'"|$)"
done
t_match "netns-sysfs-utils depends on the libraries it links" \
	"$(dpkg-deb -f "$tool_deb" Depends)" 'libmnl0.*libsysfs2|libsysfs2.*libmnl0'
t_is "netns-sysfs-utils recommends iproute2 and netns-sysfs-dkms" \
	"$(dpkg-deb -f "$tool_deb" Recommends)" "iproute2, netns-sysfs-dkms"
t_is "netns-sysfs-utils enhances iproute2 (the plugin)" \
	"$(dpkg-deb -f "$tool_deb" Enhances)" "iproute2"

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
