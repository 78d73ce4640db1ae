# Billing reports service. `make run` starts the demo on the embedded H2 database; `make test`
# runs every test. Only a JDK 17 and Maven are needed.

MVN ?= mvn -B -q
JAR := target/billing-reports-0.1.0-SNAPSHOT.jar
SOURCES := pom.xml $(shell find src/main sql jobs -type f 2>/dev/null)
PORT ?= 8080

# PostgreSQL for `make run-postgres`; one-time setup: createdb -h 127.0.0.1 -U postgres billing
PG_URL ?= jdbc:postgresql://127.0.0.1:5432/billing
PG_USER ?= postgres
PG_PASSWORD ?=

# The command line, on the same configuration as `make run` (its H2 file, or SPRING_DATASOURCE_URL):
#   make report ACCOUNT=demo START=2026-10-01 END=2026-10-31 [ARGS=--include-customer-ids]
#   make import FILE=calls.csv ACCOUNT=demo [ARGS=--format=native]
#   make status REPORT=<id>      make restart REPORT=<id>
ARGS ?=

# The benchmark (not a test): N call records billed by the job and by the SQL baseline, and an
# Asterisk import, on H2 and on PostgreSQL when reachable. Medians of BENCH_REPEAT runs.
#   make bench [BENCH_RECORDS=1000000] [BENCH_DB=h2,postgres,h2-write-delay] [BENCH_REPEAT=3] [BENCH_HEAP=256m]
#   (h2-write-delay: H2 with its own WRITE_DELAY=500 instead of our 0: what durability costs)
BENCH_RECORDS ?= 1000000
BENCH_DB ?= h2,postgres
BENCH_REPEAT ?= 3
BENCH_IMPORT_RECORDS ?= 500000
BENCH_HEAP ?= 256m
# e.g. BENCH_JAVA_OPTS=-XX:StartFlightRecording=filename=target/bench.jfr to see where the time goes
BENCH_JAVA_OPTS ?=

# A worker of remote partitioning (README "Several machines"), on PG_URL and RabbitMQ (the standard
# spring.rabbitmq.* settings, default localhost:5672): make run-worker [WORKER_PORT=8081]
WORKER_PORT ?= 8081

.PHONY: build test bench run run-postgres run-worker report import status restart clean

build: $(JAR)

$(JAR): $(SOURCES)
	$(MVN) package -DskipTests

test:
	mvn -B --no-transfer-progress verify

bench:
	$(MVN) test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
	java -Xmx$(BENCH_HEAP) $(BENCH_JAVA_OPTS) -cp target/classes:target/test-classes:$$(cat target/bench.classpath) \
	    org.billingreports.bench.Benchmark --records=$(BENCH_RECORDS) --db=$(BENCH_DB) \
	    --repeat=$(BENCH_REPEAT) --import-records=$(BENCH_IMPORT_RECORDS) $(ARGS)

run: $(JAR)
	java -jar $(JAR) --spring.profiles.active=demo --server.port=$(PORT) $(ARGS)

run-postgres: $(JAR)
	SPRING_DATASOURCE_URL='$(PG_URL)' SPRING_DATASOURCE_USERNAME='$(PG_USER)' \
	SPRING_DATASOURCE_PASSWORD='$(PG_PASSWORD)' \
	java -jar $(JAR) --spring.profiles.active=demo --server.port=$(PORT) $(ARGS)

run-worker: $(JAR)
	SPRING_DATASOURCE_URL='$(PG_URL)' SPRING_DATASOURCE_USERNAME='$(PG_USER)' \
	SPRING_DATASOURCE_PASSWORD='$(PG_PASSWORD)' \
	java -jar $(JAR) --billing.partitioning.mode=remote --billing.partitioning.worker=true \
	    --billing.node-name=$$(hostname)-$(WORKER_PORT) --server.port=$(WORKER_PORT) $(ARGS)

report: $(JAR)
	java -jar $(JAR) report --account=$(ACCOUNT) --start=$(START) --end=$(END) $(ARGS)

import: $(JAR)
	java -jar $(JAR) import $(FILE) --account=$(ACCOUNT) $(ARGS)

status: $(JAR)
	java -jar $(JAR) status $(REPORT) $(ARGS)

restart: $(JAR)
	java -jar $(JAR) restart $(REPORT) $(ARGS)

clean:
	$(MVN) clean
