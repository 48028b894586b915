#!/usr/bin/env bash
# Install Debian's Java 17 runtime for the Spark screening engine (candour screen --engine spark,
# candour/screening/tests/test_spark.py) if no java is found. Needs root or passwordless sudo;
# otherwise explains what to do. In CI (CI set) a missing Java is an error: the Spark test must run.
set -euo pipefail
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then exit 0; fi
if command -v java >/dev/null 2>&1; then exit 0; fi
echo "Installing openjdk-17-jre-headless from Debian's packages (for the Spark screening engine)"
if [ "$(id -u)" = "0" ]; then SUDO=""; elif sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
  echo "Java is not installed and this user cannot install it: run 'sudo apt-get install openjdk-17-jre-headless'" >&2
  if [ -n "${CI:-}" ]; then exit 1; fi
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# The package's post-install script needs the man page directory Debian's slim images leave out.
$SUDO mkdir -p /usr/share/man/man1
$SUDO apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless >/dev/null
java -version 2>&1 | head -1
