package org.billingreports.billingjob;

import org.springframework.batch.core.listener.ItemWriteListener;

/**
 * A listener another part of the service (or a test) adds to the rating step, without the job
 * knowing it: it hears of each chunk of id ranges before and after it is rated, in its transaction.
 */
public interface RatingListener extends ItemWriteListener<IdRange> {
}
