# SPDX-License-Identifier: GPL-2.0
#
# netns-sysfs: the 2007 sysfs interface to network namespaces (new_ns_pid,
# the etun pair device, netunshare) as modules for current kernels.
#
# This Makefile is for people; kbuild reads ./Kbuild.
#
#   make            modules (for KVER/KDIR, see below) and tools
#   make check      install what the tests need, lint, run every test
#   make check-matrix  the VM suite on 6.1, 6.12, 6.12-rt and sid (7.x);
#                   Debian 13 (trixie) as the host, in a chroot
#   make bench      benchmarks against veth, lo, ip and unshare, in one VM boot
#   make publish-matrix, make publish-bench
#                   copy the last check-matrix / bench report from .build/
#                   into README.md / Documentation/benchmarks.md
#   make check-debug  the VM suite on a KASAN/kmemleak/lockdep kernel
#   make stress     DURATION=seconds of fuzzing and concurrency in the VM
#   make demo       install what it needs, boot a VM and show the seed's usage
#   make lint       checkpatch --strict, sparse (C=1), W=1, shellcheck
#   make patches KSRC=DIR  the in-tree git-am series against kernel tree DIR
#   make check-patches  that series applied to sid's 7.x source (or KSRC)
#   make install    modules_install + depmod, netunshare and its man page,
#                   the iproute2 plugin (in ip's own IPLIBDIR, not PREFIX)
#   make uninstall  undo make install
#   make dist       the upstream tarball .build/netns-sysfs-VERSION.tar.gz
#   make deb        Debian packages (netns-sysfs-dkms, netns-sysfs-utils) in
#                   .build/deb/, from that tarball
#   make deps       install the Debian packages the above need
#
# KDIR defaults to /lib/modules/$(uname -r)/build when it exists, else to the
# newest installed Debian linux-headers-*-amd64 (scripts/kernel-release says
# which).  KVER selects the kernel booted in the VM (default: KDIR's).

VERSION := $(shell cat $(CURDIR)/VERSION)
PREFIX ?= /usr/local
DESTDIR ?=
SBINDIR ?= $(PREFIX)/sbin
MANDIR ?= $(PREFIX)/share/man

# Goals that run before the kernel headers may be installed do not ask, nor
# does check-only: tests/run tests every installed kernel unless KVER is set.
ifneq ($(filter-out deps check check-only check-matrix demo bench debug-kernel check-debug check-all stress patches check-patches dist deb publish-matrix publish-bench clean,$(or $(MAKECMDGOALS),all)),)
ifeq ($(KVER),)
KVER := $(shell KDIR='$(KDIR)' $(CURDIR)/scripts/kernel-release -v)
endif
ifeq ($(KDIR),)
KDIR := $(shell $(CURDIR)/scripts/kernel-release --kdir $(KVER) 2>/dev/null || \
	echo /lib/modules/$(KVER)/build)
endif
export KVER KDIR
endif

# The modules are built in .build/KVER/ (a tree of symlinks to the sources,
# scripts/mktree), one per kernel: .build/KVER/drivers/etun/etun.ko,
# .build/KVER/net/new_ns_pid.ko, .build/KVER/tests/kmod/*.ko.
B := $(CURDIR)/.build/$(KVER)
KBUILD := $(MAKE) -C $(KDIR) M=$(B)

all: modules tools

modules:
	@test -d $(KDIR) || { echo "no kernel build tree at KDIR=$(KDIR)" \
		"(run 'make deps')" >&2; exit 1; }
	@echo "building the modules for $(KVER) in $(B) (seconds)"
	scripts/mktree $(B)
	$(KBUILD) modules

# WERROR=1: a warning in the tools fails developer and CI builds (the
# package build, debian/rules, leaves it off).
tools:
	$(MAKE) -C tools/netunshare VERSION=$(VERSION) WERROR=1 \
		netunshare netunshare.8
	$(MAKE) -C tools/iproute2 WERROR=1
	$(MAKE) -C tests/tools

test-modules:
	scripts/mktree $(B)
	$(MAKE) -C $(KDIR) M=$(B)/tests/kmod modules

deps:
	scripts/install-deps

# check and demo install their dependencies first, then start a new make:
# KDIR/KVER are only known once the kernel headers are installed.
check: deps
	$(MAKE) check-only

# tests/run builds the modules for each kernel it tests.
check-only: tools
	tests/run

# Every supported kernel: 6.1, 6.12, 6.12-rt and sid's 7.x, and Debian 13
# as the host (see tests/matrix).
check-matrix: deps
	$(MAKE) tools
	tests/matrix

# The debug-kernel lane (KASAN, kmemleak, lockdep, ...; a kernel built
# once from the Debian release's linux-source, about 40 min cold) and stress runs.
DURATION ?= 60
debug-kernel: deps
	scripts/debug-kernel build

check-debug: debug-kernel
	$(MAKE) tools
	eval "$$(scripts/debug-kernel env)" && \
		TEST_KERNELS="$$KVER:$$KROOT:$$KDIR" tests/run vm
	DEBUG_LANE=1 bash tests/selftest/debug-lane.t

check-all:
	$(MAKE) check
	$(MAKE) check-matrix
	$(MAKE) check-debug

stress: deps
	$(MAKE) tools
	DURATION=$(DURATION) tests/stress

# Benchmarks (never part of check): see Documentation/benchmarks.md.
bench: deps
	scripts/install-bench-deps
	$(MAKE) bench-only

bench-only: all
	bench/run

# demo installs only what it needs (scripts/install-deps --demo).
demo:
	scripts/install-deps --demo
	$(MAKE) demo-only

demo-only: all
	@echo "booting $(KVER) in QEMU (software emulation: 10-30 s) for the demo"
	tests/harness/run-vm --kver $(KVER) -- tests/demo/run

lint: tools
	tests/lint

# The in-tree series against the newest kernel's source tree KSRC, in
# .build/patches (Documentation/patches.rst); check-patches applies and
# builds it on sid's linux-source-7.x, or on the git tree KSRC when given
# (tests/patches, also a stage of check).  SIGNOFF="Name <address>"
# overrides git config's user.name/user.email for the sign-off.
patches:
	@test -n "$(KSRC)" || { echo "usage: make patches KSRC=<kernel tree>" >&2; exit 1; }
	scripts/mkpatches $(KSRC) $(CURDIR)/.build/patches

check-patches: deps
	tests/run patches

# Tests and benchmarks write their reports under .build/ only; these copy
# them into the tree, to be committed.
publish-matrix:
	@test -s .build/matrix/support-table.md || { \
		echo "run 'make check-matrix' (all four kernels) first" >&2; exit 1; }
	awk -v table=.build/matrix/support-table.md \
		'/^<!-- check-matrix:end -->$$/ { skip = 0 } !skip { print } \
		/^<!-- check-matrix:begin -->$$/ { while ((getline l <table) > 0) \
			print l; skip = 1 }' README.md >.build/README.md
	mv .build/README.md README.md

publish-bench:
	@test -s .build/bench/benchmarks.md || { \
		echo "run 'make bench' first" >&2; exit 1; }
	mkdir -p Documentation/benchmarks
	cp .build/bench/*.png Documentation/benchmarks/
	cp .build/bench/benchmarks.md Documentation/benchmarks.md

install: all
	$(KBUILD) INSTALL_MOD_PATH=$(DESTDIR) INSTALL_MOD_DIR=updates modules_install
	[ -n "$(DESTDIR)" ] || depmod -a $(KVER)
	install -D -m 0755 tools/netunshare/netunshare \
		$(DESTDIR)$(SBINDIR)/netunshare
	install -D -m 0644 tools/netunshare/netunshare.8 \
		$(DESTDIR)$(MANDIR)/man8/netunshare.8
	$(MAKE) -C tools/iproute2 install

uninstall:
	rm -f $(DESTDIR)/lib/modules/$(KVER)/updates/drivers/etun/etun.ko* \
		$(DESTDIR)/lib/modules/$(KVER)/updates/net/new_ns_pid.ko*
	[ -n "$(DESTDIR)" ] || depmod -a $(KVER)
	rm -f $(DESTDIR)$(SBINDIR)/netunshare $(DESTDIR)$(MANDIR)/man8/netunshare.8
	rm -f $(DESTDIR)$$($(MAKE) -s --no-print-directory -C tools/iproute2 print-iplibdir)/link_etun.so

# The upstream tarball .build/netns-sysfs-VERSION.tar.gz: the files git
# knows, committed or not, reproducibly (scripts/mkdist says how).
DIST := $(CURDIR)/.build/netns-sysfs-$(VERSION).tar.gz
dist:
	scripts/mkdist $(CURDIR)/.build

# Debian packages netns-sysfs-dkms and netns-sysfs-utils (debian/), a
# non-native source package built as a distribution would: the upstream
# tarball (make dist) as netns-sysfs_VERSION.orig.tar.gz, unpacked into
# .build/deb/ with this tree's debian/ added, where dpkg-buildpackage
# runs; the unpacked tree is removed.  Works without .git too
# (scripts/mkdist), in an unpacked tarball once debian/ is added.
# No -dbgsym package: "apt install ./.build/deb/*.deb" installs the two.
DEBDIR := $(CURDIR)/.build/deb
deb: dist
	rm -rf $(DEBDIR)
	mkdir -p $(DEBDIR)
	cp $(DIST) $(DEBDIR)/netns-sysfs_$(VERSION).orig.tar.gz
	tar -xzf $(DEBDIR)/netns-sysfs_$(VERSION).orig.tar.gz -C $(DEBDIR)
	scripts/mkdist --debian $(DEBDIR)/netns-sysfs-$(VERSION)
	cd $(DEBDIR)/netns-sysfs-$(VERSION) && \
		DEB_BUILD_OPTIONS="parallel=2 noautodbgsym $$DEB_BUILD_OPTIONS" \
		dpkg-buildpackage -us -uc
	rm -rf $(DEBDIR)/netns-sysfs-$(VERSION)
	ls -l $(DEBDIR)

clean:
	$(MAKE) -C tools/netunshare clean
	$(MAKE) -C tools/iproute2 clean
	$(MAKE) -C tests/tools clean
	$(MAKE) -C bench clean
	rm -rf .build

.PHONY: all modules tools test-modules deps check check-only check-matrix \
	bench bench-only demo demo-only debug-kernel check-debug check-all stress \
	lint install uninstall dist deb clean patches check-patches publish-matrix \
	publish-bench
