# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# TAP helpers for the netns-sysfs test scripts (bash only: dash's echo
# reports every failed write as "I/O error", see tests/tools/wr.c).
#
#   t_ok DESC CMD...          CMD must succeed
#   t_fail DESC CMD...        CMD must fail (any non-zero status)
#   t_is DESC GOT WANT        string equality
#   t_match DESC GOT ERE      GOT matches the extended regex ERE
#   t_errno DESC ERRNO FILE DATA
#                             write(2) of DATA to FILE fails with ERRNO
#                             (a name such as EINVAL, or OK for success)
#   t_skip DESC REASON
#   t_linkset                 the devices of the namespace running it
#   t_diag TEXT...            a "# " comment line
#   t_done                    plan line; exit status 1 if anything failed
#
# Each check's output goes to the TAP stream as "# " lines only on failure.

T_N=0
T_FAILED=0
T_TOOLS=${T_TOOLS:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../tools" && pwd)}

t_diag()
{
	local line

	for line in "$@"; do
		printf '# %s\n' "$line"
	done
}

t_result()
{
	local status=$1 desc=$2 out=$3

	T_N=$((T_N + 1))
	if [ "$status" = 0 ]; then
		printf 'ok %d - %s\n' "$T_N" "$desc"
	else
		T_FAILED=$((T_FAILED + 1))
		printf 'not ok %d - %s\n' "$T_N" "$desc"
		[ -z "$out" ] || printf '%s\n' "$out" | sed 's/^/#   /'
	fi
}

t_ok()
{
	local desc=$1 out rc

	shift
	out=$("$@" 2>&1) && rc=0 || rc=$?
	[ "$rc" = 0 ] || out="command: $* (status $rc)"$'\n'"$out"
	t_result "$rc" "$desc" "$out"
	return "$rc"
}

t_fail()
{
	local desc=$1 out rc

	shift
	out=$("$@" 2>&1) && rc=0 || rc=$?
	if [ "$rc" = 0 ]; then
		t_result 1 "$desc" "command succeeded but must fail: $*"$'\n'"$out"
		return 1
	fi
	t_result 0 "$desc" ""
}

t_is()
{
	local desc=$1 got=$2 want=$3

	if [ "$got" = "$want" ]; then
		t_result 0 "$desc" ""
	else
		t_result 1 "$desc" "got:  '$got'"$'\n'"want: '$want'"
		return 1
	fi
}

t_match()
{
	local desc=$1 got=$2 re=$3

	if [[ $got =~ $re ]]; then
		t_result 0 "$desc" ""
	else
		t_result 1 "$desc" "got:  '$got'"$'\n'"want: /$re/"
		return 1
	fi
}

# Write DATA (C escapes such as \n, \x00 allowed) to FILE in one write(2)
# and compare the outcome with ERRNO (e.g. EINVAL, or OK).
t_errno()
{
	local desc=$1 want=$2 file=$3 data=$4 got

	got=$("$T_TOOLS/wr" "$file" "$data" 2>&1)
	t_is "$desc" "$got" "$want"
}

t_skip()
{
	T_N=$((T_N + 1))
	printf 'ok %d - %s # SKIP %s\n' "$T_N" "$1" "$2"
}

t_done()
{
	printf '1..%d\n' "$T_N"
	[ "$T_FAILED" = 0 ]
}

# t_fb_strip: copy a list of device names (one per line, or space
# separated; "ip -o link" style NAME@LINK too) from stdin, one per line,
# without the fallback tunnel devices the kernel puts in every new
# namespace when those drivers are built in or loaded (sit0, tunl0,
# ip6tnl0, ...; the debug kernel has them).  They are the kernel's, not
# ours, and not what a device-list check is about.
t_fb_strip()
{
	tr ' ' '\n' | grep -vxE '(sit|tunl|ip6tnl|gre|gretap|erspan|ip_vti|ip6_vti|ip6gre|ip6gretap|ip6erspan)0(@[^ ]*)?|' || true
}

# t_linkset: the devices of the namespace running it, one per line as
# "IFINDEX: NAME[@LINK]: <FLAGS>" (ip -o link's first fields), fallback
# tunnels aside: a whole device list to compare before and after.
t_linkset()
{
	ip -o link show | awk '{ print $1, $2, $3 }' |
		grep -vE '^[0-9]+: (sit|tunl|ip6tnl|gre|gretap|erspan|ip_vti|ip6_vti|ip6gre|ip6gretap|ip6erspan)0(@[^:]*)?: ' || true
}
