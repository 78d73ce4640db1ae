package org.billingreports.batch;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReadableFailuresTest {

	@Test
	void aSavedStackTraceGivesItsInnermostCausesMessage() {
		assertThat(ReadableFailures.reason("java.lang.IllegalStateException: injected failure for customer c\n"
				+ "\tat org.billingreports.X.y(X.java:1)\n")).isEqualTo("injected failure for customer c");
		assertThat(ReadableFailures.reason("org.springframework.dao.DataAccessResourceFailureException: boom\n"
				+ "\tat a.b.C.d(C.java:2)\nCaused by: org.postgresql.util.PSQLException: Connection refused\n"
				+ "\tat e.f.G.h(G.java:3)\n")).isEqualTo("Connection refused");
		assertThat(ReadableFailures.reason("java.util.concurrent.TimeoutException\n\tat a.B.c(B.java:4)"))
			.isEqualTo("TimeoutException");
	}

	@Test
	void aPlainReasonStaysAsItIs() {
		assertThat(ReadableFailures.reason("the worker w1 stopped answering")).isEqualTo("the worker w1 stopped answering");
		assertThat(ReadableFailures.reason("")).isEqualTo("no cause was recorded");
		assertThat(ReadableFailures.reason(null)).isEqualTo("no cause was recorded");
	}

}
