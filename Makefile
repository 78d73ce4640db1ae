# Billing reports service. `make run` starts the demo on the embedded H2 database; `make test`
# runs every test. Only a JDK 17 and Maven are needed.

MVN ?= mvn -B -q
JAR := target/billing-reports-0.1.0-SNAPSHOT.jar
SOURCES := pom.xml $(shell find src/main sql jobs -type f 2>/dev/null)
PORT ?= 8080

.PHONY: build test run clean

build: $(JAR)

$(JAR): $(SOURCES)
	$(MVN) package -DskipTests

test:
	mvn -B --no-transfer-progress verify

run: $(JAR)
	java -jar $(JAR) --spring.profiles.active=demo --server.port=$(PORT)

clean:
	$(MVN) clean
