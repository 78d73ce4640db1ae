package org.billingreports.billingjob;

/** Call record ids from {@code first} to {@code last}, both included: what one chunk of rating rates. */
public record IdRange(long first, long last) {
}
