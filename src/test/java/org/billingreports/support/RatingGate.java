package org.billingreports.support;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.billingreports.billingjob.IdRange;
import org.billingreports.billingjob.RatingListener;

/**
 * A gate before the rating of each chunk of call record ids, that can hold, or fail, the rating of a
 * chosen customer's calls (the first chunk that holds one of them) or of one call record. Import
 * {@link Configuration} into a test to use {@link #GATE}.
 */
public final class RatingGate {

	public static final RatingGate GATE = new RatingGate();

	private final Map<String, CountDownLatch[]> held = new ConcurrentHashMap<>();

	private final Set<String> failing = ConcurrentHashMap.newKeySet();

	private final Set<Long> failingOnce = ConcurrentHashMap.newKeySet();

	/** @return a latch that opens when a chunk with a call of the customer has arrived at the gate */
	public CountDownLatch hold(String customerId) {
		CountDownLatch arrived = new CountDownLatch(1);
		this.held.put(customerId, new CountDownLatch[] { arrived, new CountDownLatch(1) });
		return arrived;
	}

	public void release(String customerId) {
		this.held.get(customerId)[1].countDown();
	}

	public void fail(String customerId) {
		this.failing.add(customerId);
	}

	/** Fails the chunk that rates this call record, the first time only: a restart then gets past it. */
	public void failOnceAt(long callRecordId) {
		this.failingOnce.add(callRecordId);
	}

	public void heal(String customerId) {
		this.failing.remove(customerId);
	}

	public void releaseAll() {
		this.held.values().forEach(latches -> latches[1].countDown());
		this.held.clear();
		this.failing.clear();
		this.failingOnce.clear();
	}

	private boolean isIdle() {
		return this.held.isEmpty() && this.failing.isEmpty() && this.failingOnce.isEmpty();
	}

	void pass(IdRange range, JdbcClient jdbc) throws InterruptedException {
		if (isIdle()) {
			return;
		}
		for (Long id : List.copyOf(this.failingOnce)) {
			if (id >= range.first() && id <= range.last() && this.failingOnce.remove(id)) {
				throw new IllegalStateException("injected failure at call record " + id);
			}
		}
		List<String> customers = jdbc.sql("SELECT DISTINCT customer_id FROM call_record WHERE id >= ? AND id <= ?")
			.params(range.first(), range.last())
			.query(String.class)
			.list();
		for (String customer : customers) {
			if (this.failing.contains(customer)) {
				throw new IllegalStateException("injected failure for customer " + customer);
			}
			CountDownLatch[] latches = this.held.get(customer);
			if (latches != null) {
				latches[0].countDown();
				latches[1].await(60, TimeUnit.SECONDS);
			}
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	public static class Configuration {

		@Bean
		RatingListener ratingGate(DataSource dataSource) {
			JdbcClient jdbc = JdbcClient.create(dataSource);
			return new RatingListener() {
				@Override
				public void beforeWrite(Chunk<? extends IdRange> ranges) {
					try {
						for (IdRange range : ranges) {
							GATE.pass(range, jdbc);
						}
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						throw new IllegalStateException(ex);
					}
				}
			};
		}

	}

}
