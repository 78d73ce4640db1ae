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

.PHONY: build test run run-postgres report import status restart clean

build: $(JAR)

$(JAR): $(SOURCES)
	$(MVN) package -DskipTests

test:
	mvn -B --no-transfer-progress verify

run: $(JAR)
	java -jar $(JAR) --spring.profiles.active=demo --server.port=$(PORT)

run-postgres: $(JAR)
	SPRING_DATASOURCE_URL='$(PG_URL)' SPRING_DATASOURCE_USERNAME='$(PG_USER)' \
	SPRING_DATASOURCE_PASSWORD='$(PG_PASSWORD)' \
	java -jar $(JAR) --spring.profiles.active=demo --server.port=$(PORT)

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
