#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# etun-errors.t - bad input to newif and delif: each errno, "ip -o link"
# unchanged, dmesg silent; writers without CAP_NET_ADMIN.

. "$(dirname "$0")/../lib/etun.sh"
t_diag "bad input (at ${SECONDS}s)"
eth0_before=$(ip -o link show eth0)
dmesg_before=$(dmesg | wc -l)

# bad FILE ERRNO DATA DESC
bad()
{
	t_errno "$1 '$4': $2" "$2" "$P/$1" "$3"
	t_is "$1 '$4': ip -o link unchanged" "$(links)" "$base"
}

# A zero-length write(2) never reaches the driver: sysfs returns 0.
bad newif OK '' 'zero-length write'
bad newif EINVAL '\n' 'empty line'
# Refused as they are (the check is named after the data).
for data in ',' ',\n' 'a' 'a\n' 'a,' ',b' 'a,a' 'a,b,c'; do
	bad newif EINVAL "$data" "$data"
done
bad newif EINVAL 'a,b\n\n' 'two newlines'
bad newif EINVAL '\na,b' 'leading newline'
bad newif EINVAL ' a,b' 'leading space'
bad newif EINVAL 'a,b ' 'trailing space'
bad newif EINVAL 'abcdefghijklmnop,b' '16-byte first name'
bad newif EINVAL 'a,abcdefghijklmnop' '16-byte second name'
bad newif EINVAL 'a/b,c' 'slash'
bad newif EINVAL 'a:b,c' 'colon'
bad newif EINVAL 'a b,c' 'space inside'
bad newif EINVAL 'a\tb,c' 'tab inside'
bad newif EINVAL 'a%d,c' 'percent'
bad newif EINVAL 'a,b%d' 'percent in second'
bad newif EINVAL 'caf\xc3\xa9,b' 'non-ASCII'
bad newif EINVAL 'a\x7f,b' 'DEL byte'
bad newif EINVAL 'a\x00,b' 'NUL in first'
bad newif EINVAL 'a,b\x00' 'trailing NUL'
bad newif EINVAL 'a,b\x00c' 'NUL in second'
bad newif EINVAL '.,b' '.'
bad newif EINVAL '..,b' '..'
bad newif EINVAL 'a,..\n' '.. second'
bad newif EEXIST 'lo,etunx' 'first name taken'
bad newif EEXIST 'etunx,eth0' 'second name taken'
bad newif EEXIST 'etunx,lo\n' 'second name taken, newline'
bad newif EINVAL "$(printf 'x%.0s' $(seq 4096))" 'page of x'
bad newif EINVAL "$(head -c 3072 /dev/urandom | base64 -w0 | tr '+/' ',,')" \
	'page of base64 garbage'
bad delif OK '' 'zero-length write'
bad delif EINVAL '\n' 'empty line'
bad delif ENODEV 'nosuch' 'nosuch'
bad delif ENODEV 'nosuch\n' 'nosuch\n'
bad delif EINVAL 'lo' 'lo'
bad delif EINVAL 'eth0\n' 'eth0'
bad delif EINVAL 'a,b' 'two names'
bad delif EINVAL 'abcdefghijklmnop' '16 bytes'
bad delif EINVAL 'a/b' 'slash'
bad delif EINVAL 'lo\x00' 'NUL'
bad delif EINVAL "$(printf 'y%.0s' $(seq 4096))" 'page of y'
t_is "delif eth0 left eth0 untouched" "$(ip -o link show eth0)" "$eth0_before"

t_is "newif without CAP_NET_ADMIN (setpriv): EPERM" \
	"$(setpriv --inh-caps=-net_admin --bounding-set=-net_admin \
		"$WR" "$P/newif" 'etunx,etuny')" EPERM
t_is "newif without CAP_NET_ADMIN (capsh): EPERM" \
	"$(capsh --drop=cap_net_admin -- -c "'$WR' '$P/newif' 'etunx,etuny'")" EPERM
t_is "delif without CAP_NET_ADMIN (setpriv): EPERM" \
	"$(setpriv --inh-caps=-net_admin --bounding-set=-net_admin \
		"$WR" "$P/delif" 'lo')" EPERM
t_is "newif by a user namespace's root, for init_net: EPERM" \
	"$(unshare -Ur "$WR" "$P/newif" 'etunx,etuny')" EPERM
t_is "unprivileged attempts: ip -o link unchanged" "$(links)" "$base"
t_is "bad input: nothing about etun in dmesg" \
	"$(dmesg | tail -n "+$((dmesg_before + 1))" | grep -i etun)" ""

t_done
