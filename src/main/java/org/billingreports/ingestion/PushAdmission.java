package org.billingreports.ingestion;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

import org.billingreports.kernel.ApiException;

/**
 * Bounds the legs stored at once, so that a burst of posts waits its turn instead of exhausting the
 * database's connections; a leg that waits longer than {@code billing.calls.push.max-wait} is answered 503
 * with {@code Retry-After}, and the switch posts it again.
 */
@Component
class PushAdmission {

	private final Semaphore permits;

	private final PushProperties settings;

	PushAdmission(PushProperties settings) {
		this.settings = settings;
		this.permits = new Semaphore(settings.maxConcurrent(), true);
	}

	<T> T admitted(Supplier<T> work) {
		boolean admitted;
		try {
			admitted = this.permits.tryAcquire(this.settings.maxWait().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			admitted = false;
		}
		if (!admitted) {
			throw ApiException.unavailable("Overloaded", "Too many legs are being stored at the moment; post this one "
					+ "again in " + this.settings.retryAfter().toSeconds() + " seconds", this.settings.retryAfter());
		}
		try {
			return work.get();
		}
		finally {
			this.permits.release();
		}
	}

}
