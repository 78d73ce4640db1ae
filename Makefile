# Billing reports service. `make run` starts the demo on the embedded H2 database; `make test`
# runs every test. Only a JDK 17 and Maven are needed.

MVN ?= mvn -B --no-transfer-progress
JAR := target/billing-reports-0.1.0-SNAPSHOT.jar
# The jar extracted, with a class data sharing archive of what start-up loads (made once per build, by
# a training start on a scratch database): the JVM maps those classes instead of loading them, so the
# service and the command line start in about half the time. See Spring Boot's "Class Data Sharing".
APP := target/app
APP_JAR := $(APP)/billing-reports-0.1.0-SNAPSHOT.jar
CDS := $(APP)/application.jsa
JAVA := java -XX:SharedArchiveFile=$(CDS) -Xlog:cds=off -Xlog:cds+dynamic=off
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

build: $(CDS)

$(JAR): $(SOURCES)
	$(MVN) package -DskipTests

$(CDS): $(JAR)
	rm -rf $(APP) target/cds-training
	java -Djarmode=tools -jar $(JAR) extract --destination $(APP)
	@echo "Recording the classes that start-up loads (class data sharing)..."
	java -XX:ArchiveClassesAtExit=$(CDS) -Xlog:cds=off -Xlog:cds+dynamic=off -Dspring.context.exit=onRefresh \
	    -jar $(APP_JAR) --spring.profiles.active=demo --billing.data-dir=target/cds-training --server.port=0 \
	    --logging.level.root=warn
	rm -rf target/cds-training

test:
	mvn -B --no-transfer-progress verify

bench: $(CDS)
	$(MVN) -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
	java -Xmx$(BENCH_HEAP) $(BENCH_JAVA_OPTS) -cp target/classes:target/test-classes:$$(cat target/bench.classpath) \
	    org.billingreports.bench.Benchmark --records=$(BENCH_RECORDS) --db=$(BENCH_DB) \
	    --repeat=$(BENCH_REPEAT) --import-records=$(BENCH_IMPORT_RECORDS) --jar=$(APP_JAR) --cds=$(CDS) $(ARGS)

run: $(CDS)
	$(JAVA) -jar $(APP_JAR) --spring.profiles.active=demo --server.port=$(PORT) $(ARGS)

run-postgres: $(CDS)
	SPRING_DATASOURCE_URL='$(PG_URL)' SPRING_DATASOURCE_USERNAME='$(PG_USER)' \
	SPRING_DATASOURCE_PASSWORD='$(PG_PASSWORD)' \
	$(JAVA) -jar $(APP_JAR) --spring.profiles.active=demo --server.port=$(PORT) $(ARGS)

run-worker: $(CDS)
	SPRING_DATASOURCE_URL='$(PG_URL)' SPRING_DATASOURCE_USERNAME='$(PG_USER)' \
	SPRING_DATASOURCE_PASSWORD='$(PG_PASSWORD)' \
	$(JAVA) -jar $(APP_JAR) --billing.partitioning.mode=remote --billing.partitioning.worker=true \
	    --billing.node-name=$$(hostname)-$(WORKER_PORT) --server.port=$(WORKER_PORT) $(ARGS)

report: $(CDS)
	@$(JAVA) -jar $(APP_JAR) report --account=$(ACCOUNT) --start=$(START) --end=$(END) $(ARGS)

import: $(CDS)
	@$(JAVA) -jar $(APP_JAR) import $(FILE) --account=$(ACCOUNT) $(ARGS)

status: $(CDS)
	@$(JAVA) -jar $(APP_JAR) status $(REPORT) $(ARGS)

restart: $(CDS)
	@$(JAVA) -jar $(APP_JAR) restart $(REPORT) $(ARGS)

clean:
	$(MVN) clean
