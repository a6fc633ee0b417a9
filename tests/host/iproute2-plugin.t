#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# iproute2-plugin.t - tools/iproute2/link_etun.so as ip(8) loads it:
#
#   ip link add x type etun junk|help   etun's usage on stderr, never veth's
#   ip link help etun                   etun's usage on stdout
#   ip link add x type etun peer ...    reaches veth's parser
#   an ip whose veth_link_util is not iproute2's veth parser
#   (tests/tools/fake_ip): one line naming ip's version, then a failure
#
# Every check looks at the whole stdout, the whole stderr and the exit
# status, and nothing here creates a device (or reaches the kernel), so
# it runs as root on the host and in the VM without the etun module.

. "$(dirname "$0")/../lib/common.sh"

plugin=$PLUGIN_DIR/link_etun.so
usage="Usage: ip link <options> type etun [peer <options>]
To get <options> type 'ip link add help'
"
refused="link_etun.so: type etun is not available: ip"
refusal="$refused (iproute2-9.9.9-fake):"

# run CMD...: its exit status, stdout and stderr, trailing newlines kept,
# in rc, out and err.
run()
{
	rc=0
	"$@" >"$TMP/out" 2>"$TMP/err" || rc=$?
	out=$(cat "$TMP/out"; echo .) err=$(cat "$TMP/err"; echo .)
	out=${out%.} err=${err%.}
}

# The devices named x or y (there should be none, before or after).
xy()
{
	ip -o link show | awk -F': ' '{ sub(/@.*/, "", $2); print $2 }' |
		grep -xE 'x|y'
}

built=0
for f in "$plugin" "$T_TOOLS/fake_ip" "$T_TOOLS/fake_ip_nosym"; do
	t_ok "${f#"$REPO"/} is built (make tools)" test -f "$f" || built=1
done
[ "$built" = 0 ] || { t_done; exit; }
xy_before=$(xy)

# --- ip and the plugin ------------------------------------------------------
run ipe link add x type etun junk
t_is "type etun junk: fails (status 1, as for any parser error)" "$rc" 1
t_is "... stderr is etun's usage, all of it" "$err" "$usage"
t_is "... nothing on stdout" "$out" ""
t_is "... no word of veth" "$(grep -c veth <<<"$out$err")" 0
t_is "... no device x or y" "$(xy)" "$xy_before"

run ipe link add x type etun help
t_is "type etun help: status 1" "$rc" 1
t_is "... stderr is etun's usage" "$err" "$usage"
t_is "... nothing on stdout" "$out" ""
t_is "... no device x or y" "$(xy)" "$xy_before"

run ipe link help etun
t_is "ip link help etun: status 0" "$rc" 0
t_is "... stdout is etun's usage" "$out" "$usage"
t_is "... nothing on stderr" "$err" ""

# veth's parser's own complaint: "peer" and what follows get to it.
run ipe link add x type etun peer mtu notanumber
t_is "type etun peer mtu notanumber: veth's parser exits 255" "$rc" 255
t_is "... with iplink_parse's message" "$err" \
	$'Error: argument "notanumber" is wrong: Invalid "mtu" value\n\n'
t_is "... nothing on stdout" "$out" ""
t_is "... no device x or y" "$(xy)" "$xy_before"

# --- an ip whose veth_link_util the plugin must not use --------------------
# fake_ip prints "parse_opt: STATUS" after calling etun_link_util's
# parse_opt, and says on stderr if the plugin left a child or a
# descriptor behind.
run env FAKE_VETH=notveth "$T_TOOLS/fake_ip" "$plugin" peer name y
t_is "id \"notveth\": stderr is the one refusal line, with ip's version" \
	"$err" "$refusal veth_link_util's id is not \"veth\""$'\n'
t_is "... parse_opt fails (-1) and says nothing more" "$out" $'parse_opt: -1\n'
t_is "... status 0" "$rc" 0

run env FAKE_VETH=noparse "$T_TOOLS/fake_ip" "$plugin" peer name y
t_is "no parse_opt: the refusal line" \
	"$err" "$refusal veth_link_util has no parse_opt"$'\n'
t_is "... parse_opt fails (-1)" "$out" $'parse_opt: -1\n'
t_is "... status 0" "$rc" 0

# No -rdynamic: the plugin still loads, and says so.
run "$T_TOOLS/fake_ip_nosym" "$plugin" peer name y
t_is "no veth_link_util at all: the plugin loads, the refusal line" \
	"$err" "$refusal no veth_link_util"$'\n'
t_is "... parse_opt fails (-1)" "$out" $'parse_opt: -1\n'
t_is "... status 0" "$rc" 0

run env FAKE_VETH=notveth FAKE_IP_V="no version here" \
	"$T_TOOLS/fake_ip" "$plugin" peer name y
t_is "an ip -V without iproute2-X: an unknown version, still one line" \
	"$err" "$refused (an unknown iproute2 version): veth_link_util's id is not \"veth\""$'\n'
t_is "... parse_opt fails (-1)" "$out" $'parse_opt: -1\n'

# The control: the checks pass for veth's object, which is called.
run env FAKE_VETH=veth "$T_TOOLS/fake_ip" "$plugin" peer name y
t_is "id \"veth\" with a parse_opt: no refusal, nothing on stderr" "$err" ""
t_is "... \"peer name y\" goes to veth's parse_opt, whose 0 is returned" \
	"$out" $'veth-parse: peer name y\nparse_opt: 0\n'
t_is "... status 0" "$rc" 0

run env FAKE_VETH=veth "$T_TOOLS/fake_ip" "$plugin" junk
t_is "... junk: etun's usage on stderr" "$err" "$usage"
t_is "... and -1, without calling veth's parser" "$out" $'parse_opt: -1\n'

run env FAKE_VETH=veth "$T_TOOLS/fake_ip" "$plugin"
t_is "... no options: 0, without calling veth's parser" \
	"$out" $'parse_opt: 0\n'
t_is "... nothing on stderr" "$err" ""

t_done
