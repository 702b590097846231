#!/bin/bash
# testenv/rootfs-build.sh — idempotently debootstrap a minimal Debian bookworm rootfs
# with systemd as init, used both as the nspawn manager's root (copied to $T/nsroot) and
# as the docker image unitgen-test/debian-systemd:bookworm (docker import).
#
#   debootstrap --variant=minbase --include=systemd,systemd-sysv,dbus,procps bookworm
#
# DIR is $UNITGEN_TESTENV_CACHE/rootfs (see lib.sh). Only the Debian archive is needed.
# Robustness:
#  * the build happens in DIR.partial and is renamed to DIR only once debootstrap and the
#    post-processing succeeded; DIR/.unitgen-rootfs-ok holds the recipe id (lib.sh
#    rootfs_recipe_id). A DIR without that marker, or with another recipe id, is rebuilt; an
#    interrupted build leaves only DIR.partial, which the next run deletes (unmounting first).
#  * .debs are kept in $UNITGEN_TESTENV_CACHE/debs (debootstrap --cache-dir), so a rebuild
#    does not download again.
#  * debootstrap is bounded by UNITGEN_TESTENV_DEBOOTSTRAP_TIMEOUT (default 900 s); on failure
#    the tail of its log is printed.
# Output: the recipe id on stdout; logs on stderr. Measured: about 50 s cold, ~160 MB.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh"
DIR=$ROOTFS
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
MARK=$DIR/.unitgen-rootfs-ok
PART=$DIR.partial
DEBS=$CACHE/debs
take_lock

id=$(rootfs_recipe_id)
if [ -f "$MARK" ] && [ "$(cat "$MARK")" = "$id" ]; then
  log "rootfs up to date: $DIR ($id)"
  echo "$id"; exit 0
fi
[ -e "$DIR" ] && log "rootfs at $DIR is unfinished or from another recipe: rebuilding"

apt_ensure debootstrap:debootstrap
mkdir -p "$DEBS" "$(dirname "$DIR")"
safe_rm "$PART"
mkdir -p "$PART"
LOGF=$DIR.debootstrap.log
log "debootstrap $ROOTFS_SUITE -> $PART (log $LOGF)"
rc=0
timeout --kill-after=30 "${UNITGEN_TESTENV_DEBOOTSTRAP_TIMEOUT:-900}" \
  debootstrap --variant=minbase --include="$ROOTFS_INCLUDE" --cache-dir="$DEBS" \
  "$ROOTFS_SUITE" "$PART" "$MIRROR" >"$LOGF" 2>&1 || rc=$?
if [ $rc != 0 ]; then
  [ -f "$PART/debootstrap/debootstrap.log" ] && cat "$PART/debootstrap/debootstrap.log" >>"$LOGF"
  safe_rm "$PART"
  [ $rc = 124 ] && die_log "$LOGF" "debootstrap timed out"
  die_log "$LOGF" "debootstrap failed (exit $rc)"
fi
# debootstrap leaves nothing mounted when it succeeds; make sure.
[ -z "$(mounts_under "$PART")" ] || die "mounts left under $PART after debootstrap: $(mounts_under "$PART" | tr '\n' ' ')"
if [ ! -x "$PART/lib/systemd/systemd" ] || [ ! -x "$PART/usr/bin/dbus-daemon" ]; then
  die_log "$LOGF" "debootstrap result lacks systemd or dbus"
fi

# Make it a good container / "boot" image:
: > "$PART/etc/machine-id"                                  # fresh machine-id per boot/container
rm -f "$PART/var/lib/dbus/machine-id"
rm -f "$PART"/etc/systemd/system/timers.target.wants/*      # no apt-daily etc. (no network traffic)
rm -f "$PART/etc/systemd/system/getty.target.wants/getty@tty1.service"
echo unitgen-test > "$PART/etc/hostname"                   # not the build machine's name
ln -sf /lib/systemd/system/multi-user.target "$PART/etc/systemd/system/default.target"
mkdir -p "$PART/var/log/journal"                            # persistent journal, readable from outside
rm -rf "$PART"/var/cache/apt/archives/*.deb "$PART"/var/lib/apt/lists/*
echo "$id" > "$PART/.unitgen-rootfs-ok"
sync -f "$PART/.unitgen-rootfs-ok" 2>/dev/null || true

# swap in atomically-enough: DIR is either the old tree, absent, or the finished new one
safe_rm "$DIR.old"
if [ -e "$DIR" ]; then mv -T "$DIR" "$DIR.old"; fi
mv -T "$PART" "$DIR"
safe_rm "$DIR.old"
log "rootfs $id built in $(elapsed) s, size $(du -sh "$DIR" | cut -f1)"
echo "$id"
