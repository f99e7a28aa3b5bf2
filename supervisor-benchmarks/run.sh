#!/usr/bin/env bash
# Reproduces every result in BENCHMARKS.md: builds the benchmark jar, then runs
#   1. restart throughput (JMH, one run, all contenders side by side),
#   2. scale: N idle workers, start/stop time and retained heap per worker,
#   3. start-up cost of the Spring Boot auto-configuration with 100 @Supervised beans,
#   4. shutdown: cooperative workers, and one worker that ignores interrupts,
#   6. Spring at scale: a running Boot web application given 100,000 workers (adding them, the
#      endpoint list whole and filtered, the Prometheus scrape, health, over real HTTP).
# Everything runs on JDK 25 (virtual threads). Takes about 6 minutes on 2 cores.
# Output: supervisor-benchmarks/target/results/ (JMH text and CSV, one log per part).
set -euo pipefail

cd "$(dirname "$0")/.."
JAVA_HOME_25=${JAVA_HOME_25:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME_25/bin/java"
JAR=supervisor-benchmarks/target/benchmarks.jar
OUT=supervisor-benchmarks/target/results
# Short on purpose: the machine is shared with other builds. Pekko needs ~6 s to warm up.
JMH_OPTS=${JMH_OPTS:--f 2 -wi 6 -w 1s -i 5 -r 1s}

./mvnw -q -Pbenchmarks -pl supervisor-benchmarks -am package -DskipTests
# Part 3 runs on the dependency jars, as an extracted Spring Boot application does.
SPRING_CP=supervisor-benchmarks/target/classes:$(cat supervisor-benchmarks/target/classpath.txt)
# Part 6 also needs the web server, the actuator and the Prometheus registry (provided scope).
SPRING_WEB_CP=supervisor-benchmarks/target/classes:$(cat supervisor-benchmarks/target/classpath-web.txt)
mkdir -p "$OUT"

echo "== machine"
{
  echo "cores: $(nproc)"
  java -version 2>&1 | head -1
  "$JAVA" -version 2>&1 | head -1
  uptime
} | tee "$OUT/machine.txt"

echo "== 1. restart throughput (JMH $JMH_OPTS)"
# shellcheck disable=SC2086
"$JAVA" -jar "$JAR" RestartThroughputBenchmark $JMH_OPTS \
  -rf csv -rff "$OUT/restart.csv" -o "$OUT/restart.txt"
sed -n '/^Benchmark /,$p' "$OUT/restart.txt"

echo "== 2. scale (kind | idle | workers | start ms | all in run() ms | stop ms | bare thread B | beyond B)"
scale() {
  "$JAVA" -Xms4g -Xmx4g -cp "$JAR" dev.supervisor.benchmarks.ScaleBenchmark "$@"
}
{
  scale platform 1000 3
  scale platform 5000 3
  scale virtual 1000 3
  scale virtual 10000 3
  scale virtual 100000 3
  scale virtual 100000 3 sleep
} > "$OUT/scale.txt"
grep '^RESULT' "$OUT/scale.txt"

echo "== 3. start-up cost, 100 @Supervised beans (medians of 40 starts and closes after 15 uncounted)"
"$JAVA" -Xms1g -Xmx1g -cp "$SPRING_CP" dev.supervisor.benchmarks.startup.StartupBenchmark 15 40 \
  > "$OUT/startup.txt"
grep -E '^(CHECK|RESULT)' "$OUT/startup.txt"

echo "== 4. shutdown (kind | workers | cooperative ms | timeout ms | stuck delay median ms | max ms)"
{
  "$JAVA" -Xms2g -Xmx2g -cp "$JAR" dev.supervisor.benchmarks.ShutdownBenchmark virtual 10000 5 1000
  "$JAVA" -Xms2g -Xmx2g -cp "$JAR" dev.supervisor.benchmarks.ShutdownBenchmark platform 5000 3 3000
} > "$OUT/shutdown.txt"
grep '^RESULT' "$OUT/shutdown.txt"
echo "== 6. Spring at scale, 100,000 workers (table: shared tags, table: per-key tags, plain workers beside a bare supervisor)"
{
  for scenario in table "table per-key" plain; do
    # shellcheck disable=SC2086
    "$JAVA" -Xms4g -Xmx4g -cp "$SPRING_WEB_CP" dev.supervisor.benchmarks.scale.SpringScaleBenchmark 100000 5 $scenario 2>&1
  done
} | grep -E '^(RESULT|TIMES)' > "$OUT/spring-scale.txt"
grep '^RESULT' "$OUT/spring-scale.txt"
echo "load at the end: $(uptime)" | tee -a "$OUT/machine.txt"
echo "Done. Details in $OUT"
