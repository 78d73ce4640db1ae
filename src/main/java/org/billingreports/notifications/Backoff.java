package org.billingreports.notifications;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long to wait after a failed delivery: {@code initial × 2^(failures−1)}, at most {@code max},
 * spread by ±20% so that receivers that fail together are not retried together.
 */
final class Backoff {

	static final double JITTER = 0.2;

	private final Duration initial;

	private final Duration max;

	Backoff(Duration initial, Duration max) {
		this.initial = initial;
		this.max = max;
	}

	/** @param failures how many attempts have failed so far, 1 or more */
	Duration after(int failures, RandomGenerator random) {
		long base = this.initial.toMillis();
		long capped = this.max.toMillis();
		for (int i = 1; i < failures && base < capped; i++) {
			base *= 2;
		}
		base = Math.min(base, capped);
		double spread = 1 + (random.nextDouble() * 2 - 1) * JITTER;
		return Duration.ofMillis(Math.max(1, Math.round(base * spread)));
	}

}
