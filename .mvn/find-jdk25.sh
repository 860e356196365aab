# Sourced (POSIX sh) by ./mvnw, ./stride and .ci/run: points JAVA_HOME at a JDK 25 or newer.
# Order: JAVA_HOME if it is 25+, then the usual JVM install folders (where the default JDK lives too),
# then the java on PATH. Stops with a message naming what it looked for when there is none.
stride_java_major() {
  # prints the feature version of the java binary $1 (e.g. 25), or nothing
  "$1" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}
stride_find_jdk25() {
  case $- in *f*) stride_noglob=1; set +f ;; *) stride_noglob= ;; esac
  stride_find_jdk25_inner; stride_rc=$?
  [ -z "$stride_noglob" ] || set -f
  return $stride_rc
}
stride_find_jdk25_inner() {
  if [ -n "${JAVA_HOME-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    v=$(stride_java_major "$JAVA_HOME/bin/java")
    if [ -n "$v" ] && [ "$v" -ge 25 ]; then return 0; fi
  fi
  for d in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /usr/local/lib/jvm/* \
           "${HOME-}"/.sdkman/candidates/java/* "${HOME-}"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -x "$d/bin/javac" ] || continue
    v=$(stride_java_major "$d/bin/java")
    if [ -n "$v" ] && [ "$v" -ge 25 ]; then JAVA_HOME=$d; export JAVA_HOME; return 0; fi
  done
  if command -v javac >/dev/null 2>&1; then
    d=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    v=$(stride_java_major "$d/bin/java")
    if [ -n "$v" ] && [ "$v" -ge 25 ]; then JAVA_HOME=$d; export JAVA_HOME; return 0; fi
  fi
  echo "Stride needs a JDK 25 or newer and found none." >&2
  echo "Looked at: JAVA_HOME (${JAVA_HOME:-unset}), /usr/lib/jvm/*, /usr/java/*, /opt/java/*, /opt/jdk*," >&2
  echo "  /usr/local/lib/jvm/*, ~/.sdkman/candidates/java/*, ~/.jdks/*, and the javac on PATH." >&2
  echo "Install a JDK 25 (e.g. Temurin 25) or set JAVA_HOME to one." >&2
  return 1
}
