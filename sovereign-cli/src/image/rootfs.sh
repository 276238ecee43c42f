#!/usr/bin/env bash
# Builds the file system the container image adds to an empty base: a Java runtime cut with jlink from the JDK
# that builds the project, the C library it runs on from the build host's Debian packages (as distroless images
# do), a user without privileges, and the directories the gateway reads and writes.
#
#   rootfs.sh OUT_DIR      (JAVA_HOME: the JDK to cut the runtime from)
#
# The modules are those the application uses (jdeps --print-module-deps on the shaded jar, less jdk.javadoc, which
# only a documentation tool inside ICU's jar refers to) and the JDK's DNS naming provider, loaded by name.
# Everything written is listed in OUT_DIR/etc/sovereign-image.txt.
set -euo pipefail

out="$1"
java_home="${JAVA_HOME:?JAVA_HOME must name the JDK to cut the runtime from}"
arch_dir=x86_64-linux-gnu
packages=(libc6 libgcc-s1)

die() { printf 'rootfs: %s\n' "$*" >&2; exit 1; }
[ "$(uname -m)" = x86_64 ] || die "the image is built for linux/amd64; this host is $(uname -m)"
command -v dpkg-query >/dev/null 2>&1 \
  || die "the image takes its C library from Debian packages (${packages[*]}); build it on Debian or Ubuntu"

rm -rf "$out"
mkdir -p "$out"

# The Java runtime. java.desktop: PDF reports (PDFBox); java.security.jgss: the PostgreSQL driver's GSS option.
modules=java.base,java.desktop,java.naming,java.net.http,java.security.jgss,java.sql,jdk.jfr,jdk.management
modules="$modules,jdk.unsupported,jdk.naming.dns"
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --output "$out/opt/java"

# The C library, as the build host's Debian packages install it (shared objects only: no locales, no tools).
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' \
    || die "the Debian package $package is not installed on this host"
  while IFS= read -r file; do
    case "$file" in
      /lib/$arch_dir/*.so*|/lib64/ld-linux-x86-64.so.2|/usr/lib/$arch_dir/*.so*) ;;
      *) continue ;;
    esac
    [ -e "$file" ] || continue
    mkdir -p "$out$(dirname "$file")"
    cp -L "$file" "$out$file"
  done < <(dpkg -L "$package")
done
mkdir -p "$out/etc/ld.so.conf.d"
printf '/lib/%s\n/usr/lib/%s\n' "$arch_dir" "$arch_dir" > "$out/etc/ld.so.conf.d/$arch_dir.conf"
printf 'include /etc/ld.so.conf.d/*.conf\n' > "$out/etc/ld.so.conf"
if command -v ldconfig >/dev/null 2>&1; then ldconfig -r "$out"; fi

# A user without privileges (uid and gid 65532, as in distroless images), name lookups from files then DNS.
cat > "$out/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/sbin/nologin
sovereign:x:65532:65532:Sovereign AI Gateway:/var/lib/sovereign:/sbin/nologin
PASSWD
cat > "$out/etc/group" <<'GROUP'
root:x:0:
sovereign:x:65532:
GROUP
printf 'passwd: files\ngroup: files\nhosts: files dns\n' > "$out/etc/nsswitch.conf"

# Configuration (read-only, mounted), state (a volume) and scratch space (a tmpfs when the root is read-only).
mkdir -p "$out/etc/sovereign" "$out/var/lib/sovereign" "$out/tmp"

{
  echo "runtime: $("$out/opt/java/bin/java" -version 2>&1 | head -1)"
  echo "modules: $modules"
  for package in "${packages[@]}"; do
    echo "package: $(dpkg-query -W -f='${Package} ${Version} ${Architecture}' "$package")"
  done
} > "$out/etc/sovereign-image.txt"
cat "$out/etc/sovereign-image.txt" >&2
