package org.billingreports.support;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import org.billingreports.billingjob.BillingRow;
import org.billingreports.billingjob.CallToRate;

/**
 * Wraps the real rating processor with a gate that can hold, or fail, the rating of a chosen
 * customer's calls. Import {@link Configuration} into a test to use {@link #GATE}.
 */
public final class RatingGate {

	public static final RatingGate GATE = new RatingGate();

	private final Map<String, CountDownLatch[]> held = new ConcurrentHashMap<>();

	private final Set<String> failing = ConcurrentHashMap.newKeySet();

	private final Set<Long> failingOnce = ConcurrentHashMap.newKeySet();

	/** @return a latch that opens when a call of the customer has arrived at the gate */
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

	/** Fails the rating of one call record, the first time only: a restart then gets past it. */
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

	void pass(CallToRate call) throws InterruptedException {
		if (this.failing.contains(call.customerId())) {
			throw new IllegalStateException("injected failure for customer " + call.customerId());
		}
		if (this.failingOnce.remove(call.id())) {
			throw new IllegalStateException("injected failure at call record " + call.id());
		}
		CountDownLatch[] latches = this.held.get(call.customerId());
		if (latches != null) {
			latches[0].countDown();
			latches[1].await(60, TimeUnit.SECONDS);
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	public static class Configuration {

		@Bean
		static BeanPostProcessor gateRating() {
			return new BeanPostProcessor() {
				@Override
				@SuppressWarnings("unchecked")
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					if (!beanName.equals("callRatingProcessor")) {
						return bean;
					}
					ItemProcessor<CallToRate, BillingRow> real = (ItemProcessor<CallToRate, BillingRow>) bean;
					return (ItemProcessor<CallToRate, BillingRow>) call -> {
						GATE.pass(call);
						return real.process(call);
					};
				}
			};
		}

	}

}
