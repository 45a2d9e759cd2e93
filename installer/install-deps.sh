#!/usr/bin/env bash
# Installs what building, running and testing Kokoa needs on Debian 12.
# Package scripts must not start nginx or BIND on this machine: the tests
# start their own instances with private prefixes, so a policy-rc.d forbids
# service starts for the duration of the install.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  qt6-svg-dev qt6-translations-l10n fonts-noto-cjk
  libqt6sql6-sqlite libgl-dev
  libssh-dev libssl-dev openssl diffutils
  nginx wireguard-tools wireguard-go nftables iproute2 util-linux procps
  openssh-server openssh-client sudo curl
  bind9 bind9-dnsutils pebble
  cloud-init  # only its schema validator: tests check the user-data Kokoa sends
  python3 python3-yaml  # tests/e2e/world/spare-host reads the user-data as YAML
  xvfb xauth
  clang libclang-rt-14-dev clang-format
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)

policy=/usr/sbin/policy-rc.d
created_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | "${sudo_cmd[@]}" tee "$policy" >/dev/null
  "${sudo_cmd[@]}" chmod 755 "$policy"
  created_policy=1
fi
cleanup() { if [ "$created_policy" -eq 1 ]; then "${sudo_cmd[@]}" rm -f "$policy"; fi; }
trap cleanup EXIT

export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -q
# cloud-init is here only for its schema validator. Installed by this script
# on a machine that did not have it, it must not take over the next boot
# (network configuration, SSH host keys): its documented off switch.
for p in "${missing[@]}"; do
  if [ "$p" = cloud-init ] && [ ! -e /etc/cloud/cloud-init.disabled ]; then
    "${sudo_cmd[@]}" mkdir -p /etc/cloud
    "${sudo_cmd[@]}" touch /etc/cloud/cloud-init.disabled
  fi
done
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
