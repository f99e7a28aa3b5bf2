#!/usr/bin/env bash
# Reproduces every result in BENCHMARKS.md: builds the benchmark jar, then runs, in numbered parts,
#   1. restart throughput (JMH, one run, all contenders side by side),
#   2. scale: N idle workers (up to 1,000,000), start/stop time and retained heap per worker,
#   3. start-up cost of the Spring Boot auto-configuration with 100 @Supervised beans,
#   4. shutdown: cooperative workers, and one worker that ignores interrupts,
#   5. group restarts: one-for-all against one-for-one (JMH),
#   6. Spring at scale: a running Boot web application given 100,000 workers (adding them, the
#      endpoint list whole and filtered, the Prometheus scrape, health, over real HTTP).
# Everything runs on JDK 25 (virtual threads). Parts 1-5: an estimated 8-9 minutes on 2 idle cores.
# PARTS selects parts (default: all), e.g. PARTS="1 5" supervisor-benchmarks/run.sh
# Output: supervisor-benchmarks/target/results/ (JMH text and CSV, one log per part).
set -euo pipefail

cd "$(dirname "$0")/.."
JAVA_HOME_25=${JAVA_HOME_25:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME_25/bin/java"
JAR=supervisor-benchmarks/target/benchmarks.jar
OUT=supervisor-benchmarks/target/results
# Short on purpose: the machine is shared with other builds. Pekko needs ~6 s to warm up.
JMH_OPTS=${JMH_OPTS:--f 2 -wi 6 -w 1s -i 5 -r 1s}
GROUP_JMH_OPTS=${GROUP_JMH_OPTS:--f 1 -wi 3 -w 1s -i 5 -r 1s}
PARTS=${PARTS:-1 2 3 4 5 6}
part() { [[ " $PARTS " == *" $1 "* ]]; }

# Maven reads extra options from MAVEN_ARGS, e.g. MAVEN_ARGS="-Dmaven.repo.local=/path/to/repo".
./mvnw -q -Pbenchmarks -pl supervisor-benchmarks -am package -DskipTests
# Part 3 runs on the dependency jars, as an extracted Spring Boot application does.
SPRING_CP=supervisor-benchmarks/target/classes:$(cat supervisor-benchmarks/target/classpath.txt)
# Part 6 also needs the web server, the actuator and the Prometheus registry (provided scope).
SPRING_WEB_CP=supervisor-benchmarks/target/classes:$(cat supervisor-benchmarks/target/classpath-web.txt)
mkdir -p "$OUT"
BEGIN=$(date +%s)

echo "== machine"
{
  echo "cores: $(nproc)"
  java -version 2>&1 | head -1
  "$JAVA" -version 2>&1 | head -1
  uptime
} | tee "$OUT/machine.txt"

if part 1; then
  echo "== 1. restart throughput (JMH $JMH_OPTS)"
  # The fresh-thread-per-run diagnostics (threadPerRun*) are left out; run them by name.
  # shellcheck disable=SC2086
  "$JAVA" -jar "$JAR" 'RestartThroughputBenchmark\.(bareLoop|pekko|supervisor.*)' $JMH_OPTS \
    -rf csv -rff "$OUT/restart.csv" -o "$OUT/restart.txt"
  sed -n '/^Benchmark /,$p' "$OUT/restart.txt"
fi

if part 2; then
  echo "== 2. scale (kind | idle | workers | start ms | all in run() ms | stop ms | bare thread B | beyond B | beyond without parked stacks B | bare threads: all parked ms | released and joined ms)"
  scale() {
    local heap=$1
    shift
    "$JAVA" "-Xms$heap" "-Xmx$heap" -cp "$JAR" dev.supervisor.benchmarks.ScaleBenchmark "$@"
  }
  {
    scale 4g platform 5000 3
    scale 4g virtual 10000 3
    scale 4g virtual 100000 3
    scale 4g virtual 100000 3 sleep
    # About 2.5 KB a worker with its parked stack, 1,000,000 of them twice (bare, supervised).
    scale 8g virtual 1000000 1
  } > "$OUT/scale.txt"
  grep '^RESULT' "$OUT/scale.txt"
fi

if part 3; then
  echo "== 3. start-up cost, 100 @Supervised beans (medians of 40 starts and closes after 15 uncounted)"
  "$JAVA" -Xms1g -Xmx1g -cp "$SPRING_CP" dev.supervisor.benchmarks.startup.StartupBenchmark 15 40 \
    > "$OUT/startup.txt"
  grep -E '^(CHECK|RESULT)' "$OUT/startup.txt"
fi

if part 4; then
  echo "== 4. shutdown (kind | workers | cooperative ms | timeout ms | stuck delay median ms | max ms)"
  {
    "$JAVA" -Xms2g -Xmx2g -cp "$JAR" dev.supervisor.benchmarks.ShutdownBenchmark virtual 10000 5 1000
    "$JAVA" -Xms2g -Xmx2g -cp "$JAR" dev.supervisor.benchmarks.ShutdownBenchmark platform 5000 3 3000
  } > "$OUT/shutdown.txt"
  grep '^RESULT' "$OUT/shutdown.txt"
fi

if part 5; then
  echo "== 5. group restarts (JMH $GROUP_JMH_OPTS; ops/s = rounds of 10 member restarts)"
  # shellcheck disable=SC2086
  "$JAVA" -jar "$JAR" GroupRestartBenchmark $GROUP_JMH_OPTS \
    -rf csv -rff "$OUT/group.csv" -o "$OUT/group.txt"
  sed -n '/^Benchmark /,$p' "$OUT/group.txt"
fi

if part 6; then
  echo "== 6. Spring at scale, 100,000 workers (table: shared tags, table: per-key tags, plain workers beside a bare supervisor)"
  {
    # SCALE_EXTRA adds scenarios, e.g. SCALE_EXTRA='plain management.metrics.observations.ignored-meters=long-task-timer'
    for scenario in table "table per-key" plain ${SCALE_EXTRA:+"$SCALE_EXTRA"}; do
      # shellcheck disable=SC2086
      "$JAVA" -Xms4g -Xmx4g -cp "$SPRING_WEB_CP" dev.supervisor.benchmarks.scale.SpringScaleBenchmark 100000 5 $scenario 2>&1
    done
  } | grep -E '^(RESULT|TIMES)' > "$OUT/spring-scale.txt"
  grep '^RESULT' "$OUT/spring-scale.txt"
fi

echo "load at the end: $(uptime)" | tee -a "$OUT/machine.txt"
echo "took $(( $(date +%s) - BEGIN )) s after the build" | tee -a "$OUT/machine.txt"
echo "Done. Details in $OUT"
